"""The gradient-field figure (chapter *Gradients*, ``chapters/calculus/gradients.md``).

Contours of the quadratic bowl f(x) = ½ xᵀ A x, A = [[3, 1], [1, 2]], with a
point the reader moves (two sliders, or a tap on the plot), the contour through it highlighted, the
direction of the gradient ∇f = A x drawn from it (perpendicular to that
contour), and a unit direction u (a third slider, its angle). The readout
gives ∇f, ‖∇f‖ and the directional derivative D_u f = ∇f · u, which lies
between −‖∇f‖ and ‖∇f‖. At the bottom of the bowl, x = 0, the gradient is zero:
the readout says so in words and no gradient arrow or contour is drawn.

The contours are computed here once: each level set of a quadratic is the
ellipse {x : f(x) = 1} scaled by √c, so the callback
``figures/js/gradient_field.js`` only scales that ellipse; :func:`page_state`
is what it must show.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.models import Arrow, ColumnDataSource, LabelSet, VeeHead

from mlmath import calculus
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_gradient_field", "page_state", "readout_text"]

NAME = "gradient-field"
A = ((3.0, 1.0), (1.0, 2.0))
COORDINATE = (-2.5, 2.5, 0.25)
ANGLE = (0.0, 355.0, 5.0)
SLIDERS = {
    "x1": kit.SliderSpec("Point, x₁", *COORDINATE),
    "x2": kit.SliderSpec("Point, x₂", *COORDINATE),
    "angle": kit.SliderSpec("Direction u (degrees)", *ANGLE),
}
LIMIT = 3.0
#: The drawn length of the two arrows: they show directions; lengths are read out.
ARROW = 1.0
LABEL_GAP = 0.3
#: The levels drawn as background contours.
LEVELS = (0.5, 2.0, 4.5, 8.0, 12.5, 18.0)
ELLIPSE_POINTS = 97
READOUT_LINES = (5, 3)


def _unit_ellipse() -> tuple[list[float], list[float]]:
    """Points of the level set f = 1, closed: x = √2 V diag(1/√λ) (cos t, sin t)."""
    eigenvalues, vectors = np.linalg.eigh(np.array(A))
    t = np.linspace(0.0, 2 * np.pi, ELLIPSE_POINTS)
    circle = np.vstack([np.cos(t), np.sin(t)])
    points = vectors @ (np.sqrt(2.0 / eigenvalues)[:, None] * circle)
    return points[0].tolist(), points[1].tolist()


BASE_X, BASE_Y = _unit_ellipse()
#: The angles of the direction slider, as cosines and sines computed once
#: (JavaScript's and Python's cos need not agree in the last bit).
_TURNS = [(math.cos(math.radians(a)), math.sin(math.radians(a))) for a in SLIDERS["angle"].values()]


def _geometry(x1: float, x2: float, angle: float) -> dict:
    x = np.array([x1, x2])
    value = calculus.bowl(x, A)
    g = calculus.bowl_gradient(x, A) + 0.0
    norm = float(math.hypot(g[0], g[1]))
    c, s = _TURNS[round((angle - ANGLE[0]) / ANGLE[2])]
    u = np.array([c, s])
    slope = float(g[0] * c + g[1] * s)
    scale = math.sqrt(value)
    through = {"x": [scale * v for v in BASE_X] if norm > 0 else [],
               "y": [scale * v for v in BASE_Y] if norm > 0 else []}
    rows = [(u, palette.VERMILLION, "u")]
    if norm > 0:
        rows.insert(0, (g / norm, palette.BLUE, "∇f"))
    arrows = {"x0": [], "y0": [], "x1": [], "y1": [], "color": [], "label": [],
              "label_x": [], "label_y": []}
    for direction, colour, label in rows:
        arrows["x0"].append(x1)
        arrows["y0"].append(x2)
        arrows["x1"].append(x1 + ARROW * direction[0])
        arrows["y1"].append(x2 + ARROW * direction[1])
        arrows["color"].append(colour)
        arrows["label"].append(label)
        arrows["label_x"].append(x1 + (ARROW + LABEL_GAP) * direction[0])
        arrows["label_y"].append(x2 + (ARROW + LABEL_GAP) * direction[1])
    return {"value": value, "g": g, "norm": norm, "slope": slope, "angle": angle,
            "point": {"x": [x1], "y": [x2]}, "through": through, "arrows": arrows}


def _readout(geo: dict) -> str:
    fixed = kit.to_fixed
    g, norm = geo["g"], geo["norm"]
    text = (f"f(x) = {fixed(geo['value'], 2)} · ∇f(x) = ({fixed(g[0], 2)}, {fixed(g[1], 2)})"
            f" · ‖∇f‖ = {fixed(norm, 2)}")
    if norm == 0:
        return (text + "<br>∇f = 0: a <b>stationary point</b> (the bottom of the bowl). "
                f"Every direction has slope D<sub>u</sub>f = {fixed(geo['slope'], 2)}, "
                "so no direction is steepest.")
    return (text + f"<br>u at {fixed(geo['angle'], 0)}°: "
            f"<b>D<sub>u</sub>f = ∇f · u = {fixed(geo['slope'], 2)}</b>, "
            f"between −‖∇f‖ = {fixed(-norm, 2)} and ‖∇f‖ = {fixed(norm, 2)}")


def readout_text(x1: float, x2: float, angle: float) -> str:
    """The readout (HTML) for the point ``(x1, x2)`` and the direction ``angle`` (degrees)."""
    return _readout(_geometry(*(SLIDERS[key].check(v, key)
                                for key, v in (("x1", x1), ("x2", x2), ("angle", angle)))))


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"gradient-field-x1": ..., ...}``."""
    geo = _geometry(*(values[f"{NAME}-{key}"] for key in SLIDERS))
    return {f"{NAME}-point": {"data": geo["point"]},
            f"{NAME}-through": {"data": geo["through"]},
            f"{NAME}-arrows": {"data": geo["arrows"]},
            f"{NAME}-readout": {"text": _readout(geo)}}


