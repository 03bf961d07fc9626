// Dot product and angle (mlmath.figures.linalg.dot.fig_dot_product).
// Args: arrows, projection, guides, arc, arc_label (ColumnDataSource), readout (Div),
// length_a, angle_a, length_b, angle_b (Slider), colors, limit, arc_radius, arc_points,
// arc_label_gap, tip_gap, side_gap, tiny (numbers). Mirrors dot_product_state() and
// dot_product_readout() in Python; tests/browser/test_dot_product.py compares the two.
const la = length_a.value, da = angle_a.value, lb = length_b.value, db = angle_b.value
const polar = (length, degrees) => {
  const radians = degrees * Math.PI / 180
  return [length * Math.cos(radians), length * Math.sin(radians)]
}
const a = polar(la, da), b = polar(lb, db)
const dot = a[0] * b[0] + a[1] * b[1]

const tips = {x0: [], y0: [], x1: [], y1: [], color: [], label: [], label_x: [], label_y: []}
for (const [v, length, color, label] of [[a, la, colors[0], 'A'], [b, lb, colors[1], 'B']]) {
  if (length > 0) {
    tips.x0.push(0); tips.y0.push(0); tips.x1.push(v[0]); tips.y1.push(v[1])
    tips.color.push(color); tips.label.push(label)
    tips.label_x.push(v[0] * (1 + tip_gap / length)); tips.label_y.push(v[1] * (1 + tip_gap / length))
  }
}

const proj = {x0: [], y0: [], x1: [], y1: [], label_x: [], label_y: []}
const lines = {xs: [], ys: []}
const curve = {x: [], y: []}
const theta_label = {x: [], y: [], text: []}
let shadow = null, p = null, cos = null, theta = null
if (la > 0) {
  const ux = a[0] / la, uy = a[1] / la
  lines.xs.push([-2 * limit * ux, 2 * limit * ux]); lines.ys.push([-2 * limit * uy, 2 * limit * uy])
  shadow = b[0] * ux + b[1] * uy
  p = [shadow * ux, shadow * uy]
  if (lb > 0) { lines.xs.push([b[0], p[0]]); lines.ys.push([b[1], p[1]]) }
  if (Math.abs(shadow) > tiny) {
    const side = ux * b[1] - uy * b[0] >= 0 ? -1 : 1
    proj.x0.push(0); proj.y0.push(0); proj.x1.push(p[0]); proj.y1.push(p[1])
    proj.label_x.push(p[0] / 2 - side * side_gap * uy)
    proj.label_y.push(p[1] / 2 + side * side_gap * ux)
  }
}
if (la > 0 && lb > 0) {
  cos = Math.min(1, Math.max(-1, dot / (la * lb)))
  // Kahan's angle, as mlmath.linalg.angle_between: accurate near 0 and 180 degrees.
  const u = [a[0] / la, a[1] / la], v = [b[0] / lb, b[1] / lb]
  theta = 2 * Math.atan2(Math.hypot(u[0] - v[0], u[1] - v[1]), Math.hypot(u[0] + v[0], u[1] + v[1]))
  theta = theta * 180 / Math.PI
  const sweep = (db - da + 540) % 360 - 180
  for (let i = 0; i < arc_points; i++) {
    const radians = (da + sweep * i / (arc_points - 1)) * Math.PI / 180
    curve.x.push(arc_radius * Math.cos(radians)); curve.y.push(arc_radius * Math.sin(radians))
  }
  const middle = (da + sweep / 2) * Math.PI / 180
  theta_label.x.push((arc_radius + arc_label_gap) * Math.cos(middle))
  theta_label.y.push((arc_radius + arc_label_gap) * Math.sin(middle))
  theta_label.text.push('θ')
}

arrows.data = tips
projection.data = proj
guides.data = lines
arc.data = curve
arc_label.data = theta_label

let text = `<b>A · B</b> = (${fixed(a[0], 2)})(${fixed(b[0], 2)}) + ` +
  `(${fixed(a[1], 2)})(${fixed(b[1], 2)}) = <b>${fixed(dot, 2)}</b>`
if (la === 0 && lb === 0) {
  text += '<br>A and B are both the zero vector: neither has a direction, so there is no ' +
    'angle, no cosine and no line to project on.'
} else if (la === 0) {
  text += '<br>A is the zero vector: it has no direction, so there is no angle, no cosine ' +
    'and no line through A to project B on.'
} else if (lb === 0) {
  text += '<br>B is the zero vector: it has no direction, so the angle and the cosine are ' +
    'undefined; its projection on A is the zero vector.'
} else {
  text += `<br>‖A‖ ‖B‖ cos θ = ${fixed(la, 2)} × ${fixed(lb, 2)} × ${fixed(cos, 3)} = ` +
    `<b>${fixed(la * lb * cos, 2)}</b> (θ = ${fixed(theta, 0)}°)`
  if (Math.abs(theta - 90) < 1e-9) text += ': A and B are <b>orthogonal</b>'
  text += `<br>projection of B on A: p = (${fixed(p[0], 2)}, ${fixed(p[1], 2)}), ` +
    `signed length ‖B‖ cos θ = ${fixed(shadow, 2)}`
}
readout.text = text
