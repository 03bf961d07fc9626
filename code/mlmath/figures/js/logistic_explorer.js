// The logistic explorer (mlmath.figures.models.logistic_explorer).
// Args: menu (Select), tau_slider, steps_slider, w1_slider, w2_slider, b_slider (Slider),
// readout (Div), tau_line, cut_line (Span), cut_box (BoxAnnotation), plane_title (Title),
// points, along, curve, counts, region, boundary, start_boundary, arrow (ColumnDataSource);
// data_names with data_x1, data_x2, data_y, data_spread (each data set as shipped), colours,
// markers (label 0's and label 1's look), eta (the learning rate), s_limit (the left plot's
// half-width), clip (the square the shaded side is cut from), curve_points, arrow_length.
// Mirrors page_state() in Python, where the steps are mlmath.models.fit_logistic_regression
// (mlmath.calculus.gradient_descent on the log-loss's gradient X̃ᵀ(p̂ − y)/N) and the counts
// mlmath.models.confusion_matrix; tests/figures/test_logistic_explorer.py compares the two.
const d = data_names.indexOf(menu.value)
const x1 = data_x1[d], x2 = data_x2[d], y = data_y[d], spread = data_spread[d]
const n = y.length
const tau = tau_slider.value
const steps = Math.round(steps_slider.value)
const start = [w1_slider.value, w2_slider.value, b_slider.value]

// σ(z) as mlmath.probability.sigmoid computes it: no exponential of a positive number.
const sigmoid = (z) => {
  const e = Math.exp(-Math.abs(z))
  return z >= 0 ? 1 / (1 + e) : e / (1 + e)
}
// log(1 + e^t) without overflow, as numpy.logaddexp(0, t)
const softplus = (t) => t > 0 ? t + Math.log1p(Math.exp(-t)) :
  t === 0 ? Math.LN2 : Math.log1p(Math.exp(t))
// The log-loss −ℓ/N: −log σ(z) = log(1 + e^{−z}), −log(1 − σ(z)) = log(1 + e^{z}).
const logLoss = ([a, c, b]) => {
  let total = 0
  for (let i = 0; i < n; i++) {
    const z = x1[i] * a + x2[i] * c + b
    total += y[i] === 1 ? softplus(-z) : softplus(z)
  }
  return total / n
}

// k gradient steps: θ ← θ − η X̃ᵀ(p̂ − y)/N, the bias's column all ones.
let [w1, w2, b] = start
for (let t = 0; t < steps; t++) {
  let g1 = 0, g2 = 0, gb = 0
  for (let i = 0; i < n; i++) {
    const r = sigmoid(x1[i] * w1 + x2[i] * w2 + b) - y[i]
    g1 += x1[i] * r
    g2 += x2[i] * r
    gb += r
  }
  w1 = w1 - eta * (g1 / n)
  w2 = w2 - eta * (g2 / n)
  b = b - eta * (gb / n)
}
const norm = Math.hypot(w1, w2)
const level = Math.log(tau) - Math.log1p(-tau)  // logit(τ), as mlmath.models.logit

const p = new Array(n)
let tp = 0, fp = 0, fn = 0, tn = 0
for (let i = 0; i < n; i++) {
  p[i] = sigmoid(x1[i] * w1 + x2[i] * w2 + b)
  const predicted = p[i] >= tau
  if (y[i] === 1) predicted ? tp++ : fn++
  else predicted ? fp++ : tn++
}
const loss = logLoss([w1, w2, b])

// The square [−clip, clip]² cut to the side w·x + b ≥ level, and where its edges cross the line.
const cutSquare = (a, c, bias) => {
  const corners = [[-clip, -clip], [clip, -clip], [clip, clip], [-clip, clip]]
  const kept = [], crossings = []
  for (let i = 0; i < 4; i++) {
    const [px, py] = corners[i], [qx, qy] = corners[(i + 1) % 4]
    const here = px * a + py * c + bias - level, next = qx * a + qy * c + bias - level
    if (here >= 0) kept.push([px, py])
    if ((here >= 0) !== (next >= 0)) {
      const t = here / (here - next)
      const point = [px + t * (qx - px), py + t * (qy - py)]
      kept.push(point)
      crossings.push(point)
    }
  }
  return [kept, crossings]
}
const [kept, crossings] = cutSquare(w1, w2, b)
const startLine = steps > 0 ? cutSquare(...start)[1] : []

