"""The column picture of a 2 × 2 system (chapter *Linear systems, the inverse and
rank*, ``chapters/linear-algebra/linear-systems.md``).

Six sliders set the columns a₁, a₂ of A and the right-hand side b of
A x = b. The plot draws a₁, a₂ and b from the origin, and the combination
that reaches b tip to tail: x₁a₁ from the origin, then x₂a₂ from its tip to
b (dashed). The parallelogram spanned by a₁ and a₂ is shaded, its signed
area det A written inside it: blue when a₂ lies counter-clockwise from a₁
(det A > 0), vermillion when clockwise (det A < 0). When the columns are
dependent, the parallelogram is flat, their span is a line (drawn dashed) or
only the origin, and the plot and the readout say in words whether b is on
it (infinitely many solutions: one drawn, the rest x + t n along the null
space) or off it (no solution).

Every number comes from :func:`mlmath.linalg.solution_set` and
:func:`mlmath.linalg.det` (elimination with partial pivoting);
``figures/js/column_picture.js`` repeats that elimination operation for
operation, and :func:`page_state` is what it must show.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.models import Arrow, ColumnDataSource, LabelSet, Segment, VeeHead

from mlmath import linalg
from mlmath._validate import as_matrix, as_vector
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_column_picture", "page_state", "readout_text", "sources"]

NAME = "column-picture"
#: Each entry of A, and each component of b: slider range and step. Steps of
#: 1/2 keep det A = a₁₁a₂₂ − a₁₂a₂₁ a multiple of 1/4, so a singular setting is
#: exactly singular, and an invertible one far from it.
ENTRY = (-3.0, 3.0, 0.5)
RIGHT_SIDE = (-4.0, 4.0, 0.5)
#: (row, column) of each slider's entry in the augmented matrix [A | b].
ENTRIES = {"a11": (0, 0), "a12": (0, 1), "a21": (1, 0), "a22": (1, 1),
           "b1": (0, 2), "b2": (1, 2)}
SLIDERS = {
    key: kit.SliderSpec(f"b, row {r + 1}" if c == 2 else f"Column a{kit.subscript(c + 1)}, "
                        f"row {r + 1}", *(RIGHT_SIDE if c == 2 else ENTRY))
    for key, (r, c) in ENTRIES.items()}
#: Half the plot's width: room for b at its sliders' ends. Combinations of larger
#: columns and solutions can leave the plot; the readout gives their numbers.
LIMIT = 4.5
#: How far (plot units) a label sits from its arrow's tip or midpoint.
LABEL_GAP = 0.55
#: The note's height, as a fraction of LIMIT, and the arrowheads' size (px);
#: an arrow shorter than NO_HEAD_BELOW (|x| + |y|) is drawn without a head.
NOTE_AT = -0.8
HEAD, NO_HEAD_BELOW = 13, 0.05
#: Room in the readout (narrow, wide): the longest case, infinitely many
#: solutions, takes 4 lines at 312 px and 3 at 440 px.
READOUT_LINES = (4, 3)


def _system(a11, a12, a21, a22, b1, b2):
    return np.array([[a11, a12], [a21, a22]], dtype=float), np.array([b1, b2], dtype=float)


def _solve(A, b):
    """What the figure shows: the solution set, and det A when A is invertible."""
    result = linalg.solution_set(A, b)
    determinant = linalg.det(A) if result.rank == 2 else 0.0
    return result, determinant


def _label_at_tip(x, y, index):
    length = math.hypot(x, y)
    if length == 0:  # a zero vector: its label beside the origin, one spot per arrow
        spots = ((1, -1), (-1, 1), (1, 1))
        return LABEL_GAP * spots[index][0], LABEL_GAP * spots[index][1]
    return x + LABEL_GAP * x / length, y + LABEL_GAP * y / length


def _label_beside(x0, y0, x1, y1):
    """Beside the arrow's midpoint, on its right, or on the side away from the origin
    when the arrow does not start there (so that x₂a₂'s label stays out of the
    parallelogram)."""
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    nx, ny = (dy / length, -dx / length) if length > 0 else (0.0, 0.0)
    if dy * x0 - dx * y0 < 0:  # the right side faces the origin
        nx, ny = -nx, -ny
    return x0 + dx / 2 + LABEL_GAP * nx, y0 + dy / 2 + LABEL_GAP * ny


def _head(x0, y0, x1, y1) -> int:
    return HEAD if abs(x1 - x0) + abs(y1 - y0) >= NO_HEAD_BELOW else 0


def _note(result, b) -> str:
    if result.rank == 2:
        return ""
    on = result.particular is not None
    if result.rank == 1:
        return ("Columns on one line; b is on it:\ninfinitely many solutions" if on
                else "Columns on one line; b is off it:\nno solution")
    return ("Both columns are 0, and so is b:\nevery x solves A x = b" if on
            else "Both columns are 0:\nno x reaches b")


def sources(A, b) -> dict[str, dict]:
    """Column data of every source the figure draws, by model name without the
    figure's prefix: ``"columns"`` (a₁, a₂, b from the origin), ``"combination"``
    (x₁a₁, then x₂a₂ up to b; empty when there is no solution), ``"area"`` (the
    parallelogram of a₁ and a₂ with its signed area; empty when flat),
    ``"span"`` (the line the columns span, when it is a line) and ``"note"``."""
    result, determinant = _solve(A, b)
    (a11, a12), (a21, a22) = A.tolist()
    tips = [(a11, a21), (a12, a22), (float(b[0]), float(b[1]))]
    labels = [_label_at_tip(x, y, i) for i, (x, y) in enumerate(tips)]
    columns = {
        "x1": [t[0] for t in tips], "y1": [t[1] for t in tips],
        "head": [_head(0, 0, x, y) for x, y in tips],
        "color": [palette.BLUE, palette.VERMILLION, palette.GREEN],
        "label": ["a₁", "a₂", "b"],
        "label_x": [p[0] for p in labels], "label_y": [p[1] for p in labels],
    }
    combination = {key: [] for key in ("x0", "y0", "x1", "y1", "head", "color", "label",
                                       "label_x", "label_y")}
    if result.particular is not None:
        x1, x2 = result.particular.tolist()
        corner = (x1 * a11, x1 * a21)
        end = (corner[0] + x2 * a12, corner[1] + x2 * a22)
        for start, stop, color, label in (((0.0, 0.0), corner, palette.BLUE, "x₁a₁"),
                                          (corner, end, palette.VERMILLION, "x₂a₂")):
            spot, head = _label_beside(*start, *stop), _head(*start, *stop)
            for key, value in (("x0", start[0]), ("y0", start[1]), ("x1", stop[0]),
                               ("y1", stop[1]), ("head", head), ("color", color),
                               ("label", label if head else ""), ("label_x", spot[0]),
                               ("label_y", spot[1])):
                combination[key].append(value)
    area = {"xs": [], "ys": [], "color": [], "text": [], "cx": [], "cy": []}
    if result.rank == 2:
        area = {"xs": [[0.0, a11, a11 + a12, a12]], "ys": [[0.0, a21, a21 + a22, a22]],
                "color": [palette.BLUE if determinant > 0 else palette.VERMILLION],  # never 0
                "text": [f"det A = {kit.to_fixed(determinant, 2)}"],
                "cx": [(a11 + a12) / 2], "cy": [(a21 + a22) / 2]}
    span = {"x0": [], "y0": [], "x1": [], "y1": []}
    if result.rank == 1:
        dx, dy = (a11, a21) if (a11, a21) != (0.0, 0.0) else (a12, a22)
        reach = 2 * LIMIT / math.hypot(dx, dy)  # beyond the plot's corners
        span = {"x0": [-reach * dx], "y0": [-reach * dy], "x1": [reach * dx],
                "y1": [reach * dy]}
    note = _note(result, b)
    return {"columns": columns, "combination": combination, "area": area, "span": span,
            "note": {"x": [0.0] if note else [], "y": [NOTE_AT * LIMIT] if note else [],
                     "text": [note] if note else []}}


def readout_text(A, b) -> str:
    """The readout (HTML) for the system ``A x = b``."""
    result, determinant = _solve(A, b)
    fixed = kit.to_fixed

    def vector(v):
        return f"({fixed(v[0], 2)}, {fixed(v[1], 2)})"

    if result.rank == 2:
        x1, x2 = result.particular
        sign = ("positive, as a₂ is counter-clockwise from a₁" if determinant > 0
                else "negative, as a₂ is clockwise from a₁ (A flips the plane)")
        return (f"<b>One solution: x₁ = {fixed(x1, 2)}, x₂ = {fixed(x2, 2)}</b> · "
                f"det A = {fixed(determinant, 2)}, the signed area: {sign}")
    ranks = f"rank A = {result.rank}, rank [A | b] = {result.augmented_rank}"
    if result.particular is None:
        where = "off the line a₁ and a₂ span" if result.rank == 1 else "not 0"
        return f"<b>No solution</b>: b is {where} · {ranks} · det A = 0"
    if result.rank == 1:
        n = result.null_space[:, 0]
        return (f"<b>Infinitely many solutions</b>: x = {vector(result.particular)} + t "
                f"{vector(n)} for every number t · {ranks} · det A = 0")
    return f"<b>Every x is a solution</b>: A = 0 and b = 0 · {ranks} · det A = 0"


def _values(values: dict) -> tuple:
    return tuple(values[f"{NAME}-{key}"] for key in ENTRIES)


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"column-picture-a11": ..., ...}``."""
    A, b = _system(*_values(values))
    state = {f"{NAME}-{key}": {"data": data} for key, data in sources(A, b).items()}
    state[f"{NAME}-readout"] = {"text": readout_text(A, b)}
    return state


