// The network playground (mlmath.figures.models.network_playground), after kit.js and
// network_playground_trainer.js. One callback for every control and button: cb_obj (or,
// for a button, its event's origin) says which. A change of a menu or slider starts a new run at epoch 0 (what page_state() in
// Python shows); Play trains a few epochs per animation frame until Pause; Step trains
// step_epochs at once.
// Args: dataset_menu, activation_menu, eta_menu (Select), noise_slider, hidden_slider,
// seed_slider (Slider), play_button, pause_button, step_button (Button), readout (Div),
// loss_x (Range1d), surface_plot (the plot whose view tells whether the figure is still on
// the page), surface, train, test, loss, edges, nodes, layers, run (ColumnDataSource);
// centres_x, centres_y (the shading's squares), alpha, n_train, n_test, activation_labels,
// layer_x, step_epochs, frame_epochs, frame_budget_ms, max_epochs, loss_points,
// min_epochs_shown, paused (the readout's words for a run waiting for Play), blue, vermillion.
//
// The run lives in one object per document, kept on the `run` source: the data, the
// network, the losses of every epoch, and the loop's token. Starting a loop takes a new
// token and every frame checks it, so Pause stops the loop at its next frame, and a second
// Play, or a loop whose figure has left the page (a notebook cell run again), never leaves
// two loops running.
const S = run.mlmath_playground ?? (run.mlmath_playground = {token: 0, playing: false,
  frames: 0, work_ms: 0, max_work_ms: 0})

const settings = () => ({
  dataset: dataset_menu.value, noise: noise_slider.value, hidden: Math.round(hidden_slider.value),
  activation: activation_menu.value, eta: Number(eta_menu.value), eta_text: eta_menu.value,
  seed: Math.round(seed_slider.value),
})

const percent = (share) => fixed(share, 1)

function start() {
  const s = settings()
  const all = makeTwoClass(s.dataset, n_train + n_test, s.noise, s.seed)
  S.settings = s
  S.train = {X: all.X.slice(0, 2 * n_train), y: all.y.slice(0, n_train), n: n_train}
  S.test = {X: all.X.slice(2 * n_train), y: all.y.slice(n_train), n: n_test}
  S.net = initNetwork(s.hidden, s.activation, s.seed)
  S.epoch = 0
  S.stopped = null
  S.losses = new Float64Array(max_epochs + 1)
  S.test_losses = new Float64Array(max_epochs + 1)
  S.now = evaluate(S.net, S.train, S.test)
  S.losses[0] = S.now.train.loss
  S.test_losses[0] = S.now.test.loss
  const points = (data) => {
    const x = [], y = [], marker = [], color = []
    for (let i = 0; i < data.n; i++) {
      x.push(data.X[2 * i])
      y.push(data.X[2 * i + 1])
      marker.push(data.y[i] === 1 ? 'square' : 'circle')
      color.push(data.y[i] === 1 ? blue : vermillion)
    }
    return {x, y, marker, color}
  }
  train.data = points(S.train)
  test.data = points(S.test)
}

// Up to `count` epochs (within `budget_ms` of work): each records the loss it starts from.
function trainEpochs(count, budget_ms = Infinity) {
  const t0 = performance.now()
  for (let k = 0; k < count && !S.stopped; k++) {
    if (k > 0 && performance.now() - t0 > budget_ms) break
    const {loss: before, testLoss, diverged} = trainEpoch(S.net, S.train, S.test,
      S.settings.eta)
    S.losses[S.epoch] = before
    S.test_losses[S.epoch] = testLoss
    if (diverged) {
      S.stopped = 'diverged'
      S.diverged_at = S.epoch + 1
      break
    }
    S.epoch += 1
    if (S.epoch >= max_epochs) S.stopped = 'limit'
  }
  S.now = evaluate(S.net, S.train, S.test)
  S.losses[S.epoch] = S.now.train.loss
  S.test_losses[S.epoch] = S.now.test.loss
}

function drawSurface() {
  const net = S.net, n = centres_x.length
  const grid = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    grid[2 * i] = centres_x[i]
    grid[2 * i + 1] = centres_y[i]
  }
  const {z} = forwardPass(net, {X: grid, n})
  const shade_blue = new Array(n), shade_vermillion = new Array(n)
  for (let i = 0; i < n; i++) {
    const strength = alpha * Math.abs(2 * probabilityOf(z[i]) - 1)
    shade_blue[i] = z[i] >= 0 ? strength : 0.0
    shade_vermillion[i] = strength - shade_blue[i]
  }
  surface.data = {x: centres_x, y: centres_y, blue: shade_blue, vermillion: shade_vermillion}
}

