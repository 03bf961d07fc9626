// The computational graph of a neuron (mlmath.figures.calculus.computational_graph).
// Args: leaves ({label: Slider} for x₁, x₂, w₁, w₂, b, y), step_slider (Slider), readout
// (Div), nodes, edges, edge_labels, point, tangent (ColumnDataSource); structure (the
// engine's graph in topological order: labels, ops, parents, x, y, formulas,
// local_formulas, order of the backward steps, output), parameters (labels), steps (their
// count), flat, tangent_half (numbers), colors (palette colours).
// Mirrors mlmath.calculus.autodiff (Value's operations, backward_steps) and _readout() in
// Python, with the same floating-point operations in the same order;
// tests/figures/test_computational_graph.py compares the two.
const S = structure
const count = S.labels.length
const step = Math.round(step_slider.value)
const index = (label) => S.labels.indexOf(label)

// number(v): three decimals, or 1.8 × 10⁻⁴ when that would round to zero.
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹'
const number = (v) => {
  if (v === 0) return '0'
  if (Math.abs(v) >= 0.0005) return fixed(v, 3)
  const [mantissa, exponent] = v.toExponential(1).split('e')
  const power = String(parseInt(exponent, 10)).replace('-', '⁻')
    .replace(/\d/g, (d) => SUPERSCRIPTS[d])
  return `${mantissa.replace('-', '\u2212')} × 10${power}`
}
const leafText = (v) => fixed(v, 2, true)
// edgeText(v): a local derivative on its edge, ×0.8 (number() without trailing zeros).
const edgeText = (v) => {
  const text = number(v)
  return '×' + (text.includes('.') && !text.includes('×') ? text.replace(/\.?0+$/, '') : text)
}

// The forward pass: each node's value and local derivatives, as Value's operations.
const value = new Array(count), local = new Array(count)
for (let k = 0; k < count; k++) {
  const [a, b] = S.parents[k].map((j) => value[j])
  switch (S.ops[k]) {
    case '': value[k] = leaves[S.labels[k]].value; local[k] = []; break
    case '+': value[k] = a + b; local[k] = [1, 1]; break
    case '−': value[k] = a - b; local[k] = [1, -1]; break
    case '×': value[k] = a * b; local[k] = [b, a]; break
    case '^2': value[k] = a * a; local[k] = [2 * a]; break
    case 'σ': {
      const e = Math.exp(-Math.abs(a))
      const big = 1 / (1 + e), small = e / (1 + e)
      const [s, complement] = a >= 0 ? [big, small] : [small, big]
      value[k] = s; local[k] = [s * complement]; break
    }
  }
}

// The first `step` steps of the backward pass, as backward_steps() records them.
const received = new Array(count).fill(null)
const contributions = []
let upstream = null
if (step >= 1) received[S.output] = 1
for (let t = 0; t < step; t++) {
  const node = S.order[t]
  upstream = received[node]
  contributions.length = 0
  S.parents[node].forEach((parent, j) => {
    const product = local[node][j] * upstream
    received[parent] = (received[parent] === null ? 0 : received[parent]) + product
    contributions.push([parent, local[node][j], product])
  })
}
const current = step >= 1 ? S.order[step - 1] : null
const receiving = current === null ? [] : S.parents[current]

// The boxes: value above, gradient below (shaded once it has arrived), outlines.
const box = {x: [], y: [], value: [], gradient: [], fill: [], band: [], line_color: [],
             line_width: [], line_dash: []}
for (let k = 0; k < count; k++) {
  const isCurrent = k === current, isReceiving = receiving.includes(k)
  const known = received[k] !== null
  box.x.push(S.x[k]); box.y.push(S.y[k])
  box.value.push(`${S.labels[k]} = ${S.ops[k] === '' ? leafText(value[k]) : number(value[k])}`)
  box.gradient.push(known ? number(received[k]) : '—')
  box.fill.push(parameters.includes(S.labels[k]) ? colors.param : colors.paper)
  box.band.push(known ? colors.band : colors.paper)
  box.line_color.push(isCurrent ? colors.current : isReceiving ? colors.receiving : colors.plain)
  box.line_width.push(isCurrent ? 3 : isReceiving ? 2.5 : 1)
  box.line_dash.push(isReceiving && !isCurrent ? 'dashed' : 'solid')
}

// Every edge, child to parent; the current node's carry their local derivatives.
const edge = {xs: [], ys: [], color: [], width: []}
const label = {x: [], y: [], text: []}
for (let k = 0; k < count; k++) {
  S.parents[k].forEach((parent, j) => {
    const active = k === current
    const xs = [S.x[k], S.x[parent]], ys = [S.y[k], S.y[parent]]
    edge.xs.push(xs); edge.ys.push(ys)
    edge.color.push(active ? colors.receiving : colors.plain); edge.width.push(active ? 3 : 1.5)
    if (active) {
      label.x.push((xs[0] + xs[1]) / 2); label.y.push((ys[0] + ys[1]) / 2)
      label.text.push(edgeText(local[k][j]))
    }
  })
}

// σ and its tangent at z.
const z = value[index('z')], yHat = value[index('ŷ')], slope = local[index('ŷ')][0]

// The readout: the forward pass, or what this step of the backward pass does.
const constant = (f) => f === '1' || f === '\u22121'
let text
if (step === 0) {
  text = `<b>Forward pass</b>, top to bottom: z = w₁x₁ + w₂x₂ + b = ${number(z)}, ` +
    `ŷ = σ(z) = ${number(yHat)}, L = (ŷ − y)² = ${number(value[S.output])}.<br>No gradients ` +
    'yet: move “Backward steps taken” to send them up the graph, one node at a time.'
} else {
  const n = S.labels[current], formulas = S.local_formulas[current]
  text = `<b>Step ${step} of ${steps}: ${S.formulas[current]}.</b> ` +
    (current === S.output ? 'The pass starts here, with ∂L/∂L = 1.'
      : `∂L/∂${n} = ${number(upstream)} is complete.`)
  let locals = contributions.map(([parent, d], j) => `∂${n}/∂${S.labels[parent]} = ` +
    (constant(formulas[j]) ? formulas[j] : `${formulas[j]} = ${number(d)}`)).join(', ')
  if (S.ops[current] === 'σ' && contributions[0][1] < flat)
    locals += ' (σ is nearly flat here: little gradient gets through)'
  const chain = contributions.map(([parent, d, product], j) => `∂L/∂${S.labels[parent]} += ` +
    `${constant(formulas[j]) ? formulas[j] : paren(number(d))} × ${paren(number(upstream))} ` +
    `= ${number(product)}`).join('; ')
  text += `<br>Local derivatives: ${locals}.<br>Chain rule: ${chain}.`
  if (step === steps)
    text += '<br><b>Done:</b> ' + parameters.map((p) =>
      `∂L/∂${p} = ${number(received[index(p)])}`).join(', ') + '.'
}

nodes.data = box
edges.data = edge
edge_labels.data = label
point.data = {x: [z, z], y: [yHat, slope]}
tangent.data = {x: [z - tangent_half, z + tangent_half],
                y: [yHat - tangent_half * slope, yHat + tangent_half * slope]}
readout.text = text
