// The split explorer (mlmath.figures.models.split_explorer).
// Args: menu (Select), threshold_slider, depth_slider, points_slider (Slider), readout (Div),
// depth_line (Span), points_0..2, regions_0..2, question, best, gain, gain_now, gain_best,
// accuracy (ColumnDataSource); x1, x2, labels (the pool of training points; the first N are
// used), trees (per N in `sizes`, the fully grown tree: feature (−1 at a leaf), threshold,
// left, right, depth, majority per node, in preorder), training, held (accuracy per N and
// depth), depths, features, shapes (the classes' marks in the readout), limit (the gain
// plot's half-width), box (how far the regions and lines reach), held_out_count, tie
// (mlmath.models.TIE_TOLERANCE).
// Mirrors page_state() in Python, where the entropies and gains come from mlmath.models with
// the same floating-point operations in the same order; tests/figures/test_split_explorer.py
// compares the two.
const feature = menu.value
const j = features.indexOf(feature)
const tau = threshold_slider.value
const depth = Math.round(depth_slider.value)
const n = Math.round(points_slider.value)
const which = sizes.indexOf(n)
const classes = shapes.length
const xs = [x1.slice(0, n), x2.slice(0, n)]
const ys = labels.slice(0, n)

// H = −Σ p log₂ p over the classes present, p = count / total (mlmath.probability.entropy).
const entropy = (counts) => {
  const total = counts.reduce((a, b) => a + b, 0)
  let sum = 0
  for (const c of counts) {
    if (c > 0) {
      const p = c / total
      sum += p * (Math.log(p) / Math.LN2)
    }
  }
  return -sum + 0
}
// The information gain from a node's class counts and its left side's (models._gain).
const gainOf = (totals, left) => {
  const all = totals.reduce((a, b) => a + b, 0)
  const yes = left.reduce((a, b) => a + b, 0)
  if (yes === 0 || yes === all) return 0
  const right = totals.map((c, i) => c - left[i])
  return entropy(totals) - yes / all * entropy(left) - (all - yes) / all * entropy(right)
}
const countsOf = (rows) => {
  const counts = new Array(classes).fill(0)
  for (const i of rows) counts[ys[i]] += 1
  return counts
}
const everyone = Array.from({length: n}, (_, i) => i)
const totals = countsOf(everyone)

// One feature's scan: its distinct values in order, the gain of x ≤ v for each, and the
// candidate questions between neighbouring values (their midpoints).
const scan = (f) => {
  const x = xs[f]
  const order = everyone.slice().sort((a, b) => x[a] - x[b])
  const left = new Array(classes).fill(0)
  const values = [], gains = [], candidates = []
  for (let k = 0; k < n; k++) {
    left[ys[order[k]]] += 1
    const v = x[order[k]]
    const last = k === n - 1
    if (!last && x[order[k + 1]] === v) continue
    const g = gainOf(totals, left)
    values.push(v)
    gains.push(g)
    if (!last) candidates.push({feature: f, threshold: (v + x[order[k + 1]]) / 2, gain: g})
  }
  return {values, gains, candidates}
}
// The best of the candidates, after `start`: the first of equal gains (models.best_split).
const pick = (candidates, start) => {
  let found = start
  for (const c of candidates) if (found === null || c.gain > found.gain + tie) found = c
  return found
}
const scans = [scan(0), scan(1)]
const here = pick(scans[j].candidates, null)
const overall = pick(scans[1].candidates, pick(scans[0].candidates, null))

// The question x_j ≤ τ at the root.
const yesRows = everyone.filter((i) => xs[j][i] <= tau)
const noRows = everyone.filter((i) => !(xs[j][i] <= tau))
const sides = [countsOf(yesRows), countsOf(noRows)]
const sideH = sides.map((c) => c.some((v) => v > 0) ? entropy(c) : null)
const asked = gainOf(totals, sides[0])
const parent = entropy(totals)

