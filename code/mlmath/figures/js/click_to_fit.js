// Click to fit (mlmath.figures.models.click_to_fit). One callback for every trigger, told
// apart by cb_obj (for a button, its click event's origin): the points' source (a tap added a
// point, a drag moved one, Backspace deleted one, or a branch below replaced them), its
// selection (a tap on a point), the menus, the buttons and the squares toggle.
// Args: points, line, residuals, squares, chosen (ColumnDataSource), residual_y (Range1d),
// data_menu, point_menu (Select), show_squares (Toggle), new_x, new_y (NumericInput),
// reset, add, remove (Button), readout (Div), presets ({key: {x, y}}), x_range ([low, high]),
// square_width (hours per score point, for square squares), max_points, snap (decimals
// rounded to before display).
// Mirrors page_state() in Python, where the fit is mlmath.models.fit_line;
// tests/figures/test_click_to_fit.py compares the two.
const origin = cb_obj.origin ?? cb_obj
const shown = (v, digits) => fixed(Number((v + 0).toFixed(snap)), digits)
const chosenIndex = (n) => {
  const value = point_menu.value
  return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= n ? Number(value) - 1 : -1
}
const setPoints = (x, y) => {
  const drop = Math.max(0, x.length - max_points)  // the oldest go, as the tap tool does
  points.data = {x: x.slice(drop), y: y.slice(drop)}
}

