// A click on an entry of C picks it (mlmath.figures.linalg.matrix_multiplication).
// Args: cells (ColumnDataSource of the scheme), cell_row, cell_column (Select). Setting the
// menus runs matrix_multiplication.js, which redraws the scheme and the readout.
const tapped = cells.selected.indices
if (tapped.length > 0) {
  const index = tapped[0]
  cells.selected.indices = []  // a click is a choice, not a lasting selection
  if (cells.data.matrix[index] === 'C') {
    cell_row.value = String(cells.data.row[index])
    cell_column.value = String(cells.data.column[index])
  }
}