def fig_column_picture(matrix=((2.0, -1.0), (1.0, 1.0)), b=(3.0, 3.0)) -> kit.BookFigure:
    """Interactive column picture of ``A x = b`` for a 2 × 2 matrix ``A``.

    Book section: Linear Algebra, *Linear systems, the inverse and rank*.

    Parameters
    ----------
    matrix : array_like, shape (2, 2)
        The starting matrix; its columns are a₁ and a₂. Entries in ``[-3, 3]``
        in steps of 0.5.
    b : array_like, shape (2,)
        The starting right-hand side; components in ``[-4, 4]`` in steps of 0.5.
    """
    A = as_matrix(matrix, "matrix")
    if A.shape != (2, 2):
        raise ValueError(f"matrix must be 2x2, got shape {A.shape}")
    right = as_vector(b, "b", size=2)
    augmented = np.column_stack([A, right])
    sliders = []
    for key, (r, c) in ENTRIES.items():
        argument = f"b[{r}]" if c == 2 else f"matrix[{r}][{c}]"
        sliders.append(SLIDERS[key].slider(augmented[r, c], name=f"{NAME}-{key}",
                                           argument=argument, format="0.0"))
    values = {s.name: s.value for s in sliders}
    A, right = _system(*_values(values))
    rows = sources(A, right)
    models = {key: ColumnDataSource(data, name=f"{NAME}-{key}") for key, data in rows.items()}
    readout = kit.readout(NAME, readout_text(A, right))
    kit.link(kit.callback("column_picture.js", **models, readout=readout,
                          **{s.name[len(NAME) + 1:]: s for s in sliders}, limit=LIMIT,
                          gap=LABEL_GAP, note_at=NOTE_AT, heads=[HEAD, NO_HEAD_BELOW],
                          colors=[palette.BLUE, palette.VERMILLION]), *sliders)
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders, columns=2), kit.Readout(readout, lines=READOUT_LINES),
               _plot(models)],
        static=_static(A, right, rows), alt=_describe(A, right))


