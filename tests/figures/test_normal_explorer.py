"""The normal explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pytest
from scipy import stats

from mlmath.figures import fig_normal_explorer
from mlmath.figures.kit.callbacks import script
from mlmath.figures.probability.normal_explorer import (BIN_COUNT, BIN_Z, page_state,
                                                        readout_text, shipped_normals)
from tests.conftest import ROOT
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "normal-explorer"


def _values(mu=0.0, sigma=1.0, a=-1.0, b=1.0, n=200):
    return {f"{NAME}-mu": mu, f"{NAME}-sigma": sigma, f"{NAME}-a": a, f"{NAME}-b": b,
            f"{NAME}-n": n}


def _run_js(function: str, points: np.ndarray) -> np.ndarray:
    """``function`` of the callback's normal-CDF block, run by Node on ``points``."""
    block = re.search(r"// normal CDF: begin.*?// normal CDF: end", script("normal_explorer.js"),
                      re.DOTALL).group(0)
    program = (block + "\nlet input = ''\nprocess.stdin.on('data', (d) => { input += d })\n"
               "process.stdin.on('end', () => process.stdout.write(JSON.stringify("
               f"JSON.parse(input).map({function}))))\n")
    answer = subprocess.run(["node", "-e", program], input=json.dumps(points.tolist()),
                            capture_output=True, text=True, check=True, cwd=ROOT, timeout=60)
    return np.array(json.loads(answer.stdout), dtype=float)


def test_javascript_normal_cdf_agrees_with_scipy_across_minus_8_to_8():
    z = np.linspace(-8.0, 8.0, 32_001)
    shown = _run_js("normalCdf", z)
    assert np.max(np.abs(shown - stats.norm.cdf(z))) < 1e-7  # the contract
    assert np.max(np.abs(shown - stats.norm.cdf(z))) < 2e-15  # what it achieves
    # and relative to the lower tail's size, where 1e-7 absolute would say nothing
    tail = np.linspace(-30.0, -3.0, 2_701)
    np.testing.assert_allclose(_run_js("normalCdf", tail), stats.norm.cdf(tail), rtol=1e-11)
    assert _run_js("erfc", np.array([0.0, 2.5, -2.5])).tolist() == pytest.approx(
        [1.0, 4.069520174449590e-04, 2 - 4.069520174449590e-04], rel=1e-14)


@pytest.mark.parametrize("mu, sigma, a, b", [
    (0.0, 1.0, -1.0, 1.0), (0.0, 1.0, -2.0, 2.0), (0.0, 1.0, -3.0, 3.0),
    (1.5, 0.5, 2.0, 3.0), (-3.0, 2.0, -8.0, 8.0), (2.0, 0.7, -1.3, 2.9)])
def test_readout_probability_and_z_scores_against_scipy(mu, sigma, a, b):
    text = readout_text(mu, sigma, a, b)
    p = stats.norm.cdf(b, mu, sigma) - stats.norm.cdf(a, mu, sigma)
    shown = "more than 0.9999" if p > 0.9999 else f"{p:.4f}"
    assert f">{shown}</span>" in text
    for end in (a, b):
        assert f"{(end - mu) / sigma:.2f}".replace("-", "−") in text


def test_the_68_95_997_settings_read_the_rule():
    readings = [readout_text(0.0, 1.0, -k, k) for k in (1.0, 2.0, 3.0)]
    for text, expected in zip(readings, ("0.6827", "0.9545", "0.9973")):
        assert f">{expected}</span>" in text


def test_histogram_is_a_density_of_the_shipped_samples():
    for mu, sigma, n in ((0.0, 1.0, 2000), (2.0, 0.5, 30)):
        state = page_state(_values(mu, sigma, n=n))
        hist = state[f"{NAME}-histogram"]["data"]
        x = mu + sigma * np.array(shipped_normals()[:n])
        edges = mu + sigma * (-4.0 + BIN_Z * np.arange(BIN_COUNT + 1))
        counts, _ = np.histogram(x, bins=edges)
        widths = np.diff(edges)
        np.testing.assert_allclose(np.array(hist["top"]) * n * widths, counts, atol=1e-9)
        np.testing.assert_allclose(hist["left"], edges[:-1])
        # almost every sample is inside μ ± 4σ, so the bars' area is almost 1
        assert np.sum(np.array(hist["top"]) * widths) == pytest.approx(1.0, abs=0.01)


def test_sample_readout_counts_mean_and_n_minus_1_spread():
    z = np.array(shipped_normals())
    assert abs(z.mean()) < 4 / np.sqrt(z.size) and abs(z.std(ddof=1) - 1) < 0.07
    x = 1.0 + 2.0 * z[:500]
    text = readout_text(1.0, 2.0, 0.0, 3.0, 500)
    inside = int(np.sum((x >= 0.0) & (x <= 3.0)))
    assert f"{inside} in [a, b]" in text
    assert f"x̄ = {x.mean():.2f}".replace("-", "−") in text
    assert f"s = {x.std(ddof=1):.2f}" in text


def test_degenerate_intervals_are_said_in_words_and_shade_nothing():
    empty = page_state(_values(a=1.0, b=-1.0))
    assert "is empty" in empty[f"{NAME}-readout"]["text"]
    assert empty[f"{NAME}-area"]["data"] == {"x": [], "y": []}
    point = page_state(_values(a=0.5, b=0.5))
    assert "a single point" in point[f"{NAME}-readout"]["text"]
    assert point[f"{NAME}-area"]["data"] == {"x": [], "y": []}
    for state in (empty, point):
        assert "NaN" not in state[f"{NAME}-readout"]["text"]


def test_tiny_and_near_certain_probabilities_are_bounded_not_rounded_to_0_or_1():
    assert "less than 0.0001" in readout_text(-3.0, 0.5, 6.0, 8.0)
    assert "more than 0.9999" in readout_text(0.0, 0.5, -8.0, 8.0)


SETTINGS = [
    _values(), _values(a=1.0, b=-1.0), _values(a=0.5, b=0.5), _values(-3.0, 0.5, 6.0, 8.0, 10),
    _values(3.0, 2.0, -8.0, 8.0, 2000), _values(1.2, 1.7, 2.3, 7.1, 730),
    _values(0.0, 1.0, -2.0, 2.0, 1000), _values(-1.4, 0.9, -8.0, -3.2, 40)]


def test_settings_in_bokehjs_match_page_state():
    figure = fig_normal_explorer()
    with BokehJS() as runner:  # one Node process for every setting
        for values in SETTINGS:
            steps = [[name, "value", value] for name, value in values.items()]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(values))


@pytest.mark.parametrize("kwargs, message", [
    ({"sigma": 0.0}, r"^sigma must be in \[0.5, 2\]"),
    ({"sigma": -1.0}, r"^sigma must be"),
    ({"mu": float("nan")}, r"^mu must be"),
    ({"a": 8.5}, r"^a must be in \[-8, 8\]"),
    ({"b": 0.05}, r"^b must be .* between two steps"),
    ({"n": 0}, r"^n must be in \[10, 2000\]"),
    ({"n": 15}, r"^n must be .* between two steps"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_normal_explorer(**kwargs)


def test_alt_text_states_the_distribution_and_the_area():
    alt = fig_normal_explorer(mu=1.0, sigma=2.0, a=-1.0, b=3.0).alt
    assert "μ = 1" in alt and "σ = 2" in alt and "0.6827" in alt
