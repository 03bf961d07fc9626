// The k-means step-through (mlmath.figures.models.kmeans_steps).
// Args: data_menu, init_menu (Select), k_slider, seed_slider, n_slider, step_slider (Slider),
// readout (Div), inertia_x (Range1d), step_line (Span), points, centroids, trails, inertia,
// current (ColumnDataSource); data_names with data_x, data_y (each data set's 500 points),
// uniforms (default_rng(seed).random(2 k_max) for every seed), init_labels (the menu's words),
// max_iter, colours, grey, markers, angles (cluster j's look).
// Mirrors mlmath.models.kmeans (initial_centroids, assignment_step, update_step, k_means)
// and the figure module's _readout, with the same floating-point operations in the same
// order; tests/figures/test_kmeans_steps.py compares the two.
const index = data_names.indexOf(data_menu.value)
const init = init_menu.value
const k = Math.round(k_slider.value)
const seed = Math.round(seed_slider.value)
const n = Math.round(n_slider.value)
const step = Math.round(step_slider.value)
const px = data_x[index].slice(0, n), py = data_y[index].slice(0, n)
const u = uniforms[seed]

// The start, as initial_centroids draws it: the first k uniforms (2k for "uniform").
let cx = [], cy = []
if (init === 'uniform') {
  const lowX = Math.min(...px), highX = Math.max(...px)
  const lowY = Math.min(...py), highY = Math.max(...py)
  for (let j = 0; j < k; j++) {
    cx.push(lowX + u[2 * j] * (highX - lowX))
    cy.push(lowY + u[2 * j + 1] * (highY - lowY))
  }
} else if (init === 'random') {  // the first k swaps of a Fisher-Yates shuffle
  const order = px.map((_, i) => i)
  for (let j = 0; j < k; j++) {
    const r = j + Math.min(Math.floor(u[j] * (n - j)), n - j - 1)
    const kept = order[j]
    order[j] = order[r]
    order[r] = kept
  }
  for (let j = 0; j < k; j++) { cx.push(px[order[j]]); cy.push(py[order[j]]) }
} else {  // k-means++: each next centroid drawn with probability ∝ D(x)²
  const chosen = [Math.min(Math.floor(u[0] * n), n - 1)]
  const dSquared = px.map((x, i) => {
    const dx = x - px[chosen[0]], dy = py[i] - py[chosen[0]]
    return dx * dx + dy * dy
  })
  for (let j = 1; j < k; j++) {
    const running = []
    let total = 0
    for (const d of dSquared) { total += d; running.push(total) }
    let pick
    if (total > 0) {
      const target = u[j] * total
      pick = running.findIndex((r) => r > target)
      if (pick === -1) pick = dSquared.findLastIndex((d) => d !== 0)
    } else {
      pick = Math.min(Math.floor(u[j] * n), n - 1)
    }
    chosen.push(pick)
    for (let i = 0; i < n; i++) {
      const dx = px[i] - px[pick], dy = py[i] - py[pick]
      dSquared[i] = Math.min(dSquared[i], dx * dx + dy * dy)
    }
  }
  cx = chosen.map((i) => px[i])
  cy = chosen.map((i) => py[i])
}

// Lloyd's algorithm, every step kept (k_means).
const pathX = [cx], pathY = [cy], assignments = [], labelPath = [], inertias = []
const relocations = []
let labels = null, converged = false
for (let t = 0; t < max_iter; t++) {
  // The assignment step: the nearest centroid, ties to the lowest j.
  const assigned = new Array(n), nearest = new Array(n)
  for (let i = 0; i < n; i++) {
    let best = 0, bestD = Infinity
    for (let j = 0; j < k; j++) {
      const dx = px[i] - cx[j], dy = py[i] - cy[j]
      const d = dx * dx + dy * dy
      if (d < bestD) { best = j; bestD = d }
    }
    assigned[i] = best
    nearest[i] = bestD
  }
  converged = labels !== null && assigned.every((j, i) => j === labels[i])
  // The update step, with the empty-cluster rule.
  labels = assigned.slice()
  const counts = new Array(k).fill(0)
  for (const j of labels) counts[j] += 1
  const relocated = []
  if (counts.some((c) => c === 0)) {
    const farthestFirst = labels.map((_, i) => i).sort((a, b) => nearest[b] - nearest[a] || a - b)
    let next = 0
    for (let j = 0; j < k; j++) {
      if (counts[j] !== 0) continue
      while (counts[labels[farthestFirst[next]]] < 2) next += 1
      const i = farthestFirst[next]
      next += 1
      counts[labels[i]] -= 1
      labels[i] = j
      counts[j] = 1
      relocated.push([j, i])
    }
  }
  const sumX = new Array(k).fill(0), sumY = new Array(k).fill(0)
  for (let i = 0; i < n; i++) { sumX[labels[i]] += px[i]; sumY[labels[i]] += py[i] }
  cx = sumX.map((s, j) => s / counts[j])
  cy = sumY.map((s, j) => s / counts[j])
  let before = 0, after = 0
  for (let i = 0; i < n; i++) {
    before += nearest[i]
    const dx = px[i] - cx[labels[i]], dy = py[i] - cy[labels[i]]
    after += dx * dx + dy * dy
  }
  pathX.push(cx)
  pathY.push(cy)
  assignments.push(assigned)
  labelPath.push(labels)
  inertias.push([before, after])
  relocations.push(relocated)
  if (converged) break
}
const nIter = assignments.length
const last = 2 * nIter
const finalInertia = inertias[nIter - 1][1]

