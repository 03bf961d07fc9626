// A data table as a matrix (mlmath.figures.linalg.matrices.fig_data_matrix).
// Args: row_slider, column_slider (Slider); toggle (Toggle); cells, headers, points
// (ColumnDataSource); readout (Div); texts (the entries as written); names (column names);
// toggle_labels (for A shown, for Aᵀ shown); fills, colors (objects).
// Mirrors _table_rows(), _point_rows() and _data_readout() in Python.
const i = row_slider.value, j = column_slider.value, transposed = toggle.active
const m = texts.length, n = texts[0].length
const SUB = '₀₁₂₃₄₅₆₇₈₉'
const sub = (...indices) => indices.join('').replace(/\d/g, (d) => SUB[d])

const cell = {x: [], y: [], text: [], fill: [], line_color: [], line_width: []}
for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) {
  const chosen = r + 1 === i && c + 1 === j
  const [x, y] = transposed ? [r, c] : [c, r]
  cell.x.push(x + 0.5); cell.y.push(-(y + 0.5)); cell.text.push(texts[r][c])
  cell.fill.push(chosen ? fills.entry : r + 1 === i ? fills.row : c + 1 === j ? fills.column
                 : fills.plain)
  cell.line_color.push(chosen ? colors.green : colors.grey); cell.line_width.push(chosen ? 3 : 1)
}

const houses = texts.map((_, r) => String(r + 1))
const across = transposed ? houses : names, down = transposed ? names : houses
const head = {x: [], y: [], text: [], align: [], color: []}
across.forEach((text, c) => {
  const chosen = c + 1 === (transposed ? i : j)
  head.x.push(c + 0.5); head.y.push(0.4); head.text.push(text); head.align.push('center')
  head.color.push(chosen ? (transposed ? colors.blue : colors.vermillion) : colors.text)
})
down.forEach((text, r) => {
  const chosen = r + 1 === (transposed ? j : i)
  head.x.push(-0.15); head.y.push(-(r + 0.5)); head.text.push(text); head.align.push('right')
  head.color.push(chosen ? (transposed ? colors.vermillion : colors.blue) : colors.text)
})
head.x.push(-0.15); head.y.push(0.4); head.text.push(transposed ? 'house →' : 'house ↓')
head.align.push('right'); head.color.push(colors.grey)

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
