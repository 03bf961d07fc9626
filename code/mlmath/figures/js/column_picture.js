// The column picture (mlmath.figures.linalg.column_picture).
// Args: columns, combination, area, span, note (ColumnDataSource), readout (Div),
// a11, a12, a21, a22, b1, b2 (Slider), limit, gap, note_at (numbers),
// heads ([head size, no head below]), colors ([blue, vermillion]).
// Mirrors mlmath.linalg.solution_set and det (Gaussian elimination with partial
// pivoting, rank_tolerance) operation for operation, then sources() and
// readout_text() in Python; tests/figures/test_column_picture.py compares the two.
const A11 = a11.value, A12 = a12.value, A21 = a21.value, A22 = a22.value
const B1 = b1.value, B2 = b2.value
const [BLUE, VERMILLION] = colors

// -- eliminate(): row echelon form of [A | b], the largest candidate as pivot ----
const eliminate = (rows, tol) => {
  const U = rows.map((r) => r.slice())
  const m = U.length, n = U[0].length
  const pivots = []
  let swaps = 0, row = 0
  for (let col = 0; col < n && row < m; col++) {
    let best = row  // the first of equally large candidates, as numpy.argmax
    for (let i = row + 1; i < m; i++) if (Math.abs(U[i][col]) > Math.abs(U[best][col])) best = i
    if (Math.abs(U[best][col]) <= tol) {
      for (let i = row; i < m; i++) U[i][col] = 0
      continue
    }
    if (best !== row) { [U[row], U[best]] = [U[best], U[row]]; swaps += 1 }
    for (let i = row + 1; i < m; i++) {
      const factor = U[i][col] / U[row][col]
      for (let j = col; j < n; j++) U[i][j] -= factor * U[row][j]
      U[i][col] = 0
    }
    pivots.push(col)
    row += 1
  }
  for (let i = row; i < m; i++) U[i] = U[i].map(() => 0)
  return {U, pivots, swaps}
}
// rank_tolerance(): max(m, n) · √ε · largest entry.
const augmented = [[A11, A12, B1], [A21, A22, B2]]
const largest = Math.max(...augmented.flat().map(Math.abs))
const tol = 3 * Math.sqrt(Number.EPSILON) * largest
const steps = eliminate(augmented, tol)
const pivots = steps.pivots.filter((p) => p < 2)
const rank = pivots.length, augmentedRank = steps.pivots.length
// _back_substitute(): pivot components from the bottom row up (at most one term each).
const backSubstitute = (U, piv, x) => {
  for (let i = piv.length - 1; i >= 0; i--) {
    const p = piv[i]
    let sum = 0
    for (let j = p + 1; j < 2; j++) sum += U[i][j] * x[j]
    x[p] = (x[p] - sum) / U[i][p]
  }
  return x
}
let particular = null
if (rank === augmentedRank) {
  const x = [0, 0]
  pivots.forEach((p, i) => { x[p] = steps.U[i][2] })
  particular = backSubstitute(steps.U, pivots, x)
}
// null_space(A) with the same tolerance: one vector per free column.
const nullSteps = eliminate([[A11, A12], [A21, A22]], tol)
const nullSpace = [0, 1].filter((j) => !nullSteps.pivots.includes(j)).map((f) => {
  const x = [0, 0]
  x[f] = 1
  return backSubstitute(nullSteps.U, nullSteps.pivots, x)
})
// det(): the pivots' product, signed by the swaps (A invertible: same pivots as above).
const determinant = rank === 2 ? (steps.swaps % 2 ? -1 : 1) * (steps.U[0][0] * steps.U[1][1]) : 0

// -- what the plot draws ----------------------------------------------------------
const head = (x0, y0, x1, y1) => Math.abs(x1 - x0) + Math.abs(y1 - y0) >= heads[1] ? heads[0] : 0
const tips = [[A11, A21], [A12, A22], [B1, B2]]
const spots = [[1, -1], [-1, 1], [1, 1]]
const atTip = ([x, y], i) => {
  const length = Math.hypot(x, y)
  return length === 0 ? [gap * spots[i][0], gap * spots[i][1]]
    : [x + gap * x / length, y + gap * y / length]
}
const tipLabels = tips.map(atTip)
columns.data = {
  x1: tips.map((t) => t[0]), y1: tips.map((t) => t[1]),
  head: tips.map(([x, y]) => head(0, 0, x, y)),
  color: columns.data.color, label: columns.data.label,
  label_x: tipLabels.map((p) => p[0]), label_y: tipLabels.map((p) => p[1]),
}

