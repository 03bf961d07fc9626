"""The optimizer race (chapter *Optimization algorithms*,
``chapters/calculus/optimizers.md``).

Five optimizers (SGD, momentum, RMSProp, Adam and Newton's method) start
from the same point of the same surface (:data:`mlmath.calculus.RACE_SURFACES`)
and run until the loss is within :data:`mlmath.calculus.RACE_TOLERANCE` of
its minimum, for at most :data:`MAX_STEPS` steps. Menus pick the surface and
the learning rates (tuned for the surface, or the library defaults); two
sliders, or a tap on the plot, move the start; the step slider advances
every run at once. The left plot draws each path on the contours up to step
``t``, the right one each loss gap :math:`L - L^*` on a log axis, and the
readout gives, for each optimizer at step ``t``, its learning rate, its gap
(or the step at which it finished, diverged or stopped) and its effective
step size ``‖Δw‖/‖g‖`` (g the gradient its last step used).

``figures/js/optimizer_race.js`` recomputes the runs in the page with the
same floating-point operations in the same order as
:func:`mlmath.calculus.steps_to_tolerance`; :func:`page_state` is what it
must show.
"""

from __future__ import annotations

import dataclasses
import functools

import contourpy
import numpy as np
from bokeh.models import ColumnDataSource, LogTicker, Range1d, Select, Span

from mlmath import calculus
from mlmath.figures import kit
from mlmath.figures.calculus.descent_simulation import scientific
from mlmath.figures.kit import palette

__all__ = ["fig_optimizer_race", "page_state", "readout_text"]

NAME = "optimizer-race"
SURFACES = tuple(calculus.RACE_SURFACES)
SETTINGS = ("tuned for this surface", "library defaults")
OPTIMIZERS = ("SGD", "Momentum", "RMSProp", "Adam", "Newton")
#: The optimizers' names in the names of their sources (``optimizer-race-run-adam``, ...).
KEYS = tuple(name.lower() for name in OPTIMIZERS)
#: How the alt text names each surface.
CALLED = {"narrow bowl": "the narrow bowl", "turned bowl": "the turned bowl",
          "Rosenbrock": "Rosenbrock's valley", "two minima": "the double well"}
#: The most steps the slider gives, and so the budget of every run.
MAX_STEPS = calculus.RACE_BUDGET
SLIDERS = {
    "w1": kit.SliderSpec("Start, w₁", -2.5, 2.5, 0.1),
    "w2": kit.SliderSpec("Start, w₂", -2.5, 2.5, 0.1),
    "t": kit.SliderSpec("Steps taken, t", 0.0, float(MAX_STEPS), 1.0),
}
#: How each optimizer is drawn: its Bokeh marker, the same shape as a character for
#: the readout, its colour and its dash pattern (told apart by more than colour).
STYLE = {
    "SGD": ("circle", "●", palette.BLUE, "solid"),
    "Momentum": ("triangle", "▲", palette.VERMILLION, "dashed"),
    "RMSProp": ("square", "■", palette.GREEN, "dotted"),
    "Adam": ("diamond", "◆", palette.PURPLE, "dashdot"),
    "Newton": ("inverted_triangle", "▼", palette.INK, "dotdash"),
}
#: The tuned learning rates: for each surface, the index in
#: :data:`mlmath.calculus.LEARNING_RATE_GRID` (η = 10^(−k/4)) that
#: :func:`mlmath.calculus.tune_learning_rate` finds from the surface's race start,
#: for SGD, momentum, RMSProp and Adam (tests/figures/test_optimizer_race.py
#: recomputes them).
TUNED = {
    "narrow bowl": (5, 8, 8, 5),
    "turned bowl": (5, 7, 8, 1),
    "Rosenbrock": (11, 10, 8, 1),
    "two minima": (3, 10, 9, 2),
}
LIMIT = 2.5
#: Gaps below this are drawn at it (a log axis has no 0).
GAP_FLOOR = 1e-16
LEVELS = {
    "narrow bowl": (0.125, 0.5, 2.0, 4.5, 8.0, 12.5, 18.0, 24.5, 32.0),
    "turned bowl": (0.125, 0.5, 2.0, 4.5, 8.0, 12.5, 18.0, 24.5, 32.0),
    "Rosenbrock": (1.0, 4.0, 16.0, 64.0, 256.0, 1024.0),
    "two minima": (0.1, 0.3, 0.6, 1.0, 1.5, 2.5, 4.0, 6.0),
}
#: Grid points across the plot for the contours, and the decimals kept (0.01 is under a
#: pixel): the page carries every surface's contours. Rosenbrock's steep, narrow valley needs
#: more of both for its lines to lie on their levels.
GRID = {"narrow bowl": 61, "turned bowl": 61, "Rosenbrock": 241, "two minima": 61}
DECIMALS = {"narrow bowl": 2, "turned bowl": 2, "Rosenbrock": 3, "two minima": 2}
LOSS_WIDTH, LOSS_HEIGHT = 440, 300
#: The twin's height in plot widths: the square path panel and a loss panel below it.
TWIN_HEIGHT = 1.6
READOUT_LINES = (9, 7)


