"""The ridge-versus-lasso figure (chapter *Norms and the SVD*, section "Norms as
penalties: ridge and lasso", ``chapters/linear-algebra/norms-svd.md``): why an L1
penalty makes weights exactly zero and an L2 penalty does not.

For two weights with unpenalised optimum z (the least-squares weights of an
orthonormal design), sliders set z and the penalty strength α. Ridge
minimises ½‖w − z‖₂² + (α/2)‖w‖₂², with solution w = z / (1 + α)
(:func:`mlmath.linalg.ridge_shrink`); the lasso minimises ½‖w − z‖₂² + α‖w‖₁,
with solution wᵢ = sign(zᵢ) max(|zᵢ| − α, 0) (:func:`mlmath.linalg.soft_threshold`).
Each panel draws its solution where it lives: on the boundary of a norm ball
(a disc for ridge, a diamond for the lasso), where the smallest circle of
equal loss around z touches that ball, with the path the solution takes as
α grows (straight to the origin for ridge; diagonally until one weight is 0,
then along an axis, for the lasso). At z = 0 there is nothing to shrink, no
ball and no circle, and the readout says so.

``figures/js/ridge_lasso.js`` redraws it in the page; :func:`page_state` is
what it must show.
"""

from __future__ import annotations

from bokeh.models import ColumnDataSource, LabelSet

from mlmath import linalg
from mlmath._validate import as_vector
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import NARROW_PX, PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX

__all__ = ["fig_ridge_lasso", "page_state", "readout_text", "solutions"]

NAME = "ridge-lasso"
WEIGHT = (-3.0, 3.0, 0.1)
SLIDERS = {
    "z-1": kit.SliderSpec("z₁, best w₁ without a penalty", *WEIGHT),
    "z-2": kit.SliderSpec("z₂, best w₂ without a penalty", *WEIGHT),
    "penalty": kit.SliderSpec("penalty strength α", 0.0, 3.0, 0.05),
}
LIMIT = 3.5
#: Decimals of each slider's step: its value is rounded to them before use, in
#: Python and in the page alike, so that a value the slider reaches by adding
#: steps (-3 + 36 × 0.1 is 0.6000000000000005) is the number it shows (0.6), and
#: |z₁| − α is exactly 0 when z₁ and α read the same.
DECIMALS = {"z-1": 1, "z-2": 1, "penalty": 2}
#: Points on each ball's and circle's outline (a multiple of 8 hits the diamond's corners).
OUTLINE_POINTS = 32
#: Each panel's width (and height) on a wide screen.
PANEL_PX = 320
#: Where the labels of z and w sit relative to their points (plot units): z's above
#: and w's below, so that they stay apart when w = z.
LABEL_OFFSET_Z = (0.18, 0.24)
LABEL_OFFSET_W = (0.18, -0.24)
#: Each panel: its key, its title, its colour and the norm of its ball.
PANELS = (("ridge", "Ridge: the L₂ penalty shrinks", palette.BLUE, 2),
          ("lasso", "Lasso: the L₁ penalty zeroes", palette.VERMILLION, 1))


def _outline(p, radius: float, center=(0.0, 0.0)) -> tuple[list[float], list[float]]:
    """The sphere of radius ``radius`` of the Lp norm around ``center``."""
    points = radius * linalg.unit_ball_boundary(p, OUTLINE_POINTS)
    return ([float(center[0] + x) for x in points[:, 0]],
            [float(center[1] + y) for y in points[:, 1]])


def solutions(z, penalty) -> dict:
    """The two penalised optima and their paths, from :mod:`mlmath.linalg`.

    Returns ``z``, ``penalty``, ``ridge`` and ``lasso`` (the solutions), and the
    paths the solutions follow as α grows: ``ridge_path`` (z to the origin)
    and ``lasso_path`` (z, the point where the smaller weight reaches 0, the
    origin).
    """
    z = as_vector(z, "z", size=2)
    ridge = linalg.ridge_shrink(z, penalty)  # checks that penalty >= 0
    corner = linalg.soft_threshold(z, min(abs(z[0]), abs(z[1])))
    return {"z": z.tolist(), "penalty": float(penalty), "ridge": ridge.tolist(),
            "lasso": linalg.soft_threshold(z, penalty).tolist(),
            "ridge_path": [z.tolist(), [0.0, 0.0]],
            "lasso_path": [z.tolist(), corner.tolist(), [0.0, 0.0]]}


