"""The normal explorer (chapter *The normal distribution*,
``chapters/probability/normal-distribution.md``).

Sliders set the mean μ and standard deviation σ of a normal distribution and
the ends a and b of an interval; the plot draws the density with the area over
[a, b] shaded, and the readout gives P(a ≤ X ≤ b) and the z-scores of a and b.
A sample-size slider overlays a histogram of n seeded samples x = μ + σz, where
the standard normals z are shipped from Python once (the first n of
:data:`SAMPLE_LIMIT`), so that a larger sample extends a smaller one, and the
readout compares the share of samples in [a, b] with the probability.
``figures/js/normal_explorer.js`` redraws it in the page (with its own normal
CDF, which the tests check against SciPy); :func:`page_state` is what it must
show, computed with :mod:`mlmath.probability`.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from bokeh.models import ColumnDataSource, Range1d, Span

from mlmath import probability
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_normal_explorer", "page_state", "readout_text"]

NAME = "normal-explorer"
MU = kit.SliderSpec("mean μ", -3.0, 3.0, 0.1)
SIGMA = kit.SliderSpec("standard deviation σ", 0.5, 2.0, 0.1)
A = kit.SliderSpec("interval start a", -8.0, 8.0, 0.1)
B = kit.SliderSpec("interval end b", -8.0, 8.0, 0.1)
N = kit.SliderSpec("sample size n", 10, 2000, 10)
SAMPLE_LIMIT = int(N.end)
SEED = 13
#: The plot's window: μ ± 2.5σ at every slider setting, and μ ± 4σ at most of them.
X_LOW, X_HIGH = -8.0, 8.0
#: Just above the highest peak, 1/(0.5·√(2π)) ≈ 0.80.
Y_HIGH = 0.9
CURVE_POINTS = 321
AREA_POINTS = 121
#: Histogram bins are a third of σ wide, from μ − 4σ to μ + 4σ (24 bins).
BIN_Z = 1.0 / 3.0
BIN_COUNT = 24
WIDTH_PX, HEIGHT_PX = 440, 420


@functools.cache
def shipped_normals() -> tuple[float, ...]:
    """The figure's standard normal draws, rounded to 4 decimals (a smaller page;
    the page and Python both use exactly these numbers)."""
    z = probability.standard_normals(SAMPLE_LIMIT, seed=SEED)
    return tuple(float(v) for v in np.round(z, 4))


def _grid(low: float, high: float, count: int) -> list[float]:
    # Written as the callback writes it, so both give the same points.
    return [high if i == count - 1 else low + (high - low) * i / (count - 1)
            for i in range(count)]


def _running_sum(values) -> float:
    total = 0.0
    for value in values:  # left to right, as the callback adds them
        total += value
    return total


def _numbers(mu: float, sigma: float, a: float, b: float, n: int) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.probability`."""
    z = shipped_normals()[:n]
    x = [mu + sigma * v for v in z]  # probability.normal_sample(mu, sigma, n, z=...)
    mean = _running_sum(x) / n
    spread = math.sqrt(_running_sum((v - mean) ** 2 for v in x) / (n - 1))
    return {"mu": mu, "sigma": sigma, "a": a, "b": b, "n": n, "z": z, "x": x,
            "p": probability.interval_probability(a, b, mu, sigma),
            "za": probability.standardise(a, mu, sigma),
            "zb": probability.standardise(b, mu, sigma),
            "inside": sum(1 for v in x if a <= v <= b), "mean": mean, "spread": spread}


def _probability_text(p: float) -> str:
    if p < 1e-4:
        return "less than 0.0001"
    if p > 0.9999:
        return "more than 0.9999"
    return kit.to_fixed(p, 4)


def _readout(v: dict) -> str:
    mu, sigma = kit.to_fixed(v["mu"], 1), kit.to_fixed(v["sigma"], 1)
    a, b = kit.to_fixed(v["a"], 1), kit.to_fixed(v["b"], 1)
    if v["a"] > v["b"]:
        area = (f"<b>a &gt; b</b>: the interval from a = {a} to b = {b} is empty, so "
                "P(a ≤ X ≤ b) = 0. Swap a and b to measure the area between them.")
    elif v["a"] == v["b"]:
        area = (f"<b>a = b = {a}</b>: a single point. P(X = {a}) = 0, since a continuous "
                "distribution puts no probability on any one value (zero width, zero area).")
    else:
        area = (f"<b>P({a} ≤ X ≤ {b})</b> = "
                f"{kit.tint(_probability_text(v['p']), palette.BLUE)} "
                f"for μ = {mu}, σ = {sigma}")
    share = kit.to_fixed(100 * v["inside"] / v["n"], 1)
    return (f"{area}<br>z-scores (x − μ)/σ: a → {kit.to_fixed(v['za'], 2)}, "
            f"b → {kit.to_fixed(v['zb'], 2)}<br>"
            f"n = {v['n']} samples: {v['inside']} in [a, b] ({share} %); "
            f"x̄ = {kit.to_fixed(v['mean'], 2)}, s = {kit.to_fixed(v['spread'], 2)} "
            "(divisor n − 1)")


