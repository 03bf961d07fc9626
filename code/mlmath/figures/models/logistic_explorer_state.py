"""The logistic explorer's numbers: its controls, its data and :func:`page_state`.

Everything the page shows for given controls, computed with :mod:`mlmath.models`;
``figures/js/logistic_explorer.js`` computes the same in the page, and
:mod:`mlmath.figures.models.logistic_explorer` lays it out (chapter *Logistic
regression*, ``chapters/ml/logistic-regression.md``).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from mlmath import models, probability
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["page_state", "readout_text", "shipped_data"]

NAME = "logistic-explorer"
#: The menu: (value for models.classification_data, what the menu says). The chapter opens
#: the figure on the rare positives, so they are not last: a keyboard's ArrowDown moves on.
DATA_CHOICES = (("overlapping", "overlapping (200 points)"),
                ("rare positives", "rare positives (500 points)"),
                ("separable", "separable (60 points)"))
SLIDERS = {
    "tau": kit.SliderSpec("threshold τ", 0.01, 0.99, 0.01),
    "steps": kit.SliderSpec("gradient steps k", 0, 500, 1),
    "w1": kit.SliderSpec("weight w₁", -5.0, 5.0, 0.1),
    "w2": kit.SliderSpec("weight w₂", -5.0, 5.0, 0.1),
    "b": kit.SliderSpec("bias b", -5.0, 5.0, 0.1),
}
#: The learning rate of the gradient steps. The log-loss's Hessian is at most a quarter
#: of [X 1]ᵀ[X 1]/N, whose largest eigenvalue is below 3.4 for every data set here, so
#: η = 1 is well inside the stability bound η·λ_max < 2.
ETA = 1.0
#: The plane's half-width; the data lie inside [−3.8, 3.8]².
LIMIT = 4.0
#: The left plot's range of s, and the square the shaded side is cut from (beyond the plot).
S_LIMIT, CLIP = 5.0, 8.0
CURVE_POINTS = 161
#: How far the points are spread around the height of their label in the left plot.
JITTER = 0.05
ARROW_LENGTH = 1.5
#: Label 0, label 1: colour and marker (Bokeh's name, matplotlib's).
LOOKS = ((palette.BLUE, "circle", "o"), (palette.VERMILLION, "triangle", "^"))
ALONG_WIDTH, ALONG_HEIGHT = 440, 400


@functools.cache
def shipped_data() -> dict:
    """Every data set as the page gets it: x₁, x₂, labels, and each point's spread."""
    found = {}
    for seed, (name, _) in enumerate(DATA_CHOICES):
        data = models.classification_data(name)
        spread = np.random.default_rng(100 + seed).uniform(-JITTER, JITTER, data.y.size)
        found[name] = {"x1": data.X[:, 0].tolist(), "x2": data.X[:, 1].tolist(),
                       "y": [int(v) for v in data.y], "spread": np.round(spread, 3).tolist()}
    return found


def _grid(low: float, high: float, count: int) -> list[float]:
    # Written as the callback writes it, so both give the same points.
    return [high if i == count - 1 else low + (high - low) * i / (count - 1)
            for i in range(count)]


def _cut_square(w1: float, w2: float, b: float, level: float) -> tuple[list, list]:
    """The square [−CLIP, CLIP]² cut to the side w₁x₁ + w₂x₂ + b ≥ level (one pass of
    Sutherland-Hodgman), and the points where its edges cross the line."""
    corners = [(-CLIP, -CLIP), (CLIP, -CLIP), (CLIP, CLIP), (-CLIP, CLIP)]
    kept, crossings = [], []
    for i, (px, py) in enumerate(corners):
        qx, qy = corners[(i + 1) % 4]
        here, after = px * w1 + py * w2 + b - level, qx * w1 + qy * w2 + b - level
        if here >= 0:
            kept.append((px, py))
        if (here >= 0) != (after >= 0):
            t = here / (here - after)
            point = (px + t * (qx - px), py + t * (qy - py))
            kept.append(point)
            crossings.append(point)
    return kept, crossings