def _panel(s: dict, key: str, p: int, color) -> dict:
    """The columns of one panel's sources: its ball, its guides (the path, then
    the circle of equal loss around z through w) and its two points."""
    z, w = s["z"], s[key]
    ball, guides = {"xs": [], "ys": []}, {"xs": [[q[0] for q in s[f"{key}_path"]]],
                                          "ys": [[q[1] for q in s[f"{key}_path"]]]}
    radius = linalg.norm(w, p)
    if radius > 0:
        for column, line in zip(("xs", "ys"), _outline(p, radius)):
            ball[column].append(line)
    distance = linalg.distance(z, w)
    if distance > 0:
        for column, line in zip(("xs", "ys"), _outline(2, distance, z)):
            guides[column].append(line)
    points = {"x": [z[0], w[0]], "y": [z[1], w[1]], "label": ["z", "w"],
              "color": [palette.GREY, color],
              "label_x": [z[0] + LABEL_OFFSET_Z[0], w[0] + LABEL_OFFSET_W[0]],
              "label_y": [z[1] + LABEL_OFFSET_Z[1], w[1] + LABEL_OFFSET_W[1]]}
    return {"ball": ball, "guides": guides, "points": points}


def _zeros_phrase(lasso) -> str:
    zero = [i for i in (0, 1) if lasso[i] == 0]
    if len(zero) == 2:
        return "both weights are exactly 0"
    if len(zero) == 1:
        return f"w{kit.subscript(zero[0] + 1)} is exactly 0"
    return "no weight is 0 yet"


def _readout(s: dict) -> str:
    fixed = kit.to_fixed
    ridge, lasso, alpha = s["ridge"], s["lasso"], s["penalty"]
    if s["z"] == [0.0, 0.0]:
        return ("z = (0, 0): without a penalty the best weights are already zero, "
                "so neither penalty has anything to shrink.")
    return (
        f"<b>ridge</b> (L₂ penalty): w = ({fixed(ridge[0], 2)}, {fixed(ridge[1], 2)}), "
        f"every weight times 1 / (1 + α) = {fixed(1 / (1 + alpha), 3)}<br>"
        f"<b>lasso</b> (L₁ penalty): w = ({fixed(lasso[0], 2)}, {fixed(lasso[1], 2)}), "
        f"every weight moved α = {fixed(alpha, 2)} towards 0: {_zeros_phrase(lasso)}"
    )


def readout_text(z, penalty) -> str:
    """The readout (HTML) for the optimum ``z`` and the strength ``penalty``."""
    return _readout(solutions(z, penalty))


def _solutions_at(values: dict) -> dict:
    """:func:`solutions` for slider values (by model name), rounded to their steps."""
    z1, z2, alpha = (round(values[f"{NAME}-{key}"], digits) for key, digits in DECIMALS.items())
    return solutions([z1, z2], alpha)


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"ridge-lasso-z-1": ..., ...}``."""
    s = _solutions_at(values)
    state = {}
    for key, _, color, p in PANELS:
        for part, data in _panel(s, key, p, color).items():
            state[f"{NAME}-{key}-{part}"] = {"data": data}
    state[f"{NAME}-readout"] = {"text": _readout(s)}
    return state


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readouts (negative weights, every zeros phrase), on a
    phone and on a wide screen."""
    texts = [readout_text(z, alpha) for z, alpha in (
        ((-2.7, -2.9), 0.05), ((-2.9, -0.1), 0.15), ((-0.1, -0.2), 0.25), ((0.0, 0.0), 0.0))]
    return tuple(max(text_lines(t, width, READOUT_FONT_PX) for t in texts)
                 for width in (PHONE_COLUMN_PX, NARROW_PX))


