"""The dot-product figure (chapter *The dot product*, ``chapters/linear-algebra/dot-product.md``).

Four sliders set A and B by length and direction, A = ‖A‖ (cos α, sin α). The
plot draws both from the origin, the arc of the angle θ between them, the
dashed line through A, and the projection of B on that line,

    p = (A · B / A · A) A,  of signed length  ‖B‖ cos θ = A · B / ‖A‖,

with the dashed perpendicular dropped from B's tip to it. The readout writes
A · B twice, as the sum of products a₁b₁ + a₂b₂ and as ‖A‖ ‖B‖ cos θ, and gives
p. A zero vector has no direction: the readout then says that θ and cos θ
(and, when A = 0, the line to project on) do not exist, and nothing is drawn
for them. Every number comes from :mod:`mlmath.linalg`;
``figures/js/dot_product.js`` redraws the figure in the page and
:func:`page_state` is what it must show.
"""

from __future__ import annotations

import math

from bokeh.models import Arrow, ColumnDataSource, LabelSet, VeeHead

from mlmath import linalg
from mlmath._validate import as_real
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_dot_product", "geometry", "page_state", "readout_text"]

NAME = "dot-product"
#: Lengths in plot units, directions in degrees counter-clockwise from the x₁ axis.
LENGTH = (0.0, 4.0, 0.25)
ANGLE = (0.0, 355.0, 5.0)
SLIDERS = {
    "length-a": kit.SliderSpec("A, length", *LENGTH),
    "angle-a": kit.SliderSpec("A, direction (degrees)", *ANGLE),
    "length-b": kit.SliderSpec("B, length", *LENGTH),
    "angle-b": kit.SliderSpec("B, direction (degrees)", *ANGLE),
}
#: Half-width of the square plot.
LIMIT = 4.5
#: Radius of the arc that marks the angle, and how far its label sits outside it.
ARC_RADIUS = 0.7
ARC_POINTS = 25
ARC_LABEL_GAP = 0.35
#: How far a vector's label sits beyond its tip, and the projection's beside it.
TIP_GAP = 0.35
SIDE_GAP = 0.35
#: A projection shorter than this is drawn as no arrow (its head would point
#: anywhere); B this close to the line through A counts as on it.
TINY = 1e-9
#: Room in the readout (narrow, wide): the longest texts (negative components,
#: or A ⊥ B) take 6 lines at 312 px and 5 at 440 px in Chromium; one more for
#: other fonts.
READOUT_LINES = (7, 6)



def _polar(length: float, degrees: float) -> list[float]:
    radians = degrees * math.pi / 180
    return [length * math.cos(radians), length * math.sin(radians)]


#: cos and sin of every slider direction, for the page: V8's Math.cos differs
#: from the C library's in the last bit at some of them (55°, 220°, ...),
#: enough to flip a rounded digit of the readout.
_TURNS = [_polar(1.0, float(d)) for d in SLIDERS["angle-a"].values()]


def geometry(length_a, angle_a, length_b, angle_b) -> dict:
    """Every number the figure draws and prints, from :mod:`mlmath.linalg`.

    Parameters
    ----------
    length_a, length_b : float
        Lengths of A and B, in ``[0, 4]``.
    angle_a, angle_b : float
        Directions of A and B in degrees, counter-clockwise from the x₁ axis.

    Returns
    -------
    dict
        ``a``, ``b`` (components), ``length_a``, ``length_b``, ``dot``; ``cos``,
        ``theta`` (degrees), ``scalar_projection`` and ``p`` (``None`` where
        undefined); and under ``sources`` the columns of the figure's data
        sources, by model name without the figure's prefix.
    """
    low, high, _ = LENGTH
    length_a = as_real(length_a, "length_a", low=low, high=high)
    length_b = as_real(length_b, "length_b", low=low, high=high)
    angle_a = as_real(angle_a, "angle_a", low=-360.0, high=360.0)
    angle_b = as_real(angle_b, "angle_b", low=-360.0, high=360.0)
    a, b = _polar(length_a, angle_a), _polar(length_b, angle_b)
    g = {"a": a, "b": b, "length_a": length_a, "length_b": length_b,
         "dot": linalg.dot(a, b), "cos": None, "theta": None, "scalar_projection": None,
         "p": None}

    arrows = {key: [] for key in ("x0", "y0", "x1", "y1", "color", "label", "label_x",
                                  "label_y")}
    for vector, length, color, label in ((a, length_a, palette.BLUE, "A"),
                                         (b, length_b, palette.VERMILLION, "B")):
        if length > 0:
            for key, value in (("x0", 0.0), ("y0", 0.0), ("x1", vector[0]), ("y1", vector[1]),
                               ("color", color), ("label", label),
                               ("label_x", vector[0] * (1 + TIP_GAP / length)),
                               ("label_y", vector[1] * (1 + TIP_GAP / length))):
                arrows[key].append(value)

    projection = {key: [] for key in ("x0", "y0", "x1", "y1", "label_x", "label_y")}
    guides = {"xs": [], "ys": []}
    arc = {"x": [], "y": []}
    arc_label = {"x": [], "y": [], "text": []}
    if length_a > 0:
        ux, uy = (float(c) for c in linalg.unit_vector(a))
        guides["xs"].append([-2 * LIMIT * ux, 2 * LIMIT * ux])  # the line through A
        guides["ys"].append([-2 * LIMIT * uy, 2 * LIMIT * uy])
        shadow = linalg.scalar_projection(b, onto=a)
        p = [float(c) for c in linalg.projection(b, onto=a)]
        g.update(scalar_projection=shadow, p=p)
        if length_b > 0:
            guides["xs"].append([b[0], p[0]])  # from B's tip, at a right angle
            guides["ys"].append([b[1], p[1]])
        if abs(shadow) > TINY:
            # The label goes on the far side of the line from B (B on the line: below).
            side = -1.0 if ux * b[1] - uy * b[0] >= -TINY else 1.0
            for key, value in (("x0", 0.0), ("y0", 0.0), ("x1", p[0]), ("y1", p[1]),
                               ("label_x", p[0] / 2 - side * SIDE_GAP * uy),
                               ("label_y", p[1] / 2 + side * SIDE_GAP * ux)):
                projection[key].append(value)
    if length_a > 0 and length_b > 0:
        g["cos"] = linalg.cosine_similarity(a, b)
        g["theta"] = linalg.angle_between(a, b, degrees=True)
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
    g["sources"] = {"arrows": arrows, "projection": projection, "guides": guides, "arc": arc,
                    "arc-label": arc_label}
    return g


