"""The derivative explorer (chapter *Derivatives*, ``chapters/calculus/derivatives.md``).

A menu picks f (x², sin x, x³ − 3x, eˣ), a slider places x₀, and a slider sets
the step h on a log scale (it moves log₁₀ h). The upper plot draws f, the
secant through (x₀, f(x₀)) and (x₀ + h, f(x₀ + h)) and the tangent at x₀; the
lower one draws f′ with the exact slope f′(x₀) marked, and the secant's slope
beside it. The readout gives the exact derivative, the secant slope (the
forward difference of :mod:`mlmath.calculus`) and their difference.
``figures/js/derivative_explorer.js`` redraws it in the page; :func:`page_state`
is what it must show, computed in Python.
"""

from __future__ import annotations

import numpy as np
from bokeh.models import ColumnDataSource, Range1d, Select

from mlmath import calculus
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_derivative_explorer", "page_state", "readout_text"]

NAME = "derivative-explorer"
#: The functions the menu offers, in its order (keys of mlmath.calculus.FUNCTIONS).
CHOICES = tuple(calculus.FUNCTIONS)
X0 = kit.SliderSpec("x₀, where the tangent touches", -2.0, 2.0, 0.1)
LOG_H = kit.SliderSpec("log₁₀ h, the step h as a power of ten", -4.0, 0.0, 0.25)
#: The plots show x from X_LOW to X_HIGH (room for x₀ + h at x₀ = 2, h = 1).
X_LOW, X_HIGH = -3.0, 3.0
SAMPLES = 121
#: Vertical ranges of the plot of f and of f′, per function.
#: Each leaves room at the top for the legend, above the curve where the legend is.
F_RANGE = {"x²": (-1.0, 12.0), "sin x": (-1.5, 2.4), "x³ − 3x": (-20.0, 20.0),
           "eˣ": (-1.0, 21.0)}
DF_RANGE = {"x²": (-6.5, 9.5), "sin x": (-1.5, 2.4), "x³ − 3x": (-4.0, 25.0),
            "eˣ": (-1.0, 21.0)}
DIGITS = 6
WIDTH_PX, HEIGHT_PX = 440, 280