def readout_text(mu=0.0, sigma=1.0, a=-1.0, b=1.0, n=200) -> str:
    """The explorer's readout for the given slider values (HTML)."""
    return _readout(_numbers(*_check(mu, sigma, a, b, n)))


def _histogram(v: dict) -> dict:
    counts = [0] * BIN_COUNT
    for value in v["z"]:
        k = math.floor((value + 4.0) / BIN_Z)
        if 0 <= k < BIN_COUNT:
            counts[k] += 1
    width = v["sigma"] * BIN_Z
    left = [v["mu"] + v["sigma"] * (-4.0 + k * BIN_Z) for k in range(BIN_COUNT)]
    return {"left": left, "right": [edge + width for edge in left],
            "top": [c / (v["n"] * width) for c in counts]}


def _curve(v: dict, low: float, high: float, count: int) -> dict:
    x = _grid(low, high, count)
    return {"x": x, "y": np.asarray(probability.normal_pdf(x, v["mu"], v["sigma"])).tolist()}


def page_state(values: dict) -> dict:
    """What the page shows for slider values ``{"normal-explorer-mu": 0.0,
    "normal-explorer-sigma": 1.0, "normal-explorer-a": -1.0, "normal-explorer-b": 1.0,
    "normal-explorer-n": 200}``."""
    v = _numbers(*(float(values[f"{NAME}-{key}"]) for key in ("mu", "sigma", "a", "b")),
                 int(round(values[f"{NAME}-n"])))
    area = _curve(v, v["a"], v["b"], AREA_POINTS) if v["a"] < v["b"] else {"x": [], "y": []}
    return {
        f"{NAME}-curve": {"data": _curve(v, X_LOW, X_HIGH, CURVE_POINTS)},
        f"{NAME}-area": {"data": area},
        f"{NAME}-histogram": {"data": _histogram(v)},
        f"{NAME}-a-line": {"location": v["a"]},
        f"{NAME}-b-line": {"location": v["b"]},
        f"{NAME}-readout": {"text": _readout(v)},
    }


def _check(mu, sigma, a, b, n):
    return (MU.check(mu, "mu"), SIGMA.check(sigma, "sigma"), A.check(a, "a"), B.check(b, "b"),
            int(N.check(n, "n")))


