// Low-rank image (mlmath.figures.linalg.low_rank_image).
// Args: rank (Slider), rebuilt, kept, dropped (ColumnDataSource), readout (Div),
// sigma (singular values), m, n (image shape), u_codes, v_codes (int16 arrays, m x R
// and n x R, row-major), u_scales, v_scales (one per singular vector).
// Mirrors decode_low_rank(), to_grey_levels() and readout_text() of the module, and
// mlmath.linalg.energy_kept and low_rank_error; tests/figures/test_low_rank_image.py
// compares the two.
const r = rank.value
const R = sigma.length

// A_r = sum over k < r of sigma_k u_k v_k^T, with u_k = u_codes[:, k] * u_scales[k], etc.
const c = new Float64Array(r)
for (let k = 0; k < r; k++) c[k] = sigma[k] * u_scales[k] * v_scales[k]
// The picture travels flat, as whole grey levels (the figure's transform reshapes it).
const pixels = new Uint8Array(m * n)
const w = new Float64Array(r)
for (let i = 0; i < m; i++) {
  for (let k = 0; k < r; k++) w[k] = c[k] * u_codes[i * R + k]
  for (let j = 0; j < n; j++) {
    let sum = 0
    const row = j * R
    for (let k = 0; k < r; k++) sum += w[k] * v_codes[row + k]
    // Bokeh draws row 0 at the bottom: image row i goes to display row m - 1 - i.
    pixels[(m - 1 - i) * n + j] = Math.round(Math.min(255, Math.max(0, sum)))
  }
}

// energy_kept and low_rank_error, from the squares of sigma / sigma_1.
const kept_k = [], kept_s = [], dropped_k = [], dropped_s = []
let total = 0, head = 0
for (let k = 0; k < R; k++) {
  const q = (sigma[k] / sigma[0]) ** 2
  total += q
  if (k < r) { head += q; kept_k.push(k + 1); kept_s.push(sigma[k]) }
  else { dropped_k.push(k + 1); dropped_s.push(sigma[k]) }
}
let tail = 0
for (let k = r; k < R; k++) tail += (sigma[k] / sigma[0]) ** 2

rebuilt.data = {image: [pixels]}
kept.data = {k: kept_k, sigma: kept_s}
dropped.data = {k: dropped_k, sigma: dropped_s}

const stored = r * (m + n + 1)
readout.text = `<b>rank r = ${r}</b> of ${R} · energy kept ${fixed(100 * head / total, 2)} % · ` +
  `relative error ‖A − A<sub>r</sub>‖ / ‖A‖ = ${fixed(100 * Math.sqrt(tail / total), 2)} %<br>` +
  `stores r(m + n + 1) = ${stored} numbers instead of m·n = ${m * n} ` +
  `(${fixed(100 * stored / (m * n), 1)} %)`