def _readout(g: dict) -> str:
    fixed = kit.to_fixed
    a, b = g["a"], g["b"]
    text = (f"<b>A · B</b> = ({fixed(a[0], 2)})({fixed(b[0], 2)}) + "
            f"({fixed(a[1], 2)})({fixed(b[1], 2)}) = <b>{fixed(g['dot'], 2)}</b>")
    if g["length_a"] == 0 and g["length_b"] == 0:
        return (text + "<br>A and B are both the zero vector: neither has a direction, so "
                "there is no angle, no cosine and no line to project on.")
    if g["length_a"] == 0:
        return (text + "<br>A is the zero vector: it has no direction, so there is no angle, "
                "no cosine and no line through A to project B on.")
    if g["length_b"] == 0:
        return (text + "<br>B is the zero vector: it has no direction, so the angle and the "
                "cosine are undefined; its projection on A is the zero vector.")
    la, lb, cos, theta, p = g["length_a"], g["length_b"], g["cos"], g["theta"], g["p"]
    text += (f"<br>‖A‖ ‖B‖ cos θ = {fixed(la, 2)} × {fixed(lb, 2)} × {fixed(cos, 3)} = "
             f"<b>{fixed(la * lb * cos, 2)}</b> (θ = {fixed(theta, 0)}°)")
    if abs(theta - 90) < 1e-9:
        text += ": A and B are <b>orthogonal</b>"
    return text + (f"<br>projection of B on A: p = ({fixed(p[0], 2)}, {fixed(p[1], 2)}), "
                   f"signed length ‖B‖ cos θ = {fixed(g['scalar_projection'], 2)}")


