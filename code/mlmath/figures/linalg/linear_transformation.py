"""The linear-transformation figure (chapter *Eigenvalues and eigenvectors*,
``chapters/linear-algebra/eigenvectors.md``).

Four sliders set the entries of a 2 × 2 matrix A. Sixteen unit vectors v on
the dashed unit circle are sent to A v (blue arrows, a grey segment joining
each v to its image) and the unit circle to an ellipse. The real
eigenvectors, the directions A only stretches,

    A v = λ v,  λ a root of  λ² − (tr A) λ + det A = 0,

are drawn as lines through the origin, with A v = λ v as a thick arrow along
each. The readout gives the eigenvalues, eigenvectors, trace and determinant.
When the discriminant (tr A)² − 4 det A is negative (a complex pair
(tr A ± i√−Δ)/2, no real direction is kept) or A = λ I (every vector is an eigenvector), there
is no line to draw and the plot says so in words. Every number comes from
:func:`mlmath.linalg.eigen_2x2` and :func:`mlmath.linalg.transform_points`;
``figures/js/linear_transformation.js`` redraws the figure in the page and
:func:`page_state` is what it must show.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.models import (Arrow, ColumnDataSource, LabelSet, NormalHead,
                          Scatter, Segment, VeeHead)

from mlmath import linalg
from mlmath._validate import as_matrix
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.linalg.eigen import REPEATED_TOLERANCE

__all__ = ["fig_linear_transformation", "page_state", "readout_text", "sources"]

NAME = "linear-transformation"
#: Each entry's slider. Steps of 1/4 are exact in binary, so a setting such as
#: a shear has a discriminant of exactly 0.
ENTRY = (-2.0, 2.0, 0.25)
ENTRIES = {"a11": (0, 0), "a12": (0, 1), "a21": (1, 0), "a22": (1, 1)}
SLIDERS = {key: kit.SliderSpec(f"a{kit.subscript(r + 1, c + 1)} (row {r + 1}, column {c + 1})",
                               *ENTRY) for key, (r, c) in ENTRIES.items()}
#: Half the width of the plot. A matrix with entries in [-2, 2] can send a unit
#: vector as far as 4, but only near the sliders' ends; the plot is cut at 3.2
#: so that ordinary matrices are not drawn tiny.
LIMIT = 3.2
#: Where an eigenvalue's label sits on its line, as a fraction of ``LIMIT``,
#: and the note's height (its baseline), when there is no line.
LABEL_AT = 0.62
NOTE_AT = -0.86
#: How many vectors make up the ring, and how many points draw each circle.
RING_SIZE = 16
CIRCLE_POINTS = 97
#: Colour and dash pattern of the first and second eigen-direction.
EIGEN_STYLES = ((palette.VERMILLION, "dashed"), (palette.GREEN, "dashdot"))
#: Arrowhead sizes (px) of the ring's arrows and the eigen-arrows. An arrow
#: shorter than ``NO_HEAD_BELOW`` (|x| + |y|) gets no head: a zero-length
#: arrow would still draw one, pointing nowhere in particular.
RING_HEAD, EIGEN_HEAD = 7, 14
NO_HEAD_BELOW = 0.05
#: Room in the readout (narrow, wide): complex eigenvalues take the most, 3
#: lines at 312 px and 2 at 440 px in Chromium; one more for other fonts.
READOUT_LINES = (4, 3)
_RING_ANGLES = 2 * np.pi * np.arange(RING_SIZE) / RING_SIZE
_CIRCLE_ANGLES = 2 * np.pi * np.arange(CIRCLE_POINTS) / (CIRCLE_POINTS - 1)



def _mapped(matrix, angles) -> tuple[list, list, list, list]:
    """Unit vectors at ``angles`` and their images under ``matrix``."""
    x, y = np.cos(angles), np.sin(angles)
    image = linalg.transform_points(matrix, np.column_stack([x, y]))
    return list(x), list(y), list(image[:, 0]), list(image[:, 1])


def _head(x: float, y: float, size: int) -> int:
    return size if abs(x) + abs(y) >= NO_HEAD_BELOW else 0


def _directions(eigen) -> list[tuple[float, float, float]]:
    """``(λ, v_x, v_y)`` for each line of real eigenvectors the figure draws."""
    if eigen.kind == "complex" or eigen.every_vector:
        return []
    return [(float(eigen.eigenvalues[i]), float(v[0]), float(v[1]))
            for i, v in enumerate(eigen.eigenvectors.T)]


def _label(eigen, index: int) -> str:
    lam = kit.to_fixed(eigen.eigenvalues[index], 2)
    return f"λ = {lam} (twice)" if eigen.kind == "repeated" else \
        f"λ{kit.subscript(index + 1)} = {lam}"


def _note(eigen) -> str:
    """What the plot says in words when there is no line to draw (on two lines,
    which fit a phone's plot)."""
    if eigen.kind == "complex":
        return "Complex eigenvalues:\nno real vector keeps its direction"
    if eigen.every_vector:
        return f"A = {kit.to_fixed(eigen.eigenvalues[0], 2)} I:\nevery vector is an eigenvector"
    return ""


def _matrix(matrix) -> np.ndarray:
    matrix = as_matrix(matrix, "matrix")
    if matrix.shape != (2, 2):
        raise ValueError(f"matrix must be 2x2, got shape {matrix.shape}")
    return matrix


def sources(matrix) -> dict[str, dict]:
    """Column data of every source the figure draws, for ``matrix``, by model
    name without the figure's prefix.

    ``"ring"``: the ring's unit vectors ``vx, vy`` and their images ``x1, y1``;
    ``"image"``: the unit circle ``cx, cy`` and its image ``x, y``; ``"lines"``:
    one segment per eigenvector line across the plot; ``"arrows"``: each unit
    eigenvector ``vx, vy`` and its image ``x1, y1`` = λv, with its label;
    ``"note"``: a sentence in the plot when there is no line to draw.
    """
    matrix = _matrix(matrix)
    eigen = linalg.eigen_2x2(matrix)
    ring_x, ring_y, ring_x1, ring_y1 = _mapped(matrix, _RING_ANGLES)
    circle_x, circle_y, image_x, image_y = _mapped(matrix, _CIRCLE_ANGLES)
    lines = {key: [] for key in ("x0", "y0", "x1", "y1", "color", "dash")}
    arrows = {key: [] for key in ("vx", "vy", "x1", "y1", "head", "color", "label",
                                  "label_x", "label_y")}
    reach = LIMIT * math.sqrt(2)  # from corner to corner
    for index, (lam, vx, vy) in enumerate(_directions(eigen)):
        color, dash = EIGEN_STYLES[index]
        for key, value in (("x0", -reach * vx), ("y0", -reach * vy), ("x1", reach * vx),
                           ("y1", reach * vy), ("color", color), ("dash", dash)):
            lines[key].append(value)
        # The label sits on the line, near the edge of the plot, on the side
        # the eigenvector points to (its larger component is positive).
        along = LABEL_AT * LIMIT / max(abs(vx), abs(vy))
        for key, value in (("vx", vx), ("vy", vy), ("x1", lam * vx), ("y1", lam * vy),
                           ("head", _head(lam * vx, lam * vy, EIGEN_HEAD)), ("color", color),
                           ("label", _label(eigen, index)), ("label_x", along * vx),
                           ("label_y", along * vy)):
            arrows[key].append(value)
    note = _note(eigen)
    return {
        "ring": {"vx": ring_x, "vy": ring_y, "x1": ring_x1, "y1": ring_y1,
                 "head": [_head(x, y, RING_HEAD) for x, y in zip(ring_x1, ring_y1)]},
        "image": {"cx": circle_x, "cy": circle_y, "x": image_x, "y": image_y},
        "lines": lines,
        "arrows": arrows,
        "note": {"x": [0.0] if note else [], "y": [NOTE_AT * LIMIT] if note else [],
                 "text": [note] if note else []},
    }


def readout_text(matrix) -> str:
    """The readout (HTML) for ``matrix``."""
    eigen = linalg.eigen_2x2(_matrix(matrix))
    fixed = kit.to_fixed
    invariants = f"tr A = {fixed(eigen.trace, 2)}, det A = {fixed(eigen.determinant, 2)}"
    if eigen.kind == "complex":
        real, imaginary = eigen.eigenvalues[0].real, eigen.eigenvalues[0].imag
        return (f"<b>Complex eigenvalues</b> λ = {fixed(real, 2)} ± {fixed(imaginary, 2)}i: "
                "no real vector stays on its own line; A turns every direction. · " + invariants)
    lam = fixed(eigen.eigenvalues[0], 2)
    if eigen.every_vector:
        return (f"<b>A = {lam} I</b>: every vector is an eigenvector, with λ = {lam} (twice). · "
                + invariants)
    v = [f"({fixed(x, 2)}, {fixed(y, 2)})" for x, y in eigen.eigenvectors.T]
    if eigen.kind == "repeated":
        return (f"<b>λ = {lam} twice</b>, but one line of eigenvectors only, along {v[0]}. · "
                + invariants)
    return (f"<b>λ₁ = {lam}</b> along {v[0]} · <b>λ₂ = {fixed(eigen.eigenvalues[1], 2)}</b> "
            f"along {v[1]} · " + invariants)


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"linear-transformation-a11": ..., ...}``."""
    matrix = [[values[f"{NAME}-a11"], values[f"{NAME}-a12"]],
              [values[f"{NAME}-a21"], values[f"{NAME}-a22"]]]
    state = {f"{NAME}-{key}": {"data": data} for key, data in sources(matrix).items()}
    state[f"{NAME}-readout"] = {"text": readout_text(matrix)}
    return state


def fig_linear_transformation(matrix=((1.5, 1.0), (0.5, 1.0))) -> kit.BookFigure:
    """Interactive 2x2 linear map: a ring of vectors, the unit circle and the eigenvectors.

    Four sliders set the entries of ``A``; the plot shows the ring of unit
    vectors and the unit circle mapped by ``A``, and the real eigenvector lines
    with ``A v = λ v`` along each; the readout gives the eigenvalues,
    eigenvectors, trace and determinant. Book section: Linear Algebra,
    *Eigenvalues and eigenvectors*.

    Parameters
    ----------
    matrix : array_like, shape (2, 2)
        The starting matrix; entries in ``[-2, 2]`` in steps of 0.25.
    """
    matrix = _matrix(matrix)
    sliders = [spec.slider(matrix[ENTRIES[key]], name=f"{NAME}-{key}",
                           argument=f"matrix[{ENTRIES[key][0]}][{ENTRIES[key][1]}]")
               for key, spec in SLIDERS.items()]
    for slider in sliders:
        slider.format = "0.00"
    rows = sources(matrix)
    models = {key: ColumnDataSource(data, name=f"{NAME}-{key}") for key, data in rows.items()}
    readout = kit.readout(NAME, readout_text(matrix))
    kit.link(kit.callback(
        "linear_transformation.js", **models, readout=readout,
        **{s.name[len(NAME) + 1:]: s for s in sliders}, limit=LIMIT, label_at=LABEL_AT,
        note_at=NOTE_AT, heads=[RING_HEAD, EIGEN_HEAD, NO_HEAD_BELOW],
        tolerance=REPEATED_TOLERANCE, styles=[list(style) for style in EIGEN_STYLES]),
        *sliders)
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders, columns=2), kit.Readout(readout, lines=READOUT_LINES),
               _plot(models)],
        static=_static(matrix, rows),
        alt=_describe(matrix))


def _plot(models: dict):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT,
                             title="The plane before (grey) and after (blue) A")
    kit.axes_through_origin(plot)
    plot.line(x="cx", y="cy", source=models["image"], line_color=palette.GREY,
              line_dash="dashed", line_width=1.5)
    plot.add_glyph(models["ring"], Segment(x0="vx", y0="vy", x1="x1", y1="y1",
                                           line_color=palette.GREY, line_alpha=0.6))
    plot.add_glyph(models["ring"], Scatter(x="vx", y="vy", size=5, fill_color=palette.GREY,
                                           line_color=palette.GREY))
    plot.line(x="x", y="y", source=models["image"], line_color=palette.BLUE, line_width=2.5)
    plot.add_layout(Arrow(
        source=models["ring"], x_start=0, y_start=0, x_end="x1", y_end="y1",
        line_color=palette.BLUE, line_width=1.5, line_alpha=0.8,
        end=NormalHead(size="head", fill_color=palette.BLUE, line_color=palette.BLUE)))
    plot.add_glyph(models["lines"], Segment(
        x0="x0", y0="y0", x1="x1", y1="y1", line_color="color", line_width=2,
        line_dash={"field": "dash"}))
    plot.add_layout(Arrow(
        source=models["arrows"], x_start=0, y_start=0, x_end="x1", y_end="y1",
        line_color="color", line_width=4,
        end=VeeHead(size="head", fill_color="color", line_color="color")))
    plot.add_glyph(models["arrows"], Scatter(x="vx", y="vy", size=10, fill_color=palette.PAPER,
                                             line_color="color", line_width=2.5))
    plot.add_layout(LabelSet(
        source=models["arrows"], x="label_x", y="label_y", text="label",
        text_color="color", text_font_style="bold", text_font_size="14px",
        text_align="center", text_baseline="middle",
        background_fill_color=palette.PAPER, background_fill_alpha=0.85))
    plot.add_layout(LabelSet(
        source=models["note"], x="x", y="y", text="text", text_color=palette.PURPLE,
        text_font_style="bold", text_font_size="13px", text_align="center",
        background_fill_color=palette.PAPER, background_fill_alpha=0.9))
    return plot


def _static(matrix: np.ndarray, rows: dict):
    to_fixed = kit.to_fixed
    (a, b), (c, d) = matrix
    figure = kit.twin()
    ax = kit.square_axes(figure, LIMIT, title=(
        f"A = [{to_fixed(a, 2)}, {to_fixed(b, 2)}; {to_fixed(c, 2)}, {to_fixed(d, 2)}]"
    ).replace(kit.MINUS, "-"))
    ring, image = rows["ring"], rows["image"]
    ax.plot(image["cx"], image["cy"], color=palette.GREY, ls="--", lw=1.2)
    ax.plot(image["x"], image["y"], color=palette.BLUE, lw=2)
    for vx, vy, x1, y1, head in zip(ring["vx"], ring["vy"], ring["x1"], ring["y1"],
                                    ring["head"]):
        ax.plot([vx, x1], [vy, y1], color=palette.GREY, lw=0.8, alpha=0.6)
        if head:
            ax.annotate("", xy=(x1, y1), xytext=(0, 0), arrowprops=dict(
                arrowstyle="-|>", color=palette.BLUE, lw=1, alpha=0.8, shrinkA=0, shrinkB=0))
    ax.scatter(ring["vx"], ring["vy"], s=10, color=palette.GREY, zorder=3)
    lines, arrows = rows["lines"], rows["arrows"]
    for i in range(len(lines["x0"])):
        ax.plot([lines["x0"][i], lines["x1"][i]], [lines["y0"][i], lines["y1"][i]],
                color=lines["color"][i], lw=1.8, ls="--" if lines["dash"][i] == "dashed" else "-.")
        if arrows["head"][i]:
            ax.annotate("", xy=(arrows["x1"][i], arrows["y1"][i]), xytext=(0, 0), arrowprops=dict(
                arrowstyle="-|>", color=arrows["color"][i], lw=3, mutation_scale=18,
                shrinkA=0, shrinkB=0))
        ax.scatter([arrows["vx"][i]], [arrows["vy"][i]], s=45, facecolor=palette.PAPER,
                   edgecolor=arrows["color"][i], linewidth=2, zorder=4)
        ax.text(arrows["label_x"][i], arrows["label_y"][i], arrows["label"][i],
                color=arrows["color"][i], fontweight="bold", ha="center", va="center",
                bbox=dict(facecolor=palette.PAPER, edgecolor="none", alpha=0.85, pad=1))
    for x, y, text in zip(rows["note"]["x"], rows["note"]["y"], rows["note"]["text"]):
        # The print has room for the note on one line.
        ax.text(x, y, text.replace("\n", " "), color=palette.PURPLE, fontweight="bold",
                ha="center", va="center", fontsize=9,
                bbox=dict(facecolor=palette.PAPER, edgecolor="none", alpha=0.9))
    if linalg.eigen_2x2(matrix).kind == "complex":
        ax.set_xlabel("$x_1$  (no real eigenvector)")
    return figure


def _describe(matrix: np.ndarray) -> str:
    eigen = linalg.eigen_2x2(matrix)
    (a, b), (c, d) = matrix
    start = (f"The 2 by 2 matrix A with rows ({a:g}, {b:g}) and ({c:g}, {d:g}) applied to the "
             f"plane: sixteen unit vectors on the dashed unit circle are sent to the blue "
             f"arrows A v, and the unit circle to the blue curve. ")
    if eigen.kind == "complex":
        real, imaginary = eigen.eigenvalues[0].real, eigen.eigenvalues[0].imag
        return start + (f"The eigenvalues are complex, {real:.2f} plus or minus "
                        f"{imaginary:.2f} i, so no direction is kept: every vector is turned, and the figure draws "
                        "no eigenvector line.")
    if eigen.every_vector:
        return start + (f"A is {eigen.eigenvalues[0]:g} times the identity: every vector is "
                        "an eigenvector, scaled by that factor.")
    lines = " and ".join(f"the line through ({vx:.2f}, {vy:.2f}) with eigenvalue {lam:.2f}"
                         for lam, vx, vy in _directions(eigen))
    return start + (f"The eigenvector lines are drawn dashed: {lines}. A vector on such a line "
                    "stays on it and is only stretched by its eigenvalue, shown as a thick "
                    "arrow A v = λ v.")
