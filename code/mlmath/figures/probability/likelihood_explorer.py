"""The likelihood explorer (chapter *Maximum likelihood estimation*,
``chapters/probability/maximum-likelihood.md``).

A menu picks the data, seeded coin flips or seeded samples of a normal
distribution with σ = 1 known; a slider takes the first N of them, another
sets the parameter θ (the coin's chance of heads, or the normal distribution's
mean μ). The left plot draws the likelihood scaled to 1 at its maximum,
L(θ)/L(θ̂), which keeps its shape visible however small L itself becomes as N
grows; the right plot draws the log-likelihood ℓ(θ) itself, in a window from
10 below its maximum to just above it (the window follows the maximum, which
falls about in proportion to N). Both mark θ (a circle on a dashed line) and the
maximum θ̂ (a star). The readout gives θ̂ in closed form, and ℓ and L at θ
and at θ̂, L written from ℓ as a power of ten, so that values far below the
smallest double (about 4.9 × 10⁻³²⁴) are still shown, and says so in words
where a flip is impossible (ℓ = log 0) or every flip is heads (θ̂ = 1, ℓ = 0).

The curves are evaluated on a uniform grid across θ's range plus a fine grid
around θ̂, six half-widths either side (the half-width √(θ̂(1 − θ̂)/N) for the
coin, σ/√N for the normal distribution), so that even the narrow peak of 2000
observations is drawn smoothly. ``figures/js/likelihood_explorer.js`` redraws
it in the page; :func:`page_state` is what it must show, computed with
:mod:`mlmath.probability`.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from bokeh.models import ColumnDataSource, LabelSet, Range1d, Select, Span

from mlmath import probability
from mlmath.figures import kit
from mlmath.figures.kit import palette

__all__ = ["fig_likelihood_explorer", "page_state", "readout_text"]

NAME = "likelihood-explorer"
COIN, GAUSSIAN = "coin flips", "Gaussian samples"
CHOICES = (COIN, GAUSSIAN)
#: θ's slider: the same slider for both data sets, its range following the menu.
THETA = {COIN: kit.SliderSpec("parameter θ", 0.0, 1.0, 0.01),
         GAUSSIAN: kit.SliderSpec("parameter θ", -2.0, 4.0, 0.01)}
N = kit.SliderSpec("number of observations N", 1, 2000, 1)
N_MAX = int(N.end)
#: The coin's true chance of heads; seed 22 makes its first three flips heads (and the
#: fourth a tail), so that N = 1, 2, 3 show the case of all heads.
COIN_THETA, COIN_SEED = 0.6, 22
#: The normal distribution the samples come from; σ is known to the model.
GAUSSIAN_MU, GAUSSIAN_SIGMA, GAUSSIAN_SEED = 1.0, 1.0, 0
#: The log-likelihood's window: this far below the maximum, and this far above it.
DEPTH, HEADROOM = 10.0, 1.5
LIKELIHOOD_TOP = 1.18
#: The plots show θ's range widened by this share of it on each side, so that a marker
#: at either end is drawn whole.
X_PAD = 0.04
UNIFORM_POINTS, FINE_POINTS, FINE_HALF_WIDTHS = 161, 121, 6.0
#: The log of the smallest positive double, 2⁻¹⁰⁷⁴ ≈ 4.9 × 10⁻³²⁴: below it, e^ℓ is 0
#: in floating point.
LOG_SMALLEST = -1074 * math.log(2.0)
LN10 = math.log(10.0)
WIDTH_PX, HEIGHT_PX = 400, 330
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@functools.cache
def shipped_flips() -> tuple[int, ...]:
    """The figure's coin flips (1 heads, 0 tails), seeded; the page gets the same."""
    flips = probability.sample(probability.Bernoulli(COIN_THETA), N_MAX, seed=COIN_SEED)
    return tuple(int(v) for v in flips)


@functools.cache
def shipped_samples() -> tuple[float, ...]:
    """The figure's normal samples, rounded to 4 decimals (a smaller page; the page
    and Python use exactly these numbers)."""
    x = probability.normal_sample(GAUSSIAN_MU, GAUSSIAN_SIGMA, N_MAX, seed=GAUSSIAN_SEED)
    return tuple(float(v) for v in np.round(x, 4))