const colour = y.map((label) => colours[label])
const marker = y.map((label) => markers[label])
const s = norm > 0 ? x1.map((a, i) => (a * w1 + x2[i] * w2) / norm) : x1.slice()
const grid = Array.from({length: curve_points}, (_, i) => i === curve_points - 1 ? s_limit :
  -s_limit + (s_limit - -s_limit) * i / (curve_points - 1))
const inside = s_limit - 0.2

points.data = {x1: x1, x2: x2, colour: colour, marker: marker}
along.data = {s: s, row: y.map((label, i) => label + spread[i]), p: p, colour: colour,
  marker: marker}
curve.data = {s: grid, p: grid.map((t) => sigmoid(norm * t + b))}
counts.data = {x: [-inside, inside, -inside, inside], y: [1.2, 1.2, -0.2, -0.2],
  text: [`FN ${fn}`, `TP ${tp}`, `TN ${tn}`, `FP ${fp}`],
  align: ['left', 'right', 'left', 'right']}
region.data = {x: kept.map((q) => q[0]), y: kept.map((q) => q[1])}
boundary.data = {x: crossings.map((q) => q[0]), y: crossings.map((q) => q[1])}
start_boundary.data = {x: startLine.map((q) => q[0]), y: startLine.map((q) => q[1])}
if (norm > 0) {
  arrow.data = {x0: [0], y0: [0], x1: [arrow_length * w1 / norm], y1: [arrow_length * w2 / norm],
    label: ['w'], w1: [w1], w2: [w2], b: [b]}
  const cut = (level - b) / norm
  cut_line.location = cut
  cut_line.visible = true
  cut_box.left = Math.min(Math.max(cut, -s_limit - 1), s_limit + 1)
  cut_box.visible = true
} else {
  arrow.data = {x0: [], y0: [], x1: [], y1: [], label: [], w1: [], w2: [], b: []}
  cut_line.location = 0
  cut_line.visible = false
  cut_box.left = -s_limit - 1
  cut_box.visible = sigmoid(b) >= tau
}
tau_line.location = tau
plane_title.text = `Boundary p̂ = τ; log-loss L = ${fixed(loss, 3)}`

const weights = `w = (${fixed(w1, 2)}, ${fixed(w2, 2)}), b = ${fixed(b, 2)}, ` +
  `‖w‖ = ${fixed(norm, 2)}`
const lossText = `log-loss <b>L = ${fixed(loss, 3)}</b>`
const lines = []
if (steps === 0) {
  lines.push(`<b>No gradient steps</b>: the sliders' model, ${weights}; ${lossText}`)
} else {
  lines.push(`<b>After ${steps} gradient step${steps > 1 ? 's' : ''}</b> ` +
    `(η = ${fixed(eta, 0)}) from the sliders' weights: ${weights}; ${lossText} ` +
    `(${fixed(logLoss(start), 3)} at the start)`)
}
const tauText = fixed(tau, 2)
let second = `At τ = ${tauText}: ${tint('TP', 'vermillion')} = ${tp}, FP = ${fp}, ` +
  `FN = ${fn}, ${tint('TN', 'blue')} = ${tn}; `
const recall = fixed(tp / (tp + fn), 3)
if (tp + fp === 0) {
  second += `no example has p̂ ≥ ${tauText}, so precision = TP/(TP + FP) = 0/0 is ` +
    `undefined; recall = ${recall}`
} else {
  second += `precision = ${fixed(tp / (tp + fp), 3)}, recall = ${recall}`
}
lines.push(second)
if (norm === 0) {
  lines.push(`w = 0: every example gets p̂ = σ(b) = ${fixed(sigmoid(b), 3)}, whatever its ` +
    'features; the left plot lays the points along x₁.')
}
if (menu.value === 'separable') {
  lines.push('A line separates these classes: every step makes ‖w‖ larger and L ' +
    'smaller, and L never reaches its lower limit 0.')
}
readout.text = lines.join('<br>')
