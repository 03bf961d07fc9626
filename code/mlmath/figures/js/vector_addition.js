// Vector addition (mlmath.figures.linalg.vector_addition).
// Args: solid, ghost (ColumnDataSource), readout (Div), a_x, a_y, b_x, b_y (Slider),
// gap (number). Mirrors _label_positions() and readout_text() in Python;
// tests/figures/test_vector_addition.py compares the two.
const ax = a_x.value, ay = a_y.value, bx = b_x.value, by = b_y.value
const sx = ax + bx + 0.0, sy = ay + by + 0.0

// Labels go beside each arrow's midpoint, outside the triangle A, B, A + B.
const turn = ax * by - ay * bx >= 0 ? 1 : -1
const label = (tx, ty, vx, vy, side) => {
  const n = Math.hypot(vx, vy)
  const [nx, ny] = n > 0 ? [-vy / n, vx / n] : [0, 0]
  return [tx + vx / 2 + side * gap * nx, ty + vy / 2 + side * gap * ny]
}
const labels = [label(0, 0, ax, ay, -turn), label(ax, ay, bx, by, -turn), label(0, 0, sx, sy, turn)]

solid.data = {
  x0: [0, ax, 0], y0: [0, ay, 0], x1: [ax, sx, sx], y1: [ay, sy, sy],
  color: solid.data.color, label: solid.data.label,
  label_x: labels.map((p) => p[0]), label_y: labels.map((p) => p[1]),
}
ghost.data = {x0: [0, bx], y0: [0, by], x1: [bx, sx], y1: [by, sy], color: ghost.data.color}

const length = Math.hypot(sx, sy)
const bound = Math.hypot(ax, ay) + Math.hypot(bx, by)
readout.text = `<b>A + B</b> = (${fixed(sx, 1)}, ${fixed(sy, 1)}) · ` +
  `‖A + B‖ = ${fixed(length, 2)} · ‖A‖ + ‖B‖ = ${fixed(bound, 2)}`
