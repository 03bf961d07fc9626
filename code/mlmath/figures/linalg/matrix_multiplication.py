"""The matrix multiplication explorer (chapter *Matrix multiplication*, section "The
matrix multiplication explorer", ``chapters/linear-algebra/matrix-multiplication.md``).

Spinners hold the entries of A and B and menus their shapes (2 or 3 rows and
columns); C = AB follows. Two more menus (or a click on an entry of C) pick an
entry c_ij: the scheme puts A left of C and B above it, so that row i of A and
column j of B meet at c_ij, and the readout writes c_ij out as a sum of
products. When A's columns and B's rows differ, the figure says in words why
there is no product. The map view draws the unit square and its images under
the top-left 2×2 corners of B, A and AB (the whole maps when all are 2×2). The
corner of AB is the corner of A times the corner of B plus the products through
A's third column and B's third row; when those are not all zero, the corners do
not compose, and the view's title and description say so.
``figures/js/matrix_multiplication.js`` redraws it in the page (and
``matrix_multiplication_tap.js`` turns a click into a choice);
:func:`page_state` is what they must show, computed in Python.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.layouts import column, grid, row
from bokeh.models import (ColumnDataSource, Div, Legend, LegendItem, Range1d,
                          Select, Spinner, TapTool)
from matplotlib.patches import Rectangle

from mlmath import linalg
from mlmath._validate import as_int, as_matrix
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import NARROW_PX, PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX

__all__ = ["fig_matrix_multiplication", "page_state", "readout_text"]

NAME = "matrix-multiplication"
#: Range and step of every entry's spinner; the shapes the reader can pick.
ENTRY_RANGE, ENTRY_STEP = (-5.0, 5.0), 0.5
SIZES = (2, 3)
MAX_SIZE = max(SIZES)
#: Gap (in cell widths) between A, B and C in the scheme, and its fixed ranges:
#: room for 3×3 matrices and their labels.
SCHEME_GAP = 0.5
SCHEME_X = (-SCHEME_GAP - MAX_SIZE - 0.2, MAX_SIZE + 0.2)
SCHEME_Y = (-MAX_SIZE - 0.7, SCHEME_GAP + MAX_SIZE + 0.2)
#: Pixels per scheme cell on a wide screen; the map view's width and height (room
#: below its square frame for the legend); a title's pixels. With these a scheme
#: cell is 42 px or wider at every width from a phone's 312 px up.
CELL_PX, MAPS_PX, MAPS_HEIGHT_PX, TITLE_PX = 56, 330, 435, 34
#: Numbers in cells at 14 px; from LONG_TEXT characters on ("−73.75", 37 px) at 12 px.
FONTS, LONG_TEXT = ("14px", "12px"), 6
UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
#: The map view's shapes: name, colour, dash pattern (on/off pixels), line width.
MAP_STYLES = (("unit square", palette.GREY, "2 3", 2.0), ("B", palette.VERMILLION, "9 4", 2.5),
              ("A", palette.BLUE, "9 3 2 3", 2.5), ("AB", palette.GREEN, "solid", 3.0))


def _fmt(x: float) -> str:
    """A number as cells and readout write it (``fmt`` in the callback)."""
    return kit.to_fixed(x, 2, trim=True)


def _state(a: np.ndarray, b: np.ndarray, cell: tuple[int, int]) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.linalg`; ``cell`` counts
    from 1, and an entry a reader has emptied is NaN."""
    empty = [f"{letter}{kit.subscript(r + 1, c + 1)}" for letter, matrix in (("a", a), ("b", b))
             for r, c in zip(*np.nonzero(np.isnan(matrix)))]
    fits = a.shape[1] == b.shape[0]
    return {"a": a, "b": b, "cell": cell, "empty": empty, "fits": fits,
            "defined": fits and not empty,
            "product": linalg.matrix_multiply(a, b) if fits and not empty else None}


