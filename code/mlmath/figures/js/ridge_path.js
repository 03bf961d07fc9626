// The ridge path (mlmath.figures.models.ridge_path).
// Args: slider (Slider: log10 of the penalty strength α), readout (Div), the sources fit,
// weights_now, errors_now, factors, the Spans path_line and error_line; start, step (the
// slider's grid), degree, folds, curve_points; for each of the slider's stops, from Python
// (mlmath.models.fit_ridge and ridge_cv): log_alphas, alphas, weights (the standardised
// weights), intercepts, norms, dofs, training, cv; means and scales (of the powers x, ...,
// x^degree) and singular_values (of the standardised powers), the same at every stop. Mirrors page_state() in Python; tests/figures/test_ridge_path.py
// compares the two at every stop.

const i = Math.round((slider.value - start) / step)
const logAlpha = log_alphas[i]
const w = weights[i]
const intercept = intercepts[i]

// The fitted polynomial on the grid, as ridge_path._curve computes it: powers by repeated
// products, one standardised term added at a time, in the same order (the same floats).
const xs = new Array(curve_points)
const ys = new Array(curve_points)
for (let g = 0; g < curve_points; g++) {
  const x = g === curve_points - 1 ? 1 : g / (curve_points - 1)
  let power = 1
  let total = intercept
  for (let j = 0; j < degree; j++) {
    power = power * x
    total = total + w[j] * (power - means[j]) / scales[j]
  }
  xs[g] = x
  ys[g] = total
}

let best = 0
for (let k = 1; k < cv.length; k++) if (cv[k] < cv[best]) best = k
const powerOfTen = (v) => `10<sup>${fixed(v, 2)}</sup>`
const verdict = i < best
  ? "weaker than cross-validation's choice: the fit follows the noise (high variance)"
  : i > best
    ? "stronger than cross-validation's choice: the fit is pulled towards the flat mean (high bias)"
    : "cross-validation's choice, with the lowest CV error"

// Filter factors s²/(s² + α), as mlmath.models.filter_factors computes them.
const alpha = alphas[i]
const f = singular_values.map((s) => {
  const square = s * s
  return square > 0 ? square / (square + alpha) : 0
})

fit.data = {x: xs, y: ys}
factors.data = {direction: f.map((_, j) => j + 1), f}
weights_now.data = {log_alpha: w.map(() => logAlpha), w: w.slice()}
errors_now.data = {log_alpha: [logAlpha], training: [training[i]], cv: [cv[i]]}
path_line.location = logAlpha
error_line.location = logAlpha
readout.text = `<b>α = ${powerOfTen(logAlpha)}</b>: ‖w‖ = ${fixed(norms[i], 2)}, ` +
  `effective degrees of freedom ${fixed(dofs[i], 2)} of ${degree}<br>` +
  `training MSE ${fixed(training[i], 3)}, ${folds}-fold CV MSE <b>${fixed(cv[i], 3)}</b> ` +
  `(lowest ${fixed(cv[best], 3)}, at α = ${powerOfTen(log_alphas[best])})<br>` +
  `This α is ${verdict}`
