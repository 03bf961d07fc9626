"""Figures of the chapters on matrices (``chapters/linear-algebra/matrices.md``)
and matrix multiplication (``chapters/linear-algebra/matrix-multiplication.md``).

:func:`fig_data_matrix`
    a data table as a matrix: pick a row (a house) and a column (a feature),
    see them in the table, the row as a point, and the table transposed.
:func:`fig_matrix_multiplication`
    the matrix multiplication explorer: edit A and B (2×2 up to 3×3), see
    C = AB, the row and column behind one entry with its sum of products, and
    the unit square mapped by B, by A and by AB.

Both follow the pattern of :mod:`mlmath.figures.linalg.vectors`: numbers from
:mod:`mlmath.linalg`, a Bokeh layout whose widgets drive ``CustomJS`` (in
``figures/js/``), a matplotlib twin and alt text. The browser tests compare
what the JavaScript computes with the functions here.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.layouts import column, grid, row
from bokeh.models import (
    ColumnDataSource, CustomJS, Div, Legend, LegendItem, Range1d, Select, Slider, Spinner,
    TapTool, Toggle,
)
from bokeh.plotting import figure
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mlmath import linalg
from mlmath.figures._numbers import to_fixed
from mlmath._validate import as_int, as_matrix
from mlmath.book.display import BookFigure
from mlmath.figures import _style

__all__ = [
    "fig_data_matrix",
    "fig_matrix_multiplication",
    "data_matrix_readout",
    "matrix_multiplication_readout",
    "format_number",
]

# -- shared helpers ----------------------------------------------------------------
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: Light fills that mark, in both figures, the chosen row (blue: a row of A),
#: the chosen column (vermillion: a column of B) and the chosen entry (green:
#: an entry of C = AB), the hues A, B and AB have in every drawing.
ROW_FILL = "#CDE4F2"
COLUMN_FILL = "#F9DCC8"
ENTRY_FILL = "#CBEBDD"
PLAIN_FILL = "#FFFFFF"


def _sub(*indices: int) -> str:
    """Indices as Unicode subscripts: ``_sub(1, 2)`` is ``"₁₂"``."""
    return "".join(str(i) for i in indices).translate(_SUBSCRIPTS)


def format_number(x: float) -> str:
    """``x`` rounded to two decimals, trailing zeros dropped, with a true minus sign.

    Ties round away from zero, as JavaScript's ``toFixed`` does, so the page
    and Python write the same digits: ``format_number(-0.125)`` is ``"−0.13"``,
    ``format_number(2.0)`` is ``"2"``.
    """
    return to_fixed(x, 2, trim=True)


def _paren(text: str) -> str:
    """Negative numbers in parentheses, so that ``2 × (−1)`` reads right."""
    return f"({text})" if text.startswith("−") else text


def _span(text: str, color: str) -> str:
    return f'<span style="color:{color}">{text}</span>'


def _hide_chrome(plot) -> None:
    """A plot used as a drawing board: no axes, no grid, no frame."""
    plot.axis.visible = False
    plot.grid.visible = False
    plot.outline_line_color = None


# ==================================================================================
# Matrix multiplication explorer
# ==================================================================================

#: Range and step of every entry's spinner in :func:`fig_matrix_multiplication`.
ENTRY_RANGE = (-5.0, 5.0)
ENTRY_STEP = 0.5
#: The shapes the reader can pick: 2 or 3 rows, 2 or 3 columns.
SIZES = (2, 3)
MAX_SIZE = max(SIZES)
#: Gap (in cell widths) between A, B and C in the row-meets-column scheme.
SCHEME_GAP = 0.5
#: Corners of the unit square, in drawing order.
UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
#: The four shapes of the map view: name, colour, dash pattern (on/off pixels),
#: line width. Told apart by dash as well as by colour.
MAP_STYLES = (
    ("unit square", _style.GREY, "2 3", 2.0),
    ("B", _style.VERMILLION, "9 4", 2.5),
    ("A", _style.BLUE, "9 3 2 3", 2.5),
    ("AB", _style.GREEN, "solid", 3.0),
)


def _multiplication_state(a: np.ndarray, b: np.ndarray, cell: tuple[int, int]) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.linalg`.

    ``cell`` counts from 1, as in the book's :math:`c_{ij}`.
    """
    defined = a.shape[1] == b.shape[0]
    state = {"a": a, "b": b, "cell": cell, "defined": defined, "product": None,
             "terms": None}
    if defined:
        state["product"] = linalg.matrix_multiply(a, b)
        state["terms"] = linalg.product_terms(a, b, cell[0] - 1, cell[1] - 1)
    return state


def matrix_multiplication_readout(a, b, cell=(1, 1)) -> str:
    """The explorer's live readout for matrices ``a``, ``b`` and entry ``cell`` (HTML).

    ``figures/js/matrix_multiplication.js`` writes the same text in the page;
    the browser tests compare the two. ``cell`` counts from 1.
    """
    a, b, cell = _check_explorer_arguments(a, b, cell)
    return _readout(_multiplication_state(a, b, cell))


