// The gradient field (mlmath.figures.calculus.gradient_field).
// Args: point, through, arrows (ColumnDataSource), readout (Div), x1, x2, angle (Slider),
// a (the 2 x 2 matrix of the bowl), base_x, base_y (the level set f = 1), cosines, sines
// (of every angle the slider allows), angle_start, angle_step, arrow, label_gap (numbers),
// colors (the gradient's and u's). Mirrors _geometry() and _readout() in Python;
// tests/figures/test_gradient_field.py compares the two.
const p1 = x1.value, p2 = x2.value, theta = angle.value
const ax1 = a[0][0] * p1 + a[0][1] * p2, ax2 = a[1][0] * p1 + a[1][1] * p2
const value = 0.5 * (p1 * ax1 + p2 * ax2)
const g1 = ax1 + 0.0, g2 = ax2 + 0.0
const norm = Math.hypot(g1, g2)
const turn = Math.round((theta - angle_start) / angle_step)
const c = cosines[turn], s = sines[turn]
const slope = g1 * c + g2 * s

const scale = Math.sqrt(value)
through.data = norm > 0
  ? {x: base_x.map((v) => scale * v), y: base_y.map((v) => scale * v)}
  : {x: [], y: []}

const rows = [[c, s, colors[1], 'u']]
if (norm > 0) rows.unshift([g1 / norm, g2 / norm, colors[0], '∇f'])
arrows.data = {
  x0: rows.map(() => p1), y0: rows.map(() => p2),
  x1: rows.map((r) => p1 + arrow * r[0]), y1: rows.map((r) => p2 + arrow * r[1]),
  color: rows.map((r) => r[2]), label: rows.map((r) => r[3]),
  label_x: rows.map((r) => p1 + (arrow + label_gap) * r[0]),
  label_y: rows.map((r) => p2 + (arrow + label_gap) * r[1]),
}
point.data = {x: [p1], y: [p2]}

let text = `f(x) = ${fixed(value, 2)} · ∇f(x) = (${fixed(g1, 2)}, ${fixed(g2, 2)})` +
  ` · ‖∇f‖ = ${fixed(norm, 2)}`
if (norm === 0) {
  text += '<br>∇f = 0: a <b>stationary point</b> (the bottom of the bowl). ' +
    `Every direction has slope D<sub>u</sub>f = ${fixed(slope, 2)}, so no direction is steepest.`
} else {
  text += `<br>u at ${fixed(theta, 0)}°: <b>D<sub>u</sub>f = ∇f · u = ${fixed(slope, 2)}</b>, ` +
    `between −‖∇f‖ = ${fixed(-norm, 2)} and ‖∇f‖ = ${fixed(norm, 2)}`
}
readout.text = text
