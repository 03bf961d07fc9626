"""The data-matrix figure (chapter *Matrices*, section "Rows, columns and the transpose,
interactively", ``chapters/linear-algebra/matrices.md``).

A data table drawn as a matrix A, one row per house, one column per feature.
Two sliders pick a row i and a column j: the table shades row i (one house),
column j (one feature across all houses) and the entry a_ij where they cross;
a scatter plot shows every house as a point in two of its features, house i
enlarged; a toggle redraws the table as its transpose Aᵀ, where the same row
is a column. The readout lists the row, the column and the entry.
``figures/js/data_matrix.js`` redraws it in the page; :func:`page_state` is
what it must show, computed in Python.
"""

from __future__ import annotations

from bokeh.models import ColumnDataSource, Range1d, Toggle
from matplotlib.patches import Rectangle

from mlmath._validate import as_int, as_matrix
from mlmath.data import make_houses
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import NARROW_PX, PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX

__all__ = ["fig_data_matrix", "page_state", "readout_text", "table_texts"]

NAME = "data-matrix"
#: The chapter's table: six houses (floor area, bedrooms, age) and its headers.
HOUSES = tuple(map(tuple, make_houses(n=6, seed=7).features.tolist()))
HOUSE_COLUMNS = ("sq ft", "beds", "age")
#: The tables the figure can show: 2 to 8 rows (houses), 2 to 4 columns.
ROWS, COLUMNS = (2, 8), (2, 4)
#: The transpose toggle's label, when A is shown (False) and when Aᵀ is.
TOGGLE_LABELS = {False: "Show the transpose Aᵀ", True: "Back to A"}
#: Room (in cell widths) left of the table for the row headers at least, and above it.
HEADER_LEFT, HEADER_TOP = 1.6, 0.9
#: Pixels per table cell on a wide screen; at 312 px the chapter's cells are 40 px,
#: room for "3,210" at 13 px (33 px) inside the chosen entry's 3 px border.
CELL_PX = 46
#: Pixels a plot's title and borders take above and below the frame.
TITLE_PX = 34
#: Entries at the first of these sizes (px) at which all fit their cells on a phone.
ENTRY_FONTS, HEADER_FONT_PX, CELL_PAD_PX = (13, 12, 11), 13, 6
#: The table's borders left and right (px): it has no axes, the cells get the room.
BORDER_PX = 2
#: Widths (em) of the characters of numbers in the canvas's Helvetica-like font;
#: letters count as a wide bold letter, which is more than most are.
_EM = {**dict.fromkeys("0123456789", 0.556), **dict.fromkeys(",. ", 0.278), kit.MINUS: 0.584}
_LETTER_EM = 0.62


def _sliders(m: int, n: int) -> dict[str, kit.SliderSpec]:
    return {"row": kit.SliderSpec("row i (a house)", 1, m, 1),
            "column": kit.SliderSpec("column j (a feature)", 1, n, 1)}


def _check(data, column_names, scatter_columns=(0, 2)):
    data = as_matrix(data, "data")
    (m, n), rows, columns = data.shape, ROWS, COLUMNS
    if not (rows[0] <= m <= rows[1] and columns[0] <= n <= columns[1]):
        raise ValueError(f"data must have {rows[0]} to {rows[1]} rows and {columns[0]} to "
                         f"{columns[1]} columns (what the table can show), got shape {data.shape}")
    names = tuple(column_names) if isinstance(column_names, (tuple, list)) else None
    if names is None or len(names) != n or not all(isinstance(s, str) and s.strip()
                                                     for s in names):
        raise ValueError(f"column_names must be {n} non-empty strings, one per column of "
                         f"data, got {column_names!r}")
    if (not isinstance(scatter_columns, (tuple, list)) or len(scatter_columns) != 2
            or len(set(scatter_columns)) != 2):
        raise ValueError("scatter_columns must be two different column indices, got "
                         f"{scatter_columns!r}")
    axes = tuple(as_int(c, "scatter_columns", low=0, high=n - 1) for c in scatter_columns)
    return data, names, axes


def table_texts(data) -> list[list[str]]:
    """Each entry as the table writes it: whole numbers with thousands separators,
    others with up to two decimals; a true minus sign."""
    def text(v: float) -> str:
        if not float(v).is_integer():
            return kit.to_fixed(v, 2, trim=True)
        return (kit.MINUS if v < 0 else "") + f"{abs(v):,.0f}"
    return [[text(v) for v in row] for row in as_matrix(data, "data")]