@functools.cache
def _arrays() -> dict:
    # The shipped data as arrays, made once: page_state evaluates ℓ at some 300 points.
    return {COIN: np.array(shipped_flips(), dtype=float),
            GAUSSIAN: np.array(shipped_samples())}


def _grid(low: float, high: float, count: int) -> list[float]:
    # Written as the callback writes it, so both give the same points.
    return [high if i == count - 1 else low + (high - low) * i / (count - 1)
            for i in range(count)]


def _numbers(data: str, theta: float, n: int) -> dict:
    """Every number the explorer shows, from :mod:`mlmath.probability`."""
    spec = THETA[data]
    theta = min(max(theta, spec.start), spec.end)
    if data == COIN:
        x = _arrays()[COIN][:n]
        mle = probability.bernoulli_mle(x)
        # the curve's half-width; with all heads (or tails) ℓ = N log θ is a steep edge
        # whose drop by 1 lies within 1/N of the end
        half = math.sqrt(mle * (1 - mle) / n) if 0 < mle < 1 else 1 / n

        def ell(t):
            return probability.bernoulli_log_likelihood(t, x)
    else:
        x = _arrays()[GAUSSIAN][:n]
        mle = probability.gaussian_mle(x).mu
        half = GAUSSIAN_SIGMA / math.sqrt(n)

        def ell(t):
            return probability.gaussian_log_likelihood(t, GAUSSIAN_SIGMA, x)
    fine = [t for t in _grid(mle - FINE_HALF_WIDTHS * half, mle + FINE_HALF_WIDTHS * half,
                             FINE_POINTS) if spec.start < t < spec.end]
    grid = sorted(_grid(spec.start, spec.end, UNIFORM_POINTS) + fine + [mle])
    return {"data": data, "theta": theta, "n": n,
            "heads": int(np.sum(x)) if data == COIN else None, "mle": mle,
            "top": ell(mle), "at": ell(theta), "grid": grid,
            "curve": [ell(t) for t in grid], "low": spec.start, "high": spec.end}


def _superscript(exponent: int) -> str:
    return str(exponent).translate(_SUPERSCRIPTS)


def from_log(ell: float) -> str:
    """e^ℓ as the readout writes it: with 3 decimals from 0.01 up, else as
    ``m.mm × 10ᵉ`` found from ℓ/ln 10 (never from e^ℓ, which is 0 below
    about 10⁻³²³); ``"0"`` for ℓ = −∞."""
    if ell == -math.inf:
        return "0"
    if ell >= math.log(0.01):
        return kit.to_fixed(math.exp(ell), 3)
    exponent = math.floor(ell / LN10)
    mantissa = kit.to_fixed(10.0 ** (ell / LN10 - exponent), 2)
    if mantissa == "10.00":
        mantissa, exponent = "1.00", exponent + 1
    return f"{mantissa} × 10{_superscript(exponent)}"


def _ell(ell: float) -> str:
    return kit.to_fixed(ell, 2)


def _readout(v: dict) -> str:
    fixed = kit.to_fixed
    theta, mle, n = v["theta"], v["mle"], v["n"]
    hat = kit.tint("θ̂", palette.GREEN)
    here = kit.tint("θ", palette.VERMILLION)
    if v["data"] == COIN:
        k = v["heads"]
        if k in (0, n):
            side, face = ("1", "heads") if k == n else ("0", "tails")
            first = (f"<b>N = {n} flip{'s' if n > 1 else ''}, all {face}</b>: maximum at the "
                     f"end of the range, {hat} = {side}")
        else:
            first = (f"<b>N = {n} flips, k = {k} heads</b>: maximum at {hat} = k/N = "
                     f"{fixed(mle, 3)}")
        impossible = "a head" if theta == 0 else "a tail"
        name = f"{here} = {fixed(theta, 2)}"
    else:
        first = (f"<b>N = {n} sample{'s' if n > 1 else ''}</b>, σ = 1 known: maximum at "
                 f"{hat} = x̄ = {fixed(mle, 3)}")
        name = f"{here} = μ = {fixed(theta, 2)}"
        impossible = None  # a normal density is never 0: every μ is possible
    if v["at"] == -math.inf:
        second = (f"At {name} {impossible} is impossible: L(θ) = 0 and ℓ(θ) = log 0, "
                  "minus infinity (no finite value)")
    else:
        gap = v["at"] - v["top"]
        ratio = kit.to_fixed(math.exp(gap), 3) if gap >= math.log(0.001) else from_log(gap)
        second = (f"At {name}: ℓ(θ) = {_ell(v['at'])}, L(θ) = {from_log(v['at'])}, "
                  f"L(θ)/L(θ̂) = {ratio}")
    if v["top"] == 0.0:
        third = f"At {hat} every observation had probability 1: ℓ(θ̂) = 0 and L(θ̂) = 1"
    else:
        third = f"At {hat}: ℓ(θ̂) = {_ell(v['top'])}, L(θ̂) = {from_log(v['top'])}"
        if v["top"] < LOG_SMALLEST:
            third += (", below the smallest double (4.9 × 10⁻³²⁴): it cannot be stored, "
                      "and a product of the N factors underflows")
    return f"{first}<br>{second}<br>{third}"