def _readout(state: dict) -> str:
    (a, b), (i, j) = (state["a"], state["b"]), state["cell"]
    (m, n), (n_b, p) = a.shape, b.shape
    if state["empty"]:
        return (f"<b>{', '.join(state['empty'])} {'are' if len(state['empty']) > 1 else 'is'} "
                f"empty:</b> type a number from {_fmt(ENTRY_RANGE[0])} to {_fmt(ENTRY_RANGE[1])}.")
    if not state["fits"]:
        return (f"<b>No product AB:</b> A is {m}×{n} and B is {n_b}×{p}. Each entry of AB pairs "
                f"a row of A ({n} entries) with a column of B ({n_b} entries), so A needs as many "
                f"columns as B has rows, and {n} ≠ {n_b}.")
    rows = ", ".join("(" + ", ".join(_fmt(v) for v in r) + ")" for r in state["product"])
    symbols = " + ".join(f"a{kit.subscript(i, k)}b{kit.subscript(k, j)}" for k in range(1, n + 1))
    numbers = " + ".join(kit.tint(kit.paren(_fmt(a[i - 1, k])), palette.BLUE) + " × "
                         + kit.tint(kit.paren(_fmt(b[k, j - 1])), palette.VERMILLION)
                         for k in range(n))
    return (f"<b>C = AB</b> is {m}×{p}, with rows {rows}.<br>"
            f"<b>c{kit.subscript(i, j)}</b> = row {i} of A times column {j} of B = {symbols} = "
            f"{numbers} = <b>{_fmt(state['product'][i - 1, j - 1])}</b>")


def _scheme(state: dict) -> tuple[dict, dict]:
    """Cells and labels of the scheme: C at the bottom right, A to its left (row i
    of A level with row i of C), B above it (column j of B above column j of C)."""
    (m, n), (n_b, p), (ci, cj) = state["a"].shape, state["b"].shape, state["cell"]
    keys = ("x", "y", "value", "text", "font_size", "fill", "line_color", "line_width",
            "matrix", "row", "column")
    cells = {key: [] for key in keys}
    # each block: its cells' places, and which of them are marked (row i, column j, c_ij)
    blocks = [("A", state["a"], lambda r, c: (-SCHEME_GAP - n + c + 0.5, -(r + 0.5)),
               lambda r, c: r + 1 == ci),
              ("B", state["b"], lambda r, c: (c + 0.5, SCHEME_GAP + n_b - r - 0.5),
               lambda r, c: c + 1 == cj)]
    if state["defined"]:
        blocks.append(("C", state["product"], lambda r, c: (c + 0.5, -(r + 0.5)),
                       lambda r, c: (r + 1, c + 1) == (ci, cj)))
    fills = {"A": palette.ROW_FILL, "B": palette.COLUMN_FILL, "C": palette.ENTRY_FILL}
    for matrix, values, place, marked in blocks:
        for (r, c), value in np.ndenumerate(values):
            chosen, text = matrix == "C" and marked(r, c), "?" if math.isnan(value) else _fmt(value)
            for key, item in zip(keys, (*place(r, c), None if math.isnan(value) else float(value),
                                        text, FONTS[len(text) >= LONG_TEXT],
                                        fills[matrix] if marked(r, c) else palette.PAPER,
                                        palette.GREEN if chosen else palette.GREY,
                                        3.0 if chosen else 1.0, matrix, r + 1, c + 1)):
                cells[key].append(item)
    labels = {"x": [-SCHEME_GAP - n / 2, -0.15, p / 2],
              "y": [SCHEME_GAP / 2, SCHEME_GAP + n_b / 2, -m - 0.35],
              "text": [f"A ({m}×{n})", f"B ({n_b}×{p})", f"C = AB ({m}×{p})" if state["defined"]
                       else "no AB yet" if state["fits"] else f"no AB: {n} ≠ {n_b}"],
              "align": ["center", "right", "center"],
              "color": [palette.BLUE, palette.VERMILLION,
                        palette.GREEN if state["defined"] else palette.VERMILLION]}
    return cells, labels


def _maps(state: dict) -> tuple[dict, dict, float]:
    """The unit square and its images under the top-left 2×2 corners of B, A and
    AB; where the corner (1, 0) lands; the half-width of the view."""
    matrices = {"unit square": None, "B": state["b"], "A": state["a"], "AB": state["product"]}
    shapes = {key: [] for key in ("xs", "ys", "color", "dash", "width", "label")}
    corners = {key: [] for key in ("x", "y", "color")}
    for name, color, dash, width in MAP_STYLES:
        matrix, points = matrices[name], UNIT_SQUARE if name == "unit square" else np.empty((0, 2))
        if matrix is not None and not np.isnan(matrix[:2, :2]).any():  # drawn: no empty entry
            points = linalg.transform_points(matrix[:2, :2], UNIT_SQUARE)
            for key, value in zip(corners, (float(points[1, 0]), float(points[1, 1]), color)):
                corners[key].append(value)
        label = name if matrix is not None or name == "unit square" else "AB (not defined)"
        for key, value in zip(shapes, ([float(v) for v in points[:, 0]],
                                       [float(v) for v in points[:, 1]], color, dash, width,
                                       label)):
            shapes[key].append(value)
    largest = max(abs(v) for values in shapes["xs"] + shapes["ys"] for v in values)
    return shapes, corners, max(2.0, math.ceil(1.15 * largest * 2) / 2)