def _text_px(text: str, font_px: float) -> float:
    return font_px * sum(_EM.get(ch, _LETTER_EM) for ch in text)


def _fit(texts, names) -> tuple[float, int]:
    """The room left of the table for its row headers (in cells) and the entries'
    font size (px), such that on a phone (312 px) every header and entry fits;
    a ValueError naming ``data`` when its entries cannot fit even at 11 px."""
    side, width = max(len(texts), len(texts[0])) + 0.1, PHONE_COLUMN_PX - 2 * BORDER_PX
    header = max(_text_px(t, HEADER_FONT_PX) for t in ("house →", *names)) + CELL_PAD_PX
    # (left - 0.15) cells hold the header, with a cell width / (left + side) px
    left = max(HEADER_LEFT, (0.15 * width + header * side) / (width - header))
    cell = width / (left + side)
    widest = max((entry for row in texts for entry in row), key=lambda t: _text_px(t, 1))
    for font in ENTRY_FONTS:
        if _text_px(widest, font) + CELL_PAD_PX <= cell:
            return left, font
    raise ValueError(
        f"data must have entries short enough for the table's cells on a phone: with "
        f"{side - 0.1:g} rows or columns a cell is {cell:.0f} px wide, too narrow for "
        f"{widest!r} even at {ENTRY_FONTS[-1]} px; round or rescale the data, or show "
        "fewer rows")


def _readout(texts, names, i: int, j: int, transposed: bool) -> str:
    m, n = len(texts), len(texts[0])
    text = (f"<b>Row {i}</b> of A is house {i}: ({', '.join(texts[i - 1])}). "
            f"<b>Column {j}</b> of A is {names[j - 1]} for all {m} houses: "
            f"({', '.join(r[j - 1] for r in texts)}). "
            f"Entry <b>a{kit.subscript(i, j)} = {texts[i - 1][j - 1]}</b>.")
    if transposed:
        text += (f"<br>In Aᵀ ({n}×{m}) the same number is entry (Aᵀ){kit.subscript(j, i)}: "
                 f"row {i} of A is column {i} of Aᵀ, and column {j} of A is row {j} of Aᵀ.")
    return text


def _flag(transposed) -> bool:
    if not isinstance(transposed, bool):
        raise ValueError(f"transposed must be True or False, got {transposed!r}")
    return transposed


def readout_text(data=HOUSES, column_names=HOUSE_COLUMNS, row=2, column=3,
                 transposed=False) -> str:
    """The readout for entry ``(row, column)`` (counted from 1) of ``data`` (HTML)."""
    data, names, _ = _check(data, column_names)
    i, j = (int(spec.check(v, key)) for (key, spec), v in
            zip(_sliders(*data.shape).items(), (row, column)))
    return _readout(table_texts(data), names, i, j, _flag(transposed))


def _table(texts, names, i: int, j: int, transposed: bool) -> tuple[dict, dict]:
    """Cells and headers of the table drawn as A (or, ``transposed``, as Aᵀ):
    cell (r, c) of the matrix on screen sits at x = c + 0.5, y = -(r + 0.5)."""
    m, n = len(texts), len(texts[0])
    cells = {key: [] for key in ("x", "y", "text", "fill", "line_color", "line_width")}
    for r in range(m):
        for c in range(n):
            chosen = (r + 1, c + 1) == (i, j)
            x, y = (r, c) if transposed else (c, r)
            cells["x"].append(x + 0.5)
            cells["y"].append(-(y + 0.5))
            cells["text"].append(texts[r][c])
            cells["fill"].append(palette.ENTRY_FILL if chosen else palette.ROW_FILL
                                 if r + 1 == i else palette.COLUMN_FILL if c + 1 == j
                                 else palette.PAPER)
            cells["line_color"].append(palette.GREEN if chosen else palette.GREY)
            cells["line_width"].append(3.0 if chosen else 1.0)
    houses = [str(r + 1) for r in range(m)]
    headers = {key: [] for key in ("x", "y", "text", "align", "color")}

    def header(x, y, text, align, color):
        for key, value in zip(headers, (x, y, text, align, color)):
            headers[key].append(value)

    # Above the columns, then left of the rows: houses or features, A or Aᵀ.
    across, down = (houses, list(names)) if transposed else (list(names), houses)
    for c, text in enumerate(across):
        chosen = c + 1 == (i if transposed else j)
        header(c + 0.5, 0.4, text, "center", (palette.BLUE if transposed else
                                              palette.VERMILLION) if chosen else palette.INK)
    for r, text in enumerate(down):
        chosen = r + 1 == (j if transposed else i)
        header(-0.15, -(r + 0.5), text, "right", (palette.VERMILLION if transposed else
                                                  palette.BLUE) if chosen else palette.INK)
    header(-0.15, 0.4, "house →" if transposed else "house ↓", "right", palette.GREY)
    return cells, headers


