// The Bayes explorer (mlmath.figures.probability.bayes_explorer).
// Args: prevalence_slider (the index of a prevalence stop), sensitivity_slider,
// specificity_slider (Slider), toggle (Toggle: test the positives again), readout (Div),
// title (the zoomed plot's Title), sources ({'everyone-tp', ..., 'zoom-note'}:
// ColumnDataSource), per_10k (the stops, in people per 10,000), stop_labels (their names:
// a screen reader hears the slider's index, so the readout names the stop), population, side,
// min_zoom_side, ring_share, ring_columns, cell_lines_up_to, margin. Mirrors page_state()
// in Python, where the numbers come from mlmath.probability, with the same floating-point
// operations in the same order; tests/figures/test_bayes_explorer.py compares the two.

const GROUPS = ['tp', 'fn', 'fp', 'tn']

// Numbers written as the Python side writes them.
const sci = (x) => {  // 0 < x < 1 as 9.80 × 10⁻⁵
  let mantissa = x, exponent = 0
  while (mantissa < 1) { mantissa *= 10; exponent += 1 }
  let text = fixed(mantissa, 2)
  if (text === '10.00') { text = '1.00'; exponent -= 1 }
  return `${text} × 10⁻${String(exponent).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d])}`
}
const prob = (x) => {  // a computed probability, about three significant digits
  if (x === 0 || x === 1) return x === 0 ? '0' : '1'
  if (x < 0.001) return sci(x)
  for (const [bound, digits] of [[0.01, 5], [0.1, 4], [0.999, 3]])
    if (x < bound) return fixed(x, digits)
  // Close to 1: up to six decimals, or how far below 1 (in parentheses, being a factor).
  const text = fixed(x, 6, true)
  return text !== '1' ? text : `(1 − ${sci(1 - x)})`
}
const entered = (x, digits = 3) => fixed(x, digits, true)
const percent = (x) => {
  if (x === 0 || x === 1) return x === 0 ? '0 %' : '100 %'
  const pct = 100 * x
  if (pct < 0.01) return 'less than 0.01 %'
  if (pct > 99.99) return 'more than 99.99 %'
  return `${fixed(pct, 2)} %`
}
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
const ratio = (x) => x < 10 ? fixed(x, 2, true) : x < 100 ? fixed(x, 1, true)
  : grouped(fixed(x, 0))
const oddsText = (o) => {
  if (o === 0 || o === Infinity) return o === 0 ? '0 : 1' : '1 : 0'
  return o < 1 ? `1 : ${ratio(1 / o)}` : `${ratio(o)} : 1`
}
const factorText = (f) => f === Infinity ? '∞' : f >= 1 ? ratio(f) : prob(f)
const odds = (q) => q === 1 ? Infinity : q / (1 - q)
const share = (sick, total, of) => {
  if (total === 0) return ''
  if (total === 1) return ` The only ${of} is ${sick === 1 ? 'sick' : 'healthy'}.`
  return ` ${grouped(sick)} of the ${grouped(total)} ${of}s ${sick === 1 ? 'is' : 'are'} sick.`
}

// The settings, and the numbers of mlmath.probability: screening, population_counts,
// split_by_test, sequential_posteriors, bayes_factor.
const index = Math.round(prevalence_slider.value)
const p = per_10k[index] / population
const sens = sensitivity_slider.value, spec = specificity_slider.value
const second = toggle.active
const pPositive = Math.min(sens * p + (1 - spec) * (1 - p), 1)
const post1 = pPositive > 0 ? Math.min(sens * p / pPositive, 1) : null
let post2 = null
if (post1 !== null) {
  const evidence = Math.min(sens * post1 + (1 - spec) * (1 - post1), 1)
  post2 = Math.min(sens * post1 / evidence, 1)
}
const roundHalfUp = (x) => Math.floor(x + 0.5)
const split = (sick, healthy) => {
  const tp = roundHalfUp(sick * sens), fp = roundHalfUp(healthy * (1 - spec))
  return {tp, fn: sick - tp, fp, tn: healthy - fp}
}
const sickCount = roundHalfUp(population * p)
const counts = split(sickCount, population - sickCount)
const retest = split(counts.tp, counts.fp)
const positives = counts.tp + counts.fp