def _plot(models: dict):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT, title="x₁a₁ + x₂a₂ = b, tip to tail")
    kit.axes_through_origin(plot)
    plot.patches(xs="xs", ys="ys", source=models["area"], fill_color="color",
                 fill_alpha=0.18, line_color="color", line_alpha=0.5)
    plot.add_glyph(models["span"], Segment(x0="x0", y0="y0", x1="x1", y1="y1",
                                           line_color=palette.PURPLE, line_width=2,
                                           line_dash="dashed"))
    plot.add_layout(Arrow(
        source=models["combination"], x_start="x0", y_start="y0", x_end="x1", y_end="y1",
        line_color="color", line_width=2.5, line_dash="dashed",
        end=VeeHead(size="head", fill_color="color", line_color="color")))
    plot.add_layout(Arrow(
        source=models["columns"], x_start=0, y_start=0, x_end="x1", y_end="y1",
        line_color="color", line_width=3.5,
        end=VeeHead(size="head", fill_color="color", line_color="color")))
    for source, text, size in ((models["columns"], "label", "15px"),
                               (models["combination"], "label", "13px")):
        plot.add_layout(LabelSet(source=source, x="label_x", y="label_y", text=text,
                                 text_color="color", text_font_style="bold",
                                 text_font_size=size, text_align="center",
                                 text_baseline="middle"))
    plot.add_layout(LabelSet(source=models["area"], x="cx", y="cy", text="text",
                             text_color="color", text_font_size="13px", text_align="center",
                             text_baseline="middle", background_fill_color=palette.PAPER,
                             background_fill_alpha=0.75))
    plot.add_layout(LabelSet(source=models["note"], x="x", y="y", text="text",
                             text_color=palette.PURPLE, text_font_style="bold",
                             text_font_size="13px", text_align="center",
                             background_fill_color=palette.PAPER, background_fill_alpha=0.9))
    return plot


