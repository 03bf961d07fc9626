"""The distribution explorer (chapter *Probability distributions*,
``chapters/probability/distributions.md``).

A menu picks the Bernoulli, binomial or uniform distribution; sliders set the
success probability p, the number of trials n, the ends a and b of the uniform's
interval, and the sample size N. The left plot draws the PMF (stems) or the
density (a line), with the sample's shares or its histogram behind it and
vertical lines at the mean μ and the sample mean x̄; the right plot draws the
CDF and the sample's empirical CDF. The readout gives the mean and variance
from the formulas and from the sample, and the standard error σ/√N that says
how far apart the two means typically are.

A slider whose parameter the shown distribution lacks switches the menu to the
distribution it belongs to: a or b to the uniform, n to the binomial, p (when
the uniform is shown) to the binomial. The sliders' ranges keep a ≤ 0 < b, so
every setting is a distribution; p = 0 and p = 1, where nothing is random, are
said in words.

The samples are the package's inverse-CDF sampler, ``inverse_cdf`` of
:mod:`mlmath.probability`, applied to the first N of the figure's seeded
uniform draws (:func:`shipped_uniforms`), which the page receives once: a
larger N extends a smaller sample, and the same draws serve every
distribution. The N slider moves along :data:`SIZES` (1, 2, 5, 10, ...).
``figures/js/distribution_explorer.js`` redraws everything in the page;
:func:`page_state` is what it must show, computed with :mod:`mlmath.probability`.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from bokeh.models import (BasicTicker, ColumnDataSource, CustomJSTickFormatter, Legend,
                          LegendItem, Range1d, Select)

from mlmath import probability
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_distribution_explorer", "page_state", "readout_text", "shipped_uniforms"]

NAME = "distribution-explorer"
CHOICES = ("Bernoulli", "binomial", "uniform")
#: The sample sizes the N slider steps through (its value is the index).
SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
SLIDERS = {
    "size": kit.SliderSpec("sample size N", 0, len(SIZES) - 1, 1),
    "p": kit.SliderSpec("success probability p", 0.0, 1.0, 0.01),
    "n": kit.SliderSpec("trials n (binomial)", 1, 50, 1),
    "a": kit.SliderSpec("lower end a (uniform)", -3.0, 0.0, 0.1),
    "b": kit.SliderSpec("upper end b (uniform)", 0.2, 3.0, 0.1),
}
SEED = 7
#: The uniform draws are shipped rounded up to this many decimals: the page is
#: smaller, the draws stay in (0, 1], and a Bernoulli sample is unchanged by it
#: (u > 1 − p exactly when the rounded u is, for p on the slider's grid).
DECIMALS = 5
SCALE = 10**DECIMALS
#: The uniform's plot window, and its histogram's bins across [a, b].
UNIFORM_WINDOW = (-3.5, 3.5)
BINS = 20
#: Discrete windows reach this far past 0 and n.
MARGIN = 0.75
BAR_HALF_WIDTH = 0.4
#: Room above the tallest thing drawn; a histogram bar taller than TALLEST times the
#: density (a few samples in narrow bins) runs off the top rather than flatten the density.
HEADROOM = 1.12
TALLEST = 2.5
CDF_Y = (-0.03, 1.08)
WIDTH_PX, HEIGHT_PX = 440, 420


@functools.cache
def shipped_codes() -> tuple[int, ...]:
    """The figure's uniform draws as integers ``c`` in [1, 10⁵], ``u = c / 10⁵``:
    :func:`mlmath.probability.uniforms` rounded up to five decimals."""
    u = probability.uniforms(SIZES[-1], seed=SEED)
    return tuple(int(c) for c in np.ceil(u * SCALE))


def shipped_uniforms() -> np.ndarray:
    """The uniform draws in (0, 1] that the page turns into samples."""
    return np.array(shipped_codes(), dtype=float) / SCALE


def _running_sum(values) -> float:
    total = 0.0
    for value in values:  # left to right, as the callback adds them
        total += float(value)
    return total


def _steps(low: float, jumps, levels, high: float, before: float) -> dict:
    """A step function as a line: ``before`` up to the first jump, then ``levels[i]``
    from ``jumps[i]`` on, with a vertical riser at each jump (as the callback draws it)."""
    x, y = [low], [before]
    level = before
    for at, new in zip(jumps, levels):
        x += [at, at]
        y += [level, new]
        level = new
    return {"x": [*x, high], "y": [*y, level]}


def _distribution(family: str, p: float, n: int, a: float, b: float):
    if family == "Bernoulli":
        return probability.Bernoulli(p)
    if family == "binomial":
        return probability.Binomial(n, p)
    return probability.Uniform(a, b)


def _numbers(family: str, size_index: int, p: float, n: int, a: float, b: float) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.probability`."""
    dist = _distribution(family, p, n, a, b)
    size = SIZES[size_index]
    x = dist.inverse_cdf(shipped_uniforms()[:size]).astype(float)
    # probability.sample_mean and sample_var(ddof=1), summed in the callback's order so that
    # the page rounds the same numbers (the tests compare them with NumPy's)
    mean = _running_sum(x) / size
    s2 = _running_sum((v - mean) * (v - mean) for v in x) / (size - 1) if size > 1 else None
    v = {"family": family, "p": p, "n": n, "a": a, "b": b, "size": size, "dist": dist,
         "x": x, "mean": mean, "s2": s2, "mu": dist.mean, "var": dist.var,
         "se": math.sqrt(dist.var) / math.sqrt(size)}
    if family == "uniform":
        density = 1.0 / (b - a)
        heights = probability.histogram_density(x, a, b, BINS)
        tallest = float(heights.max())
        v.update(low=UNIFORM_WINDOW[0], high=UNIFORM_WINDOW[1], density=density,
                 heights=heights.tolist(),
                 top=HEADROOM * max(density, min(tallest, TALLEST * density)))
    else:
        trials = 1 if family == "Bernoulli" else n
        support = np.arange(trials + 1)
        pmf = dist.pmf(support)
        shares = probability.empirical_frequencies(x, support)
        v.update(low=-MARGIN, high=trials + MARGIN, support=support.tolist(),
                 pmf=pmf.tolist(), cdf=dist.cdf(support).tolist(), shares=shares.tolist(),
                 ecdf=probability.empirical_cdf(x, support).tolist(),
                 top=HEADROOM * max(float(pmf.max()), float(shares.max())))
    return v


