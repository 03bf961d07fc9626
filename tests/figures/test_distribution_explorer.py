"""The distribution explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pytest
from scipy import stats

from mlmath import probability
from mlmath.figures import fig_distribution_explorer
from mlmath.figures.kit.callbacks import script
from mlmath.figures.probability.distribution_explorer import (BINS, SEED, SIZES, SLIDERS,
                                                              page_state, readout_text,
                                                              shipped_uniforms)
from tests.conftest import ROOT
from tests.figures.bokehjs import assert_matches

NAME = "distribution-explorer"


def _values(distribution="binomial", size=100, p=0.3, n=10, a=0.0, b=1.0):
    return {f"{NAME}-distribution": distribution, f"{NAME}-size": SIZES.index(size),
            f"{NAME}-p": p, f"{NAME}-n": n, f"{NAME}-a": a, f"{NAME}-b": b}


def _state(**kwargs) -> dict:
    return page_state(_values(**kwargs))


def _data(state: dict, key: str) -> dict:
    return state[f"{NAME}-{key}"]["data"]


def _js_binomial_pmfs(settings: list[tuple[int, float]]) -> list[list[float]]:
    """The callback's binomial PMF for each (n, p), run by Node."""
    block = re.search(r"// binomial PMF: begin.*?// binomial PMF: end",
                      script("distribution_explorer.js"), re.DOTALL).group(0)
    program = (block + "\nlet input = ''\nprocess.stdin.on('data', (d) => { input += d })\n"
               "process.stdin.on('end', () => process.stdout.write(JSON.stringify("
               "JSON.parse(input).map(([n, p]) => binomialPmf(n, p)))))\n")
    answer = subprocess.run(["node", "-e", program], input=json.dumps(settings),
                            capture_output=True, text=True, check=True, cwd=ROOT, timeout=60)
    return json.loads(answer.stdout)


def test_the_page_binomial_pmf_is_pythons_bit_for_bit_at_every_slider_setting():
    # Bit for bit, so that the page's inverse CDF (a search in the running sums of the
    # PMF) draws exactly Python's samples at every setting, not only at those tested below.
    settings = [(int(n), float(p)) for n in SLIDERS["n"].values() for p in SLIDERS["p"].values()]
    shown = _js_binomial_pmfs(settings)
    for (n, p), pmf in zip(settings, shown):
        expected = probability.Binomial(n, p).pmf(np.arange(n + 1))
        assert pmf == expected.tolist(), (n, p)
        np.testing.assert_allclose(pmf, stats.binom.pmf(np.arange(n + 1), n, p), rtol=1e-10,
                                   atol=1e-300)


def test_shipped_draws_are_the_package_uniforms_rounded_up_to_five_decimals():
    u = shipped_uniforms()
    seeded = probability.uniforms(SIZES[-1], seed=SEED)
    assert u.shape == (SIZES[-1],) and np.all(u > 0) and np.all(u <= 1)
    assert np.all(u >= seeded) and np.all(u - seeded < 1e-5)
    assert stats.kstest(u, "uniform").pvalue > 1e-3


@pytest.mark.parametrize("distribution, p, n", [("Bernoulli", 0.37, 1), ("binomial", 0.3, 10),
                                                ("binomial", 0.81, 47)])
def test_discrete_samples_are_the_package_sampler_and_its_shares(distribution, p, n):
    state = _state(distribution=distribution, size=5000, p=p, n=n)
    dist = probability.Bernoulli(p) if distribution == "Bernoulli" else probability.Binomial(n, p)
    x = dist.inverse_cdf(shipped_uniforms())
    # The page's sample is the package's seeded sample, but for draws whose rounding up
    # crossed a step of the CDF: none for the Bernoulli, a handful in 5000 otherwise.
    differ = np.count_nonzero(x != probability.sample(dist, 5000, seed=SEED))
    assert differ == 0 if distribution == "Bernoulli" else differ <= 5
    trials = 1 if distribution == "Bernoulli" else n
    counts = np.bincount(x, minlength=trials + 1)
    np.testing.assert_allclose(_data(state, "bars")["top"], counts / 5000, rtol=1e-15)
    np.testing.assert_allclose(_data(state, "stems")["top"],
                               stats.binom.pmf(np.arange(trials + 1), trials, p), rtol=1e-10)
    cdf, ecdf = _data(state, "cdf"), _data(state, "ecdf")
    # The staircases' levels: after the riser at k, F(k) and the sample's share at or below k
    levels = np.array(cdf["y"][2:-1:2])
    np.testing.assert_allclose(levels, stats.binom.cdf(np.arange(trials + 1), trials, p),
                               atol=1e-12)
    reference = stats.ecdf(x.astype(float)).cdf.evaluate(np.arange(trials + 1))
    np.testing.assert_allclose(ecdf["y"][2:-1:2], reference, atol=1e-15)


