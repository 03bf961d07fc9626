"""Least squares as a projection (chapter *Orthogonality, projections and least
squares*, ``chapters/linear-algebra/orthogonality.md``).

Eight sliders place four data points (xᵢ, yᵢ). The line ŷ = ŵ₀ + ŵ₁x is the
least-squares fit (:func:`mlmath.linalg.lstsq` on X = [1 x]), and a segment
joins each point to the line: its residual ε̂ᵢ = yᵢ − ŷᵢ. The readout gives the
weights, the residual sum of squares ‖ε̂‖², and the two numbers Xᵀε̂ = (Σ ε̂ᵢ,
Σ xᵢ ε̂ᵢ), which are zero for every setting: the residual vector is
perpendicular to both columns of X, which is what makes X ŵ the projection of y
on their span. When all four x are equal the columns 1 and x are parallel, no
line is singled out (every line through the point (x, ȳ) fits equally well),
and the figure draws none and says so; the fitted values, ȳ for every point,
are still unique.

``figures/js/least_squares.js`` redoes the fit in the page (by centring, which
is Gram–Schmidt of the x column against the column of ones); :func:`page_state`
is what it must show.
"""

from __future__ import annotations

import numpy as np
from bokeh.models import ColumnDataSource, LabelSet, Range1d, Scatter, Segment

from mlmath import linalg
from mlmath._validate import as_matrix
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX

__all__ = ["fig_least_squares", "fit", "page_state", "readout_text"]

NAME = "least-squares"
COUNT = 4
COORDINATE = (0.0, 6.0, 0.5)
SLIDERS = {f"{axis}-{i}": kit.SliderSpec(f"point {i}, {axis}", *COORDINATE)
           for i in range(1, COUNT + 1) for axis in "xy"}
#: The plot shows x and y from LOW to HIGH; the line is drawn across all of it.
LOW, HIGH = -0.5, 6.5
#: Decimals shown after rounding to SNAP decimals first, in Python and in the page
#: alike: the two compute the same weights in different orders, and on the sliders'
#: grid the exact weights are often ties (0.125) that the last bit would round apart.
SNAP = 9
#: Where a point's label sits, in pixels from the point.
LABEL_OFFSET = (8, 6)
START = ((1.0, 1.5), (2.0, 3.5), (4.0, 3.0), (5.0, 5.5))


def _shown(value: float, digits: int) -> str:
    return kit.to_fixed(round(float(value), SNAP), digits)


def fit(points):
    """The least-squares line through ``points`` (shape (4, 2)): a
    :class:`mlmath.linalg.LeastSquaresFit` of y on X = [1 x], and Xᵀε̂."""
    points = as_matrix(points, "points")
    X = np.column_stack([np.ones(len(points)), points[:, 0]])
    result = linalg.lstsq(X, points[:, 1])
    return result, X.T @ result.residual


def readout_text(points) -> str:
    """The readout (HTML) for ``points`` (shape (4, 2))."""
    points = as_matrix(points, "points")
    result, normal = fit(points)
    check = (f"<b>Xᵀε̂</b> = (Σ ε̂ᵢ, Σ xᵢε̂ᵢ) = ({_shown(normal[0], 3)}, "
             f"{_shown(normal[1], 3)}): the residual is perpendicular to both columns of X.")
    rss = f"residual sum of squares ‖ε̂‖² = {_shown(result.rss, 2)}"
    if result.rank < 2:
        x = _shown(points[0, 0], 1)
        mean = _shown(np.mean(points[:, 1]), 2)
        return (f"<b>All four points have x = {x}</b>: the columns 1 and x of X are parallel, "
                f"so no line is singled out; every line through ({x}, {mean}) fits equally "
                f"well, and none is drawn. The fitted values are still unique, ŷᵢ = ȳ = {mean}, "
                f"and so is the {rss}.<br>{check}")
    w0, w1 = result.weights
    return (f"<b>Fitted line</b> ŷ = ŵ₀ + ŵ₁x with ŵ₀ = {_shown(w0, 2)}, "
            f"ŵ₁ = {_shown(w1, 2)} · {rss}<br>{check}")


def _points(values: dict) -> np.ndarray:
    return np.array([[values[f"{NAME}-x-{i}"], values[f"{NAME}-y-{i}"]]
                     for i in range(1, COUNT + 1)], dtype=float)


def sources(points) -> dict[str, dict]:
    """Column data of the figure's sources, by model name without the prefix:
    ``"points"`` (each point, its fitted value and label), ``"line"`` (the fitted
    line across the plot, empty when there is none)."""
    result, _ = fit(points)
    fitted = points[:, 1] - result.residual
    line = {"x": [], "y": []}
    if result.rank == 2:
        w0, w1 = result.weights
        line = {"x": [LOW, HIGH], "y": [float(w0 + w1 * LOW), float(w0 + w1 * HIGH)]}
    return {"points": {"x": points[:, 0].tolist(), "y": points[:, 1].tolist(),
                       "fitted": [float(v) for v in fitted],
                       "label": [str(i) for i in range(1, COUNT + 1)]},
            "line": line}


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"least-squares-x-1": ..., ...}``."""
    points = _points(values)
    state = {f"{NAME}-{key}": {"data": data} for key, data in sources(points).items()}
    state[f"{NAME}-readout"] = {"text": readout_text(points)}
    return state


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readouts (a degenerate setting, negative weights)."""
    texts = [readout_text(p) for p in (
        [[5.5, 0.0], [5.5, 6.0], [5.5, 0.5], [5.5, 5.5]],
        [[0.0, 6.0], [0.5, 0.0], [6.0, 5.5], [5.5, 0.5]],
        [[0.0, 0.0], [0.5, 6.0], [0.0, 6.0], [0.5, 0.0]])]
    return tuple(max(text_lines(t, width, READOUT_FONT_PX) for t in texts)
                 for width in (PHONE_COLUMN_PX, kit.PLOT_PX))


