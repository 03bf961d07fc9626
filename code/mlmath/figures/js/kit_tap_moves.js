// A tap or click on a plot sets two sliders (mlmath.figures.kit.tap_moves).
// Args: x, y (Slider). cb_obj is the Tap event, in data coordinates. Each value is
// snapped to its slider's grid, start + k step as SliderSpec.values() writes it,
// and kept within [start, end]; setting it runs the callbacks linked to the slider.
const snap = (slider, v) => {
  const last = Math.round((slider.end - slider.start) / slider.step)
  const k = Math.min(last, Math.max(0, Math.round((v - slider.start) / slider.step)))
  return slider.start + slider.step * k
}
const nx = snap(x, cb_obj.x), ny = snap(y, cb_obj.y)
if (x.value !== nx) x.value = nx
if (y.value !== ny) y.value = ny