def _readout(state: dict) -> str:
    a, b = state["a"], state["b"]
    (m, n), (n_b, p) = a.shape, b.shape
    if not state["defined"]:
        return (
            f"<b>No product AB:</b> A is {m}×{n} and B is {n_b}×{p}. Each entry of AB pairs "
            f"a row of A ({n} entries) with a column of B ({n_b} entries), so A needs as many "
            f"columns as B has rows, and {n} ≠ {n_b}."
        )
    product = state["product"]
    i, j = state["cell"]
    rows = ", ".join("(" + ", ".join(format_number(v) for v in r) + ")" for r in product)
    symbols = " + ".join(f"a{_sub(i, k)}b{_sub(k, j)}" for k in range(1, n + 1))
    numbers = " + ".join(
        _span(_paren(format_number(a[i - 1, k])), _style.BLUE) + " × "
        + _span(_paren(format_number(b[k, j - 1])), _style.VERMILLION)
        for k in range(n)
    )
    return (
        f"<b>C = AB</b> is {m}×{p}, with rows {rows}.<br>"
        f"<b>c{_sub(i, j)}</b> = row {i} of A times column {j} of B = {symbols} = "
        f"{numbers} = <b>{format_number(product[i - 1, j - 1])}</b>"
    )


def _scheme_rows(state: dict) -> tuple[dict, dict]:
    """Cells and labels of the row-meets-column scheme.

    C sits at the bottom right, A to its left (row i of A lines up with row i
    of C) and B above it (column j of B lines up with column j of C), so the
    row and the column that make :math:`c_{ij}` meet at that entry.
    ``matrix_multiplication.js`` repeats this layout.
    """
    a, b, product = state["a"], state["b"], state["product"]
    (m, n), (n_b, p) = a.shape, b.shape
    ci, cj = state["cell"]
    cells = {key: [] for key in ("x", "y", "value", "text", "fill", "line_color",
                                 "line_width", "matrix", "row", "column")}

    def add(x, y, value, fill, matrix, r, c, chosen=False):
        cells["x"].append(x)
        cells["y"].append(y)
        cells["value"].append(float(value))
        cells["text"].append(format_number(value))
        cells["fill"].append(fill)
        cells["line_color"].append(_style.GREEN if chosen else _style.GREY)
        cells["line_width"].append(3.0 if chosen else 1.0)
        cells["matrix"].append(matrix)
        cells["row"].append(r)
        cells["column"].append(c)

    for i in range(m):
        for k in range(n):
            add(-SCHEME_GAP - n + k + 0.5, -(i + 0.5), a[i, k],
                ROW_FILL if i + 1 == ci else PLAIN_FILL, "A", i + 1, k + 1)
    for k in range(n_b):
        for j in range(p):
            add(j + 0.5, SCHEME_GAP + n_b - k - 0.5, b[k, j],
                COLUMN_FILL if j + 1 == cj else PLAIN_FILL, "B", k + 1, j + 1)
    if state["defined"]:
        for i in range(m):
            for j in range(p):
                chosen = (i + 1, j + 1) == (ci, cj)
                add(j + 0.5, -(i + 0.5), product[i, j], ENTRY_FILL if chosen else PLAIN_FILL,
                    "C", i + 1, j + 1, chosen)
    labels = {
        "x": [-SCHEME_GAP - n / 2, -0.15, p / 2],
        "y": [SCHEME_GAP / 2, SCHEME_GAP + n_b / 2, -m - 0.35],
        "text": [f"A ({m}×{n})", f"B ({n_b}×{p})",
                 f"C = AB ({m}×{p})" if state["defined"] else f"no AB: {n} ≠ {n_b}"],
        "align": ["center", "right", "center"],
        "color": [_style.BLUE, _style.VERMILLION,
                  _style.GREEN if state["defined"] else _style.VERMILLION],
    }
    return cells, labels


def _scheme_limits() -> tuple[tuple[float, float], tuple[float, float]]:
    """The scheme's fixed x and y ranges: room for 3×3 matrices and the labels."""
    return ((-SCHEME_GAP - MAX_SIZE - 0.2, MAX_SIZE + 0.2),
            (-MAX_SIZE - 0.7, SCHEME_GAP + MAX_SIZE + 0.2))


def _map_rows(state: dict) -> tuple[dict, dict, float]:
    """The unit square and its images under the top-left 2×2 corners of B, A
    and AB; where the corner (1, 0) lands; and the half-width of the view.
    ``matrix_multiplication.js`` repeats this."""
    matrices = {"unit square": None, "B": state["b"], "A": state["a"],
                "AB": state["product"]}
    shapes = {key: [] for key in ("xs", "ys", "color", "dash", "width", "label")}
    corners = {key: [] for key in ("x", "y", "color")}
    for name, color, dash, width in MAP_STYLES:
        matrix = matrices[name]
        if name == "unit square":
            points = UNIT_SQUARE
        elif matrix is None:  # AB when the shapes do not fit
            points = np.empty((0, 2))
        else:
            points = linalg.transform_points(matrix[:2, :2], UNIT_SQUARE)
            corners["x"].append(float(points[1, 0]))
            corners["y"].append(float(points[1, 1]))
            corners["color"].append(color)
        shapes["xs"].append([float(v) for v in points[:, 0]])
        shapes["ys"].append([float(v) for v in points[:, 1]])
        shapes["color"].append(color)
        shapes["dash"].append(dash)
        shapes["width"].append(width)
        shapes["label"].append(name if matrix is not None or name == "unit square"
                               else "AB (not defined)")
    largest = max(abs(v) for values in shapes["xs"] + shapes["ys"] for v in values)
    limit = max(2.0, math.ceil(1.15 * largest * 2) / 2)
    return shapes, corners, limit