def rules(surface: str, setting: str) -> tuple:
    """The five update rules of the race on ``surface`` with ``setting``'s learning rates."""
    defaults = calculus.DEFAULT_RULES
    if setting == SETTINGS[0]:
        grid = calculus.LEARNING_RATE_GRID
        chosen = [dataclasses.replace(rule, eta=grid[k])
                  for rule, k in zip(defaults.values(), TUNED[surface])]
    else:
        chosen = list(defaults.values())
    return (*chosen, calculus.Newton(calculus.RACE_SURFACES[surface].hessian))


@functools.lru_cache(maxsize=32)
def _runs(surface: str, setting: str, w1: float, w2: float) -> tuple:
    return tuple(calculus.steps_to_tolerance(rule, surface, (w1, w2), budget=MAX_STEPS)
                 for rule in rules(surface, setting))


def _contours() -> dict:
    found = {}
    for name, surface in calculus.RACE_SURFACES.items():
        axis = np.linspace(-LIMIT - 0.5, LIMIT + 0.5, GRID[name])
        w1, w2 = np.meshgrid(axis, axis)
        heights = surface.on_grid(w1, w2) - surface.lowest
        generator = contourpy.contour_generator(w1, w2, heights, line_type="Separate")
        xs, ys = [], []
        for level in LEVELS[name]:
            for line in generator.lines(level):
                xs.append(np.round(line[:, 0], DECIMALS[name]).tolist())
                ys.append(np.round(line[:, 1], DECIMALS[name]).tolist())
        found[name] = {"xs": xs, "ys": ys}
    return found


CONTOURS = _contours()


def short(value: float) -> str:
    """``value`` with three significant digits, as the callback writes it:
    ``0.0562``, ``1.25``, ``562``; ``1.2 × 10⁻⁴`` outside [0.001, 1000)."""
    if not 0.001 <= value < 1000:
        return scientific(value, 1)
    decimals = next(d for d, low in ((0, 100), (1, 10), (2, 1), (3, 0.1), (4, 0.01), (5, 0.001))
                    if value >= low)
    return kit.to_fixed(value, decimals, trim=True)


def _at(race, t: int) -> dict:
    """Where a race run stands after ``t`` steps: the last step drawn and what the readout
    says about it."""
    run = race.result
    last = min(t, len(run.path) - 1)
    events = [(race.steps, "in at step {}"), (run.diverged_at, "diverged at step {}"),
              (run.singular_at, "stopped at step {}: H singular")]
    status = next((words.format(step) for step, words in events
                   if step is not None and t >= step), None)
    gap = max(float(run.losses[last]), GAP_FLOOR)
    eff = None
    if last > 0 and run.gradient_norms[last - 1] > 0:
        eff = float(run.step_lengths[last - 1] / run.gradient_norms[last - 1])
    return {"last": last, "status": status, "gap": gap, "eff": eff}


#: The readout's table: a smaller size than the readout's text and no wrapping inside a
#: cell, so that its four columns fit a phone's 312 px column.
_TABLE = '<table style="border-collapse:collapse;font-size:14px">'
_CELL = "padding:0 7px 0 0;white-space:nowrap;text-align:left;font-weight:normal"
_COLUMNS = ("", "η", "L − L*", "‖Δw‖/‖g‖")


def _row(name: str, rule, state: dict) -> str:
    _, mark, colour, _ = STYLE[name]
    cell = f'<td style="{_CELL}">'
    head = f"{cell}{kit.tint(mark, colour)} {name}</td>{cell}{short(rule.eta)}</td>"
    if state["status"]:
        return f'<tr>{head}<td colspan="2" style="{_CELL}">{state["status"]}</td></tr>'
    eff = "—" if state["eff"] is None else short(state["eff"])
    return f"<tr>{head}{cell}{scientific(state['gap'], 1)}</td>{cell}{eff}</td></tr>"