def test_uniform_samples_histogram_and_ecdf_against_numpy_and_scipy():
    a, b = -1.5, 2.5
    state = _state(distribution="uniform", size=2000, a=a, b=b)
    x = a + (b - a) * shipped_uniforms()[:2000]
    heights, edges = np.histogram(x, bins=BINS, range=(a, b), density=True)
    bars = _data(state, "bars")
    np.testing.assert_allclose(bars["top"], heights, rtol=1e-12)
    np.testing.assert_allclose(bars["left"], edges[:-1], atol=1e-12)
    np.testing.assert_allclose(bars["right"], edges[1:], atol=1e-12)
    assert _data(state, "density")["y"][2] == pytest.approx(stats.uniform(a, b - a).pdf(0.0))
    # The sample's CDF line: along each horizontal run, scipy's ECDF (a run between two
    # equal samples has no length, and the line climbs 2/N there, as the ECDF does)
    ecdf = _data(state, "ecdf")
    starts, ends, levels = ecdf["x"][0:-1:2], ecdf["x"][1::2], ecdf["y"][0:-1:2]
    runs = [(s, e, y) for s, e, y in zip(starts, ends, levels) if e > s]
    assert len(runs) == 1 + len(np.unique(x))
    middles = np.array([(s + e) / 2 for s, e, _ in runs])
    np.testing.assert_allclose([y for *_, y in runs], stats.ecdf(x).cdf.evaluate(middles),
                               atol=1e-15)


@pytest.mark.parametrize("values", [
    dict(distribution="Bernoulli", size=1000, p=0.37),
    dict(distribution="binomial", size=5000, p=0.3, n=10),
    dict(distribution="binomial", size=20, p=0.05, n=50),
    dict(distribution="uniform", size=500, a=-3.0, b=0.2),
    dict(distribution="uniform", size=5000, a=0.0, b=1.0)], ids=str)
def test_readout_moments_against_scipy_and_numpy(values):
    text = readout_text(**{k: v for k, v in values.items()})
    distribution, size = values["distribution"], values["size"]
    if distribution == "uniform":
        ref = stats.uniform(values["a"], values["b"] - values["a"])
        x = values["a"] + (values["b"] - values["a"]) * shipped_uniforms()[:size]
    else:
        trials = 1 if distribution == "Bernoulli" else values["n"]
        ref = stats.binom(trials, values["p"])
        x = np.searchsorted(np.cumsum(ref.pmf(np.arange(trials + 1))), shipped_uniforms()[:size])
    assert f">{float(f'{ref.mean():.4f}'):g}</span>" in text.replace("−", "-")
    assert f">{float(f'{ref.var():.4f}'):g}</span>" in text.replace("−", "-")
    assert f">{x.mean():.3f}</span>".replace("-", "−") in text
    assert f">{x.var(ddof=1):.3f}</span>" in text
    assert f"σ/√N = {ref.std() / np.sqrt(size):.3f}" in text


def test_the_sample_mean_settles_on_the_mean_as_n_grows():
    gaps = []
    for size in (10, 100, 1000, 5000):
        state = _state(distribution="binomial", size=size, p=0.3, n=10)
        gaps.append(abs(_data(state, "sample-mean")["x"][0] - 3.0))
        assert gaps[-1] < 4 * np.sqrt(2.1 / size)  # within four standard errors
    assert gaps[-1] < gaps[0]


