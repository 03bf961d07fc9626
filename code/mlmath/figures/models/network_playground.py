"""The network playground (chapter *Neural networks*, ``chapters/ml/neural-networks.md``).

A network with one hidden layer trains in the reader's browser, with no
kernel: menus pick the data set (XOR, moons, circles), the hidden layer's
activation and the learning rate; sliders set the noise, the number of hidden
units and the seed. Play trains until Pause (a few epochs per animation
frame), Step trains ten epochs. The left plot shades the plane by the
network's probability of class 1 over the training points (filled) and the
test points (hollow); the right one draws the network, each edge as wide as
its weight is large, solid where it is positive and dashed where negative;
below, the training and test loss against the epoch. A change of data set,
noise, hidden units, activation, learning rate or seed starts a new run at
epoch 0.

``figures/js/network_playground_trainer.js`` is the page's copy of the
package's trainer (:mod:`mlmath.models.classification_data` and
:mod:`mlmath.models.neural_network`): from the same seed it draws the same
points and first weights, and its losses follow Python's to about 1e-14 for
every setting the controls allow (the learning rates stop at 1: beyond,
full-batch descent on these networks turns chaotic, and the last-bit
differences between JavaScript's and NumPy's ``tanh`` and ``exp`` grow into
different runs). ``figures/js/network_playground.js`` runs it and draws.
:func:`page_state` is what the page shows at the start of a run.
"""

from __future__ import annotations

import numpy as np
from bokeh.models import (Button, ColumnDataSource, CustomJS, DataRange1d, Legend, LegendItem,
                          Range1d, Row, Select)
from matplotlib.collections import PolyCollection

from mlmath import models
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.callbacks import script

__all__ = ["ETAS", "GRID", "page_state", "readout_text", "fig_network_playground"]

NAME = "network-playground"
DATASETS = models.DATASETS
ACTIVATION_LABELS = {"tanh": "tanh", "relu": "ReLU", "sigmoid": "sigmoid"}
#: The learning rates of the menu, as it writes them. Larger ones make full-batch descent
#: chaotic on these networks (see the module's docstring), so the page could not repeat it.
ETAS = ("0.01", "0.03", "0.1", "0.3", "1")
SLIDERS = {
    "noise": kit.SliderSpec("Noise", 0.0, 0.5, 0.05),
    "hidden": kit.SliderSpec("Hidden units", 1.0, 8.0, 1.0),
    "seed": kit.SliderSpec("Seed", 0.0, 9.0, 1.0),
}
LIMIT = 2.0
#: The plane is shaded in GRID × GRID squares, each by the network's output at its centre.
GRID = 30
CENTRES = [float(-LIMIT + (i + 0.5) * (2 * LIMIT / GRID)) for i in range(GRID)]
SURFACE_X = [x for _ in CENTRES for x in CENTRES]
SURFACE_Y = [y for y in CENTRES for _ in CENTRES]
#: The shading's opacity where the network is sure (a probability of 0 or 1).
ALPHA = 0.5
#: Step trains this many epochs; Play up to FRAME_EPOCHS an animation frame, within
#: FRAME_BUDGET_MS of work, and stops at MAX_EPOCHS.
STEP_EPOCHS = 10
FRAME_EPOCHS = 10
FRAME_BUDGET_MS = 8
MAX_EPOCHS = 10_000
#: The loss plot draws at most about this many points (every 2ᵏ-th epoch, and the last).
LOSS_POINTS = 500
#: The loss plot's epoch axis reaches at least this far.
MIN_EPOCHS_SHOWN = 100
#: Columns of the network drawing: inputs, hidden units, output.
LAYER_X = (0.0, 1.0, 2.0)
SURFACE_PX, NETWORK_PX, NETWORK_HEIGHT_PX = 420, 360, 420
LOSS_WIDTH_PX, LOSS_HEIGHT_PX = 560, 260
READOUT_LINES = (9, 4)
#: The callback: the kit's helpers, the trainer, then the playground that runs it and draws.
CODE = "\n".join(script(name) for name in ("kit.js", "network_playground_trainer.js",
                                            "network_playground.js"))
