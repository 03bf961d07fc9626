"""The k-means step-through (chapter *Clustering and k-means*, ``chapters/ml/k-means.md``).

Menus pick the data (four blobs, two moons, a uniform square:
:func:`mlmath.models.cluster_data`) and the start (k random examples,
k-means++, or k uniform positions in the data's box); sliders set the number
of clusters k, the seed of the start, the number of points N (the first N of
500) and the step. Step 0 is the start; then the steps alternate, assignment t
(odd steps, 2t − 1) and update t (even steps, 2t), as in
:func:`mlmath.models.k_means`. The left plot draws the points in their
clusters' colours and marker shapes, the centroids as large markers with the
paths they have taken; the right one the inertia after every step of the run,
the current step ringed. The readout says what the step did, the inertia, where
the run converges, and, in words, an empty cluster and k = N.

``figures/js/kmeans_steps.js`` recomputes the start and every Lloyd iteration in
the page with the same floating-point operations in the same order; the
uniform draws of ``numpy.random.default_rng(seed)`` are shipped
(:data:`UNIFORMS`), everything after them is computed on both sides.
:func:`page_state` is what the page must show.
"""

from __future__ import annotations

import math

import numpy as np
from bokeh.models import ColumnDataSource, DataRange1d, LabelSet, Range1d, Select, Span

from mlmath import models
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_kmeans_steps", "page_state", "readout_text"]

NAME = "kmeans-steps"
#: The most iterations the figure runs; the step slider reaches update MAX_ITER.
MAX_ITER = 30
SLIDERS = {
    "k": kit.SliderSpec("Clusters k", 1, 10, 1),
    "seed": kit.SliderSpec("Seed of the start", 0, 19, 1),
    "n": kit.SliderSpec("Points N", 10, 500, 10),
    "step": kit.SliderSpec("Step", 0, 2 * MAX_ITER, 1),
}
DATA_CHOICES = models.CLUSTER_DATA
#: The menu's starts: (value for models.k_means, what the menu says).
INIT_CHOICES = (("random", "k random examples"), ("k-means++", "k-means++"),
                ("uniform", "uniform in the box"))
DATA_SEED = 0
POINT_LIMIT = int(SLIDERS["n"].end)
K_MAX = int(SLIDERS["k"].end)
#: Every data set, all 500 points; the figure shows the first N.
DATA = {name: models.cluster_data(name, POINT_LIMIT, seed=DATA_SEED) for name in DATA_CHOICES}
#: default_rng(seed).random(2 K_MAX) for every seed: the start draws the first k
#: (the first 2k, row by row, for "uniform"), as models.initial_centroids does.
UNIFORMS = [np.random.default_rng(seed).random(2 * K_MAX).tolist()
            for seed in range(int(SLIDERS["seed"].end) + 1)]
#: Cluster j (from 0) is drawn in COLOURS[j % 4] with marker MARKERS[j]: Bokeh's
#: name, its angle in radians, and matplotlib's marker for the twin.
COLOURS = (palette.BLUE, palette.VERMILLION, palette.GREEN, palette.PURPLE)
MARKERS = (("circle", 0.0, "o"), ("square", 0.0, "s"), ("triangle", 0.0, "^"),
           ("diamond", 0.0, "d"), ("inverted_triangle", 0.0, "v"), ("hex", 0.0, "H"),
           ("star", 0.0, "*"), ("plus", 0.0, "P"), ("triangle", math.pi / 2, "<"),
           ("triangle", -math.pi / 2, ">"))
LIMIT = 5.0
INERTIA_WIDTH, INERTIA_HEIGHT = 440, 300
POINT_SIZE, CENTROID_SIZE = 7, 20


def _fixed(value: float) -> str:
    return kit.to_fixed(value, 1)


def _run(data: str, init: str, k: int, seed: int, n: int) -> models.KMeansRun:
    return models.k_means(DATA[data][:n], k, init=init, seed=seed, max_iter=MAX_ITER)