def _points(data, axes: tuple[int, int], i: int) -> dict:
    """Every house as a point in two of its features; house ``i`` stands out."""
    count = data.shape[0]
    return {"x": [float(v) for v in data[:, axes[0]]], "y": [float(v) for v in data[:, axes[1]]],
            "label": [str(r + 1) for r in range(count)],
            "color": [palette.BLUE if r + 1 == i else palette.GREY for r in range(count)],
            "size": [16 if r + 1 == i else 9 for r in range(count)]}


def page_state(values: dict, data=HOUSES, column_names=HOUSE_COLUMNS,
               scatter_columns=(0, 2)) -> dict:
    """What the page shows for control values ``{"data-matrix-row": ..., ...}``, for
    the figure built with ``data``, ``column_names`` and ``scatter_columns``."""
    data, names, axes = _check(data, column_names, scatter_columns)
    texts = table_texts(data)
    i, j = int(values[f"{NAME}-row"]), int(values[f"{NAME}-column"])
    transposed = bool(values[f"{NAME}-transpose"])
    cells, headers = _table(texts, names, i, j, transposed)
    return {f"{NAME}-cells": {"data": cells}, f"{NAME}-headers": {"data": headers},
            f"{NAME}-points": {"data": _points(data, axes, i)},
            f"{NAME}-readout": {"text": _readout(texts, names, i, j, transposed)},
            f"{NAME}-transpose": {"label": TOGGLE_LABELS[transposed]}}


def fig_data_matrix(data=HOUSES, column_names=HOUSE_COLUMNS, *, row=2, column=3,
                    scatter_columns=(0, 2), transposed=False) -> kit.BookFigure:
    """A data table read as a matrix A: rows are houses, columns are features.
    Book section: Linear Algebra, *Matrices*.

    Parameters
    ----------
    data : array_like, shape (m, n), 2 <= m <= 8, 2 <= n <= 4
        The table, one row per house (by default the chapter's six houses). Its
        entries must fit a cell on a phone, at 11 px at the least: "3,210" does
        with up to 7 rows or columns.
    column_names : sequence of n str
        Short column headers (about five characters fit a cell on a phone).
    row, column : int
        The starting row i and column j, counted from 1.
    scatter_columns : (int, int)
        Which two columns (from 0) the scatter plot uses as x and y.
    transposed : bool
        Start with the transpose shown.
    """
    data, names, axes = _check(data, column_names, scatter_columns)
    (m, n), texts = data.shape, table_texts(data)
    sliders = [spec.slider(value, name=f"{NAME}-{key}", argument=key) for (key, spec), value
               in zip(_sliders(m, n).items(), (row, column))]
    toggle = Toggle(label=TOGGLE_LABELS[_flag(transposed)], active=transposed,
                    name=f"{NAME}-transpose", sizing_mode="stretch_width")
    i, j = (int(s.value) for s in sliders)
    state = page_state({sliders[0].name: i, sliders[1].name: j, toggle.name: transposed},
                       data, names, axes)
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("cells", "headers", "points")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "data_matrix.js", row_slider=sliders[0], column_slider=sliders[1], toggle=toggle,
        readout=readout, texts=texts, names=list(names),
        toggle_labels=[TOGGLE_LABELS[False], TOGGLE_LABELS[True]],
        fills={"row": palette.ROW_FILL, "column": palette.COLUMN_FILL,
               "entry": palette.ENTRY_FILL, "plain": palette.PAPER},
        colors={"grey": palette.GREY, "vermillion": palette.VERMILLION, "blue": palette.BLUE,
                "green": palette.GREEN, "ink": palette.INK}, **sources), *sliders, toggle)
    table, scatter = _plots(sources, names, axes, max(m, n), *_fit(texts, names))
    # The readout's room: its longest text, wide and on a phone.
    longest = [max(text_lines(_readout(texts, names, r, c, t), width, READOUT_FONT_PX)
                   for r in range(1, m + 1) for c in range(1, n + 1) for t in (False, True))
               for width in (PHONE_COLUMN_PX, NARROW_PX)]
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders, toggle, columns=3), kit.Readout(readout, tuple(longest)),
               kit.Panels(table, scatter)],
        static=_static(data, texts, names, axes, i, j, transposed),
        alt=_describe(texts, names, axes, i, j, transposed))