// The readout.
const reason = () => {
  if (p === 0) return 'nobody has the disease, so every positive is a false alarm, however ' +
    'good the test'
  if (p === 1) return 'everyone has the disease, so a positive cannot tell anything new'
  if (sens === 1 && spec === 1) return 'a perfect test: every sick person tests positive ' +
    'and nobody else does, so a positive is certain to be right'
  if (spec === 1) return 'with specificity 1 no healthy person tests positive, so every ' +
    'positive is sick'
  if (sens === 0) return 'with sensitivity 0 the test never finds the disease, so every ' +
    'positive is a false alarm'
  return ''
}
const s = entered(sens), fpr = entered(1 - spec), ps = entered(p, 4), qs = entered(1 - p, 4)
let countsLine = `In ${grouped(population)} people (${stop_labels[index]} sick): ` +
  `${grouped(counts.tp)} sick and positive, ` +
  `${grouped(counts.fn)} sick but negative, ${grouped(counts.fp)} healthy but positive, ` +
  `${grouped(counts.tn)} healthy and negative.`
if (positives === 0 && pPositive > 0)
  countsLine += ` Nobody tests positive here: ${prob(population * pPositive)} expected, ` +
    'which rounds to 0.'
countsLine += share(counts.tp, positives, 'positive')
let text
if (post1 === null) {
  const why = sens === 0 && spec === 1 ? 'This test never says positive: sensitivity 0, ' +
    'specificity 1.' : p === 0 ? 'Nobody is sick, and with specificity 1 no healthy person ' +
    'tests positive.' : 'Everyone is sick, and with sensitivity 0 the test misses every one ' +
    'of them.'
  const again = second ? ' So there is nobody to test a second time.' : ''
  text = `<b>Nobody tests positive</b>: P(+) = ${s} × ${ps} + ${fpr} × ${qs} = 0, so ` +
    'P(D | +) would be 0/0, undefined: there is no positive result to learn from. ' +
    `${why}${again}<br>${countsLine}`
} else {
  const post = second ? post2 : post1
  const given = second ? 'P(D | +, +)' : 'P(D | +)'
  const why = reason()
  const headline = `<b>${given} = ${tint(prob(post), 'vermillion')}</b> (${percent(post)})` +
    (why ? `: ${why}.` : second ? ' after two positive tests.'
      : ', the chance that a positive is sick.')
  const ratio = `${s} × ${ps} / ${prob(pPositive)}`
  const factor = factorText(1 - spec === 0 ? Infinity : sens / (1 - spec))
  const oddsLine = `odds: prior ${oddsText(odds(p))} × Bayes factor ${factor}` +
    (second ? ` × ${factor}` : '') + ` = posterior ${oddsText(odds(post))}`
  let lines
  if (second) {
    const p1 = prob(post1), q1 = prob(1 - post1)
    const who = positives === 1 ? 'the one positive' : `the ${grouped(positives)} positives`
    const retestLine = `<br>Tested again, ${who}: ${grouped(retest.tp)} sick and positive ` +
      `again, ${grouped(retest.fn)} sick and now negative, ${grouped(retest.fp)} healthy and ` +
      `positive again, ${grouped(retest.tn)} healthy and now negative.` +
      share(retest.tp, retest.tp + retest.fp, 'double positive')
    lines = [headline, `first test: P(D | +) = ${ratio} = ${p1}`,
      `second test, ${p1} the new prior: ${s} × ${p1} / (${s} × ${p1} + ${fpr} × ${q1}) ` +
      `= ${prob(post)}`, oddsLine, countsLine + (positives > 0 ? retestLine : '')]
  } else {
    const pNegative = Math.min((1 - sens) * p + spec * (1 - p), 1)
    const negativeLine = pNegative > 0
      ? `after a negative: P(D | −) = ${entered(1 - sens)} × ${ps} / ${prob(pNegative)} = ` +
        prob(Math.min((1 - sens) * p / pNegative, 1))
      : 'Nobody tests negative (P(−) = 0), so P(D | −) is undefined.'
    lines = [headline, `Bayes: ${given} = P(+ | D) P(D) / P(+) = ${ratio}`,
      `total probability: P(+) = ${s} × ${ps} + ${fpr} × ${qs} = ${prob(pPositive)}`,
      oddsLine, negativeLine, countsLine]
  }
  text = lines.join('<br>')
}

