"""The gradient descent simulation (chapter *Gradient descent*,
``chapters/calculus/gradient-descent.md``).

A menu picks the surface (round bowl, elongated bowl, Rosenbrock, two minima,
:data:`mlmath.calculus.SURFACES`); sliders set the learning rate on a log
scale, the start point (or a tap on the plot), the number of steps and the
momentum. The left plot draws the path of :func:`mlmath.calculus.gradient_descent`
on the surface's contours, the right one the gap to the global minimum,
f(w⁽ᵗ⁾) − f*, against the step on a log axis. On the bowls the readout gives
the stability bound η·λ_max < 2 (2(1 + β) with momentum) from the Hessian's
eigenvalues; on the others the same product with the Hessian at the minimum,
as a guide. A run that diverges is drawn up to the step before, and the
readout says "diverged at step k".

``figures/js/descent_simulation.js`` recomputes the path in the page with the
same floating-point operations in the same order (the learning rates are
passed as a table, so that both sides use the same numbers); :func:`page_state`
is what it must show.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import contourpy
import numpy as np
from bokeh.models import ColumnDataSource, LabelSet, LogTicker, Range1d, Select

from mlmath import calculus
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_descent_simulation", "page_state", "readout_text", "scientific"]

NAME = "descent-simulation"
CHOICES = tuple(calculus.SURFACES)
SLIDERS = {
    "log_eta": kit.SliderSpec("log₁₀ η, the learning rate as a power of ten", -4.0, 0.5, 0.05),
    "w1": kit.SliderSpec("Start, w₁", -2.5, 2.5, 0.1),
    "w2": kit.SliderSpec("Start, w₂", -2.5, 2.5, 0.1),
    "steps": kit.SliderSpec("Number of steps", 10.0, 1000.0, 10.0),
    "momentum": kit.SliderSpec("Momentum β", 0.0, 0.95, 0.05),
}
#: The learning rates the slider can give, computed once here (JavaScript's
#: 10 ** x and Python's need not agree in the last bit, and a path amplifies it).
ETAS = [float(10.0 ** v) for v in SLIDERS["log_eta"].values()]
LIMIT = 2.5
#: Gaps below this are rounding, not progress (double precision keeps about 16 digits).
GAP_FLOOR = 1e-16
#: Contours: the gap f − f* at these heights, per surface, on a grid over the plot.
LEVELS = {
    "round bowl": (0.125, 0.5, 1.125, 2.0, 3.125, 4.5),
    "elongated bowl": (0.125, 0.5, 1.125, 2.0, 4.5, 8.0, 12.5, 18.0, 24.5),
    "Rosenbrock": (1.0, 4.0, 16.0, 64.0, 256.0, 1024.0),
    "two minima": (0.1, 0.3, 0.6, 1.0, 1.5, 2.5, 4.0, 6.0),
}
#: Grid points across the plot for the contours; Rosenbrock's narrow, steep valley needs
#: more for its contours to be drawn true.
GRID = {"round bowl": 81, "elongated bowl": 101, "Rosenbrock": 241, "two minima": 101}
LOSS_WIDTH, LOSS_HEIGHT = 440, 300
READOUT_LINES = (10, 5)


def _sci_parts(value: float, digits: int) -> tuple[str, int]:
    # Ties away from zero on the exact binary value, as JavaScript's toExponential.
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        text = format(Decimal(value), f".{digits}e")
    mantissa, exponent = text.split("e")
    return mantissa, int(exponent)


def scientific(value: float, digits: int = 2) -> str:
    """``value`` as ``1.23 × 10⁻⁵``, as the callback writes it (``toExponential``)."""
    mantissa, exponent = _sci_parts(value, digits)
    mantissa = mantissa.replace("-", kit.MINUS)
    power = str(exponent).replace("-", "⁻").translate(str.maketrans("0123456789",
                                                                    "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa} × 10{power}"


def _eta_text(eta: float) -> str:
    return kit.to_fixed(eta, 3) if eta >= 0.01 else scientific(eta)


def _bounds() -> dict:
    """λ_max of each surface's Hessian: everywhere on the bowls, at the minimum otherwise."""
    found = {}
    for name, surface in calculus.SURFACES.items():
        values = calculus.stability_bound(surface.hessian(surface.minimum)).eigenvalues
        found[name] = [float(v) for v in values]
    return found


EIGENVALUES = _bounds()