def _plots(sources, names, axes, side: int, left: float, font: int):
    x_range = Range1d(-left, side + 0.1)
    y_range = Range1d(-side - 0.1, HEADER_TOP)
    width = round((x_range.end - x_range.start) * CELL_PX)
    height = round((y_range.end - y_range.start) * CELL_PX) + TITLE_PX
    table = kit.board(f"{NAME}-table", title="The table as a matrix A (or Aᵀ)",
                      x_range=x_range, y_range=y_range, width=width, height=height)
    table.min_border_left = table.min_border_right = BORDER_PX
    table.rect(x="x", y="y", width=1, height=1, source=sources["cells"], fill_color="fill",
               line_color="line_color", line_width="line_width")
    table.text(x="x", y="y", text="text", source=sources["cells"], text_align="center",
               text_baseline="middle", text_font_size=f"{font}px", text_color=palette.INK)
    table.text(x="x", y="y", text="text", source=sources["headers"], text_align="align",
               text_baseline="middle", text_font_size=f"{HEADER_FONT_PX}px",
               text_font_style="bold", text_color="color")

    scatter = kit.canvas(f"{NAME}-scatter", title="Each row is a point", width=300,
                         height=height)
    scatter.xaxis.axis_label, scatter.yaxis.axis_label = names[axes[0]], names[axes[1]]
    scatter.scatter(x="x", y="y", source=sources["points"], size="size", color="color",
                    line_color=palette.PAPER)
    scatter.text(x="x", y="y", text="label", source=sources["points"], x_offset=9,
                 y_offset=-4, text_font_size="12px", text_color="color")
    scatter.x_range.range_padding = 0.2
    scatter.y_range.range_padding = 0.15
    return table, scatter


def _static(data, texts, names, axes, i, j, transposed):
    m, n = data.shape
    figure = kit.twin(2 * kit.PLOT_INCHES, kit.PLOT_INCHES)
    table_ax, scatter_ax = figure.subplots(1, 2, width_ratios=(1.25, 1))
    cells, headers = _table(texts, names, i, j, transposed)
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
    table_ax.set_xlim(-1.6, columns_shown + 0.1)
    table_ax.set_ylim(-rows_shown - 0.1, 0.9)
    table_ax.set_aspect("equal")
    table_ax.axis("off")
    table_ax.set_title(f"Row {i} (a house), column {j} ({names[j - 1]}), entry "
                       f"a{kit.subscript(i, j)} = {texts[i - 1][j - 1]}", fontsize=10)
    points = _points(data, axes, i)
    scatter_ax.scatter(points["x"], points["y"], c=points["color"],
                       s=[4 * s for s in points["size"]], edgecolors=palette.PAPER, zorder=3)
    for x, y, label, color in zip(points["x"], points["y"], points["label"], points["color"]):
        scatter_ax.annotate(label, (x, y), xytext=(6, -6), textcoords="offset points",
                            color=color, fontsize=9)
    scatter_ax.set_xlabel(names[axes[0]])
    scatter_ax.set_ylabel(names[axes[1]])
    scatter_ax.grid(alpha=0.3)
    scatter_ax.margins(0.15)
    scatter_ax.set_title("Each row is a point", fontsize=10)
    return figure


def _describe(texts, names, axes, i, j, transposed) -> str:
    m, n = len(texts), len(texts[0])
    rows = "; ".join(f"house {r + 1}: " + ", ".join(texts[r]) for r in range(m))
    turned = " transposed, so each house is a column" if transposed else ""
    return (f"A table of {m} houses (rows) by {n} features (columns: {', '.join(names)}), "
            f"drawn as a {m}×{n} matrix A{turned}. Rows: {rows}. Row {i} and column {j} are "
            f"shaded and cross at entry a{kit.subscript(i, j)} = {texts[i - 1][j - 1]}. "
            f"Beside the table, a scatter plot of {names[axes[1]]} against {names[axes[0]]} "
            f"shows each house as a point, house {i} enlarged.")