def fig_gradient_field(x1=1.0, x2=1.0, angle=90.0) -> kit.BookFigure:
    """Interactive gradient field of the bowl ½ xᵀ A x: the gradient at a point,
    perpendicular to the contour through it, and a directional derivative.
    Book section: Calculus, *Gradients*.

    Parameters
    ----------
    x1, x2 : float
        The point, each in ``[-2.5, 2.5]`` in steps of 0.25.
    angle : float
        The direction of u in degrees from the x₁ axis, in ``[0, 355]`` in steps of 5.
    """
    given = {"x1": x1, "x2": x2, "angle": angle}
    sliders = {key: spec.slider(given[key], name=f"{NAME}-{key}", argument=key)
               for key, spec in SLIDERS.items()}
    values = {s.name: s.value for s in sliders.values()}
    state = page_state(values)
    geo = _geometry(*values.values())
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("point", "through", "arrows")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "gradient_field.js", point=sources["point"], through=sources["through"],
        arrows=sources["arrows"], readout=readout, x1=sliders["x1"], x2=sliders["x2"],
        angle=sliders["angle"], a=[list(row) for row in A], base_x=BASE_X, base_y=BASE_Y,
        cosines=[c for c, _ in _TURNS], sines=[s for _, s in _TURNS], angle_start=ANGLE[0],
        angle_step=ANGLE[2], arrow=ARROW, label_gap=LABEL_GAP,
        colors=[palette.BLUE, palette.VERMILLION]), *sliders.values())
    plot = _plot(sources)
    kit.tap_moves(plot, sliders["x1"], sliders["x2"])
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders.values(), columns=2),
               kit.Readout(readout, lines=READOUT_LINES), plot],
        static=_static(geo), alt=_describe(geo))


def _contours() -> dict:
    return {"xs": [[math.sqrt(c) * v for v in BASE_X] for c in LEVELS],
            "ys": [[math.sqrt(c) * v for v in BASE_Y] for c in LEVELS]}


def _plot(sources: dict):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT,
                             title="Contours of f, with ∇f and u")
    kit.axes_through_origin(plot)
    contours = ColumnDataSource(_contours(), name=f"{NAME}-contours")
    plot.multi_line(xs="xs", ys="ys", source=contours, line_color=palette.GREY, line_width=1)
    plot.line(x="x", y="y", source=sources["through"], line_color=palette.BLUE, line_width=2.5,
              line_dash="dashed")
    plot.add_layout(Arrow(
        source=sources["arrows"], x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=3,
        end=VeeHead(size=12, fill_color="color", line_color="color")))
    plot.add_layout(LabelSet(source=sources["arrows"], x="label_x", y="label_y", text="label",
                             text_color="color", text_align="center", text_baseline="middle",
                             text_font_style="bold", text_font_size="15px"))
    plot.scatter(x="x", y="y", source=sources["point"], size=9, color=palette.INK)
    return plot


def _static(geo: dict):
    fixed = kit.to_fixed
    figure = kit.twin()
    ax = kit.square_axes(figure, LIMIT, title=(
        f"‖∇f‖ = {fixed(geo['norm'], 2)},  D$_u$f = {fixed(geo['slope'], 2)}"))
    for xs, ys in zip(*_contours().values()):
        ax.plot(xs, ys, color=palette.GREY, linewidth=0.8)
    if geo["through"]["x"]:
        ax.plot(geo["through"]["x"], geo["through"]["y"], color=palette.BLUE, linewidth=2,
                linestyle="--")
    arrows = geo["arrows"]
    for i, colour in enumerate(arrows["color"]):
        ax.annotate("", xy=(arrows["x1"][i], arrows["y1"][i]),
                    xytext=(arrows["x0"][i], arrows["y0"][i]),
                    arrowprops=dict(arrowstyle="-|>", color=colour, lw=2.5, mutation_scale=16,
                                    shrinkA=0, shrinkB=0))
        ax.text(arrows["label_x"][i], arrows["label_y"][i], arrows["label"][i], color=colour,
                fontweight="bold", ha="center", va="center")
    ax.plot(geo["point"]["x"], geo["point"]["y"], "o", color=palette.INK, markersize=6)
    return figure


def _describe(geo: dict) -> str:
    fixed = kit.to_fixed
    x1, x2 = geo["point"]["x"][0], geo["point"]["y"][0]
    text = (f"Contour lines of the bowl f(x₁, x₂) = 1.5 x₁² + x₁x₂ + x₂², nested ellipses "
            f"around the origin, with a point at ({x1:g}, {x2:g}) where f = "
            f"{fixed(geo['value'], 2)}. ")
    if geo["norm"] == 0:
        return text + ("The point is the bottom of the bowl: the gradient is zero, so no "
                       f"gradient arrow is drawn, and the arrow u at {geo['angle']:g}° has "
                       "slope 0.")
    g = geo["g"]
    return text + (
        f"The contour through the point is dashed. The arrow ∇f points along the gradient "
        f"({fixed(g[0], 2)}, {fixed(g[1], 2)}), of length {fixed(geo['norm'], 2)}, at a right "
        f"angle to that contour; the arrow u points {geo['angle']:g}° from the x₁ axis, and "
        f"the slope along it is D_u f = ∇f · u = {fixed(geo['slope'], 2)}.")
