// The dot product (mlmath.figures.linalg.dot_product).
// Args: arrows, projection, guides, arc, arc_label (ColumnDataSource), readout (Div),
// length_a, angle_a, length_b, angle_b (Slider); cosines, sines (of every slider
// direction, computed in Python), angle_step; colors ([A's, B's]); limit, arc_radius,
// arc_points, arc_label_gap, tip_gap, side_gap, tiny (numbers).
// Mirrors geometry() and _readout() in Python, and mlmath.linalg's dot, norm,
// unit_vector, scalar_projection, projection, cosine_similarity and angle_between,
// operation for operation; tests/figures/test_dot_product.py compares the two.
const la = length_a.value, da = angle_a.value, lb = length_b.value, db = angle_b.value
// A direction's cosine and sine are looked up: Math.cos differs from Python's in the
// last bit at some slider angles, enough to flip a rounded digit of the readout.
const polar = (length, degrees) => {
  const k = Math.round(degrees / angle_step)
  return [length * cosines[k], length * sines[k]]
}
const a = polar(la, da), b = polar(lb, db)

// linalg.norm divides by the largest magnitude first; unit_vector divides by the norm.
const norm = ([x, y]) => {
  const m = Math.max(Math.abs(x), Math.abs(y))
  if (m === 0) return 0
  const sx = Math.abs(x) / m, sy = Math.abs(y) / m
  return m * Math.sqrt(sx * sx + sy * sy)
}
const unit = (v) => { const n = norm(v); return [v[0] / n, v[1] / n] }
const dot = a[0] * b[0] + a[1] * b[1]  // linalg.dot

const tips = {x0: [], y0: [], x1: [], y1: [], color: [], label: [], label_x: [], label_y: []}
for (const [v, length, color, label] of [[a, la, colors[0], 'A'], [b, lb, colors[1], 'B']]) {
  if (length > 0) {
    tips.x0.push(0); tips.y0.push(0); tips.x1.push(v[0]); tips.y1.push(v[1])
    tips.color.push(color); tips.label.push(label)
    tips.label_x.push(v[0] * (1 + tip_gap / length))
    tips.label_y.push(v[1] * (1 + tip_gap / length))
  }
}

const proj = {x0: [], y0: [], x1: [], y1: [], label_x: [], label_y: []}
const lines = {xs: [], ys: []}
const curve = {x: [], y: []}
const theta_label = {x: [], y: [], text: []}
let shadow = null, p = null, cos = null, theta = null
if (la > 0) {
  const [ux, uy] = unit(a)
  lines.xs.push([-2 * limit * ux, 2 * limit * ux]); lines.ys.push([-2 * limit * uy, 2 * limit * uy])
  shadow = b[0] * ux + b[1] * uy  // linalg.scalar_projection(b, onto=a)
  p = [shadow * ux, shadow * uy]  // linalg.projection(b, onto=a)
  if (lb > 0) { lines.xs.push([b[0], p[0]]); lines.ys.push([b[1], p[1]]) }
  if (Math.abs(shadow) > tiny) {
    const side = ux * b[1] - uy * b[0] >= -tiny ? -1 : 1
    proj.x0.push(0); proj.y0.push(0); proj.x1.push(p[0]); proj.y1.push(p[1])
    proj.label_x.push(p[0] / 2 - side * side_gap * uy)
    proj.label_y.push(p[1] / 2 + side * side_gap * ux)
  }
}
if (la > 0 && lb > 0) {
  const u = unit(a), v = unit(b)
  cos = Math.min(1, Math.max(-1, u[0] * v[0] + u[1] * v[1]))  // linalg.cosine_similarity
  // linalg.angle_between: Kahan's 2 atan2(‖u − v‖, ‖u + v‖), accurate near 0° and 180°.
  theta = 2 * Math.atan2(norm([u[0] - v[0], u[1] - v[1]]), norm([u[0] + v[0], u[1] + v[1]]))
  theta = theta * (180 / Math.PI)  // math.degrees
  const sweep = (db - da + 540) % 360 - 180  // the short way from A's direction to B's
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
