// The cross-validation explorer (mlmath.figures.probability.cross_validation_explorer).
// Args: k_slider, degree_slider (Slider), readout (Div), degree_line (Span); the sources
// train_cells, held_cells, fold_labels, fold_errors, fit, fold_fits, cv, best; x, y (the 30
// points), training (the training MSE of every degree, from Python), max_degree,
// curve_points, rows_height, row_gap, text_x, noise_variance. Mirrors page_state() in Python,
// where the numbers come from mlmath.probability; tests/figures/test_cross_validation_explorer.py
// compares the two for every k and degree, the largest ones included.

// polynomial fit: begin
// As mlmath.probability.fit_polynomial: x scaled to t in [-1, 1], Legendre columns, and least
// squares as mlmath.linalg.lstsq does it, by modified Gram-Schmidt on [X | y] and back
// substitution (never XᵀX), in the same order of operations. On [-1, 1] the Legendre columns
// are far from dependent where the powers 1, t, ..., t¹⁵ are nearly so, which keeps the fits
// at degree 15 accurate to about twelve digits.
const legendreRow = (t, degree) => {
  const row = [1]
  if (degree >= 1) row.push(t)
  for (let n = 1; n < degree; n++) row.push(((2 * n + 1) * t * row[n] - n * row[n - 1]) / (n + 1))
  return row
}

// The least-squares weights of X w ≈ y, X given by its rows (independent columns).
const leastSquares = (rows, y) => {
  const m = rows.length, d = rows[0].length, n = d + 1
  const columns = Array.from({length: d}, (_, j) => rows.map((row) => row[j]))
  columns.push(y.slice())
  let scale = 0
  for (let j = 0; j < d; j++) {
    let squares = 0
    for (const value of columns[j]) squares += value * value
    scale = Math.max(scale, Math.sqrt(squares))
  }
  // A column whose remainder is shorter than this adds no new direction (as in Python).
  const tolerance = Number.EPSILON * Math.max(m, n) * Math.max(scale, Number.MIN_VALUE)
  const Q = [], R = Array.from({length: n}, () => new Array(n).fill(0)), kept = []
  for (let j = 0; j < n; j++) {
    const v = columns[j].slice()
    for (const k of kept) {
      let r = 0
      for (let i = 0; i < m; i++) r += Q[k][i] * v[i]
      R[k][j] = r
      for (let i = 0; i < m; i++) v[i] -= r * Q[k][i]
    }
    let squares = 0
    for (const value of v) squares += value * value
    const length = Math.sqrt(squares)
    if (length > tolerance) {
      R[j][j] = length
      Q[j] = v.map((value) => value / length)
      kept.push(j)
    }
  }
  const w = new Array(d).fill(0)
  for (let i = d - 1; i >= 0; i--) {
    let known = 0
    for (let j = i + 1; j < d; j++) known += R[i][j] * w[j]
    w[i] = (R[i][d] - known) / R[i][i]
  }
  return w
}

// The polynomial of the given degree fitted to (xs, ys): a function of x.
const fitPolynomial = (xs, ys, degree) => {
  const low = Math.min(...xs), high = Math.max(...xs), span = high - low
  const scaled = (v) => span > 0 ? (2 * v - (low + high)) / span : 0
  const w = leastSquares(xs.map((v) => legendreRow(scaled(v), degree)), ys)
  return (v) => {
    const row = legendreRow(scaled(v), degree)
    let total = 0
    for (let n = 0; n <= degree; n++) total += row[n] * w[n]
    return total
  }
}
// polynomial fit: end

const meanSquaredError = (ys, predictions) => {
  let total = 0
  for (let i = 0; i < ys.length; i++) total += (ys[i] - predictions[i]) ** 2
  return total / ys.length
}
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length
const std = (values) => {
  const centre = mean(values)
  let squares = 0
  for (const v of values) squares += (v - centre) ** 2
  return Math.sqrt(squares / (values.length - 1))
}
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹'
// Three decimals below 100, else a power of ten: 5.2 × 10¹⁰ (as mse_text in Python).
const mseText = (v) => {
  if (v < 100) return fixed(v, 3)
  const [mantissa, exponent] = v.toExponential(1).split('e')
  const power = String(Number(exponent)).replace('-', '⁻').replace(/\d/g, (c) => SUPERSCRIPTS[c])
  return `${mantissa} × 10${power}`
}

const k = Math.round(k_slider.value), degree = Math.round(degree_slider.value)
const N = x.length

