"""Click to fit (chapter *Linear regression*, ``chapters/ml/linear-regression.md``).

Hours of study against test scores. A click or a tap on the plot adds a point,
a drag moves one, and Backspace deletes the point last tapped (Bokeh's
``PointDrawTool``); from the keyboard, two fields and a button add a point at
typed coordinates, and a menu chooses a point for a button to delete. A menu of
data sets starts from the study data, a curve, an outlier, or the three cases
where something is missing: points all on a line (R² = 1), all scores equal
(R² undefined) and all at one x (no line), and a button resets the points to
the chosen set. The least-squares line ŷ = β̂₀ + β̂₁x of
:func:`mlmath.models.fit_line`, its equation, R², the residual sum of squares
and the residuals (dashed segments, and on request squares whose total area is
that sum) follow every change, and a second plot draws the residuals against
x. The readout says in words why there is no line, or no R², when there is
none.

``figures/js/click_to_fit.js`` redoes the fit in the page with the same
formulas; :func:`page_state` is what it must show for the controls' values
and, optionally, the points (``values["click-to-fit-points"] = {"x": [...],
"y": [...]}``; the chosen data set's points when absent).
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.models import (Button, ColumnDataSource, LabelSet, NumericInput, PointDrawTool,
                          Range1d, Row, Scatter, Segment, Select, Span, Toggle)

from mlmath import models
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.layout import PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX

__all__ = ["MAX_POINTS", "PRESETS", "fig_click_to_fit", "page_state", "readout_text"]

NAME = "click-to-fit"
#: The plot's hours (x) and scores (y); the line is drawn across all the hours.
X_RANGE = (0.0, 10.0)
Y_RANGE = (0.0, 100.0)
#: The most points the plot keeps: a new point beyond them replaces the oldest.
MAX_POINTS = 500
PLOT_WIDTH, PLOT_HEIGHT = 600, 520
RESIDUAL_HEIGHT = 250
#: Pinned borders (CSS px) of the main plot, so that its frame's shape is known:
#: its width and height are the plot's less these, at every screen width.
BORDERS = {"min_border_left": 52, "min_border_right": 14, "min_border_top": 8,
           "min_border_bottom": 48}
#: A residual's square is |ε̂| score points tall and SQUARE_WIDTH·|ε̂| hours wide: the
#: hours that span as many pixels as one score point does in the frame of a plot
#: PLOT_WIDTH wide (the title's 30 px are measured in Chromium).
_FRAME = (PLOT_WIDTH - 52 - 14, PLOT_HEIGHT - 8 - 48 - 30)
SQUARE_WIDTH = (X_RANGE[1] - X_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0]) * _FRAME[1] / _FRAME[0]
#: Decimals the page and Python round to before they show a number: the two add up in
#: different orders, and on a grid of halves a shown value can be an exact tie.
SNAP = 9


def _study():
    hours, scores = models.study_hours(n=12, seed=4)
    return hours.tolist(), scores.tolist()


def _curve():
    # Scores that level off: 95 − 65·e^(−hours/2.5), a little noise, whole points.
    hours = [0.5, 1.0, 1.5, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 9.5]
    noise = np.random.default_rng(7).normal(0, 1.5, len(hours))
    scores = np.round(95 - 65 * np.exp(-np.array(hours) / 2.5) + noise)
    return hours, scores.tolist()


def _outlier():
    hours, scores = _study()
    return hours + [9.0], scores + [30.0]


#: The data sets of the "Start from" menu: key -> (label, hours, scores).
PRESETS = {
    "study": ("12 students", *_study()),
    "curve": ("Scores that level off", *_curve()),
    "outlier": ("12 students and an outlier", *_outlier()),
    "line": ("All on a line", [1.0, 3.0, 5.0, 8.0], [48.0, 60.0, 72.0, 90.0]),
    "flat": ("All scores equal", [2.0, 4.0, 6.0, 8.0], [70.0, 70.0, 70.0, 70.0]),
    "one-x": ("All at one x", [5.0, 5.0, 5.0, 5.0], [40.0, 55.0, 65.0, 85.0]),
    "empty": ("No points", [], []),
}


def _shown(value: float, digits: int) -> str:
    return kit.to_fixed(round(float(value), SNAP), digits)


def _fit(x: np.ndarray, y: np.ndarray):
    """The least-squares line, or None when there is none (no point, or one x)."""
    if x.size == 0 or np.ptp(x) == 0:
        return None
    return models.fit_line(x, y)


def _points(values: dict) -> tuple[np.ndarray, np.ndarray]:
    given = values.get(f"{NAME}-points")
    if given is None:
        _, x, y = PRESETS[values[f"{NAME}-data"]]
        return np.array(x, dtype=float), np.array(y, dtype=float)
    return np.array(given["x"], dtype=float), np.array(given["y"], dtype=float)


def _chosen(value, n: int) -> int:
    """The chosen point's index from the menu's value ("" or "1".."n"); -1 for none
    (an empty value, or a number the points no longer reach)."""
    if isinstance(value, str) and value.isdigit() and 1 <= int(value) <= n:
        return int(value) - 1
    return -1


def _equation(fit) -> str:
    slope = _shown(fit.slope, 2)
    sign, size = ("−", slope[1:]) if slope.startswith(kit.MINUS) else ("+", slope)
    return f"ŷ = {_shown(fit.intercept, 2)} {sign} {size}x"


def _line_text(x: np.ndarray, fit) -> str:
    n = x.size
    if n == 0:
        return ("<b>No points yet.</b> Click or tap the plot to add one, or type its hours "
                "and score above and press <i>Add point</i>.")
    if n == 1:
        return (f"<b>No line yet</b>: one point, and every line through it fits it exactly. "
                f"Add a point at another number of hours.")
    if fit is None:
        at = _shown(x[0], 1)
        return (f"<b>No line</b>: all {n} points have x = {at}, and every line through "
                f"({at}, ȳ) misses them equally. Add a point at another x.")
    return (f"<b>{_equation(fit)}</b>: β̂₀ = {_shown(fit.intercept, 2)} points at 0 hours, "
            f"β̂₁ = {_shown(fit.slope, 2)} points per hour")


def _quality_text(fit, squares: bool) -> str:
    if fit is None:
        return ""
    rss = f"RSS = Σε̂ᵢ² = {_shown(fit.rss, 1)}" + (", the squares' total area" if squares else "")
    if fit.r2 is None:
        return ("<b>R² undefined</b>: all scores are equal, so TSS = 0 and there is no "
                "variation to explain; the flat line fits exactly.")
    if fit.rss <= 1e-12 * fit.tss:
        return f"<b>R² = 1</b>: every point lies on the line · {rss}"
    return (f"<b>R² = {_shown(fit.r2, 3)}</b>: the line explains "
            f"{_shown(100 * fit.r2, 1)} % of the scores' variation · {rss}")


def _count_text(x: np.ndarray, y: np.ndarray, fit, k: int) -> str:
    n = x.size
    count = f"{n} point{'' if n == 1 else 's'}"
    if k < 0:
        return count + (" · tap a point, or choose one, to read its residual" if n else "")
    text = f"{count} · <b>point {k + 1}</b>: ({_shown(x[k], 1)}, {_shown(y[k], 1)})"
    if fit is not None:
        text += (f", ŷ = {_shown(fit.fitted[k], 1)}, "
                 f"ε̂ = {_shown(fit.residuals[k], 1)}")
    return text


def readout_text(x, y, chosen: int = -1, squares: bool = False) -> str:
    """The readout (HTML) for the points ``(x, y)``, the chosen point's index (-1 for
    none) and whether the squares are shown."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    fit = _fit(x, y)
    k = chosen if 0 <= chosen < x.size else -1
    lines = [_line_text(x, fit), _quality_text(fit, squares), _count_text(x, y, fit, k)]
    return "<br>".join(line for line in lines if line)


