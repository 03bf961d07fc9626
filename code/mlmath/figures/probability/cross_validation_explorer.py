"""The cross-validation explorer (chapter *Cross-validation*,
``chapters/probability/cross-validation.md``).

Thirty seeded noisy points of a sine wave (:func:`mlmath.probability.noisy_sine`)
are fitted by polynomials. A slider sets the number of folds k: the top panel
draws the k splits of :func:`mlmath.probability.kfold` as rows of cells, one per
example, each row's held-out fold dark and numbered, with that fold's error at
the row's end. A second slider sets the degree: the left plot draws the fit to
all the data and the k fits made without one fold each; the right one the
training error and the cross-validation error (mean, and the range of the fold
errors) of every degree on a log axis, with the current degree marked.

``figures/js/cross_validation_explorer.js`` refits everything in the page: the
inputs scaled to [-1, 1], Legendre columns and least squares by modified
Gram-Schmidt, the operations of :func:`mlmath.probability.fit_polynomial` and
:func:`mlmath.linalg.lstsq` in the same order (one sweep per training set serves
every degree, since Gram-Schmidt never looks ahead), so that the numbers agree
with Python's to about ten digits even at degree 15 and k = 10 (a callback of a
few milliseconds); :func:`page_state` is what it must show, computed with
:mod:`mlmath.probability`.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal, localcontext

import numpy as np
from bokeh.models import ColumnDataSource, LabelSet, LogTicker, Range1d, Span

from mlmath import probability
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_cross_validation_explorer", "page_state", "readout_text"]

NAME = "cross-validation-explorer"
K = kit.SliderSpec("number of folds k", 2, 10, 1)
DEGREE = kit.SliderSpec("polynomial degree", 0, 15, 1)
N_SAMPLES, NOISE, SEED = 30, 0.3, 3
CURVE_POINTS = 161
#: The plots' windows: the fit's values, and the errors on a log axis.
Y_LOW, Y_HIGH = -2.0, 2.0
ERROR_LOW, ERROR_HIGH = 0.01, 100.0
#: The splits panel: rows share ROWS_HEIGHT units; the errors' column starts at TEXT_X.
ROWS_HEIGHT, ROW_GAP = 10.0, 0.12
TEXT_X = N_SAMPLES + 0.6
SPLITS_WIDTH, SPLITS_TOP = 40.0, ROWS_HEIGHT + 1.6
FIT_PX, SPLITS_PX = (440, 400), (440, 320)


@functools.cache
def data() -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The figure's 30 points ``(x, y)``, seeded, as Python floats."""
    x, y = probability.noisy_sine(N_SAMPLES, NOISE, seed=SEED)
    return tuple(map(float, x)), tuple(map(float, y))


@functools.cache
def training_errors() -> tuple[float, ...]:
    """The training MSE of the fit to all 30 points, for every degree the slider gives."""
    x, y = map(np.array, data())
    return tuple(probability.mean_squared_error(y, probability.fit_polynomial(x, y, D)(x))
                 for D in range(int(DEGREE.end) + 1))


def _grid() -> list[float]:
    # Written as the callback writes it, so both give the same points.
    return [1.0 if i == CURVE_POINTS - 1 else i / (CURVE_POINTS - 1)
            for i in range(CURVE_POINTS)]


@functools.cache
def _cross_validation(k: int) -> tuple[list, int, probability.PolynomialCV]:
    """The folds, the size of the smallest training set, and the errors of every degree
    up to the highest that every fold can fit (the same for every degree the slider
    gives, so computed once per k)."""
    x, y = map(np.array, data())
    folds = probability.kfold(N_SAMPLES, k)
    fewest = min(fold.train.size for fold in folds)
    top = min(int(DEGREE.end), fewest - 1)
    return folds, fewest, probability.polynomial_cv(x, y, range(top + 1), k)


