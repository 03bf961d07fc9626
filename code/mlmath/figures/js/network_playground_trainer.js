// The network playground's trainer: the Python package's, repeated in the page.
// Mirrors mlmath.models.two_class_data (Mulberry32, make_two_class) and
// mlmath.models.neural_network (init_network, forward, network_loss,
// network_gradients, and train_network's full-batch gradient descent, which is
// mlmath.calculus.gradient_descent with its divergence limit), with the same
// floating-point operations in the same order wherever the order is ours to
// choose. Uniform draws are equal bit for bit; tanh, exp, log, cos and BLAS's
// sums may round differently in the last bit, so the two agree to about 1e-14,
// and tests/figures/test_network_playground.py holds them to 1e-6 over 200 epochs.
// Plain functions, no Bokeh: network_playground.js uses them, and the tests
// load this file alone in Node too.

// Mulberry32 (mlmath.models.two_class_data.Mulberry32): 32-bit integer operations.
const mulberry32 = (seed) => {
  let state = seed >>> 0
  const uint32 = () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const uniform = () => uint32() / 4294967296
  const normal = () => {
    const u1 = (uint32() + 0.5) / 4294967296
    const u2 = uniform()
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2)
  }
  return {uint32, uniform, normal}
}

const XOR_MARGIN = 0.1
// make_two_class: n points as a flat array [x₁, x₂, x₁, x₂, ...] and their labels.
const makeTwoClass = (dataset, n, noise, seed) => {
  const rng = mulberry32(seed)
  const X = new Float64Array(2 * n), y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let x1, x2, label
    if (dataset === 'XOR') {
      const u1 = 2.0 * rng.uniform() - 1.0, u2 = 2.0 * rng.uniform() - 1.0
      x1 = u1 + XOR_MARGIN * (u1 < 0 ? -1.0 : 1.0)
      x2 = u2 + XOR_MARGIN * (u2 < 0 ? -1.0 : 1.0)
      label = x1 * x2 > 0 ? 1 : 0
    } else {
      label = i % 2
      if (dataset === 'moons') {
        const t = Math.PI * rng.uniform()
        const c = Math.cos(t), s = Math.sin(t)
        if (label === 0) { x1 = c - 0.5; x2 = s - 0.25 } else { x1 = 0.5 - c; x2 = 0.25 - s }
      } else {
        const t = 2.0 * Math.PI * rng.uniform()
        const radius = label === 0 ? 1.0 : 0.5
        x1 = radius * Math.cos(t)
        x2 = radius * Math.sin(t)
      }
    }
    const e1 = rng.normal(), e2 = rng.normal()
    X[2 * i] = x1 + noise * e1
    X[2 * i + 1] = x2 + noise * e2
    y[i] = label
  }
  return {X, y, n}
}

const WEIGHT_STREAM = 0x9E3779B9
// init_network: Glorot-uniform weights (W¹ row by row, then W²), zero biases.
const initNetwork = (hidden, activation, seed, inputs = 2) => {
  const rng = mulberry32((seed ^ WEIGHT_STREAM) >>> 0)
  const glorot = (rows, columns) => {
    const bound = Math.sqrt(6 / (rows + columns))
    const W = new Float64Array(rows * columns)
    for (let k = 0; k < W.length; k++) W[k] = (2 * rng.uniform() - 1) * bound
    return W
  }
  const W1 = glorot(inputs, hidden), W2 = glorot(hidden, 1)
  return {W1, b1: new Float64Array(hidden), W2, b2: new Float64Array(1), activation,
    hidden, inputs}
}

const sigmoidOf = (z) => {
  const e = Math.exp(-Math.abs(z))
  return z >= 0 ? 1 / (1 + e) : e / (1 + e)
}
const softplusOf = (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))
const ACTIVATE = {
  tanh: (z) => Math.tanh(z),
  relu: (z) => z > 0 ? z : 0.0,
  sigmoid: sigmoidOf,
}
// f'(z), given a = f(z): as activation_slope.
const SLOPE = {
  tanh: (z, a) => 1 - a * a,
  relu: (z, a) => z > 0 ? 1.0 : 0.0,
  sigmoid: (z, a) => a * (1 - a),
}