def fig_least_squares(points=START) -> kit.BookFigure:
    """Interactive least-squares line through four points, with its residuals.
    Book section: Linear Algebra, *Orthogonality, projections and least squares*.

    Parameters
    ----------
    points : array_like, shape (4, 2)
        The starting points (x, y); each coordinate in ``[0, 6]`` in steps of 0.5.
    """
    points = as_matrix(points, "points")
    if points.shape != (COUNT, 2):
        raise ValueError(f"points must have shape ({COUNT}, 2), one (x, y) row per point, "
                         f"got {points.shape}")
    sliders = {key: spec.slider(points[int(key[2:]) - 1, "xy".index(key[0])],
                                name=f"{NAME}-{key}",
                                argument=f"points[{int(key[2:]) - 1}][{'xy'.index(key[0])}]",
                                format="0.0")
               for key, spec in SLIDERS.items()}
    state = page_state({s.name: s.value for s in sliders.values()})
    models = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
              for key in ("points", "line")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "least_squares.js", points=models["points"], line=models["line"], readout=readout,
        xs=[sliders[f"x-{i}"] for i in range(1, COUNT + 1)],
        ys=[sliders[f"y-{i}"] for i in range(1, COUNT + 1)],
        low=LOW, high=HIGH, snap=SNAP), *sliders.values())
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders.values(), columns=2),
               kit.Readout(readout, lines=_readout_lines()), _plot(models)],
        static=_static(points, state), alt=_describe(points))


def _plot(models: dict):
    plot = kit.canvas(f"{NAME}-plot", title="The least-squares line and its residuals",
                      width=kit.PLOT_PX, height=kit.PLOT_PX, x_range=Range1d(LOW, HIGH),
                      y_range=Range1d(LOW, HIGH))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "x", "y"
    plot.line("x", "y", source=models["line"], line_color=palette.BLUE, line_width=3)
    plot.add_glyph(models["points"], Segment(x0="x", y0="y", x1="x", y1="fitted",
                                             line_color=palette.VERMILLION, line_width=2,
                                             line_dash="dashed"))
    plot.add_glyph(models["points"], Scatter(x="x", y="fitted", size=7, marker="square",
                                             fill_color=palette.BLUE, line_color=None))
    plot.add_glyph(models["points"], Scatter(x="x", y="y", size=11, fill_color=palette.INK,
                                             line_color=palette.PAPER, line_width=1.5))
    plot.add_layout(LabelSet(
        source=models["points"], x="x", y="y", text="label", x_offset=LABEL_OFFSET[0],
        y_offset=LABEL_OFFSET[1], text_color=palette.INK, text_font_style="bold",
        text_font_size="13px"))
    return plot


def _static(points, state):
    result, normal = fit(points)
    figure = kit.twin()
    ax = figure.add_subplot()
    ax.set_xlim(LOW, HIGH)
    ax.set_ylim(LOW, HIGH)
    ax.grid(alpha=0.3)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    data, line = (state[f"{NAME}-{key}"]["data"] for key in ("points", "line"))
    if line["x"]:
        w0, w1 = result.weights
        title = f"ŵ₀ = {_shown(w0, 2)}, ŵ₁ = {_shown(w1, 2)}, ‖ε̂‖² = {_shown(result.rss, 2)}"
        ax.plot(line["x"], line["y"], color=palette.BLUE, lw=2.5)
    else:
        title = f"all x equal: no unique line; ‖ε̂‖² = {_shown(result.rss, 2)}"
    check = f"Xᵀε̂ = ({_shown(normal[0], 3)}, {_shown(normal[1], 3)})"
    ax.set_title(f"{title}\n{check}", fontsize=10)
    for x, y, f, label in zip(data["x"], data["y"], data["fitted"], data["label"]):
        ax.plot([x, x], [y, f], color=palette.VERMILLION, lw=1.8, ls="--")
        ax.plot([x], [f], marker="s", ms=5, color=palette.BLUE, ls="none")
        ax.plot([x], [y], marker="o", ms=8, color=palette.INK, mec=palette.PAPER, ls="none")
        ax.annotate(label, (x, y), xytext=LABEL_OFFSET, textcoords="offset pixels",
                    color=palette.INK, fontweight="bold")
    return figure


def _describe(points) -> str:
    result, _ = fit(points)
    where = ", ".join(f"({x:g}, {y:g})" for x, y in points)
    if result.rank < 2:
        line = ("All four points have the same x, so no line is singled out and none is "
                "drawn; each point is joined to the mean of the y values")
    else:
        w0, w1 = result.weights
        sign = "minus" if w1 < 0 else "plus"
        line = (f"The least-squares line y = {_shown(w0, 2)} {sign} {_shown(abs(w1), 2)} "
                "times x is drawn "
                "through them, and "
                "a dashed segment joins each point to the line, its residual")
    return (f"Four data points at {where}. {line}. The residual sum of squares is "
            f"{_shown(result.rss, 2)}, and the residual vector is perpendicular to the columns of "
            "X: the sum of the residuals and the sum of x times each residual are both 0.")
