"""The ridge path (chapter *Regularisation*, ``chapters/ml/regularisation.md``).

Fifteen seeded noisy points of a sine wave (:func:`mlmath.probability.noisy_sine`)
are fitted by a polynomial of degree 12 with ridge regression
(:func:`mlmath.models.fit_ridge`: the powers x, ..., x¹² standardised, the
intercept unpenalised). One slider sets the strength α as a power of ten, over
41 stops from 10⁻⁸ to 10². Four plots: the fit at that α; the training and
5-fold cross-validation errors against log₁₀ α (:func:`mlmath.models.ridge_cv`);
the twelve weights against log₁₀ α (the *ridge path*), both with the current α
marked; and the filter factors s²/(s² + α) of the twelve singular directions at
that α (:func:`mlmath.models.filter_factors`). The readout gives α, the length
of the weights, the effective degrees of freedom and both errors.

Everything is computed here, in Python, for every stop of the slider, and shipped
to the page: ``figures/js/ridge_path.js`` picks the stop's weights and numbers,
evaluates the fitted polynomial on the plotting grid with the operations of
:func:`_curve` in the same order, and writes the readout; :func:`page_state` is
what it must show.
"""

from __future__ import annotations

import functools

import numpy as np
from bokeh.models import ColumnDataSource, LogTicker, Range1d, Span

from mlmath import models, probability
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_ridge_path", "page_state", "readout_text", "path"]

NAME = "ridge-path"
LOG_ALPHA = kit.SliderSpec("log₁₀ α, the penalty strength as a power of ten", -8.0, 2.0, 0.25)
N_SAMPLES, NOISE, SEED, DEGREE, FOLDS = 15, 0.3, 0, 12, 5
CURVE_POINTS = 101
#: The plots' windows: the fit's values, the weights (larger ones leave the plot) and
#: the errors on a log axis.
Y_LOW, Y_HIGH = -2.0, 2.0
WEIGHT_LIMIT = 8.0
ERROR_LOW, ERROR_HIGH = 0.01, 10.0
PLOT_PX = (440, 380)
#: Each weight's line: colour and dash, so that no two of the twelve look alike.
COLOURS = (palette.BLUE, palette.VERMILLION, palette.GREEN, palette.PURPLE)
DASHES = ("solid", "dashed", "dotted")
MPL_DASHES = {"solid": "-", "dashed": "--", "dotted": ":"}


def _grid() -> list[float]:
    # Written as the callback writes it, so both give the same points.
    return [1.0 if i == CURVE_POINTS - 1 else i / (CURVE_POINTS - 1)
            for i in range(CURVE_POINTS)]


@functools.cache
def path() -> dict:
    """Every number the figure shows, for every stop of the slider: the data ``x``, ``y``;
    ``log_alphas`` and ``alphas`` (41,); ``fits`` (one :class:`mlmath.models.RidgeFit`
    per stop) and ``cv`` (:class:`mlmath.models.RidgeCV`)."""
    x, y = probability.noisy_sine(N_SAMPLES, NOISE, seed=SEED)
    X = models.polynomial_powers(x, DEGREE)
    log_alphas = LOG_ALPHA.values()
    alphas = 10.0 ** log_alphas
    return {"x": x, "y": y, "log_alphas": log_alphas, "alphas": alphas,
            "fits": [models.fit_ridge(X, y, a) for a in alphas],
            "cv": models.ridge_cv(X, y, alphas, FOLDS)}


def _curve(fit: models.RidgeFit) -> list[float]:
    """The fitted polynomial on the plotting grid, computed as the callback computes it
    (powers by repeated products, terms added one power at a time): the same floats.
    It equals ``fit.predict(polynomial_powers(grid, 12))`` to rounding (tested)."""
    grid = np.array(_grid())
    power, total = np.ones_like(grid), np.full_like(grid, fit.intercept)
    for j in range(DEGREE):
        power = power * grid
        total = total + fit.weights[j] * (power - fit.mean[j]) / fit.scale[j]
    return total.tolist()


def _factors(i: int) -> list[float]:
    """The filter factors of the twelve directions at stop ``i``, largest singular value first."""
    p = path()
    return models.filter_factors(p["fits"][i].singular_values, p["alphas"][i]).tolist()