const pieces = {x0: [], y0: [], x1: [], y1: [], head: [], color: [], label: [],
  label_x: [], label_y: []}
if (particular !== null) {
  const [x1, x2] = particular
  const corner = [x1 * A11, x1 * A21]
  const end = [corner[0] + x2 * A12, corner[1] + x2 * A22]
  for (const [start, stop, color, label] of [[[0, 0], corner, BLUE, 'x₁a₁'],
    [corner, end, VERMILLION, 'x₂a₂']]) {
    const dx = stop[0] - start[0], dy = stop[1] - start[1]
    const length = Math.hypot(dx, dy)
    let [nx, ny] = length > 0 ? [dy / length, -dx / length] : [0, 0]
    if (dy * start[0] - dx * start[1] < 0) { nx = -nx; ny = -ny }  // away from the origin
    const h = head(start[0], start[1], stop[0], stop[1])
    pieces.x0.push(start[0]); pieces.y0.push(start[1])
    pieces.x1.push(stop[0]); pieces.y1.push(stop[1])
    pieces.head.push(h); pieces.color.push(color); pieces.label.push(h ? label : '')
    pieces.label_x.push(start[0] + dx / 2 + gap * nx)
    pieces.label_y.push(start[1] + dy / 2 + gap * ny)
  }
}
combination.data = pieces

area.data = rank === 2 ? {
  xs: [[0, A11, A11 + A12, A12]], ys: [[0, A21, A21 + A22, A22]],
  color: [determinant > 0 ? BLUE : VERMILLION], text: [`det A = ${fixed(determinant, 2)}`],
  cx: [(A11 + A12) / 2], cy: [(A21 + A22) / 2],
} : {xs: [], ys: [], color: [], text: [], cx: [], cy: []}

if (rank === 1) {
  const [dx, dy] = A11 !== 0 || A21 !== 0 ? [A11, A21] : [A12, A22]
  const reach = 2 * limit / Math.hypot(dx, dy)
  span.data = {x0: [-reach * dx], y0: [-reach * dy], x1: [reach * dx], y1: [reach * dy]}
} else {
  span.data = {x0: [], y0: [], x1: [], y1: []}
}

let words = ''
if (rank === 1) {
  words = particular !== null ? 'Columns on one line; b is on it:\ninfinitely many solutions'
    : 'Columns on one line; b is off it:\nno solution'
} else if (rank === 0) {
  words = particular !== null ? 'Both columns are 0, and so is b:\nevery x solves A x = b'
    : 'Both columns are 0:\nno x reaches b'
}
note.data = words ? {x: [0], y: [note_at * limit], text: [words]} : {x: [], y: [], text: []}

// -- the readout ------------------------------------------------------------------
const vector = (v) => `(${fixed(v[0], 2)}, ${fixed(v[1], 2)})`
const ranks = `rank A = ${rank}, rank [A | b] = ${augmentedRank}`
if (rank === 2) {
  const sign = determinant > 0 ? 'positive, as a₂ is counter-clockwise from a₁'
    : 'negative, as a₂ is clockwise from a₁ (A flips the plane)'
  readout.text = `<b>One solution: x₁ = ${fixed(particular[0], 2)}, ` +
    `x₂ = ${fixed(particular[1], 2)}</b> · det A = ${fixed(determinant, 2)}, ` +
    `the signed area: ${sign}`
} else if (particular === null) {
  const where = rank === 1 ? 'off the line a₁ and a₂ span' : 'not 0'
  readout.text = `<b>No solution</b>: b is ${where} · ${ranks} · det A = 0`
} else if (rank === 1) {
  readout.text = `<b>Infinitely many solutions</b>: x = ${vector(particular)} + t ` +
    `${vector(nullSpace[0])} for every number t · ${ranks} · det A = 0`
} else {
  readout.text = `<b>Every x is a solution</b>: A = 0 and b = 0 · ${ranks} · det A = 0`
}