def _maps_title(state: dict) -> str:
    if not state["defined"]:
        return "Unit square under B and A (AB undefined)"
    if state["a"].shape == state["b"].shape == (2, 2):
        return "Unit square under B, A and AB"
    return "Unit square under the 2×2 corners of B, A, AB"


def _padded(matrix: np.ndarray) -> np.ndarray:
    """``matrix`` inside a 3×3 identity: the values of the spinners the reader
    does not see until they add a row or a column."""
    padded = np.eye(MAX_SIZE)
    padded[: matrix.shape[0], : matrix.shape[1]] = matrix
    return padded


def _check_explorer_arguments(a, b, cell):
    a = as_matrix(a, "a")
    b = as_matrix(b, "b")
    low, high = ENTRY_RANGE
    for name, matrix in (("a", a), ("b", b)):
        if not all(size in SIZES for size in matrix.shape):
            raise ValueError(
                f"{name} must have 2 or 3 rows and 2 or 3 columns (what the figure can "
                f"show), got shape {matrix.shape}"
            )
        if np.any(matrix < low) or np.any(matrix > high):
            raise ValueError(
                f"{name} must have entries in [{low}, {high}] (the spinners' range), got\n"
                f"{matrix}"
            )
    if not isinstance(cell, (tuple, list)) or len(cell) != 2:
        raise ValueError(f"cell must be a pair (i, j), got {cell!r}")
    cell = (as_int(cell[0], "cell[0] (the row i of C)", low=1, high=a.shape[0]),
            as_int(cell[1], "cell[1] (the column j of C)", low=1, high=b.shape[1]))
    return a, b, cell


def fig_matrix_multiplication(a=((1, 2), (0, 1)), b=((0, -1), (1, 0)),
                              cell=(1, 1)) -> BookFigure:
    r"""The matrix multiplication explorer: :math:`C = AB`, entry by entry and as maps.

    Spinners hold the entries of A and B and menus their shapes (2 or 3 rows
    and columns); C updates as they change. Two more menus pick an entry
    :math:`c_{ij}` (so does a click on it): the scheme on the left puts A to
    the left of C and B above it, so row :math:`i` of A and column :math:`j`
    of B meet at :math:`c_{ij}`, and the readout writes out
    :math:`c_{ij} = \sum_k a_{ik} b_{kj}`. When A's columns and B's rows
    differ, the figure says in words why there is no product. The map view
    on the right draws the unit square and its images under the top-left
    2×2 corner of B, of A and of AB (the whole maps when all are 2×2).
    Book section: Linear Algebra, *Matrix multiplication*.

    Parameters
    ----------
    a, b : array_like, shapes (m, n) and (n', p), each size 2 or 3
        Starting matrices; entries in ``[-5, 5]``. ``n' != n`` is allowed
        and shows the figure's "no product" state.
    cell : (int, int)
        The entry :math:`c_{ij}` to explain, counted from 1:
        ``1 <= i <= m``, ``1 <= j <= p``.
    """
    a, b, cell = _check_explorer_arguments(a, b, cell)
    state = _multiplication_state(a, b, cell)
    return BookFigure(
        name="matrix-multiplication",
        layout=_bokeh_matrix_multiplication(state),
        static=_static_matrix_multiplication(state),
        alt=_describe_matrix_multiplication(state),
    )


#: Pixels per cell of the scheme, and the size of the map view's square frame.
SCHEME_CELL_PX = 40
MAPS_FRAME_PX = 280