def _index(log_alpha: float) -> int:
    return int(round((log_alpha - LOG_ALPHA.start) / LOG_ALPHA.step))


def power_of_ten(log_alpha: float) -> str:
    """α as the readout writes it: ``10<sup>−2.50</sup>``."""
    return f"10<sup>{kit.to_fixed(log_alpha, 2)}</sup>"


def _readout(i: int) -> str:
    p = path()
    fit, cv = p["fits"][i], p["cv"]
    best = int(np.argmin(cv.cv_error))
    verdict = _verdict(i, best)
    return (f"<b>α = {power_of_ten(p['log_alphas'][i])}</b>: ‖w‖ = "
            f"{kit.to_fixed(fit.norm, 2)}, effective degrees of freedom "
            f"{kit.to_fixed(fit.effective_dof, 2)} of {DEGREE}<br>"
            f"training MSE {kit.to_fixed(cv.training_error[i], 3)}, "
            f"{FOLDS}-fold CV MSE <b>{kit.to_fixed(cv.cv_error[i], 3)}</b> (lowest "
            f"{kit.to_fixed(cv.cv_error[best], 3)}, at α = "
            f"{power_of_ten(p['log_alphas'][best])})<br>This α is {verdict}")


def readout_text(log_alpha=-2.5) -> str:
    """The figure's readout for a value of the slider (HTML)."""
    return _readout(_index(LOG_ALPHA.check(log_alpha, "log_alpha")))


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"ridge-path-log-alpha": -2.5}``."""
    i = _index(values[f"{NAME}-log-alpha"])
    p = path()
    fit, cv, log_alpha = p["fits"][i], p["cv"], float(p["log_alphas"][i])
    return {
        f"{NAME}-fit": {"data": {"x": _grid(), "y": _curve(fit)}},
        f"{NAME}-weights-now": {"data": {"log_alpha": [log_alpha] * DEGREE,
                                         "w": fit.weights.tolist()}},
        f"{NAME}-errors-now": {"data": {"log_alpha": [log_alpha],
                                        "training": [float(cv.training_error[i])],
                                        "cv": [float(cv.cv_error[i])]}},
        f"{NAME}-factors": {"data": {"direction": list(range(1, DEGREE + 1)),
                                     "f": _factors(i)}},
        f"{NAME}-path-line": {"location": log_alpha},
        f"{NAME}-error-line": {"location": log_alpha},
        f"{NAME}-readout": {"text": _readout(i)},
    }


def fig_ridge_path(log_alpha=-2.5) -> kit.BookFigure:
    """The ridge path: a degree-12 polynomial fit shrinking from wild to flat as the
    penalty grows, with its weights and its errors against log₁₀ α.
    Book section: Machine Learning, *Regularisation*.

    Parameters
    ----------
    log_alpha : float
        log₁₀ α, in ``[-8, 2]`` in steps of 0.25.
    """
    log_alpha = LOG_ALPHA.check(log_alpha, "log_alpha")
    slider = LOG_ALPHA.slider(log_alpha, name=f"{NAME}-log-alpha", argument="log_alpha",
                              format="0.00")
    state = page_state({slider.name: slider.value})
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("fit", "weights-now", "errors-now", "factors")}
    lines = {key: Span(location=log_alpha, dimension="height", line_color=palette.GREY,
                       line_width=2, line_dash="dotted", name=f"{NAME}-{key}")
             for key in ("path-line", "error-line")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    p = path()
    fits = p["fits"]
    kit.link(kit.callback(
        "ridge_path.js", slider=slider, readout=readout, fit=sources["fit"],
        weights_now=sources["weights-now"], errors_now=sources["errors-now"],
        factors=sources["factors"], alphas=p["alphas"].tolist(),
        singular_values=fits[0].singular_values.tolist(),
        path_line=lines["path-line"], error_line=lines["error-line"],
        start=LOG_ALPHA.start, step=LOG_ALPHA.step, degree=DEGREE, folds=FOLDS,
        curve_points=CURVE_POINTS, log_alphas=p["log_alphas"].tolist(),
        weights=[f.weights.tolist() for f in fits], intercepts=[f.intercept for f in fits],
        means=fits[0].mean.tolist(), scales=fits[0].scale.tolist(),
        norms=[f.norm for f in fits], dofs=[f.effective_dof for f in fits],
        training=p["cv"].training_error.tolist(), cv=p["cv"].cv_error.tolist()), slider)
    return kit.BookFigure(
        NAME, [kit.Controls(slider, columns=1), kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(_fit_plot(sources), _error_plot(sources, lines["error-line"])),
               kit.Panels(_path_plot(sources, lines["path-line"]), _factor_plot(sources))],
        static=_static(_index(log_alpha)), alt=_describe(_index(log_alpha)))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readout the slider can give, on a phone and wider."""
    texts = [_readout(i) for i in range(LOG_ALPHA.count)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _style(j: int) -> tuple:
    return COLOURS[j % len(COLOURS)], DASHES[j // len(COLOURS)]


def _legend(plot, location: str = "center", columns: int = 2) -> None:
    legend = plot.legend[0]
    legend.orientation = "horizontal"
    legend.location = location
    legend.label_text_font_size = "12px"
    legend.spacing = 6
    legend.ncols = columns
    kit.theme_legend(legend)
    plot.add_layout(legend, "below")


def _fit_plot(sources):
    p = path()
    plot = kit.canvas(f"{NAME}-fit-plot", title=f"The degree-{DEGREE} ridge fit",
                      width=PLOT_PX[0], height=PLOT_PX[1], x_range=Range1d(0.0, 1.0),
                      y_range=Range1d(Y_LOW, Y_HIGH))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "x", "y"
    plot.yaxis.ticker = [-2, -1, 0, 1, 2]
    grid = np.array(_grid())
    plot.line(grid.tolist(), np.sin(2 * np.pi * grid).tolist(), line_color=palette.GREY,
              line_width=1.5, line_dash="dashed", legend_label="truth, sin 2πx")
    plot.line("x", "y", source=sources["fit"], line_color=palette.BLUE, line_width=3,
              legend_label="ridge fit")
    data = ColumnDataSource({"x": p["x"].tolist(), "y": p["y"].tolist()}, name=f"{NAME}-data")
    plot.scatter("x", "y", source=data, size=7, fill_color=palette.PAPER,
                 line_color=palette.INK, line_width=1.5, legend_label="data")
    _legend(plot, columns=2)
    return plot


def _path_plot(sources, line):
    p = path()
    weights = np.array([f.weights for f in p["fits"]])
    plot = kit.canvas(f"{NAME}-path-plot", title="The ridge path: weights of x¹ to x¹²",
                      width=PLOT_PX[0], height=PLOT_PX[1],
                      x_range=Range1d(LOG_ALPHA.start, LOG_ALPHA.end),
                      y_range=Range1d(-WEIGHT_LIMIT, WEIGHT_LIMIT))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "log₁₀ α", "weight (standardised)"
    for j in range(DEGREE):
        colour, dash = _style(j)
        plot.line(p["log_alphas"].tolist(), weights[:, j].tolist(), line_color=colour,
                  line_width=1.8, line_dash=dash)
    plot.scatter("log_alpha", "w", source=sources["weights-now"], size=7,
                 fill_color=palette.PAPER, line_color=palette.INK, line_width=1.5)
    plot.add_layout(line)
    return plot


def _error_plot(sources, line):
    p = path()
    cv = p["cv"]
    best = int(np.argmin(cv.cv_error))
    plot = kit.canvas(f"{NAME}-error-plot", title="Mean squared error (log scale)",
                      width=PLOT_PX[0], height=PLOT_PX[1], y_axis_type="log",
                      x_range=Range1d(LOG_ALPHA.start, LOG_ALPHA.end),
                      y_range=Range1d(ERROR_LOW, ERROR_HIGH))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "log₁₀ α", "MSE"
    plot.yaxis.ticker = LogTicker(desired_num_ticks=4, num_minor_ticks=0)
    logs = p["log_alphas"].tolist()
    plot.line([LOG_ALPHA.start, LOG_ALPHA.end], [NOISE ** 2] * 2, line_color=palette.GREEN,
              line_width=1.5, line_dash="dotdash", legend_label="noise σ²")
    plot.line(logs, cv.training_error.tolist(), line_color=palette.BLUE, line_width=2,
              legend_label="training")
    plot.line(logs, cv.cv_error.tolist(), line_color=palette.VERMILLION, line_width=2,
              line_dash="dashed", legend_label=f"{FOLDS}-fold CV")
    plot.scatter([logs[best]], [float(cv.cv_error[best])], marker="star", size=16,
                 fill_color=palette.GREEN, line_color=palette.INK, legend_label="lowest CV")
    plot.scatter("log_alpha", "training", source=sources["errors-now"], size=9,
                 fill_color=palette.BLUE, line_color=palette.INK)
    plot.scatter("log_alpha", "cv", source=sources["errors-now"], marker="square", size=9,
                 fill_color=palette.VERMILLION, line_color=palette.INK)
    plot.add_layout(line)
    _legend(plot)
    return plot


def _factor_plot(sources):
    plot = kit.canvas(f"{NAME}-factor-plot", title="Filter factors s²/(s² + α)", width=PLOT_PX[0], height=PLOT_PX[1],
                      x_range=Range1d(0.4, DEGREE + 0.6), y_range=Range1d(0.0, 1.05))
    plot.xaxis.axis_label = "singular direction i (largest sᵢ first)"
    plot.yaxis.axis_label = "fraction kept"
    plot.xaxis.ticker = list(range(1, DEGREE + 1))
    plot.vbar(x="direction", top="f", width=0.7, source=sources["factors"],
              fill_color=palette.BLUE, line_color=palette.INK)
    return plot


def _static(i: int):
    p = path()
    fit, cv = p["fits"][i], p["cv"]
    logs, log_alpha = p["log_alphas"], float(p["log_alphas"][i])
    best = int(np.argmin(cv.cv_error))
    figure = kit.twin(2 * kit.PLOT_INCHES, 1.75 * kit.PLOT_INCHES)
    (top, errors), (paths, factors) = figure.subplots(2, 2)
    xs = np.array(_grid())
    top.plot(xs, np.sin(2 * np.pi * xs), "--", color=palette.GREY, lw=1.2,
             label="truth, sin 2πx")
    top.plot(xs, _curve(fit), color=palette.BLUE, lw=2.5, label="ridge fit")
    top.plot(p["x"], p["y"], "o", mfc="white", mec=palette.INK, ms=5, label="data")
    top.set_xlim(0.0, 1.0)
    top.set_ylim(Y_LOW, Y_HIGH)
    top.set_xlabel("x")
    top.set_ylabel("y")
    top.grid(alpha=0.3)
    top.legend(fontsize=8, loc="lower left")
    top.set_title(f"Degree {DEGREE}, log₁₀ α = {kit.to_fixed(log_alpha, 2)}: ‖w‖ = "
                  f"{kit.to_fixed(fit.norm, 2)}", fontsize=10)
    weights = np.array([f.weights for f in p["fits"]])
    for j in range(DEGREE):
        colour, dash = _style(j)
        paths.plot(logs, weights[:, j], MPL_DASHES[dash], color=colour, lw=1.3)
    paths.plot([log_alpha] * DEGREE, fit.weights, "o", mfc="white", mec=palette.INK, ms=4)
    paths.axvline(log_alpha, color=palette.GREY, lw=1.5, ls=":")
    paths.set_xlim(LOG_ALPHA.start, LOG_ALPHA.end)
    paths.set_ylim(-WEIGHT_LIMIT, WEIGHT_LIMIT)
    paths.set_xlabel("log₁₀ α")
    paths.set_ylabel("weight (standardised)")
    paths.grid(alpha=0.3)
    paths.set_title("The ridge path: weights of x¹ to x¹²", fontsize=10)
    errors.set_yscale("log")
    errors.axhline(NOISE ** 2, color=palette.GREEN, lw=1.2, ls="-.", label="noise σ²")
    errors.plot(logs, cv.training_error, "-", color=palette.BLUE, lw=1.8, label="training")
    errors.plot(logs, cv.cv_error, "--", color=palette.VERMILLION, lw=1.8,
                label=f"{FOLDS}-fold CV")
    errors.plot([logs[best]], [cv.cv_error[best]], "*", color=palette.GREEN, mec=palette.INK,
                ms=13, label="lowest CV")
    errors.plot([log_alpha], [cv.training_error[i]], "o", color=palette.BLUE, mec=palette.INK,
                ms=6)
    errors.plot([log_alpha], [cv.cv_error[i]], "s", color=palette.VERMILLION, mec=palette.INK,
                ms=6)
    errors.axvline(log_alpha, color=palette.GREY, lw=1.5, ls=":")
    errors.set_xlim(LOG_ALPHA.start, LOG_ALPHA.end)
    errors.set_ylim(ERROR_LOW, ERROR_HIGH)
    errors.set_xlabel("log₁₀ α")
    errors.set_ylabel("MSE")
    errors.grid(alpha=0.3)
    errors.legend(fontsize=8, loc="lower right", ncols=2)
    errors.set_title("Mean squared error (log scale)", fontsize=10)
    factors.bar(range(1, DEGREE + 1), _factors(i), width=0.7, color=palette.BLUE,
                edgecolor=palette.INK)
    factors.set_xlim(0.4, DEGREE + 0.6)
    factors.set_ylim(0.0, 1.05)
    factors.set_xticks(range(1, DEGREE + 1))
    factors.set_xlabel("singular direction i (largest sᵢ first)")
    factors.set_ylabel("fraction kept")
    factors.grid(alpha=0.3, axis="y")
    factors.set_title(f"Filter factors: effective degrees of freedom "
                      f"{kit.to_fixed(fit.effective_dof, 2)}", fontsize=10)
    return figure


def _verdict(i: int, best: int) -> str:
    if i < best:
        return ("weaker than cross-validation's choice: the fit follows the noise "
                "(high variance)")
    if i > best:
        return ("stronger than cross-validation's choice: the fit is pulled towards the flat "
                "mean (high bias)")
    return "cross-validation's choice, with the lowest CV error"


def _describe(i: int) -> str:
    p = path()
    fits, cv, logs = p["fits"], p["cv"], p["log_alphas"]
    best = int(np.argmin(cv.cv_error))
    first, last = fits[0], fits[-1]
    return (
        f"Fifteen noisy points of a sine wave, fitted by a polynomial of degree {DEGREE} with "
        f"ridge regression at penalty strength α = 10 to the power {kit.to_fixed(logs[i], 2)}, "
        f"which is {_verdict(i, best)}. The fitted curve has weights of length "
        f"{kit.to_fixed(fits[i].norm, 2)} and {kit.to_fixed(fits[i].effective_dof, 2)} "
        f"effective degrees of freedom of {DEGREE}. Against log₁₀ α from "
        f"{kit.to_fixed(logs[0], 0)} to {kit.to_fixed(logs[-1], 0)}: the twelve weights, "
        f"whose length falls from {kit.to_fixed(first.norm, 2)} to {kit.to_fixed(last.norm, 2)} "
        f"as they all shrink towards zero, and the errors on a log scale. The training error "
        f"rises steadily with α, from {kit.to_fixed(cv.training_error[0], 3)} to "
        f"{kit.to_fixed(cv.training_error[-1], 3)}; the {FOLDS}-fold cross-validation error "
        f"is {kit.to_fixed(cv.cv_error[0], 3)} at the weakest penalty, falls to its lowest, "
        f"{kit.to_fixed(cv.cv_error[best], 3)} at α = 10 to the power "
        f"{kit.to_fixed(logs[best], 2)}, near the noise variance σ² = "
        f"{kit.to_fixed(NOISE ** 2, 2)}, and climbs again to "
        f"{kit.to_fixed(cv.cv_error[-1], 3)} as the fit flattens towards the mean. Last, "
        f"the filter factors of the twelve singular directions at this α: "
        f"{_kept(i)} of them keep more than half of their least-squares component and the "
        f"others less, the smaller the singular value the less.")


def _kept(i: int) -> int:
    return sum(f > 0.5 for f in _factors(i))
