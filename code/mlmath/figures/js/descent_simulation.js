// The gradient descent simulation (mlmath.figures.calculus.descent_simulation).
// Args: menu (Select), eta_slider, w1_slider, w2_slider, steps_slider, momentum_slider
// (Slider), readout (Div), loss_x (Range1d), contours, minimum, path, ends, loss
// (ColumnDataSource), choices (the menu's surfaces) and, per surface in that order,
// contour_data, minima, lowest (f*), quadratic, eigenvalues (of the Hessian, at the minimum),
// bowls (the diagonal of A for the bowls); etas (the learning rate of every slider value),
// eta_start, eta_step, tilt (of the double well), deep, shallow (its two minima), limit
// (mlmath.calculus.DIVERGENCE_LIMIT), floor (the smallest gap drawn).
// Mirrors _run() and _readout() in Python, where the path is
// mlmath.calculus.gradient_descent, with the same floating-point operations in the same
// order; tests/figures/test_descent_simulation.py compares the two.
const name = menu.value
const index = choices.indexOf(name)
const eta = etas[Math.round((eta_slider.value - eta_start) / eta_step)]
const beta = momentum_slider.value
const steps = Math.round(steps_slider.value)
const [a0, a1] = bowls[index]

// Each surface's value and gradient, as mlmath.calculus writes them.
const SURFACES = {
  'round bowl': [(x, y) => (0.5 * x * a0) * x + (0.5 * y * a1) * y, (x, y) => [a0 * x, a1 * y]],
  'elongated bowl': [(x, y) => (0.5 * x * a0) * x + (0.5 * y * a1) * y,
    (x, y) => [a0 * x, a1 * y]],
  'Rosenbrock': [(x, y) => (1 - x) * (1 - x) + 100 * ((y - x * x) * (y - x * x)),
    (x, y) => [-2 * (1 - x) - 4 * 100 * x * (y - x * x), 2 * 100 * (y - x * x)]],
  'two minima': [(x, y) => (x * x - 1) * (x * x - 1) + tilt * x + y * y,
    (x, y) => [4 * x * (x * x - 1) + tilt, 2 * y]],
}
const [f, grad] = SURFACES[name]

// Gradient descent with heavy-ball momentum, stopping when an iterate runs away.
let w1 = w1_slider.value, w2 = w2_slider.value, v1 = 0, v2 = 0
const xs = [w1], ys = [w2]
let divergedAt = null, divergedValue = null
for (let t = 1; t <= steps; t++) {
  const [g1, g2] = grad(w1, w2)
  v1 = beta * v1 + g1
  v2 = beta * v2 + g2
  w1 = w1 - eta * v1
  w2 = w2 - eta * v2
  const size = Math.max(Math.abs(w1), Math.abs(w2))
  if (!(size <= limit)) {  // also true for NaN
    divergedAt = t
    divergedValue = size
    break
  }
  xs.push(w1)
  ys.push(w2)
}
const gaps = xs.map((x, i) => Math.max(f(x, ys[i]) - lowest[index], floor))
const last = xs.length - 1

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹'
const scientific = (x, digits = 2) => {
  const [mantissa, exponent] = x.toExponential(digits).split('e')
  const power = String(parseInt(exponent, 10)).replace('-', '⁻')
    .replace(/\d/g, (d) => SUPERSCRIPTS[d])
  return `${mantissa.replace('-', '\u2212')} × 10${power}`
}
const etaText = (x) => x >= 0.01 ? fixed(x, 3) : scientific(x)

const largest = eigenvalues[index][0]
const product = eta * largest
const bound = 2 * (1 + beta)
const boundText = beta === 0 ? '2' : `2(1 + β) = ${fixed(bound, 2)}`
const sign = product < bound ? '&lt;' : '≥'
let boundLine
if (quadratic[index]) {
  const values = eigenvalues[index].map((v) => fixed(v, 2)).join(' and ')
  boundLine = `Hessian eigenvalues ${values}: <b>η·λ<sub>max</sub> = ${fixed(product, 3)} ` +
    `${sign} ${boundText}</b>, ${product < bound ? 'stable' : 'unstable'}`
  if (beta === 0) {
    boundLine += '; along the steepest axis the error is multiplied by ' +
      `1 − ηλ<sub>max</sub> = ${fixed(1 - product, 3)} each step`
  }
} else {
  boundLine = `Not a quadratic: at the minimum the Hessian's λ<sub>max</sub> = ` +
    `${fixed(largest, 2)}, so η·λ<sub>max</sub> = ${fixed(product, 3)} ${sign} ${boundText} ` +
    'there (a guide near the minimum, not a guarantee)'
}

let status
if (divergedAt !== null) {
  const what = !isFinite(divergedValue) ? 'stopped being a finite number'
    : `reached ${scientific(divergedValue)}, beyond 10⁸`
  status = `<b>Diverged at step ${divergedAt}</b>: a coordinate of w ${what}, ` +
    `so the path stops at step ${divergedAt - 1}.`
} else {
  const gap = gaps[last]
  const gapText = gap > floor ? `f(w) − f* = ${scientific(gap)}`
    : 'f(w) − f* below 10⁻¹⁶, the resolution of double precision'
  status = `After ${steps} steps: w = (${fixed(xs[last], 3)}, ${fixed(ys[last], 3)}), ${gapText}`
  if (name === 'two minima') {
    const near = (m) => Math.max(Math.abs(xs[last] - m[0]), Math.abs(ys[last] - m[1])) < 0.01
    if (near(deep)) status += ': at the <b>global minimum</b>'
    else if (near(shallow)) status += ': stuck in the <b>local minimum</b>, the shallower valley'
  }
  status += '.'
}

contours.data = contour_data[index]
minimum.data = {x: [minima[index][0]], y: [minima[index][1]]}
path.data = {x: xs, y: ys}
ends.data = {x: [xs[0], xs[last]], y: [ys[0], ys[last]], label: ['start', 'end']}
loss.data = {step: gaps.map((_, i) => i), gap: gaps}
loss_x.start = 0
loss_x.end = steps
readout.text = `<b>${name}</b> · η = ${etaText(eta)} · β = ${fixed(beta, 2)} · ${steps} steps` +
  `<br>${boundLine}<br>${status}`
