// The likelihood explorer (mlmath.figures.probability.likelihood_explorer).
// Args: menu (Select), theta_slider, n_slider (Slider), readout (Div), x_range, log_y
// (Range1d), line, log_line (Span), likelihood, log_likelihood, maximum, current, current_log
// (ColumnDataSource), flips, samples (the shipped data), ranges (θ's range for each data
// set), sigma (known), depth, headroom (the log plot's window), uniform_points, fine_points,
// fine_half_widths (the grid), log_smallest (log of the smallest positive double), x_pad
// (the plots' margin beyond θ's range, as a share of it).
// Mirrors page_state() in Python, where ℓ comes from mlmath.probability's
// bernoulli_log_likelihood and gaussian_log_likelihood;
// tests/figures/test_likelihood_explorer.py compares the two.
const data = menu.value
const coin = data === 'coin flips'
const [low, high] = ranges[data]

// θ's slider follows the data: its range, and its value when that falls outside.
if (theta_slider.start !== low || theta_slider.end !== high) {
  theta_slider.start = low
  theta_slider.end = high
}
if (theta_slider.value < low || theta_slider.value > high) {
  theta_slider.value = Math.min(Math.max(theta_slider.value, low), high)
  return  // the new value runs this callback again
}
const theta = theta_slider.value
const n = Math.round(n_slider.value)

const grid = (from, to, count) => Array.from({length: count}, (_, i) =>
  i === count - 1 ? to : from + (to - from) * i / (count - 1))

// ℓ(θ) as mlmath.probability writes it: k log θ + (N − k) log(1 − θ), a term with a zero
// count left out and −∞ where the data are impossible; or the normal log-likelihood.
let ell, mle, half, heads = 0
if (coin) {
  for (let i = 0; i < n; i++) heads += flips[i]
  const tails = n - heads
  mle = heads / n
  half = 0 < mle && mle < 1 ? Math.sqrt(mle * (1 - mle) / n) : 1 / n
  ell = (t) => {
    let total = 0
    if (heads) total += t > 0 ? heads * Math.log(t) : -Infinity
    if (tails) total += t < 1 ? tails * Math.log1p(-t) : -Infinity
    return total
  }
} else {
  let sum = 0
  for (let i = 0; i < n; i++) sum += samples[i]
  mle = sum / n
  half = sigma / Math.sqrt(n)
  // Σ(x − t)² = Σ(x − x̄)² + N(x̄ − t)²: one pass over the data, not one per point of the grid
  let spread = 0
  for (let i = 0; i < n; i++) spread += (samples[i] - mle) ** 2
  const constant = -0.5 * n * Math.log(2 * Math.PI) - n * Math.log(sigma)
  ell = (t) => constant - (spread + n * (mle - t) ** 2) / (2 * sigma ** 2)
}

const fine = grid(mle - fine_half_widths * half, mle + fine_half_widths * half, fine_points)
  .filter((t) => low < t && t < high)
const thetas = grid(low, high, uniform_points).concat(fine, [mle]).sort((a, b) => a - b)
const curve = thetas.map(ell)
const top = ell(mle)
const at = ell(theta)

const pad = (high - low) * x_pad
x_range.start = low - pad
x_range.end = high + pad
log_y.start = top - depth
log_y.end = top + headroom
line.location = theta
log_line.location = theta
likelihood.data = {theta: thetas, value: curve.map((e) => e > -Infinity ? Math.exp(e - top) : 0)}
const kept = thetas.map((t, i) => [t, curve[i]]).filter(([, e]) => e > -Infinity)
log_likelihood.data = {theta: kept.map(([t]) => t), value: kept.map(([, e]) => e)}
maximum.data = {theta: [mle], ratio: [1], log: [top], label: ['θ̂']}
const possible = at > -Infinity
current.data = {theta: [theta], ratio: [possible ? Math.exp(at - top) : 0], label: ['θ']}
current_log.data = possible ? {theta: [theta], log: [at], label: ['θ']} :
  {theta: [], log: [], label: []}

// e^ℓ written from ℓ, so that it shows far below the smallest double.
const superscript = (k) => String(k).replace(/[0-9-]/g,
  (c) => c === '-' ? '⁻' : '⁰¹²³⁴⁵⁶⁷⁸⁹'[c])
const fromLog = (e) => {
  if (e === -Infinity) return '0'
  if (e >= Math.log(0.01)) return fixed(Math.exp(e), 3)
  let exponent = Math.floor(e / Math.LN10)
  let mantissa = fixed(10 ** (e / Math.LN10 - exponent), 2)
  if (mantissa === '10.00') {
    mantissa = '1.00'
    exponent += 1
  }
  return `${mantissa} × 10${superscript(exponent)}`
}

const hat = tint('θ̂', 'green')
const here = tint('θ', 'vermillion')
let first, name, impossible = null
if (coin) {
  if (heads === 0 || heads === n) {
    const [side, face] = heads === n ? ['1', 'heads'] : ['0', 'tails']
    first = `<b>N = ${n} flip${n > 1 ? 's' : ''}, all ${face}</b>: maximum at the ` +
      `end of the range, ${hat} = ${side}`
  } else {
    first = `<b>N = ${n} flips, k = ${heads} heads</b>: maximum at ${hat} = k/N = ${fixed(mle, 3)}`
  }
  impossible = theta === 0 ? 'a head' : 'a tail'
  name = `${here} = ${fixed(theta, 2)}`
} else {
  first = `<b>N = ${n} sample${n > 1 ? 's' : ''}</b>, σ = 1 known: maximum at ` +
    `${hat} = x̄ = ${fixed(mle, 3)}`
  name = `${here} = μ = ${fixed(theta, 2)}`
}
let second
if (!possible) {
  second = `At ${name} ${impossible} is impossible: L(θ) = 0 and ℓ(θ) = log 0, ` +
    'minus infinity (no finite value)'
} else {
  const gap = at - top
  const ratio = gap >= Math.log(0.001) ? fixed(Math.exp(gap), 3) : fromLog(gap)
  second = `At ${name}: ℓ(θ) = ${fixed(at, 2)}, L(θ) = ${fromLog(at)}, L(θ)/L(θ̂) = ${ratio}`
}
let third
if (top === 0) {
  third = `At ${hat} every observation had probability 1: ℓ(θ̂) = 0 and L(θ̂) = 1`
} else {
  third = `At ${hat}: ℓ(θ̂) = ${fixed(top, 2)}, L(θ̂) = ${fromLog(top)}`
  if (top < log_smallest) {
    third += ', below the smallest double (4.9 × 10⁻³²⁴): it cannot be stored, ' +
      'and a product of the N factors underflows'
  }
}
readout.text = `${first}<br>${second}<br>${third}`
