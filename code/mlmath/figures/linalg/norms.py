"""Figures of the chapter on norms and the SVD (``chapters/linear-algebra/norms-svd.md``):
why an L1 penalty makes weights exactly zero and an L2 penalty does not.

:func:`fig_ridge_lasso` shows, for two weights, the unpenalised optimum
:math:`\\mathbf z` and the ridge and lasso solutions for a penalty strength
:math:`\\lambda`, each drawn where it lives: on the boundary of a norm ball
(a disc for ridge, a diamond for the lasso), at the point where the smallest
circle of equal loss around :math:`\\mathbf z` touches that ball.
``figures/js/ridge_lasso.js`` recomputes it in the page; the browser test
``tests/browser/test_norms_svd.py`` compares it with :func:`ridge_lasso_state`.
"""

from __future__ import annotations

import numpy as np
from bokeh.layouts import column, row
from bokeh.models import ColumnDataSource, Div, LabelSet, Slider
from matplotlib.figure import Figure

from mlmath import linalg
from mlmath._validate import as_real, as_vector
from mlmath.book.display import BookFigure
from mlmath.figures import _style
from mlmath.figures._numbers import to_fixed as fixed
from mlmath.figures._slim import drop_unused_glyph_copies

__all__ = ["fig_ridge_lasso", "ridge_lasso_state", "ridge_lasso_readout"]

#: Slider ranges: each component of z, and the penalty strength lambda.
WEIGHT_RANGE = (-3.0, 3.0)
WEIGHT_STEP = 0.1
PENALTY_RANGE = (0.0, 3.0)
PENALTY_STEP = 0.05
LIMIT = 3.5
#: Points on each ball's and circle's outline (a multiple of 8 hits the diamond's corners).
OUTLINE_POINTS = 32
PANEL_PX = 320
#: Where the labels of z and w sit relative to their points (plot units): z's above
#: and w's below, so that they stay apart when w = z.
LABEL_OFFSET_Z = (0.18, 0.24)
LABEL_OFFSET_W = (0.18, -0.24)


def _outline(p, radius: float) -> tuple[list[float], list[float]]:
    """The sphere of radius ``radius`` of the Lp norm, as outline coordinates."""
    points = radius * linalg.unit_ball_boundary(p, OUTLINE_POINTS)
    return points[:, 0].tolist(), points[:, 1].tolist()


def _circle_around(center, radius: float) -> tuple[list[float], list[float]]:
    xs, ys = _outline(2, radius)
    return [center[0] + x for x in xs], [center[1] + y for y in ys]


def ridge_lasso_state(z, penalty) -> dict:
    """Every number the ridge–lasso figure draws, from :mod:`mlmath.linalg`.

    Parameters
    ----------
    z : array_like, shape (2,)
        The unpenalised optimum (least-squares weights); components in ``[-3, 3]``.
    penalty : float
        The strength :math:`\\lambda`, in ``[0, 3]``.

    Returns
    -------
    dict
        ``z``, ``ridge``, ``lasso`` (the two solutions), and per panel
        (``ridge_`` / ``lasso_``) the columns of its ``ball``, ``guides``
        (circle of equal loss and the path as :math:`\\lambda` grows) and
        ``points`` data sources.
    """
    z = as_vector(z, "z", size=2)
    low, high = WEIGHT_RANGE
    if any(c < low or c > high for c in z):
        raise ValueError(f"z must have components in [{low}, {high}], got {tuple(z.tolist())}")
    penalty = as_real(penalty, "penalty", low=PENALTY_RANGE[0], high=PENALTY_RANGE[1])
    ridge = linalg.ridge_shrink(z, penalty)
    lasso = linalg.soft_threshold(z, penalty)
    # Where the lasso path turns: the smaller weight has just reached 0.
    corner = linalg.soft_threshold(z, min(abs(z[0]), abs(z[1])))
    state = {"z": z.tolist(), "penalty": penalty, "ridge": ridge.tolist(),
             "lasso": lasso.tolist()}
    for key, w, p, path in (("ridge", ridge, 2, [z, [0.0, 0.0]]),
                            ("lasso", lasso, 1, [z, corner, [0.0, 0.0]])):
        radius = linalg.norm(w, p)
        ball = {"xs": [], "ys": []}
        guides = {"xs": [[float(q[0]) for q in path]], "ys": [[float(q[1]) for q in path]]}
        if radius > 0:
            xs, ys = _outline(p, radius)
            ball["xs"].append(xs)
            ball["ys"].append(ys)
        distance = linalg.distance(z, w)
        if distance > 0:
            xs, ys = _circle_around(z, distance)
            guides["xs"].append(xs)
            guides["ys"].append(ys)
        state[f"{key}_ball"] = ball
        state[f"{key}_guides"] = guides
        state[f"{key}_points"] = {
            "x": [float(z[0]), float(w[0])], "y": [float(z[1]), float(w[1])],
            "label": ["z", "w"],
            "color": [_style.GREY, _style.BLUE if key == "ridge" else _style.VERMILLION],
            "label_x": [float(z[0]) + LABEL_OFFSET_Z[0], float(w[0]) + LABEL_OFFSET_W[0]],
            "label_y": [float(z[1]) + LABEL_OFFSET_Z[1], float(w[1]) + LABEL_OFFSET_W[1]],
        }
    return state