def _at_step(run: models.KMeansRun, step: int) -> dict:
    """The state the figure draws at ``step``: the centroids, the labels (None at
    the start), the inertia, and which part of which iteration it is."""
    last = 2 * run.n_iter
    shown = min(step, last)
    t = (shown + 1) // 2
    if shown == 0:
        return {"step": 0, "t": 0, "kind": "start", "centroids": run.centroid_path[0],
                "labels": None, "path_end": 0, "inertia": None}
    if shown % 2:
        return {"step": shown, "t": t, "kind": "assignment", "labels": run.assignments[t - 1],
                "centroids": run.centroid_path[t - 1], "path_end": t - 1,
                "inertia": float(run.inertia_path[t - 1, 0])}
    return {"step": shown, "t": t, "kind": "update", "labels": run.label_path[t - 1],
            "centroids": run.centroid_path[t], "path_end": t,
            "inertia": float(run.inertia_path[t - 1, 1])}


def _clusters(indices) -> str:
    """Clusters counted from 1, as the prose counts them: "cluster 3", "clusters 3, 5"."""
    names = ", ".join(str(j + 1) for j in indices)
    return f"{'Cluster' if len(indices) == 1 else 'Clusters'} {names}"


def _readout(run: models.KMeansRun, step: int, init: str, seed: int, k: int, n: int) -> str:
    at = _at_step(run, step)
    t, shown, last = at["t"], at["step"], 2 * run.n_iter
    if step == 0:
        what = (f"the start: {dict(INIT_CHOICES)[init]} (seed {seed}) placed k = {k} "
                "centroids; no point has a cluster yet.")
    elif step > last:
        what = f"the run stopped at step {last}, shown here."
    elif at["kind"] == "assignment":
        what = f"assignment {t}: each point joins its nearest centroid"
        if t > 1:
            changed = int(np.count_nonzero(run.assignments[t - 1] != run.label_path[t - 2]))
            what += f"; {changed} point{'' if changed == 1 else 's'} changed cluster"
        what += "."
    elif run.converged and t == run.n_iter:
        what = f"update {t}: every centroid is already the mean of its points."
    else:
        what = f"update {t}: each centroid moves to the mean of its points."
    lines = [f"<b>Step {step}</b>, {what}"]
    if at["inertia"] is None:
        inertia = "Inertia L: not defined until every point has a cluster"
    else:
        inertia = f"Inertia <b>L = {_fixed(at['inertia'])}</b>"
        if shown >= 2:
            before = _fixed(_at_step(run, shown - 1)["inertia"])
            inertia += (f" (the same at step {shown - 1})" if before == _fixed(at["inertia"])
                        else f" ({before} at step {shown - 1})")
    if not run.converged:
        outcome = (f"not converged after {MAX_ITER} iterations, the figure's limit "
                   f"(L = {_fixed(run.inertia)})")
    elif shown == last - 1:
        outcome = "<b>converged</b>: no point changed cluster, so no centroid will move"
    elif shown >= last:
        outcome = f"<b>converged</b> at step {last - 1}, a local minimum"
    else:
        outcome = f"the run converges at step {last - 1}, with L = {_fixed(run.inertia)}"
    lines.append(f"{inertia}; {outcome}.")
    notes = []
    if at["kind"] == "assignment":
        empty = [j for j in range(k) if not np.any(at["labels"] == j)]
        if empty:
            notes.append(f"{_clusters(empty)} got no points; the update gives "
                         f"{'it' if len(empty) == 1 else 'each'} the point farthest from its "
                         "centroid.")
    elif at["kind"] == "update" and run.relocated[t - 1]:
        moved = [j for j, _ in run.relocated[t - 1]]
        notes.append(f"{_clusters(moved)} {'was' if len(moved) == 1 else 'were'} empty: "
                     f"{'it' if len(moved) == 1 else 'each'} took the point farthest from "
                     "its centroid.")
    if k == n:
        notes.append("k = N: each point can be a cluster of its own, with L = 0.")
    if notes:
        lines.append(" ".join(notes))
    return "<br>".join(lines)


def readout_text(data="four blobs", init="random", k=4, seed=7, n=300, step=26) -> str:
    """The readout (HTML) for the given controls."""
    data, init, k, seed, n, step = _check(data, init, k, seed, n, step)
    return _readout(_run(data, init, k, seed, n), step, init, seed, k, n)