def _residual_limit(fit) -> float:
    """The residual plot shows ±this: a multiple of 10, at least 20."""
    largest = float(np.max(np.abs(fit.residuals))) if fit is not None else 0.0
    return max(20.0, 10.0 * math.ceil(1.2 * largest / 10))


def _squares(x: np.ndarray, y: np.ndarray, fit) -> dict:
    middle = (X_RANGE[0] + X_RANGE[1]) / 2
    width = np.abs(fit.residuals) * SQUARE_WIDTH
    rightwards = x <= middle  # each square grows towards the middle of the plot
    return {"left": np.where(rightwards, x, x - width).tolist(),
            "right": np.where(rightwards, x + width, x).tolist(),
            "bottom": np.minimum(y, fit.fitted).tolist(),
            "top": np.maximum(y, fit.fitted).tolist()}


def _options(n: int) -> list[list[str]]:
    """The chosen-point menu's [value, label] pairs (lists, as the page holds them)."""
    return [["", "none"]] + [[str(i), f"Point {i}"] for i in range(1, n + 1)]


def page_state(values: dict) -> dict:
    """What the page shows for ``{"click-to-fit-data": ..., "click-to-fit-point": ...,
    "click-to-fit-show-squares": ...}`` and, optionally, ``"click-to-fit-points"``."""
    x, y = _points(values)
    n = x.size
    k = _chosen(values[f"{NAME}-point"], n)
    squares = bool(values[f"{NAME}-show-squares"])
    fit = _fit(x, y)
    empty = {"x": [], "y": []}
    limit = _residual_limit(fit)
    return {
        f"{NAME}-points": {"data": {"x": x.tolist(), "y": y.tolist()}},
        f"{NAME}-line": {"data": empty if fit is None else {
            "x": list(X_RANGE), "y": [fit.intercept + fit.slope * v for v in X_RANGE]}},
        f"{NAME}-residuals": {"data": {"x": [], "y": [], "fitted": [], "residual": []}
                              if fit is None else {
            "x": x.tolist(), "y": y.tolist(), "fitted": fit.fitted.tolist(),
            "residual": fit.residuals.tolist()}},
        f"{NAME}-squares": {"data": _squares(x, y, fit) if fit is not None and squares
                            else {"left": [], "right": [], "bottom": [], "top": []}},
        f"{NAME}-chosen": {"data": {"x": [float(x[k])], "y": [float(y[k])],
                                    "label": [str(k + 1)]} if k >= 0
                           else {"x": [], "y": [], "label": []}},
        f"{NAME}-residual-y": {"start": -limit, "end": limit},
        f"{NAME}-point": {"options": _options(n), "value": str(k + 1) if k >= 0 else ""},
        f"{NAME}-readout": {"text": readout_text(x, y, k, squares)},
    }


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readouts: each degenerate case, and a chosen point with
    negative numbers of three digits."""
    texts = [readout_text(*PRESETS[key][1:], chosen=0, squares=True) for key in PRESETS]
    texts.append(readout_text([0.1, 9.9, 5.0], [99.9, 0.1, 100.0], chosen=2, squares=True))
    return tuple(max(text_lines(t, width, READOUT_FONT_PX) for t in texts)
                 for width in (PHONE_COLUMN_PX, PLOT_WIDTH))


def _check(data, squares) -> tuple[str, bool]:
    if data not in PRESETS:
        raise ValueError(f"data must be one of {', '.join(map(repr, PRESETS))}, got {data!r}")
    if not isinstance(squares, (bool, np.bool_)):
        raise ValueError(f"squares must be True or False, got {squares!r}")
    return data, bool(squares)


def fig_click_to_fit(data: str = "study", squares: bool = False) -> kit.BookFigure:
    """Click to fit: the least-squares line through points the reader adds, drags and
    deletes, with R² and the residuals. Book section: Machine Learning, *Linear regression*.

    Parameters
    ----------
    data : str
        The data set the figure starts from, a key of :data:`PRESETS`: ``"study"``
        (12 students' hours and scores), ``"curve"``, ``"outlier"``, ``"line"``,
        ``"flat"``, ``"one-x"`` or ``"empty"``.
    squares : bool
        Draw each residual's square too (their total area is the residual sum of
        squares).
    """
    data, squares = _check(data, squares)
    stretch = {"sizing_mode": "stretch_width"}
    data_menu = Select(title="Start from", value=data, name=f"{NAME}-data",
                       options=[[key, label] for key, (label, *_) in PRESETS.items()], **stretch)
    reset = Button(label="Reset", name=f"{NAME}-reset", align="end", width=80)
    show_squares = Toggle(label="Show the squares", active=squares,
                          name=f"{NAME}-show-squares", **stretch)
    new_x = NumericInput(title="Hours (0 to 10)", value=5.0, low=X_RANGE[0], high=X_RANGE[1],
                         mode="float", name=f"{NAME}-new-x", **stretch)
    new_y = NumericInput(title="Score (0 to 100)", value=50.0, low=Y_RANGE[0],
                         high=Y_RANGE[1], mode="float", name=f"{NAME}-new-y", **stretch)
    add = Button(label="Add point", name=f"{NAME}-add", align="end", width=96)
    point_menu = Select(title="Chosen point", value="", options=_options(0),
                        name=f"{NAME}-point", **stretch)
    remove = Button(label="Delete point", name=f"{NAME}-delete", align="end", width=110)

    state = page_state({data_menu.name: data, point_menu.name: "", show_squares.name: squares})
    point_menu.options = state[f"{NAME}-point"]["options"]
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("points", "line", "residuals", "squares", "chosen")}
    limit = state[f"{NAME}-residual-y"]["end"]
    residual_y = Range1d(-limit, limit, name=f"{NAME}-residual-y")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    main = _main_plot(sources)
    code = kit.callback(
        "click_to_fit.js", **sources, residual_y=residual_y, data_menu=data_menu,
        point_menu=point_menu, show_squares=show_squares, new_x=new_x, new_y=new_y,
        reset=reset, add=add, remove=remove, readout=readout,
        presets={key: {"x": x, "y": y} for key, (_, x, y) in PRESETS.items()},
        x_range=list(X_RANGE), square_width=SQUARE_WIDTH, max_points=MAX_POINTS, snap=SNAP)
    sources["points"].js_on_change("change", code)  # a tap, a drag, a deletion, a new set
    sources["points"].selected.js_on_change("indices", code)  # a tap on a point
    kit.link(code, data_menu, point_menu, show_squares)
    for button in (reset, add, remove):
        button.js_on_event("button_click", code)
    x, y = _points({data_menu.name: data})
    controls = kit.Controls(
        Row(data_menu, reset, **stretch), show_squares, Row(new_x, new_y, add, **stretch),
        Row(point_menu, remove, **stretch), columns=2)
    return kit.BookFigure(
        NAME, [controls, kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(main), kit.Panels(_residual_plot(sources, residual_y))],
        static=_static(x, y, squares), alt=_describe(x, y, squares))


def _main_plot(sources: dict):
    plot = kit.canvas(f"{NAME}-plot", title="Tap to add a point; drag to move it",
                      width=PLOT_WIDTH, height=PLOT_HEIGHT, x_range=Range1d(*X_RANGE),
                      y_range=Range1d(*Y_RANGE), **BORDERS)
    plot.xaxis.axis_label, plot.yaxis.axis_label = "hours studied, x", "test score, y"
    plot.quad(left="left", right="right", bottom="bottom", top="top", source=sources["squares"],
              fill_color=palette.VERMILLION, fill_alpha=0.12, line_color=palette.VERMILLION,
              line_alpha=0.7)
    plot.add_glyph(sources["residuals"], Segment(x0="x", y0="y", x1="x", y1="fitted",
                                                 line_color=palette.VERMILLION, line_width=2,
                                                 line_dash="dashed"))
    plot.line("x", "y", source=sources["line"], line_color=palette.BLUE, line_width=3)
    points = plot.add_glyph(sources["points"], Scatter(
        x="x", y="y", size=13, fill_color=palette.INK, line_color=palette.PAPER,
        line_width=1.5))
    points.selection_glyph = Scatter(size=15, fill_color=palette.VERMILLION,
                                     line_color=palette.PAPER, line_width=1.5)
    plot.add_glyph(sources["chosen"], Scatter(x="x", y="y", size=26, fill_color=None,
                                              line_color=palette.GREEN, line_width=3))
    plot.add_layout(LabelSet(source=sources["chosen"], x="x", y="y", text="label",
                             x_offset=12, y_offset=8, text_color=palette.GREEN,
                             text_font_style="bold", text_font_size="14px"))
    tool = PointDrawTool(renderers=[points], add=True, drag=True, num_objects=MAX_POINTS,
                         name=f"{NAME}-draw")
    plot.add_tools(tool)
    plot.toolbar.active_multi = tool
    return plot


def _residual_plot(sources: dict, residual_y):
    plot = kit.canvas(f"{NAME}-residual-plot", title="Residuals ε̂ᵢ = yᵢ − ŷᵢ against hours",
                      width=PLOT_WIDTH, height=RESIDUAL_HEIGHT, x_range=Range1d(*X_RANGE),
                      y_range=residual_y, min_border_left=BORDERS["min_border_left"],
                      min_border_right=BORDERS["min_border_right"])
    plot.xaxis.axis_label, plot.yaxis.axis_label = "hours studied, x", "residual"
    plot.yaxis.ticker.desired_num_ticks = 5
    plot.yaxis.minor_tick_line_color = None
    plot.add_layout(Span(location=0, dimension="width", line_color=palette.GREY,
                         line_width=1.5))
    plot.add_glyph(sources["residuals"], Segment(x0="x", y0=0, x1="x", y1="residual",
                                                 line_color=palette.VERMILLION, line_width=2,
                                                 line_dash="dashed"))
    plot.add_glyph(sources["residuals"], Scatter(x="x", y="residual", size=9,
                                                 fill_color=palette.INK,
                                                 line_color=palette.PAPER))
    return plot


def _static(x: np.ndarray, y: np.ndarray, squares: bool):
    fit = _fit(x, y)
    figure = kit.twin(kit.PLOT_INCHES * 1.25, kit.PLOT_INCHES * 1.35)
    top, bottom = figure.subplots(2, 1, height_ratios=[PLOT_HEIGHT, RESIDUAL_HEIGHT])
    for ax in (top, bottom):
        ax.set_xlim(*X_RANGE)
        ax.grid(alpha=0.3)
        ax.set_xlabel("hours studied, x")
    top.set_ylim(*Y_RANGE)
    top.set_ylabel("test score, y")
    if fit is None:
        top.set_title("no line", fontsize=10)
    else:
        quality = ("R² undefined" if fit.r2 is None else f"R² = {_shown(fit.r2, 3)}")
        top.set_title(f"{_equation(fit)}, {quality}, RSS = {_shown(fit.rss, 1)}", fontsize=10)
        if squares:
            for left, right, low, high in zip(*_squares(x, y, fit).values()):
                top.fill([left, right, right, left], [low, low, high, high],
                         color=palette.VERMILLION, alpha=0.12, lw=0.8)
        top.plot(X_RANGE, [fit.intercept + fit.slope * v for v in X_RANGE], color=palette.BLUE,
                 lw=2.5)
        for xi, yi, fi, ri in zip(x, y, fit.fitted, fit.residuals):
            top.plot([xi, xi], [yi, fi], color=palette.VERMILLION, lw=1.5, ls="--")
            bottom.plot([xi, xi], [0, ri], color=palette.VERMILLION, lw=1.5, ls="--")
        bottom.plot(x, fit.residuals, "o", color=palette.INK, ms=5)
    top.plot(x, y, "o", color=palette.INK, mec="white", ms=8)
    limit = _residual_limit(fit)
    bottom.set_ylim(-limit, limit)
    bottom.axhline(0, color=palette.GREY, lw=1)
    bottom.set_ylabel("residual")
    bottom.set_title("Residuals ε̂ᵢ = yᵢ − ŷᵢ against hours", fontsize=10)
    return figure


def _describe(x: np.ndarray, y: np.ndarray, squares: bool) -> str:
    fit = _fit(x, y)
    text = (f"A scatter plot of {x.size} students' test scores against hours studied, "
            "from 0 to 10 hours and 0 to 100 points")
    if fit is None:
        return text + ", with no line through them."
    slope = _shown(abs(fit.slope), 2)
    quality = ("R² is undefined" if fit.r2 is None else f"R² is {_shown(fit.r2, 3)}")
    text += (f", with the least-squares line ŷ = {_shown(fit.intercept, 2)} "
             f"{'minus' if fit.slope < 0 else 'plus'} {slope} times x through them and a "
             f"dashed segment from each point to the line, its residual"
             + (", with a shaded square on each segment" if squares else "")
             + f". {quality}; the residual sum of squares is {_shown(fit.rss, 1)}. Below, "
             "a second plot shows each residual against the hours, scattered around zero "
             f"between {_shown(fit.residuals.min(), 1)} and {_shown(fit.residuals.max(), 1)}.")
    return text
