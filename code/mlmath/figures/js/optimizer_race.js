// The optimizer race (mlmath.figures.calculus.optimizer_race).
// Args: menu, setting_menu (Select), w1_slider, w2_slider, t_slider (Slider), readout (Div),
// now (Span, the step on the loss plot), runs, heads (one ColumnDataSource per optimizer:
// its path and gaps up to step t, and its point at step t), contours, minimum, start
// (ColumnDataSource); surfaces, settings, optimizers (the menus' and the race's names),
// marks, colours (each optimizer's character and palette name), etas[setting][surface]
// (the five learning rates), momentum, rms_beta2, rms_delta, adam_beta1, adam_beta2,
// adam_delta (the rules' other settings), contour_data, minima, lowest (L*), bowls (a, b, b, c
// of each bowl's Hessian) per surface, tilt (of the double well), tolerance (the finish),
// limit (mlmath.calculus.DIVERGENCE_LIMIT), floor (the smallest gap drawn), max_steps,
// eps (the float64 machine epsilon).
// Mirrors page_state() in Python, where each run is mlmath.calculus.steps_to_tolerance:
// mlmath.calculus.optimize with SGD, Momentum, RMSProp, Adam and Newton (whose linear
// system is mlmath.linalg.solve's Gaussian elimination), with the same floating-point
// operations in the same order; tests/figures/test_optimizer_race.py compares the two.
const name = menu.value
const index = surfaces.indexOf(name)
const setting = setting_menu.value
const rates = etas[settings.indexOf(setting)][index]
const t = Math.round(t_slider.value)
const [a, b, , c] = bowls[index]