def _readout(surface: str, setting: str, t: int, runs: tuple, chosen: tuple) -> str:
    head = (f"<b>{surface}</b> · η: {setting} · after <b>t = {t}</b> "
            f"step{'' if t == 1 else 's'}")
    columns = "".join(f'<th style="{_CELL}">{c}</th>' for c in _COLUMNS)
    rows = "".join(_row(name, rule, _at(run, t))
                   for name, rule, run in zip(OPTIMIZERS, chosen, runs))
    return f"{head}{_TABLE}<tr>{columns}</tr>{rows}</table>"


def _check(surface, setting, w1, w2, t):
    if surface not in SURFACES:
        raise ValueError(f"surface must be one of {', '.join(map(repr, SURFACES))}, "
                         f"got {surface!r}")
    if setting not in SETTINGS:
        raise ValueError(f"setting must be one of {', '.join(map(repr, SETTINGS))}, "
                         f"got {setting!r}")
    given = {"w1": w1, "w2": w2, "t": t}
    return (surface, setting, *(SLIDERS[key].check(value, key) for key, value in given.items()))


def readout_text(surface="Rosenbrock", setting=SETTINGS[0], w1=-1.2, w2=1.0, t=200) -> str:
    """The readout (HTML) for the given controls."""
    surface, setting, w1, w2, t = _check(surface, setting, w1, w2, t)
    return _readout(surface, setting, int(t), _runs(surface, setting, w1, w2),
                    rules(surface, setting))


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"optimizer-race-surface": ..., ...}``."""
    surface, setting = values[f"{NAME}-surface"], values[f"{NAME}-setting"]
    w1, w2, t = (float(values[f"{NAME}-{key}"]) for key in SLIDERS)
    t = int(round(t))
    runs = _runs(surface, setting, w1, w2)
    minimum = calculus.RACE_SURFACES[surface].minimum
    state = {
        f"{NAME}-contours": {"data": CONTOURS[surface]},
        f"{NAME}-minimum": {"data": {"x": [float(minimum[0])], "y": [float(minimum[1])]}},
        f"{NAME}-start": {"data": {"x": [w1], "y": [w2]}},
        f"{NAME}-now": {"location": t},
        f"{NAME}-readout": {"text": _readout(surface, setting, t, runs, rules(surface, setting))},
    }
    for key, race in zip(KEYS, runs):
        last = _at(race, t)["last"]
        gaps = np.maximum(race.result.losses[:last + 1], GAP_FLOOR).tolist()
        path = race.result.path[:last + 1]
        state[f"{NAME}-run-{key}"] = {"data": {
            "x": path[:, 0].tolist(), "y": path[:, 1].tolist(),
            "step": list(range(last + 1)), "gap": gaps}}
        state[f"{NAME}-head-{key}"] = {"data": {
            "x": [float(path[-1, 0])], "y": [float(path[-1, 1])], "step": [last],
            "gap": [gaps[-1]]}}
    return state


def fig_optimizer_race(surface="Rosenbrock", setting=SETTINGS[0], w1=-1.2, w2=1.0,
                       t=200) -> kit.BookFigure:
    """The optimizer race: five paths on a surface's contours and their losses.
    Book section: Calculus, *Optimization algorithms*.

    Parameters
    ----------
    surface : {"narrow bowl", "turned bowl", "Rosenbrock", "two minima"}
        The surface the menu starts on.
    setting : {"tuned for this surface", "library defaults"}
        The learning rates: the best of a grid for the surface's race start
        (:func:`mlmath.calculus.tune_learning_rate`), or PyTorch's defaults.
    w1, w2 : float
        The start, each in ``[-2.5, 2.5]`` in steps of 0.1.
    t : int
        The step the runs have reached, from 0 to 1000.
    """
    surface, setting, w1, w2, t = _check(surface, setting, w1, w2, t)
    menu = Select(title="The surface", value=surface, options=list(SURFACES),
                  name=f"{NAME}-surface", sizing_mode="stretch_width")
    setting_menu = Select(title="Learning rates", value=setting, options=list(SETTINGS),
                          name=f"{NAME}-setting", sizing_mode="stretch_width")
    formats = {"w1": "0.0", "w2": "0.0", "t": "0"}
    sliders = {key: spec.slider(value, name=f"{NAME}-{key}", argument=key, format=formats[key])
               for (key, spec), value in zip(SLIDERS.items(), (w1, w2, t))}
    values = {menu.name: surface, setting_menu.name: setting,
              **{s.name: s.value for s in sliders.values()}}
    state = page_state(values)
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("contours", "minimum", "start")}
    runs = [ColumnDataSource(state[f"{NAME}-run-{k}"]["data"], name=f"{NAME}-run-{k}")
            for k in KEYS]
    heads = [ColumnDataSource(state[f"{NAME}-head-{k}"]["data"], name=f"{NAME}-head-{k}")
             for k in KEYS]
    now = Span(location=t, dimension="height", line_color=palette.GREY, line_width=1,
               line_dash="dashed", name=f"{NAME}-now")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    grid = calculus.LEARNING_RATE_GRID
    tuned = {name: [grid[k] for k in TUNED[name]] + [1.0] for name in SURFACES}
    defaults = [rule.eta for rule in calculus.DEFAULT_RULES.values()] + [1.0]
    race = [calculus.RACE_SURFACES[name] for name in SURFACES]
    kit.link(kit.callback(
        "optimizer_race.js", menu=menu, setting_menu=setting_menu, w1_slider=sliders["w1"],
        w2_slider=sliders["w2"], t_slider=sliders["t"], readout=readout, now=now, runs=runs,
        heads=heads, **sources, surfaces=list(SURFACES), settings=list(SETTINGS),
        optimizers=list(OPTIMIZERS), marks=[STYLE[n][1] for n in OPTIMIZERS],
        colours=[STYLE[n][2].name for n in OPTIMIZERS],
        etas=[[tuned[name] for name in SURFACES], [defaults for _ in SURFACES]],
        momentum=calculus.DEFAULT_RULES["Momentum"].beta,
        rms_beta2=calculus.DEFAULT_RULES["RMSProp"].beta2,
        rms_delta=calculus.DEFAULT_RULES["RMSProp"].delta,
        adam_beta1=calculus.DEFAULT_RULES["Adam"].beta1,
        adam_beta2=calculus.DEFAULT_RULES["Adam"].beta2,
        adam_delta=calculus.DEFAULT_RULES["Adam"].delta,
        contour_data=[CONTOURS[name] for name in SURFACES],
        minima=[[float(s.minimum[0]), float(s.minimum[1])] for s in race],
        lowest=[float(s.lowest) for s in race],
        bowls=[s.hessian(np.zeros(2)).ravel().tolist() if s.quadratic else [0.0] * 4
               for s in race],
        tilt=calculus.DOUBLE_WELL_TILT, tolerance=calculus.RACE_TOLERANCE,
        limit=calculus.DIVERGENCE_LIMIT, floor=GAP_FLOOR, max_steps=MAX_STEPS,
        eps=float(np.finfo(float).eps)),
        menu, setting_menu, *sliders.values())
    contour_plot = _contour_plot(sources, runs, heads)
    kit.tap_moves(contour_plot, sliders["w1"], sliders["w2"])
    loss_plot = _loss_plot(runs, heads, now)
    return kit.BookFigure(
        NAME, [kit.Controls(menu, setting_menu, *sliders.values(), columns=2),
               kit.Readout(readout, lines=READOUT_LINES), kit.Panels(contour_plot, loss_plot)],
        static=_static(surface, setting, w1, w2, int(t), state),
        alt=_describe(surface, setting, w1, w2, int(t)))


def _contour_plot(sources: dict, runs: list, heads: list):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT, title="Five paths on the contours of L",
                             labels=("w₁", "w₂"))
    plot.multi_line(xs="xs", ys="ys", source=sources["contours"], line_color=palette.GREY,
                    line_width=1, line_alpha=0.7)
    plot.scatter(x="x", y="y", source=sources["minimum"], marker="star", size=16,
                 fill_color=palette.GREEN, line_color=palette.INK)
    plot.scatter(x="x", y="y", source=sources["start"], marker="circle", size=11,
                 fill_color=palette.PAPER, line_color=palette.INK, line_width=2)
    for name, run, head in zip(OPTIMIZERS, runs, heads):
        marker, _, colour, dash = STYLE[name]
        plot.line(x="x", y="y", source=run, line_color=colour, line_width=2, line_dash=dash)
        plot.scatter(x="x", y="y", source=head, marker=marker, size=12, fill_color=colour,
                     line_color=palette.PAPER, line_width=1)
    return plot


def _loss_plot(runs: list, heads: list, now):
    plot = kit.canvas(f"{NAME}-loss-plot", title="L − L* against the step (log scale)",
                      width=LOSS_WIDTH, height=LOSS_HEIGHT,
                      x_range=Range1d(0, MAX_STEPS, name=f"{NAME}-loss-x"), y_axis_type="log")
    plot.xaxis.axis_label, plot.yaxis.axis_label = "step t", "L(w⁽ᵗ⁾) − L*"
    plot.yaxis.ticker = LogTicker(desired_num_ticks=4, num_minor_ticks=0)
    plot.add_layout(now)
    for name, run, head in zip(OPTIMIZERS, runs, heads):
        marker, _, colour, dash = STYLE[name]
        plot.line(x="step", y="gap", source=run, line_color=colour, line_width=2,
                  line_dash=dash)
        plot.scatter(x="step", y="gap", source=head, marker=marker, size=11,
                     fill_color=colour, line_color=palette.PAPER, line_width=1)
    return plot


def _static(surface: str, setting: str, w1: float, w2: float, t: int, state: dict):
    # The loss panel is flatter than the square path panel, so that in print the twin and its
    # caption fit on one page.
    figure = kit.twin(kit.PLOT_INCHES, TWIN_HEIGHT * kit.PLOT_INCHES)
    top, bottom = figure.subplots(2, 1, height_ratios=(1.0, TWIN_HEIGHT - 1.0))
    kit.square_axes(figure, LIMIT, ax=top, labels=("$w_1$", "$w_2$"),
                    title=f"{surface}, η {setting}, t = {t}")
    contours = state[f"{NAME}-contours"]["data"]
    for xs, ys in zip(contours["xs"], contours["ys"]):
        top.plot(xs, ys, color=palette.GREY, linewidth=0.8, alpha=0.7)
    minimum = state[f"{NAME}-minimum"]["data"]
    top.plot(minimum["x"], minimum["y"], "*", color=palette.GREEN, markersize=13,
             markeredgecolor=palette.INK)
    top.plot([w1], [w2], "o", markerfacecolor="white", markeredgecolor=palette.INK,
             markersize=8, markeredgewidth=2)
    shapes = {"circle": "o", "triangle": "^", "square": "s", "diamond": "D",
              "inverted_triangle": "v"}
    dashes = {"solid": "-", "dashed": "--", "dotted": ":", "dashdot": "-.",
              "dotdash": (0, (1, 2, 4, 2))}
    chosen = rules(surface, setting)
    for name, key, rule in zip(OPTIMIZERS, KEYS, chosen):
        marker, _, colour, dash = STYLE[name]
        run = state[f"{NAME}-run-{key}"]["data"]
        head = state[f"{NAME}-head-{key}"]["data"]
        label = f"{name}, η = {short(rule.eta)}"
        top.plot(run["x"], run["y"], linestyle=dashes[dash], color=colour, linewidth=1.5)
        top.plot(head["x"], head["y"], shapes[marker], color=colour, markersize=7)
        # The head's marker on the line itself, so that the legend shows it too.
        bottom.semilogy(run["step"], run["gap"], linestyle=dashes[dash], color=colour,
                        linewidth=1.6, label=label, marker=shapes[marker], markersize=6,
                        markevery=[len(run["step"]) - 1])
    bottom.axvline(t, color=palette.GREY, linewidth=0.8, linestyle="--")
    bottom.set_xlim(0, MAX_STEPS)
    bottom.set_xlabel("step t")
    bottom.set_ylabel("$L(w^{(t)}) - L^*$")
    bottom.grid(alpha=0.3)
    bottom.legend(fontsize=8, loc="upper right")
    bottom.set_title("L − L* against the step (log scale)", fontsize=10)
    return figure


def _describe(surface: str, setting: str, w1: float, w2: float, t: int) -> str:
    runs = _runs(surface, setting, w1, w2)
    parts = []
    for name, rule, run in zip(OPTIMIZERS, rules(surface, setting), runs):
        state = _at(run, t)
        where = state["status"] or f"L − L* = {scientific(state['gap'], 1)} after {t} steps"
        parts.append(f"{name} (η = {short(rule.eta)}): {where}")
    start = f"({kit.to_fixed(w1, 1)}, {kit.to_fixed(w2, 1)})"
    return (f"The contours of {CALLED[surface]} with the paths of SGD, momentum, RMSProp, Adam "
            f"and Newton's method from {start}, with learning rates {setting}, and their loss "
            f"gaps L − L* against the step on a log scale. At step {t}, " + "; ".join(parts)
            + ". A run is in at the step from which L − L* stays at or below 10⁻⁸.")