def _bokeh_matrix_multiplication(state: dict):
    a, b = state["a"], state["b"]
    (m, n), (n_b, p) = a.shape, b.shape
    cell_rows, label_rows = _scheme_rows(state)
    cells = ColumnDataSource(cell_rows, name="matrix-multiplication-cells")
    labels = ColumnDataSource(label_rows, name="matrix-multiplication-labels")
    (x0, x1), (y0, y1) = _scheme_limits()
    scheme = figure(
        name="matrix-multiplication-scheme", title="Row i of A meets column j of B at cᵢⱼ",
        x_range=Range1d(x0, x1), y_range=Range1d(y0, y1),
        frame_width=round((x1 - x0) * SCHEME_CELL_PX),
        frame_height=round((y1 - y0) * SCHEME_CELL_PX),
        tools="", toolbar_location=None,
    )
    _hide_chrome(scheme)
    squares = scheme.rect(x="x", y="y", width=1, height=1, source=cells, fill_color="fill",
                          line_color="line_color", line_width="line_width")
    squares.nonselection_glyph = squares.glyph.clone()  # a click must not grey the rest
    squares.selection_glyph = squares.glyph.clone()
    scheme.text(x="x", y="y", text="text", source=cells, text_align="center",
                text_baseline="middle", text_font_size="14px", text_color="#222222")
    scheme.text(x="x", y="y", text="text", source=labels, text_align="align",
                text_baseline="middle", text_font_size="14px", text_font_style="bold",
                text_color="color")
    scheme.add_tools(TapTool(renderers=[squares]))

    shape_rows, corner_rows, limit = _map_rows(state)
    shapes = ColumnDataSource(shape_rows, name="matrix-multiplication-shapes")
    corners = ColumnDataSource(corner_rows, name="matrix-multiplication-corners")
    maps = figure(
        name="matrix-multiplication-maps", title=_maps_title(state),
        x_range=Range1d(-limit, limit, name="matrix-multiplication-maps-x"),
        y_range=Range1d(-limit, limit, name="matrix-multiplication-maps-y"),
        frame_width=MAPS_FRAME_PX, frame_height=MAPS_FRAME_PX,
        tools="", toolbar_location=None,
    )
    maps.xaxis.axis_label = "x₁"
    maps.yaxis.axis_label = "x₂"
    maps.grid.grid_line_alpha = 0.5
    _style.axes_through_origin(maps)
    patches = maps.patches(xs="xs", ys="ys", source=shapes, fill_color="color",
                           fill_alpha=0.1, line_color="color", line_dash="dash",
                           line_width="width")
    maps.scatter(x="x", y="y", source=corners, size=9, color="color")
    maps.add_layout(Legend(
        items=[LegendItem(label=name, renderers=[patches], index=index)
               for index, (name, *_) in enumerate(MAP_STYLES)],
        orientation="horizontal", location="center", click_policy="none",
        label_text_font_size="12px", spacing=8,
    ), "below")

    low, high = ENTRY_RANGE
    entries = {}
    for letter, matrix in (("a", a), ("b", b)):
        padded = _padded(matrix)
        entries[letter] = [[Spinner(
            title=f"{letter}{_sub(r + 1, c + 1)}", value=float(padded[r, c]),
            low=low, high=high, step=ENTRY_STEP, mode="float", width=66,
            visible=r < matrix.shape[0] and c < matrix.shape[1],
            name=f"matrix-multiplication-{letter}-{r + 1}{c + 1}",
        ) for c in range(MAX_SIZE)] for r in range(MAX_SIZE)]
    options = [str(size) for size in SIZES]

    def size_menu(title, value, key):
        return Select(title=title, value=str(value), options=options, width=96,
                      name=f"matrix-multiplication-{key}")

    a_rows, a_columns = size_menu("rows of A", m, "a-rows"), size_menu("columns of A", n,
                                                                       "a-columns")
    b_rows, b_columns = size_menu("rows of B", n_b, "b-rows"), size_menu("columns of B", p,
                                                                         "b-columns")
    cell_row = Select(title="row i of C", value=str(state["cell"][0]),
                      options=[str(i) for i in range(1, m + 1)], width=96,
                      name="matrix-multiplication-cell-row")
    cell_column = Select(title="column j of C", value=str(state["cell"][1]),
                         options=[str(j) for j in range(1, p + 1)], width=96,
                         name="matrix-multiplication-cell-column")
    readout = Div(text=_readout(state), name="matrix-multiplication-readout",
                  styles={"font-size": "15px", "text-align": "left"}, width=640)

    callback = _style.js_callback(
        "matrix_multiplication.js",
        a_entries=entries["a"], b_entries=entries["b"],
        a_rows=a_rows, a_columns=a_columns, b_rows=b_rows, b_columns=b_columns,
        cell_row=cell_row, cell_column=cell_column,
        cells=cells, labels=labels, shapes=shapes, corners=corners, readout=readout,
        maps_title=maps.title, maps_x=maps.x_range, maps_y=maps.y_range,
        gap=SCHEME_GAP, low=low, high=high, styles=[list(style) for style in MAP_STYLES],
        fills={"row": ROW_FILL, "column": COLUMN_FILL, "entry": ENTRY_FILL,
               "plain": PLAIN_FILL},
        colors={"grey": _style.GREY, "vermillion": _style.VERMILLION, "blue": _style.BLUE,
                "green": _style.GREEN},
    )
    for spinner in [s for letter in "ab" for r in entries[letter] for s in r]:
        spinner.js_on_change("value", callback)
    for menu in (a_rows, a_columns, b_rows, b_columns, cell_row, cell_column):
        menu.js_on_change("value", callback)
    cells.selected.js_on_change("indices", _style.js_callback(
        "matrix_multiplication_tap.js", cells=cells, cell_row=cell_row,
        cell_column=cell_column))

    def editor(letter, rows_menu, columns_menu):
        return column(Div(text=f"<b>{letter.upper()}</b>: entries and shape"),
                      row(rows_menu, columns_menu), grid(entries[letter]))

    controls = row(editor("a", a_rows, a_columns), editor("b", b_rows, b_columns),
                   column(Div(text="<b>Explain one entry of C</b>"), cell_row, cell_column),
                   spacing=24)
    return column(controls, readout, row(scheme, maps, spacing=12),
                  name="matrix-multiplication")


