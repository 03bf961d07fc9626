// A data table as a matrix (mlmath.figures.linalg.data_matrix).
// Args: row_slider, column_slider (Slider); toggle (Toggle); cells, headers, points
// (ColumnDataSource); readout (Div); texts (the entries as the table writes them);
// names (column names); toggle_labels (for A shown, for Aᵀ shown); fills, colors (palette
// colours). Mirrors _table(), _points() and _readout() in Python;
// tests/figures/test_data_matrix.py compares the two.
const i = row_slider.value, j = column_slider.value, transposed = toggle.active
const m = texts.length, n = texts[0].length

// Cell (r, c) of the matrix on screen sits at x = c + 0.5, y = -(r + 0.5).
const cell = {x: [], y: [], text: [], fill: [], line_color: [], line_width: []}
for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) {
  const chosen = r + 1 === i && c + 1 === j
  const [x, y] = transposed ? [r, c] : [c, r]
  cell.x.push(x + 0.5); cell.y.push(-(y + 0.5)); cell.text.push(texts[r][c])
  cell.fill.push(chosen ? fills.entry : r + 1 === i ? fills.row : c + 1 === j ? fills.column
                 : fills.plain)
  cell.line_color.push(chosen ? colors.green : colors.grey); cell.line_width.push(chosen ? 3 : 1)
}

// Headers above the columns, then left of the rows: houses or features, A or Aᵀ.
const houses = texts.map((_, r) => String(r + 1))
const across = transposed ? houses : names, down = transposed ? names : houses
const head = {x: [], y: [], text: [], align: [], color: []}
const header = (x, y, text, align, color) => {
  head.x.push(x); head.y.push(y); head.text.push(text); head.align.push(align)
  head.color.push(color)
}
across.forEach((text, c) => header(c + 0.5, 0.4, text, 'center',
  c + 1 === (transposed ? i : j) ? (transposed ? colors.blue : colors.vermillion) : colors.ink))
down.forEach((text, r) => header(-0.15, -(r + 0.5), text, 'right',
  r + 1 === (transposed ? j : i) ? (transposed ? colors.vermillion : colors.blue) : colors.ink))
header(-0.15, 0.4, transposed ? 'house →' : 'house ↓', 'right', colors.grey)

cells.data = cell
headers.data = head
points.data = {
  x: points.data.x, y: points.data.y, label: points.data.label,
  color: houses.map((_, r) => r + 1 === i ? colors.blue : colors.grey),
  size: houses.map((_, r) => r + 1 === i ? 16 : 9),
}

let text = `<b>Row ${i}</b> of A is house ${i}: (${texts[i - 1].join(', ')}). ` +
  `<b>Column ${j}</b> of A is ${names[j - 1]} for all ${m} houses: ` +
  `(${texts.map((r) => r[j - 1]).join(', ')}). Entry <b>a${sub(i, j)} = ${texts[i - 1][j - 1]}</b>.`
if (transposed)
  text += `<br>In Aᵀ (${n}×${m}) the same number is entry (Aᵀ)${sub(j, i)}: row ${i} ` +
    `of A is column ${i} of Aᵀ, and column ${j} of A is row ${j} of Aᵀ.`
readout.text = text
const label = toggle_labels[transposed ? 1 : 0]
if (toggle.label !== label) toggle.label = label