def readout_text(data=COIN, theta=0.5, n=20) -> str:
    """The explorer's readout (HTML) for the given controls."""
    return _readout(_numbers(*_check(data, theta, n)))


def page_state(values: dict) -> dict:
    """What the page shows for control values ``{"likelihood-explorer-data": "coin flips",
    "likelihood-explorer-theta": 0.5, "likelihood-explorer-n": 20}``."""
    v = _numbers(values[f"{NAME}-data"], float(values[f"{NAME}-theta"]),
                 int(round(values[f"{NAME}-n"])))
    finite = [(t, e) for t, e in zip(v["grid"], v["curve"]) if e > -math.inf]
    at_finite = v["at"] > -math.inf
    pad = (v["high"] - v["low"]) * X_PAD
    ratio = math.exp(v["at"] - v["top"]) if at_finite else 0.0
    return {
        f"{NAME}-theta": {"start": v["low"], "end": v["high"]},
        f"{NAME}-x": {"start": v["low"] - pad, "end": v["high"] + pad},
        f"{NAME}-log-y": {"start": v["top"] - DEPTH, "end": v["top"] + HEADROOM},
        f"{NAME}-likelihood": {"data": {
            "theta": v["grid"], "value": [math.exp(e - v["top"]) if e > -math.inf else 0.0
                                          for e in v["curve"]]}},
        f"{NAME}-log-likelihood": {"data": {"theta": [t for t, _ in finite],
                                            "value": [e for _, e in finite]}},
        f"{NAME}-maximum": {"data": {"theta": [v["mle"]], "ratio": [1.0], "log": [v["top"]],
                                     "label": ["θ̂"]}},
        f"{NAME}-current": {"data": {"theta": [v["theta"]], "ratio": [ratio], "label": ["θ"]}},
        f"{NAME}-current-log": {"data": {"theta": [v["theta"]] if at_finite else [],
                                         "log": [v["at"]] if at_finite else [],
                                         "label": ["θ"] if at_finite else []}},
        f"{NAME}-line": {"location": v["theta"]},
        f"{NAME}-log-line": {"location": v["theta"]},
        f"{NAME}-readout": {"text": _readout(v)},
    }


def _check(data, theta, n):
    if data not in CHOICES:
        raise ValueError(f"data must be one of {', '.join(map(repr, CHOICES))}, got {data!r}")
    return data, THETA[data].check(theta, "theta"), int(N.check(n, "n"))