def _static_matrix_multiplication(state: dict) -> Figure:
    figure_ = Figure(figsize=(2 * _style.PLOT_INCHES, _style.PLOT_INCHES + 0.4),
                     layout="constrained")
    scheme_ax, maps_ax = figure_.subplots(1, 2)
    cells, labels = _scheme_rows(state)
    for x, y, text, fill, edge, width in zip(cells["x"], cells["y"], cells["text"],
                                             cells["fill"], cells["line_color"],
                                             cells["line_width"]):
        scheme_ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=fill,
                                      edgecolor=edge, linewidth=width * 0.8))
        scheme_ax.text(x, y, text, ha="center", va="center", fontsize=10)
    for x, y, text, align, color in zip(*(labels[k] for k in ("x", "y", "text", "align",
                                                               "color"))):
        scheme_ax.text(x, y, text, ha=align, va="center", color=color, fontweight="bold",
                       fontsize=10)
    # Print has no shapes to switch between: crop to the matrices drawn.
    (m, n), (n_b, p) = state["a"].shape, state["b"].shape
    x0, x1 = min(-SCHEME_GAP - n - 0.2, -2.8), p + 0.2
    y0, y1 = -m - 0.7, SCHEME_GAP + n_b + 0.2
    scheme_ax.set_xlim(x0, x1)
    scheme_ax.set_ylim(y0, y1)
    scheme_ax.set_aspect("equal")
    scheme_ax.axis("off")
    scheme_ax.set_title(_static_entry_title(state), fontsize=10)

    shapes, corners, limit = _map_rows(state)
    maps_ax.set_xlim(-limit, limit)
    maps_ax.set_ylim(-limit, limit)
    maps_ax.set_aspect("equal")
    maps_ax.axhline(0, color=_style.GREY, linewidth=0.8)
    maps_ax.axvline(0, color=_style.GREY, linewidth=0.8)
    maps_ax.grid(alpha=0.3)
    maps_ax.set_xlabel("$x_1$")
    maps_ax.set_ylabel("$x_2$")
    maps_ax.set_title(_maps_title(state), fontsize=10)
    for xs, ys, color, dash, width, label in zip(*(shapes[k] for k in (
            "xs", "ys", "color", "dash", "width", "label"))):
        if xs:
            maps_ax.fill(xs, ys, color=color, alpha=0.1, linewidth=0)
            maps_ax.plot(xs + xs[:1], ys + ys[:1], color=color, linewidth=width * 0.7,
                         linestyle=_mpl_dash(dash), label=label)
    maps_ax.scatter(corners["x"], corners["y"], color=corners["color"], s=22, zorder=3)
    maps_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, fontsize=8,
                   frameon=False)
    return figure_


def _mpl_dash(pattern: str):
    """A Bokeh dash pattern ("9 4", "solid") as a matplotlib line style."""
    if pattern == "solid":
        return "-"
    return (0, tuple(int(v) / 2 for v in pattern.split()))


def _static_entry_title(state: dict) -> str:
    if not state["defined"]:
        (m, n), (n_b, p) = state["a"].shape, state["b"].shape
        return f"No product: A is {m}×{n}, B is {n_b}×{p}, and {n} ≠ {n_b}"
    i, j = state["cell"]
    a, b = state["a"], state["b"]
    terms = " + ".join(f"{_paren(format_number(a[i - 1, k]))} × "
                       f"{_paren(format_number(b[k, j - 1]))}" for k in range(a.shape[1]))
    value = format_number(state["product"][i - 1, j - 1])
    return f"c{_sub(i, j)} = {terms} = {value}"


def _matrix_words(matrix: np.ndarray) -> str:
    return "[" + "; ".join(", ".join(format_number(v) for v in r) for r in matrix) + "]"


def _describe_matrix_multiplication(state: dict) -> str:
    a, b = state["a"], state["b"]
    (m, n), (n_b, p) = a.shape, b.shape
    start = (f"Matrix multiplication, with matrices written row by row. A ({m}×{n}) = "
             f"{_matrix_words(a)}, B ({n_b}×{p}) = {_matrix_words(b)}. ")
    shapes, _, limit = _map_rows(state)
    corners = {label: ", ".join(f"({format_number(x)}, {format_number(y)})"
                                for x, y in zip(xs, ys))
               for label, xs, ys in zip(shapes["label"], shapes["xs"], shapes["ys"]) if xs}
    maps = "; ".join(f"{label}: {points}" for label, points in corners.items()
                     if label != "unit square")
    if not state["defined"]:
        middle = (f"There is no product AB: A has {n} columns but B has {n_b} rows, and each "
                  "entry of AB would pair a row of A with a column of B of the same length. ")
    else:
        i, j = state["cell"]
        middle = (f"C = AB ({m}×{p}) = {_matrix_words(state['product'])}. Left, A is drawn "
                  f"to the left of C and B above it; row {i} of A and column {j} of B are "
                  f"shaded and meet at entry c{_sub(i, j)}, the sum of their products: "
                  f"{_static_entry_title(state)}. ")
    return (start + middle
            + f"Right, on a grid from {-limit:g} to {limit:g}, the unit square with corners "
            f"(0, 0), (1, 0), (1, 1), (0, 1) and its images under the top-left 2×2 corners "
            f"of the matrices, corners in the same order ({maps}).")


