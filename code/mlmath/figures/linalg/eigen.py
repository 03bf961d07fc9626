"""Figure of the chapter on eigenvectors (``chapters/linear-algebra/eigenvectors.md``).

:func:`fig_linear_transformation` shows what a 2x2 matrix does to the plane:
a ring of unit vectors and the unit circle, mapped by the matrix, with the
eigenvector lines (the directions the matrix only stretches) drawn and their
eigenvalues read out. All numbers come from :func:`mlmath.linalg.eigen_2x2`;
``figures/js/linear_transformation.js`` recomputes them when a slider moves,
and ``tests/browser/test_eigenvectors.py`` checks that the two agree.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.layouts import column, grid
from bokeh.models import (
    Arrow, ColumnDataSource, Div, LabelSet, NormalHead, Scatter, Segment, Slider, VeeHead,
)
from matplotlib.figure import Figure

from mlmath import linalg
from mlmath._validate import as_matrix
from mlmath.linalg.eigen import REPEATED_TOLERANCE
from mlmath.book.display import BookFigure
from mlmath.figures import _style
from mlmath.figures._numbers import MINUS, to_fixed

__all__ = [
    "fig_linear_transformation",
    "linear_transformation_rows",
    "linear_transformation_readout",
]

#: Slider range and step for each entry of the matrix. Steps of 1/4 are exact
#: in binary, so a setting such as a shear has a discriminant of exactly 0.
ENTRY_RANGE = (-2.0, 2.0)
ENTRY_STEP = 0.25
#: Half the width of the plot. A matrix with entries in [-2, 2] can send a unit
#: vector as far as 4, but only near the sliders' ends; the plot is cut at 3.2
#: so that ordinary matrices are not drawn tiny.
LIMIT = 3.2
#: Where an eigenvalue's label sits on its line, as a fraction of ``LIMIT``.
LABEL_AT = 0.62
#: How many vectors make up the ring, and how many points draw each circle.
RING_SIZE = 16
CIRCLE_POINTS = 97
#: Colour, dash pattern and name of the first and second eigen-direction.
EIGEN_STYLES = ((_style.VERMILLION, "dashed", "₁"), (_style.GREEN, "dashdot", "₂"))
ENTRY_NAMES = ("a11", "a12", "a21", "a22")
#: Arrowhead sizes (px) of the ring's arrows and the eigen-arrows. An arrow
#: shorter than ``NO_HEAD_BELOW`` (|x| + |y|) gets no head: a zero-length
#: arrow would still draw one, pointing nowhere in particular.
RING_HEAD, EIGEN_HEAD = 7, 14
NO_HEAD_BELOW = 0.05


def _check_entries(matrix: np.ndarray) -> None:
    low, high = ENTRY_RANGE
    if matrix.shape != (2, 2):
        raise ValueError(f"matrix must be 2x2, got shape {matrix.shape}")
    if np.any(matrix < low) or np.any(matrix > high):
        raise ValueError(
            f"matrix must have entries in [{low}, {high}] (the sliders' range), "
            f"got {matrix.tolist()}"
        )


def _ring() -> tuple[np.ndarray, np.ndarray]:
    angles = 2 * np.pi * np.arange(RING_SIZE) / RING_SIZE
    return np.cos(angles), np.sin(angles)


def _circle() -> tuple[np.ndarray, np.ndarray]:
    angles = 2 * np.pi * np.arange(CIRCLE_POINTS) / (CIRCLE_POINTS - 1)
    return np.cos(angles), np.sin(angles)


def _apply(matrix, x, y):
    """``matrix @ (x, y)``, written out: the page computes it the same way, in the same order."""
    (a, b), (c, d) = matrix
    return [a * xi + b * yi for xi, yi in zip(x, y)], [c * xi + d * yi for xi, yi in zip(x, y)]


def _heads(xs, ys, size: int) -> list[int]:
    return [size if abs(x) + abs(y) >= NO_HEAD_BELOW else 0 for x, y in zip(xs, ys)]


def _eigen_directions(eigen) -> list[tuple[float, float, float]]:
    """``(λ, v_x, v_y)`` for each line of real eigenvectors the figure draws."""
    if eigen.kind == "complex" or eigen.every_vector:
        return []
    return [(float(eigen.eigenvalues[i]), float(v[0]), float(v[1]))
            for i, v in enumerate(eigen.eigenvectors.T)]


def _eigen_label(eigen, index: int) -> str:
    lam = eigen.eigenvalues[index]
    if eigen.kind == "repeated":
        return f"λ = {to_fixed(lam, 2)} (twice)"
    return f"λ{EIGEN_STYLES[index][2]} = {to_fixed(lam, 2)}"


def _note(eigen) -> str:
    """What the plot says in words when there is no line to draw."""
    if eigen.kind == "complex":
        return "Complex eigenvalues: no real vector keeps its direction"
    if eigen.every_vector:
        return f"A = {to_fixed(eigen.eigenvalues[0], 2)} I: every vector is an eigenvector"
    return ""


def linear_transformation_rows(matrix) -> dict[str, dict]:
    """Column data of every source the figure draws, for ``matrix``.

    ``linear_transformation.js`` rebuilds the same columns in the page, and
    the browser tests compare them with these.

    Returns
    -------
    dict
        ``"ring"``: the ring's unit vectors ``vx, vy`` and their images
        ``x1, y1``; ``"image"``: the unit circle ``cx, cy`` and its image
        ``x, y``; ``"lines"``: one segment per eigenvector line across the plot;
        ``"arrows"``: each eigenvector ``vx, vy`` and its image
        ``x1, y1`` = λv, with its label; ``"note"``: a sentence in the plot when
        the eigenvalues are complex or every vector is an eigenvector.
    """
    matrix = as_matrix(matrix, "matrix", square=True)
    eigen = linalg.eigen_2x2(matrix)
    ring_x, ring_y = _ring()
    ring_x1, ring_y1 = _apply(matrix, ring_x, ring_y)
    circle_x, circle_y = _circle()
    image_x, image_y = _apply(matrix, circle_x, circle_y)

    lines = {key: [] for key in ("x0", "y0", "x1", "y1", "color", "dash")}
    arrows = {key: [] for key in ("vx", "vy", "x1", "y1", "head", "color", "label",
                                  "label_x", "label_y")}
    reach = LIMIT * math.sqrt(2)  # from corner to corner
    for index, (lam, vx, vy) in enumerate(_eigen_directions(eigen)):
        color, dash, _ = EIGEN_STYLES[index]
        lines["x0"].append(-reach * vx)
        lines["y0"].append(-reach * vy)
        lines["x1"].append(reach * vx)
        lines["y1"].append(reach * vy)
        lines["color"].append(color)
        lines["dash"].append(dash)
        # The label sits on the line, near the edge of the plot, on the side
        # the eigenvector points to (its larger component is positive).
        along = LABEL_AT * LIMIT / max(abs(vx), abs(vy))
        arrows["vx"].append(vx)
        arrows["vy"].append(vy)
        arrows["x1"].append(lam * vx)
        arrows["y1"].append(lam * vy)
        arrows["head"].append(_heads([lam * vx], [lam * vy], EIGEN_HEAD)[0])
        arrows["color"].append(color)
        arrows["label"].append(_eigen_label(eigen, index))
        arrows["label_x"].append(along * vx)
        arrows["label_y"].append(along * vy)
    note = _note(eigen)
    return {
        "ring": {"vx": list(ring_x), "vy": list(ring_y), "x1": ring_x1, "y1": ring_y1,
                 "head": _heads(ring_x1, ring_y1, RING_HEAD)},
        "image": {"cx": list(circle_x), "cy": list(circle_y), "x": image_x, "y": image_y},
        "lines": lines,
        "arrows": arrows,
        "note": {"x": [0.0] if note else [], "y": [-0.86 * LIMIT] if note else [],
                 "text": [note] if note else []},
    }


def _vector_text(x: float, y: float) -> str:
    return f"({to_fixed(x, 2)}, {to_fixed(y, 2)})"


def linear_transformation_readout(matrix) -> str:
    """The figure's live readout for ``matrix`` (HTML).

    ``linear_transformation.js`` writes the same text in the page.
    """
    eigen = linalg.eigen_2x2(matrix)
    invariants = (f"tr A = {to_fixed(eigen.trace, 2)}, "
                  f"det A = {to_fixed(eigen.determinant, 2)}")
    if eigen.kind == "complex":
        alpha, beta = eigen.eigenvalues[0].real, eigen.eigenvalues[0].imag
        return (
            f"<b>Complex eigenvalues</b> λ = {to_fixed(alpha, 2)} ± {to_fixed(beta, 2)}i: "
            "no real vector stays on its own line; A turns every direction. · "
            + invariants
        )
    if eigen.every_vector:
        return (
            f"<b>A = {to_fixed(eigen.eigenvalues[0], 2)} I</b>: every vector is an "
            f"eigenvector, with λ = {to_fixed(eigen.eigenvalues[0], 2)} (twice). · " + invariants
        )
    v = eigen.eigenvectors
    if eigen.kind == "repeated":
        return (
            f"<b>λ = {to_fixed(eigen.eigenvalues[0], 2)} twice</b>, but one line of "
            f"eigenvectors only, along {_vector_text(v[0, 0], v[1, 0])}. · " + invariants
        )
    return (
        f"<b>λ₁ = {to_fixed(eigen.eigenvalues[0], 2)}</b> along "
        f"{_vector_text(v[0, 0], v[1, 0])} · <b>λ₂ = {to_fixed(eigen.eigenvalues[1], 2)}</b> "
        f"along {_vector_text(v[0, 1], v[1, 1])} · " + invariants
    )


def fig_linear_transformation(matrix=((1.5, 1.0), (0.5, 1.0))) -> BookFigure:
    """Interactive 2x2 linear map: a ring of vectors, the unit circle and the eigenvectors.

    Four sliders set the entries of ``A``. Sixteen unit vectors (grey dots on
    the dashed unit circle) are sent to ``A v`` (blue arrows; a grey segment
    joins each vector to its image), and the unit circle to an ellipse. The
    real eigenvectors are drawn as lines through the origin that ``A`` maps
    onto themselves, with ``A v = λ v`` as a thick arrow along each; the
    readout gives the eigenvalues, eigenvectors, trace and determinant. When
    the eigenvalues are complex, or every vector is an eigenvector, the plot
    says so in words. Book section: Linear Algebra, *Eigenvalues and
    eigenvectors*.

    Parameters
    ----------
    matrix : array_like, shape (2, 2)
        The starting matrix; entries in ``[-2, 2]``.
    """
    matrix = as_matrix(matrix, "matrix")
    _check_entries(matrix)
    rows = linear_transformation_rows(matrix)
    return BookFigure(
        name="linear-transformation",
        layout=_bokeh_linear_transformation(matrix, rows),
        static=_static_linear_transformation(matrix, rows),
        alt=_describe_linear_transformation(matrix),
    )


def _bokeh_linear_transformation(matrix: np.ndarray, rows: dict):
    sources = {key: ColumnDataSource(data, name=f"linear-transformation-{key}")
               for key, data in rows.items()}
    plot = _style.square_canvas(LIMIT, name="linear-transformation-plot",
                                title="The plane before (grey) and after (blue) A")
    _style.axes_through_origin(plot)

    plot.line(x="cx", y="cy", source=sources["image"], line_color=_style.GREY,
              line_dash="dashed", line_width=1.5)
    plot.add_glyph(sources["ring"], Segment(x0="vx", y0="vy", x1="x1", y1="y1",
                                            line_color=_style.GREY, line_alpha=0.6))
    plot.add_glyph(sources["ring"], Scatter(x="vx", y="vy", size=5, fill_color=_style.GREY,
                                            line_color=_style.GREY))
    plot.line(x="x", y="y", source=sources["image"], line_color=_style.BLUE, line_width=2.5)
    plot.add_layout(Arrow(
        source=sources["ring"], x_start=0, y_start=0, x_end="x1", y_end="y1",
        line_color=_style.BLUE, line_width=1.5, line_alpha=0.8,
        end=NormalHead(size="head", fill_color=_style.BLUE, line_color=_style.BLUE),
    ))
    plot.add_glyph(sources["lines"], Segment(
        x0="x0", y0="y0", x1="x1", y1="y1", line_color="color", line_width=2,
        line_dash={"field": "dash"},
    ))
    plot.add_layout(Arrow(
        source=sources["arrows"], x_start=0, y_start=0, x_end="x1", y_end="y1",
        line_color="color", line_width=4,
        end=VeeHead(size="head", fill_color="color", line_color="color"),
    ))
    plot.add_glyph(sources["arrows"], Scatter(x="vx", y="vy", size=10, fill_color="white",
                                              line_color="color", line_width=2.5))
    plot.add_layout(LabelSet(
        source=sources["arrows"], x="label_x", y="label_y", text="label",
        text_color="color", text_font_style="bold", text_font_size="14px",
        text_align="center", text_baseline="middle",
        background_fill_color="white", background_fill_alpha=0.85,
    ))
    plot.add_layout(LabelSet(
        source=sources["note"], x="x", y="y", text="text", text_color=_style.PURPLE,
        text_font_style="bold", text_font_size="13px", text_align="center",
        background_fill_color="white", background_fill_alpha=0.9,
    ))

    low, high = ENTRY_RANGE
    sliders = {}
    for (row, col), key in zip(((0, 0), (0, 1), (1, 0), (1, 1)), ENTRY_NAMES):
        sliders[key] = Slider(
            start=low, end=high, step=ENTRY_STEP, value=float(matrix[row, col]),
            title=f"a{'₁₂'[row]}{'₁₂'[col]} (row {row + 1}, column {col + 1})",
            name=f"linear-transformation-{key}", width=200, format="0.00",
        )
    readout = Div(text=linear_transformation_readout(matrix),
                  name="linear-transformation-readout",
                  styles={"font-size": "15px", "max-width": f"{_style.PLOT_PX}px"})
    callback = _style.js_callback(
        "linear_transformation.js", **sources, readout=readout, **sliders,
        limit=LIMIT, label_at=LABEL_AT, heads=[RING_HEAD, EIGEN_HEAD, NO_HEAD_BELOW],
        tolerance=REPEATED_TOLERANCE,
        styles=[list(style) for style in EIGEN_STYLES],
    )
    for slider in sliders.values():
        slider.js_on_change("value", callback)
    controls = grid([[sliders["a11"], sliders["a12"]], [sliders["a21"], sliders["a22"]]])
    return column(controls, readout, plot, name="linear-transformation")


def _static_linear_transformation(matrix: np.ndarray, rows: dict) -> Figure:
    eigen = linalg.eigen_2x2(matrix)
    figure_ = Figure(figsize=(_style.PLOT_INCHES, _style.PLOT_INCHES), layout="constrained")
    (a, b), (c, d) = matrix
    ax = _style.mpl_square_axes(figure_, LIMIT, title=(
        f"A = [{to_fixed(a, 2)}, {to_fixed(b, 2)}; {to_fixed(c, 2)}, {to_fixed(d, 2)}]"
    ).replace(MINUS, "-"))
    ring, image = rows["ring"], rows["image"]
    ax.plot(image["cx"], image["cy"], color=_style.GREY, ls="--", lw=1.2)
    ax.plot(image["x"], image["y"], color=_style.BLUE, lw=2)
    for vx, vy, x1, y1, head in zip(ring["vx"], ring["vy"], ring["x1"], ring["y1"],
                                    ring["head"]):
        ax.plot([vx, x1], [vy, y1], color=_style.GREY, lw=0.8, alpha=0.6)
        if head:
            ax.annotate("", xy=(x1, y1), xytext=(0, 0), arrowprops=dict(
                arrowstyle="-|>", color=_style.BLUE, lw=1, alpha=0.8, shrinkA=0, shrinkB=0))
    ax.scatter(ring["vx"], ring["vy"], s=10, color=_style.GREY, zorder=3)
    lines, arrows = rows["lines"], rows["arrows"]
    for i in range(len(lines["x0"])):
        ax.plot([lines["x0"][i], lines["x1"][i]], [lines["y0"][i], lines["y1"][i]],
                color=lines["color"][i], lw=1.8, ls="--" if lines["dash"][i] == "dashed" else "-.")
        if arrows["head"][i]:
            ax.annotate("", xy=(arrows["x1"][i], arrows["y1"][i]), xytext=(0, 0), arrowprops=dict(
                arrowstyle="-|>", color=arrows["color"][i], lw=3, mutation_scale=18,
                shrinkA=0, shrinkB=0))
        ax.scatter([arrows["vx"][i]], [arrows["vy"][i]], s=45, facecolor="white",
                   edgecolor=arrows["color"][i], linewidth=2, zorder=4)
        ax.text(arrows["label_x"][i], arrows["label_y"][i], arrows["label"][i],
                color=arrows["color"][i], fontweight="bold", ha="center", va="center",
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1))
    for x, y, text in zip(rows["note"]["x"], rows["note"]["y"], rows["note"]["text"]):
        ax.text(x, y, text, color=_style.PURPLE, fontweight="bold", ha="center", va="center",
                fontsize=9, bbox=dict(facecolor="white", edgecolor="none", alpha=0.9))
    if eigen.kind == "complex":
        ax.set_xlabel("$x_1$  (no real eigenvector)")
    return figure_


def _describe_linear_transformation(matrix: np.ndarray) -> str:
    eigen = linalg.eigen_2x2(matrix)
    (a, b), (c, d) = matrix
    start = (
        f"The 2 by 2 matrix A with rows ({a:g}, {b:g}) and ({c:g}, {d:g}) applied to the "
        f"plane: sixteen unit vectors on the dashed unit circle are sent to the blue "
        f"arrows A v, and the unit circle to the blue curve. "
    )
    if eigen.kind == "complex":
        alpha, beta = eigen.eigenvalues[0].real, eigen.eigenvalues[0].imag
        return start + (
            f"The eigenvalues are complex, {alpha:.2f} plus or minus {beta:.2f} i, so no "
            "direction is kept: every vector is turned, and the figure draws no "
            "eigenvector line."
        )
    if eigen.every_vector:
        return start + (f"A is {eigen.eigenvalues[0]:g} times the identity: every vector is "
                        "an eigenvector, scaled by that factor.")
    parts = []
    for index, (lam, vx, vy) in enumerate(_eigen_directions(eigen)):
        parts.append(f"the line through ({vx:.2f}, {vy:.2f}) with eigenvalue {lam:.2f}")
    lines = " and ".join(parts)
    return start + (
        f"The eigenvector lines are drawn dashed: {lines}. A vector on such a line stays on "
        "it and is only stretched by its eigenvalue, shown as a thick arrow A v = λ v."
    )