function redraw(note) {
  const x = Array.from(points.data.x), y = Array.from(points.data.y)
  const n = x.length
  if (point_menu.options.length !== n + 1) {
    point_menu.options = [['', 'none'], ...x.map((_, i) => [String(i + 1), `Point ${i + 1}`])]
  }
  const k = chosenIndex(n)
  if (k < 0 && point_menu.value !== '') {
    point_menu.value = ''  // a number the points no longer reach: the menu's change redraws
    return
  }

  // The least-squares line in closed form (mlmath.models.fit_line): through the centre
  // (x̄, ȳ), with slope Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)²; none without two different x.
  let fit = null
  if (n > 0 && Math.min(...x) !== Math.max(...x)) {
    const xbar = x.reduce((a, b) => a + b, 0) / n, ybar = y.reduce((a, b) => a + b, 0) / n
    let slope = 0, intercept = y[0], tss = 0
    if (Math.min(...y) !== Math.max(...y)) {  // else the flat line through them, exactly
      let sxy = 0, sxx = 0
      for (let i = 0; i < n; i++) {
        const dx = x[i] - xbar, dy = y[i] - ybar
        sxy += dx * dy
        sxx += dx * dx
        tss += dy * dy
      }
      slope = sxy / sxx
      intercept = ybar - slope * xbar
    }
    const fitted = x.map((v) => intercept + slope * v)
    const residual = y.map((v, i) => v - fitted[i])
    const rss = residual.reduce((a, r) => a + r * r, 0)
    fit = {intercept, slope, fitted, residual, rss, tss, r2: tss === 0 ? null : 1 - rss / tss}
  }

  // The plots.
  const [low, high] = x_range
  line.data = fit ? {x: [low, high], y: [fit.intercept + fit.slope * low,
    fit.intercept + fit.slope * high]} : {x: [], y: []}
  residuals.data = fit ? {x, y, fitted: fit.fitted, residual: fit.residual}
    : {x: [], y: [], fitted: [], residual: []}
  const box = {left: [], right: [], bottom: [], top: []}
  if (fit && show_squares.active) {
    const middle = (low + high) / 2
    x.forEach((v, i) => {
      const width = Math.abs(fit.residual[i]) * square_width
      const rightwards = v <= middle  // each square grows towards the middle of the plot
      box.left.push(rightwards ? v : v - width)
      box.right.push(rightwards ? v + width : v)
      box.bottom.push(Math.min(y[i], fit.fitted[i]))
      box.top.push(Math.max(y[i], fit.fitted[i]))
    })
  }
  squares.data = box
  chosen.data = k >= 0 ? {x: [x[k]], y: [y[k]], label: [String(k + 1)]}
    : {x: [], y: [], label: []}
  const largest = fit ? Math.max(...fit.residual.map(Math.abs)) : 0
  const limit = Math.max(20, 10 * Math.ceil(1.2 * largest / 10))
  residual_y.start = -limit
  residual_y.end = limit

  // The readout: the line (or why there is none), R² (or why it is undefined), the points.
  let first
  if (n === 0) {
    first = '<b>No points yet.</b> Click or tap the plot to add one, or type its hours ' +
      'and score above and press <i>Add point</i>.'
  } else if (n === 1) {
    first = '<b>No line yet</b>: one point, and every line through it fits it exactly. ' +
      'Add a point at another number of hours.'
  } else if (!fit) {
    const at = shown(x[0], 1)
    first = `<b>No line</b>: all ${n} points have x = ${at}, and every line through ` +
      `(${at}, ȳ) misses them equally. Add a point at another x.`
  } else {
    const slope = shown(fit.slope, 2)
    const [sign, size] = slope.startsWith('\u2212') ? ['−', slope.slice(1)] : ['+', slope]
    first = `<b>ŷ = ${shown(fit.intercept, 2)} ${sign} ${size}x</b>: β̂₀ = ` +
      `${shown(fit.intercept, 2)} points at 0 hours, β̂₁ = ${slope} points per hour`
  }
  const lines = [first]
  if (fit) {
    const rss = `RSS = Σε̂ᵢ² = ${shown(fit.rss, 1)}` +
      (show_squares.active ? ", the squares' total area" : '')
    if (fit.r2 === null) {
      lines.push('<b>R² undefined</b>: all scores are equal, so TSS = 0 and there is no ' +
        'variation to explain; the flat line fits exactly.')
    } else if (fit.rss <= 1e-12 * fit.tss) {
      lines.push(`<b>R² = 1</b>: every point lies on the line · ${rss}`)
    } else {
      lines.push(`<b>R² = ${shown(fit.r2, 3)}</b>: the line explains ` +
        `${shown(100 * fit.r2, 1)} % of the scores' variation · ${rss}`)
    }
  }
  let count = `${n} point${n === 1 ? '' : 's'}`
  if (k < 0) {
    if (n) count += ' · tap a point, or choose one, to read its residual'
  } else {
    count += ` · <b>point ${k + 1}</b>: (${shown(x[k], 1)}, ${shown(y[k], 1)})`
    if (fit) count += `, ŷ = ${shown(fit.fitted[k], 1)}, ε̂ = ${shown(fit.residual[k], 1)}`
  }
  lines.push(note ?? count)
  readout.text = lines.join('<br>')
}

if (origin === data_menu || origin === reset) {
  const preset = presets[data_menu.value]
  point_menu.value = ''
  setPoints([...preset.x], [...preset.y])
} else if (origin === add) {
  if (new_x.value == null || new_y.value == null) {
    redraw('<b>Type both numbers</b>, the hours and the score, then press <i>Add point</i>.')
  } else {
    setPoints([...points.data.x, new_x.value], [...points.data.y, new_y.value])
    point_menu.value = String(points.data.x.length)  // the new point, to read its residual
  }
} else if (origin === remove) {
  const k = chosenIndex(points.data.x.length)
  if (k < 0) {
    redraw('<b>Choose a point first</b> (tap it, or pick it in the menu), then press ' +
      '<i>Delete point</i>.')
  } else {
    // The next point takes its number, as in a list; none if it was the last.
    setPoints(Array.from(points.data.x).filter((_, i) => i !== k),
      Array.from(points.data.y).filter((_, i) => i !== k))
  }
} else if (origin === points.selected) {
  const picked = points.selected.indices
  if (picked.length === 1) point_menu.value = String(picked[0] + 1)
} else {
  redraw()
}
