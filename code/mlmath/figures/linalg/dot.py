"""Figures of the chapter on the dot product (``chapters/linear-algebra/dot-product.md``).

:func:`fig_dot_product` draws two vectors given by length and direction, the
projection of B on the line through A, and the angle between them; its readout
writes the dot product both ways (sum of products, lengths times cosine).
``figures/js/dot_product.js`` recomputes every number in the page; the browser
test ``tests/browser/test_dot_product.py`` compares it with :func:`dot_product_state`.
"""

from __future__ import annotations

import math

from bokeh.layouts import column, grid
from bokeh.models import Arrow, ColumnDataSource, Div, LabelSet, Slider, VeeHead
from matplotlib.figure import Figure

from mlmath import linalg
from mlmath._validate import as_real
from mlmath.book.display import BookFigure
from mlmath.figures import _style
from mlmath.figures._numbers import to_fixed as fixed
from mlmath.figures._slim import drop_unused_glyph_copies

__all__ = ["fig_dot_product", "dot_product_state", "dot_product_readout"]

#: Slider ranges: lengths in plot units, directions in degrees from the x₁ axis.
LENGTH_RANGE = (0.0, 4.0)
LENGTH_STEP = 0.25
ANGLE_RANGE = (0.0, 355.0)
ANGLE_STEP = 5.0
#: Half-width of the square canvas.
LIMIT = 4.5
#: Radius of the arc that marks the angle, and how far its label sits outside it.
ARC_RADIUS = 0.7
ARC_POINTS = 25
ARC_LABEL_GAP = 0.35
#: How far a vector's label sits beyond its tip, and the projection's beside it.
TIP_GAP = 0.35
SIDE_GAP = 0.35
#: A projection shorter than this is drawn as no arrow (its head would point anywhere).
TINY = 1e-9


def _polar(length: float, degrees: float) -> list[float]:
    # The same arithmetic as dot_product.js, so that both give the same bits.
    radians = degrees * math.pi / 180
    return [length * math.cos(radians), length * math.sin(radians)]


