// The normal explorer (mlmath.figures.probability.normal_explorer).
// Args: mu_slider, sigma_slider, a_slider, b_slider, n_slider (Slider), readout (Div),
// curve, area, histogram (ColumnDataSource), a_line, b_line (Span), z (the shipped standard
// normals), low, high, curve_points, area_points, bin_z, bin_count. Mirrors page_state() in
// Python, where the numbers come from mlmath.probability; tests/figures/test_normal_explorer.py
// compares the two, and checks normalCdf below against scipy.stats.norm.cdf.

// normal CDF: begin (erf and erfc as in mlmath.probability.normal)
// erf: the series DLMF 7.6.2, all terms positive, for |x| < 2.5; erfc: the continued
// fraction DLMF 7.9.2, evaluated from the bottom up, for |x| >= 2.5.
const erfSeries = (x) => {
  let term = x, total = x
  for (let n = 1; n < 60; n++) {
    term = term * (2 * x * x) / (2 * n + 1)
    total = total + term
  }
  return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * total
}
const erfcFraction = (x) => {
  let denominator = x
  for (let k = 50; k > 0; k--) denominator = x + (k / 2) / denominator
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / denominator
}
const erfc = (x) => {
  const ax = Math.abs(x)
  const upper = !isFinite(ax) ? 0 : ax < 2.5 ? 1 - erfSeries(ax) : erfcFraction(ax)
  return x < 0 ? 2 - upper : upper
}
// Φ(z) = erfc(−z/√2)/2, which keeps the lower tail's digits.
const normalCdf = (z) => 0.5 * erfc(-z / Math.SQRT2)
// normal CDF: end

const normalPdf = (x, m, s) => {
  const t = (x - m) / s
  return Math.exp(-0.5 * t * t) / (s * Math.sqrt(2 * Math.PI))
}
// P(a ≤ X ≤ b), from the upper tails when both ends lie above the mean
const intervalProbability = (a, b, m, s) => {
  if (a >= b) return 0
  const za = (a - m) / s, zb = (b - m) / s
  return za > 0 ? normalCdf(-za) - normalCdf(-zb) : normalCdf(zb) - normalCdf(za)
}
const grid = (from, to, count) => Array.from({length: count}, (_, i) =>
  i === count - 1 ? to : from + (to - from) * i / (count - 1))

const mu = mu_slider.value, sigma = sigma_slider.value
const a = a_slider.value, b = b_slider.value
const n = Math.round(n_slider.value)

const xs = grid(low, high, curve_points)
curve.data = {x: xs, y: xs.map((x) => normalPdf(x, mu, sigma))}
if (a < b) {
  const inside = grid(a, b, area_points)
  area.data = {x: inside, y: inside.map((x) => normalPdf(x, mu, sigma))}
} else {
  area.data = {x: [], y: []}
}
a_line.location = a
b_line.location = b

// The samples x = μ + σz; bins a third of σ wide from μ − 4σ, found from z itself.
const counts = new Array(bin_count).fill(0)
let total = 0, hits = 0
const x = []
for (let i = 0; i < n; i++) {
  const value = mu + sigma * z[i]
  x.push(value)
  total += value
  if (a <= value && value <= b) hits += 1
  const k = Math.floor((z[i] + 4) / bin_z)
  if (k >= 0 && k < bin_count) counts[k] += 1
}
const mean = total / n
let squares = 0
for (const value of x) squares += (value - mean) ** 2
const spread = Math.sqrt(squares / (n - 1))
const width = sigma * bin_z
const left = Array.from({length: bin_count}, (_, k) => mu + sigma * (-4 + k * bin_z))
histogram.data = {left, right: left.map((edge) => edge + width),
  top: counts.map((c) => c / (n * width))}

const p = intervalProbability(a, b, mu, sigma)
const pText = p < 1e-4 ? 'less than 0.0001' : p > 0.9999 ? 'more than 0.9999' : fixed(p, 4)
const fa = fixed(a, 1), fb = fixed(b, 1)
let line
if (a > b) {
  line = `<b>a &gt; b</b>: the interval from a = ${fa} to b = ${fb} is empty, so ` +
    'P(a ≤ X ≤ b) = 0. Swap a and b to measure the area between them.'
} else if (a === b) {
  line = `<b>a = b = ${fa}</b>: a single point. P(X = ${fa}) = 0, since a continuous ` +
    'distribution puts no probability on any one value (zero width, zero area).'
} else {
  line = `<b>P(${fa} ≤ X ≤ ${fb})</b> = ${tint(pText, 'blue')} ` +
    `for μ = ${fixed(mu, 1)}, σ = ${fixed(sigma, 1)}`
}
readout.text = `${line}<br>z-scores (x − μ)/σ: a → ${fixed((a - mu) / sigma, 2)}, ` +
  `b → ${fixed((b - mu) / sigma, 2)}<br>` +
  `n = ${n} samples: ${hits} in [a, b] (${fixed(100 * hits / n, 1)} %); ` +
  `x̄ = ${fixed(mean, 2)}, s = ${fixed(spread, 2)} (divisor n − 1)`