def _numbers(data: str, tau: float, steps: int, w1: float, w2: float, b: float) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.models`."""
    shipped = shipped_data()[data]
    X = np.column_stack([shipped["x1"], shipped["x2"]])
    y = np.array(shipped["y"], dtype=float)
    start = np.array([w1, w2, b])
    theta = start if steps == 0 else models.fit_logistic_regression(
        X, y, eta=ETA, steps=steps, start=start).theta
    counts = models.confusion_matrix(y, models.predict(theta, X, tau))
    return {"data": data, "tau": tau, "steps": steps, "start": start, "theta": theta,
            "norm": math.hypot(theta[0], theta[1]), "p": models.predict_proba(theta, X),
            "loss": models.log_loss(theta, X, y), "start_loss": models.log_loss(start, X, y),
            "counts": counts, "level": models.logit(tau), "shipped": shipped}


def _two(value: float) -> str:
    return kit.to_fixed(value, 2)


def _readout(v: dict) -> str:
    w1, w2, b = v["theta"]
    weights = (f"w = ({_two(w1)}, {_two(w2)}), b = {_two(b)}, "
               f"‖w‖ = {kit.to_fixed(v['norm'], 2)}")
    loss = f"log-loss <b>L = {kit.to_fixed(v['loss'], 3)}</b>"
    if v["steps"] == 0:
        first = f"<b>No gradient steps</b>: the sliders' model, {weights}; {loss}"
    else:
        first = (f"<b>After {v['steps']} gradient step{'s' if v['steps'] > 1 else ''}</b> "
                 f"(η = {kit.to_fixed(ETA, 0)}) from the sliders' weights: {weights}; {loss} "
                 f"({kit.to_fixed(v['start_loss'], 3)} at the start)")
    c = v["counts"]
    tau = kit.to_fixed(v["tau"], 2)
    second = (f"At τ = {tau}: {kit.tint('TP', palette.VERMILLION)} = {c.tp}, FP = {c.fp}, "
              f"FN = {c.fn}, {kit.tint('TN', palette.BLUE)} = {c.tn}; ")
    if c.precision is None:
        second += (f"no example has p̂ ≥ {tau}, so precision = TP/(TP + FP) = 0/0 is "
                   f"undefined; recall = {kit.to_fixed(c.recall, 3)}")
    else:
        second += (f"precision = {kit.to_fixed(c.precision, 3)}, "
                   f"recall = {kit.to_fixed(c.recall, 3)}")
    lines = [first, second]
    if v["norm"] == 0:
        lines.append(f"w = 0: every example gets p̂ = σ(b) = "
                     f"{kit.to_fixed(probability.sigmoid(b), 3)}, whatever its features; the "
                     "left plot lays the points along x₁.")
    if v["data"] == "separable":
        lines.append("A line separates these classes: every step makes ‖w‖ larger and L "
                     "smaller, and L never reaches its lower limit 0.")
    return "<br>".join(lines)


def readout_text(data="overlapping", tau=0.5, steps=0, w1=1.0, w2=0.0, b=0.0) -> str:
    """The explorer's readout (HTML) for the given controls."""
    return _readout(_numbers(*_check(data, tau, steps, w1, w2, b)))


def _views(v: dict) -> dict:
    """The plots' data for the numbers ``v``."""
    shipped, (w1, w2, b), norm = v["shipped"], v["theta"], v["norm"]
    x1, x2, y = shipped["x1"], shipped["x2"], shipped["y"]
    colours = [str(LOOKS[label][0]) for label in y]
    markers = [LOOKS[label][1] for label in y]
    s = [(a * w1 + c * w2) / norm for a, c in zip(x1, x2)] if norm > 0 else list(x1)
    grid = _grid(-S_LIMIT, S_LIMIT, CURVE_POINTS)
    region, boundary = _cut_square(w1, w2, b, v["level"])
    start_line = _cut_square(*v["start"], v["level"])[1] if v["steps"] > 0 else []
    c, tau = v["counts"], v["tau"]
    if norm > 0:
        cut = (v["level"] - b) / norm
        box_left, box_visible = min(max(cut, -S_LIMIT - 1), S_LIMIT + 1), True
        arrow = {"x0": [0.0], "y0": [0.0], "x1": [ARROW_LENGTH * w1 / norm],
                 "y1": [ARROW_LENGTH * w2 / norm], "label": ["w"], "w1": [w1], "w2": [w2],
                 "b": [b]}
    else:
        cut = 0.0
        box_left, box_visible = -S_LIMIT - 1, bool(probability.sigmoid(b) >= tau)
        arrow = {"x0": [], "y0": [], "x1": [], "y1": [], "label": [], "w1": [], "w2": [],
                 "b": []}
    inside = S_LIMIT - 0.2
    return {
        "points": {"x1": x1, "x2": x2, "colour": colours, "marker": markers},
        "along": {"s": s, "row": [label + d for label, d in zip(y, shipped["spread"])],
                  "p": v["p"].tolist(), "colour": colours, "marker": markers},
        "curve": {"s": grid, "p": [float(probability.sigmoid(norm * t + b)) for t in grid]},
        "counts": {"x": [-inside, inside, -inside, inside], "y": [1.2, 1.2, -0.2, -0.2],
                   "text": [f"FN {c.fn}", f"TP {c.tp}", f"TN {c.tn}", f"FP {c.fp}"],
                   "align": ["left", "right", "left", "right"]},
        "region": {"x": [p[0] for p in region], "y": [p[1] for p in region]},
        "boundary": {"x": [p[0] for p in boundary], "y": [p[1] for p in boundary]},
        "start-boundary": {"x": [p[0] for p in start_line], "y": [p[1] for p in start_line]},
        "arrow": arrow,
        "cut": cut, "cut_visible": norm > 0, "box_left": box_left, "box_visible": box_visible,
    }


def _title(v: dict) -> str:
    return f"Boundary p̂ = τ; log-loss L = {kit.to_fixed(v['loss'], 3)}"


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"logistic-explorer-data": "overlapping",
    "logistic-explorer-tau": 0.5, ...}``."""
    v = _numbers(values[f"{NAME}-data"], float(values[f"{NAME}-tau"]),
                 int(round(values[f"{NAME}-steps"])),
                 *(float(values[f"{NAME}-{key}"]) for key in ("w1", "w2", "b")))
    views = _views(v)
    sources = ("points", "along", "curve", "counts", "region", "boundary", "start-boundary",
               "arrow")
    return {
        **{f"{NAME}-{key}": {"data": views[key]} for key in sources},
        f"{NAME}-tau-line": {"location": v["tau"]},
        f"{NAME}-cut-line": {"location": views["cut"], "visible": views["cut_visible"]},
        f"{NAME}-cut-box": {"left": views["box_left"], "visible": views["box_visible"]},
        f"{NAME}-plane-title": {"text": _title(v)},
        f"{NAME}-readout": {"text": _readout(v)},
    }


def _check(data, tau, steps, w1, w2, b):
    names = [value for value, _ in DATA_CHOICES]
    if data not in names:
        raise ValueError(f"data must be one of {', '.join(map(repr, names))}, got {data!r}")
    given = {"tau": tau, "steps": steps, "w1": w1, "w2": w2, "b": b}
    tau, steps, w1, w2, b = (SLIDERS[key].check(value, key) for key, value in given.items())
    return data, tau, int(steps), w1, w2, b
