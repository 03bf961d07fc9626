"""The vector-addition figure (chapter *Vectors*, ``chapters/linear-algebra/vectors.md``).

Four sliders set A and B; the plot draws A from the origin, B from A's tip
and A + B from the origin to B's tip, with the parallelogram completed by
dashed copies; the readout gives A + B, its length and the triangle
inequality's bound ‖A‖ + ‖B‖. ``figures/js/vector_addition.js`` redraws it in
the page; :func:`page_state` is what it must show, computed in Python.

This module is the pattern every figure follows (see :mod:`mlmath.figures.kit`).
"""

from __future__ import annotations

from bokeh.models import Arrow, ColumnDataSource, LabelSet, VeeHead

from mlmath import linalg
from mlmath._validate import as_vector
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_vector_addition", "page_state", "readout_text"]

NAME = "vector-addition"
#: Each component of A and B: its slider's range and step.
COMPONENT = (-4.0, 4.0, 0.5)
#: How far (in plot units) an arrow's label sits from the arrow's midpoint.
LABEL_GAP = 0.6
LIMIT = 2 * COMPONENT[1]  # room for A + B with both at the sliders' ends
SLIDERS = {f"{vector.lower()}-{axis}": kit.SliderSpec(f"{vector}, {label} component",
                                                      *COMPONENT)
           for vector in "AB" for axis, label in (("x", "x₁"), ("y", "x₂"))}


def readout_text(a, b) -> str:
    """The readout for vectors ``a`` and ``b`` (HTML)."""
    a, b = as_vector(a, "a", size=2), as_vector(b, "b", size=2)
    total = linalg.vector_add(a, b)
    return (f"<b>A + B</b> = ({kit.to_fixed(total[0], 1)}, {kit.to_fixed(total[1], 1)}) · "
            f"‖A + B‖ = {kit.to_fixed(linalg.norm(total), 2)} · "
            f"‖A‖ + ‖B‖ = {kit.to_fixed(linalg.norm(a) + linalg.norm(b), 2)}")


def _label_positions(a, b, total) -> tuple[list[float], list[float]]:
    """Where to write "A", "B" and "A + B": beside each arrow's midpoint, on the
    outside of the triangle the three arrows form, so the labels never sit on
    an arrow."""
    turn = 1.0 if a[0] * b[1] - a[1] * b[0] >= 0 else -1.0
    xs, ys = [], []
    for tail, vector, side in (((0.0, 0.0), a, -turn), (a, b, -turn), ((0.0, 0.0), total, turn)):
        length = linalg.norm(vector)
        nx, ny = (-vector[1] / length, vector[0] / length) if length > 0 else (0.0, 0.0)
        xs.append(tail[0] + vector[0] / 2 + side * LABEL_GAP * nx)
        ys.append(tail[1] + vector[1] / 2 + side * LABEL_GAP * ny)
    return xs, ys


