// Least squares as a projection (mlmath.figures.linalg.least_squares).
// Args: points, line (ColumnDataSource), readout (Div), xs, ys (four Sliders each),
// low, high (the plot's x range), snap (decimals rounded to before display).
// Mirrors sources() and readout_text() in Python; tests/figures/test_least_squares.py
// and test_every_figure.py compare the two.
const x = xs.map((s) => s.value), y = ys.map((s) => s.value)
const n = x.length
const sum = (v) => v.reduce((a, b) => a + b, 0)
const shown = (v, digits) => fixed(Number((v + 0).toFixed(snap)), digits)

// Centring x is Gram–Schmidt of the x column against the column of ones: what is
// left, x − x̄, is perpendicular to 1. The slope is y's coefficient along it.
const xbar = sum(x) / n, ybar = sum(y) / n
const dx = x.map((v) => v - xbar)
const sxx = sum(dx.map((d) => d * d))
const degenerate = sxx === 0  // all x equal (sliders sit on a grid of halves: exact)
const w1 = degenerate ? 0 : sum(dx.map((d, i) => d * (y[i] - ybar))) / sxx
const w0 = ybar - w1 * xbar
const fitted = degenerate ? y.map(() => ybar) : x.map((v) => w0 + w1 * v)
const residual = y.map((v, i) => v - fitted[i])
const rss = sum(residual.map((e) => e * e))
const g0 = sum(residual), g1 = sum(residual.map((e, i) => x[i] * e))

points.data = {x, y, fitted, label: points.data.label}
line.data = degenerate ? {x: [], y: []} : {x: [low, high], y: [w0 + w1 * low, w0 + w1 * high]}

const check = `<b>Xᵀε̂</b> = (Σ ε̂ᵢ, Σ xᵢε̂ᵢ) = (${shown(g0, 3)}, ${shown(g1, 3)}): ` +
  'the residual is perpendicular to both columns of X.'
const rssText = `residual sum of squares ‖ε̂‖² = ${shown(rss, 2)}`
if (degenerate) {
  const at = shown(x[0], 1), mean = shown(ybar, 2)
  readout.text = `<b>All four points have x = ${at}</b>: the columns 1 and x of X are ` +
    `parallel, so no line is singled out; every line through (${at}, ${mean}) fits ` +
    `equally well, and none is drawn. The fitted values are still unique, ` +
    `ŷᵢ = ȳ = ${mean}, and so is the ${rssText}.<br>${check}`
} else {
  readout.text = `<b>Fitted line</b> ŷ = ŵ₀ + ŵ₁x with ŵ₀ = ${shown(w0, 2)}, ` +
    `ŵ₁ = ${shown(w1, 2)} · ${rssText}<br>${check}`
}