def fig_ridge_lasso(z=(2.0, 0.6), penalty=0.8) -> kit.BookFigure:
    """Interactive ridge versus lasso for two weights: the solutions on their
    norm balls, where a circle of equal loss around ``z`` touches them.
    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    z : array_like, shape (2,)
        The unpenalised optimum; components in ``[-3, 3]`` in steps of 0.1.
    penalty : float
        The strength α, in ``[0, 3]`` in steps of 0.05.
    """
    z = as_vector(z, "z", size=2)
    given = {"z-1": (z[0], "z[0]"), "z-2": (z[1], "z[1]"), "penalty": (penalty, "penalty")}
    sliders = {key: spec.slider(given[key][0], name=f"{NAME}-{key}", argument=given[key][1])
               for key, spec in SLIDERS.items()}
    for key, slider in sliders.items():
        slider.format = "0." + "0" * DECIMALS[key]  # 2.0, not 2
    state = page_state({s.name: s.value for s in sliders.values()})
    models = {name: ColumnDataSource(properties["data"], name=name)
              for name, properties in state.items() if "data" in properties}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "ridge_lasso.js", readout=readout, outline_points=OUTLINE_POINTS,
        offset_z=list(LABEL_OFFSET_Z), offset_w=list(LABEL_OFFSET_W), decimals=DECIMALS,
        **{name[len(NAME) + 1:].replace("-", "_"): model for name, model in models.items()},
        **{key.replace("-", "_"): slider for key, slider in sliders.items()}),
        *sliders.values())
    s = _solutions_at({slider.name: slider.value for slider in sliders.values()})
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders.values(), columns=3),
               kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(*(_plot(models, key, title, color) for key, title, color, _ in PANELS))],
        static=_static(s, state), alt=_describe(s))



def _plot(models: dict, key: str, title: str, color):
    plot = kit.square_canvas(f"{NAME}-{key}-plot", LIMIT, title=title, size=PANEL_PX)
    plot.xaxis.axis_label = "w₁"
    plot.yaxis.axis_label = "w₂"
    kit.axes_through_origin(plot)
    plot.multi_line(xs="xs", ys="ys", source=models[f"{NAME}-{key}-guides"],
                    line_color=palette.GREY, line_width=1.5, line_dash="dashed")
    plot.multi_line(xs="xs", ys="ys", source=models[f"{NAME}-{key}-ball"], line_color=color,
                    line_width=2.5)
    points = models[f"{NAME}-{key}-points"]
    plot.scatter(x="x", y="y", source=points, size=11, marker="circle", fill_color="color",
                 line_color="color")
    plot.add_layout(LabelSet(source=points, x="label_x", y="label_y", text="label",
                             text_color="color", text_font_style="bold", text_font_size="15px",
                             text_align="left", text_baseline="middle"))
    return plot


def _static(s: dict, state: dict):
    fixed = kit.to_fixed
    figure = kit.twin(7.2, 3.7)
    for ax, (key, title, color, _) in zip(figure.subplots(1, 2), PANELS):
        w = s[key]
        kit.square_axes(figure, LIMIT, f"{title}: w = ({fixed(w[0], 2)}, {fixed(w[1], 2)})",
                        ax=ax, labels=("$w_1$", "$w_2$"), title_size=9)
        guides, ball, points = (state[f"{NAME}-{key}-{part}"]["data"]
                                for part in ("guides", "ball", "points"))
        for xs, ys in zip(guides["xs"], guides["ys"]):
            ax.plot(xs, ys, color=palette.GREY, linewidth=1.2, linestyle="--")
        for xs, ys in zip(ball["xs"], ball["ys"]):
            ax.plot(xs, ys, color=color, linewidth=2)
        for i in range(2):
            ax.plot(points["x"][i], points["y"][i], "o", color=points["color"][i], markersize=7)
            ax.text(points["label_x"][i], points["label_y"][i], points["label"][i],
                    color=points["color"][i], fontweight="bold", va="center")
    return figure


def _describe(s: dict) -> str:
    fixed = kit.to_fixed
    z, ridge, lasso, alpha = s["z"], s["ridge"], s["lasso"], s["penalty"]
    return (
        f"Two panels with weight axes w₁ and w₂. The unpenalised optimum is z = "
        f"({z[0]:g}, {z[1]:g}) and the penalty strength is α = {alpha:g}. Left, ridge: the "
        f"solution w = ({fixed(ridge[0], 2)}, {fixed(ridge[1], 2)}) lies on a circle around the "
        f"origin, where a dashed circle of equal loss around z touches it; z shrinks towards the "
        f"origin along a straight line. Right, lasso: the solution w = ({fixed(lasso[0], 2)}, "
        f"{fixed(lasso[1], 2)}) lies on a diamond (the L1 ball), {_zeros_phrase(lasso)}; its "
        f"path runs diagonally until one weight reaches 0, then along an axis."
    )