def _arrows(a, b) -> tuple[dict, dict]:
    """Column data for the solid arrows (A, B tip to tail, A + B) and the dashed
    parallelogram arrows (B from the origin, A from B's tip)."""
    total = linalg.vector_add(a, b) + 0.0  # + 0.0 turns -0.0 into 0.0
    label_x, label_y = _label_positions(a, b, total)
    solid = {
        "x0": [0.0, a[0], 0.0], "y0": [0.0, a[1], 0.0],
        "x1": [a[0], total[0], total[0]], "y1": [a[1], total[1], total[1]],
        "color": [palette.BLUE, palette.VERMILLION, palette.GREEN],
        "label": ["A", "B", "A + B"], "label_x": label_x, "label_y": label_y,
    }
    ghost = {"x0": [0.0, b[0]], "y0": [0.0, b[1]], "x1": [b[0], total[0]],
             "y1": [b[1], total[1]], "color": [palette.VERMILLION, palette.BLUE]}
    return solid, ghost


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"vector-addition-a-x": ..., ...}``."""
    a = [values[f"{NAME}-a-x"], values[f"{NAME}-a-y"]]
    b = [values[f"{NAME}-b-x"], values[f"{NAME}-b-y"]]
    solid, ghost = _arrows(a, b)
    return {f"{NAME}-arrows": {"data": solid}, f"{NAME}-parallelogram": {"data": ghost},
            f"{NAME}-readout": {"text": readout_text(a, b)}}


def fig_vector_addition(a=(3.0, 1.0), b=(1.0, 2.0)) -> kit.BookFigure:
    """Interactive vector addition: A, B drawn tip to tail, and A + B.
    Book section: Linear Algebra, *Vectors*.

    Parameters
    ----------
    a, b : array_like, shape (2,)
        Starting vectors; components in ``[-4, 4]`` in steps of 0.5.
    """
    vectors = {"a": as_vector(a, "a", size=2), "b": as_vector(b, "b", size=2)}
    sliders = [spec.slider(vectors[key[0]]["xy".index(key[-1])], name=f"{NAME}-{key}",
                           argument=f"{key[0]}[{'xy'.index(key[-1])}]")
               for key, spec in SLIDERS.items()]
    values = {s.name: s.value for s in sliders}
    state = page_state(values)
    arrows = ColumnDataSource(state[f"{NAME}-arrows"]["data"], name=f"{NAME}-arrows")
    ghost = ColumnDataSource(state[f"{NAME}-parallelogram"]["data"], name=f"{NAME}-parallelogram")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback("vector_addition.js", solid=arrows, ghost=ghost, readout=readout,
                          gap=LABEL_GAP, **{s.name[len(NAME) + 1:].replace("-", "_"): s
                                            for s in sliders}), *sliders)
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders, columns=2), readout, _plot(arrows, ghost)],
        static=_static(arrows.data, ghost.data, vectors["a"], vectors["b"]),
        alt=_describe(vectors["a"], vectors["b"]))


def _plot(arrows, ghost):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT, title="A + B, drawn tip to tail")
    kit.axes_through_origin(plot)
    plot.add_layout(Arrow(
        source=ghost, x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=2, line_dash="dashed", line_alpha=0.45,
        end=VeeHead(size=10, fill_color="color", line_color="color", fill_alpha=0.45,
                    line_alpha=0.45)))
    plot.add_layout(Arrow(
        source=arrows, x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=3,
        end=VeeHead(size=14, fill_color="color", line_color="color")))
    plot.add_layout(LabelSet(
        source=arrows, x="label_x", y="label_y", text="label", text_color="color",
        text_align="center", text_baseline="middle", text_font_style="bold",
        text_font_size="15px"))
    return plot


def _static(solid: dict, ghost: dict, a, b):
    total = (solid["x1"][2], solid["y1"][2])
    figure = kit.twin()
    ax = kit.square_axes(figure, LIMIT, title=(
        f"A + B = ({kit.to_fixed(total[0], 1)}, {kit.to_fixed(total[1], 1)}),  "
        f"$\\Vert A + B\\Vert$ = {kit.to_fixed(linalg.norm(total), 2)}"))
    for rows, style in ((ghost, dict(lw=1.5, ls="--", alpha=0.5)), (solid, dict(lw=2.5))):
        for i, color in enumerate(rows["color"]):
            ax.annotate("", xy=(rows["x1"][i], rows["y1"][i]),
                        xytext=(rows["x0"][i], rows["y0"][i]),
                        arrowprops=dict(arrowstyle="-|>", color=color, mutation_scale=16,
                                        shrinkA=0, shrinkB=0, **style))
    for label, x, y, color in zip(solid["label"], solid["label_x"], solid["label_y"],
                                  solid["color"]):
        ax.text(x, y, label, color=color, fontweight="bold", ha="center", va="center")
    return figure


def _describe(a, b) -> str:
    total = linalg.vector_add(a, b) + 0.0
    return (
        f"Vector addition drawn tip to tail on a grid from {-LIMIT:g} to {LIMIT:g}: "
        f"arrow A = ({a[0]:g}, {a[1]:g}) starts at the origin, arrow B = ({b[0]:g}, {b[1]:g}) "
        f"starts at the tip of A, and the sum A + B = ({total[0]:g}, {total[1]:g}), "
        f"of length {linalg.norm(total):.2f}, runs from the origin to the tip of B. "
        "Dashed copies of A and B complete a parallelogram whose diagonal is the sum.")
