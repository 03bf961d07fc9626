// PCA explorer (mlmath.figures.linalg.pca_explorer).
// Args: points, axes, pc1_line (ColumnDataSource), readout (Div), spread1, spread2,
// correlation, angle (Slider), limit, eps, line_share, tie, tolerance, label_gap
// (numbers), styles ([colour, label] per axis).
// Mirrors mlmath.data.shape_cloud, mlmath.linalg.fit_pca (covariance, then the one
// Jacobi rotation that diagonalises a 2x2 symmetric matrix), and sources(),
// _signed(), _line_angle(), population_variance_ratio() and readout_text() of the
// module; tests/figures/test_pca_explorer.py compares the two.
const s1 = spread1.value, s2 = spread2.value, rho = correlation.value
const theta = angle.value * Math.PI / 180
const z1 = points.data.z1, z2 = points.data.z2, n = z1.length

// -- shape_cloud: stretch, correlate, rotate --------------------------------------
const cos = Math.cos(theta), sin = Math.sin(theta)
const mix = Math.sqrt(Math.max(0, 1 - rho * rho))
const x = new Array(n), y = new Array(n)
for (let i = 0; i < n; i++) {
  const u = s1 * z1[i], v = s2 * (rho * z1[i] + mix * z2[i])
  x[i] = cos * u - sin * v
  y[i] = sin * u + cos * v
}

// -- center and covariance_matrix -------------------------------------------------
let mx = 0, my = 0
for (let i = 0; i < n; i++) { mx += x[i]; my += y[i] }
mx /= n; my /= n
let cxx = 0, cxy = 0, cyy = 0
for (let i = 0; i < n; i++) {
  const dx = x[i] - mx, dy = y[i] - my
  cxx += dx * dx; cxy += dx * dy; cyy += dy * dy
}
cxx /= n - 1; cxy /= n - 1; cyy /= n - 1

// -- symmetric_eigen: one Jacobi rotation zeroes the off-diagonal entry -----------
let values = [cxx, cyy], vectors = [[1, 0], [0, 1]]
if (!(cxy === 0 || Math.abs(cxy) <= eps * Math.sqrt(Math.abs(cxx * cyy)))) {
  const t0 = (cyy - cxx) / (2 * cxy)
  const t = Math.abs(t0) > 1e150 ? 1 / (2 * t0)
    : (t0 >= 0 ? 1 : -1) / (Math.abs(t0) + Math.sqrt(t0 * t0 + 1))
  const c = 1 / Math.sqrt(t * t + 1), s = t * c
  values = [cxx - t * cxy, cyy + t * cxy]
  vectors = [[c, -s], [s, c]]
}
if (values[1] > values[0]) { values = [values[1], values[0]]; vectors = [vectors[1], vectors[0]] }
// _signed: the larger component positive, the first on a tie (to within `tie`).
vectors = vectors.map(([vx, vy]) => (Math.abs(vx) >= Math.abs(vy) - tie ? vx : vy) < 0
  ? [-vx + 0, -vy + 0] : [vx + 0, vy + 0])
values = values.map((value) => Math.max(value, 0))
const total = cxx + cyy  // the trace: the sum of the variances
const kept = values[0] + values[1]
const [u1x, u1y] = vectors[0]

// -- projection onto PC1 and the drawn axes ---------------------------------------
const px = new Array(n), py = new Array(n)
for (let i = 0; i < n; i++) {
  const score = (x[i] - mx) * u1x + (y[i] - my) * u1y
  px[i] = mx + score * u1x
  py[i] = my + score * u1y
}
const A = {x0: [], y0: [], x1: [], y1: [], color: [], label: [], label_x: [], label_y: []}
values.forEach((value, i) => {
  if (value <= line_share * kept) return
  const half = Math.sqrt(value), [vx, vy] = vectors[i]
  A.x0.push(mx - half * vx); A.y0.push(my - half * vy)
  A.x1.push(mx + half * vx); A.y1.push(my + half * vy)
  A.color.push(styles[i][0]); A.label.push(styles[i][1])
  A.label_x.push(mx + (half + label_gap) * vx); A.label_y.push(my + (half + label_gap) * vy)
})
const reach = 2 * limit

points.data = {z1, z2, x, y, px, py}
axes.data = A
pc1_line.data = {x0: [mx - reach * u1x], y0: [my - reach * u1y],
  x1: [mx + reach * u1x], y1: [my + reach * u1y]}

// -- the readout ------------------------------------------------------------------
// _line_angle: folded into (-90, 90], a line at 90° ± rounding at 90°.
let degrees = Math.atan2(u1y, u1x) * 180 / Math.PI
if (degrees > 90 + tie) degrees -= 180
else if (degrees <= -90 + tie) degrees += 180
const [lam1, lam2] = values

// population_variance_ratio: eigen_2x2 of the population covariance (symmetric,
// trace > 0, so the larger root is (tr + sqrt(disc)) / 2, or tr / 2 when repeated).
const pa = s1 * s1, pb = rho * s1 * s2, pd = s2 * s2
const ptrace = pa + pd
const pdisc = (pa - pd) * (pa - pd) + 4 * pb * pb
const tied = Math.abs(pdisc) <= tolerance * ((pa - pd) * (pa - pd) + 4 * Math.abs(pb * pb))
const share = (tied ? ptrace / 2 : (ptrace + Math.sqrt(pdisc)) / 2) / ptrace

let text = `<b>PC1 explains ${fixed(100 * (lam1 / total), 1)} %</b> of the variance · ` +
  `λ₁ = ${fixed(lam1, 2)}, λ₂ = ${fixed(lam2, 2)} · PC1 along ` +
  `(${fixed(u1x, 2)}, ${fixed(u1y, 2)}), at ${fixed(degrees, 0)}°` +
  `<br>In the population these ${n} points were drawn from, PC1 explains ` +
  `${fixed(100 * share, 1)} %.`
if (lam2 <= line_share * kept) {
  text += ' The points lie on one line: PC1 keeps all of their spread.'
} else if (tied) {
  text += ' That population has no preferred direction, so the axes drawn here are ' +
    "set by the sample's random wobble."
}
readout.text = text
