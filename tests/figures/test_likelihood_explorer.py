"""The likelihood explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import math
import re
from decimal import Decimal, localcontext

import numpy as np
import pytest
from scipy import stats

from mlmath.figures import fig_likelihood_explorer
from mlmath.figures.probability.likelihood_explorer import (
    COIN_THETA, GAUSSIAN, GAUSSIAN_MU, LOG_SMALLEST, from_log, page_state, readout_text,
    shipped_flips, shipped_samples)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "likelihood-explorer"
COIN = "coin flips"
FLIPS = np.array(shipped_flips(), dtype=float)
SAMPLES = np.array(shipped_samples())


def _values(data=COIN, theta=0.5, n=20):
    return {f"{NAME}-data": data, f"{NAME}-theta": theta, f"{NAME}-n": n}


def _scipy_log_likelihood(data, theta, n):
    if data == COIN:
        return float(np.sum(stats.bernoulli.logpmf(FLIPS[:n], theta)))
    return float(np.sum(stats.norm.logpdf(SAMPLES[:n], loc=theta, scale=1.0)))


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def _exp_written(ell: float) -> str:
    """e^ℓ to three significant digits, from Decimal arithmetic (no float underflow)."""
    with localcontext() as context:
        context.prec = 40
        value = Decimal(ell).exp()
        exponent = value.adjusted()
        mantissa = (value.scaleb(-exponent)).quantize(Decimal("0.01"))
        if mantissa == 10:
            mantissa, exponent = Decimal("1.00"), exponent + 1
    power = str(exponent).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    return f"{mantissa} × 10{power}"


def test_the_shipped_data_are_what_the_module_says():
    assert FLIPS.size == SAMPLES.size == 2000
    assert FLIPS[:4].tolist() == [1, 1, 1, 0]  # all heads for N = 1, 2, 3
    assert abs(FLIPS.mean() - COIN_THETA) < 3 * math.sqrt(0.24 / 2000)
    assert abs(SAMPLES.mean() - GAUSSIAN_MU) < 3 / math.sqrt(2000)


@pytest.mark.parametrize("data, theta, n", [
    (COIN, 0.5, 20), (COIN, 0.03, 7), (COIN, 0.99, 2000), (COIN, 0.61, 350),
    (GAUSSIAN, 0.5, 20), (GAUSSIAN, -2.0, 2000), (GAUSSIAN, 4.0, 1), (GAUSSIAN, 1.3, 77)])
def test_curves_and_markers_are_scipys_log_likelihood_and_the_closed_form_maximum(data, theta,
                                                                                  n):
    state = page_state(_values(data, theta, n))
    curve = state[f"{NAME}-log-likelihood"]["data"]
    expected = [_scipy_log_likelihood(data, t, n) for t in curve["theta"]]
    np.testing.assert_allclose(curve["value"], expected, rtol=1e-11)
    mle = FLIPS[:n].mean() if data == COIN else SAMPLES[:n].mean()
    top = _scipy_log_likelihood(data, mle, n)
    maximum = state[f"{NAME}-maximum"]["data"]
    assert maximum["theta"][0] == pytest.approx(mle, abs=1e-12)
    assert maximum["log"][0] == pytest.approx(top, rel=1e-11)
    # no grid point beats the closed-form maximum, and the scaled likelihood peaks at 1 there
    assert max(curve["value"]) <= top + 1e-9
    scaled = state[f"{NAME}-likelihood"]["data"]
    assert max(scaled["value"]) == pytest.approx(1.0) and min(scaled["value"]) >= 0.0
    assert scaled["value"][scaled["theta"].index(maximum["theta"][0])] == 1.0
    window = state[f"{NAME}-log-y"]
    assert window["start"] == pytest.approx(top - 10) and window["end"] == pytest.approx(top + 1.5)


@pytest.mark.parametrize("data, theta, n", [
    (COIN, 0.5, 20), (COIN, 0.12, 2000), (COIN, 0.6, 1500), (COIN, 1.0, 3),
    (GAUSSIAN, 0.5, 20), (GAUSSIAN, 3.7, 640), (GAUSSIAN, 1.0, 2000), (GAUSSIAN, -0.4, 1)])
def test_readout_numbers_against_scipy_and_exact_powers_of_ten(data, theta, n):
    text = _plain(readout_text(data, theta, n))
    mle = FLIPS[:n].mean() if data == COIN else SAMPLES[:n].mean()
    at, top = _scipy_log_likelihood(data, theta, n), _scipy_log_likelihood(data, mle, n)
    assert f"{mle:.3f}" in text or (mle == 1.0 and "θ̂ = 1" in text)
    minus = str.maketrans({"-": "−"})
    assert f"ℓ(θ) = {at:.2f}".translate(minus) in text
    written = _exp_written(at) if at < math.log(0.01) else f"{math.exp(at):.3f}"
    assert f"L(θ) = {written}" in text
    if top != 0.0:
        assert f"ℓ(θ̂) = {top:.2f}".translate(minus) in text
        assert f"L(θ̂) = {_exp_written(top) if top < math.log(0.01) else f'{math.exp(top):.3f}'}" \
            in text
    gap = at - top
    ratio = f"{math.exp(gap):.3f}" if gap >= math.log(0.001) else _exp_written(gap)
    assert f"L(θ)/L(θ̂) = {ratio}" in text


def test_powers_of_ten_far_below_the_smallest_double():
    assert from_log(math.log(2.5e-7)) == "2.50 × 10⁻⁷"
    assert from_log(-2838.27) == _exp_written(-2838.27)
    assert from_log(-1e5) == _exp_written(-1e5)
    assert from_log(-math.inf) == "0"
    assert from_log(math.log(0.5)) == "0.500"
    assert from_log(math.log(9.9999e-3)) == "1.00 × 10⁻²"  # rounds up to the next power


def test_the_underflow_note_appears_exactly_when_the_likelihood_is_below_every_double():
    """Below 2⁻¹⁰⁷⁴ the readout says L cannot be stored and a product of the N factors
    underflows: check it by multiplying them, as a naive program would."""
    for data, x in ((COIN, FLIPS), (GAUSSIAN, SAMPLES)):
        tops = [_scipy_log_likelihood(data, x[:n].mean(), n) for n in range(1, 2001)]
        first = next(n for n, top in enumerate(tops, start=1) if top < LOG_SMALLEST)
        assert 400 < first < 1500  # the slider reaches both sides
        for n in sorted({1, 20, first - 1, first, first + 1, first + 2, 2000}):
            mle = x[:n].mean()
            factors = (np.where(x[:n] == 1, mle, 1 - mle) if data == COIN
                       else stats.norm.pdf(x[:n], loc=mle, scale=1.0))
            product = 1.0
            for factor in factors:  # left to right
                product *= factor
            text = readout_text(data, 0.5, n)
            noted = "a product of the N factors underflows" in text
            assert noted == (n >= first), (data, n)
            if noted:  # nothing is left of it but the smallest double or 0
                assert product <= 5e-324, (data, n, product)
            else:
                assert product > 0.0


def test_all_heads_and_impossible_flips_are_said_in_words():
    for n in (1, 2, 3):
        text = _plain(readout_text(COIN, 0.0, n))
        assert f"N = {n} flip" in text and "all heads" in text and "θ̂ = 1" in text
        assert "ℓ(θ̂) = 0 and L(θ̂) = 1" in text
        assert "a head is impossible" in text and "minus infinity" in text
        state = page_state(_values(COIN, 0.0, n))
        assert state[f"{NAME}-current-log"]["data"] == {"theta": [], "log": [], "label": []}
        assert state[f"{NAME}-current"]["data"]["ratio"] == [0.0]
        assert state[f"{NAME}-maximum"]["data"]["theta"] == [1.0]
        assert state[f"{NAME}-maximum"]["data"]["log"] == [0.0]
    assert "a tail is impossible" in _plain(readout_text(COIN, 1.0, 4))
    assert "k = 3 heads" in _plain(readout_text(COIN, 0.5, 4))


@pytest.mark.parametrize("data, theta, n", [
    (COIN, 0.0, 1), (COIN, 1.0, 2000), (COIN, 0.0, 2000), (GAUSSIAN, -2.0, 2000),
    (GAUSSIAN, 4.0, 1)])
def test_nothing_shown_is_nan_or_infinite(data, theta, n):
    state = page_state(_values(data, theta, n))
    for name, properties in state.items():
        for key, value in properties.items():
            values = ([v for column in value.values() for v in column] if key == "data"
                      else [value])
            for v in values:
                if isinstance(v, float):
                    assert math.isfinite(v), (name, key, v)
                else:
                    assert "NaN" not in str(v) and "Infinity" not in str(v) \
                        and "inf" not in str(v).split(), (name, v)


def test_the_peak_is_drawn_with_many_points_even_for_2000_observations():
    for data in (COIN, GAUSSIAN):
        scaled = page_state(_values(data, 0.5, 2000))[f"{NAME}-likelihood"]["data"]
        assert sum(v > 0.01 for v in scaled["value"]) >= 60
        assert scaled["theta"] == sorted(scaled["theta"])


SETTINGS = [
    _values(COIN, 0.0, 1), _values(COIN, 0.0, 3), _values(COIN, 1.0, 4),
    _values(COIN, 1.0, 2000), _values(COIN, 0.37, 1234), _values(GAUSSIAN, -2.0, 2000),
    _values(GAUSSIAN, 4.0, 1), _values(GAUSSIAN, 1.0, 555)]


def test_settings_in_bokehjs_match_page_state():
    figure = fig_likelihood_explorer()
    with BokehJS() as runner:  # one Node process for every setting
        for values in SETTINGS:
            steps = [[name, "value", value] for name, value in values.items()]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(values))


def test_the_menu_moves_thetas_range_and_keeps_theta_inside_it():
    figure = fig_likelihood_explorer()
    with BokehJS() as runner:
        for start, kept in ((3.5, 1.0), (-1.25, 0.0), (0.42, 0.42)):
            steps = [[f"{NAME}-data", "value", GAUSSIAN], [f"{NAME}-theta", "value", start],
                     [f"{NAME}-data", "value", COIN]]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(steps))
            assert shown[f"{NAME}-theta"] == {"start": 0.0, "end": 1.0}
            assert shown[f"{NAME}-current"]["data"]["theta"] == [kept]
        shown, _ = runner.state_after(figure, [[f"{NAME}-data", "value", GAUSSIAN]], page_state)
        assert shown[f"{NAME}-theta"] == {"start": -2.0, "end": 4.0}
        assert shown[f"{NAME}-current"]["data"]["theta"] == [0.5]


@pytest.mark.parametrize("kwargs, message", [
    ({"data": "dice"}, r"^data must be one of 'coin flips', 'Gaussian samples'"),
    ({"theta": 1.5}, r"^theta must be in \[0, 1\]"),
    ({"theta": -0.1}, r"^theta must be in \[0, 1\]"),
    ({"theta": float("nan")}, r"^theta must be"),
    ({"data": GAUSSIAN, "theta": 4.5}, r"^theta must be in \[-2, 4\]"),
    ({"theta": 0.505}, r"^theta must be .* between two steps"),
    ({"n": 0}, r"^n must be in \[1, 2000\]"),
    ({"n": 2001}, r"^n must be in \[1, 2000\]"),
    ({"n": 2.5}, r"^n must be .* between two steps"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_likelihood_explorer(**kwargs)


def test_alt_text_states_the_data_and_the_numbers():
    alt = fig_likelihood_explorer().alt
    assert "20" in alt and "13 of them heads" in alt and "θ̂ = 0.650" in alt
    assert "θ = 0.50" in alt and "−13.86" in alt and "2.38 × 10⁻⁶" in alt
    impossible = fig_likelihood_explorer(theta=0.0, n=2).alt
    assert "minus infinity" in impossible and "NaN" not in impossible