def _style(labels, count: int) -> dict:
    """Colour, marker and angle of each of ``count`` points in clusters ``labels``."""
    if labels is None:
        return {"colour": [str(palette.GREY)] * count, "marker": ["circle"] * count,
                "angle": [0.0] * count}
    return {"colour": [str(COLOURS[j % len(COLOURS)]) for j in labels],
            "marker": [MARKERS[j][0] for j in labels],
            "angle": [MARKERS[j][1] for j in labels]}


def _data(data: str, init: str, k: int, seed: int, n: int, step: int) -> dict:
    run = _run(data, init, k, seed, n)
    at = _at_step(run, step)
    X = DATA[data][:n]
    centroids = at["centroids"]
    path = run.centroid_path[:at["path_end"] + 1]
    values = run.inertia_path.ravel()
    return {
        "run": run, "at": at,
        "points": {"x": X[:, 0].tolist(), "y": X[:, 1].tolist(), **_style(at["labels"], n)},
        "centroids": {"x": centroids[:, 0].tolist(), "y": centroids[:, 1].tolist(),
                      **_style(range(k), k), "label": [str(j + 1) for j in range(k)]},
        "trails": {"xs": [path[:, j, 0].tolist() for j in range(k)],
                   "ys": [path[:, j, 1].tolist() for j in range(k)],
                   "colour": [str(COLOURS[j % len(COLOURS)]) for j in range(k)]},
        "inertia": {"step": list(range(1, len(values) + 1)), "value": values.tolist(),
                    "marker": ["circle", "square"] * run.n_iter},
        "current": ({"step": [], "value": []} if at["inertia"] is None
                    else {"step": [at["step"]], "value": [at["inertia"]]}),
    }


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"kmeans-steps-data": ..., ...}``."""
    data, init = values[f"{NAME}-data"], values[f"{NAME}-init"]
    k, seed, n, step = (int(round(values[f"{NAME}-{key}"])) for key in SLIDERS)
    shown = _data(data, init, k, seed, n, step)
    return {
        **{f"{NAME}-{key}": {"data": shown[key]}
           for key in ("points", "centroids", "trails", "inertia", "current")},
        f"{NAME}-inertia-x": {"start": 0, "end": 2 * shown["run"].n_iter + 1},
        f"{NAME}-step-line": {"location": shown["at"]["step"]},
        f"{NAME}-readout": {"text": _readout(shown["run"], step, init, seed, k, n)},
    }


def _check(data, init, k, seed, n, step):
    if data not in DATA_CHOICES:
        raise ValueError(f"data must be one of {', '.join(map(repr, DATA_CHOICES))}, "
                         f"got {data!r}")
    inits = [value for value, _ in INIT_CHOICES]
    if init not in inits:
        raise ValueError(f"init must be one of {', '.join(map(repr, inits))}, got {init!r}")
    given = {"k": k, "seed": seed, "n": n, "step": step}
    k, seed, n, step = (int(SLIDERS[key].check(value, key)) for key, value in given.items())
    if k > n:  # unreachable with the sliders (k ≤ 10 ≤ N), but a builder call can ask
        raise ValueError(f"k must be at most the number of points n = {n}, got {k}")
    return data, init, k, seed, n, step


def fig_kmeans_steps(data="four blobs", init="random", k=4, seed=7, n=300,
                     step=26) -> kit.BookFigure:
    """The k-means step-through: Lloyd's algorithm one half-step at a time.
    Book section: Machine Learning Concepts, *Clustering and k-means*.

    Parameters
    ----------
    data : {"four blobs", "two moons", "uniform square"}
        The data set (:func:`mlmath.models.cluster_data`).
    init : {"random", "k-means++", "uniform"}
        The start (:func:`mlmath.models.initial_centroids`).
    k : int
        The number of clusters, from 1 to 10.
    seed : int
        The seed of the start, from 0 to 19.
    n : int
        The number of points, the first n of 500, from 10 to 500 in steps of 10.
    step : int
        The step shown, from 0 (the start) to 60: assignment t is step 2t − 1,
        update t is step 2t.
    """
    checked = _check(data, init, k, seed, n, step)
    data_menu = Select(title="Data", value=checked[0], options=list(DATA_CHOICES),
                       name=f"{NAME}-data", sizing_mode="stretch_width")
    init_menu = Select(title="Start", value=checked[1], options=list(INIT_CHOICES),
                       name=f"{NAME}-init", sizing_mode="stretch_width")
    sliders = {key: spec.slider(value, name=f"{NAME}-{key}", argument=key, format="0")
               for (key, spec), value in zip(SLIDERS.items(), checked[2:])}
    values = {data_menu.name: data_menu.value, init_menu.name: init_menu.value,
              **{s.name: s.value for s in sliders.values()}}
    state = page_state(values)
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("points", "centroids", "trails", "inertia", "current")}
    inertia_x = Range1d(0, state[f"{NAME}-inertia-x"]["end"], name=f"{NAME}-inertia-x")
    step_line = Span(location=state[f"{NAME}-step-line"]["location"], dimension="height",
                     line_color=palette.GREY, line_width=1.5, line_dash="dashed",
                     name=f"{NAME}-step-line")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "kmeans_steps.js", data_menu=data_menu, init_menu=init_menu, k_slider=sliders["k"],
        seed_slider=sliders["seed"], n_slider=sliders["n"], step_slider=sliders["step"],
        readout=readout, inertia_x=inertia_x, step_line=step_line, **sources,
        data_names=list(DATA_CHOICES),
        data_x=[DATA[name][:, 0].tolist() for name in DATA_CHOICES],
        data_y=[DATA[name][:, 1].tolist() for name in DATA_CHOICES],
        uniforms=UNIFORMS, init_labels=dict(INIT_CHOICES), max_iter=MAX_ITER,
        colours=[str(c) for c in COLOURS], grey=str(palette.GREY),
        markers=[m[0] for m in MARKERS], angles=[m[1] for m in MARKERS]),
        data_menu, init_menu, *sliders.values())
    run = _run(*checked[:5])
    return kit.BookFigure(
        NAME, [kit.Controls(data_menu, init_menu, *sliders.values(), columns=2),
               kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(_scatter_plot(sources), _inertia_plot(sources, inertia_x,
                                                               step_line))],
        static=_static(run, checked, state), alt=_describe(run, checked))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readouts the controls can produce, on a phone and wider."""
    texts = [readout_text("uniform square", "uniform", 10, seed, 10, step)
             for seed in range(3) for step in range(5)]
    texts += [readout_text("four blobs", "random", 4, 7, 300, step) for step in range(28)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _scatter_plot(sources: dict):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT, title="The points in their clusters")
    plot.scatter(x="x", y="y", source=sources["points"], marker="marker", angle="angle",
                 size=POINT_SIZE, fill_color="colour", line_color="colour", fill_alpha=0.75)
    plot.multi_line(xs="xs", ys="ys", source=sources["trails"], line_color="colour",
                    line_width=2.5)
    plot.scatter(x="x", y="y", source=sources["centroids"], marker="marker", angle="angle",
                 size=CENTROID_SIZE, fill_color="colour", line_color=palette.INK,
                 line_width=2.5)
    plot.add_layout(LabelSet(x="x", y="y", text="label", source=sources["centroids"],
                             x_offset=11, y_offset=4, text_font_size="13px",
                             text_font_style="bold", text_color=palette.INK))
    return plot