def fig_likelihood_explorer(data=COIN, theta=0.5, n=20) -> kit.BookFigure:
    """The likelihood explorer: the likelihood (scaled) and the log-likelihood of
    θ for the first N of a seeded data set, with θ and the maximum θ̂ marked.
    Book section: Probability, *Maximum likelihood estimation*.

    Parameters
    ----------
    data : {"coin flips", "Gaussian samples"}
        The data the menu starts on: flips of a coin with P(heads) = 0.6, or
        samples of N(1, 1) whose σ = 1 the model knows.
    theta : float
        The parameter: for the coin in ``[0, 1]``, for the samples (their mean μ) in
        ``[-2, 4]``, in steps of 0.01.
    n : int
        How many observations, in ``[1, 2000]``.
    """
    data, theta, n = _check(data, theta, n)
    menu = Select(title="the data", value=data, options=list(CHOICES), name=f"{NAME}-data",
                  sizing_mode="stretch_width")
    theta_slider = THETA[data].slider(theta, name=f"{NAME}-theta", argument="theta",
                                      format="0.00")
    n_slider = N.slider(n, name=f"{NAME}-n", argument="n", format="0")
    state = page_state({menu.name: data, theta_slider.name: theta, n_slider.name: n})
    sources = {key: ColumnDataSource(state[f"{NAME}-{key}"]["data"], name=f"{NAME}-{key}")
               for key in ("likelihood", "log-likelihood", "maximum", "current", "current-log")}
    x_range = Range1d(**state[f"{NAME}-x"], name=f"{NAME}-x")
    log_y = Range1d(**state[f"{NAME}-log-y"], name=f"{NAME}-log-y")
    lines = {key: Span(location=theta, dimension="height", line_color=palette.VERMILLION,
                       line_width=1.5, line_dash="dashed", name=f"{NAME}-{key}")
             for key in ("line", "log-line")}
    readout = kit.readout(NAME, state[f"{NAME}-readout"]["text"])
    kit.link(kit.callback(
        "likelihood_explorer.js", menu=menu, theta_slider=theta_slider, n_slider=n_slider,
        readout=readout, x_range=x_range, log_y=log_y, line=lines["line"],
        log_line=lines["log-line"], likelihood=sources["likelihood"],
        log_likelihood=sources["log-likelihood"], maximum=sources["maximum"],
        current=sources["current"], current_log=sources["current-log"],
        flips=list(shipped_flips()), samples=list(shipped_samples()),
        ranges={c: [THETA[c].start, THETA[c].end] for c in CHOICES}, sigma=GAUSSIAN_SIGMA,
        depth=DEPTH, headroom=HEADROOM, uniform_points=UNIFORM_POINTS,
        fine_points=FINE_POINTS, fine_half_widths=FINE_HALF_WIDTHS,
        log_smallest=LOG_SMALLEST, x_pad=X_PAD), menu, theta_slider, n_slider)
    v = _numbers(data, theta, n)
    return kit.BookFigure(
        NAME, [kit.Controls(menu, theta_slider, n_slider, columns=3),
               kit.Readout(readout, lines=_readout_lines()),
               kit.Panels(_likelihood_plot(sources, x_range, lines["line"]),
                          _log_plot(sources, x_range, log_y, lines["log-line"]))],
        static=_static(state, v), alt=_describe(v))


def _readout_lines() -> tuple[int, int]:
    """Room for the longest readout the controls can produce, on a phone and wider."""
    texts = [readout_text(COIN, 0.0, 2000), readout_text(COIN, 0.0, 3),
             readout_text(COIN, 1.0, 1999), readout_text(GAUSSIAN, -2.0, 2000),
             readout_text(GAUSSIAN, 4.0, 1)]
    font = kit.widgets.READOUT_FONT_PX
    return (max(kit.text_lines(t, kit.PHONE_COLUMN_PX, font) for t in texts),
            max(kit.text_lines(t, kit.NARROW_PX, font) for t in texts))


def _markers(plot, sources, y: str, current: str) -> None:
    plot.scatter(x="theta", y=y, source=sources[current], marker="circle", size=11,
                 fill_color=palette.PAPER, line_color=palette.VERMILLION, line_width=2.5)
    plot.scatter(x="theta", y=y, source=sources["maximum"], marker="star", size=17,
                 fill_color=palette.GREEN, line_color=palette.INK)
    plot.add_layout(LabelSet(x="theta", y=y, text="label", source=sources["maximum"],
                             x_offset=-4, y_offset=10, text_font_size="13px",
                             text_color=palette.INK))
    plot.add_layout(LabelSet(x="theta", y=y, text="label", source=sources[current],
                             x_offset=8, y_offset=-20, text_font_size="13px",
                             text_color=palette.INK))


