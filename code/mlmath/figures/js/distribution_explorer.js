// The distribution explorer (mlmath.figures.probability.distribution_explorer).
// Args: menu (Select), size_slider (an index into sizes), p_slider, n_slider, a_slider,
// b_slider (Slider), readout (Div), x_range, y_range (Range1d), pmf_title (Title),
// pmf_x_axis, pmf_y_axis, cdf_x_axis (Axis), bars, stems, density, cdf, ecdf, mean,
// sample_mean (ColumnDataSource), codes (the shipped uniform draws times scale), scale,
// sizes, uniform_window, bins, margin, bar_half_width, headroom, tallest.
// Mirrors page_state() in Python, where the numbers come from mlmath.probability (PMF, CDF,
// inverse_cdf, histogram_density, empirical_cdf), with the same floating-point operations
// in the same order; tests/figures/test_distribution_explorer.py compares the two.

// A slider of a parameter the shown distribution lacks switches to the one that has it.
// Setting menu.value runs this callback again, which then finds nothing to switch and
// draws the same thing.
let family = menu.value
if ((cb_obj === a_slider || cb_obj === b_slider) && family !== 'uniform') family = 'uniform'
else if (cb_obj === n_slider && family !== 'binomial') family = 'binomial'
else if (cb_obj === p_slider && family === 'uniform') family = 'binomial'
if (family !== menu.value) menu.value = family

// binomial PMF: begin
// C(n, k) p^k (1 − p)^(n − k) exactly, rounded once to the nearest double, as
// mlmath.probability.Binomial.pmf computes it with Python's integers: the inverse CDF
// compares uniform draws with running sums of these numbers, and one unit in the last
// place can move a draw across a step, so the page needs them to the last bit (floating
// point powers differ in the last bit between JavaScript, C libraries and machines).
// A double p is a binary fraction m / 2^e, so the probability is an integer over 2^(e·n).
const asFraction = (x) => {
  let m = x, e = 0
  while (!Number.isInteger(m)) { m *= 2; e += 1 }  // doubling a double is exact
  return [BigInt(m), e]
}
// The integer top / 2^shift as the nearest double (ties to even): the top 64 bits, with a
// last bit set if anything below them is not zero, so that Number() rounds as for the whole.
const nearestDouble = (top, shift) => {
  if (top === 0n) return 0
  const cut = Math.max(top.toString(2).length - 64, 0)
  let kept = top >> BigInt(cut)
  if (kept << BigInt(cut) !== top) kept |= 1n
  return Number(kept) * 2 ** (cut - shift)  // a power of two: exact
}
const binomialPmf = (n, p) => {
  const [m, e] = asFraction(p)
  const rest = (1n << BigInt(e)) - m  // 1 − p = rest / 2^e, exactly
  const pmf = []
  let comb = 1n  // C(n, k), from C(n, k − 1)
  for (let k = 0; k <= n; k++) {
    if (k > 0) comb = comb * BigInt(n - k + 1) / BigInt(k)
    pmf.push(nearestDouble(comb * m ** BigInt(k) * rest ** BigInt(n - k), e * n))
  }
  return pmf
}
// binomial PMF: end

const size = sizes[Math.round(size_slider.value)]
const p = p_slider.value, trials = Math.round(n_slider.value)
const a = a_slider.value, b = b_slider.value

// A step function as a line: `before` up to the first jump, then levels[i] from jumps[i]
// on, with a vertical riser at each jump (_steps in Python).
const steps = (low, jumps, levels, high, before) => {
  const x = [low], y = [before]
  let level = before
  for (let i = 0; i < jumps.length; i++) {
    x.push(jumps[i], jumps[i])
    y.push(level, levels[i])
    level = levels[i]
  }
  x.push(high)
  y.push(level)
  return {x, y}
}

// The distribution: mean, variance, and the inverse CDF that turns u in (0, 1] into a sample.
let mu, variance, inverse, support = null, pmf = null, cdfAt = null
if (family === 'uniform') {
  mu = (a + b) / 2
  variance = (b - a) ** 2 / 12
  inverse = (u) => a + (b - a) * u
} else {
  const n = family === 'Bernoulli' ? 1 : trials
  support = Array.from({length: n + 1}, (_, k) => k)
  if (family === 'Bernoulli') {
    mu = p
    variance = p * (1 - p)
    pmf = [1 - p, p]
    cdfAt = [1 - p, 1]
    inverse = (u) => u <= 1 - p ? 0 : 1
  } else {
    mu = n * p
    variance = n * p * (1 - p)
    pmf = binomialPmf(n, p)
    const running = []
    let total = 0
    for (const value of pmf) { total += value; running.push(total) }
    cdfAt = running.map((value) => Math.min(value, 1))
    // The smallest k with F(k) ≥ u (the sums before clipping, as numpy's searchsorted).
    inverse = (u) => {
      let k = 0
      while (k < n && running[k] < u) k++
      return k
    }
  }
}

