// Matrix multiplication explorer (mlmath.figures.linalg.matrix_multiplication).
// Args: a_entries, b_entries (3x3 lists of Spinner); a_rows, a_columns, b_rows, b_columns,
// cell_row, cell_column (Select); cells, labels, shapes, corners, frame (ColumnDataSource);
// readout (Div); maps_title (Title); gap, low, high, long_text (numbers); fonts (short,
// long); styles (MAP_STYLES: name, colour, dash, width per shape); fills, colors (palette
// colours). Mirrors _state(), _scheme(), _maps(), _maps_title() and _readout() in Python;
// tests/figures/test_matrix_multiplication.py compares the two.
const m = Number(a_rows.value), n = Number(a_columns.value)
const nb = Number(b_rows.value), p = Number(b_columns.value)
const range = (count) => Array.from({length: count}, (_, index) => index)
const fmt = (x) => fixed(x, 2, true)

// Show the spinners inside the chosen shapes; read their values (null: emptied).
const read = (entries, rows, columns) => {
  for (const r of range(3)) for (const c of range(3)) {
    const visible = r < rows && c < columns
    if (entries[r][c].visible !== visible) entries[r][c].visible = visible
  }
  return range(rows).map((r) => range(columns).map((c) => entries[r][c].value))
}
const A = read(a_entries, m, n), B = read(b_entries, nb, p)

// The entry to explain: keep it inside C's shape (m x p).
const clamp = (menu, count) => {
  const options = range(count).map((k) => String(k + 1))
  if (menu.options.join() !== options.join()) menu.options = options
  const value = Math.min(Number(menu.value), count)
  if (menu.value !== String(value)) menu.value = String(value)
  return value
}
const ci = clamp(cell_row, m), cj = clamp(cell_column, p)

const empty = []
for (const [letter, M] of [['a', A], ['b', B]])
  M.forEach((r, i) => r.forEach((v, k) => { if (v === null) empty.push(letter + sub(i + 1, k + 1)) }))
const fits = n === nb, defined = fits && empty.length === 0

// C = AB, summed in the order matrix_multiply() uses: term k = 1, 2, ... in turn.
const C = !defined ? null : range(m).map((i) => range(p).map((j) => {
  let sum = 0
  for (const k of range(n)) sum += A[i][k] * B[k][j]
  return sum
}))

// The row-meets-column scheme: A left of C, B above C.
const cell = {x: [], y: [], value: [], text: [], font_size: [], fill: [], line_color: [],
              line_width: [], matrix: [], row: [], column: []}
const add = (x, y, value, fill, matrix, r, c, chosen) => {
  const text = value === null ? '?' : fmt(value)
  cell.x.push(x); cell.y.push(y); cell.value.push(value); cell.text.push(text)
  cell.font_size.push(text.length >= long_text ? fonts[1] : fonts[0])
  cell.fill.push(fill); cell.line_color.push(chosen ? colors.green : colors.grey)
  cell.line_width.push(chosen ? 3 : 1); cell.matrix.push(matrix); cell.row.push(r)
  cell.column.push(c)
}
for (const i of range(m)) for (const k of range(n))
  add(-gap - n + k + 0.5, -(i + 0.5), A[i][k], i + 1 === ci ? fills.row : fills.plain, 'A',
      i + 1, k + 1, false)
for (const k of range(nb)) for (const j of range(p))
  add(j + 0.5, gap + nb - k - 0.5, B[k][j], j + 1 === cj ? fills.column : fills.plain, 'B',
      k + 1, j + 1, false)