def _numbers(name: str, x0: float, log_h: float) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.calculus`."""
    f, df = calculus.FUNCTIONS[name]
    h = 10.0**log_h
    exact = float(df(x0))
    secant = calculus.forward_difference(f, x0, h)
    return {"f": f, "df": df, "x0": x0, "h": h, "fx0": float(f(x0)), "fx1": float(f(x0 + h)),
            "exact": exact, "secant": secant, "gap": secant - exact}


def _readout(name: str, n: dict) -> str:
    return (f"<b>f(x) = {name}</b>, x₀ = {kit.to_fixed(n['x0'], 1)}, "
            f"h = {kit.to_fixed(n['h'], DIGITS)}<br>"
            f"exact slope f′(x₀) = {kit.tint(kit.to_fixed(n['exact'], DIGITS), palette.GREEN)}"
            f" · secant slope = {kit.tint(kit.to_fixed(n['secant'], DIGITS), palette.VERMILLION)}"
            f" · difference = <b>{kit.to_fixed(n['gap'], DIGITS)}</b>")


def readout_text(function="x²", x0=1.0, log_h=-0.5) -> str:
    """The explorer's readout for the menu's ``function``, ``x0`` and ``log_h`` (HTML)."""
    name, x0, log_h = _check(function, x0, log_h)
    return _readout(name, _numbers(name, x0, log_h))


def _line(x0: float, y0: float, slope: float) -> dict:
    return {"x": [X_LOW, X_HIGH], "y": [y0 + slope * (X_LOW - x0), y0 + slope * (X_HIGH - x0)]}


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"derivative-explorer-function": "x²",
    "derivative-explorer-x0": 1.0, "derivative-explorer-log-h": -0.5}``."""
    name = values[f"{NAME}-function"]
    n = _numbers(name, float(values[f"{NAME}-x0"]), float(values[f"{NAME}-log-h"]))
    grid = np.linspace(X_LOW, X_HIGH, SAMPLES)
    return {
        f"{NAME}-curve": {"data": {"x": grid.tolist(), "y": n["f"](grid).tolist()}},
        f"{NAME}-slope-curve": {"data": {"x": grid.tolist(), "y": n["df"](grid).tolist()}},
        f"{NAME}-tangent": {"data": _line(n["x0"], n["fx0"], n["exact"])},
        f"{NAME}-secant": {"data": _line(n["x0"], n["fx0"], n["secant"])},
        f"{NAME}-points": {"data": {"x": [n["x0"], n["x0"] + n["h"]], "y": [n["fx0"], n["fx1"]]}},
        f"{NAME}-slopes": {"data": {"x": [n["x0"], n["x0"]], "y": [n["exact"], n["secant"]],
                                    "fill": [palette.GREEN, palette.PAPER],
                                    "line": [palette.GREEN, palette.VERMILLION]}},
        f"{NAME}-f-y": dict(zip(("start", "end"), F_RANGE[name])),
        f"{NAME}-df-y": dict(zip(("start", "end"), DF_RANGE[name])),
        f"{NAME}-readout": {"text": _readout(name, n)},
    }


def _check(function, x0, log_h):
    if function not in CHOICES:
        raise ValueError(f"function must be one of {', '.join(map(repr, CHOICES))}, "
                         f"got {function!r}")
    return function, X0.check(x0, "x0"), LOG_H.check(log_h, "log_h")


def fig_derivative_explorer(function="x²", x0=1.0, log_h=-0.5) -> kit.BookFigure:
    """The derivative explorer: secant and tangent of f at x₀, and the graph of f′.
    Book section: Calculus, *Derivatives*.

    Parameters
    ----------
    function : {"x²", "sin x", "x³ − 3x", "eˣ"}
        The function the menu starts on.
    x0 : float
        Where the tangent touches, in ``[-2, 2]`` in steps of 0.1.
    log_h : float
        The step as a power of ten, ``h = 10**log_h``, in ``[-4, 0]`` in steps of 0.25.
    """
    name, x0, log_h = _check(function, x0, log_h)
    menu = Select(title="the function f", value=name, options=list(CHOICES),
                  name=f"{NAME}-function", sizing_mode="stretch_width")
    x0_slider = X0.slider(x0, name=f"{NAME}-x0", argument="x0", format="0.0")
    h_slider = LOG_H.slider(log_h, name=f"{NAME}-log-h", argument="log_h", format="0.00")
    state = page_state({menu.name: menu.value, x0_slider.name: x0_slider.value,
                        h_slider.name: h_slider.value})
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("curve", "slope-curve", "tangent", "secant", "points", "slopes")}
    ranges = {key: Range1d(*(state[f"{NAME}-{key}"][p] for p in ("start", "end")),
                           name=f"{NAME}-{key}") for key in ("f-y", "df-y")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "derivative_explorer.js", menu=menu, x0_slider=x0_slider, h_slider=h_slider,
        readout=readout, **{key.replace("-", "_"): s for key, s in sources.items()},
        f_y=ranges["f-y"], df_y=ranges["df-y"], choices=list(CHOICES),
        f_ranges=[list(F_RANGE[c]) for c in CHOICES],
        df_ranges=[list(DF_RANGE[c]) for c in CHOICES],
        low=X_LOW, high=X_HIGH, samples=SAMPLES, digits=DIGITS),
        menu, x0_slider, h_slider)
    n = _numbers(name, x0, log_h)
    return kit.BookFigure(
        NAME, [kit.Controls(menu, x0_slider, h_slider, columns=1), readout,
               kit.Panels(_plot_f(sources, ranges["f-y"])),
               kit.Panels(_plot_df(sources, ranges["df-y"]))],
        static=_static(name, state, n), alt=_describe(name, n))


def _plot_f(sources, y_range):
    plot = kit.canvas(f"{NAME}-f", title="f, its secant and its tangent",
                      width=WIDTH_PX, height=HEIGHT_PX, x_range=Range1d(X_LOW, X_HIGH),
                      y_range=y_range)
    plot.xaxis.axis_label, plot.yaxis.axis_label = "x", "f(x)"
    plot.line("x", "y", source=sources["curve"], line_color=palette.BLUE, line_width=3,
              legend_label="f")
    plot.line("x", "y", source=sources["secant"], line_color=palette.VERMILLION, line_width=2,
              line_dash="dashed", legend_label="secant")
    plot.line("x", "y", source=sources["tangent"], line_color=palette.GREEN, line_width=2,
              legend_label="tangent")
    plot.scatter("x", "y", source=sources["points"], size=9, fill_color=palette.INK,
                 line_color=palette.PAPER)
    plot.legend.location = "top_center"
    plot.legend.orientation = "horizontal"
    kit.theme_legend(plot.legend)
    return plot


def _plot_df(sources, y_range):
    plot = kit.canvas(f"{NAME}-df", title="f′, the exact and the secant slope",
                      width=WIDTH_PX, height=HEIGHT_PX, x_range=Range1d(X_LOW, X_HIGH),
                      y_range=y_range)
    plot.xaxis.axis_label, plot.yaxis.axis_label = "x", "f′(x)"
    plot.line("x", "y", source=sources["slope-curve"], line_color=palette.GREEN, line_width=3,
              legend_label="f′")
    plot.scatter("x", "y", source=sources["slopes"], size=10,
                 fill_color="fill", line_color="line", line_width=2)
    plot.legend.location = "top_center"
    plot.legend.orientation = "horizontal"
    kit.theme_legend(plot.legend)
    return plot


def _static(name: str, state: dict, n: dict):
    figure = kit.twin(kit.PLOT_INCHES, 1.25 * kit.PLOT_INCHES)
    top, bottom = figure.subplots(2, 1)
    data = {key: state[f"{NAME}-{key}"]["data"] for key in
            ("curve", "slope-curve", "tangent", "secant", "points")}
    top.plot(data["curve"]["x"], data["curve"]["y"], color=palette.BLUE, lw=2.5, label="f")
    top.plot(data["secant"]["x"], data["secant"]["y"], color=palette.VERMILLION, lw=1.8,
             ls="--", label="secant")
    top.plot(data["tangent"]["x"], data["tangent"]["y"], color=palette.GREEN, lw=1.8,
             label="tangent")
    top.plot(data["points"]["x"], data["points"]["y"], "o", color=palette.INK)
    top.set_ylim(*F_RANGE[name])
    top.set_title(f"f(x) = {name}, x₀ = {kit.to_fixed(n['x0'], 1)}, "
                  f"h = {kit.to_fixed(n['h'], DIGITS)}", fontsize=10)
    bottom.plot(data["slope-curve"]["x"], data["slope-curve"]["y"], color=palette.GREEN, lw=2.5,
                label="f′")
    bottom.plot([n["x0"]], [n["exact"]], "o", color=palette.GREEN)
    bottom.plot([n["x0"]], [n["secant"]], "o", mfc="none", color=palette.VERMILLION)
    bottom.set_ylim(*DF_RANGE[name])
    bottom.set_title(f"f′(x₀) = {kit.to_fixed(n['exact'], DIGITS)}, "
                     f"secant slope = {kit.to_fixed(n['secant'], DIGITS)}", fontsize=10)
    for ax, label in ((top, "f(x)"), (bottom, "f′(x)")):
        ax.set_xlim(X_LOW, X_HIGH)
        ax.set_xlabel("x")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper center", ncols=3, fontsize=9)
    return figure


def _describe(name: str, n: dict) -> str:
    return (f"Upper plot: the graph of f(x) = {name} for x from {X_LOW:g} to {X_HIGH:g}, with "
            f"the tangent line at x₀ = {n['x0']:g} and the dashed secant through x₀ and "
            f"x₀ + h, h = {kit.to_fixed(n['h'], DIGITS)}. Lower plot: the graph of the "
            f"derivative f′, with the exact slope f′(x₀) = {kit.to_fixed(n['exact'], DIGITS)} "
            f"marked as a filled dot and the secant slope {kit.to_fixed(n['secant'], DIGITS)} "
            f"as a hollow one; they differ by {kit.to_fixed(n['gap'], DIGITS)}.")