def _zeros_phrase(lasso) -> str:
    zero = [i for i in (0, 1) if lasso[i] == 0]
    if len(zero) == 2:
        return "both weights are exactly 0"
    if len(zero) == 1:
        return f"w{'₁₂'[zero[0]]} is exactly 0"
    return "no weight is 0 yet"


def ridge_lasso_readout(z, penalty) -> str:
    """The figure's live readout (HTML); ``ridge_lasso.js`` writes the same text."""
    s = ridge_lasso_state(z, penalty)
    ridge, lasso, lam = s["ridge"], s["lasso"], s["penalty"]
    if s["z"] == [0.0, 0.0]:
        return ("z = (0, 0): without a penalty the best weights are already zero, "
                "so neither penalty has anything to shrink.")
    return (
        f"<b>ridge</b> (L₂ penalty): w = ({fixed(ridge[0], 2)}, {fixed(ridge[1], 2)}), "
        f"every weight times 1 / (1 + λ) = {fixed(1 / (1 + lam), 3)}<br>"
        f"<b>lasso</b> (L₁ penalty): w = ({fixed(lasso[0], 2)}, {fixed(lasso[1], 2)}), "
        f"every weight moved λ = {fixed(lam, 2)} towards 0: {_zeros_phrase(lasso)}"
    )


def fig_ridge_lasso(z=(2.0, 0.6), penalty=0.8) -> BookFigure:
    """Interactive ridge versus lasso for two weights.

    Sliders set the unpenalised optimum ``z`` (two weights) and the penalty
    strength λ. Left, ridge: the solution ``z / (1 + λ)`` on the disc it
    lies on; right, the lasso: the soft-thresholded solution on its diamond.
    In each panel a dashed circle of equal loss around ``z`` touches the ball at
    the solution, and a dashed path shows where the solution goes as λ grows.
    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    z : array_like, shape (2,)
        Components in ``[-3, 3]``, multiples of 0.1.
    penalty : float
        In ``[0, 3]``, a multiple of 0.05.
    """
    state = ridge_lasso_state(z, penalty)
    # The sliders move in steps; a start between two steps would snap on the first move.
    def on_grid(value, step):
        return abs(value / step - round(value / step)) <= 1e-9

    if not all(on_grid(c, WEIGHT_STEP) for c in state["z"]):
        raise ValueError(f"z must have components that are multiples of {WEIGHT_STEP:g} "
                         f"(the sliders' step), got {tuple(state['z'])}")
    if not on_grid(state["penalty"], PENALTY_STEP):
        raise ValueError(f"penalty must be a multiple of {PENALTY_STEP:g} (the slider's step), "
                         f"got {state['penalty']:g}")
    return BookFigure(
        name="ridge-lasso",
        layout=_bokeh_ridge_lasso(state),
        static=_static_ridge_lasso(state),
        alt=_describe_ridge_lasso(state),
    )


PANELS = (("ridge", "Ridge: the L₂ penalty shrinks", _style.BLUE),
          ("lasso", "Lasso: the L₁ penalty zeroes", _style.VERMILLION))