def _contours() -> dict:
    found = {}
    for name, surface in calculus.SURFACES.items():
        axis = np.linspace(-LIMIT - 0.5, LIMIT + 0.5, GRID[name])
        w1, w2 = np.meshgrid(axis, axis)
        heights = surface.on_grid(w1, w2)
        generator = contourpy.contour_generator(w1, w2, heights - surface.lowest,
                                                line_type="Separate")
        xs, ys = [], []
        for level in LEVELS[name]:
            for line in generator.lines(level):
                xs.append(np.round(line[:, 0], 3).tolist())
                ys.append(np.round(line[:, 1], 3).tolist())
        found[name] = {"xs": xs, "ys": ys}
    return found


CONTOURS = _contours()


def _run(name: str, log_eta: float, w1: float, w2: float, steps: float, beta: float) -> dict:
    surface = calculus.SURFACES[name]
    eta = ETAS[round((log_eta - SLIDERS["log_eta"].start) / SLIDERS["log_eta"].step)]
    result = calculus.gradient_descent(surface.grad, [w1, w2], eta, int(round(steps)),
                                       momentum=beta, f=surface.f)
    gaps = np.maximum(result.losses - surface.lowest, GAP_FLOOR)
    return {"name": name, "eta": eta, "beta": beta, "steps": int(round(steps)),
            "result": result, "gaps": gaps, "lowest": surface.lowest,
            "quadratic": surface.quadratic, "eigenvalues": EIGENVALUES[name]}


def _bound_line(run: dict) -> str:
    fixed = kit.to_fixed
    largest = run["eigenvalues"][0]
    product = run["eta"] * largest
    beta = run["beta"]
    limit = 2 * (1 + beta)
    bound = "2" if beta == 0 else f"2(1 + β) = {fixed(limit, 2)}"
    sign = "&lt;" if product < limit else "≥"
    if run["quadratic"]:
        values = " and ".join(fixed(v, 2) for v in run["eigenvalues"])
        verdict = "stable" if product < limit else "unstable"
        text = (f"Hessian eigenvalues {values}: <b>η·λ<sub>max</sub> = {fixed(product, 3)} "
                f"{sign} {bound}</b>, {verdict}")
        if beta == 0:
            text += (f"; along the steepest axis the error is multiplied by "
                     f"1 − ηλ<sub>max</sub> = {fixed(1 - product, 3)} each step")
        return text
    return (f"Not a quadratic: at the minimum the Hessian's λ<sub>max</sub> = "
            f"{fixed(largest, 2)}, so η·λ<sub>max</sub> = {fixed(product, 3)} {sign} {bound} "
            "there (a guide near the minimum, not a guarantee)")


def _status_line(run: dict) -> str:
    fixed = kit.to_fixed
    result = run["result"]
    if result.diverged:
        size = result.diverged_value
        what = ("stopped being a finite number" if not np.isfinite(size) else
                f"reached {scientific(size)}, beyond 10⁸")
        return (f"<b>Diverged at step {result.diverged_at}</b>: a coordinate of w {what}, "
                f"so the path stops at step {result.diverged_at - 1}.")
    w = result.final
    gap = run["gaps"][-1]
    gap_text = (f"f(w) − f* = {scientific(gap)}" if gap > GAP_FLOOR
                else "f(w) − f* below 10⁻¹⁶, the resolution of double precision")
    text = (f"After {run['steps']} steps: w = ({fixed(w[0], 3)}, {fixed(w[1], 3)}), "
            f"{gap_text}")
    if run["name"] == "two minima":
        deep, shallow = calculus.double_well_minima()
        if np.abs(w - deep).max() < 0.01:
            text += ": at the <b>global minimum</b>"
        elif np.abs(w - shallow).max() < 0.01:
            text += ": stuck in the <b>local minimum</b>, the shallower valley"
    return text + "."


def _readout(run: dict) -> str:
    head = (f"<b>{run['name']}</b> · η = {_eta_text(run['eta'])} · "
            f"β = {kit.to_fixed(run['beta'], 2)} · {run['steps']} steps")
    return f"{head}<br>{_bound_line(run)}<br>{_status_line(run)}"


def readout_text(surface="elongated bowl", log_eta=-0.75, w1=-2.0, w2=1.0, steps=50,
                 momentum=0.0) -> str:
    """The readout (HTML) for the given controls."""
    return _readout(_run(*_check(surface, log_eta, w1, w2, steps, momentum)))


