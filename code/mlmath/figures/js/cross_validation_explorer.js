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
//
// One sweep serves every degree up to `top`: Gram-Schmidt never looks ahead, so the first
// D + 1 columns of Q and R, and the first D + 1 coefficients of y, are exactly what a fit of
// degree D alone computes. Every column is kept (the tests check that no fit the figure makes
// has dependent columns), so only lstsq's full-rank path is needed.

// P_0(t), ..., P_top(t) into `out`: (n + 1) P_{n+1} = (2n + 1) t P_n − n P_{n−1}.
const legendreInto = (t, top, out) => {
  out[0] = 1
  if (top >= 1) out[1] = t
  for (let n = 1; n < top; n++) out[n + 1] = ((2 * n + 1) * t * out[n] - n * out[n - 1]) / (n + 1)
  return out
}

// The factorisation of the fits of degree 0 to top to the points (xs, ys).
const factorise = (xs, ys, top) => {
  const m = xs.length, n = top + 1
  let low = xs[0], high = xs[0]
  for (const v of xs) { low = Math.min(low, v); high = Math.max(high, v) }
  const span = high - low
  const scaled = (v) => span > 0 ? (2 * v - (low + high)) / span : 0
  // columns[j][i] = P_j(t_i); then y
  const columns = Array.from({length: n + 1}, () => new Float64Array(m))
  const row = new Float64Array(n)
  for (let i = 0; i < m; i++) {
    legendreInto(scaled(xs[i]), top, row)
    for (let j = 0; j < n; j++) columns[j][i] = row[j]
    columns[n][i] = ys[i]
  }
  const R = Array.from({length: n}, () => new Float64Array(n + 1))
  const Q = []
  for (let j = 0; j <= n; j++) {
    const v = columns[j]  // becomes what is left of column j
    for (let q = 0; q < Q.length; q++) {
      const u = Q[q]
      let r = 0
      for (let i = 0; i < m; i++) r += u[i] * v[i]
      R[q][j] = r
      for (let i = 0; i < m; i++) v[i] -= r * u[i]
    }
    if (j < n) {
      let squares = 0
      for (let i = 0; i < m; i++) squares += v[i] * v[i]
      const length = Math.sqrt(squares)
      R[j][j] = length
      for (let i = 0; i < m; i++) v[i] = v[i] / length
      Q.push(v)
    }
  }
  return {R, n, scaled, row}
}

// The polynomial of degree D from a factorisation: a function of x.
const polynomial = ({R, n, scaled, row}, D) => {
  const w = new Float64Array(D + 1)
  for (let i = D; i >= 0; i--) {
    let known = 0
    for (let j = i + 1; j <= D; j++) known += R[i][j] * w[j]
    w[i] = (R[i][n] - known) / R[i][i]  // R[i][n]: y's coefficient on column i
  }
  return (v) => {
    legendreInto(scaled(v), D, row)
    let total = 0
    for (let j = 0; j <= D; j++) total += row[j] * w[j]
    return total
  }
}

const fitPolynomial = (xs, ys, degree) => polynomial(factorise(xs, ys, degree), degree)
// polynomial fit: end

const meanSquaredError = (ys, f, xs) => {
  let total = 0
  for (let i = 0; i < ys.length; i++) total += (ys[i] - f(xs[i])) ** 2
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
// one point larger; fold m is held out from `start` up to `end`.
const folds = []
let start = 0
for (let m = 0; m < k; m++) {
  const end = start + Math.floor(N / k) + (m < N % k ? 1 : 0)
  const train = []
  for (let i = 0; i < N; i++) if (i < start || i >= end) train.push(i)
  const pick = (values, indices) => indices.map((i) => values[i])
  const test = Array.from({length: end - start}, (_, i) => start + i)
  folds.push({start, end, x: pick(x, train), y: pick(y, train), testX: pick(x, test),
    testY: pick(y, test)})
  start = end
}
const fewest = Math.min(...folds.map((f) => f.x.length))
const top = Math.min(max_degree, fewest - 1)  // the highest degree every fold can fit

// The errors of every degree up to top on every fold: one factorisation per fold.
const factors = folds.map((f) => factorise(f.x, f.y, top))
const foldErrors = Array.from({length: top + 1}, (_, D) => folds.map((f, m) =>
  meanSquaredError(f.testY, polynomial(factors[m], D), f.testX)))
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
fit.data = {x: grid, y: grid.map(fitPolynomial(x, y, degree))}
const fitted = degree <= top
const curves = fitted ? factors.map((factor) => grid.map(polynomial(factor, degree))) : []
fold_fits.data = {xs: curves.map(() => grid), ys: curves}

// The splits panel: row m holds out fold m, one cell per point, rows top to bottom.
const height = rows_height / k
const cells = {train: {left: [], right: [], top: [], bottom: []},
  held: {left: [], right: [], top: [], bottom: []}}
const labels = {x: [], y: [], text: []}, errors = {x: [], y: [], text: []}
folds.forEach((fold, m) => {
  const upper = rows_height - m * height - row_gap * height
  const lower = rows_height - (m + 1) * height + row_gap * height
  for (let i = 0; i < N; i++) {
    const part = i >= fold.start && i < fold.end ? cells.held : cells.train
    part.left.push(i + 0.06)
    part.right.push(i + 0.94)
    part.top.push(upper)
    part.bottom.push(lower)
  }
  const middle = rows_height - (m + 0.5) * height
  labels.x.push((fold.start + fold.end) / 2)
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

const sizes = [...new Set(folds.map((f) => f.end - f.start))].sort((a, b) => b - a).join(' or ')
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