DEFAULTS = {"dataset": "moons", "noise": 0.2, "hidden": 4, "activation": "tanh", "eta": "0.3",
            "seed": 0}


def _check(dataset, noise, hidden, activation, eta, seed):
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {', '.join(map(repr, DATASETS))}, "
                         f"got {dataset!r}")
    if activation not in ACTIVATION_LABELS:
        raise ValueError(f"activation must be one of "
                         f"{', '.join(map(repr, ACTIVATION_LABELS))}, got {activation!r}")
    if eta not in ETAS:
        raise ValueError(f"eta must be one of the menu's learning rates "
                         f"{', '.join(map(repr, ETAS))} (a string), got {eta!r}")
    noise = SLIDERS["noise"].check(noise, "noise")
    hidden = int(SLIDERS["hidden"].check(hidden, "hidden"))
    seed = int(SLIDERS["seed"].check(seed, "seed"))
    return dataset, noise, hidden, activation, eta, seed


def _start(dataset, noise, hidden, activation, eta, seed) -> dict:
    """A run at epoch 0: its data, first weights, and what they give."""
    data = models.playground_data(dataset, noise, seed)
    network = models.init_network(hidden, activation, seed)
    grid = np.c_[SURFACE_X, SURFACE_Y]
    return {
        "dataset": dataset, "noise": noise, "hidden": hidden, "activation": activation,
        "eta": eta, "seed": seed, "data": data, "network": network,
        "grid_p": models.predict_proba(network, grid),
        "grid_class": models.predict(network, grid),
        "loss": models.network_loss(network, data.X_train, data.y_train),
        "test_loss": models.network_loss(network, data.X_test, data.y_test),
        "right": int(np.sum(models.predict(network, data.X_train) == data.y_train)),
        "test_right": int(np.sum(models.predict(network, data.X_test) == data.y_test)),
    }


def _percent(right: int, n: int) -> str:
    return kit.to_fixed(100 * right / n, 1)


def _architecture(run: dict) -> str:
    h = run["hidden"]
    return (f"2 inputs → {h} {ACTIVATION_LABELS[run['activation']]} unit{'s' if h > 1 else ''}"
            f" → σ: {4 * h + 1} parameters, learning rate η = {run['eta']}")


#: What the readout says of a run that waits for Play.
PAUSED = f"Paused: press Play to train, or Step for {STEP_EPOCHS} epochs."


def _readout(run: dict) -> str:
    n, n_test = len(run["data"].y_train), len(run["data"].y_test)
    return (f"<b>Epoch 0</b> · loss: training {kit.to_fixed(run['loss'], 3)}, test "
            f"{kit.to_fixed(run['test_loss'], 3)} · right: training "
            f"{_percent(run['right'], n)} %, test {_percent(run['test_right'], n_test)} %"
            f"<br>{PAUSED}<br>{_architecture(run)}")


def readout_text(dataset="moons", noise=0.2, hidden=4, activation="tanh", eta="0.3",
                 seed=0) -> str:
    """The readout (HTML) at the start of a run with these settings."""
    return _readout(_start(*_check(dataset, noise, hidden, activation, eta, seed)))


def _points(X, y) -> dict:
    return {"x": X[:, 0].tolist(), "y": X[:, 1].tolist(),
            "marker": ["square" if c == 1 else "circle" for c in y],
            "color": [palette.BLUE if c == 1 else palette.VERMILLION for c in y]}


def _layout(hidden: int) -> dict:
    """Where the nodes go: inputs, hidden units top to bottom, output."""
    return {"inputs": [2 / 3, 1 / 3],
            "hidden": [1 - (k + 1) / (hidden + 1) for k in range(hidden)],
            "output": [0.5]}