// The first N shipped draws, turned into samples; their mean and variance, summed in order.
const x = new Array(size)
let sum = 0
for (let i = 0; i < size; i++) {
  x[i] = inverse(codes[i] / scale)
  sum += x[i]
}
const sampleMean = sum / size
let squares = 0
for (const value of x) squares += (value - sampleMean) * (value - sampleMean)
const sampleVar = size > 1 ? squares / (size - 1) : null
const se = Math.sqrt(variance) / Math.sqrt(size)

let low, high, top
if (family === 'uniform') {
  ;[low, high] = uniform_window
  const d = 1 / (b - a)
  // The histogram as histogram_density counts it: bin floor((x − a)/(b − a)·bins), the last
  // bin closed on the right; heights scaled as a density.
  const counts = new Array(bins).fill(0)
  for (const value of x) {
    if (value < a || value > b) continue
    counts[Math.min(Math.floor((value - a) / (b - a) * bins), bins - 1)] += 1
  }
  const heights = counts.map((c) => c / (size * (b - a) / bins))
  top = headroom * Math.max(d, Math.min(Math.max(...heights), tallest * d))
  bars.data = {left: counts.map((_, k) => a + (b - a) * k / bins),
    right: counts.map((_, k) => a + (b - a) * (k + 1) / bins), top: heights}
  stems.data = {x: [], top: []}
  density.data = {x: [low, a, a, b, b, high], y: [0, 0, d, d, 0, 0]}
  cdf.data = {x: [low, a, b, high], y: [0, 0, 1, 1]}
  const ordered = Float64Array.from(x).sort()
  ecdf.data = steps(low, Array.from(ordered), Array.from(ordered, (_, i) => (i + 1) / size),
    high, 0)
} else {
  low = -margin
  high = support.length - 1 + margin
  const counts = new Array(support.length).fill(0)
  for (const value of x) counts[value] += 1
  const shares = counts.map((c) => c / size)
  const below = []
  let seen = 0
  for (const c of counts) { seen += c; below.push(seen / size) }
  top = headroom * Math.max(Math.max(...pmf), Math.max(...shares))
  bars.data = {left: support.map((k) => k - bar_half_width),
    right: support.map((k) => k + bar_half_width), top: shares}
  stems.data = {x: support, top: pmf}
  density.data = {x: [], y: []}
  cdf.data = steps(low, support, cdfAt, high, 0)
  ecdf.data = steps(low, support, below, high, 0)
}
mean.data = {x: [mu, mu], y: [0, top]}
sample_mean.data = {x: [sampleMean, sampleMean], y: [0, top]}
x_range.start = low
x_range.end = high
y_range.end = top
const uniform = family === 'uniform'
pmf_title.text = uniform ? "Density f(x), and the sample's histogram"
  : "PMF P(X = k), and the sample's shares"
pmf_y_axis.axis_label = uniform ? 'density' : 'probability'
pmf_x_axis.axis_label = uniform ? 'x' : 'k'
cdf_x_axis.axis_label = uniform ? 'x' : 'k'

// The readout, as _readout() writes it.
const theory = (value) => fixed(value, 4, true)
const pText = fixed(p, 2)
let what
if (uniform) {
  what = `<b>Uniform(a = ${fixed(a, 1)}, b = ${fixed(b, 1)})</b>: every value in [a, b] ` +
    `equally likely, density 1/(b − a) = ${theory(1 / (b - a))}`
} else {
  const head = family === 'Bernoulli' ? `<b>Bernoulli(p = ${pText})</b>`
    : `<b>Binomial(n = ${trials}, p = ${pText})</b>`
  const most = family === 'Bernoulli' ? '1' : String(trials)
  if (p === 0) {
    what = `${head}: p = 0, every trial fails, so X is always 0. Nothing is random: ` +
      'σ² = 0 and every sample is 0'
  } else if (p === 1) {
    what = `${head}: p = 1, every trial succeeds, so X is always ${most}. Nothing is ` +
      `random: σ² = 0 and every sample is ${most}`
  } else if (family === 'Bernoulli') {
    what = `${head}: one trial: X = 1 (a success) with probability p, else 0`
  } else {
    what = `${head}: ` + (trials > 1 ? `the number of successes in ${trials} independent trials`
      : 'one trial, the same as Bernoulli(p)')
  }
}
const forms = {Bernoulli: ['p', 'p(1 − p)'], binomial: ['np', 'np(1 − p)'],
  uniform: ['(a + b)/2', '(b − a)²/12']}[family]
const theoryLine = `Theory: mean μ = ${forms[0]} = ${tint(theory(mu), 'blue')}, ` +
  `variance σ² = ${forms[1]} = ${tint(theory(variance), 'blue')}`
const meanText = tint(fixed(sampleMean, 3), 'vermillion')
const sampleLine = size === 1
  ? `N = 1 sample: x̄ = ${meanText}, the one value drawn; s² needs two values ` +
    '(its divisor N − 1 is 0)'
  : `N = ${size} samples: x̄ = ${meanText}, s² = ${tint(fixed(sampleVar, 3), 'vermillion')} ` +
    `(divisor N − 1); |x̄ − μ| = ${fixed(Math.abs(sampleMean - mu), 3)}, standard error ` +
    `σ/√N = ${fixed(se, 3)}`
readout.text = `${what}<br>${theoryLine}<br>${sampleLine}`