def dot_product_state(length_a, angle_a, length_b, angle_b) -> dict:
    """Every number the dot-product figure draws and prints, from :mod:`mlmath.linalg`.

    Parameters
    ----------
    length_a, length_b : float
        Lengths of A and B, in ``[0, 4]`` (the sliders' range).
    angle_a, angle_b : float
        Directions of A and B in degrees, counter-clockwise from the x₁ axis.

    Returns
    -------
    dict
        ``a``, ``b`` (components); ``dot``; ``cos``, ``theta`` (degrees) and
        ``scalar_projection`` (``None`` where undefined); and the columns of the
        figure's data sources under ``arrows``, ``projection``, ``guides``,
        ``arc`` and ``arc_label``.
    """
    low, high = LENGTH_RANGE
    length_a = as_real(length_a, "length_a", low=low, high=high)
    length_b = as_real(length_b, "length_b", low=low, high=high)
    angle_a = as_real(angle_a, "angle_a", low=-360.0, high=360.0)
    angle_b = as_real(angle_b, "angle_b", low=-360.0, high=360.0)
    a, b = _polar(length_a, angle_a), _polar(length_b, angle_b)
    state = {"a": a, "b": b, "length_a": length_a, "length_b": length_b,
             "dot": linalg.dot(a, b), "cos": None, "theta": None, "scalar_projection": None}

    arrows = {key: [] for key in ("x1", "y1", "color", "label", "label_x", "label_y")}
    for vector, length, color, label in ((a, length_a, _style.BLUE, "A"),
                                         (b, length_b, _style.VERMILLION, "B")):
        if length > 0:
            arrows["x1"].append(vector[0])
            arrows["y1"].append(vector[1])
            arrows["color"].append(color)
            arrows["label"].append(label)
            arrows["label_x"].append(vector[0] * (1 + TIP_GAP / length))
            arrows["label_y"].append(vector[1] * (1 + TIP_GAP / length))
    arrows["x0"] = [0.0] * len(arrows["x1"])
    arrows["y0"] = [0.0] * len(arrows["x1"])

    projection = {"x1": [], "y1": [], "label_x": [], "label_y": []}
    guides = {"xs": [], "ys": []}
    arc = {"x": [], "y": []}
    arc_label = {"x": [], "y": [], "text": []}
    if length_a > 0:
        ux, uy = a[0] / length_a, a[1] / length_a
        guides["xs"].append([-2 * LIMIT * ux, 2 * LIMIT * ux])  # the line through A
        guides["ys"].append([-2 * LIMIT * uy, 2 * LIMIT * uy])
        shadow = linalg.scalar_projection(b, onto=a)
        p = linalg.projection(b, onto=a)
        state["scalar_projection"] = shadow
        state["p"] = [float(p[0]), float(p[1])]
        if length_b > 0:
            guides["xs"].append([b[0], float(p[0])])  # from B's tip, at a right angle
            guides["ys"].append([b[1], float(p[1])])
        if abs(shadow) > TINY:
            # The label goes on the far side of the line from B.
            side = -1.0 if ux * b[1] - uy * b[0] >= 0 else 1.0
            projection["x1"].append(float(p[0]))
            projection["y1"].append(float(p[1]))
            projection["label_x"].append(float(p[0]) / 2 - side * SIDE_GAP * uy)
            projection["label_y"].append(float(p[1]) / 2 + side * SIDE_GAP * ux)
    if length_a > 0 and length_b > 0:
        state["cos"] = linalg.cosine_similarity(a, b)
        state["theta"] = linalg.angle_between(a, b, degrees=True)
        # The arc turns the short way from A's direction to B's.
        sweep = (angle_b - angle_a + 540) % 360 - 180
        for i in range(ARC_POINTS):
            radians = (angle_a + sweep * i / (ARC_POINTS - 1)) * math.pi / 180
            arc["x"].append(ARC_RADIUS * math.cos(radians))
            arc["y"].append(ARC_RADIUS * math.sin(radians))
        middle = (angle_a + sweep / 2) * math.pi / 180
        arc_label["x"].append((ARC_RADIUS + ARC_LABEL_GAP) * math.cos(middle))
        arc_label["y"].append((ARC_RADIUS + ARC_LABEL_GAP) * math.sin(middle))
        arc_label["text"].append("θ")
    projection["x0"] = [0.0] * len(projection["x1"])
    projection["y0"] = [0.0] * len(projection["x1"])
    state.update(arrows=arrows, projection=projection, guides=guides, arc=arc,
                 arc_label=arc_label)
    return state


def dot_product_readout(length_a, angle_a, length_b, angle_b) -> str:
    """The figure's live readout (HTML); ``dot_product.js`` writes the same text."""
    s = dot_product_state(length_a, angle_a, length_b, angle_b)
    a, b = s["a"], s["b"]
    sum_of_products = (
        f"<b>A · B</b> = ({fixed(a[0], 2)})({fixed(b[0], 2)}) + "
        f"({fixed(a[1], 2)})({fixed(b[1], 2)}) = <b>{fixed(s['dot'], 2)}</b>"
    )
    if s["length_a"] == 0 and s["length_b"] == 0:
        return (sum_of_products + "<br>A and B are both the zero vector: neither has a "
                "direction, so there is no angle, no cosine and no line to project on.")
    if s["length_a"] == 0:
        return (sum_of_products + "<br>A is the zero vector: it has no direction, so there "
                "is no angle, no cosine and no line through A to project B on.")
    if s["length_b"] == 0:
        return (sum_of_products + "<br>B is the zero vector: it has no direction, so the "
                "angle and the cosine are undefined; its projection on A is the zero vector.")
    theta = s["theta"]
    lengths = (
        f"‖A‖ ‖B‖ cos θ = {fixed(s['length_a'], 2)} × {fixed(s['length_b'], 2)} × "
        f"{fixed(s['cos'], 3)} = <b>{fixed(s['length_a'] * s['length_b'] * s['cos'], 2)}</b> "
        f"(θ = {fixed(theta, 0)}°)"
    )
    if abs(theta - 90) < 1e-9:
        lengths += ": A and B are <b>orthogonal</b>"
    p = s["p"]
    shadow = (
        f"projection of B on A: p = ({fixed(p[0], 2)}, {fixed(p[1], 2)}), "
        f"signed length ‖B‖ cos θ = {fixed(s['scalar_projection'], 2)}"
    )
    return "<br>".join([sum_of_products, lengths, shadow])