# ==================================================================================
# A data table as a matrix
# ==================================================================================

def data_matrix_readout(data, column_names, row=1, column=1, transposed=False) -> str:
    """The data-matrix figure's readout for entry ``(row, column)`` (HTML, from 1).

    ``figures/js/data_matrix.js`` writes the same text in the page.
    """
    data, column_names, row, column = _check_data_matrix_arguments(
        data, column_names, row, column)
    return _data_readout(_table_texts(data), column_names, row, column, bool(transposed))


def _table_texts(data: np.ndarray) -> list[list[str]]:
    """Each entry as the table writes it: whole numbers with thousands separators."""
    return [[f"{v:,.0f}".replace("-", "−") if float(v).is_integer() else format_number(v)
             for v in r] for r in data]


def _data_readout(texts, column_names, i, j, transposed) -> str:
    m, n = len(texts), len(texts[0])
    row_values = ", ".join(texts[i - 1])
    column_values = ", ".join(r[j - 1] for r in texts)
    text = (
        f"<b>Row {i}</b> of A is house {i}: ({row_values}). "
        f"<b>Column {j}</b> of A is {column_names[j - 1]} for all {m} houses: "
        f"({column_values}). Entry <b>a{_sub(i, j)} = {texts[i - 1][j - 1]}</b>."
    )
    if transposed:
        text += (f"<br>In Aᵀ ({n}×{m}) the same number is entry (Aᵀ){_sub(j, i)}: row {i} "
                 f"of A is column {i} of Aᵀ, and column {j} of A is row {j} of Aᵀ.")
    return text


def _table_rows(texts, column_names, i, j, transposed) -> tuple[dict, dict]:
    """Cells and headers of the table drawn as A (or, ``transposed``, as Aᵀ).

    Cell (r, c) of the matrix on screen sits at x = c + 0.5, y = -(r + 0.5);
    ``data_matrix.js`` repeats this."""
    m, n = len(texts), len(texts[0])
    cells = {key: [] for key in ("x", "y", "text", "fill", "line_color", "line_width")}
    for r in range(m):
        for c in range(n):
            chosen = (r + 1, c + 1) == (i, j)
            fill = (ENTRY_FILL if chosen else ROW_FILL if r + 1 == i
                    else COLUMN_FILL if c + 1 == j else PLAIN_FILL)
            x, y = (r, c) if transposed else (c, r)
            cells["x"].append(x + 0.5)
            cells["y"].append(-(y + 0.5))
            cells["text"].append(texts[r][c])
            cells["fill"].append(fill)
            cells["line_color"].append(_style.GREEN if chosen else _style.GREY)
            cells["line_width"].append(3.0 if chosen else 1.0)
    house_numbers = [str(r + 1) for r in range(m)]
    headers = {"x": [], "y": [], "text": [], "align": [], "color": []}
    across = house_numbers if transposed else list(column_names)  # above the columns
    down = list(column_names) if transposed else house_numbers  # left of the rows
    for c, text in enumerate(across):
        chosen = c + 1 == (i if transposed else j)
        headers["x"].append(c + 0.5)
        headers["y"].append(0.4)
        headers["text"].append(text)
        headers["align"].append("center")
        headers["color"].append((_style.BLUE if transposed else _style.VERMILLION)
                                if chosen else "#222222")
    for r, text in enumerate(down):
        chosen = r + 1 == (j if transposed else i)
        headers["x"].append(-0.15)
        headers["y"].append(-(r + 0.5))
        headers["text"].append(text)
        headers["align"].append("right")
        headers["color"].append((_style.VERMILLION if transposed else _style.BLUE)
                                if chosen else "#222222")
    headers["x"].append(-0.15)
    headers["y"].append(0.4)
    headers["text"].append("house →" if transposed else "house ↓")
    headers["align"].append("right")
    headers["color"].append(_style.GREY)
    return cells, headers


def _point_rows(data: np.ndarray, axes: tuple[int, int], i: int) -> dict:
    """Every house as a point in two of its features; house ``i`` stands out."""
    count = data.shape[0]
    return {
        "x": [float(v) for v in data[:, axes[0]]],
        "y": [float(v) for v in data[:, axes[1]]],
        "label": [str(r + 1) for r in range(count)],
        "color": [_style.BLUE if r + 1 == i else _style.GREY for r in range(count)],
        "size": [16 if r + 1 == i else 9 for r in range(count)],
    }