def _bokeh_ridge_lasso(state: dict):
    sources, plots = {}, []
    for key, title, color in PANELS:
        for part in ("ball", "guides", "points"):
            data = state[f"{key}_{part}"]
            if part != "points":
                # As arrays, the outlines travel as base64 binary: half the bytes of JSON.
                data = {column: [np.asarray(line) for line in lines]
                        for column, lines in data.items()}
            sources[f"{key}_{part}"] = ColumnDataSource(data, name=f"ridge-lasso-{key}-{part}")
        plot = _style.square_canvas(LIMIT, name=f"ridge-lasso-{key}-plot", title=title)
        plot.width = plot.height = PANEL_PX
        plot.xaxis.axis_label = "w₁"
        plot.yaxis.axis_label = "w₂"
        _style.axes_through_origin(plot)
        plot.multi_line(xs="xs", ys="ys", source=sources[f"{key}_guides"],
                        line_color=_style.GREY, line_width=1.5, line_dash="dashed")
        plot.multi_line(xs="xs", ys="ys", source=sources[f"{key}_ball"], line_color=color,
                        line_width=2.5)
        points = sources[f"{key}_points"]
        plot.scatter(x="x", y="y", source=points, size=11, marker="circle",
                     fill_color="color", line_color="color")
        plot.add_layout(LabelSet(source=points, x="label_x", y="label_y", text="label",
                                 text_color="color", text_font_style="bold",
                                 text_font_size="15px", text_align="left",
                                 text_baseline="middle"))
        plots.append(plot)

    sliders = {
        "z_1": Slider(start=WEIGHT_RANGE[0], end=WEIGHT_RANGE[1], step=WEIGHT_STEP,
                      value=state["z"][0], title="z₁, best w₁ without a penalty",
                      name="ridge-lasso-z-1", width=205),
        "z_2": Slider(start=WEIGHT_RANGE[0], end=WEIGHT_RANGE[1], step=WEIGHT_STEP,
                      value=state["z"][1], title="z₂, best w₂ without a penalty",
                      name="ridge-lasso-z-2", width=205),
        "penalty": Slider(start=PENALTY_RANGE[0], end=PENALTY_RANGE[1], step=PENALTY_STEP,
                          value=state["penalty"], title="penalty strength λ",
                          name="ridge-lasso-penalty", width=205),
    }
    readout = Div(text=ridge_lasso_readout(state["z"], state["penalty"]),
                  name="ridge-lasso-readout",
                  styles={"font-size": "15px", "text-align": "left"})
    callback = _style.js_callback(
        "ridge_lasso.js", readout=readout, outline_points=OUTLINE_POINTS,
        offset_z=list(LABEL_OFFSET_Z), offset_w=list(LABEL_OFFSET_W),
        **{name: source for name, source in sources.items()}, **sliders,
    )
    for slider in sliders.values():
        slider.js_on_change("value", callback)
    return drop_unused_glyph_copies(
        column(row(*sliders.values()), readout, row(*plots), name="ridge-lasso"))


def _static_ridge_lasso(state: dict) -> Figure:
    figure_ = Figure(figsize=(7.2, 3.7), layout="constrained")
    axes = figure_.subplots(1, 2)
    for ax, (key, title, color) in zip(axes, PANELS):
        ax.set_xlim(-LIMIT, LIMIT)
        ax.set_ylim(-LIMIT, LIMIT)
        ax.set_aspect("equal")
        ax.axhline(0, color=_style.GREY, linewidth=0.8)
        ax.axvline(0, color=_style.GREY, linewidth=0.8)
        ax.grid(alpha=0.3)
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$")
        w = state[key]
        ax.set_title(f"{title}: w = ({fixed(w[0], 2)}, {fixed(w[1], 2)})", fontsize=9)
        for xs, ys in zip(state[f"{key}_guides"]["xs"], state[f"{key}_guides"]["ys"]):
            ax.plot(xs, ys, color=_style.GREY, linewidth=1.2, linestyle="--")
        for xs, ys in zip(state[f"{key}_ball"]["xs"], state[f"{key}_ball"]["ys"]):
            ax.plot(xs, ys, color=color, linewidth=2)
        points = state[f"{key}_points"]
        for i in range(2):
            ax.plot(points["x"][i], points["y"][i], "o", color=points["color"][i], markersize=7)
            ax.text(points["label_x"][i], points["label_y"][i], points["label"][i],
                    color=points["color"][i], fontweight="bold", va="center")
    return figure_


def _describe_ridge_lasso(state: dict) -> str:
    z, ridge, lasso, lam = state["z"], state["ridge"], state["lasso"], state["penalty"]
    return (
        f"Two panels with weight axes w₁ and w₂. The unpenalised optimum is z = "
        f"({z[0]:g}, {z[1]:g}) and the penalty strength is λ = {lam:g}. Left, ridge: the "
        f"solution w = ({fixed(ridge[0], 2)}, {fixed(ridge[1], 2)}) lies on a circle around the "
        f"origin, where a dashed circle of equal loss around z touches it; z shrinks towards the "
        f"origin along a straight line. Right, lasso: the solution w = ({fixed(lasso[0], 2)}, "
        f"{fixed(lasso[1], 2)}) lies on a diamond (the L1 ball), {_zeros_phrase(lasso)}; its "
        f"path runs diagonally until one weight reaches 0, then along an axis."
    )
