"""The network playground's state: what the page shows at the start of a run.

Book section: Machine Learning Concepts, *Neural networks*
(``chapters/ml/neural-networks.md``). The figure itself (its controls, plots
and static twin) is :mod:`mlmath.figures.models.network_playground`; this
module holds its settings, the checks of its arguments, and
:func:`page_state`, the Python twin of what its callback draws when a run
starts (``figures/js/network_playground.js``).
"""

from __future__ import annotations

import numpy as np

from mlmath import models
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["ETAS", "GRID", "describe", "page_state", "readout_text"]

NAME = "network-playground"
DATASETS = models.DATASETS
ACTIVATION_LABELS = {"tanh": "tanh", "relu": "ReLU", "sigmoid": "sigmoid"}
#: The learning rates of the menu, as it writes them. Larger ones make full-batch descent
#: chaotic on these networks (see network_playground.py), so the page could not repeat it.
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
        "grid_p": models.network_predict_proba(network, grid),
        "grid_class": models.network_predict(network, grid),
        "loss": models.network_loss(network, data.X_train, data.y_train),
        "test_loss": models.network_loss(network, data.X_test, data.y_test),
        "right": int(np.sum(models.network_predict(network, data.X_train) == data.y_train)),
        "test_right": int(np.sum(models.network_predict(network, data.X_test) == data.y_test)),
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


def describe(run: dict) -> str:
    """The alt text of the static twin: what it shows, in words, with its numbers."""
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
