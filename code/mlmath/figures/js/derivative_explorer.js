// The derivative explorer (mlmath.figures.calculus.derivative_explorer).
// Args: menu (Select), x0_slider, h_slider (Slider; h = 10 ** h_slider.value), readout (Div),
// curve, slope_curve, tangent, secant, points, slopes (ColumnDataSource), f_y, df_y (Range1d),
// choices, f_ranges, df_ranges (the menu's functions and their plots' ranges), low, high,
// samples, digits. Mirrors page_state() in Python, where the secant slope is
// mlmath.calculus.forward_difference; tests/figures/test_derivative_explorer.py compares them.
const FUNCTIONS = {
  'x²': [(x) => x ** 2, (x) => 2 * x],
  'sin x': [(x) => Math.sin(x), (x) => Math.cos(x)],
  'x³ − 3x': [(x) => x ** 3 - 3 * x, (x) => 3 * x ** 2 - 3],
  'eˣ': [(x) => Math.exp(x), (x) => Math.exp(x)],
}
const name = menu.value
const index = choices.indexOf(name)
const [f, df] = FUNCTIONS[name]
const x0 = x0_slider.value
const h = 10 ** h_slider.value
const fx0 = f(x0), fx1 = f(x0 + h)
const exact = df(x0)
const slope = (fx1 - fx0) / h  // the forward difference
const gap = slope - exact

const grid = Array.from({length: samples}, (_, i) =>
  i === samples - 1 ? high : low + (high - low) * i / (samples - 1))
const line = (m) => ({x: [low, high], y: [fx0 + m * (low - x0), fx0 + m * (high - x0)]})

curve.data = {x: grid, y: grid.map(f)}
slope_curve.data = {x: grid, y: grid.map(df)}
tangent.data = line(exact)
secant.data = line(slope)
points.data = {x: [x0, x0 + h], y: [fx0, fx1]}
slopes.data = {x: [x0, x0], y: [exact, slope], fill: slopes.data.fill, line: slopes.data.line}
f_y.start = f_ranges[index][0]
f_y.end = f_ranges[index][1]
df_y.start = df_ranges[index][0]
df_y.end = df_ranges[index][1]

readout.text = `<b>f(x) = ${name}</b>, x₀ = ${fixed(x0, 1)}, h = ${fixed(h, digits)}<br>` +
  `exact slope f′(x₀) = ${tint(fixed(exact, digits), 'green')}` +
  ` · secant slope = ${tint(fixed(slope, digits), 'vermillion')}` +
  ` · difference = <b>${fixed(gap, digits)}</b>`