def _check_data_matrix_arguments(data, column_names, row, column):
    data = as_matrix(data, "data")
    m, n = data.shape
    if not 2 <= m <= 8 or not 2 <= n <= 4:
        raise ValueError(
            f"data must have 2 to 8 rows and 2 to 4 columns (what the table can show), "
            f"got shape {data.shape}"
        )
    column_names = tuple(column_names)
    if len(column_names) != n or not all(isinstance(s, str) and s for s in column_names):
        raise ValueError(
            f"column_names must be {n} non-empty strings, one per column of data, got "
            f"{column_names!r}"
        )
    row = as_int(row, "row", low=1, high=m)
    column = as_int(column, "column", low=1, high=n)
    return data, column_names, row, column


#: Pixels per table cell in :func:`fig_data_matrix`.
TABLE_CELL_PX = 46
#: The transpose button's label, when A is shown (False) and when Aᵀ is.
TOGGLE_LABELS = {False: "Show the transpose Aᵀ", True: "Back to A"}


def fig_data_matrix(data, column_names, *, row=1, column=1, scatter_columns=(0, 2),
                    transposed=False) -> BookFigure:
    """A data table read as a matrix A: rows are houses, columns are features.

    Two sliders pick a row i and a column j: the table shades row i (one
    house, a feature vector), column j (one feature across all houses) and
    the entry :math:`a_{ij}` where they cross; the scatter plot shows every
    house as a point in two of its features, house i enlarged. A toggle
    redraws the table as its transpose Aᵀ, where the same row becomes a
    column. The readout lists the row, the column and the entry.
    Book section: Linear Algebra, *Matrices*.

    Parameters
    ----------
    data : array_like, shape (m, n), 2 <= m <= 8, 2 <= n <= 4
        The table, one row per house.
    column_names : sequence of n str
        Short column headers (about six characters fit a cell).
    row, column : int
        The starting row i and column j, counted from 1.
    scatter_columns : (int, int)
        Which two columns (from 0) the scatter plot uses as x and y.
    transposed : bool
        Start with the transpose shown.
    """
    data, column_names, row, column = _check_data_matrix_arguments(
        data, column_names, row, column)
    if (not isinstance(scatter_columns, (tuple, list)) or len(scatter_columns) != 2
            or len(set(scatter_columns)) != 2):
        raise ValueError(
            f"scatter_columns must be two different column indices, got {scatter_columns!r}")
    axes = tuple(as_int(c, "scatter_columns", low=0, high=data.shape[1] - 1)
                 for c in scatter_columns)
    texts = _table_texts(data)
    state = {"data": data, "texts": texts, "names": column_names, "row": row,
             "column": column, "axes": axes, "transposed": bool(transposed)}
    return BookFigure(
        name="data-matrix",
        layout=_bokeh_data_matrix(state),
        static=_static_data_matrix(state),
        alt=_describe_data_matrix(state),
    )