// The state at the step shown (_at_step).
const shown = Math.min(step, last)
const t = Math.floor((shown + 1) / 2)
let kind, shownLabels, pathEnd, shownInertia
if (shown === 0) {
  kind = 'start'; shownLabels = null; pathEnd = 0; shownInertia = null
} else if (shown % 2 === 1) {
  kind = 'assignment'; shownLabels = assignments[t - 1]; pathEnd = t - 1
  shownInertia = inertias[t - 1][0]
} else {
  kind = 'update'; shownLabels = labelPath[t - 1]; pathEnd = t
  shownInertia = inertias[t - 1][1]
}
const inertiaAt = (s) => s % 2 === 1 ? inertias[(s + 1) / 2 - 1][0] : inertias[s / 2 - 1][1]

// The readout (_readout).
const one = (x) => fixed(x, 1)
const clusters = (list) => `${list.length === 1 ? 'Cluster' : 'Clusters'} ` +
  list.map((j) => String(j + 1)).join(', ')
let what
if (step === 0) {
  what = `the start: ${init_labels[init]} (seed ${seed}) placed k = ${k} centroids; ` +
    'no point has a cluster yet.'
} else if (step > last) {
  what = `the run stopped at step ${last}, shown here.`
} else if (kind === 'assignment') {
  what = `assignment ${t}: each point joins its nearest centroid`
  if (t > 1) {
    const previous = labelPath[t - 2]
    const changed = shownLabels.filter((j, i) => j !== previous[i]).length
    what += `; ${changed} point${changed === 1 ? '' : 's'} changed cluster`
  }
  what += '.'
} else if (converged && t === nIter) {
  what = `update ${t}: every centroid is already the mean of its points.`
} else {
  what = `update ${t}: each centroid moves to the mean of its points.`
}
const lines = [`<b>Step ${step}</b>, ${what}`]
let inertiaText
if (shownInertia === null) {
  inertiaText = 'Inertia L: not defined until every point has a cluster'
} else {
  inertiaText = `Inertia <b>L = ${one(shownInertia)}</b>`
  if (shown >= 2) {
    const before = one(inertiaAt(shown - 1))
    inertiaText += before === one(shownInertia) ? ` (the same at step ${shown - 1})`
      : ` (${before} at step ${shown - 1})`
  }
}
let outcome
if (!converged) {
  outcome = `not converged after ${max_iter} iterations, the figure's limit ` +
    `(L = ${one(finalInertia)})`
} else if (shown === last - 1) {
  outcome = '<b>converged</b>: no point changed cluster, so no centroid will move'
} else if (shown >= last) {
  outcome = `<b>converged</b> at step ${last - 1}, a local minimum`
} else {
  outcome = `the run converges at step ${last - 1}, with L = ${one(finalInertia)}`
}
lines.push(`${inertiaText}; ${outcome}.`)
const notes = []
if (kind === 'assignment') {
  const empty = []
  for (let j = 0; j < k; j++) if (!shownLabels.includes(j)) empty.push(j)
  if (empty.length > 0) {
    notes.push(`${clusters(empty)} got no points; the update gives ` +
      `${empty.length === 1 ? 'it' : 'each'} the point farthest from its centroid.`)
  }
} else if (kind === 'update' && relocations[t - 1].length > 0) {
  const moved = relocations[t - 1].map(([j]) => j)
  notes.push(`${clusters(moved)} ${moved.length === 1 ? 'was' : 'were'} empty: ` +
    `${moved.length === 1 ? 'it' : 'each'} took the point farthest from its centroid.`)
}
if (k === n) notes.push('k = N: each point can be a cluster of its own, with L = 0.')
if (notes.length > 0) lines.push(notes.join(' '))

// What the plots draw (_data).
const look = (list) => ({
  colour: list.map((j) => colours[j % colours.length]),
  marker: list.map((j) => markers[j]),
  angle: list.map((j) => angles[j]),
})
const clusterIndices = Array.from({length: k}, (_, j) => j)
const shownX = pathX[pathEnd], shownY = pathY[pathEnd]
points.data = shownLabels === null
  ? {x: px, y: py, colour: px.map(() => grey), marker: px.map(() => 'circle'),
    angle: px.map(() => 0)}
  : {x: px, y: py, ...look(shownLabels)}
centroids.data = {x: shownX, y: shownY, ...look(clusterIndices),
  label: clusterIndices.map((j) => String(j + 1))}
trails.data = {
  xs: clusterIndices.map((j) => pathX.slice(0, pathEnd + 1).map((c) => c[j])),
  ys: clusterIndices.map((j) => pathY.slice(0, pathEnd + 1).map((c) => c[j])),
  colour: clusterIndices.map((j) => colours[j % colours.length]),
}
const values = inertias.flat()
inertia.data = {step: values.map((_, s) => s + 1), value: values,
  marker: values.map((_, s) => s % 2 === 0 ? 'circle' : 'square')}
current.data = shownInertia === null ? {step: [], value: []}
  : {step: [shown], value: [shownInertia]}
inertia_x.start = 0
inertia_x.end = last + 1
step_line.location = shown
readout.text = lines.join('<br>')