if (defined) for (const i of range(m)) for (const j of range(p)) {
  const chosen = i + 1 === ci && j + 1 === cj
  add(j + 0.5, -(i + 0.5), C[i][j], chosen ? fills.entry : fills.plain, 'C', i + 1, j + 1,
      chosen)
}
cells.data = cell
labels.data = {
  x: [-gap - n / 2, -0.15, p / 2],
  y: [gap / 2, gap + nb / 2, -m - 0.35],
  text: [`A (${m}×${n})`, `B (${nb}×${p})`,
         defined ? `C = AB (${m}×${p})` : fits ? 'no AB yet' : `no AB: ${n} ≠ ${nb}`],
  align: ['center', 'right', 'center'],
  color: [colors.blue, colors.vermillion, defined ? colors.green : colors.vermillion],
}

// The unit square and its images under the top-left 2x2 corners of B, A and AB.
const square = [[0, 0], [1, 0], [1, 1], [0, 1]]
const shape = {xs: [], ys: [], color: [], dash: [], width: [], label: []}
const corner = {x: [], y: [], color: []}
const complete = (M) => M !== null && M.slice(0, 2).every((r) => r[0] !== null && r[1] !== null)
const matrices = {'unit square': null, B: B, A: A, AB: C}
for (const [name, color, dash, width] of styles) {
  const M = matrices[name]
  let points = []
  if (name === 'unit square') points = square
  else if (complete(M)) {
    points = square.map(([x, y]) => [M[0][0] * x + M[0][1] * y, M[1][0] * x + M[1][1] * y])
    corner.x.push(points[1][0]); corner.y.push(points[1][1]); corner.color.push(color)
  }
  shape.xs.push(points.map((q) => q[0])); shape.ys.push(points.map((q) => q[1]))
  shape.color.push(color); shape.dash.push(dash); shape.width.push(width)
  shape.label.push(name === 'unit square' || M !== null ? name : 'AB (not defined)')
}
shapes.data = shape
corners.data = corner

// The view: a square from -limit to limit (the plot's ranges follow these corners).
const largest = Math.max(...shape.xs.flat().map(Math.abs), ...shape.ys.flat().map(Math.abs))
const limit = Math.max(2, Math.ceil(1.15 * largest * 2) / 2)
frame.data = {x: [-limit, limit, limit, -limit], y: [-limit, -limit, limit, limit]}
// The corners compose unless a product a_i3 b_3j (i, j = 1, 2) is nonzero (_corners_compose).
const compose = !defined || n === 2 ||
  [0, 1].every((i) => [0, 1].every((j) => A[i][2] * B[2][j] === 0))
maps_title.text = !defined ? 'Unit square under B, A (no AB)'
  : m === 2 && n === 2 && p === 2 ? 'Unit square under B, A and AB'
  : !compose ? "2×2 corners: AB's ≠ A's after B's"
  : 'Unit square under 2×2 corners'

// The readout: C, then the chosen entry as a sum of products; or why there is no C.
if (empty.length > 0) {
  readout.text = `<b>${empty.join(', ')} ${empty.length > 1 ? 'are' : 'is'} empty:</b> ` +
    `type a number from ${fmt(low)} to ${fmt(high)}.`
} else if (!fits) {
  readout.text = `<b>No product AB:</b> A is ${m}×${n} and B is ${nb}×${p}. Each entry of AB ` +
    `pairs a row of A (${n} entries) with a column of B (${nb} entries), so A needs as many ` +
    `columns as B has rows, and ${n} ≠ ${nb}.`
} else {
  const rows = C.map((r) => `(${r.map(fmt).join(', ')})`).join(', ')
  const symbols = range(n).map((k) => `a${sub(ci, k + 1)}b${sub(k + 1, cj)}`).join(' + ')
  const numbers = range(n).map((k) => tint(paren(fmt(A[ci - 1][k])), 'blue') + ' × ' +
    tint(paren(fmt(B[k][cj - 1])), 'vermillion')).join(' + ')
  readout.text = `<b>C = AB</b> is ${m}×${p}, with rows ${rows}.<br>` +
    `<b>c${sub(ci, cj)}</b> = row ${ci} of A times column ${cj} of B = ${symbols} = ` +
    `${numbers} = <b>${fmt(C[ci - 1][cj - 1])}</b>`
}