def _data(run: dict) -> dict:
    path = run["result"].path
    gaps = run["gaps"]
    return {
        "path": {"x": path[:, 0].tolist(), "y": path[:, 1].tolist()},
        "ends": {"x": [float(path[0, 0]), float(path[-1, 0])],
                 "y": [float(path[0, 1]), float(path[-1, 1])],
                 "label": ["start", "end"]},
        "loss": {"step": list(range(len(gaps))), "gap": gaps.tolist()},
    }


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"descent-simulation-surface": ..., ...}``."""
    name = values[f"{NAME}-surface"]
    run = _run(name, *(float(values[f"{NAME}-{key.replace('_', '-')}"]) for key in SLIDERS))
    data = _data(run)
    minimum = calculus.SURFACES[name].minimum
    return {
        f"{NAME}-contours": {"data": CONTOURS[name]},
        f"{NAME}-minimum": {"data": {"x": [float(minimum[0])], "y": [float(minimum[1])]}},
        f"{NAME}-path": {"data": data["path"]},
        f"{NAME}-ends": {"data": data["ends"]},
        f"{NAME}-loss": {"data": data["loss"]},
        f"{NAME}-loss-x": {"start": 0, "end": run["steps"]},
        f"{NAME}-readout": {"text": _readout(run)},
    }


def _check(surface, log_eta, w1, w2, steps, momentum):
    if surface not in CHOICES:
        raise ValueError(f"surface must be one of {', '.join(map(repr, CHOICES))}, "
                         f"got {surface!r}")
    given = {"log_eta": log_eta, "w1": w1, "w2": w2, "steps": steps, "momentum": momentum}
    return (surface, *(SLIDERS[key].check(value, key) for key, value in given.items()))


def fig_descent_simulation(surface="elongated bowl", log_eta=-0.75, w1=-2.0, w2=1.0,
                           steps=50, momentum=0.0) -> kit.BookFigure:
    """The gradient descent simulation: a path on a surface's contours and its loss.
    Book section: Calculus, *Gradient descent*.

    Parameters
    ----------
    surface : {"round bowl", "elongated bowl", "Rosenbrock", "two minima"}
        The surface the menu starts on.
    log_eta : float
        The learning rate as a power of ten, ``η = 10**log_eta``, in ``[-4, 0.5]`` in
        steps of 0.05.
    w1, w2 : float
        The start, each in ``[-2.5, 2.5]`` in steps of 0.1.
    steps : int
        The number of steps, in ``[10, 1000]`` in steps of 10.
    momentum : float
        The momentum β, in ``[0, 0.95]`` in steps of 0.05.
    """
    checked = _check(surface, log_eta, w1, w2, steps, momentum)
    menu = Select(title="The surface", value=checked[0], options=list(CHOICES),
                  name=f"{NAME}-surface", sizing_mode="stretch_width")
    formats = {"log_eta": "0.00", "w1": "0.0", "w2": "0.0", "steps": "0", "momentum": "0.00"}
    sliders = {key: spec.slider(value, name=f"{NAME}-{key.replace('_', '-')}", argument=key,
                                format=formats[key])
               for (key, spec), value in zip(SLIDERS.items(), checked[1:])}
    values = {menu.name: menu.value, **{s.name: s.value for s in sliders.values()}}
    state = page_state(values)
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("contours", "minimum", "path", "ends", "loss")}
    loss_x = Range1d(0, state[f"{NAME}-loss-x"]["end"], name=f"{NAME}-loss-x")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    minima = {name: [float(v) for v in s.minimum] for name, s in calculus.SURFACES.items()}
    deep, shallow = calculus.double_well_minima()
    kit.link(kit.callback(
        "descent_simulation.js", menu=menu, eta_slider=sliders["log_eta"],
        w1_slider=sliders["w1"], w2_slider=sliders["w2"], steps_slider=sliders["steps"],
        momentum_slider=sliders["momentum"], readout=readout, loss_x=loss_x,
        **sources, choices=list(CHOICES), etas=ETAS, eta_start=SLIDERS["log_eta"].start,
        eta_step=SLIDERS["log_eta"].step, contour_data=[CONTOURS[c] for c in CHOICES],
        minima=[minima[c] for c in CHOICES],
        lowest=[float(calculus.SURFACES[c].lowest) for c in CHOICES],
        quadratic=[calculus.SURFACES[c].quadratic for c in CHOICES],
        eigenvalues=[EIGENVALUES[c] for c in CHOICES],
        bowls=[np.diag(calculus.SURFACES[c].hessian(np.zeros(2))).tolist()
               if calculus.SURFACES[c].quadratic else [0.0, 0.0] for c in CHOICES],
        tilt=calculus.DOUBLE_WELL_TILT, deep=deep.tolist(), shallow=shallow.tolist(),
        limit=calculus.DIVERGENCE_LIMIT, floor=GAP_FLOOR),
        menu, *sliders.values())
    contour_plot = _contour_plot(sources)
    kit.tap_moves(contour_plot, sliders["w1"], sliders["w2"])  # a tap moves the start
    run = _run(*checked)
    return kit.BookFigure(
        NAME, [kit.Controls(menu, *sliders.values(), columns=2),
               kit.Readout(readout, lines=READOUT_LINES),
               kit.Panels(contour_plot, _loss_plot(sources, loss_x))],
        static=_static(run, state), alt=_describe(run))


def _contour_plot(sources: dict):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT, title="The path on the contours of f",
                             labels=("w₁", "w₂"))
    plot.multi_line(xs="xs", ys="ys", source=sources["contours"], line_color=palette.GREY,
                    line_width=1)
    plot.scatter(x="x", y="y", source=sources["minimum"], marker="star", size=16,
                 fill_color=palette.GREEN, line_color=palette.INK)
    plot.line(x="x", y="y", source=sources["path"], line_color=palette.BLUE, line_width=2)
    plot.scatter(x="x", y="y", source=sources["path"], size=4, color=palette.BLUE)
    plot.scatter(x="x", y="y", source=sources["ends"], size=10, marker="circle",
                 fill_color=palette.PAPER, line_color=palette.VERMILLION, line_width=2.5)
    plot.add_layout(LabelSet(x="x", y="y", text="label", source=sources["ends"], x_offset=7,
                             y_offset=5, text_font_size="12px", text_color=palette.INK))
    return plot


def _loss_plot(sources: dict, loss_x):
    plot = kit.canvas(f"{NAME}-loss-plot", title="f(w) − f* against the step (log scale)",
                      width=LOSS_WIDTH, height=LOSS_HEIGHT, x_range=loss_x,
                      y_axis_type="log")
    plot.xaxis.axis_label, plot.yaxis.axis_label = "step t", "f(w⁽ᵗ⁾) − f*"
    plot.yaxis.ticker = LogTicker(desired_num_ticks=4, num_minor_ticks=0)
    plot.line(x="step", y="gap", source=sources["loss"], line_color=palette.VERMILLION,
              line_width=2)
    return plot


def _static(run: dict, state: dict):
    figure = kit.twin(kit.PLOT_INCHES, 2 * kit.PLOT_INCHES)
    top, bottom = figure.subplots(2, 1)
    kit.square_axes(figure, LIMIT, ax=top, labels=("$w_1$", "$w_2$"),
                    title=f"{run['name']}, η = {_eta_text(run['eta'])}, "
                          f"β = {kit.to_fixed(run['beta'], 2)}")
    contours = state[f"{NAME}-contours"]["data"]
    for xs, ys in zip(contours["xs"], contours["ys"]):
        top.plot(xs, ys, color=palette.GREY, linewidth=0.8)
    minimum = state[f"{NAME}-minimum"]["data"]
    top.plot(minimum["x"], minimum["y"], "*", color=palette.GREEN, markersize=13,
             markeredgecolor=palette.INK)
    path = state[f"{NAME}-path"]["data"]
    top.plot(path["x"], path["y"], "-o", color=palette.BLUE, linewidth=1.5, markersize=2.5)
    ends = state[f"{NAME}-ends"]["data"]
    top.plot(ends["x"], ends["y"], "o", markerfacecolor="white",
             markeredgecolor=palette.VERMILLION, markersize=8, markeredgewidth=2)
    for x, y, label in zip(ends["x"], ends["y"], ends["label"]):
        top.annotate(label, (x, y), xytext=(5, 4), textcoords="offset points", fontsize=9,
                     color=palette.INK)
    loss = state[f"{NAME}-loss"]["data"]
    bottom.semilogy(loss["step"], loss["gap"], color=palette.VERMILLION, linewidth=1.8)
    bottom.set_xlim(0, run["steps"])
    bottom.set_xlabel("step t")
    bottom.set_ylabel("$f(w^{(t)}) - f^*$")
    bottom.grid(alpha=0.3)
    bottom.set_title("f(w) − f* against the step (log scale)", fontsize=10)
    return figure


def _describe(run: dict) -> str:
    result = run["result"]
    text = (f"Contour lines of the {run['name']} with the path of gradient descent from "
            f"({result.path[0, 0]:g}, {result.path[0, 1]:g}), learning rate "
            f"{_eta_text(run['eta'])}, momentum {kit.to_fixed(run['beta'], 2)}, and a plot of "
            "the gap to the minimum against the step on a log scale. ")
    if result.diverged:
        return text + f"The run diverged at step {result.diverged_at}."
    w = result.final
    return text + (f"After {run['steps']} steps the path ends at ({kit.to_fixed(w[0], 3)}, "
                   f"{kit.to_fixed(w[1], 3)}); " + _bound_line(run).replace("<b>", "")
                   .replace("</b>", "").replace("<sub>", "_").replace("</sub>", "")
                   .replace("&lt;", "<") + ".")