def test_degenerate_settings_are_said_in_words_never_nan():
    for distribution, p, words in (("Bernoulli", 0.0, "X is always 0"),
                                   ("Bernoulli", 1.0, "X is always 1"),
                                   ("binomial", 0.0, "X is always 0"),
                                   ("binomial", 1.0, "X is always 10")):
        state = _state(distribution=distribution, p=p)
        text = state[f"{NAME}-readout"]["text"]
        assert words in text and "Nothing is random" in text, text
        assert "NaN" not in text and "Infinity" not in text
        assert "σ/√N = 0.000" in text
    one = _state(size=1)[f"{NAME}-readout"]["text"]
    assert "N = 1 sample" in one and "s² needs two values" in one and "NaN" not in one
    assert "the same as Bernoulli(p)" in readout_text(n=1)


SETTINGS = [
    [("size", 6)],
    [("distribution", "Bernoulli"), ("p", 0.0)],
    [("distribution", "Bernoulli"), ("p", 1.0), ("size", 11)],
    [("p", 0.01), ("n", 50.0), ("size", 11)],
    [("p", 0.99), ("n", 1.0), ("size", 0)],
    [("a", -3.0), ("b", 0.2), ("size", 11)],
    [("b", 3.0), ("a", 0.0), ("size", 0)],
    [("a", -0.7), ("b", 1.3), ("size", 9)],
    [("distribution", "uniform"), ("size", 1)],
    [("a", -2.0), ("p", 0.5), ("size", 8)],
]


def test_settings_in_bokehjs_match_page_state(bokehjs):
    figure = fig_distribution_explorer()
    for setting in SETTINGS:
        steps = [[f"{NAME}-{key}", "value", value] for key, value in setting]
        shown, expected = bokehjs.state_after(figure, steps, page_state)
        assert_matches(shown, expected, str(setting))


@pytest.mark.parametrize("start, moved, family", [
    ("binomial", ("a", -1.0), "uniform"), ("binomial", ("b", 2.0), "uniform"),
    ("Bernoulli", ("n", 20.0), "binomial"), ("uniform", ("n", 20.0), "binomial"),
    ("uniform", ("p", 0.5), "binomial"), ("Bernoulli", ("p", 0.5), "Bernoulli"),
    ("uniform", ("size", 11), "uniform"), ("Bernoulli", ("a", -1.0), "uniform")])
def test_a_parameter_of_another_distribution_switches_to_it(start, moved, family, bokehjs):
    figure = fig_distribution_explorer(distribution=start)
    models = bokehjs.run(figure, [[f"{NAME}-{moved[0]}", "value", moved[1]]],
                         {f"{NAME}-distribution": ["value"], f"{NAME}-readout": ["text"]})
    assert models[f"{NAME}-distribution"]["value"] == family
    head = {"uniform": "<b>Uniform(", "binomial": "<b>Binomial(", "Bernoulli": "<b>Bernoulli("}
    assert models[f"{NAME}-readout"]["text"].startswith(head[family])


@pytest.mark.parametrize("kwargs, message", [
    ({"distribution": "normal"}, r"^distribution must be one of 'Bernoulli', 'binomial'"),
    ({"p": 1.5}, r"^p must be in \[0, 1\]"),
    ({"p": -0.01}, r"^p must be in \[0, 1\]"),
    ({"p": float("nan")}, r"^p must be"),
    ({"p": 0.305}, r"^p must be .* between two steps"),
    ({"n": 0}, r"^n must be in \[1, 50\]"),
    ({"a": 0.5}, r"^a must be in \[-3, 0\]"),
    ({"b": 0.0}, r"^b must be in \[0.2, 3\]"),
    ({"size": 0}, r"^size must be one of the sample sizes 1, 2, 5"),
    ({"size": 7}, r"^size must be one of"),
    ({"size": 100.0}, r"^size must be one of"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_distribution_explorer(**kwargs)


def test_alt_text_states_the_distribution_and_its_numbers():
    alt = fig_distribution_explorer(distribution="binomial", p=0.3, n=10, size=100).alt
    assert "Binomial(n = 10, p = 0.30)" in alt and "100 seeded samples" in alt
    assert "mean 3 " in alt and "tallest at k = 3" in alt
    alt = fig_distribution_explorer(distribution="uniform", a=-1.0, b=1.0).alt
    assert "height 0.5" in alt and "a = -1" in alt