// The folds of mlmath.probability.kfold, unshuffled: consecutive blocks, the first N mod k
// one point larger.
const folds = []
let start = 0
for (let m = 0; m < k; m++) {
  const size = Math.floor(N / k) + (m < N % k ? 1 : 0)
  const test = [], train = []
  for (let i = 0; i < N; i++) (i >= start && i < start + size ? test : train).push(i)
  folds.push({train, test})
  start += size
}
const fewest = Math.min(...folds.map((f) => f.train.length))
const top = Math.min(max_degree, fewest - 1)  // the highest degree every fold can fit

// Cross-validation errors of every degree up to top, on the same folds.
const pick = (values, indices) => indices.map((i) => values[i])
const foldErrors = []
for (let D = 0; D <= top; D++) {
  foldErrors.push(folds.map(({train, test}) => {
    const f = fitPolynomial(pick(x, train), pick(y, train), D)
    return meanSquaredError(pick(y, test), pick(x, test).map(f))
  }))
}
const cvMean = foldErrors.map(mean), cvStd = foldErrors.map(std)
let lowest = 0
for (let D = 1; D <= top; D++) if (cvMean[D] < cvMean[lowest]) lowest = D
cv.data = {degree: Array.from({length: top + 1}, (_, D) => D), mean: cvMean,
  low: foldErrors.map((e) => Math.min(...e)), high: foldErrors.map((e) => Math.max(...e))}
best.data = {degree: [lowest], mean: [cvMean[lowest]]}
degree_line.location = degree

// The fit to all the points, and, when every fold can fit this degree, one fit per split.
const grid = Array.from({length: curve_points}, (_, i) =>
  i === curve_points - 1 ? 1 : i / (curve_points - 1))
const whole = fitPolynomial(x, y, degree)
fit.data = {x: grid, y: grid.map(whole)}
const fitted = degree <= top
const curves = fitted ? folds.map(({train}) => grid.map(
  fitPolynomial(pick(x, train), pick(y, train), degree))) : []
fold_fits.data = {xs: curves.map(() => grid), ys: curves}

// The splits panel: row m holds out fold m, one cell per point, rows top to bottom.
const height = rows_height / k
const cells = {train: {left: [], right: [], top: [], bottom: []},
  held: {left: [], right: [], top: [], bottom: []}}
const labels = {x: [], y: [], text: []}, errors = {x: [], y: [], text: []}
folds.forEach(({test}, m) => {
  const upper = rows_height - m * height - row_gap * height
  const lower = rows_height - (m + 1) * height + row_gap * height
  for (let i = 0; i < N; i++) {
    const part = test.includes(i) ? cells.held : cells.train
    part.left.push(i + 0.06)
    part.right.push(i + 0.94)
    part.top.push(upper)
    part.bottom.push(lower)
  }
  const middle = rows_height - (m + 0.5) * height
  labels.x.push((test[0] + test[test.length - 1] + 1) / 2)
  labels.y.push(middle)
  labels.text.push(String(m + 1))
  if (fitted) {
    errors.x.push(text_x)
    errors.y.push(middle)
    errors.text.push(mseText(foldErrors[degree][m]))
  }
})
train_cells.data = cells.train
held_cells.data = cells.held
fold_labels.data = labels
fold_errors.data = errors

const sizes = [...new Set(folds.map((f) => f.test.length))].sort((a, b) => b - a).join(' or ')
const head = `<b>Degree ${degree}, k = ${k}</b>: folds of ${sizes} points; ` +
  `training MSE ${mseText(training[degree])}`
if (!fitted) {
  readout.text = `${head}<br><b>No CV error</b>: with k = ${k}, a fit sees only ${fewest} ` +
    `points, fewer than the ${degree + 1} coefficients of a degree-${degree} ` +
    'polynomial. Infinitely many such polynomials pass through all ' +
    `${fewest} exactly, so the fit is underdetermined and the data cannot ` +
    `choose one. Lower the degree to ${top} or use more folds.`
} else {
  const own = foldErrors[degree]
  const verdict = lowest === degree ? 'the lowest of any degree'
    : `lowest at degree ${lowest}: ${mseText(cvMean[lowest])}`
  readout.text = `${head}<br><b>CV MSE ${mseText(cvMean[degree])} ± ` +
    `${mseText(cvStd[degree])}</b> (mean ± s.d. of the ${k} fold errors, ` +
    `${mseText(Math.min(...own))} to ${mseText(Math.max(...own))})<br>` +
    `CV MSE ${verdict}; noise variance σ² = ${fixed(noise_variance, 2)}`
}
