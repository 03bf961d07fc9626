"""Figures of the chapter on vectors (``chapters/linear-algebra/vectors.md``).

The pattern every figure follows: one public builder ``fig_<thing>`` computes
the figure's numbers with :mod:`mlmath.linalg`, draws them twice (an
interactive Bokeh layout and a static matplotlib twin) and returns both in a
:class:`~mlmath.book.display.BookFigure`. Sliders drive ``CustomJS`` callbacks
kept in ``figures/js/``; the browser tests check their numbers against the
Python functions used here.
"""

from __future__ import annotations

from bokeh.layouts import column, grid
from bokeh.models import Arrow, ColumnDataSource, Div, LabelSet, Slider, VeeHead
from matplotlib.figure import Figure

from mlmath import linalg
from mlmath._validate import as_vector
from mlmath.book.display import BookFigure
from mlmath.figures import _style
from mlmath.figures._numbers import to_fixed

__all__ = ["fig_vector_addition", "vector_addition_readout"]

#: Slider range for each component of A and B in :func:`fig_vector_addition`.
VECTOR_COMPONENT_RANGE = (-4.0, 4.0)
VECTOR_COMPONENT_STEP = 0.5


def _vector_addition_state(a, b) -> dict:
    """Every number the vector-addition figure shows, from :mod:`mlmath.linalg`."""
    total = linalg.vector_add(a, b)
    return {
        "a": a,
        "b": b,
        "sum": total + 0.0,  # + 0.0 turns -0.0 into 0.0 for display
        "sum_length": linalg.norm(total),
        "length_a": linalg.norm(a),
        "length_b": linalg.norm(b),
    }


def vector_addition_readout(a, b) -> str:
    """The figure's live readout for vectors ``a`` and ``b`` (HTML).

    ``figures/js/vector_addition.js`` writes the same text in the page; the
    browser tests compare the two.
    """
    s = _vector_addition_state(as_vector(a, "a", size=2), as_vector(b, "b", size=2))
    return (
        f"<b>A + B</b> = ({to_fixed(s['sum'][0], 1)}, {to_fixed(s['sum'][1], 1)}) · "
        f"‖A + B‖ = {to_fixed(s['sum_length'], 2)} · "
        f"‖A‖ + ‖B‖ = {to_fixed(s['length_a'] + s['length_b'], 2)}"
    )


#: How far (in plot units) an arrow's label sits from the arrow's midpoint.
LABEL_GAP = 0.6


def _label_positions(a, b, total) -> tuple[list[float], list[float]]:
    """Where to write "A", "B" and "A + B": beside each arrow's midpoint, on the
    outside of the triangle the three arrows form, so the labels never sit on
    an arrow. ``vector_addition.js`` repeats this rule."""
    turn = 1.0 if a[0] * b[1] - a[1] * b[0] >= 0 else -1.0
    xs, ys = [], []
    for (tail, vector, side) in (((0.0, 0.0), a, -turn), (a, b, -turn), ((0.0, 0.0), total, turn)):
        length = linalg.norm(vector)
        nx, ny = ((-vector[1] / length, vector[0] / length) if length > 0 else (0.0, 0.0))
        xs.append(tail[0] + vector[0] / 2 + side * LABEL_GAP * nx)
        ys.append(tail[1] + vector[1] / 2 + side * LABEL_GAP * ny)
    return xs, ys


def _arrow_rows(a, total, b) -> tuple[dict, dict]:
    """Column data for the solid arrows (A, B tip-to-tail, A + B) and the dashed
    parallelogram arrows (B from the origin, A from B's tip)."""
    label_x, label_y = _label_positions(a, b, total)
    solid = {
        "x0": [0.0, a[0], 0.0], "y0": [0.0, a[1], 0.0],
        "x1": [a[0], total[0], total[0]], "y1": [a[1], total[1], total[1]],
        "color": [_style.BLUE, _style.VERMILLION, _style.GREEN],
        "label": ["A", "B", "A + B"],
        "label_x": label_x, "label_y": label_y,
    }
    ghost = {
        "x0": [0.0, b[0]], "y0": [0.0, b[1]],
        "x1": [b[0], total[0]], "y1": [b[1], total[1]],
        "color": [_style.VERMILLION, _style.BLUE],
    }
    return solid, ghost


def _check_component_range(vector, name: str) -> None:
    low, high = VECTOR_COMPONENT_RANGE
    if any(c < low or c > high for c in vector):
        raise ValueError(
            f"{name} must have components in [{low}, {high}] (the sliders' range), "
            f"got {tuple(float(c) for c in vector)}"
        )


