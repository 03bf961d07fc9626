// The linear transformation (mlmath.figures.linalg.linear_transformation).
// Args: ring, image, lines, arrows, note (ColumnDataSource), readout (Div),
// a11, a12, a21, a22 (Slider), limit, label_at, note_at, tolerance (numbers),
// heads ([ring head, eigen head, no head below]), styles ([colour, dash] of each line).
// Mirrors mlmath.linalg.eigen_2x2 (the characteristic polynomial) and
// linalg.transform_points, then sources() and readout_text() in Python, operation for
// operation; tests/figures/test_linear_transformation.py compares the two.
const a = a11.value, b = a12.value, c = a21.value, d = a22.value

// -- eigen_2x2: trace, determinant, discriminant, and the case they decide -----
// (Python first divides A by a power of two; that is exact, so the bits are the same.)
const trace = a + d
const det = a * d - b * c
const disc = (a - d) * (a - d) + 4 * b * c
const discScale = (a - d) * (a - d) + 4 * Math.abs(b * c)

const unit = (x, y) => {  // length 1, larger component positive
  const largest = Math.max(Math.abs(x), Math.abs(y))
  x /= largest; y /= largest
  const length = Math.sqrt(x * x + y * y)
  x /= length; y /= length
  if ((Math.abs(x) >= Math.abs(y) ? x : y) < 0) { x = -x; y = -y }
  return [x + 0, y + 0]
}
const eigenvector = (lam) => {  // a row of A - λI, turned by 90 degrees
  const r1 = [b, lam - a], r2 = [lam - d, c]
  const n1 = r1[0] * r1[0] + r1[1] * r1[1], n2 = r2[0] * r2[0] + r2[1] * r2[1]
  return n1 >= n2 ? unit(r1[0], r1[1]) : unit(r2[0], r2[1])
}

let kind, values, vectors = [], everyVector = false
const largestEntry = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d))
if (largestEntry === 0) {
  kind = 'repeated'; values = [0, 0]; everyVector = true
} else if (Math.abs(disc) <= tolerance * discScale) {
  const lam = trace / 2
  kind = 'repeated'; values = [lam, lam]
  const residual = Math.max(Math.abs(a - lam), Math.abs(b), Math.abs(c), Math.abs(d - lam))
  everyVector = residual <= tolerance * largestEntry
  if (!everyVector) vectors = [eigenvector(lam)]
} else if (disc < 0) {
  kind = 'complex'; values = [trace / 2, Math.sqrt(-disc) / 2]  // real and imaginary parts
} else {
  const root = Math.sqrt(disc)
  const big = trace >= 0 ? (trace + root) / 2 : (trace - root) / 2
  const other = det / big
  kind = 'distinct'; values = [Math.max(big, other), Math.min(big, other)]
  vectors = values.map(eigenvector)
}

// -- what the plot draws ----------------------------------------------------------
// transform_points: row r of X Aᵀ, its sums in order (0 + x a₁₁ + y a₁₂ = x a₁₁ + y a₁₂).
const apply = (xs, ys) => [xs.map((x, i) => x * a + ys[i] * b),
  xs.map((x, i) => x * c + ys[i] * d)]
const [rx, ry] = apply(ring.data.vx, ring.data.vy)
const [ix, iy] = apply(image.data.cx, image.data.cy)
const head = (x, y, size) => Math.abs(x) + Math.abs(y) >= heads[2] ? size : 0

const label = (i) => kind === 'repeated' ? `λ = ${fixed(values[i], 2)} (twice)`
  : `λ${sub(i + 1)} = ${fixed(values[i], 2)}`
const reach = limit * Math.sqrt(2)
const L = {x0: [], y0: [], x1: [], y1: [], color: [], dash: []}
const R = {vx: [], vy: [], x1: [], y1: [], head: [], color: [], label: [], label_x: [], label_y: []}
vectors.forEach(([vx, vy], i) => {
  const lam = values[i]
  L.x0.push(-reach * vx); L.y0.push(-reach * vy); L.x1.push(reach * vx); L.y1.push(reach * vy)
  L.color.push(styles[i][0]); L.dash.push(styles[i][1])
  const along = label_at * limit / Math.max(Math.abs(vx), Math.abs(vy))
  R.vx.push(vx); R.vy.push(vy); R.x1.push(lam * vx); R.y1.push(lam * vy)
  R.head.push(head(lam * vx, lam * vy, heads[1]))
  R.color.push(styles[i][0]); R.label.push(label(i))
  R.label_x.push(along * vx); R.label_y.push(along * vy)
})
// On two lines, which fit a phone's plot.
const noteText = kind === 'complex' ? 'Complex eigenvalues:\nno real vector keeps its direction'
  : everyVector ? `A = ${fixed(values[0], 2)} I:\nevery vector is an eigenvector` : ''

ring.data = {vx: ring.data.vx, vy: ring.data.vy, x1: rx, y1: ry,
  head: rx.map((x, i) => head(x, ry[i], heads[0]))}
image.data = {cx: image.data.cx, cy: image.data.cy, x: ix, y: iy}
lines.data = L
arrows.data = R
note.data = noteText ? {x: [0], y: [note_at * limit], text: [noteText]} : {x: [], y: [], text: []}

// -- the readout ---------------------------------------------------------------
const invariants = `tr A = ${fixed(trace, 2)}, det A = ${fixed(det, 2)}`
const vec = ([x, y]) => `(${fixed(x, 2)}, ${fixed(y, 2)})`
let text
if (kind === 'complex') {
  text = `<b>Complex eigenvalues</b> λ = ${fixed(values[0], 2)} ± ${fixed(values[1], 2)}i: ` +
    'no real vector stays on its own line; A turns every direction. · ' + invariants
} else if (everyVector) {
  text = `<b>A = ${fixed(values[0], 2)} I</b>: every vector is an eigenvector, ` +
    `with λ = ${fixed(values[0], 2)} (twice). · ` + invariants
} else if (kind === 'repeated') {
  text = `<b>λ = ${fixed(values[0], 2)} twice</b>, but one line of eigenvectors only, ` +
    `along ${vec(vectors[0])}. · ` + invariants
} else {
  text = `<b>λ₁ = ${fixed(values[0], 2)}</b> along ${vec(vectors[0])} · ` +
    `<b>λ₂ = ${fixed(values[1], 2)}</b> along ${vec(vectors[1])} · ` + invariants
}
readout.text = text
