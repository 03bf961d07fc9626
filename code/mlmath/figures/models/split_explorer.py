"""The split explorer (chapter *Decision trees*, ``chapters/ml/decision-trees.md``).

Seeded points of three classes (circles, squares, triangles) in the plane. A
menu picks the feature and a slider the threshold τ of the question
``x_j ≤ τ`` asked at the root; the readout gives the entropy of the root and
of the two sides and the information gain, the right-hand plot draws the gain
of every threshold on that feature, and the best one is marked (star, dashed
line), with the best question of all in the readout. A depth slider shades
the regions of the tree grown by :func:`mlmath.models.fit_decision_tree` to
that depth, and the plot below compares its accuracy on the training points
with its accuracy on held-out points from the same distribution. A last
slider sets how many training points there are.

``figures/js/split_explorer.js`` recomputes the counts, entropies and gains in
the page; the trees are fitted in Python, once for each number of points, and
shipped fully grown, and the page cuts them at the chosen depth
(:meth:`mlmath.models.DecisionTree.cut_at`). The accuracies are shipped as a
table. :func:`page_state` is what the page must show.
"""

from __future__ import annotations

import functools

import numpy as np
from bokeh.models import ColumnDataSource, Range1d, Select, Span

from mlmath import models
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_split_explorer", "page_state", "readout_text"]

NAME = "split-explorer"
FEATURES = ("x₁", "x₂")
THRESHOLD = kit.SliderSpec("threshold τ", -3.5, 3.5, 0.05)
DEPTH = kit.SliderSpec("tree depth", 1, 12, 1)
POINTS = kit.SliderSpec("training points N", 50, 500, 50)
#: Three classes around these centres, each spread by a normal with this standard deviation:
#: close enough to overlap, so that a deep tree memorises noise.
CENTRES = ((-1.0, -0.6), (1.0, -0.6), (0.0, 1.0))
SPREAD = 0.7
SEED, HELD_OUT_SEED = 3, 4
HELD_OUT = 1000
LIMIT = 3.5
#: The regions and lines reach this far, past the edges of the plot on every screen (a
#: square canvas widens one of its ranges to keep units square).
BOX = 10.0
#: Per class: its marker in the plot, its shape in the readout, its colour, its region's fill.
MARKERS = ("circle", "square", "triangle")
SHAPES = ("○", "□", "△")
COLOURS = (palette.BLUE, palette.VERMILLION, palette.GREEN)
FILLS = (palette.ROW_FILL, palette.COLUMN_FILL, palette.ENTRY_FILL)
GAIN_WIDTH, GAIN_HEIGHT = 440, 330
ACCURACY_WIDTH, ACCURACY_HEIGHT = 520, 300
ACCURACY_LOW = 0.4


@functools.cache
def pool() -> tuple[np.ndarray, np.ndarray]:
    """The training points: the first N of these (a larger N extends a smaller one)."""
    return models.labelled_clusters(int(POINTS.end), CENTRES, SPREAD, seed=SEED)


@functools.cache
def held_out() -> tuple[np.ndarray, np.ndarray]:
    """Points the trees never see, from the same distribution."""
    return models.labelled_clusters(HELD_OUT, CENTRES, SPREAD, seed=HELD_OUT_SEED)


def _training(n: int) -> tuple[np.ndarray, np.ndarray]:
    X, y = pool()
    return X[:n], y[:n]


@functools.cache
def full_tree(n: int) -> models.DecisionTree:
    """The tree grown on the first ``n`` training points until it can grow no more."""
    return models.fit_decision_tree(*_training(n))


