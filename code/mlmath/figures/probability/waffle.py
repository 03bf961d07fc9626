"""Waffle charts: a population as a square grid of cells, one per person, its groups
as runs of cells in reading order (for the Bayes explorer, chapter *Bayes' theorem*).

Each group is drawn as at most three rectangles (a partial row, a block of full rows,
a partial row), never one glyph per person, so that redrawing 10,000 people costs
what redrawing ten does. A group too small to see gets a ring. Cells are separated by
lines in the paper's colour: between every two cells in a coarse grid, between blocks
of 10 × 10 in a fine one.

:func:`runs`, :func:`rings`, :func:`frame` and :func:`cell_lines` compute the geometry
(the Bayes explorer's callback, ``figures/js/bayes_explorer.js``, repeats them in the
page, and its tests compare the two); :func:`board` and :func:`quads` draw it with
Bokeh, :func:`draw_twin` with matplotlib.
"""

from __future__ import annotations

from bokeh.models import DataRange1d
from matplotlib.patches import Rectangle

from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["Style", "board", "cell_lines", "draw_twin", "frame", "quads", "rings", "runs"]

#: A group's fill, the colour of its stripes and their pattern ("/", or None for none).
Style = tuple[str, str | None, str | None]
SIDES = ("left", "right", "top", "bottom")


def runs(counts, columns: int, groups) -> dict:
    """Groups of ``counts`` cells, one after another in reading order on a grid
    ``columns`` wide (row 0 at the top, a cell one unit square, y pointing up), each
    as at most three rectangles: ``{group: {"left", "right", "top", "bottom"}}``."""
    shapes, start = {}, 0
    for group, count in zip(groups, counts):
        sides = {side: [] for side in SIDES}
        a, end = start, start + count
        while a < end:
            row, column = a // columns, a % columns
            if column > 0 or end - a < columns:  # a partial row
                stop = min(end, (row + 1) * columns)
                spans = (column, stop - row * columns, row, row + 1)
            else:  # full rows
                rows = (end - a) // columns
                stop = a + rows * columns
                spans = (0, columns, row, row + rows)
            for side, value in zip(SIDES, (spans[0], spans[1], -spans[2], -spans[3])):
                sides[side].append(value)
            a = stop
        shapes[group] = sides
        start = end
    return shapes


def rings(shapes: dict, counts, columns: int, groups, *, share: float,
          min_columns: int) -> dict:
    """Where to ring a group: at the centre of its first rectangle, for every group
    of fewer than ``share`` of the square's cells, in grids at least ``min_columns``
    wide (in coarser ones every cell is large enough to see)."""
    x, y = [], []
    if columns >= min_columns:
        for group, count in zip(groups, counts):
            if 0 < count < share * columns * columns:
                first = shapes[group]
                x.append((first["left"][0] + first["right"][0]) / 2)
                y.append((first["top"][0] + first["bottom"][0]) / 2)
    return {"x": x, "y": y}


def frame(columns: int, margin: float) -> dict:
    """The corners of the square grid with ``margin`` (a share of its width) around
    it, for a ring at its edge: the points a :func:`board`'s ranges fit."""
    m = margin * columns
    return {"x": [-m, columns + m, columns + m, -m], "y": [-columns - m, -columns - m, m, m]}


def line_positions(columns: int, every_cell_up_to: int) -> list[int]:
    every = 1 if columns <= every_cell_up_to else 10
    return list(range(every, columns, every))


def cell_lines(columns: int, every_cell_up_to: int) -> dict:
    """Segments between the cells of a grid up to ``every_cell_up_to`` wide, between
    blocks of 10 × 10 cells in a wider one: ``{"x0", "y0", "x1", "y1"}``."""
    at = line_positions(columns, every_cell_up_to)
    return {"x0": at + [0] * len(at), "y0": [0] * len(at) + [-k for k in at],
            "x1": at + [columns] * len(at), "y1": [-columns] * len(at) + [-k for k in at]}


def board(name: str, *, title: str, corners, width: int, height: int):
    """A plot without axes whose unit cells stay square at every width: its ranges
    fit the invisible ``corners`` (a ColumnDataSource of :func:`frame`) and widen in
    one direction as needed, as :func:`mlmath.figures.kit.square_canvas` does."""
    x_range = DataRange1d(range_padding=0, name=f"{name}-x")
    y_range = DataRange1d(range_padding=0, name=f"{name}-y")
    plot = kit.canvas(name, title=title, width=width, height=height, x_range=x_range,
                      y_range=y_range, match_aspect=True)
    x_range.renderers = y_range.renderers = [
        plot.scatter("x", "y", source=corners, size=0, alpha=0)]
    plot.axis.visible = False
    plot.grid.visible = False
    plot.outline_line_color = None
    return plot


def quads(plot, source, style: Style):
    """One group's rectangles (the columns of :func:`runs`) in ``style``."""
    fill, stripes, pattern = style
    hatch = {"hatch_pattern": pattern, "hatch_color": stripes, "hatch_scale": 8,
             "hatch_weight": 1} if pattern else {}
    return plot.quad(left="left", right="right", top="top", bottom="bottom", source=source,
                     fill_color=fill, line_color=None, **hatch)


def draw_twin(ax, shapes: dict, styles: dict, *, columns: int, margin: float, ringed: dict,
              every_cell_up_to: int, title: str) -> None:
    """The same waffle on matplotlib axes ``ax``, for a figure's static twin."""
    for group, sides in shapes.items():
        fill, stripes, pattern = styles[group]
        for left, right, top, bottom in zip(*(sides[side] for side in SIDES)):
            ax.add_patch(Rectangle((left, bottom), right - left, top - bottom, facecolor=fill,
                                   edgecolor=stripes or fill, linewidth=0,
                                   hatch=pattern * 3 if pattern else None))
    for k in line_positions(columns, every_cell_up_to):
        ax.plot([k, k], [0, -columns], color=palette.PAPER, lw=0.6)
        ax.plot([0, columns], [-k, -k], color=palette.PAPER, lw=0.6)
    ax.scatter(ringed["x"], ringed["y"], s=160, facecolors="none", edgecolors=palette.INK,
               linewidths=1.5)
    m = margin * columns
    ax.set_xlim(-m, columns + m)
    ax.set_ylim(-columns - m, m)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=10)