// The waffles (mlmath.figures.probability.waffle): each group a run of cells in reading
// order, as at most three rectangles.
const runs = (sizes, columns) => {
  const shapes = {}
  let start = 0
  GROUPS.forEach((group, g) => {
    const quads = {left: [], right: [], top: [], bottom: []}
    const end = start + sizes[g]
    let a = start
    while (a < end) {
      const row = Math.floor(a / columns), column = a % columns
      let stop, spans
      if (column > 0 || end - a < columns) {
        stop = Math.min(end, (row + 1) * columns)
        spans = [column, stop - row * columns, row, row + 1]
      } else {
        const rows = Math.floor((end - a) / columns)
        stop = a + rows * columns
        spans = [0, columns, row, row + rows]
      }
      quads.left.push(spans[0]); quads.right.push(spans[1])
      quads.top.push(0 - spans[2]); quads.bottom.push(0 - spans[3])
      a = stop
    }
    shapes[group] = quads
    start = end
  })
  return shapes
}
const rings = (shapes, sizes, columns) => {
  const x = [], y = []
  if (columns >= ring_columns)
    GROUPS.forEach((group, g) => {
      if (sizes[g] > 0 && sizes[g] < ring_share * columns * columns) {
        const q = shapes[group]
        x.push((q.left[0] + q.right[0]) / 2); y.push((q.top[0] + q.bottom[0]) / 2)
      }
    })
  return {x, y}
}
const everyoneSizes = [counts.tp, counts.fn, counts.fp, counts.tn]
const everyone = runs(everyoneSizes, side)
const columns = Math.max(min_zoom_side, Math.ceil(Math.sqrt(positives)))
const zoomSizes = second ? [retest.tp, retest.fn, retest.fp, retest.tn]
  : [counts.tp, 0, counts.fp, 0]
const zoom = runs(zoomSizes, columns)
const m = margin * columns
const every = columns <= cell_lines_up_to ? 1 : 10
const at = []
for (let k = every; k < columns; k += every) at.push(k)

for (const group of GROUPS) {
  sources[`everyone-${group}`].data = everyone[group]
  sources[`zoom-${group}`].data = zoom[group]
}
sources['everyone-rings'].data = rings(everyone, everyoneSizes, side)
sources['zoom-rings'].data = rings(zoom, zoomSizes, columns)
sources['zoom-frame'].data = {x: [-m, columns + m, columns + m, -m],
  y: [-columns - m, -columns - m, m, m]}
sources['zoom-lines'].data = {x0: [...at, ...at.map(() => 0)],
  y0: [...at.map(() => 0), ...at.map((k) => -k)], x1: [...at, ...at.map(() => columns)],
  y1: [...at.map(() => -columns), ...at.map((k) => -k)]}
sources['zoom-note'].data = positives === 0
  ? {x: [columns / 2], y: [-columns / 2], text: ['no positives to show']} : {x: [], y: [], text: []}
title.text = positives === 0 ? 'nobody tests positive'
  : (positives === 1 ? 'the one person who tests positive'
    : `the ${grouped(positives)} who test positive`) + (second ? ', tested again' : '')
readout.text = text