function drawNetwork() {
  const net = S.net, h = net.hidden
  const place = {inputs: [2 / 3, 1 / 3], hidden: [], output: [0.5]}
  for (let k = 0; k < h; k++) place.hidden.push(1 - (k + 1) / (h + 1))
  const e = {x0: [], y0: [], x1: [], y1: [], weight: [], width: [], color: [], dash: []}
  const edge = (a, b, weight) => {
    e.x0.push(a[0]); e.y0.push(a[1]); e.x1.push(b[0]); e.y1.push(b[1])
    e.weight.push(weight)
    e.width.push(Math.min(1 + 2.5 * Math.abs(weight), 9.0))
    e.color.push(weight >= 0 ? blue : vermillion)
    e.dash.push(weight >= 0 ? 'solid' : 'dashed')
  }
  for (let j = 0; j < 2; j++) {
    for (let k = 0; k < h; k++) {
      edge([layer_x[0], place.inputs[j]], [layer_x[1], place.hidden[k]], net.W1[j * h + k])
    }
  }
  for (let k = 0; k < h; k++) {
    edge([layer_x[1], place.hidden[k]], [layer_x[2], place.output[0]], net.W2[k])
  }
  edges.data = e
  const label = ['x₁', 'x₂']
  for (let k = 0; k < h; k++) label.push('h' + sub(k + 1))
  label.push('ŷ')
  nodes.data = {x: [layer_x[0], layer_x[0], ...place.hidden.map(() => layer_x[1]), layer_x[2]],
    y: [...place.inputs, ...place.hidden, ...place.output], label}
  layers.data = {x: [...layer_x], y: [-0.07, -0.07, -0.07],
    text: ['inputs', activation_labels[net.activation], 'σ']}
}

// The loss curves: every epoch while there are at most loss_points of them, then every
// 2ᵏ-th, always with the last.
function drawLoss() {
  let stride = 1
  while (S.epoch / stride > loss_points) stride *= 2
  const epoch = [], lost = [], test_lost = []
  for (let t = 0; t <= S.epoch; t += stride) {
    epoch.push(t); lost.push(S.losses[t]); test_lost.push(S.test_losses[t])
  }
  if (epoch[epoch.length - 1] !== S.epoch) {
    epoch.push(S.epoch); lost.push(S.losses[S.epoch]); test_lost.push(S.test_losses[S.epoch])
  }
  loss.data = {epoch, train: lost, test: test_lost}
  loss_x.start = 0
  loss_x.end = Math.max(min_epochs_shown, S.epoch)
}

function status() {
  if (S.stopped === 'diverged') {
    return `<b>Stopped at epoch ${S.diverged_at}</b>: a parameter passed 10⁸, so the run ` +
      'diverged. Change a setting to start again.'
  }
  if (S.stopped === 'limit') {
    return `<b>Stopped at ${max_epochs.toLocaleString('en-US')} epochs</b>, the ` +
      "playground's limit. Change a setting to start again."
  }
  if (S.playing) return `Training: up to ${frame_epochs} epochs a frame. Pause stops it.`
  return S.epoch === 0 ? paused : `Paused at epoch ${S.epoch}: Play goes on.`
}

function writeReadout() {
  const s = S.settings, h = s.hidden, now = S.now
  readout.text = `<b>Epoch ${S.epoch}</b> · loss: training ${fixed(now.train.loss, 3)}, ` +
    `test ${fixed(now.test.loss, 3)} · right: training ` +
    `${percent(100 * now.train.right / n_train)} %, test ` +
    `${percent(100 * now.test.right / n_test)} %<br>${status()}<br>` +
    `2 inputs → ${h} ${activation_labels[s.activation]} unit${h > 1 ? 's' : ''} → σ: ` +
    `${4 * h + 1} parameters, learning rate η = ${s.eta_text}`
  S.written = performance.now()
}

function showRun() {
  run.data = {epoch: [S.epoch], eta: [S.settings.eta]}
  play_button.disabled = S.playing || S.stopped !== null
  pause_button.disabled = !S.playing
}

function drawAll() {
  drawSurface()
  drawNetwork()
  drawLoss()
  showRun()
  writeReadout()
}

function onPage() {
  const view = cb_context?.index?.find_one(surface_plot)
  return view != null && view.el.isConnected
}

function stopLoop() {
  S.playing = false
  S.token += 1
}

function play() {
  if (S.playing || S.stopped) return
  S.playing = true
  const token = ++S.token
  const frame = () => {
    if (token !== S.token) return
    if (!onPage()) {
      stopLoop()
      return
    }
    const t0 = performance.now()
    trainEpochs(frame_epochs, frame_budget_ms)
    if (S.stopped) S.playing = false
    drawSurface()
    drawNetwork()
    drawLoss()
    showRun()
    // The readout is a live region: a screen reader hears it once a second, not every frame.
    if (!S.playing || performance.now() - S.written > 1000) writeReadout()
    const work = performance.now() - t0
    S.frames += 1
    S.work_ms += work
    S.max_work_ms = Math.max(S.max_work_ms, work)
    if (S.playing) requestAnimationFrame(frame)
  }
  showRun()
  writeReadout()
  requestAnimationFrame(frame)
}

// A button's click passes its event, whose origin is the button; a menu or slider, itself.
const source = cb_obj?.origin ?? cb_obj
if (source === pause_button) {
  stopLoop()
  showRun()
  writeReadout()
} else if (source === play_button) {
  if (S.net === undefined) start()
  play()
} else if (source === step_button) {
  if (S.net === undefined) start()
  stopLoop()
  trainEpochs(step_epochs)
  drawAll()
} else {  // a menu or a slider: a new run
  const playing = S.playing
  stopLoop()
  start()
  drawAll()
  if (playing) play()
}
