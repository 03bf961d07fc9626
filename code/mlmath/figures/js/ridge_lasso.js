// Ridge versus lasso (mlmath.figures.linalg.ridge_lasso).
// Args: z_1, z_2, penalty (Slider), readout (Div), and per panel (ridge_, lasso_) the
// sources ball, guides, points; outline_points, offset_z, offset_w (numbers), decimals
// (of each slider's step: values are rounded to them, as _solutions_at() does).
// Mirrors mlmath.linalg.ridge_shrink, soft_threshold and unit_ball_boundary, and
// solutions(), _panel() and readout_text() of the module;
// tests/figures/test_ridge_lasso.py compares the two.
const snap = (slider, digits) => Number(slider.value.toFixed(digits))
const z = [snap(z_1, decimals['z-1']), snap(z_2, decimals['z-2'])]
const alpha = snap(penalty, decimals.penalty)
const lp = (v, p) => p === 1 ? Math.abs(v[0]) + Math.abs(v[1]) : Math.hypot(v[0], v[1])
const soft = (v, t) => v.map((c) => Math.sign(c) * Math.max(Math.abs(c) - t, 0) + 0)
// The Lp sphere of a radius around a centre: directions (cos t, sin t) rescaled to length 1.
const outline = (p, radius, center) => {
  const xs = [], ys = []
  for (let i = 0; i <= outline_points; i++) {
    const t = i === outline_points ? 2 * Math.PI : i * (2 * Math.PI / outline_points)
    const d = [Math.cos(t), Math.sin(t)], n = lp(d, p)
    xs.push(center[0] + radius * (d[0] / n)); ys.push(center[1] + radius * (d[1] / n))
  }
  return [xs, ys]
}

const solutions = {ridge: z.map((c) => c / (1 + alpha)), lasso: soft(z, alpha)}
const paths = {ridge: [z, [0, 0]],
  lasso: [z, soft(z, Math.min(Math.abs(z[0]), Math.abs(z[1]))), [0, 0]]}
const panels = {ridge: [2, ridge_ball, ridge_guides, ridge_points],
                lasso: [1, lasso_ball, lasso_guides, lasso_points]}
for (const key of ['ridge', 'lasso']) {
  const [p, ball, guides, points] = panels[key]
  const w = solutions[key]
  const radius = lp(w, p)
  const rim = {xs: [], ys: []}
  if (radius > 0) {
    const [xs, ys] = outline(p, radius, [0, 0])
    rim.xs.push(xs); rim.ys.push(ys)
  }
  const lines = {xs: [paths[key].map((q) => q[0])], ys: [paths[key].map((q) => q[1])]}
  const distance = Math.hypot(z[0] - w[0], z[1] - w[1])
  if (distance > 0) {
    const [xs, ys] = outline(2, distance, z)
    lines.xs.push(xs); lines.ys.push(ys)
  }
  ball.data = rim
  guides.data = lines
  points.data = {
    x: [z[0], w[0]], y: [z[1], w[1]], label: ['z', 'w'], color: points.data.color,
    label_x: [z[0] + offset_z[0], w[0] + offset_w[0]],
    label_y: [z[1] + offset_z[1], w[1] + offset_w[1]],
  }
}

const r = solutions.ridge, l = solutions.lasso
const zeros = [0, 1].filter((i) => l[i] === 0)
const phrase = zeros.length === 2 ? 'both weights are exactly 0'
  : zeros.length === 1 ? `w${sub(zeros[0] + 1)} is exactly 0` : 'no weight is 0 yet'
readout.text = z[0] === 0 && z[1] === 0
  ? 'z = (0, 0): without a penalty the best weights are already zero, ' +
    'so neither penalty has anything to shrink.'
  : `<b>ridge</b> (L₂ penalty): w = (${fixed(r[0], 2)}, ${fixed(r[1], 2)}), ` +
    `every weight times 1 / (1 + α) = ${fixed(1 / (1 + alpha), 3)}<br>` +
    `<b>lasso</b> (L₁ penalty): w = (${fixed(l[0], 2)}, ${fixed(l[1], 2)}), ` +
    `every weight moved α = ${fixed(alpha, 2)} towards 0: ${phrase}`
