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
package's trainer (:mod:`mlmath.models.two_class_data` and
:mod:`mlmath.models.neural_network`): from the same seed it draws the same
points and first weights, and its losses follow Python's to about 1e-14 for
every setting the controls allow (the learning rates stop at 1: beyond,
full-batch descent on these networks turns chaotic, and the last-bit
differences between JavaScript's and NumPy's ``tanh`` and ``exp`` grow into
different runs). ``figures/js/network_playground.js`` runs it and draws.
:func:`page_state` (in :mod:`~mlmath.figures.models.network_playground_state`)
is what the page shows at the start of a run.
"""

from __future__ import annotations

from bokeh.models import (Button, ColumnDataSource, CustomJS, DataRange1d, Legend, LegendItem,
                          Range1d, Row, Select)
from matplotlib.collections import PolyCollection

from mlmath import models
from mlmath.figures import kit
from mlmath.figures.kit import palette
from mlmath.figures.kit.callbacks import script
from mlmath.figures.models.network_playground_state import (
    ACTIVATION_LABELS, ALPHA, DATASETS, ETAS, FRAME_BUDGET_MS, FRAME_EPOCHS, GRID, LAYER_X, LIMIT,
    LOSS_POINTS, MAX_EPOCHS, MIN_EPOCHS_SHOWN, NAME, PAUSED, SLIDERS, STEP_EPOCHS, SURFACE_X,
    SURFACE_Y, _check, _start, describe, page_state, readout_text,
)

__all__ = ["ETAS", "GRID", "page_state", "readout_text", "fig_network_playground"]

SURFACE_PX, NETWORK_PX, NETWORK_HEIGHT_PX = 420, 360, 420
LOSS_WIDTH_PX, LOSS_HEIGHT_PX = 560, 260
READOUT_LINES = (9, 4)
#: The callback: the kit's helpers, the trainer, then the playground that runs it and draws.
CODE = "\n".join(script(name) for name in ("kit.js", "network_playground_trainer.js",
                                            "network_playground.js"))


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
                                  ("step", f"Step ×{STEP_EPOCHS}"))}
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
        n_train=models.two_class_data.N_TRAIN, n_test=models.two_class_data.N_TEST,
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
        static=_static(run, state), alt=describe(run))


def _surface_plot(sources: dict):
    plot = kit.square_canvas(f"{NAME}-surface-plot", LIMIT, size=SURFACE_PX,
                             title="Data, shaded by P(class 1)")
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
                    title="Data, shaded by P(class 1)")
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