@functools.cache
def accuracies(n: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Training and held-out accuracy of the tree on ``n`` points, at every depth."""
    X, y = _training(n)
    trees = [full_tree(n).cut_at(int(k)) for k in DEPTH.values()]
    return (tuple(t.accuracy(X, y) for t in trees),
            tuple(t.accuracy(*held_out()) for t in trees))


@functools.cache
def gain_curve(n: int, feature: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The distinct values v₁ < … < v_m of ``feature`` and the gain of x ≤ v_k for each
    (the gain of every τ from v_k up to v_{k+1}; 0 for the last, which sends all left)."""
    X, y = _training(n)
    values = np.unique(X[:, feature])
    gains = [models.information_gain(y, X[:, feature] <= v) for v in values]
    return tuple(float(v) for v in values), tuple(float(g) for g in gains)


def _counts(y: np.ndarray) -> list[int]:
    return np.bincount(y, minlength=len(CENTRES)).tolist()


def _numbers(feature: str, tau: float, depth: int, n: int) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.models`."""
    X, y = _training(n)
    j = FEATURES.index(feature)
    yes = X[:, j] <= tau
    sides = [y[yes], y[~yes]]
    entropies = [models.node_entropy(s) if s.size else None for s in sides]
    here = models.best_split(X[:, [j]], y)
    best = models.best_split(X, y)
    tree = full_tree(n).cut_at(depth)
    training, held = accuracies(n)
    return {"feature": feature, "j": j, "tau": tau, "depth": depth, "n": n,
            "parent": models.node_entropy(y), "counts": [_counts(s) for s in sides],
            "entropies": entropies, "gain": models.information_gain(y, yes),
            "here": here, "best": best, "tree": tree, "grown": full_tree(n).depth,
            "training": training, "held_out": held}


def _side_text(answer: str, counts: list[int], entropy: float) -> str:
    shapes = ", ".join(f"{s} {c}" for s, c in zip(SHAPES, counts))
    pure = " (pure)" if entropy == 0 else ""
    return (f"{answer}: {sum(counts)} points ({shapes}), "
            f"H = {kit.to_fixed(entropy, 3)} bits{pure}")


def _readout(v: dict) -> str:
    fixed = kit.to_fixed
    feature, n = v["feature"], v["n"]
    lines = [f"<b>{feature} ≤ {fixed(v['tau'], 2)}?</b> "]
    (n_yes, n_no) = (sum(c) for c in v["counts"])
    root = f"H(S) = {fixed(v['parent'], 3)} bits for all {n}; "
    if n_yes == 0 or n_no == 0:
        answer, other = ("no", "yes") if n_yes == 0 else ("yes", "no")
        lines[0] += f"all {n} points answer {answer}, none {other}:"
        lines.append("the question separates nothing.")
        lines.append(root + f"<b>gain {fixed(0.0, 3)} bits</b>")
    else:
        share = n_yes / n
        weighted = share * v["entropies"][0] + (1 - share) * v["entropies"][1]
        lines[0] += _side_text("yes", v["counts"][0], v["entropies"][0])
        lines.append(_side_text("no", v["counts"][1], v["entropies"][1]))
        lines.append(root + f"weighted children {fixed(weighted, 3)}: "
                     f"<b>gain {fixed(v['gain'], 3)} bits</b>")
    here, best = v["here"], v["best"]
    lines.append(f"Best τ on {feature}: {fixed(here.threshold, 3)}, gain "
                 f"{kit.tint(fixed(here.gain, 3), palette.PURPLE)}. Best question of all: "
                 f"{FEATURES[best.feature]} ≤ {fixed(best.threshold, 3)}, gain "
                 f"{fixed(best.gain, 3)}")
    k = v["depth"] - 1
    depth = f"Depth {v['depth']}"
    if v["depth"] > v["grown"]:
        depth += f", but the tree stops at {v['grown']}"
    lines.append(f"{depth} ({v['tree'].n_leaves} leaves): accuracy "
                 f"{fixed(100 * v['training'][k], 1)} % training, "
                 f"{fixed(100 * v['held_out'][k], 1)} % on {HELD_OUT} held-out points")
    return "<br>".join(lines)


def readout_text(feature="x₁", tau=0.0, depth=3, n=200) -> str:
    """The explorer's readout (HTML) for the given control values."""
    return _readout(_numbers(*_check(feature, tau, depth, n)))


def _regions(tree: models.DecisionTree) -> list[dict]:
    """The tree's leaves as rectangles of the plot, one list per predicted class, in
    preorder (left before right), as the callback walks the tree."""
    rects = [{"left": [], "right": [], "bottom": [], "top": []} for _ in CENTRES]
    stack = [(0, -BOX, BOX, -BOX, BOX)]
    while stack:
        node, x0, x1, y0, y1 = stack.pop()
        if tree.is_leaf[node]:
            box = rects[int(np.argmax(tree.counts[node]))]
            for key, value in zip(("left", "right", "bottom", "top"), (x0, x1, y0, y1)):
                box[key].append(float(value))
            continue
        tau = float(tree.threshold[node])
        if tree.feature[node] == 0:
            below, above = (x0, tau, y0, y1), (tau, x1, y0, y1)
        else:
            below, above = (x0, x1, y0, tau), (x0, x1, tau, y1)
        stack.append((int(tree.right[node]), *above))
        stack.append((int(tree.left[node]), *below))
    return rects


def _line(j: int, tau: float) -> dict:
    if j == 0:
        return {"x0": [tau], "y0": [-BOX], "x1": [tau], "y1": [BOX]}
    return {"x0": [-BOX], "y0": [tau], "x1": [BOX], "y1": [tau]}


def _curve(n: int, j: int) -> dict:
    values, gains = gain_curve(n, j)
    # The gain is g_k for τ in [v_k, v_{k+1}), 0 below v_1 (nothing goes left) and from v_m on.
    return {"tau": [-LIMIT, *values, LIMIT], "gain": [0.0, *gains[:-1], 0.0, 0.0]}


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"split-explorer-feature": "x₁",
    "split-explorer-threshold": 0.0, "split-explorer-depth": 3, "split-explorer-points": 200}``."""
    v = _numbers(values[f"{NAME}-feature"], float(values[f"{NAME}-threshold"]),
                 int(round(values[f"{NAME}-depth"])), int(round(values[f"{NAME}-points"])))
    X, y = _training(v["n"])
    state = {f"{NAME}-points-{c}": {"data": {"x": X[y == c, 0].tolist(),
                                             "y": X[y == c, 1].tolist()}}
             for c in range(len(CENTRES))}
    for c, rects in enumerate(_regions(v["tree"])):
        state[f"{NAME}-regions-{c}"] = {"data": rects}
    training, held = v["training"], v["held_out"]
    state.update({
        f"{NAME}-question": {"data": _line(v["j"], v["tau"])},
        f"{NAME}-best": {"data": _line(v["j"], v["here"].threshold)},
        f"{NAME}-gain": {"data": _curve(v["n"], v["j"])},
        f"{NAME}-gain-now": {"data": {"tau": [v["tau"]], "gain": [v["gain"]]}},
        f"{NAME}-gain-best": {"data": {"tau": [v["here"].threshold],
                                       "gain": [v["here"].gain]}},
        f"{NAME}-accuracy": {"data": {"depth": DEPTH.values().tolist(),
                                      "training": list(training), "held_out": list(held)}},
        f"{NAME}-depth-line": {"location": float(v["depth"])},
        f"{NAME}-readout": {"text": _readout(v)},
    })
    return state


def _check(feature, tau, depth, n):
    if feature not in FEATURES:
        raise ValueError(f"feature must be one of {', '.join(map(repr, FEATURES))}, "
                         f"got {feature!r}")
    return (feature, THRESHOLD.check(tau, "tau"), int(DEPTH.check(depth, "depth")),
            int(POINTS.check(n, "n")))


def _shipped_trees() -> list[dict]:
    """Each fully grown tree, as the callback reads it: per node its question (feature
    −1 at a leaf), children, depth and majority class."""
    trees = []
    for n in POINTS.values():
        tree = full_tree(int(n))
        trees.append({"feature": tree.feature.tolist(),
                      "threshold": np.nan_to_num(tree.threshold, nan=0.0).tolist(),
                      "left": tree.left.tolist(), "right": tree.right.tolist(),
                      "depth": tree.node_depth.tolist(),
                      "majority": np.argmax(tree.counts, axis=1).tolist()})
    return trees


def fig_split_explorer(feature="x₁", tau=0.0, depth=3, n=200) -> kit.BookFigure:
    """The split explorer: the entropy and information gain of a question ``x_j ≤ τ``
    at the root, the best question, and the regions and accuracy of the tree by depth.
    Book section: Machine Learning Concepts, *Decision trees*.

    Parameters
    ----------
    feature : {"x₁", "x₂"}
        The feature the question asks about.
    tau : float
        The threshold τ, in ``[-3.5, 3.5]`` in steps of 0.05 (a τ that sends every
        point to one side is allowed, and said in words).
    depth : int
        The depth of the tree whose regions are shaded, in ``[1, 12]``.
    n : int
        The number of training points, in ``[50, 500]`` in steps of 50.
    """
    checked = _check(feature, tau, depth, n)
    menu = Select(title="split on feature", value=checked[0], options=list(FEATURES),
                  name=f"{NAME}-feature", sizing_mode="stretch_width")
    sliders = [THRESHOLD.slider(checked[1], name=f"{NAME}-threshold", argument="tau",
                                format="0.00"),
               DEPTH.slider(checked[2], name=f"{NAME}-depth", argument="depth", format="0"),
               POINTS.slider(checked[3], name=f"{NAME}-points", argument="n", format="0")]
    state = page_state({menu.name: menu.value, **{s.name: s.value for s in sliders}})
    keys = [f"points-{c}" for c in range(3)] + [f"regions-{c}" for c in range(3)] + [
        "question", "best", "gain", "gain-now", "gain-best", "accuracy"]
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in keys}
    depth_line = Span(location=state[f"{NAME}-depth-line"]["location"], dimension="height",
                      line_color=palette.GREY, line_width=2, line_dash="dotted",
                      name=f"{NAME}-depth-line")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    X, y = pool()
    kit.link(kit.callback(
        "split_explorer.js", menu=menu, threshold_slider=sliders[0], depth_slider=sliders[1],
        points_slider=sliders[2], readout=readout, depth_line=depth_line, **{
            key.replace("-", "_"): source for key, source in sources.items()},
        x1=X[:, 0].tolist(), x2=X[:, 1].tolist(), labels=y.tolist(),
        trees=_shipped_trees(), sizes=[int(v) for v in POINTS.values()],
        training=[list(accuracies(int(v))[0]) for v in POINTS.values()],
        held=[list(accuracies(int(v))[1]) for v in POINTS.values()],
        depths=DEPTH.values().tolist(), features=list(FEATURES), shapes=list(SHAPES),
        limit=LIMIT, box=BOX, held_out_count=HELD_OUT, tie=models.TIE_TOLERANCE),
        menu, *sliders)
    v = _numbers(*checked)
    return kit.BookFigure(
        NAME, [kit.Controls(menu, *sliders, columns=2),
               kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(_plane(sources), _gain_plot(sources)),
               kit.Panels(_accuracy_plot(sources, depth_line))],
        static=_static(state, v), alt=_describe(v))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readout the controls can produce, on a phone and wider."""
    texts = [readout_text("x₂", 0.05, 12, 50), readout_text("x₁", -3.5, 12, 500),
             readout_text("x₂", 0.0, 12, 500)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _legend(plot, **settings):
    """The plot's legend, in the book's theme with 12 px labels and these settings."""
    legend = plot.legend[0]
    legend.label_text_font_size = "12px"
    for key, value in settings.items():
        setattr(legend, key, value)
    kit.theme_legend(legend)
    return legend


def _plane(sources):
    plot = kit.square_canvas(f"{NAME}-plot", LIMIT, title="The question, and the tree's regions")
    for c in range(3):
        plot.quad(left="left", right="right", bottom="bottom", top="top",
                  source=sources[f"regions-{c}"], fill_color=FILLS[c], line_color=None)
    for c in range(3):
        plot.scatter(x="x", y="y", source=sources[f"points-{c}"], marker=MARKERS[c], size=7,
                     fill_color=COLOURS[c], fill_alpha=0.75, line_color=palette.INK,
                     line_width=0.5, legend_label=f"y = {c}")
    plot.segment(x0="x0", y0="y0", x1="x1", y1="y1", source=sources["best"],
                 line_color=palette.PURPLE, line_width=2.5, line_dash="dashed",
                 legend_label="best τ")
    plot.segment(x0="x0", y0="y0", x1="x1", y1="y1", source=sources["question"],
                 line_color=palette.INK, line_width=2.5, legend_label="τ")
    # Below the plane, in two rows: as wide as a phone's plot.
    plot.add_layout(_legend(plot, orientation="horizontal", ncols=3, location="center"), "below")
    return plot


def _gain_plot(sources):
    plot = kit.canvas(f"{NAME}-gain-plot", title="Information gain of each threshold",
                      width=GAIN_WIDTH, height=GAIN_HEIGHT, x_range=Range1d(-LIMIT, LIMIT),
                      y_range=Range1d(0.0, 1.0))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "threshold τ", "gain (bits)"
    plot.step(x="tau", y="gain", source=sources["gain"], mode="after", line_color=palette.INK,
              line_width=2, legend_label="gain")
    plot.scatter(x="tau", y="gain", source=sources["gain-now"], size=10, marker="circle",
                 fill_color=palette.PAPER, line_color=palette.INK, line_width=2.5,
                 legend_label="τ")
    plot.scatter(x="tau", y="gain", source=sources["gain-best"], size=17, marker="star",
                 fill_color=palette.PURPLE, line_color=palette.INK, legend_label="best τ")
    _legend(plot, location="top_left")
    return plot


def _accuracy_plot(sources, depth_line):
    plot = kit.canvas(f"{NAME}-accuracy-plot", title="Accuracy against the tree's depth",
                      width=ACCURACY_WIDTH, height=ACCURACY_HEIGHT,
                      x_range=Range1d(DEPTH.start - 0.5, DEPTH.end + 0.5),
                      y_range=Range1d(ACCURACY_LOW, 1.0))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "depth", "accuracy"
    plot.xaxis.ticker = DEPTH.values().tolist()
    plot.line(x="depth", y="training", source=sources["accuracy"], line_color=palette.BLUE,
              line_width=2, legend_label="training points")
    plot.scatter(x="depth", y="training", source=sources["accuracy"], size=7,
                 marker="circle", color=palette.BLUE, legend_label="training points")
    plot.line(x="depth", y="held_out", source=sources["accuracy"],
              line_color=palette.VERMILLION, line_width=2, line_dash="dashed",
              legend_label="held-out points")
    plot.scatter(x="depth", y="held_out", source=sources["accuracy"], size=7,
                 marker="square", color=palette.VERMILLION, legend_label="held-out points")
    plot.add_layout(depth_line)
    # In the band below 0.5, which no accuracy reaches (a depth-1 tree already gets about
    # 0.6 of three classes right): below the plot, it would squeeze the plot on a phone.
    _legend(plot, orientation="horizontal", location="bottom_right", padding=4, margin=4)
    return plot


def _static(state: dict, v: dict):
    figure = kit.twin(2 * kit.PLOT_INCHES, 1.5 * kit.PLOT_INCHES)
    axes = figure.subplot_mosaic([["plane", "gain"], ["plane", "accuracy"]])
    plane = kit.square_axes(figure, LIMIT, "The question, and the tree's regions",
                            ax=axes["plane"])
    for c in range(3):
        rects = state[f"{NAME}-regions-{c}"]["data"]
        for x0, x1, y0, y1 in zip(rects["left"], rects["right"], rects["bottom"], rects["top"]):
            plane.fill_between([x0, x1], y0, y1, color=FILLS[c], linewidth=0)
    for c, marker in enumerate(("o", "s", "^")):
        points = state[f"{NAME}-points-{c}"]["data"]
        plane.scatter(points["x"], points["y"], marker=marker, s=16, color=COLOURS[c],
                      alpha=0.8, edgecolors=palette.INK, linewidths=0.4, label=f"y = {c}")
    for key, colour, style, label in (("best", palette.PURPLE, "--", "best τ"),
                                      ("question", palette.INK, "-", "τ")):
        line = state[f"{NAME}-{key}"]["data"]
        plane.plot([line["x0"][0], line["x1"][0]], [line["y0"][0], line["y1"][0]],
                   color=colour, linestyle=style, linewidth=2, label=label)
    plane.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=5, fontsize=8,
                 handlelength=1.5, columnspacing=1.0)
    gain = axes["gain"]
    curve = state[f"{NAME}-gain"]["data"]
    gain.step(curve["tau"], curve["gain"], where="post", color=palette.INK, linewidth=1.5)
    now, best = state[f"{NAME}-gain-now"]["data"], state[f"{NAME}-gain-best"]["data"]
    gain.plot(now["tau"], now["gain"], "o", markerfacecolor="white", markeredgecolor=palette.INK,
              markersize=8, markeredgewidth=2)
    gain.plot(best["tau"], best["gain"], "*", color=palette.PURPLE, markersize=14,
              markeredgecolor=palette.INK)
    gain.set(xlim=(-LIMIT, LIMIT), ylim=(0.0, 1.0), xlabel="threshold τ", ylabel="gain (bits)")
    gain.grid(alpha=0.3)
    gain.set_title("Information gain of each threshold", fontsize=10)
    accuracy = axes["accuracy"]
    table = state[f"{NAME}-accuracy"]["data"]
    accuracy.plot(table["depth"], table["training"], "-o", color=palette.BLUE, markersize=4,
                  label="training points")
    accuracy.plot(table["depth"], table["held_out"], "--s", color=palette.VERMILLION,
                  markersize=4, label="held-out points")
    accuracy.axvline(v["depth"], color=palette.GREY, linestyle=":", linewidth=2)
    accuracy.set(xlim=(DEPTH.start - 0.5, DEPTH.end + 0.5), ylim=(ACCURACY_LOW, 1.0),
                 xlabel="depth", ylabel="accuracy")
    accuracy.grid(alpha=0.3)
    accuracy.legend(loc="lower right", fontsize=8)
    accuracy.set_title("Accuracy against the tree's depth", fontsize=10)
    return figure


def _describe(v: dict) -> str:
    fixed = kit.to_fixed
    best, here = v["best"], v["here"]
    k = v["depth"] - 1
    return (f"{v['n']} training points of three overlapping classes in the plane, drawn as "
            f"blue circles, orange squares and green triangles. The question "
            f"{v['feature']} ≤ {fixed(v['tau'], 2)} is drawn as a solid line; it gains "
            f"{fixed(v['gain'], 3)} bits of information over the root's entropy of "
            f"{fixed(v['parent'], 3)} bits. A plot of the gain against the threshold peaks at "
            f"τ = {fixed(here.threshold, 3)} with {fixed(here.gain, 3)} bits (a star, and a "
            f"dashed line in the plane); the best question of all is "
            f"{FEATURES[best.feature]} ≤ {fixed(best.threshold, 3)}. The plane is shaded by "
            f"the class the tree of depth {v['depth']} predicts, in {v['tree'].n_leaves} "
            f"rectangles. A plot below gives the accuracy by depth: at depth {v['depth']}, "
            f"{fixed(100 * v['training'][k], 1)} % on the training points and "
            f"{fixed(100 * v['held_out'][k], 1)} % on {HELD_OUT} held-out points; training "
            f"accuracy keeps rising with depth while held-out accuracy peaks and falls.")