# -- the readout -----------------------------------------------------------------------

def _theory(value: float) -> str:
    return kit.to_fixed(value, 4, trim=True)


def _what_line(v: dict) -> str:
    p = kit.to_fixed(v["p"], 2)
    if v["family"] == "uniform":
        a, b = kit.to_fixed(v["a"], 1), kit.to_fixed(v["b"], 1)
        return (f"<b>Uniform(a = {a}, b = {b})</b>: every value in [a, b] equally likely, "
                f"density 1/(b − a) = {_theory(v['density'])}")
    if v["family"] == "Bernoulli":
        head = f"<b>Bernoulli(p = {p})</b>"
        what = "one trial: X = 1 (a success) with probability p, else 0"
        top = "1"
    else:
        head = f"<b>Binomial(n = {v['n']}, p = {p})</b>"
        what = (f"the number of successes in {v['n']} independent trials"
                if v["n"] > 1 else "one trial, the same as Bernoulli(p)")
        top = str(v["n"])
    if v["p"] == 0.0:
        return (f"{head}: p = 0, every trial fails, so X is always 0. Nothing is random: "
                "σ² = 0 and every sample is 0")
    if v["p"] == 1.0:
        return (f"{head}: p = 1, every trial succeeds, so X is always {top}. Nothing is "
                f"random: σ² = 0 and every sample is {top}")
    return f"{head}: {what}"


def _theory_line(v: dict) -> str:
    mean, var = (kit.tint(_theory(v[key]), palette.BLUE) for key in ("mu", "var"))
    forms = {"Bernoulli": ("p", "p(1 − p)"), "binomial": ("np", "np(1 − p)"),
             "uniform": ("(a + b)/2", "(b − a)²/12")}[v["family"]]
    return f"Theory: mean μ = {forms[0]} = {mean}, variance σ² = {forms[1]} = {var}"