def _check_slider_value(value, name, low, high, step):
    value = as_real(value, name, low=low, high=high)
    if abs(value / step - round(value / step)) > 1e-9:
        raise ValueError(f"{name} must be a multiple of {step:g} (the slider's step), "
                         f"got {value:g}")
    return value


def fig_dot_product(length_a=3.0, angle_a=20.0, length_b=2.5, angle_b=75.0) -> BookFigure:
    """Interactive dot product: two vectors, the angle between them, and the projection.

    Four sliders set the length and direction of A and B. The plot draws both
    from the origin, the arc of the angle θ between them, the line through A,
    and the projection p of B on that line with the perpendicular dropped from
    B's tip. The readout computes A · B twice, as a sum of products and as
    ‖A‖ ‖B‖ cos θ, and gives the projection.
    Book section: Linear Algebra, *The dot product*.

    Parameters
    ----------
    length_a, length_b : float
        In ``[0, 4]``, multiples of 0.25.
    angle_a, angle_b : float
        Directions in degrees, in ``[0, 355]``, multiples of 5.
    """
    values = {}
    for name, value, (low, high), step in (
        ("length_a", length_a, LENGTH_RANGE, LENGTH_STEP),
        ("angle_a", angle_a, ANGLE_RANGE, ANGLE_STEP),
        ("length_b", length_b, LENGTH_RANGE, LENGTH_STEP),
        ("angle_b", angle_b, ANGLE_RANGE, ANGLE_STEP),
    ):
        values[name] = _check_slider_value(value, name, low, high, step)
    state = dot_product_state(**values)
    return BookFigure(
        name="dot-product",
        layout=_bokeh_dot_product(state, values),
        static=_static_dot_product(state, values),
        alt=_describe_dot_product(state, values),
    )


def _bokeh_dot_product(state: dict, values: dict):
    arrows = ColumnDataSource(state["arrows"], name="dot-product-arrows")
    projection = ColumnDataSource(state["projection"], name="dot-product-projection")
    guides = ColumnDataSource(state["guides"], name="dot-product-guides")
    arc = ColumnDataSource(state["arc"], name="dot-product-arc")
    arc_label = ColumnDataSource(state["arc_label"], name="dot-product-arc-label")

    plot = _style.square_canvas(LIMIT, name="dot-product-plot",
                                title="A · B, the angle θ and the projection p of B on A")
    _style.axes_through_origin(plot)
    plot.multi_line(xs="xs", ys="ys", source=guides, line_color=_style.GREY, line_width=1.5,
                    line_dash="dashed")
    plot.line(x="x", y="y", source=arc, line_color=_style.PURPLE, line_width=2)
    plot.add_layout(LabelSet(source=arc_label, x="x", y="y", text="text",
                             text_color=_style.PURPLE, text_align="center",
                             text_baseline="middle", text_font_size="15px"))
    plot.add_layout(Arrow(
        source=projection, x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color=_style.GREEN, line_width=5,
        end=VeeHead(size=12, fill_color=_style.GREEN, line_color=_style.GREEN),
    ))
    plot.add_layout(LabelSet(source=projection, x="label_x", y="label_y",
                             text={"value": "p"}, text_color=_style.GREEN,
                             text_align="center", text_baseline="middle",
                             text_font_style="bold", text_font_size="15px"))
    plot.add_layout(Arrow(
        source=arrows, x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=3,
        end=VeeHead(size=14, fill_color="color", line_color="color"),
    ))
    plot.add_layout(LabelSet(source=arrows, x="label_x", y="label_y", text="label",
                             text_color="color", text_align="center", text_baseline="middle",
                             text_font_style="bold", text_font_size="15px"))

    sliders = {}
    for key, title, (low, high), step in (
        ("length_a", "A, length", LENGTH_RANGE, LENGTH_STEP),
        ("angle_a", "A, direction (degrees)", ANGLE_RANGE, ANGLE_STEP),
        ("length_b", "B, length", LENGTH_RANGE, LENGTH_STEP),
        ("angle_b", "B, direction (degrees)", ANGLE_RANGE, ANGLE_STEP),
    ):
        sliders[key] = Slider(start=low, end=high, step=step, value=values[key], title=title,
                              name=f"dot-product-{key.replace('_', '-')}", width=200)
    readout = Div(text=dot_product_readout(**values), name="dot-product-readout",
                  styles={"font-size": "15px", "text-align": "left"})
    callback = _style.js_callback(
        "dot_product.js", arrows=arrows, projection=projection, guides=guides, arc=arc,
        arc_label=arc_label, readout=readout,
        colors=[_style.BLUE, _style.VERMILLION],
        limit=LIMIT, arc_radius=ARC_RADIUS, arc_points=ARC_POINTS,
        arc_label_gap=ARC_LABEL_GAP, tip_gap=TIP_GAP, side_gap=SIDE_GAP, tiny=TINY,
        **sliders,
    )
    for slider in sliders.values():
        slider.js_on_change("value", callback)
    controls = grid([[sliders["length_a"], sliders["angle_a"]],
                     [sliders["length_b"], sliders["angle_b"]]])
    return drop_unused_glyph_copies(column(controls, readout, plot, name="dot-product"))