// The forward pass for the n examples of `data`: Z¹, A¹ (n × h, row by row) and the
// output's scores z (the layers as mlmath.linalg.dense_layer adds them, input by input).
const forwardPass = (net, data) => {
  const {W1, b1, W2, b2, hidden: h, inputs: d} = net
  const {X, n} = data
  const f = ACTIVATE[net.activation]
  const Z1 = new Float64Array(n * h), A1 = new Float64Array(n * h), z = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let out = 0
    for (let k = 0; k < h; k++) {
      let s = 0
      for (let j = 0; j < d; j++) s += X[i * d + j] * W1[j * h + k]
      s += b1[k]
      Z1[i * h + k] = s
      const a = f(s)
      A1[i * h + k] = a
      out += a * W2[k]
    }
    z[i] = out + b2[0]
  }
  return {Z1, A1, z}
}

// network_loss: the mean of softplus(z) − y z, the cross-entropy in nats.
const lossOf = (z, y) => {
  let total = 0
  for (let i = 0; i < z.length; i++) total += softplusOf(z[i]) - y[i] * z[i]
  return total / z.length
}

const probabilityOf = sigmoidOf

// network_gradients: the backward pass in matrix form.
const gradientsOf = (net, data, passed) => {
  const {W2, hidden: h, inputs: d} = net
  const {X, y, n} = data
  const {Z1, A1, z} = passed
  const slope = SLOPE[net.activation]
  const dW1 = new Float64Array(d * h), db1 = new Float64Array(h)
  const dW2 = new Float64Array(h), db2 = new Float64Array(1)
  for (let i = 0; i < n; i++) {
    const dz = (sigmoidOf(z[i]) - y[i]) / n
    db2[0] += dz
    for (let k = 0; k < h; k++) {
      const a = A1[i * h + k]
      dW2[k] += a * dz
      const dZ = (dz * W2[k]) * slope(Z1[i * h + k], a)
      db1[k] += dZ
      for (let j = 0; j < d; j++) dW1[j * h + k] += X[i * d + j] * dZ
    }
  }
  return {W1: dW1, b1: db1, W2: dW2, b2: db2}
}

// mlmath.calculus.DIVERGENCE_LIMIT: a parameter this large means the run has run away.
const DIVERGENCE_LIMIT = 1e8
const PARTS = ['W1', 'b1', 'W2', 'b2']

// One epoch of train_network: the loss of the current parameters on both sets, then one
// step of gradient descent, kept only if every parameter stays within the limit. Returns
// {loss, testLoss, diverged}: the losses before the step, and whether the step ran away.
const trainEpoch = (net, train, test, eta) => {
  const passed = forwardPass(net, train)
  const loss = lossOf(passed.z, train.y)
  const testLoss = lossOf(forwardPass(net, test).z, test.y)
  const grads = gradientsOf(net, train, passed)
  const next = {}
  let size = 0
  for (const part of PARTS) {
    const w = net[part], g = grads[part], updated = new Float64Array(w.length)
    for (let k = 0; k < w.length; k++) {
      updated[k] = w[k] - eta * g[k]
      const magnitude = Math.abs(updated[k])
      size = magnitude > size || magnitude !== magnitude ? magnitude : size
    }
    next[part] = updated
  }
  const diverged = !(size <= DIVERGENCE_LIMIT)  // also true for NaN
  if (!diverged) for (const part of PARTS) net[part] = next[part]
  return {loss, testLoss, diverged}
}

// The losses of the current parameters, and how many of each set's examples are classified
// right (class 1 where the score z >= 0, as mlmath.models.network_predict).
const evaluate = (net, train, test) => {
  const measure = (data) => {
    const {z} = forwardPass(net, data)
    let right = 0
    for (let i = 0; i < data.n; i++) if ((z[i] >= 0 ? 1 : 0) === data.y[i]) right++
    return {loss: lossOf(z, data.y), right}
  }
  return {train: measure(train), test: measure(test)}
}