def _sample_line(v: dict) -> str:
    mean = kit.tint(kit.to_fixed(v["mean"], 3), palette.VERMILLION)
    if v["size"] == 1:
        return (f"N = 1 sample: x̄ = {mean}, the one value drawn; s² needs two values "
                "(its divisor N − 1 is 0)")
    spread = kit.tint(kit.to_fixed(v["s2"], 3), palette.VERMILLION)
    return (f"N = {v['size']} samples: x̄ = {mean}, s² = {spread} (divisor N − 1); "
            f"|x̄ − μ| = {kit.to_fixed(abs(v['mean'] - v['mu']), 3)}, standard error "
            f"σ/√N = {kit.to_fixed(v['se'], 3)}")


def _readout(v: dict) -> str:
    return f"{_what_line(v)}<br>{_theory_line(v)}<br>{_sample_line(v)}"


def readout_text(distribution="binomial", p=0.3, n=10, a=0.0, b=1.0, size=100) -> str:
    """The explorer's readout (HTML) for the given controls."""
    return _readout(_numbers(*_check(distribution, p, n, a, b, size)))


# -- what the page shows -----------------------------------------------------------------

def _data(v: dict) -> dict:
    low, high = v["low"], v["high"]
    empty = {"x": [], "top": []}
    if v["family"] == "uniform":
        a, b, d = v["a"], v["b"], v["density"]
        left = [a + (b - a) * k / BINS for k in range(BINS)]
        right = [a + (b - a) * (k + 1) / BINS for k in range(BINS)]
        bars = {"left": left, "right": right, "top": v["heights"]}
        theory = {"x": [low, a, a, b, b, high], "y": [0.0, 0.0, d, d, 0.0, 0.0]}
        cdf = {"x": [low, a, b, high],
               "y": np.asarray(v["dist"].cdf([low, a, b, high])).tolist()}
        ordered = np.sort(v["x"]).tolist()
        ecdf = _steps(low, ordered, [i / v["size"] for i in range(1, v["size"] + 1)],
                      high, 0.0)
        stems = empty
    else:
        k = v["support"]
        bars = {"left": [j - BAR_HALF_WIDTH for j in k],
                "right": [j + BAR_HALF_WIDTH for j in k], "top": v["shares"]}
        stems = {"x": k, "top": v["pmf"]}
        theory = {"x": [], "y": []}
        cdf = _steps(low, k, v["cdf"], high, 0.0)
        ecdf = _steps(low, k, v["ecdf"], high, 0.0)
    top = v["top"]
    return {"bars": bars, "stems": stems, "density": theory, "cdf": cdf, "ecdf": ecdf,
            "mean": {"x": [v["mu"], v["mu"]], "y": [0.0, top]},
            "sample-mean": {"x": [v["mean"], v["mean"]], "y": [0.0, top]}}