def readout_text(length_a, angle_a, length_b, angle_b) -> str:
    """The readout (HTML) for A and B given by length and direction (degrees)."""
    return _readout(geometry(length_a, angle_a, length_b, angle_b))


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"dot-product-length-a": ..., ...}``."""
    g = geometry(*(values[f"{NAME}-{key}"] for key in SLIDERS))
    state = {f"{NAME}-{key}": {"data": data} for key, data in g["sources"].items()}
    state[f"{NAME}-readout"] = {"text": _readout(g)}
    return state


def fig_dot_product(length_a=3.0, angle_a=20.0, length_b=2.5, angle_b=75.0) -> kit.BookFigure:
    """Interactive dot product: two vectors, the angle between them, and the projection.

    Four sliders set the length and direction of A and B; the plot draws both,
    the angle θ, the line through A and the projection p of B on it; the
    readout computes A · B as a sum of products and as ‖A‖ ‖B‖ cos θ.
    Book section: Linear Algebra, *The dot product*.

    Parameters
    ----------
    length_a, length_b : float
        In ``[0, 4]``, in steps of 0.25.
    angle_a, angle_b : float
        Directions in degrees, in ``[0, 355]``, in steps of 5.
    """
    given = {"length-a": length_a, "angle-a": angle_a, "length-b": length_b,
             "angle-b": angle_b}
    sliders = {key: spec.slider(given[key], name=f"{NAME}-{key}",
                                argument=key.replace("-", "_"))
               for key, spec in SLIDERS.items()}
    values = {s.name: s.value for s in sliders.values()}
    g = geometry(*values.values())
    sources = {key: ColumnDataSource(data, name=f"{NAME}-{key}")
               for key, data in g["sources"].items()}
    readout = kit.readout(NAME, _readout(g))
    kit.link(kit.callback(
        "dot_product.js", **{key.replace("-", "_"): s for key, s in sources.items()},
        readout=readout, **{key.replace("-", "_"): s for key, s in sliders.items()},
        cosines=[c for c, _ in _TURNS], sines=[s for _, s in _TURNS], angle_step=ANGLE[2],
        colors=[palette.BLUE, palette.VERMILLION], limit=LIMIT, arc_radius=ARC_RADIUS,
        arc_points=ARC_POINTS, arc_label_gap=ARC_LABEL_GAP, tip_gap=TIP_GAP,
        side_gap=SIDE_GAP, tiny=TINY), *sliders.values())
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders.values(), columns=2),
               kit.Readout(readout, lines=READOUT_LINES), _plot(sources)],
        static=_static(g), alt=_describe(g, values))


def _plot(sources: dict):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT,
                             title="Angle θ and projection p of B on A")
    kit.axes_through_origin(plot)
    plot.multi_line(xs="xs", ys="ys", source=sources["guides"], line_color=palette.GREY,
                    line_width=1.5, line_dash="dashed")
    plot.line(x="x", y="y", source=sources["arc"], line_color=palette.PURPLE, line_width=2)
    plot.add_layout(LabelSet(source=sources["arc-label"], x="x", y="y", text="text",
                             text_color=palette.PURPLE, text_align="center",
                             text_baseline="middle", text_font_size="15px"))
    plot.add_layout(Arrow(
        source=sources["projection"], x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color=palette.GREEN, line_width=5,
        end=VeeHead(size=12, fill_color=palette.GREEN, line_color=palette.GREEN)))
    plot.add_layout(LabelSet(source=sources["projection"], x="label_x", y="label_y",
                             text={"value": "p"}, text_color=palette.GREEN, text_align="center",
                             text_baseline="middle", text_font_style="bold",
                             text_font_size="15px"))
    plot.add_layout(Arrow(
        source=sources["arrows"], x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=3,
        end=VeeHead(size=14, fill_color="color", line_color="color")))
    plot.add_layout(LabelSet(source=sources["arrows"], x="label_x", y="label_y", text="label",
                             text_color="color", text_align="center", text_baseline="middle",
                             text_font_style="bold", text_font_size="15px"))
    return plot


def _static(g: dict):
    fixed = kit.to_fixed
    sources = g["sources"]
    figure = kit.twin()
    title = f"A · B = {fixed(g['dot'], 2)}"
    if g["cos"] is not None:
        title += f",  cos θ = {fixed(g['cos'], 3)},  θ = {fixed(g['theta'], 0)}°"
    ax = kit.square_axes(figure, LIMIT, title=title)
    for xs, ys in zip(sources["guides"]["xs"], sources["guides"]["ys"]):
        ax.plot(xs, ys, color=palette.GREY, linewidth=1.2, linestyle="--")
    ax.plot(sources["arc"]["x"], sources["arc"]["y"], color=palette.PURPLE, linewidth=1.8)
    label = sources["arc-label"]
    for x, y, text in zip(label["x"], label["y"], label["text"]):
        ax.text(x, y, text, color=palette.PURPLE, ha="center", va="center", fontsize=12)
    p = sources["projection"]
    for i in range(len(p["x1"])):
        ax.annotate("", xy=(p["x1"][i], p["y1"][i]), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color=palette.GREEN, lw=4,
                                    mutation_scale=14, shrinkA=0, shrinkB=0))
        ax.text(p["label_x"][i], p["label_y"][i], "p", color=palette.GREEN,
                fontweight="bold", ha="center", va="center")
    arrows = sources["arrows"]
    for i, color in enumerate(arrows["color"]):
        ax.annotate("", xy=(arrows["x1"][i], arrows["y1"][i]), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=2.5,
                                    mutation_scale=16, shrinkA=0, shrinkB=0))
        ax.text(arrows["label_x"][i], arrows["label_y"][i], arrows["label"][i],
                color=color, fontweight="bold", ha="center", va="center")
    return figure


def _describe(g: dict, values: dict) -> str:
    fixed = kit.to_fixed

    def vector(name):
        return (f"{name}, of length {values[f'{NAME}-length-{name.lower()}']:g} pointing "
                f"{values[f'{NAME}-angle-{name.lower()}']:g}° from the x₁ axis")

    text = f"Two arrows from the origin: {vector('A')}, and {vector('B')}. "
    if g["theta"] is None:
        return text + (f"One of them is the zero vector, so A · B = {fixed(g['dot'], 2)} "
                       "and there is no angle between them.")
    return text + (
        f"The arc between them marks the angle θ = {fixed(g['theta'], 0)}°. A dashed line "
        f"through A and a dashed perpendicular from B's tip meet at the tip of the green arrow "
        f"p, the projection of B on A, of signed length {fixed(g['scalar_projection'], 2)}. "
        f"A · B = {fixed(g['dot'], 2)} = {g['length_a']:g} × {g['length_b']:g} "
        f"× cos θ, with cos θ = {fixed(g['cos'], 3)}.")