def fig_normal_explorer(mu=0.0, sigma=1.0, a=-1.0, b=1.0, n=200) -> kit.BookFigure:
    """The normal explorer: the density of N(μ, σ²), the area over [a, b], and
    a histogram of n seeded samples.
    Book section: Probability, *The normal distribution*.

    Parameters
    ----------
    mu : float
        The mean, in ``[-3, 3]`` in steps of 0.1.
    sigma : float
        The standard deviation, in ``[0.5, 2]`` in steps of 0.1.
    a, b : float
        The interval's ends, each in ``[-8, 8]`` in steps of 0.1 (``a > b``
        and ``a == b`` are allowed, and said in words).
    n : int
        The sample size, in ``[10, 2000]`` in steps of 10.
    """
    checked = _check(mu, sigma, a, b, n)
    sliders = [MU.slider(checked[0], name=f"{NAME}-mu", argument="mu", format="0.0"),
               SIGMA.slider(checked[1], name=f"{NAME}-sigma", argument="sigma", format="0.0"),
               A.slider(checked[2], name=f"{NAME}-a", argument="a", format="0.0"),
               B.slider(checked[3], name=f"{NAME}-b", argument="b", format="0.0"),
               N.slider(checked[4], name=f"{NAME}-n", argument="n", format="0")]
    state = page_state({s.name: s.value for s in sliders})
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("curve", "area", "histogram")}
    lines = {key: Span(location=state[f"{NAME}-{key}-line"]["location"], dimension="height",
                       line_color=palette.VERMILLION, line_width=2, line_dash=dash,
                       name=f"{NAME}-{key}-line")
             for key, dash in (("a", "dashed"), ("b", "dotted"))}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "normal_explorer.js", mu_slider=sliders[0], sigma_slider=sliders[1],
        a_slider=sliders[2], b_slider=sliders[3], n_slider=sliders[4], readout=readout,
        curve=sources["curve"], area=sources["area"], histogram=sources["histogram"],
        a_line=lines["a"], b_line=lines["b"], z=list(shipped_normals()),
        low=X_LOW, high=X_HIGH, curve_points=CURVE_POINTS, area_points=AREA_POINTS,
        bin_z=BIN_Z, bin_count=BIN_COUNT), *sliders)
    v = _numbers(*checked)
    return kit.BookFigure(
        NAME, [kit.Controls(*sliders, columns=2), kit.Readout(readout, lines=_readout_lines()),
               _plot(sources, lines)],
        static=_static(state, v), alt=_describe(v))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readout the sliders can produce, on a phone and wider."""
    texts = [readout_text(-3.0, 2.0, 8.0, -8.0, 2000), readout_text(-3.0, 2.0, -8.0, -8.0, 2000),
             readout_text(-3.0, 0.5, -8.0, 8.0, 2000)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _plot(sources, lines):
    plot = kit.canvas(f"{NAME}-plot", title="the density, and the area over [a, b]",
                      width=WIDTH_PX, height=HEIGHT_PX, x_range=Range1d(X_LOW, X_HIGH),
                      y_range=Range1d(0.0, Y_HIGH))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "x", "density"
    plot.quad(left="left", right="right", top="top", bottom=0.0, source=sources["histogram"],
              fill_color=palette.GREY, fill_alpha=0.3, line_color=palette.GREY, line_alpha=0.6,
              legend_label="samples")
    plot.varea(x="x", y1=0.0, y2="y", source=sources["area"], fill_color=palette.BLUE,
               fill_alpha=0.3, legend_label="P(a ≤ X ≤ b)")
    plot.line("x", "y", source=sources["curve"], line_color=palette.BLUE, line_width=3,
              legend_label="density")
    for line in lines.values():
        plot.add_layout(line)
    legend = plot.legend[0]
    legend.orientation = "horizontal"
    legend.location = "center"
    kit.theme_legend(legend)
    plot.add_layout(legend, "below")  # under the axis, where no curve can run into it
    return plot


def _static(state: dict, v: dict):
    figure = kit.twin(kit.PLOT_INCHES, 0.85 * kit.PLOT_INCHES)
    ax = figure.add_subplot()
    hist = state[f"{NAME}-histogram"]["data"]
    ax.bar(hist["left"], hist["top"], width=v["sigma"] * BIN_Z, align="edge",
           color=palette.GREY, alpha=0.3, edgecolor=palette.GREY, label=f"{v['n']} samples")
    area = state[f"{NAME}-area"]["data"]
    if area["x"]:
        ax.fill_between(area["x"], 0.0, area["y"], color=palette.BLUE, alpha=0.3,
                        label="P(a ≤ X ≤ b)")
    curve = state[f"{NAME}-curve"]["data"]
    ax.plot(curve["x"], curve["y"], color=palette.BLUE, lw=2.5, label="density")
    ax.axvline(v["a"], color=palette.VERMILLION, lw=1.5, ls="--")
    ax.axvline(v["b"], color=palette.VERMILLION, lw=1.5, ls=":")
    ax.set_xlim(X_LOW, X_HIGH)
    ax.set_ylim(0.0, Y_HIGH)
    ax.set_xlabel("x")
    ax.set_ylabel("density")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize=9)
    ax.set_title(f"μ = {kit.to_fixed(v['mu'], 1)}, σ = {kit.to_fixed(v['sigma'], 1)}: "
                 f"P({kit.to_fixed(v['a'], 1)} ≤ X ≤ {kit.to_fixed(v['b'], 1)}) = "
                 f"{_probability_text(v['p']) if v['a'] < v['b'] else '0'}", fontsize=10)
    return figure


def _describe(v: dict) -> str:
    if v["a"] < v["b"]:
        area = (f"the area under it between a = {v['a']:g} and b = {v['b']:g} is shaded: "
                f"P(a ≤ X ≤ b) = {_probability_text(v['p'])}")
    else:
        area = f"the interval from a = {v['a']:g} to b = {v['b']:g} is empty, so nothing is shaded"
    return (f"The bell-shaped density of the normal distribution with mean μ = {v['mu']:g} and "
            f"standard deviation σ = {v['sigma']:g}, drawn for x from {X_LOW:g} to {X_HIGH:g}; "
            f"{area}. The z-scores of a and b are {kit.to_fixed(v['za'], 2)} and "
            f"{kit.to_fixed(v['zb'], 2)}. Behind the curve, a histogram of {v['n']} seeded "
            f"samples follows its shape; {v['inside']} of them fall in the interval.")