def _edge_width(weight: float) -> float:
    return min(1 + 2.5 * abs(weight), 9.0)


def _drawing(network: models.Network) -> dict:
    """The network drawing's sources: one edge per weight, one node per unit."""
    h = network.hidden
    place = _layout(h)
    edges = {key: [] for key in ("x0", "y0", "x1", "y1", "weight", "width", "color", "dash")}

    def edge(a, b, weight):
        for key, value in zip(("x0", "y0", "x1", "y1"), (*a, *b)):
            edges[key].append(value)
        edges["weight"].append(float(weight))
        edges["width"].append(_edge_width(weight))
        edges["color"].append(palette.BLUE if weight >= 0 else palette.VERMILLION)
        edges["dash"].append("solid" if weight >= 0 else "dashed")

    for j in range(2):
        for k in range(h):
            edge((LAYER_X[0], place["inputs"][j]), (LAYER_X[1], place["hidden"][k]),
                 network.W1[j, k])
    for k in range(h):
        edge((LAYER_X[1], place["hidden"][k]), (LAYER_X[2], place["output"][0]),
             network.W2[k, 0])
    nodes = {"x": [LAYER_X[0]] * 2 + [LAYER_X[1]] * h + [LAYER_X[2]],
             "y": place["inputs"] + place["hidden"] + place["output"],
             "label": ["x₁", "x₂"] + [f"h{kit.subscript(k + 1)}" for k in range(h)] + ["ŷ"]}
    layers = {"x": list(LAYER_X), "y": [-0.07] * 3,
              "text": ["inputs", ACTIVATION_LABELS[network.activation], "σ"]}
    return {"edges": edges, "nodes": nodes, "layers": layers}


def _surface(run: dict) -> dict:
    strength = ALPHA * np.abs(2 * run["grid_p"] - 1)
    blue = np.where(run["grid_class"] == 1, strength, 0.0)
    return {"x": SURFACE_X, "y": SURFACE_Y, "blue": blue.tolist(),
            "vermillion": (strength - blue).tolist()}


def page_state(values: dict) -> dict:
    """What the page shows at the start of a run (epoch 0, paused), for control values
    ``{"network-playground-dataset": ..., ...}``: where a change of any control leaves it."""
    run = _start(*_check(values[f"{NAME}-dataset"], values[f"{NAME}-noise"],
                         values[f"{NAME}-hidden"], values[f"{NAME}-activation"],
                         values[f"{NAME}-eta"], values[f"{NAME}-seed"]))
    data = run["data"]
    drawing = _drawing(run["network"])
    return {
        f"{NAME}-surface": {"data": _surface(run)},
        f"{NAME}-train": {"data": _points(data.X_train, data.y_train)},
        f"{NAME}-test": {"data": _points(data.X_test, data.y_test)},
        f"{NAME}-loss": {"data": {"epoch": [0], "train": [run["loss"]],
                                  "test": [run["test_loss"]]}},
        f"{NAME}-loss-x": {"start": 0, "end": MIN_EPOCHS_SHOWN},
        f"{NAME}-edges": {"data": drawing["edges"]},
        f"{NAME}-nodes": {"data": drawing["nodes"]},
        f"{NAME}-layers": {"data": drawing["layers"]},
        f"{NAME}-run": {"data": {"epoch": [0], "eta": [float(run["eta"])]}},
        f"{NAME}-play": {"disabled": False},
        f"{NAME}-pause": {"disabled": True},
        f"{NAME}-readout": {"text": _readout(run)},
    }