// The tree of the chosen depth: the fully grown one, cut there; its leaves as rectangles.
const tree = trees[which]
const rects = Array.from({length: classes}, () => ({left: [], right: [], bottom: [], top: []}))
const stack = [[0, -box, box, -box, box]]
let leaves = 0
while (stack.length > 0) {
  const [node, a, b, c, d] = stack.pop()
  if (tree.feature[node] < 0 || tree.depth[node] === depth) {
    const box = rects[tree.majority[node]]
    box.left.push(a)
    box.right.push(b)
    box.bottom.push(c)
    box.top.push(d)
    leaves += 1
    continue
  }
  const t = tree.threshold[node]
  const [below, above] = tree.feature[node] === 0 ? [[a, t, c, d], [t, b, c, d]]
    : [[a, b, c, t], [a, b, t, d]]
  stack.push([tree.right[node], ...above])
  stack.push([tree.left[node], ...below])
}
const grown = Math.max(...tree.depth)

const line = (t) => j === 0 ? {x0: [t], y0: [-box], x1: [t], y1: [box]}
  : {x0: [-box], y0: [t], x1: [box], y1: [t]}
const pointSources = [points_0, points_1, points_2]
const regionSources = [regions_0, regions_1, regions_2]
for (let c = 0; c < classes; c++) {
  const mine = everyone.filter((i) => ys[i] === c)
  pointSources[c].data = {x: mine.map((i) => xs[0][i]), y: mine.map((i) => xs[1][i])}
  regionSources[c].data = rects[c]
}
question.data = line(tau)
best.data = line(here.threshold)
const {values, gains} = scans[j]
gain.data = {tau: [-limit, ...values, limit], gain: [0, ...gains.slice(0, -1), 0, 0]}
gain_now.data = {tau: [tau], gain: [asked]}
gain_best.data = {tau: [here.threshold], gain: [here.gain]}
accuracy.data = {depth: depths, training: training[which], held_out: held[which]}
depth_line.location = depth

const sideText = (answer, counts, h) => {
  const marks = counts.map((c, i) => `${shapes[i]} ${c}`).join(', ')
  const total = counts.reduce((a, b) => a + b, 0)
  return `${answer}: ${total} points (${marks}), H = ${fixed(h, 3)} bits${h === 0 ? ' (pure)' : ''}`
}
const lines = [`<b>${feature} ≤ ${fixed(tau, 2)}?</b> `]
const [nYes, nNo] = [yesRows.length, noRows.length]
const root = `H(S) = ${fixed(parent, 3)} bits for all ${n}; `
if (nYes === 0 || nNo === 0) {
  const [answer, other] = nYes === 0 ? ['no', 'yes'] : ['yes', 'no']
  lines[0] += `all ${n} points answer ${answer}, none ${other}:`
  lines.push('the question separates nothing.')
  lines.push(root + `<b>gain ${fixed(0, 3)} bits</b>`)
} else {
  const share = nYes / n
  const weighted = share * sideH[0] + (1 - share) * sideH[1]
  lines[0] += sideText('yes', sides[0], sideH[0])
  lines.push(sideText('no', sides[1], sideH[1]))
  lines.push(root + `weighted children ${fixed(weighted, 3)}: <b>gain ${fixed(asked, 3)} bits</b>`)
}
lines.push(`Best τ on ${feature}: ${fixed(here.threshold, 3)}, gain ` +
  `${tint(fixed(here.gain, 3), 'purple')}. Best question of all: ` +
  `${features[overall.feature]} ≤ ${fixed(overall.threshold, 3)}, gain ${fixed(overall.gain, 3)}`)
const k = depths.indexOf(depth)
lines.push(`Depth ${depth}${depth > grown ? `, but the tree stops at ${grown}` : ''} ` +
  `(${leaves} leaves): accuracy ${fixed(100 * training[which][k], 1)} % training, ` +
  `${fixed(100 * held[which][k], 1)} % on ${held_out_count} held-out points`)
readout.text = lines.join('<br>')