def _likelihood_plot(sources, x_range, line):
    plot = kit.canvas(f"{NAME}-likelihood-plot", title="likelihood L(θ), scaled to 1 at θ̂",
                      width=WIDTH_PX, height=HEIGHT_PX, x_range=x_range,
                      y_range=Range1d(0.0, LIKELIHOOD_TOP))
    plot.xaxis.axis_label, plot.yaxis.axis_label = "θ", "L(θ) / L(θ̂)"
    plot.line("theta", "value", source=sources["likelihood"], line_color=palette.BLUE,
              line_width=2.5)
    plot.add_layout(line)
    _markers(plot, sources, "ratio", "current")
    return plot


def _log_plot(sources, x_range, log_y, line):
    plot = kit.canvas(f"{NAME}-log-plot", title="log-likelihood ℓ(θ) = log L(θ)",
                      width=WIDTH_PX, height=HEIGHT_PX, x_range=x_range, y_range=log_y)
    plot.xaxis.axis_label, plot.yaxis.axis_label = "θ", "ℓ(θ)"
    plot.line("theta", "value", source=sources["log-likelihood"], line_color=palette.BLUE,
              line_width=2.5)
    plot.add_layout(line)
    _markers(plot, sources, "log", "current-log")
    return plot


def _static(state: dict, v: dict):
    figure = kit.twin(2 * kit.PLOT_INCHES * 0.75, 0.8 * kit.PLOT_INCHES)
    left, right = figure.subplots(1, 2)
    curves = ((left, "likelihood", "ratio", "current", (0.0, LIKELIHOOD_TOP),
               "likelihood L(θ), scaled to 1 at θ̂", "L(θ) / L(θ̂)"),
              (right, "log-likelihood", "log", "current-log",
               (state[f"{NAME}-log-y"]["start"], state[f"{NAME}-log-y"]["end"]),
               "log-likelihood ℓ(θ) = log L(θ)", "ℓ(θ)"))
    maximum = state[f"{NAME}-maximum"]["data"]
    for ax, key, y, current, limits, title, label in curves:
        curve = state[f"{NAME}-{key}"]["data"]
        ax.plot(curve["theta"], curve["value"], color=palette.BLUE, lw=2)
        ax.axvline(v["theta"], color=palette.VERMILLION, lw=1.2, ls="--")
        here = state[f"{NAME}-{current}"]["data"]
        if here["theta"]:
            ax.plot(here["theta"], here[y], "o", markerfacecolor="white",
                    markeredgecolor=palette.VERMILLION, markersize=8, markeredgewidth=2)
        ax.plot(maximum["theta"], maximum[y], "*", color=palette.GREEN, markersize=14,
                markeredgecolor=palette.INK)
        ax.set_xlim(state[f"{NAME}-x"]["start"], state[f"{NAME}-x"]["end"])
        ax.set_ylim(*limits)
        ax.set_xlabel("θ")
        ax.set_ylabel(label)
        ax.set_title(title, fontsize=9)
        ax.grid(alpha=0.3)
    what = (f"{v['n']} coin flips, {v['heads']} heads" if v["data"] == COIN
            else f"{v['n']} samples, σ = 1 known")
    figure.suptitle(f"{what}: θ̂ = {kit.to_fixed(v['mle'], 3)}, "
                    f"θ = {kit.to_fixed(v['theta'], 2)}", fontsize=10)
    return figure


def _describe(v: dict) -> str:
    if v["data"] == COIN:
        data = (f"the first {v['n']} of a seeded sequence of coin flips, {v['heads']} of them "
                f"heads, and θ the coin's chance of heads")
    else:
        data = (f"the first {v['n']} of seeded samples of a normal distribution whose "
                f"standard deviation 1 is known, and θ its mean")
    at = ("minus infinity, since the data are impossible there" if v["at"] == -math.inf
          else kit.to_fixed(v["at"], 2))
    return (f"Two plots against θ, for {data}. Left: the likelihood scaled to 1 at its "
            f"maximum, a single hump; right: the log-likelihood, a hump of the same place with "
            f"its top at ℓ = {kit.to_fixed(v['top'], 2)}. A star marks the maximum at θ̂ = "
            f"{kit.to_fixed(v['mle'], 3)} in both, and a circle on a dashed line the chosen "
            f"θ = {kit.to_fixed(v['theta'], 2)}, where the log-likelihood is {at}. The raw "
            f"likelihood at the maximum is {from_log(v['top'])}.")