def _numbers(k: int, degree: int) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.probability`."""
    x, y = map(np.array, data())
    folds, fewest, cv = _cross_validation(k)
    top = int(cv.degrees[-1])  # the highest degree every fold can fit
    grid = np.array(_grid())
    fold_curves = ([probability.fit_polynomial(x[f.train], y[f.train], degree)(grid)
                    for f in folds] if degree <= top else [])
    return {"k": k, "degree": degree, "folds": folds, "fewest": fewest, "top": top, "cv": cv,
            "curve": probability.fit_polynomial(x, y, degree)(grid), "fold_curves": fold_curves,
            "training": training_errors()[degree]}


def scientific(value: float, digits: int) -> str:
    """``value`` as ``5.2 × 10¹⁰``, rounded as JavaScript's ``toExponential`` (ties away
    from zero on the exact binary value)."""
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        mantissa, exponent = format(Decimal(value), f".{digits}e").split("e")
    power = str(int(exponent)).replace("-", "⁻").translate(
        str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa} × 10{power}"


def mse_text(value: float) -> str:
    """An error as the figure writes it: three decimals below 100, else a power of ten."""
    return kit.to_fixed(value, 3) if value < 100 else scientific(value, 1)


def _sizes(folds) -> str:
    sizes = sorted({fold.test.size for fold in folds}, reverse=True)
    return " or ".join(str(s) for s in sizes)


def _readout(v: dict) -> str:
    k, degree, cv = v["k"], v["degree"], v["cv"]
    head = (f"<b>Degree {degree}, k = {k}</b>: folds of {_sizes(v['folds'])} points; "
            f"training MSE {mse_text(v['training'])}")
    if degree > v["top"]:
        return (f"{head}<br><b>No CV error</b>: with k = {k}, a fit sees only {v['fewest']} "
                f"points, fewer than the {degree + 1} coefficients of a degree-{degree} "
                f"polynomial. Infinitely many such polynomials pass through all "
                f"{v['fewest']} exactly, so the fit is underdetermined and the data cannot "
                f"choose one. Lower the degree to {v['top']} or use more folds.")
    errors = cv.fold_errors[degree]
    best = cv.best_degree
    verdict = ("the lowest of any degree" if best == degree else
               f"lowest at degree {best}: {mse_text(cv.cv_error[best])}")
    return (f"{head}<br><b>CV MSE {mse_text(cv.cv_error[degree])} ± "
            f"{mse_text(cv.cv_std[degree])}</b> (mean ± s.d. of the {k} fold errors, "
            f"{mse_text(errors.min())} to {mse_text(errors.max())})<br>"
            f"CV MSE {verdict}; noise variance σ² = {kit.to_fixed(NOISE ** 2, 2)}")


def readout_text(k=5, degree=3) -> str:
    """The explorer's readout for the given slider values (HTML)."""
    return _readout(_numbers(*_check(k, degree)))


def _splits(v: dict) -> dict:
    """The cells of the splits panel: row m holds out fold m, top to bottom."""
    height = ROWS_HEIGHT / v["k"]
    cells = {"train": {"left": [], "right": [], "top": [], "bottom": []},
             "held": {"left": [], "right": [], "top": [], "bottom": []},
             "labels": {"x": [], "y": [], "text": []},
             "errors": {"x": [], "y": [], "text": []}}
    for m, fold in enumerate(v["folds"]):
        top = ROWS_HEIGHT - m * height - ROW_GAP * height
        bottom = ROWS_HEIGHT - (m + 1) * height + ROW_GAP * height
        held = set(fold.test.tolist())
        for i in range(N_SAMPLES):
            part = cells["held" if i in held else "train"]
            part["left"].append(i + 0.06)
            part["right"].append(i + 0.94)
            part["top"].append(top)
            part["bottom"].append(bottom)
        cells["labels"]["x"].append(float(fold.test[0] + fold.test[-1] + 1) / 2)
        cells["labels"]["y"].append(ROWS_HEIGHT - (m + 0.5) * height)
        cells["labels"]["text"].append(str(m + 1))
        if v["degree"] <= v["top"]:
            cells["errors"]["x"].append(TEXT_X)
            cells["errors"]["y"].append(ROWS_HEIGHT - (m + 0.5) * height)
            cells["errors"]["text"].append(mse_text(v["cv"].fold_errors[v["degree"], m]))
    return cells


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"cross-validation-explorer-k": 5,
    "cross-validation-explorer-degree": 3}``."""
    v = _numbers(int(round(values[f"{NAME}-k"])), int(round(values[f"{NAME}-degree"])))
    cv, grid = v["cv"], _grid()
    splits = _splits(v)
    errors = cv.fold_errors
    best = cv.best_degree
    return {
        f"{NAME}-train-cells": {"data": splits["train"]},
        f"{NAME}-held-cells": {"data": splits["held"]},
        f"{NAME}-fold-labels": {"data": splits["labels"]},
        f"{NAME}-fold-errors": {"data": splits["errors"]},
        f"{NAME}-fit": {"data": {"x": grid, "y": v["curve"].tolist()}},
        f"{NAME}-fold-fits": {"data": {"xs": [grid] * len(v["fold_curves"]),
                                       "ys": [c.tolist() for c in v["fold_curves"]]}},
        f"{NAME}-cv": {"data": {"degree": cv.degrees.tolist(), "mean": cv.cv_error.tolist(),
                                "low": errors.min(axis=1).tolist(),
                                "high": errors.max(axis=1).tolist()}},
        f"{NAME}-best": {"data": {"degree": [best], "mean": [float(cv.cv_error[best])]}},
        f"{NAME}-degree-line": {"location": v["degree"]},
        f"{NAME}-readout": {"text": _readout(v)},
    }


def _check(k, degree) -> tuple[int, int]:
    return int(K.check(k, "k")), int(DEGREE.check(degree, "degree"))


def fig_cross_validation_explorer(k=5, degree=3) -> kit.BookFigure:
    """The cross-validation explorer: the k splits, the fits of one degree, and the
    training and cross-validation errors of every degree.
    Book section: Probability, *Cross-validation*.

    Parameters
    ----------
    k : int
        The number of folds, in ``[2, 10]`` in steps of 1.
    degree : int
        The polynomial's degree, in ``[0, 15]`` in steps of 1 (a degree too high for
        the training sets of k folds is allowed, and said in words).
    """
    checked = _check(k, degree)
    sliders = [K.slider(checked[0], name=f"{NAME}-k", argument="k", format="0"),
               DEGREE.slider(checked[1], name=f"{NAME}-degree", argument="degree",
                             format="0")]
    state = page_state({s.name: s.value for s in sliders})
    keys = ("train-cells", "held-cells", "fold-labels", "fold-errors", "fit", "fold-fits",
            "cv", "best")
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in keys}
    x, y = data()
    sources["data"] = ColumnDataSource({"x": list(x), "y": list(y)}, name=f"{NAME}-data")
    sources["training"] = ColumnDataSource(
        {"degree": list(range(int(DEGREE.end) + 1)), "error": list(training_errors())},
        name=f"{NAME}-training")
    degree_line = Span(location=checked[1], dimension="height", line_color=palette.GREY,
                       line_width=2, line_dash="dotted", name=f"{NAME}-degree-line")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "cross_validation_explorer.js", k_slider=sliders[0], degree_slider=sliders[1],
        readout=readout, degree_line=degree_line,
        **{key.replace("-", "_"): sources[key] for key in keys},
        x=list(x), y=list(y), training=list(training_errors()), max_degree=int(DEGREE.end),
        curve_points=CURVE_POINTS, rows_height=ROWS_HEIGHT, row_gap=ROW_GAP, text_x=TEXT_X,
        noise_variance=NOISE ** 2), *sliders)
    v = _numbers(*checked)
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders, columns=2), kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(_splits_plot(sources)),
               kit.Panels(_fit_plot(sources), _error_plot(sources, degree_line))],
        static=_static(state, v), alt=_describe(v))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readout the sliders can give, on a phone and wider."""
    texts = [readout_text(k, D) for k in (2, 10) for D in (13, 14, 15)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _splits_plot(sources):
    plot = kit.board(f"{NAME}-splits", title="The k splits: one row per fit, one cell per point",
                     x_range=Range1d(-0.3, SPLITS_WIDTH), y_range=Range1d(-0.3, SPLITS_TOP),
                     width=SPLITS_PX[0], height=SPLITS_PX[1])
    plot.quad(left="left", right="right", top="top", bottom="bottom",
              source=sources["train-cells"], fill_color=palette.ROW_FILL, line_color=None,
              legend_label="fitted on")
    plot.quad(left="left", right="right", top="top", bottom="bottom",
              source=sources["held-cells"], fill_color=palette.VERMILLION, line_color=None,
              legend_label="held out, numbered")
    plot.add_layout(LabelSet(x="x", y="y", text="text", source=sources["fold-labels"],
                             text_align="center", text_baseline="middle", text_font_size="12px",
                             text_font_style="bold", text_color=palette.PAPER))
    plot.add_layout(LabelSet(x="x", y="y", text="text", source=sources["fold-errors"],
                             text_align="left", text_baseline="middle", text_font_size="12px",
                             text_color=palette.INK))
    header = ColumnDataSource({"x": [TEXT_X], "y": [ROWS_HEIGHT + 0.25], "text": ["fold MSE"]},
                              name=f"{NAME}-splits-header")
    plot.add_layout(LabelSet(x="x", y="y", text="text", source=header, text_align="left",
                             text_baseline="bottom", text_font_size="12px",
                             text_color=palette.INK_SOFT))
    legend = plot.legend[0]
    legend.orientation = "horizontal"
    legend.location = "top_left"
    legend.label_text_font_size = "12px"
    legend.margin, legend.padding, legend.spacing = 0, 2, 8
    legend.border_line_color = None
    kit.theme_legend(legend)
    legend.border_line_color = None
    return plot


def _fit_plot(sources):
    plot = kit.canvas(f"{NAME}-fit-plot", title="The fitted polynomials", width=FIT_PX[0],
                      height=FIT_PX[1], x_range=Range1d(0.0, 1.0), y_range=Range1d(Y_LOW, Y_HIGH))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "x", "y"
    plot.yaxis.ticker = [-2, -1, 0, 1, 2]
    plot.multi_line(xs="xs", ys="ys", source=sources["fold-fits"], line_color=palette.GREY,
                    line_width=1.2, line_dash="dashed", legend_label="one per split")
    plot.line("x", "y", source=sources["fit"], line_color=palette.BLUE, line_width=3,
              legend_label="fit to all 30")
    plot.scatter("x", "y", source=sources["data"], size=7, fill_color=palette.PAPER,
                 line_color=palette.INK, line_width=1.5, legend_label="data")
    _legend_below(plot)
    return plot


def _error_plot(sources, degree_line):
    plot = kit.canvas(f"{NAME}-error-plot", title="Mean squared error (log scale)",
                      width=FIT_PX[0], height=FIT_PX[1], y_axis_type="log",
                      x_range=Range1d(-0.5, DEGREE.end + 0.5),
                      y_range=Range1d(ERROR_LOW, ERROR_HIGH))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "polynomial degree", "MSE"
    plot.yaxis.ticker = LogTicker(desired_num_ticks=5, num_minor_ticks=0)
    plot.line([-0.5, DEGREE.end + 0.5], [NOISE ** 2] * 2, line_color=palette.GREEN,
              line_width=1.5, line_dash="dotdash", legend_label="noise σ²")
    plot.segment(x0="degree", x1="degree", y0="low", y1="high", source=sources["cv"],
                 line_color=palette.VERMILLION, line_width=1.5, line_alpha=0.7)
    plot.line("degree", "mean", source=sources["cv"], line_color=palette.VERMILLION,
              line_width=2, line_dash="dashed", legend_label="CV")
    plot.scatter("degree", "mean", source=sources["cv"], marker="square", size=7,
                 color=palette.VERMILLION)
    plot.line("degree", "error", source=sources["training"], line_color=palette.BLUE,
              line_width=2, legend_label="training")
    plot.scatter("degree", "error", source=sources["training"], size=6, color=palette.BLUE)
    plot.scatter("degree", "mean", source=sources["best"], marker="star", size=16,
                 fill_color=palette.GREEN, line_color=palette.INK, legend_label="lowest CV")
    plot.add_layout(degree_line)
    _legend_below(plot)
    return plot


def _legend_below(plot) -> None:
    legend = plot.legend[0]
    legend.orientation = "horizontal"
    legend.location = "center"
    legend.label_text_font_size = "12px"
    legend.spacing = 6
    legend.ncols = 2
    kit.theme_legend(legend)
    plot.add_layout(legend, "below")


def _static(state: dict, v: dict):
    figure = kit.twin(2 * kit.PLOT_INCHES, 1.55 * kit.PLOT_INCHES)
    grid = figure.add_gridspec(2, 2, height_ratios=(0.75, 1.0))
    splits, fit, errors = (figure.add_subplot(grid[0, :]), figure.add_subplot(grid[1, 0]),
                           figure.add_subplot(grid[1, 1]))
    for key, colour in (("train-cells", palette.ROW_FILL), ("held-cells", palette.VERMILLION)):
        cells = state[f"{NAME}-{key}"]["data"]
        rows: dict[tuple, list] = {}  # one collection of bars per row: a smaller SVG
        for left, right, top, bottom in zip(cells["left"], cells["right"], cells["top"],
                                            cells["bottom"]):
            rows.setdefault((bottom, top), []).append((left, right - left))
        for (bottom, top), bars in rows.items():
            splits.broken_barh(bars, (bottom, top - bottom), facecolors=colour, linewidth=0)
    for key, colour, align in (("fold-labels", palette.PAPER, "center"),
                               ("fold-errors", palette.INK, "left")):
        labels = state[f"{NAME}-{key}"]["data"]
        for x, y, text in zip(labels["x"], labels["y"], labels["text"]):
            splits.text(x, y, text, color=colour, ha=align, va="center", fontsize=8,
                        fontweight="bold" if key == "fold-labels" else "normal")
    splits.text(TEXT_X, ROWS_HEIGHT + 0.25, "fold MSE", ha="left", va="bottom", fontsize=8)
    splits.set_xlim(-0.3, SPLITS_WIDTH)
    splits.set_ylim(-0.3, SPLITS_TOP)
    splits.axis("off")
    splits.set_title(f"The {v['k']} splits: each row fits on the light cells and scores its "
                     "numbered fold", fontsize=10)
    x, y = data()
    for xs, ys in zip(state[f"{NAME}-fold-fits"]["data"]["xs"],
                      state[f"{NAME}-fold-fits"]["data"]["ys"]):
        fit.plot(xs, ys, color=palette.GREY, lw=0.9, ls="--")
    curve = state[f"{NAME}-fit"]["data"]
    fit.plot(curve["x"], curve["y"], color=palette.BLUE, lw=2.5, label="fit to all 30")
    fit.plot(x, y, "o", mfc="white", mec=palette.INK, ms=5, label="data")
    fit.set_xlim(0.0, 1.0)
    fit.set_ylim(Y_LOW, Y_HIGH)
    fit.set_xlabel("x")
    fit.set_ylabel("y")
    fit.grid(alpha=0.3)
    fit.legend(fontsize=8, loc="lower left")
    fit.set_title(f"Degree {v['degree']}: dashed, the {v['k']} fits without one fold",
                  fontsize=10)
    cv = state[f"{NAME}-cv"]["data"]
    errors.set_yscale("log")
    errors.axhline(NOISE ** 2, color=palette.GREEN, lw=1.2, ls="-.", label="noise σ²")
    errors.vlines(cv["degree"], cv["low"], cv["high"], color=palette.VERMILLION, lw=1.2,
                  alpha=0.7)
    errors.plot(cv["degree"], cv["mean"], "s--", color=palette.VERMILLION, ms=4, label="CV")
    errors.plot(range(len(training_errors())), training_errors(), "o-", color=palette.BLUE,
                ms=3.5, label="training")
    best = state[f"{NAME}-best"]["data"]
    errors.plot(best["degree"], best["mean"], "*", color=palette.GREEN, mec=palette.INK, ms=13,
                label="lowest CV")
    errors.axvline(v["degree"], color=palette.GREY, lw=1.5, ls=":")
    errors.set_xlim(-0.5, DEGREE.end + 0.5)
    errors.set_ylim(ERROR_LOW, ERROR_HIGH)
    errors.set_xlabel("polynomial degree")
    errors.set_ylabel("MSE")
    errors.grid(alpha=0.3)
    errors.legend(fontsize=8, loc="upper left", ncols=2)
    errors.set_title("Mean squared error (log scale)", fontsize=10)
    return figure


def _describe(v: dict) -> str:
    cv = v["cv"]
    best = cv.best_degree
    text = (f"Thirty noisy points of a sine wave, split into k = {v['k']} folds: {v['k']} rows "
            f"of 30 cells, each row holding out one numbered block of consecutive points. "
            f"A polynomial of degree {v['degree']} is fitted to all the points and, once per "
            f"row, to the points that row keeps. On a log scale, the training error falls "
            f"steadily with the degree, from {mse_text(training_errors()[0])} at degree 0 to "
            f"{mse_text(training_errors()[-1])} at degree {int(DEGREE.end)}, while the "
            f"cross-validation error falls to its lowest, {mse_text(cv.cv_error[best])} at "
            f"degree {best}, and then climbs steeply, reaching "
            f"{mse_text(cv.cv_error[v['top']])} at degree {v['top']}.")
    if v["degree"] <= v["top"]:
        text += (f" At degree {v['degree']} the cross-validation error is "
                 f"{mse_text(cv.cv_error[v['degree']])} ± {mse_text(cv.cv_std[v['degree']])}.")
    return text