// Each surface's loss L (as on_grid), gradient and Hessian, as mlmath.calculus writes them.
const bowl = [
  (x, y) => 0.5 * (a * x * x + 2 * b * x * y + c * y * y),
  (x, y) => [a * x + b * y, b * x + c * y],
  () => [a, b, b, c],
]
const SURFACES = {
  'narrow bowl': bowl,
  'turned bowl': bowl,
  'Rosenbrock': [
    (x, y) => (1 - x) * (1 - x) + 100 * ((y - x * x) * (y - x * x)),
    (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    (x, y) => [2 - 4 * 100 * (y - 3 * x * x), -4 * 100 * x, -4 * 100 * x, 2 * 100],
  ],
  'two minima': [
    (x, y) => (x * x - 1) * (x * x - 1) + tilt * x + y * y,
    (x, y) => [4 * x * (x * x - 1) + tilt, 2 * y],
    (x, y) => [12 * x * x - 4, 0, 0, 2],
  ],
}
const [loss, grad, hessian] = SURFACES[name]
const lowestHere = lowest[index]
const gapAt = (x, y) => loss(x, y) - lowestHere

// The update rules: from the gradient (g1, g2), the state and the step number, the step.
const sgd = (eta) => ({start: () => null, update: (g1, g2) => [-eta * g1, -eta * g2]})
const heavyBall = (eta) => ({
  start: () => [0, 0],
  update: (g1, g2, s) => {
    s[0] = momentum * s[0] + g1
    s[1] = momentum * s[1] + g2
    return [-eta * s[0], -eta * s[1]]
  },
})
const rmsprop = (eta) => ({
  start: () => [0, 0],
  update: (g1, g2, s) => {
    s[0] = rms_beta2 * s[0] + (1 - rms_beta2) * (g1 * g1)
    s[1] = rms_beta2 * s[1] + (1 - rms_beta2) * (g2 * g2)
    return [-eta * g1 / (Math.sqrt(s[0]) + rms_delta), -eta * g2 / (Math.sqrt(s[1]) + rms_delta)]
  },
})
const adam = (eta) => ({
  start: () => ({m: [0, 0], s: [0, 0], p1: 1, p2: 1}),
  update: (g1, g2, st) => {
    st.m = [adam_beta1 * st.m[0] + (1 - adam_beta1) * g1, adam_beta1 * st.m[1] + (1 - adam_beta1) * g2]
    st.s = [adam_beta2 * st.s[0] + (1 - adam_beta2) * (g1 * g1),
      adam_beta2 * st.s[1] + (1 - adam_beta2) * (g2 * g2)]
    st.p1 = st.p1 * adam_beta1
    st.p2 = st.p2 * adam_beta2
    const step = (k) => {
      const mHat = st.m[k] / (1 - st.p1)
      const sHat = st.s[k] / (1 - st.p2)
      return -eta * mHat / (Math.sqrt(sHat) + adam_delta)
    }
    return [step(0), step(1)]
  },
})
// Newton's step -η H⁻¹g, H⁻¹g by mlmath.linalg.solve: elimination with partial pivoting,
// a pivot no larger than 2 ε max|hᵢⱼ| counting as zero (then the Hessian is singular).
const SINGULAR = 'singular'
const newton = (eta) => ({
  start: () => null,
  update: (g1, g2, s, w1, w2) => {
    const H = hessian(w1, w2)
    if (!H.every(isFinite) || !isFinite(g1) || !isFinite(g2)) return [NaN, NaN]
    const tol = 2 * eps * Math.max(...H.map(Math.abs))
    const swap = Math.abs(H[2]) > Math.abs(H[0])  // np.argmax: the first of equals
    const [u00, u01, h10, h11] = swap ? [H[2], H[3], H[0], H[1]] : H
    const [r0, r1] = swap ? [g2, g1] : [g1, g2]
    if (Math.abs(u00) <= tol) throw SINGULAR
    const factor = h10 / u00
    const u11 = h11 - factor * u01
    if (Math.abs(u11) <= tol) throw SINGULAR
    const y0 = r0 - 0
    const y1 = r1 - factor * y0
    const x1 = (y1 - 0) / u11
    const x0 = (y0 - u01 * x1) / u00
    return [-eta * x0, -eta * x1]
  },
})

// mlmath.calculus.optimize for max_steps steps (stopping only if the run diverges or
// Newton's Hessian is singular), then the step from which L − L* ≤ tolerance to the end.
const race = (rule) => {
  let w1 = w1_slider.value, w2 = w2_slider.value
  const xs = [w1], ys = [w2], gaps = [gapAt(w1, w2)], lengths = [], norms = []
  const run = {xs, ys, gaps, lengths, norms, finished: null, diverged: null, singular: null}
  const state = rule.start()
  for (let step = 1; step <= max_steps; step++) {
    const [g1, g2] = grad(w1, w2)
    let d
    try {
      d = rule.update(g1, g2, state, w1, w2)
    } catch (error) {
      if (error !== SINGULAR) throw error
      run.singular = step
      break
    }
    w1 = w1 + d[0]
    w2 = w2 + d[1]
    if (!(Math.max(Math.abs(w1), Math.abs(w2)) <= limit)) {  // also true for NaN
      run.diverged = step
      break
    }
    xs.push(w1)
    ys.push(w2)
    lengths.push(Math.sqrt(0 + d[0] * d[0] + d[1] * d[1]))
    norms.push(Math.sqrt(0 + g1 * g1 + g2 * g2))
    gaps.push(gapAt(w1, w2))
  }
  if (run.diverged === null && run.singular === null && gaps[gaps.length - 1] <= tolerance) {
    let k = gaps.length - 1
    while (k > 0 && gaps[k - 1] <= tolerance) k--
    run.finished = k
  }
  return run
}
const makers = [sgd, heavyBall, rmsprop, adam, newton]
const results = makers.map((make, k) => race(make(rates[k])))

// Numbers as the Python twin writes them.
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹'
const scientific = (x, digits = 2) => {
  const [mantissa, exponent] = x.toExponential(digits).split('e')
  const power = String(parseInt(exponent, 10)).replace('-', '⁻')
    .replace(/\d/g, (d) => SUPERSCRIPTS[d])
  return `${mantissa.replace('-', '\u2212')} × 10${power}`
}
const short = (x) => {
  if (!(x >= 0.001 && x < 1000)) return scientific(x, 1)
  const decimals = [[0, 100], [1, 10], [2, 1], [3, 0.1], [4, 0.01], [5, 0.001]]
    .find(([, low]) => x >= low)[0]
  return fixed(x, decimals, true)
}

const CELL = 'padding:0 7px 0 0;white-space:nowrap;text-align:left;font-weight:normal'
const cell = `<td style="${CELL}">`
const rows = results.map((run, k) => {
  const last = Math.min(t, run.xs.length - 1)
  const events = [[run.finished, (k) => `in at step ${k}`],
    [run.diverged, (k) => `diverged at step ${k}`],
    [run.singular, (k) => `stopped at step ${k}: H singular`]]
  const hit = events.find(([step]) => step !== null && t >= step)
  const status = hit ? hit[1](hit[0]) : null
  const head = `${cell}${tint(marks[k], colours[k])} ${optimizers[k]}</td>${cell}${short(rates[k])}</td>`
  if (status) return `<tr>${head}<td colspan="2" style="${CELL}">${status}</td></tr>`
  const gap = Math.max(run.gaps[last], floor)
  const eff = last > 0 && run.norms[last - 1] > 0
    ? short(run.lengths[last - 1] / run.norms[last - 1]) : '—'
  return `<tr>${head}${cell}${scientific(gap, 1)}</td>${cell}${eff}</td></tr>`
})
const columns = ['', 'η', 'L − L*', '‖Δw‖/‖g‖'].map((c) => `<th style="${CELL}">${c}</th>`).join('')

results.forEach((run, k) => {
  const last = Math.min(t, run.xs.length - 1)
  const gaps = run.gaps.slice(0, last + 1).map((g) => Math.max(g, floor))
  runs[k].data = {x: run.xs.slice(0, last + 1), y: run.ys.slice(0, last + 1),
    step: gaps.map((_, i) => i), gap: gaps}
  heads[k].data = {x: [run.xs[last]], y: [run.ys[last]], step: [last], gap: [gaps[last]]}
})
contours.data = contour_data[index]
minimum.data = {x: [minima[index][0]], y: [minima[index][1]]}
start.data = {x: [w1_slider.value], y: [w2_slider.value]}
now.location = t
readout.text = `<b>${name}</b> · η: ${setting} · after <b>t = ${t}</b> step${t === 1 ? '' : 's'}` +
  '<table style="border-collapse:collapse;font-size:14px">' +
  `<tr>${columns}</tr>${rows.join('')}</table>`