def fig_network_playground(dataset="moons", noise=0.2, hidden=4, activation="tanh",
                           eta="0.3", seed=0) -> kit.BookFigure:
    """The network playground: a two-layer network that trains in the page.
    Book section: Machine Learning Concepts, *Neural networks*.

    Parameters
    ----------
    dataset : {"XOR", "moons", "circles"}
    noise : float
        The noise's standard deviation, in ``[0, 0.5]`` in steps of 0.05.
    hidden : int
        The number of hidden units, 1 to 8.
    activation : {"tanh", "relu", "sigmoid"}
    eta : str
        The learning rate, one of :data:`ETAS` (as the menu writes it).
    seed : int
        The seed of the data and the first weights, 0 to 9.

    Raises
    ------
    ValueError
        If a setting is not one the controls can take; the message names the
        argument and the allowed values.
    """
    checked = _check(dataset, noise, hidden, activation, eta, seed)
    menus = {
        "dataset": Select(title="Data set", value=checked[0], options=list(DATASETS),
                          name=f"{NAME}-dataset", sizing_mode="stretch_width"),
        "activation": Select(title="Activation", value=checked[3],
                             options=list(ACTIVATION_LABELS.items()),
                             name=f"{NAME}-activation", sizing_mode="stretch_width"),
        "eta": Select(title="Learning rate", value=checked[4], options=list(ETAS),
                      name=f"{NAME}-eta", sizing_mode="stretch_width"),
    }
    sliders = {key: spec.slider(value, name=f"{NAME}-{key}", argument=key,
                                format="0.00" if key == "noise" else "0")
               for (key, spec), value in zip(SLIDERS.items(), (checked[1], checked[2],
                                                              checked[5]))}
    buttons = {key: Button(label=label, name=f"{NAME}-{key}", sizing_mode="stretch_width")
               for key, label in (("play", "Play"), ("pause", "Pause"),
                                  ("step", f"Step {STEP_EPOCHS} epochs"))}
    values = {m.name: m.value for m in (*menus.values(), *sliders.values())}
    state = page_state(values)
    for key, button in buttons.items():
        button.disabled = state.get(button.name, {}).get("disabled", False)
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("surface", "train", "test", "loss", "edges", "nodes", "layers",
                           "run")}
    loss_x = Range1d(0, MIN_EPOCHS_SHOWN, name=f"{NAME}-loss-x")
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    surface_plot = _surface_plot(sources)
    code = CustomJS(code=CODE, args=dict(
        dataset_menu=menus["dataset"], activation_menu=menus["activation"],
        eta_menu=menus["eta"], noise_slider=sliders["noise"], hidden_slider=sliders["hidden"],
        seed_slider=sliders["seed"], play_button=buttons["play"],
        pause_button=buttons["pause"], step_button=buttons["step"], readout=readout,
        loss_x=loss_x, surface_plot=surface_plot, **sources,
        centres_x=SURFACE_X, centres_y=SURFACE_Y, alpha=ALPHA,
        n_train=models.classification_data.N_TRAIN, n_test=models.classification_data.N_TEST,
        activation_labels=ACTIVATION_LABELS, layer_x=list(LAYER_X), step_epochs=STEP_EPOCHS,
        frame_epochs=FRAME_EPOCHS, frame_budget_ms=FRAME_BUDGET_MS, max_epochs=MAX_EPOCHS,
        loss_points=LOSS_POINTS, min_epochs_shown=MIN_EPOCHS_SHOWN, paused=PAUSED,
        blue=palette.BLUE, vermillion=palette.VERMILLION))
    kit.link(code, *menus.values(), *sliders.values())
    for button in buttons.values():
        button.js_on_event("button_click", code)
    controls = kit.Controls(menus["dataset"], sliders["noise"], sliders["hidden"],
                            menus["activation"], menus["eta"], sliders["seed"],
                            Row(*buttons.values(), sizing_mode="stretch_width",
                                name=f"{NAME}-buttons"), columns=2)
    run = _start(*checked)
    return kit.BookFigure(
        NAME, [controls, kit.Readout(readout, lines=READOUT_LINES),
               kit.Panels(surface_plot, _network_plot(sources)),
               kit.Panels(_loss_plot(sources, loss_x))],
        static=_static(run, state), alt=_describe(run))