def _static_dot_product(state: dict, values: dict) -> Figure:
    figure_ = Figure(figsize=(_style.PLOT_INCHES, _style.PLOT_INCHES), layout="constrained")
    title = f"A · B = {fixed(state['dot'], 2)}"
    if state["cos"] is not None:
        title += f",  cos θ = {fixed(state['cos'], 3)},  θ = {fixed(state['theta'], 0)}°"
    ax = _style.mpl_square_axes(figure_, LIMIT, title=title)
    for xs, ys in zip(state["guides"]["xs"], state["guides"]["ys"]):
        ax.plot(xs, ys, color=_style.GREY, linewidth=1.2, linestyle="--")
    ax.plot(state["arc"]["x"], state["arc"]["y"], color=_style.PURPLE, linewidth=1.8)
    for x, y, text in zip(*(state["arc_label"][k] for k in ("x", "y", "text"))):
        ax.text(x, y, text, color=_style.PURPLE, ha="center", va="center", fontsize=12)
    p = state["projection"]
    for i in range(len(p["x1"])):
        ax.annotate("", xy=(p["x1"][i], p["y1"][i]), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color=_style.GREEN, lw=4,
                                    mutation_scale=14, shrinkA=0, shrinkB=0))
        ax.text(p["label_x"][i], p["label_y"][i], "p", color=_style.GREEN,
                fontweight="bold", ha="center", va="center")
    arrows = state["arrows"]
    for i, color in enumerate(arrows["color"]):
        ax.annotate("", xy=(arrows["x1"][i], arrows["y1"][i]), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=2.5,
                                    mutation_scale=16, shrinkA=0, shrinkB=0))
        ax.text(arrows["label_x"][i], arrows["label_y"][i], arrows["label"][i],
                color=color, fontweight="bold", ha="center", va="center")
    return figure_


def _describe_dot_product(state: dict, values: dict) -> str:
    def vector(name):
        key = name.lower()
        return (f"{name}, of length {values['length_' + key]:g} pointing "
                f"{values['angle_' + key]:g}° from the x₁ axis")

    text = f"Two arrows from the origin: {vector('A')}, and {vector('B')}. "
    if state["theta"] is None:
        return text + (f"One of them is the zero vector, so A · B = {fixed(state['dot'], 2)} "
                       "and there is no angle between them.")
    return text + (
        f"The arc between them marks the angle θ = {fixed(state['theta'], 0)}°. A dashed line "
        f"through A and a dashed perpendicular from B's tip meet at the tip of the green arrow "
        f"p, the projection of B on A, of signed length {fixed(state['scalar_projection'], 2)}. "
        f"A · B = {fixed(state['dot'], 2)} = {values['length_a']:g} × {values['length_b']:g} "
        f"× cos θ, with cos θ = {fixed(state['cos'], 3)}."
    )