def fig_vector_addition(a=(3.0, 1.0), b=(1.0, 2.0)) -> BookFigure:
    """Interactive vector addition: A, B drawn tip to tail, and A + B.

    Four sliders set the components of A and B; the plot redraws A from the
    origin, B from A's tip, and their sum from the origin to B's tip, with the
    parallelogram completed by dashed copies. A readout gives A + B, its
    length and the triangle-inequality bound ‖A‖ + ‖B‖.
    Book section: Linear Algebra, *Vectors*.

    Parameters
    ----------
    a, b : array_like, shape (2,)
        Starting vectors; components in ``[-4, 4]``.
    """
    a = as_vector(a, "a", size=2)
    b = as_vector(b, "b", size=2)
    _check_component_range(a, "a")
    _check_component_range(b, "b")
    state = _vector_addition_state(a, b)
    limit = 2 * VECTOR_COMPONENT_RANGE[1]
    return BookFigure(
        name="vector-addition",
        layout=_bokeh_vector_addition(state, limit),
        static=_static_vector_addition(state, limit),
        alt=_describe_vector_addition(state, limit),
    )


def _bokeh_vector_addition(state: dict, limit: float):
    a, b, total = state["a"], state["b"], state["sum"]
    solid_rows, ghost_rows = _arrow_rows(a, total, b)
    solid = ColumnDataSource(solid_rows, name="vector-addition-arrows")
    ghost = ColumnDataSource(ghost_rows, name="vector-addition-parallelogram")

    plot = _style.square_canvas(limit, name="vector-addition-plot",
                                title="A + B, drawn tip to tail")
    _style.axes_through_origin(plot)
    plot.add_layout(Arrow(
        source=ghost, x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=2, line_dash="dashed", line_alpha=0.45,
        end=VeeHead(size=10, fill_color="color", line_color="color", fill_alpha=0.45,
                    line_alpha=0.45),
    ))
    plot.add_layout(Arrow(
        source=solid, x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=3,
        end=VeeHead(size=14, fill_color="color", line_color="color"),
    ))
    plot.add_layout(LabelSet(
        source=solid, x="label_x", y="label_y", text="label", text_color="color",
        text_align="center", text_baseline="middle", text_font_style="bold",
        text_font_size="15px",
    ))

    low, high = VECTOR_COMPONENT_RANGE
    sliders = {}
    for vector_name, vector in (("A", a), ("B", b)):
        for index, axis in enumerate(("x₁", "x₂")):
            key = f"{vector_name.lower()}_{'xy'[index]}"
            sliders[key] = Slider(
                start=low, end=high, step=VECTOR_COMPONENT_STEP, value=float(vector[index]),
                title=f"{vector_name}, {axis} component",
                name=f"vector-addition-{key.replace('_', '-')}",
                width=200,
            )
    readout = Div(text=vector_addition_readout(a, b), name="vector-addition-readout",
                  styles={"font-size": "15px"})
    callback = _style.js_callback("vector_addition.js", solid=solid, ghost=ghost,
                                  readout=readout, gap=LABEL_GAP, **sliders)
    for slider in sliders.values():
        slider.js_on_change("value", callback)

    controls = grid([[sliders["a_x"], sliders["a_y"]], [sliders["b_x"], sliders["b_y"]]])
    return column(controls, readout, plot, name="vector-addition")


def _static_vector_addition(state: dict, limit: float) -> Figure:
    a, b, total = state["a"], state["b"], state["sum"]
    solid, ghost = _arrow_rows(a, total, b)
    figure_ = Figure(figsize=(_style.PLOT_INCHES, _style.PLOT_INCHES), layout="constrained")
    ax = _style.mpl_square_axes(
        figure_, limit,
        title=(f"A + B = ({to_fixed(total[0], 1)}, {to_fixed(total[1], 1)}),  "
               f"$\\Vert A + B\\Vert$ = {to_fixed(state['sum_length'], 2)}"),
    )
    for rows, style in ((ghost, dict(lw=1.5, ls="--", alpha=0.5)), (solid, dict(lw=2.5))):
        for i, color in enumerate(rows["color"]):
            ax.annotate(
                "", xy=(rows["x1"][i], rows["y1"][i]), xytext=(rows["x0"][i], rows["y0"][i]),
                arrowprops=dict(arrowstyle="-|>", color=color, mutation_scale=16,
                                shrinkA=0, shrinkB=0, **style),
            )
    for label, x, y, color in zip(solid["label"], solid["label_x"], solid["label_y"],
                                  solid["color"]):
        ax.text(x, y, label, color=color, fontweight="bold", ha="center", va="center")
    return figure_


def _describe_vector_addition(state: dict, limit: float) -> str:
    a, b, total = state["a"], state["b"], state["sum"]
    return (
        f"Vector addition drawn tip to tail on a grid from {-limit:g} to {limit:g}: "
        f"arrow A = ({a[0]:g}, {a[1]:g}) starts at the origin, arrow B = ({b[0]:g}, {b[1]:g}) "
        f"starts at the tip of A, and the sum A + B = ({total[0]:g}, {total[1]:g}), "
        f"of length {state['sum_length']:.2f}, runs from the origin to the tip of B. "
        "Dashed copies of A and B complete a parallelogram whose diagonal is the sum."
    )