def _plain(text: str) -> str:
    return text.replace(kit.MINUS, "-")


def _static(A, b, rows: dict):
    result, determinant = _solve(A, b)
    fixed = kit.to_fixed
    if result.rank == 2:
        x1, x2 = result.particular
        title = f"x = ({fixed(x1, 2)}, {fixed(x2, 2)}), det A = {fixed(determinant, 2)}"
    else:
        title = "det A = 0: " + ("no solution" if result.particular is None
                                 else "infinitely many solutions")
    figure = kit.twin()
    ax = kit.square_axes(figure, LIMIT, title=_plain(title))
    area, span = rows["area"], rows["span"]
    for xs, ys, color in zip(area["xs"], area["ys"], area["color"]):
        ax.fill(xs, ys, color=color, alpha=0.18, lw=1)
    for x0, y0, x1, y1 in zip(span["x0"], span["y0"], span["x1"], span["y1"]):
        ax.plot([x0, x1], [y0, y1], color=palette.PURPLE, lw=1.8, ls="--")
    combination, columns = rows["combination"], rows["columns"]
    for i in range(len(combination["x0"])):
        if combination["head"][i]:
            ax.annotate("", xy=(combination["x1"][i], combination["y1"][i]),
                        xytext=(combination["x0"][i], combination["y0"][i]),
                        arrowprops=dict(arrowstyle="-|>", color=combination["color"][i],
                                        lw=2, ls="--", mutation_scale=14, shrinkA=0,
                                        shrinkB=0))
        ax.text(combination["label_x"][i], combination["label_y"][i],
                combination["label"][i], color=combination["color"][i], fontweight="bold",
                ha="center", va="center", fontsize=9)
    for i in range(3):
        if columns["head"][i]:
            ax.annotate("", xy=(columns["x1"][i], columns["y1"][i]), xytext=(0, 0),
                        arrowprops=dict(arrowstyle="-|>", color=columns["color"][i], lw=2.5,
                                        mutation_scale=16, shrinkA=0, shrinkB=0))
        ax.text(columns["label_x"][i], columns["label_y"][i], columns["label"][i],
                color=columns["color"][i], fontweight="bold", ha="center", va="center")
    for x, y, text, color in zip(area["cx"], area["cy"], area["text"], area["color"]):
        ax.text(x, y, _plain(text), color=color, ha="center", va="center", fontsize=9,
                bbox=dict(facecolor=palette.PAPER, edgecolor="none", alpha=0.75, pad=1))
    for x, y, text in zip(rows["note"]["x"], rows["note"]["y"], rows["note"]["text"]):
        ax.text(x, y, text.replace("\n", " "), color=palette.PURPLE, fontweight="bold",
                ha="center", va="center", fontsize=9,
                bbox=dict(facecolor=palette.PAPER, edgecolor="none", alpha=0.9))
    return figure


def _describe(A, b) -> str:
    result, determinant = _solve(A, b)
    (a11, a12), (a21, a22) = A
    start = (f"The column picture of A x = b on a grid from {-LIMIT:g} to {LIMIT:g}: "
             f"arrows from the origin to the columns a1 = ({a11:g}, {a21:g}) and "
             f"a2 = ({a12:g}, {a22:g}) of A and to b = ({b[0]:g}, {b[1]:g}). ")
    if result.rank == 2:
        x1, x2 = result.particular
        sense = "counter-clockwise" if determinant > 0 else "clockwise"
        return start + (
            f"Dashed arrows walk {x1:.2f} times a1 from the origin, then {x2:.2f} times a2 "
            f"from there, and end exactly at b: the one solution is x1 = {x1:.2f}, "
            f"x2 = {x2:.2f}. The parallelogram spanned by a1 and a2 is shaded; its signed "
            f"area is det A = {determinant:.2f}, {'positive' if determinant > 0 else 'negative'}"
            f" because a2 lies {sense} from a1.")
    if result.particular is None:
        return start + ("The columns are dependent, so the parallelogram is flat and "
                        "det A = 0; b is not in their span, and the system has no solution.")
    return start + ("The columns are dependent, so the parallelogram is flat and det A = 0; "
                    "b lies in their span, so the system has infinitely many solutions, one "
                    "of which the dashed arrows draw.")