def _corners_compose(state: dict) -> bool:
    """Whether the 2×2 corner of AB is the corner of A times the corner of B: the
    products a_i3 b_3j through A's third column (if any) are all zero. Exact, as
    in the callback: the entries are multiples of 0.5, so no product underflows."""
    a, b = state["a"], state["b"]
    return a.shape[1] == 2 or not np.any(np.outer(a[:2, 2], b[2, :2]) != 0)


def _maps_title(state: dict, printed: bool = False) -> str:
    """The map view's title; the printed twin has room for the long forms."""
    if not state["defined"]:
        return ("Unit square under B and A (AB undefined)" if printed
                else "Unit square under B, A (no AB)")
    if state["a"].shape == state["b"].shape == (2, 2):
        return "Unit square under B, A and AB"
    if not _corners_compose(state):
        return ("2×2 corners of B, A, AB: AB's is not A's after B's" if printed
                else "2×2 corners: AB's ≠ A's after B's")
    return ("Unit square under the 2×2 corners of B, A, AB" if printed
            else "Unit square under 2×2 corners")


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"matrix-multiplication-a-rows": "2",
    "matrix-multiplication-a-11": 1.0, ...}``. A spinner missing from ``values``
    holds its starting value, which for one hidden when the figure was built is
    the 3×3 identity's; ``None`` is a spinner the reader emptied."""
    m, n, n_b, p = (int(values[f"{NAME}-{key}"])
                    for key in ("a-rows", "a-columns", "b-rows", "b-columns"))

    def entries(letter, rows, columns):
        held = [[values.get(f"{NAME}-{letter}-{r + 1}{c + 1}", float(r == c))
                 for c in range(columns)] for r in range(rows)]
        return np.array([[math.nan if v is None else float(v) for v in r] for r in held])

    cell = (min(int(values[f"{NAME}-cell-row"]), m), min(int(values[f"{NAME}-cell-column"]), p))
    state = _state(entries("a", m, n), entries("b", n_b, p), cell)
    (cells, labels), (shapes, corners, limit) = _scheme(state), _maps(state)
    return {f"{NAME}-cells": {"data": cells}, f"{NAME}-labels": {"data": labels},
            f"{NAME}-shapes": {"data": shapes}, f"{NAME}-corners": {"data": corners},
            # the corners of the view, which the map's ranges fit (see kit.square_canvas)
            f"{NAME}-frame": {"data": {"x": [-limit, limit, limit, -limit],
                                       "y": [-limit, -limit, limit, limit]}},
            f"{NAME}-readout": {"text": _readout(state)},
            f"{NAME}-maps-title": {"text": _maps_title(state)},
            **{f"{NAME}-cell-{key}": {"options": [str(k + 1) for k in range(count)],
                                      "value": str(value)}
               for key, count, value in (("row", m, cell[0]), ("column", p, cell[1]))},
            **{f"{NAME}-{letter}-{r + 1}{c + 1}": {"visible": r < rows and c < columns}
               for letter, rows, columns in (("a", m, n), ("b", n_b, p))
               for r in range(MAX_SIZE) for c in range(MAX_SIZE)}}


def _check(a, b, cell):
    a, b = as_matrix(a, "a"), as_matrix(b, "b")
    for name, matrix in (("a", a), ("b", b)):
        if not all(size in SIZES for size in matrix.shape):
            raise ValueError(f"{name} must have 2 or 3 rows and 2 or 3 columns (what the figure "
                             f"can show), got shape {matrix.shape}")
        if np.any(matrix < ENTRY_RANGE[0]) or np.any(matrix > ENTRY_RANGE[1]):
            raise ValueError(f"{name} must have entries in [{ENTRY_RANGE[0]}, {ENTRY_RANGE[1]}] "
                             f"(the spinners' range), got\n{matrix}")
    if not isinstance(cell, (tuple, list)) or len(cell) != 2:
        raise ValueError(f"cell must be a pair (i, j), got {cell!r}")
    return a, b, (as_int(cell[0], "cell[0] (the row i of C)", low=1, high=a.shape[0]),
                  as_int(cell[1], "cell[1] (the column j of C)", low=1, high=b.shape[1]))