def _table_limits(m: int, n: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Room for the table drawn either way round, with its headers."""
    side = max(m, n)
    return (-1.6, side + 0.1), (-side - 0.1, 0.9)


def _bokeh_data_matrix(state: dict):
    data, texts, names = state["data"], state["texts"], state["names"]
    m, n = data.shape
    i, j, transposed = state["row"], state["column"], state["transposed"]
    cell_rows, header_rows = _table_rows(texts, names, i, j, transposed)
    cells = ColumnDataSource(cell_rows, name="data-matrix-cells")
    headers = ColumnDataSource(header_rows, name="data-matrix-headers")
    (x0, x1), (y0, y1) = _table_limits(m, n)
    table = figure(
        name="data-matrix-table", title="The table as a matrix A (or Aᵀ)",
        x_range=Range1d(x0, x1), y_range=Range1d(y0, y1),
        frame_width=round((x1 - x0) * TABLE_CELL_PX),
        frame_height=round((y1 - y0) * TABLE_CELL_PX),
        tools="", toolbar_location=None,
    )
    _hide_chrome(table)
    table.rect(x="x", y="y", width=1, height=1, source=cells, fill_color="fill",
               line_color="line_color", line_width="line_width")
    table.text(x="x", y="y", text="text", source=cells, text_align="center",
               text_baseline="middle", text_font_size="14px", text_color="#222222")
    table.text(x="x", y="y", text="text", source=headers, text_align="align",
               text_baseline="middle", text_font_size="13px", text_font_style="bold",
               text_color="color")

    x_axis, y_axis = state["axes"]
    points = ColumnDataSource(_point_rows(data, state["axes"], i), name="data-matrix-points")
    scatter = figure(
        name="data-matrix-scatter", title="Each row is a point",
        frame_width=210, frame_height=round((y1 - y0) * TABLE_CELL_PX),
        tools="", toolbar_location=None,
    )
    scatter.xaxis.axis_label = names[x_axis]
    scatter.yaxis.axis_label = names[y_axis]
    for axis in (scatter.xaxis, scatter.yaxis):
        axis.axis_label_text_font_style = "normal"
    scatter.scatter(x="x", y="y", source=points, size="size", color="color",
                    line_color="white")
    scatter.text(x="x", y="y", text="label", source=points, x_offset=9, y_offset=-4,
                 text_font_size="12px", text_color="color")
    scatter.x_range.range_padding = 0.2
    scatter.y_range.range_padding = 0.15

    row_slider = Slider(start=1, end=m, step=1, value=i, title="row i (a house)",
                        name="data-matrix-row", width=200)
    column_slider = Slider(start=1, end=n, step=1, value=j, title="column j (a feature)",
                           name="data-matrix-column", width=200)
    toggle = Toggle(label=TOGGLE_LABELS[transposed], active=transposed,
                    name="data-matrix-transpose", width=200)
    readout = Div(text=_data_readout(texts, names, i, j, transposed),
                  name="data-matrix-readout", width=640,
                  styles={"font-size": "15px", "text-align": "left"})
    callback = _style.js_callback(
        "data_matrix.js", row_slider=row_slider, column_slider=column_slider, toggle=toggle,
        cells=cells, headers=headers, points=points, readout=readout, texts=texts,
        names=list(names), toggle_labels=[TOGGLE_LABELS[False], TOGGLE_LABELS[True]],
        fills={"row": ROW_FILL, "column": COLUMN_FILL, "entry": ENTRY_FILL,
               "plain": PLAIN_FILL},
        colors={"grey": _style.GREY, "vermillion": _style.VERMILLION, "blue": _style.BLUE,
                "green": _style.GREEN, "text": "#222222"},
    )
    row_slider.js_on_change("value", callback)
    column_slider.js_on_change("value", callback)
    toggle.js_on_change("active", callback)
    controls = row(row_slider, column_slider, toggle, spacing=16)
    return column(controls, readout, row(table, scatter, spacing=12), name="data-matrix")


def _static_data_matrix(state: dict) -> Figure:
    data, texts, names = state["data"], state["texts"], state["names"]
    m, n = data.shape
    i, j, transposed = state["row"], state["column"], state["transposed"]
    figure_ = Figure(figsize=(2 * _style.PLOT_INCHES, _style.PLOT_INCHES), layout="constrained")
    table_ax, scatter_ax = figure_.subplots(1, 2, width_ratios=(1.25, 1))
    cells, headers = _table_rows(texts, names, i, j, transposed)
    for x, y, text, fill, edge, width in zip(*(cells[k] for k in (
            "x", "y", "text", "fill", "line_color", "line_width"))):
        table_ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=fill, edgecolor=edge,
                                     linewidth=width * 0.8))
        table_ax.text(x, y, text, ha="center", va="center", fontsize=9)
    for x, y, text, align, color in zip(*(headers[k] for k in (
            "x", "y", "text", "align", "color"))):
        table_ax.text(x, y, text, ha=align, va="center", color=color, fontweight="bold",
                      fontsize=9)
    rows_shown, columns_shown = (n, m) if transposed else (m, n)
    x0, x1, y0, y1 = -1.6, columns_shown + 0.1, -rows_shown - 0.1, 0.9
    table_ax.set_xlim(x0, x1)
    table_ax.set_ylim(y0, y1)
    table_ax.set_aspect("equal")
    table_ax.axis("off")
    table_ax.set_title(f"Row {i} (a house), column {j} ({names[j - 1]}), entry "
                       f"a{_sub(i, j)} = {texts[i - 1][j - 1]}", fontsize=10)
    points = _point_rows(data, state["axes"], i)
    scatter_ax.scatter(points["x"], points["y"], c=points["color"],
                       s=[4 * s for s in points["size"]], edgecolors="white", zorder=3)
    for x, y, label, color in zip(points["x"], points["y"], points["label"], points["color"]):
        scatter_ax.annotate(label, (x, y), xytext=(6, -6), textcoords="offset points",
                            color=color, fontsize=9)
    scatter_ax.set_xlabel(names[state["axes"][0]])
    scatter_ax.set_ylabel(names[state["axes"][1]])
    scatter_ax.grid(alpha=0.3)
    scatter_ax.margins(0.15)
    scatter_ax.set_title("Each row is a point", fontsize=10)
    return figure_


def _describe_data_matrix(state: dict) -> str:
    texts, names = state["texts"], state["names"]
    m, n = len(texts), len(texts[0])
    i, j = state["row"], state["column"]
    rows = "; ".join(f"house {r + 1}: " + ", ".join(texts[r]) for r in range(m))
    x_axis, y_axis = state["axes"]
    return (
        f"A table of {m} houses (rows) by {n} features (columns: {', '.join(names)}), "
        f"drawn as a {m}×{n} matrix A{' transposed, so each house is a column' if state['transposed'] else ''}. "
        f"Rows: {rows}. Row {i} and column {j} are shaded and cross at entry "
        f"a{_sub(i, j)} = {texts[i - 1][j - 1]}. Beside the table, a scatter plot of "
        f"{names[y_axis]} against {names[x_axis]} shows each house as a point, house {i} "
        "enlarged."
    )