def _surface_plot(sources: dict):
    plot = kit.square_canvas(f"{NAME}-surface-plot", LIMIT, size=SURFACE_PX,
                             title="The data, shaded by the network's P(class 1)")
    side = 2 * LIMIT / GRID
    for column, colour in (("blue", palette.BLUE), ("vermillion", palette.VERMILLION)):
        plot.rect(x="x", y="y", width=side, height=side, source=sources["surface"],
                  fill_color=colour, fill_alpha=column, line_color=None)
    plot.scatter(x="x", y="y", source=sources["test"], marker="marker", size=6,
                 fill_color=palette.PAPER, line_color="color", line_width=1.5)
    plot.scatter(x="x", y="y", source=sources["train"], marker="marker", size=7,
                 fill_color="color", line_color=palette.INK, line_width=0.8)
    return plot


def _network_plot(sources: dict):
    plot = kit.board(f"{NAME}-network", title="Weights: width by size, dashed if negative",
                     x_range=Range1d(-0.3, 2.3), y_range=Range1d(-0.14, 1.0),
                     width=NETWORK_PX, height=NETWORK_HEIGHT_PX)
    plot.segment(x0="x0", y0="y0", x1="x1", y1="y1", source=sources["edges"],
                 line_color="color", line_width="width", line_dash="dash", line_alpha=0.9)
    plot.scatter(x="x", y="y", source=sources["nodes"], size=30, fill_color=palette.PAPER,
                 line_color=palette.INK, line_width=1.5)
    plot.text(x="x", y="y", text="label", source=sources["nodes"], text_align="center",
              text_baseline="middle", text_font_size="13px", text_color=palette.INK)
    plot.text(x="x", y="y", text="text", source=sources["layers"], text_align="center",
              text_baseline="middle", text_font_size="13px", text_color=palette.INK_SOFT)
    return plot


def _loss_plot(sources: dict, loss_x):
    plot = kit.canvas(f"{NAME}-loss-plot", title="Cross-entropy loss against the epoch",
                      width=LOSS_WIDTH_PX, height=LOSS_HEIGHT_PX, x_range=loss_x,
                      y_range=DataRange1d(start=0, name=f"{NAME}-loss-y"))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "epoch", "loss"
    train = plot.line(x="epoch", y="train", source=sources["loss"], line_color=palette.BLUE,
                      line_width=2)
    test = plot.line(x="epoch", y="test", source=sources["loss"],
                     line_color=palette.VERMILLION, line_width=2, line_dash="dashed")
    legend = Legend(items=[LegendItem(label="training", renderers=[train]),
                           LegendItem(label="test", renderers=[test])],
                    location="top_right", label_text_font_size="12px")
    kit.theme_legend(legend)
    plot.add_layout(legend)
    return plot