def _labels(family: str) -> dict:
    if family == "uniform":
        return {"title": "Density f(x), and the sample's histogram", "y": "density", "x": "x"}
    return {"title": "PMF P(X = k), and the sample's shares", "y": "probability", "x": "k"}


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"distribution-explorer-distribution":
    "binomial", "distribution-explorer-size": 6, "distribution-explorer-p": 0.3,
    "distribution-explorer-n": 10, "distribution-explorer-a": 0.0,
    "distribution-explorer-b": 1.0}`` (the size slider's value is an index into
    :data:`SIZES`)."""
    v = _numbers(values[f"{NAME}-distribution"], int(round(values[f"{NAME}-size"])),
                 float(values[f"{NAME}-p"]), int(round(values[f"{NAME}-n"])),
                 float(values[f"{NAME}-a"]), float(values[f"{NAME}-b"]))
    data = _data(v)
    labels = _labels(v["family"])
    return {
        **{f"{NAME}-{key}": {"data": value} for key, value in data.items()},
        f"{NAME}-x": {"start": v["low"], "end": v["high"]},
        f"{NAME}-y": {"end": v["top"]},
        f"{NAME}-pmf-title": {"text": labels["title"]},
        f"{NAME}-pmf-y-axis": {"axis_label": labels["y"]},
        f"{NAME}-pmf-x-axis": {"axis_label": labels["x"]},
        f"{NAME}-cdf-x-axis": {"axis_label": labels["x"]},
        f"{NAME}-readout": {"text": _readout(v)},
    }


def _check(distribution, p, n, a, b, size):
    if distribution not in CHOICES:
        raise ValueError(f"distribution must be one of {', '.join(map(repr, CHOICES))}, "
                         f"got {distribution!r}")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size not in SIZES:
        raise ValueError(f"size must be one of the sample sizes "
                         f"{', '.join(map(str, SIZES))} (the slider 'sample size N'), "
                         f"got {size!r}")
    return (distribution, SIZES.index(int(size)), SLIDERS["p"].check(p, "p"),
            int(SLIDERS["n"].check(n, "n")), SLIDERS["a"].check(a, "a"),
            SLIDERS["b"].check(b, "b"))


def fig_distribution_explorer(distribution="binomial", p=0.3, n=10, a=0.0, b=1.0,
                              size=100) -> kit.BookFigure:
    """The distribution explorer: a PMF or density and its CDF, their mean and
    variance, and N seeded samples drawn by the inverse CDF.
    Book section: Probability, *Probability distributions*.

    Parameters
    ----------
    distribution : {"Bernoulli", "binomial", "uniform"}
        The distribution the menu starts on.
    p : float
        The success probability of the Bernoulli and binomial distributions, in
        ``[0, 1]`` in steps of 0.01 (0 and 1 are allowed, and said in words).
    n : int
        The binomial's number of trials, from 1 to 50.
    a, b : float
        The uniform's interval [a, b]: ``a`` in ``[-3, 0]`` and ``b`` in ``[0.2, 3]``,
        each in steps of 0.1.
    size : int
        The sample size N, one of :data:`SIZES` (1, 2, 5, 10, ..., 5000).
    """
    checked = _check(distribution, p, n, a, b, size)
    menu = Select(title="distribution", value=checked[0], options=list(CHOICES),
                  name=f"{NAME}-distribution", sizing_mode="stretch_width")
    formats = {"p": "0.00", "n": "0", "a": "0.0", "b": "0.0"}
    sliders = {"size": SLIDERS["size"].slider(checked[1], name=f"{NAME}-size",
                                              argument="size")}
    sliders["size"].format = CustomJSTickFormatter(
        args={"sizes": list(SIZES)}, code="return String(sizes[Math.round(tick)])")
    for key, value in zip(("p", "n", "a", "b"), checked[2:]):
        sliders[key] = SLIDERS[key].slider(value, name=f"{NAME}-{key}", argument=key,
                                           format=formats[key])
    state = page_state({menu.name: menu.value, **{s.name: s.value for s in sliders.values()}})
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("bars", "stems", "density", "cdf", "ecdf", "mean", "sample-mean")}
    x_range = Range1d(state[f"{NAME}-x"]["start"], state[f"{NAME}-x"]["end"], name=f"{NAME}-x")
    y_range = Range1d(0.0, state[f"{NAME}-y"]["end"], name=f"{NAME}-y")
    pmf_plot = _pmf_plot(sources, x_range, y_range, state)
    cdf_plot = _cdf_plot(sources, x_range, state)
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "distribution_explorer.js", menu=menu, size_slider=sliders["size"],
        p_slider=sliders["p"], n_slider=sliders["n"], a_slider=sliders["a"],
        b_slider=sliders["b"], readout=readout, x_range=x_range, y_range=y_range,
        pmf_title=pmf_plot.title, pmf_x_axis=pmf_plot.xaxis[0], pmf_y_axis=pmf_plot.yaxis[0],
        cdf_x_axis=cdf_plot.xaxis[0], **{key.replace("-", "_"): s for key, s in sources.items()},
        codes=np.array(shipped_codes(), dtype=np.int32), scale=SCALE, sizes=list(SIZES),
        uniform_window=list(UNIFORM_WINDOW), bins=BINS, margin=MARGIN,
        bar_half_width=BAR_HALF_WIDTH, headroom=HEADROOM, tallest=TALLEST),
        menu, *sliders.values())
    v = _numbers(*checked)
    controls = [menu, sliders["size"], sliders["p"], sliders["n"], sliders["a"], sliders["b"]]
    return kit.BookFigure(
        NAME, [kit.Controls(*controls, columns=2), kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(pmf_plot, cdf_plot)],
        static=_static(state, v), alt=_describe(v))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readout the controls can produce, on a phone and wider."""
    texts = [readout_text("binomial", 0.0, 50, 0.0, 1.0, 5000),
             readout_text("binomial", 1.0, 50, 0.0, 1.0, 5000),
             readout_text("binomial", 0.33, 50, 0.0, 1.0, 5000),
             readout_text("uniform", 0.5, 1, -2.9, 2.9, 5000),
             readout_text("uniform", 0.5, 1, -2.9, 2.9, 1),
             readout_text("Bernoulli", 0.37, 1, 0.0, 1.0, 2000)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _legend_below(plot, items, columns: int) -> None:
    legend = Legend(items=items, orientation="horizontal", ncols=columns, location="center")
    kit.theme_legend(legend)
    plot.add_layout(legend, "below")  # under the axis, where no curve or bar can run into it


def _pmf_plot(sources: dict, x_range, y_range, state: dict):
    plot = kit.canvas(f"{NAME}-pmf-plot", title=state[f"{NAME}-pmf-title"]["text"],
                      width=WIDTH_PX, height=HEIGHT_PX, x_range=x_range, y_range=y_range)
    plot.title.name = f"{NAME}-pmf-title"
    plot.xaxis[0].name, plot.yaxis[0].name = f"{NAME}-pmf-x-axis", f"{NAME}-pmf-y-axis"
    plot.xaxis.axis_label = state[f"{NAME}-pmf-x-axis"]["axis_label"]
    plot.yaxis.axis_label = state[f"{NAME}-pmf-y-axis"]["axis_label"]
    plot.xaxis.ticker = BasicTicker(min_interval=1)
    bars = plot.quad(left="left", right="right", top="top", bottom=0.0, source=sources["bars"],
                     fill_color=palette.GREY, fill_alpha=0.3, line_color=palette.GREY,
                     line_alpha=0.7)
    stems = plot.segment(x0="x", y0=0.0, x1="x", y1="top", source=sources["stems"],
                         line_color=palette.BLUE, line_width=3)
    dots = plot.scatter(x="x", y="top", source=sources["stems"], size=8,
                        fill_color=palette.BLUE, line_color=palette.BLUE)
    density = plot.line("x", "y", source=sources["density"], line_color=palette.BLUE,
                        line_width=3)
    mean = plot.line("x", "y", source=sources["mean"], line_color=palette.BLUE, line_width=2,
                     line_dash="dashed")
    sample_mean = plot.line("x", "y", source=sources["sample-mean"],
                            line_color=palette.VERMILLION, line_width=2.5, line_dash="dotted")
    _legend_below(plot, [
        LegendItem(label="distribution", renderers=[stems, dots, density]),
        LegendItem(label="sample", renderers=[bars]),
        LegendItem(label="mean μ", renderers=[mean]),
        LegendItem(label="sample mean x̄", renderers=[sample_mean])], columns=2)
    return plot


def _cdf_plot(sources: dict, x_range, state: dict):
    plot = kit.canvas(f"{NAME}-cdf-plot", title="CDF F(x), and the sample's empirical CDF",
                      width=WIDTH_PX, height=HEIGHT_PX, x_range=x_range,
                      y_range=Range1d(*CDF_Y))
    plot.xaxis[0].name = f"{NAME}-cdf-x-axis"
    plot.xaxis.axis_label = state[f"{NAME}-cdf-x-axis"]["axis_label"]
    plot.yaxis.axis_label = "cumulative probability"
    plot.xaxis.ticker = BasicTicker(min_interval=1)
    cdf = plot.line("x", "y", source=sources["cdf"], line_color=palette.BLUE, line_width=3)
    ecdf = plot.line("x", "y", source=sources["ecdf"], line_color=palette.VERMILLION,
                     line_width=2, line_dash="dashed")
    _legend_below(plot, [LegendItem(label="CDF F(x)", renderers=[cdf]),
                         LegendItem(label="the sample's empirical CDF", renderers=[ecdf])],
                  columns=1)  # two rows, as the PMF's legend: the plots' frames line up
    return plot


# -- the static twin and the alt text ----------------------------------------------------

def _static(state: dict, v: dict):
    figure = kit.twin(kit.PLOT_INCHES, 1.55 * kit.PLOT_INCHES)
    top, bottom = figure.subplots(2, 1)
    data = {key: state[f"{NAME}-{key}"]["data"] for key in
            ("bars", "stems", "density", "cdf", "ecdf", "mean", "sample-mean")}
    bars = data["bars"]
    top.bar(bars["left"], bars["top"], width=np.subtract(bars["right"], bars["left"]),
            align="edge", color=palette.GREY, alpha=0.3, edgecolor=palette.GREY,
            label="sample")
    if data["stems"]["x"]:
        top.vlines(data["stems"]["x"], 0.0, data["stems"]["top"], color=palette.BLUE, lw=2.5,
                   label="distribution")
        top.plot(data["stems"]["x"], data["stems"]["top"], "o", color=palette.BLUE, ms=5)
    else:
        top.plot(data["density"]["x"], data["density"]["y"], color=palette.BLUE, lw=2.5,
                 label="distribution")
    top.plot(data["mean"]["x"], data["mean"]["y"], "--", color=palette.BLUE, lw=1.5,
             label="mean μ")
    top.plot(data["sample-mean"]["x"], data["sample-mean"]["y"], ":", color=palette.VERMILLION,
             lw=2, label="sample mean x̄")
    labels = _labels(v["family"])
    for ax in (top, bottom):
        ax.set_xlim(v["low"], v["high"])
        ax.set_xlabel(labels["x"])
        ax.grid(alpha=0.3)
        ax.xaxis.get_major_locator().set_params(integer=True)
    top.set_ylim(0.0, v["top"])
    top.set_ylabel(labels["y"])
    top.set_title(f"{_name(v)}, N = {v['size']} samples", fontsize=10)
    top.legend(fontsize=8, ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    bottom.plot(data["cdf"]["x"], data["cdf"]["y"], color=palette.BLUE, lw=2.5,
                label="CDF F(x)")
    bottom.plot(data["ecdf"]["x"], data["ecdf"]["y"], "--", color=palette.VERMILLION, lw=1.5,
                label="the sample's empirical CDF")
    bottom.set_ylim(*CDF_Y)
    bottom.set_ylabel("cumulative probability")
    bottom.legend(fontsize=8, loc="lower right")
    return figure


def _name(v: dict) -> str:
    p = kit.to_fixed(v["p"], 2)
    if v["family"] == "uniform":
        return f"Uniform(a = {kit.to_fixed(v['a'], 1)}, b = {kit.to_fixed(v['b'], 1)})"
    if v["family"] == "Bernoulli":
        return f"Bernoulli(p = {p})"
    return f"Binomial(n = {v['n']}, p = {p})"


def _describe(v: dict) -> str:
    if v["family"] == "uniform":
        shape = (f"a flat density of height {_theory(v['density'])} between a = "
                 f"{v['a']:g} and b = {v['b']:g}, zero outside, over a histogram of the "
                 "sample in 20 bins; below it, the CDF, a ramp from 0 at a to 1 at b")
    else:
        peak = int(np.argmax(v["pmf"]))
        shape = (f"the probabilities P(X = k) as stems at k = 0 to {len(v['pmf']) - 1}, "
                 f"tallest at k = {peak} ({kit.to_fixed(v['pmf'][peak], 3)}), over grey bars "
                 "of the sample's shares; below it, the CDF, a staircase rising from 0 to 1")
    sample = (f"The {v['size']} seeded samples have mean {kit.to_fixed(v['mean'], 3)} against "
              f"the distribution's mean {_theory(v['mu'])} (variance {_theory(v['var'])})")
    if v["s2"] is not None:
        sample += f" and variance {kit.to_fixed(v['s2'], 3)}"
    return (f"Two plots of the {_name(v)} distribution. Above, {shape}, with the sample's "
            f"empirical CDF drawn dashed beside it. {sample}.")