def _inertia_plot(sources: dict, inertia_x, step_line):
    plot = kit.canvas(f"{NAME}-inertia-plot", title="Inertia L after each step",
                      width=INERTIA_WIDTH, height=INERTIA_HEIGHT, x_range=inertia_x,
                      y_range=DataRange1d(start=0, range_padding=0.08, name=f"{NAME}-inertia-y"))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "step (odd: assign, even: update)", "L"
    plot.add_layout(step_line)
    plot.line(x="step", y="value", source=sources["inertia"], line_color=palette.BLUE,
              line_width=2)
    plot.scatter(x="step", y="value", source=sources["inertia"], marker="marker", size=7,
                 fill_color=palette.PAPER, line_color=palette.BLUE, line_width=1.5)
    plot.scatter(x="step", y="value", source=sources["current"], marker="circle", size=15,
                 fill_color=None, line_color=palette.VERMILLION, line_width=3)
    return plot


def _static(run: models.KMeansRun, checked: tuple, state: dict):
    data, init, k, seed, n, step = checked
    # 1.5 plots tall, not 2: in the PDF the twin and its caption must fit on one page.
    figure = kit.twin(kit.PLOT_INCHES, 1.5 * kit.PLOT_INCHES)
    top, bottom = figure.subplots(2, 1, height_ratios=(2.0, 1.0))
    kit.square_axes(figure, LIMIT, ax=top,
                    title=f"{data}, k = {k}, {dict(INIT_CHOICES)[init]} (seed {seed}): "
                          f"step {step}")
    points = state[f"{NAME}-points"]["data"]
    X = np.c_[points["x"], points["y"]]
    at = _at_step(run, step)
    labels = np.zeros(n, dtype=int) if at["labels"] is None else at["labels"]
    for j in range(k):
        here = labels == j
        if at["labels"] is None:
            colour, marker = palette.GREY, "o"
        else:
            colour, marker = COLOURS[j % len(COLOURS)], MARKERS[j][2]
        top.scatter(X[here, 0], X[here, 1], s=14, marker=marker, color=colour, alpha=0.75,
                    linewidths=0)
    trails = state[f"{NAME}-trails"]["data"]
    centroids = state[f"{NAME}-centroids"]["data"]
    for j in range(k):
        colour = COLOURS[j % len(COLOURS)]
        top.plot(trails["xs"][j], trails["ys"][j], color=colour, linewidth=2)
        top.scatter(centroids["x"][j], centroids["y"][j], s=150, marker=MARKERS[j][2],
                    color=colour, edgecolors=palette.INK, linewidths=2, zorder=3)
        top.annotate(centroids["label"][j], (centroids["x"][j], centroids["y"][j]),
                     xytext=(8, 3), textcoords="offset points", fontsize=10,
                     fontweight="bold", color=palette.INK)
    inertia = state[f"{NAME}-inertia"]["data"]
    steps, values = np.array(inertia["step"]), np.array(inertia["value"])
    bottom.plot(steps, values, color=palette.BLUE, linewidth=1.8)
    bottom.scatter(steps[0::2], values[0::2], marker="o", s=22, facecolors="white",
                   edgecolors=palette.BLUE, zorder=3)
    bottom.scatter(steps[1::2], values[1::2], marker="s", s=22, facecolors="white",
                   edgecolors=palette.BLUE, zorder=3)
    if at["inertia"] is not None:
        bottom.scatter([at["step"]], [at["inertia"]], s=140, facecolors="none",
                       edgecolors=palette.VERMILLION, linewidths=2.5, zorder=4)
        bottom.axvline(at["step"], color=palette.GREY, linewidth=1.2, linestyle="--")
    bottom.set_xlim(0, 2 * run.n_iter + 1)
    bottom.set_ylim(0, None)
    bottom.set_xlabel("step (odd: assign, even: update)")
    bottom.set_ylabel("L")
    bottom.grid(alpha=0.3)
    bottom.set_title("Inertia L after each step", fontsize=10)
    return figure


def _describe(run: models.KMeansRun, checked: tuple) -> str:
    data, init, k, seed, n, step = checked
    at = _at_step(run, step)
    start = dict(INIT_CHOICES)[init]
    text = (f"A scatter plot of {n} points of the {data} data and k = {k} centroids of "
            f"k-means, started from {start} with seed {seed}, drawn as large numbered markers "
            "with the paths they have moved along. ")
    if at["labels"] is None:
        text += "At step 0 no point is in a cluster yet. "
    else:
        sizes = np.bincount(at["labels"], minlength=k)
        text += (f"At step {at['step']} ({at['kind']} {at['t']}) each point has the colour "
                 f"and marker shape of its cluster; the clusters hold "
                 f"{', '.join(str(s) for s in sizes)} points and the inertia is "
                 f"{_fixed(at['inertia'])}. ")
    text += (f"A second plot shows the inertia after each of the run's {2 * run.n_iter} steps, "
             f"never rising, down to {_fixed(run.inertia)}")
    return text + (f", where the run converges at step {2 * run.n_iter - 1}."
                   if run.converged else f"; the run has not converged after {MAX_ITER} "
                   "iterations.")