def readout_text(a=((1, 2), (0, 1)), b=((0, -1), (1, 0)), cell=(1, 1)) -> str:
    """The explorer's readout for matrices ``a``, ``b`` and entry ``cell`` (from 1; HTML)."""
    return _readout(_state(*_check(a, b, cell)))


def fig_matrix_multiplication(a=((1, 2), (0, 1)), b=((0, -1), (1, 0)),
                              cell=(1, 1)) -> kit.BookFigure:
    r"""The matrix multiplication explorer: :math:`C = AB`, entry by entry and as maps.
    Book section: Linear Algebra, *Matrix multiplication*.

    Parameters
    ----------
    a, b : array_like, shapes (m, n) and (n', p), each size 2 or 3
        Starting matrices (by default the chapter's shear S and quarter turn R);
        entries in ``[-5, 5]``. ``n' != n`` is allowed and shows the "no product" state.
    cell : (int, int)
        The entry :math:`c_{ij}` to explain, counted from 1: ``1 <= i <= m``, ``1 <= j <= p``.
    """
    a, b, cell = _check(a, b, cell)
    state = _state(a, b, cell)
    spinners, menus, controls = _controls(a, b, cell)
    every_spinner = [s for rows in spinners.values() for r in rows for s in r]
    shown = page_state({c.name: c.value for c in [*menus.values(), *every_spinner]})
    sources = {key: ColumnDataSource(shown[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("cells", "labels", "shapes", "corners")}
    sources["cells"].selected.name = f"{NAME}-selection"  # a click on an entry of C
    readout = kit.readout(NAME, shown[f"{NAME}-readout"]["text"])
    scheme, maps = _plots(sources, state)
    kit.link(kit.callback(
        "matrix_multiplication.js", a_entries=spinners["a"], b_entries=spinners["b"],
        **{key.replace("-", "_"): menu for key, menu in menus.items()}, **sources,
        frame=maps.x_range.renderers[0].data_source, readout=readout, maps_title=maps.title,
        gap=SCHEME_GAP, low=ENTRY_RANGE[0], high=ENTRY_RANGE[1], long_text=LONG_TEXT,
        fonts=list(FONTS), styles=[list(style) for style in MAP_STYLES],
        fills={"row": palette.ROW_FILL, "column": palette.COLUMN_FILL,
               "entry": palette.ENTRY_FILL, "plain": palette.PAPER},
        colors={"grey": palette.GREY, "vermillion": palette.VERMILLION, "blue": palette.BLUE,
                "green": palette.GREEN}), *every_spinner, *menus.values())
    sources["cells"].selected.js_on_change("indices", kit.callback(
        "matrix_multiplication_tap.js", cells=sources["cells"], cell_row=menus["cell-row"],
        cell_column=menus["cell-column"]))
    return kit.BookFigure(NAME, [controls, kit.Readout(readout, _readout_lines()),
                                 kit.Panels(scheme, maps)],
                          static=_static(state), alt=_describe(state))


def _controls(a, b, cell):
    """The 3×3 spinners of A and B, the six menus, and the controls: one cell per
    matrix (title, shape menus, 3×3 spinners), one for the entry to explain."""
    stretch = {"sizing_mode": "stretch_width"}
    spinners = {}
    for letter, matrix in (("a", a), ("b", b)):
        padded = np.eye(MAX_SIZE)  # what the spinners outside the shape hold
        padded[: matrix.shape[0], : matrix.shape[1]] = matrix
        spinners[letter] = [[Spinner(
            title=f"{letter}{kit.subscript(r + 1, c + 1)}", value=float(padded[r, c]),
            low=ENTRY_RANGE[0], high=ENTRY_RANGE[1], step=ENTRY_STEP, mode="float",
            visible=r < matrix.shape[0] and c < matrix.shape[1],
            margin=(5, 3, 5, 3), name=f"{NAME}-{letter}-{r + 1}{c + 1}", **stretch)
            for c in range(MAX_SIZE)] for r in range(MAX_SIZE)]
    (m, n), (n_b, p) = a.shape, b.shape
    menus = {key: Select(title=title, value=str(value), options=[str(o) for o in options],
                         name=f"{NAME}-{key}", **stretch) for key, title, value, options in (
        ("a-rows", "rows of A", m, SIZES), ("a-columns", "columns of A", n, SIZES),
        ("b-rows", "rows of B", n_b, SIZES), ("b-columns", "columns of B", p, SIZES),
        ("cell-row", "row i of C", cell[0], range(1, m + 1)),
        ("cell-column", "column j of C", cell[1], range(1, p + 1)))}

    def cell_of(heading, *keys, entries=()):
        return column(Div(text=heading, styles={"font-size": "14px"}, **stretch),
                      row(*(menus[key] for key in keys), **stretch),
                      *([grid(entries, **stretch)] if entries else []), **stretch)

    return spinners, menus, kit.Controls(
        cell_of("<b>A</b>: entries and shape", "a-rows", "a-columns", entries=spinners["a"]),
        cell_of("<b>B</b>: entries and shape", "b-rows", "b-columns", entries=spinners["b"]),
        cell_of("<b>Explain one entry of C</b>", "cell-row", "cell-column"), columns=2)


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readouts (3×3 products of two-decimal numbers, the
    "no product" text, every entry emptied), on a phone and wide."""
    big, empty = np.full((3, 3), -4.75), np.full((3, 3), np.nan)
    texts = [_readout(_state(big, sign * big, (3, 3))) for sign in (1, -1)] + [
        _readout(_state(np.ones((3, 2)), np.ones((3, 3)), (1, 1))),
        _readout(_state(empty, empty, (1, 1)))]
    return tuple(max(text_lines(t, width, READOUT_FONT_PX) for t in texts)
                 for width in (PHONE_COLUMN_PX, NARROW_PX))


def _plots(sources, state):
    """The scheme (a board of cells; a click on an entry of C picks it) and the map view."""
    scheme = kit.board(f"{NAME}-scheme", title="Row i of A meets column j of B at cᵢⱼ",
                       x_range=Range1d(*SCHEME_X), y_range=Range1d(*SCHEME_Y),
                       width=round((SCHEME_X[1] - SCHEME_X[0]) * CELL_PX),
                       height=round((SCHEME_Y[1] - SCHEME_Y[0]) * CELL_PX) + TITLE_PX)
    scheme.min_border_left = scheme.min_border_right = 2  # no axes: the cells get the room
    squares = scheme.rect(x="x", y="y", width=1, height=1, source=sources["cells"],
                          fill_color="fill", line_color="line_color", line_width="line_width")
    squares.nonselection_glyph = squares.glyph.clone()  # a click must not grey the rest
    squares.selection_glyph = squares.glyph.clone()
    for source, size, style, colour in ((sources["cells"], "font_size", "normal", palette.INK),
                                        (sources["labels"], "14px", "bold", "color")):
        scheme.text(x="x", y="y", text="text", source=source, text_baseline="middle",
                    text_align="center" if source is sources["cells"] else "align",
                    text_font_size=size, text_font_style=style, text_color=colour)
    scheme.add_tools(TapTool(renderers=[squares]))

    maps = kit.square_canvas(f"{NAME}-maps", _maps(state)[2], title=_maps_title(state),
                             size=MAPS_PX)
    maps.title.name = f"{NAME}-maps-title"
    maps.aspect_ratio = MAPS_PX / MAPS_HEIGHT_PX  # the legend below keeps the frame square
    # The kit fits the ranges to an invisible square of corners; the callback moves them.
    maps.x_range.renderers[0].data_source.name = f"{NAME}-frame"
    maps.grid.grid_line_alpha = 0.5
    kit.axes_through_origin(maps)
    patches = maps.patches(xs="xs", ys="ys", source=sources["shapes"], fill_color="color",
                           fill_alpha=0.1, line_color="color", line_dash="dash",
                           line_width="width")
    maps.scatter(x="x", y="y", source=sources["corners"], size=9, color="color")
    maps.add_layout(Legend(
        items=[LegendItem(label=name, renderers=[patches], index=index)
               for index, (name, *_) in enumerate(MAP_STYLES)],
        orientation="horizontal", ncols=2, location="center", click_policy="none",
        label_text_font_size="12px", label_text_color=palette.INK_SOFT, glyph_width=30,
        spacing=8, background_fill_color=palette.PAPER, border_line_color=palette.RULE,
        item_background_fill_color=palette.PAPER, inactive_fill_color=palette.PAPER), "below")
    return scheme, maps


def _static(state: dict):
    figure = kit.twin(2 * kit.PLOT_INCHES, kit.PLOT_INCHES + 0.4)
    scheme_ax, maps_ax = figure.subplots(1, 2)
    cells, labels = _scheme(state)
    for x, y, text, fill, edge, width in zip(*(cells[k] for k in (
            "x", "y", "text", "fill", "line_color", "line_width"))):
        scheme_ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=fill, edgecolor=edge,
                                      linewidth=width * 0.8))
        scheme_ax.text(x, y, text, ha="center", va="center", fontsize=10)
    for x, y, text, align, color in zip(*(labels[k] for k in ("x", "y", "text", "align",
                                                               "color"))):
        scheme_ax.text(x, y, text, ha=align, va="center", color=color, fontweight="bold",
                       fontsize=10)
    # Print has no shapes to switch between: crop to the matrices drawn.
    (m, n), (n_b, p) = state["a"].shape, state["b"].shape
    scheme_ax.set(xlim=(min(-SCHEME_GAP - n - 0.2, -2.8), p + 0.2),
                  ylim=(-m - 0.7, SCHEME_GAP + n_b + 0.2), aspect="equal")
    scheme_ax.axis("off")
    scheme_ax.set_title(_entry_title(state), fontsize=10)

    shapes, corners, limit = _maps(state)
    maps_ax.set(xlim=(-limit, limit), ylim=(-limit, limit), aspect="equal", xlabel="$x_1$",
                ylabel="$x_2$")
    maps_ax.axhline(0, color=palette.GREY, linewidth=0.8)
    maps_ax.axvline(0, color=palette.GREY, linewidth=0.8)
    maps_ax.grid(alpha=0.3)
    maps_ax.set_title(_maps_title(state, printed=True), fontsize=10)
    for xs, ys, color, dash, width, label in zip(*(shapes[k] for k in (
            "xs", "ys", "color", "dash", "width", "label"))):
        if xs:
            style = "-" if dash == "solid" else (0, tuple(int(v) / 2 for v in dash.split()))
            maps_ax.fill(xs, ys, color=color, alpha=0.1, linewidth=0)
            maps_ax.plot(xs + xs[:1], ys + ys[:1], color=color, linewidth=width * 0.7,
                         linestyle=style, label=label)
    maps_ax.scatter(corners["x"], corners["y"], color=corners["color"], s=22, zorder=3)
    maps_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, fontsize=8,
                   frameon=False)
    return figure


def _entry_title(state: dict) -> str:
    (m, n), (n_b, p) = state["a"].shape, state["b"].shape
    if not state["defined"]:
        return f"No product: A is {m}×{n}, B is {n_b}×{p}, and {n} ≠ {n_b}"
    (i, j), a, b = state["cell"], state["a"], state["b"]
    terms = " + ".join(f"{kit.paren(_fmt(a[i - 1, k]))} × {kit.paren(_fmt(b[k, j - 1]))}"
                       for k in range(n))
    return f"c{kit.subscript(i, j)} = {terms} = {_fmt(state['product'][i - 1, j - 1])}"


def _words(matrix) -> str:
    return "[" + "; ".join(", ".join(_fmt(v) for v in r) for r in matrix) + "]"


def _describe(state: dict) -> str:
    (a, b), (i, j) = (state["a"], state["b"]), state["cell"]
    (m, n), (n_b, p) = a.shape, b.shape
    shapes, _, limit = _maps(state)
    maps = "; ".join(f"{label}: " + ", ".join(f"({_fmt(x)}, {_fmt(y)})" for x, y in zip(xs, ys))
                     for label, xs, ys in zip(shapes["label"], shapes["xs"], shapes["ys"])
                     if xs and label != "unit square")
    middle = (f"There is no product AB: A has {n} columns but B has {n_b} rows, and each entry "
              "of AB would pair a row of A with a column of B of the same length. "
              if not state["defined"] else
              f"C = AB ({m}×{p}) = {_words(state['product'])}. Left, A is drawn to the left of C "
              f"and B above it; row {i} of A and column {j} of B are shaded and meet at entry "
              f"c{kit.subscript(i, j)}, the sum of their products: {_entry_title(state)}. ")
    return (f"Matrix multiplication, with matrices written row by row. A ({m}×{n}) = {_words(a)}, "
            f"B ({n_b}×{p}) = {_words(b)}. {middle}Right, on a grid from {-limit:g} to {limit:g}, "
            "the unit square with corners (0, 0), (1, 0), (1, 1), (0, 1) and its images under "
            f"the top-left 2×2 corners of the matrices, corners in the same order ({maps})."
            + ("" if not state["defined"] or _corners_compose(state) else
               " The corner of AB is not the corner of A applied after the corner of B: it "
               "also adds the products through the third column of A and the third row of B."))