def _static(run: dict, state: dict):
    figure = kit.twin(2 * kit.PLOT_INCHES, 1.55 * kit.PLOT_INCHES)
    grid = figure.add_gridspec(2, 2, height_ratios=(2.2, 1))
    surface_ax = figure.add_subplot(grid[0, 0])
    network_ax = figure.add_subplot(grid[0, 1])
    loss_ax = figure.add_subplot(grid[1, :])
    kit.square_axes(figure, LIMIT, ax=surface_ax,
                    title="The data, shaded by the network's P(class 1)")
    surface = state[f"{NAME}-surface"]["data"]
    half = LIMIT / GRID
    for column, colour in (("blue", palette.BLUE), ("vermillion", palette.VERMILLION)):
        cells = [[(x - half, y - half), (x + half, y - half), (x + half, y + half),
                  (x - half, y + half)]
                 for x, y, a in zip(surface["x"], surface["y"], surface[column]) if a > 0.02]
        alphas = [a for a in surface[column] if a > 0.02]
        surface_ax.add_collection(PolyCollection(cells, facecolors=colour, alpha=None,
                                                 edgecolors="none")).set_alpha(alphas)
    for key, size, filled in (("test", 22, False), ("train", 26, True)):
        points = state[f"{NAME}-{key}"]["data"]
        for marker, shape in (("circle", "o"), ("square", "s")):
            chosen = [i for i, m in enumerate(points["marker"]) if m == marker]
            colours = [points["color"][i] for i in chosen]
            surface_ax.scatter([points["x"][i] for i in chosen], [points["y"][i] for i in chosen],
                               s=size, marker=shape,
                               c=colours if filled else palette.PAPER,
                               edgecolors=palette.INK if filled else colours,
                               linewidths=0.6 if filled else 1.0, zorder=3)
    drawing = state
    edges = drawing[f"{NAME}-edges"]["data"]
    for x0, y0, x1, y1, width, colour, dash in zip(edges["x0"], edges["y0"], edges["x1"],
                                                   edges["y1"], edges["width"], edges["color"],
                                                   edges["dash"]):
        network_ax.plot([x0, x1], [y0, y1], color=colour, linewidth=width * 0.75,
                        linestyle="-" if dash == "solid" else "--", alpha=0.9)
    nodes = drawing[f"{NAME}-nodes"]["data"]
    network_ax.scatter(nodes["x"], nodes["y"], s=330, color=palette.PAPER,
                       edgecolors=palette.INK, linewidths=1.2, zorder=3)
    for x, y, label in zip(nodes["x"], nodes["y"], nodes["label"]):
        network_ax.text(x, y, label, ha="center", va="center", fontsize=9, zorder=4)
    layers = drawing[f"{NAME}-layers"]["data"]
    for x, y, text in zip(layers["x"], layers["y"], layers["text"]):
        network_ax.text(x, y, text, ha="center", va="center", fontsize=9,
                        color=palette.INK_SOFT)
    network_ax.set_xlim(-0.3, 2.3)
    network_ax.set_ylim(-0.14, 1.0)
    network_ax.axis("off")
    network_ax.set_title("Weights: width by size, dashed if negative", fontsize=10)
    loss = state[f"{NAME}-loss"]["data"]
    loss_ax.plot(loss["epoch"], loss["train"], "o", color=palette.BLUE, label="training")
    loss_ax.plot(loss["epoch"], loss["test"], "s", color=palette.VERMILLION,
                 markerfacecolor="white", label="test")
    loss_ax.set_xlim(0, MIN_EPOCHS_SHOWN)
    loss_ax.set_ylim(0, max(1.0, 1.1 * max(loss["train"] + loss["test"])))
    loss_ax.set_xlabel("epoch")
    loss_ax.set_ylabel("loss")
    loss_ax.grid(alpha=0.3)
    loss_ax.legend(loc="upper right", fontsize=9)
    loss_ax.set_title("Cross-entropy loss against the epoch", fontsize=10)
    return figure


def _describe(run: dict) -> str:
    data = run["data"]
    h = run["hidden"]
    return (
        f"The network playground at epoch 0, before training: {len(data.y_train)} training "
        f"points of the {run['dataset']} data set with noise {kit.to_fixed(run['noise'], 2)} "
        f"(seed {run['seed']}), squares for class 1 and circles for class 0, and "
        f"{len(data.y_test)} hollow test points, on the plane shaded by the probability of "
        f"class 1 that a network with {h} {ACTIVATION_LABELS[run['activation']]} hidden "
        f"unit{'s' if h > 1 else ''} gives with its first, random weights; the network drawn "
        f"with one line per weight, wider for larger weights and dashed for negative ones; "
        f"and the loss plot, with its first point: a training loss of "
        f"{kit.to_fixed(run['loss'], 3)} and a test loss of {kit.to_fixed(run['test_loss'], 3)}, "
        f"{_percent(run['right'], len(data.y_train))} % of the training points and "
        f"{_percent(run['test_right'], len(data.y_test))} % of the test points classified "
        f"right. Online, Play trains the network at learning rate {run['eta']} and the "
        f"shading, the weights and the loss curves change as it learns.")
