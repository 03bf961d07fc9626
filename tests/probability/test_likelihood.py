"""Maximum likelihood: log-likelihoods against SciPy and scikit-learn, estimates against
closed forms and SciPy's fits, and gradient descent against both."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import optimize, special, stats
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from mlmath import calculus, probability

FLIPS = np.array([1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1])  # 14 of 20
SAMPLE = np.random.default_rng(7).normal(2.5, 1.7, size=60)


@pytest.mark.parametrize("theta", [0.0, 1e-12, 0.1, 0.5, 0.7, 0.93, 1.0 - 1e-12, 1.0])
def test_bernoulli_log_likelihood_is_the_sum_of_scipys_log_pmfs(theta):
    expected = float(np.sum(stats.bernoulli.logpmf(FLIPS, theta)))
    assert probability.bernoulli_log_likelihood(theta, FLIPS) == pytest.approx(expected,
                                                                               rel=1e-13)


def test_bernoulli_edges_all_heads_at_one_and_impossible_data():
    heads = np.ones(5)
    assert probability.bernoulli_log_likelihood(1.0, heads) == 0.0
    assert probability.bernoulli_log_likelihood(0.0, heads) == -math.inf
    assert probability.bernoulli_log_likelihood(0.0, np.zeros(3)) == 0.0
    assert probability.bernoulli_log_likelihood(1.0, FLIPS) == -math.inf
    assert probability.bernoulli_mle(heads) == 1.0 and probability.bernoulli_mle([0, 0]) == 0.0


def test_bernoulli_mle_is_the_maximiser_found_by_scipy():
    found = optimize.minimize_scalar(
        lambda t: -np.sum(stats.bernoulli.logpmf(FLIPS, t)), bounds=(1e-9, 1 - 1e-9),
        method="bounded", options={"xatol": 1e-10})
    assert probability.bernoulli_mle(FLIPS) == pytest.approx(found.x, abs=1e-7)
    assert probability.bernoulli_mle(FLIPS) == 0.7


def test_gradient_descent_on_the_coins_negative_log_likelihood_reaches_k_over_n():
    run = calculus.gradient_descent(lambda t: probability.bernoulli_nll_gradient(t, FLIPS),
                                    [0.5], eta=0.05, steps=300,
                                    f=lambda t: probability.bernoulli_nll(t, FLIPS))
    assert not run.diverged
    assert run.final[0] == pytest.approx(0.7, abs=1e-10)
    assert np.all(np.diff(run.losses) <= 1e-15)  # each step lowers the loss
    assert run.losses[-1] == pytest.approx(-np.mean(stats.bernoulli.logpmf(FLIPS, 0.7)))


@pytest.mark.parametrize("theta", [0.05, 0.3, 0.7, 0.99])
def test_bernoulli_gradient_matches_finite_differences(theta):
    numeric = optimize.approx_fprime([theta], lambda t: probability.bernoulli_nll(t, FLIPS),
                                     1e-8)
    np.testing.assert_allclose(probability.bernoulli_nll_gradient([theta], FLIPS), numeric,
                               rtol=1e-5, atol=1e-6)
    assert probability.bernoulli_nll_gradient(0.7, FLIPS).shape == ()


@pytest.mark.parametrize("mu, sigma", [(2.5, 1.7), (0.0, 1.0), (-3.0, 0.2), (10.0, 25.0)])
def test_gaussian_log_likelihood_is_the_sum_of_scipys_log_densities(mu, sigma):
    expected = float(np.sum(stats.norm.logpdf(SAMPLE, loc=mu, scale=sigma)))
    assert probability.gaussian_log_likelihood(mu, sigma, SAMPLE) == pytest.approx(expected,
                                                                                   rel=1e-12)


def test_gaussian_log_likelihood_with_one_mean_per_observation_is_regressions():
    rng = np.random.default_rng(3)
    X = np.column_stack([np.ones(40), rng.uniform(0, 10, 40)])
    w = np.array([1.0, 0.5])
    y = X @ w + rng.normal(0.0, 0.8, 40)
    expected = float(np.sum(stats.norm.logpdf(y, loc=X @ w, scale=0.8)))
    assert probability.gaussian_log_likelihood(X @ w, 0.8, y) == pytest.approx(expected,
                                                                               rel=1e-12)
    # Maximising over w is least squares: its weights beat any nearby ones.
    fit = probability.gaussian_log_likelihood(X @ np.linalg.lstsq(X, y)[0], 0.8, y)
    for step in ([0.01, 0.0], [0.0, -0.01], [0.02, 0.003]):
        assert probability.gaussian_log_likelihood(X @ (np.linalg.lstsq(X, y)[0] + step),
                                                   0.8, y) < fit


def test_gaussian_mle_matches_scipys_fit_and_divides_by_n():
    estimate = probability.gaussian_mle(SAMPLE)
    loc, scale = stats.norm.fit(SAMPLE)  # SciPy's maximum likelihood fit
    assert estimate.mu == pytest.approx(loc, rel=1e-12)
    assert estimate.sigma == pytest.approx(scale, rel=1e-12)
    assert estimate.variance == pytest.approx(np.var(SAMPLE, ddof=0), rel=1e-12)
    assert estimate.unbiased_variance == pytest.approx(np.var(SAMPLE, ddof=1), rel=1e-12)
    assert estimate.n == SAMPLE.size


def test_one_observation_gives_a_zero_variance_and_no_n_minus_1_variance():
    estimate = probability.gaussian_mle([4.2])
    assert estimate.mu == 4.2 and estimate.variance == 0.0
    with pytest.raises(ValueError, match="n >= 2"):
        estimate.unbiased_variance
    # the likelihood has no maximum: it grows without bound as sigma shrinks
    values = [probability.gaussian_log_likelihood(4.2, s, [4.2]) for s in (1.0, 1e-3, 1e-9)]
    assert values[0] < values[1] < values[2]


def test_gradient_descent_on_the_gaussians_negative_log_likelihood_reaches_the_mle():
    run = calculus.gradient_descent(lambda p: probability.gaussian_nll_gradient(p, SAMPLE),
                                    [0.0, 0.0], eta=0.1, steps=3000)
    estimate = probability.gaussian_mle(SAMPLE)
    assert run.final[0] == pytest.approx(estimate.mu, abs=1e-8)
    assert math.exp(run.final[1]) == pytest.approx(estimate.sigma, abs=1e-8)


@pytest.mark.parametrize("params", [(0.0, 0.0), (2.5, 0.5), (-1.0, -1.2), (4.0, 1.5)])
def test_gaussian_nll_and_gradient_against_scipy(params):
    mu, log_sigma = params
    expected = -np.mean(stats.norm.logpdf(SAMPLE, loc=mu, scale=math.exp(log_sigma)))
    assert probability.gaussian_nll(params, SAMPLE) == pytest.approx(expected, rel=1e-12)
    numeric = optimize.approx_fprime(np.array(params),
                                     lambda p: probability.gaussian_nll(p, SAMPLE), 1e-7)
    np.testing.assert_allclose(probability.gaussian_nll_gradient(params, SAMPLE), numeric,
                               rtol=1e-5, atol=1e-5)


X_LINE = np.array([-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0])[:, None]
SEPARABLE = (X_LINE[:, 0] > 0).astype(float)
OVERLAPPING = np.array([0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0])


@pytest.mark.parametrize("w", [-3.0, 0.0, 0.4, 2.0, 15.0])
def test_logistic_log_likelihood_is_minus_n_times_the_log_loss(w):
    p = special.expit(w * X_LINE[:, 0])
    for y in (SEPARABLE, OVERLAPPING):
        expected = -y.size * log_loss(y, p, labels=[0, 1])
        assert probability.logistic_log_likelihood([w], X_LINE, y) == pytest.approx(
            expected, rel=1e-9, abs=1e-12)


def test_logistic_log_likelihood_stays_finite_for_huge_scores():
    for w in (800.0, -800.0, 1e6):
        value = probability.logistic_log_likelihood([w], X_LINE, SEPARABLE)
        assert math.isfinite(value) and value <= 0.0
    # for a huge weight of the wrong sign, each point costs its score: log(1 + e^z) ≈ z
    assert probability.logistic_log_likelihood([-800.0], X_LINE, SEPARABLE) == pytest.approx(
        -800.0 * np.sum(np.abs(X_LINE)))


def test_separable_data_have_no_maximum_the_log_likelihood_rises_towards_0():
    weights = [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0]
    values = [probability.logistic_log_likelihood([w], X_LINE, SEPARABLE) for w in weights]
    assert all(a < b < 0.0 for a, b in zip(values, values[1:]))
    assert values[-1] > -1e-5
    # gradient descent on the mean negative log-likelihood never settles: w keeps growing
    gradient = lambda w: -probability.logistic_log_likelihood_gradient(  # noqa: E731
        w, X_LINE, SEPARABLE) / X_LINE.shape[0]
    path = calculus.gradient_descent(gradient, [0.0], eta=1.0, steps=10_000).path[:, 0]
    ends = [path[s] for s in (10, 100, 1000, 10_000)]
    assert all(b > a + 1.0 for a, b in zip(ends, ends[1:]))
    assert all(g[0] < 0 for g in (gradient(np.array([w])) for w in ends))


def test_overlapping_data_have_a_maximum_that_matches_scikit_learn():
    gradient = lambda w: -probability.logistic_log_likelihood_gradient(  # noqa: E731
        w, X_LINE, OVERLAPPING) / X_LINE.shape[0]
    run = calculus.gradient_descent(gradient, [0.0], eta=1.0, steps=2000)
    model = LogisticRegression(C=np.inf, fit_intercept=False, tol=1e-12, max_iter=10_000)
    model.fit(X_LINE, OVERLAPPING)
    assert run.final[0] == pytest.approx(model.coef_[0, 0], abs=1e-6)


def test_sigmoid_is_scipys_expit_to_the_last_digits_even_far_out():
    z = np.concatenate([np.linspace(-40.0, 40.0, 801), [-700.0, 700.0, 1e300]])
    np.testing.assert_allclose(probability.sigmoid(z), special.expit(z), rtol=1e-15, atol=0)
    # far on the left the probability is tiny but not 0, e^z to full precision
    assert probability.sigmoid(-700.0) == pytest.approx(math.exp(-700.0), rel=1e-15)
    assert probability.sigmoid(0.0) == 0.5 and isinstance(probability.sigmoid(0.0), float)
    assert probability.sigmoid(math.inf) == 1.0 and probability.sigmoid(-math.inf) == 0.0
    assert probability.sigmoid([[0.0, 1.0]]).shape == (1, 2)


def test_sigmoid_refuses_nan_and_text_naming_z():
    with pytest.raises(ValueError, match=r"^z must be real numbers .* not NaN"):
        probability.sigmoid([0.0, float("nan")])
    with pytest.raises(ValueError, match=r"^z must be a real number"):
        probability.sigmoid("one")


def test_logistic_gradient_matches_finite_differences_in_several_dimensions():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(30, 3))
    y = (rng.random(30) < 0.5).astype(float)
    for w in (np.zeros(3), np.array([0.5, -1.0, 2.0])):
        numeric = optimize.approx_fprime(
            w, lambda v: probability.logistic_log_likelihood(v, X, y), 1e-7)
        np.testing.assert_allclose(probability.logistic_log_likelihood_gradient(w, X, y),
                                   numeric, rtol=1e-5, atol=1e-5)


def test_the_1_over_n_variance_is_biased_by_n_minus_1_over_n():
    for n in (2, 5, 20):
        estimates = probability.sampled_variance_estimates(n, repetitions=50_000, sigma=2.0,
                                                           seed=1)
        # Var of the estimate is 2(n − 1)σ⁴/n², so its mean over R repetitions is this precise:
        standard_error = math.sqrt(2 * (n - 1) / n**2 * 2.0**4 / estimates.size)
        assert abs(estimates.mean() - (n - 1) / n * 4.0) < 5 * standard_error
        unbiased = probability.sampled_variance_estimates(n, repetitions=50_000, sigma=2.0,
                                                          seed=1, ddof=1)
        np.testing.assert_allclose(unbiased, estimates * n / (n - 1), rtol=1e-12)
        assert abs(unbiased.mean() - 4.0) < 5 * standard_error * n / (n - 1)


def test_the_variance_estimates_are_numpys_variances_of_seeded_samples():
    estimates = probability.sampled_variance_estimates(4, repetitions=10, sigma=1.5, seed=9)
    samples = 1.5 * np.random.default_rng(9).standard_normal((10, 4))
    np.testing.assert_allclose(estimates, np.var(samples, axis=1), rtol=1e-12)
    assert probability.sampled_variance_estimates(1, repetitions=3).tolist() == [0.0] * 3


@pytest.mark.parametrize("call, message", [
    (lambda: probability.gaussian_log_likelihood(0.0, 0.0, SAMPLE), r"^sigma must be > 0"),
    (lambda: probability.gaussian_log_likelihood(0.0, -1.0, SAMPLE), r"^sigma must be > 0"),
    (lambda: probability.gaussian_log_likelihood(0.0, float("nan"), SAMPLE), r"^sigma must be"),
    (lambda: probability.gaussian_log_likelihood(float("nan"), 1.0, SAMPLE), r"^mu must be"),
    (lambda: probability.gaussian_log_likelihood(0.0, 1.0, []), r"^x must have at least one"),
    (lambda: probability.gaussian_log_likelihood(0.0, 1.0, [1.0, float("nan")]),
     r"^x must be finite"),
    (lambda: probability.gaussian_log_likelihood([0.0, 1.0], 1.0, SAMPLE),
     r"^mu must be one number or one mean per observation"),
    (lambda: probability.gaussian_mle([]), r"^x must have at least one"),
    (lambda: probability.bernoulli_log_likelihood(1.2, FLIPS), r"^theta must be a probability"),
    (lambda: probability.bernoulli_log_likelihood(-0.1, FLIPS), r"^theta must be a probability"),
    (lambda: probability.bernoulli_log_likelihood(float("nan"), FLIPS), r"^theta must be"),
    (lambda: probability.bernoulli_log_likelihood(0.5, []), r"^flips must have at least one"),
    (lambda: probability.bernoulli_log_likelihood(0.5, [0, 1, 2]),
     r"^flips must hold only 0s and 1s"),
    (lambda: probability.bernoulli_mle([1.0, float("nan")]), r"^flips must be finite"),
    (lambda: probability.bernoulli_nll(0.0, FLIPS), r"^theta must be strictly between 0 and 1"),
    (lambda: probability.bernoulli_nll_gradient([1.0], FLIPS), r"^theta must be strictly"),
    (lambda: probability.gaussian_nll([0.0], SAMPLE), r"^params must have 2 components"),
    (lambda: probability.logistic_log_likelihood([1.0, 2.0], X_LINE, SEPARABLE),
     r"^weights must have 1 components"),
    (lambda: probability.logistic_log_likelihood([1.0], X_LINE, SEPARABLE[:5]),
     r"^y must have 8 components"),
    (lambda: probability.logistic_log_likelihood([1.0], X_LINE[:, 0], SEPARABLE),
     r"^X must be a 2-D array"),
    (lambda: probability.logistic_log_likelihood([1.0], X_LINE, SEPARABLE * 2),
     r"^y must hold only 0s and 1s"),
    (lambda: probability.sampled_variance_estimates(0), r"^n must be >= 1"),
    (lambda: probability.sampled_variance_estimates(1, ddof=1), r"^n must be at least 2"),
    (lambda: probability.sampled_variance_estimates(5, sigma=0.0), r"^sigma must be > 0"),
])
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
