"""Distributions, sampling and entropy from scratch, against scipy.stats and closed forms."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from mlmath import probability
from mlmath.probability import Bernoulli, Binomial, Uniform

PROBABILITIES = [0.0, 0.01, 0.3, 0.5, 0.77, 1.0]


@pytest.mark.parametrize("p", PROBABILITIES)
def test_bernoulli_against_scipy(p):
    dist, ref = Bernoulli(p), stats.bernoulli(p)
    k = np.array([-1, 0, 1, 2, 0.5])
    np.testing.assert_allclose(dist.pmf(k), ref.pmf(k), atol=1e-15)
    x = np.linspace(-2, 3, 41)
    np.testing.assert_allclose(dist.cdf(x), ref.cdf(x), atol=1e-15)
    assert dist.mean == pytest.approx(ref.mean()) and dist.var == pytest.approx(ref.var())


@pytest.mark.parametrize("n", [1, 2, 7, 30, 200])
@pytest.mark.parametrize("p", PROBABILITIES)
def test_binomial_against_scipy(n, p):
    dist, ref = Binomial(n, p), stats.binom(n, p)
    k = np.arange(-2, n + 3)
    np.testing.assert_allclose(dist.pmf(k), ref.pmf(k), rtol=1e-10, atol=1e-250)  # below: subnormal underflow
    assert dist.pmf(np.arange(n + 1)).sum() == pytest.approx(1.0, abs=1e-12)
    x = np.linspace(-1.5, n + 1.5, 7 * n + 3)
    np.testing.assert_allclose(dist.cdf(x), ref.cdf(x), rtol=1e-9, atol=1e-12)
    assert dist.mean == pytest.approx(ref.mean(), abs=1e-12)
    assert dist.var == pytest.approx(ref.var(), abs=1e-12)
    assert dist.pmf(1.5) == 0.0  # no mass between whole numbers


@pytest.mark.parametrize("a, b", [(0.0, 1.0), (0.0, 0.25), (-3.0, 5.0), (2.0, 2.001)])
def test_uniform_against_scipy(a, b):
    dist, ref = Uniform(a, b), stats.uniform(loc=a, scale=b - a)
    x = np.linspace(a - 1, b + 1, 101)
    inside = (x > a) & (x < b)  # scipy and we agree everywhere but at the two edges
    np.testing.assert_allclose(dist.pdf(x)[inside], ref.pdf(x)[inside], rtol=1e-12)
    np.testing.assert_allclose(dist.pdf(x)[~inside & (x != a) & (x != b)], 0.0)
    np.testing.assert_allclose(dist.cdf(x), ref.cdf(x), rtol=1e-12, atol=1e-12)
    assert dist.mean == pytest.approx(ref.mean()) and dist.var == pytest.approx(ref.var())


def test_binomial_pmf_is_the_exact_value_rounded_once():
    # p^k (1 - p)^(n - k) in exact rational arithmetic, then rounded: what no chain of
    # floating-point operations promises (pow differs in the last bit between C libraries)
    for n, p in ((15, 0.09), (3, 0.07), (50, 0.33), (200, 0.5), (7, 1.0)):
        exact = [float(math.comb(n, k) * Fraction(p) ** k * (1 - Fraction(p)) ** (n - k))
                 for k in range(n + 1)]
        assert Binomial(n, p).pmf(np.arange(n + 1)).tolist() == exact
    # far in the tail the exact value rounds to a subnormal float, then to 0, never to NaN
    subnormal = Binomial(1000, 0.52).pmf(0)
    assert 0 < subnormal < np.finfo(float).tiny
    assert subnormal == float((1 - Fraction(0.52)) ** 1000)
    assert Binomial(1000, 0.01).pmf(1000) == 0.0


def test_a_density_can_exceed_one_but_integrates_to_one():
    dist = Uniform(0.0, 0.25)
    assert dist.pdf(0.1) == 4.0
    grid = np.linspace(0, 0.25, 10_001)
    assert np.trapezoid(dist.pdf(grid), grid) == pytest.approx(1.0)


@pytest.mark.parametrize("dist", [Bernoulli(0.3), Binomial(12, 0.4), Uniform(-1.0, 2.0)],
                         ids=repr)
def test_cdf_is_monotone_with_limits_zero_and_one(dist):
    x = np.linspace(-50, 50, 2001)
    F = dist.cdf(x)
    assert np.all(np.diff(F) >= 0)
    assert F[0] == 0.0 and F[-1] == pytest.approx(1.0, abs=1e-12)


def test_discrete_table_expectation_and_variance():
    die = np.arange(1, 7)
    probabilities = np.full(6, 1 / 6)
    assert probability.discrete_mean(die, probabilities) == pytest.approx(3.5)
    assert probability.discrete_var(die, probabilities) == pytest.approx(35 / 12)
    ref = stats.rv_discrete(values=(die, [0.1, 0.2, 0.3, 0.2, 0.1, 0.1]))
    assert probability.discrete_mean(die, ref.pk) == pytest.approx(ref.mean())
    assert probability.discrete_var(die, ref.pk) == pytest.approx(ref.var())


N = 40_000


@pytest.mark.parametrize("dist, ref", [
    (Bernoulli(0.3), stats.bernoulli(0.3)), (Binomial(20, 0.35), stats.binom(20, 0.35)),
    (Uniform(-1.0, 3.0), stats.uniform(-1.0, 4.0))], ids=["bernoulli", "binomial", "uniform"])
def test_sampler_moments_within_five_standard_errors(dist, ref):
    x = probability.sample(dist, N, seed=11)
    # The sample mean has standard error sigma / sqrt(N); the sample variance (divisor N)
    # has standard error about sqrt((mu4 - sigma^4) / N), mu4 the fourth central moment.
    sigma2 = ref.var()
    mu4 = ref.expect(lambda t: (t - ref.mean()) ** 4)
    assert abs(probability.sample_mean(x) - ref.mean()) < 5 * math.sqrt(sigma2 / N)
    assert abs(probability.sample_var(x) - sigma2) < 5 * math.sqrt((mu4 - sigma2**2) / N)
    # and the sample's distribution is the right one (Kolmogorov-Smirnov for the uniform)
    if isinstance(dist, Uniform):
        assert stats.kstest(x, ref.cdf).pvalue > 1e-3


def test_same_seed_same_sample_and_a_prefix_of_a_larger_one():
    a = probability.sample(Binomial(10, 0.5), 500, seed=3)
    b = probability.sample(Binomial(10, 0.5), 500, seed=3)
    c = probability.sample(Binomial(10, 0.5), 2000, seed=3)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c[:500])
    assert not np.array_equal(a, probability.sample(Binomial(10, 0.5), 500, seed=4))


def test_degenerate_samplers_never_leave_the_support():
    assert np.all(probability.sample(Bernoulli(0.0), 1000) == 0)
    assert np.all(probability.sample(Bernoulli(1.0), 1000) == 1)
    assert np.all(probability.sample(Binomial(7, 1.0), 1000) == 7)
    assert np.all(probability.sample(Binomial(7, 0.0), 1000) == 0)
    # u = 1 (the top of (0, 1]) maps to the top of the support
    assert Binomial(5, 0.5).inverse_cdf(1.0) == 5 and Uniform(0, 2).inverse_cdf(1.0) == 2.0


def test_sample_variance_divisors_match_numpy():
    x = probability.sample(Uniform(), 101, seed=1)
    assert probability.sample_var(x) == pytest.approx(np.var(x))
    assert probability.sample_var(x, ddof=1) == pytest.approx(np.var(x, ddof=1))


def test_empirical_frequencies_and_histogram_against_numpy():
    x = probability.sample(Binomial(6, 0.4), 3000, seed=5)
    counts = np.bincount(x.astype(int), minlength=7) / x.size
    np.testing.assert_allclose(probability.empirical_frequencies(x, np.arange(7)), counts)
    y = np.random.default_rng(2).normal(size=5000)
    heights, _ = np.histogram(y, bins=15, range=(-2, 2))
    expected = heights / (y.size * 4 / 15)
    np.testing.assert_allclose(probability.histogram_density(y, -2, 2, 15), expected)


def test_histogram_approaches_pmf_as_n_grows():
    dist = Binomial(10, 0.3)
    pmf = dist.pmf(np.arange(11))
    gaps = [np.abs(probability.empirical_frequencies(probability.sample(dist, n, seed=0),
                                                     np.arange(11)) - pmf).max()
            for n in (100, 100_000)]
    assert gaps[1] < gaps[0] / 5


def test_running_means_end_at_the_sample_mean_and_settle_on_the_expectation():
    x = probability.sample(Binomial(10, 0.3), 20_000, seed=7)
    means = probability.running_means(x)
    assert means.shape == x.shape
    assert means[0] == x[0] and means[-1] == pytest.approx(np.mean(x), rel=1e-12)
    assert means[99] == pytest.approx(np.mean(x[:100]), rel=1e-12)
    # the error shrinks like sigma / sqrt(k): within 5 standard errors at every checkpoint
    sigma = math.sqrt(10 * 0.3 * 0.7)
    for k in (100, 1_000, 20_000):
        assert abs(means[k - 1] - 3.0) < 5 * sigma / math.sqrt(k)


def test_empirical_cdf_against_scipy_and_counting():
    x = probability.sample(Uniform(-1.0, 2.0), 500, seed=4)
    grid = np.linspace(-2.0, 3.0, 1001)
    reference = stats.ecdf(x).cdf.evaluate(grid)
    np.testing.assert_allclose(probability.empirical_cdf(x, grid), reference, atol=1e-15)
    # ties climb by m/N at once, and the value at a sample includes it
    assert probability.empirical_cdf([2.0, 1.0, 2.0, 3.0], 2.0) == 0.75
    assert probability.empirical_cdf([2.0, 1.0, 2.0, 3.0], 1.999) == 0.25
    assert probability.empirical_cdf([1.0], [-np.inf, np.inf]).tolist() == [0.0, 1.0]


def test_empirical_cdf_approaches_the_cdf():
    # Glivenko-Cantelli: the largest gap shrinks like 1 / sqrt(N)
    dist = Binomial(20, 0.35)
    k = np.arange(21)
    gaps = [np.abs(probability.empirical_cdf(probability.sample(dist, n, seed=1), k)
                   - dist.cdf(k)).max() for n in (100, 10_000)]
    assert gaps[1] < gaps[0] / 3 and gaps[1] < 0.02


# Entropy ------------------------------------------------------------------------------

DISTRIBUTIONS = [[0.5, 0.5], [0.9, 0.1], [0.2, 0.3, 0.5], [1.0, 0.0, 0.0], [0.25] * 4,
                 [0.0, 0.7, 0.3]]


@pytest.mark.parametrize("p", DISTRIBUTIONS)
def test_entropy_against_scipy(p):
    assert probability.entropy(p) == pytest.approx(stats.entropy(p, base=2), abs=1e-12)
    assert probability.entropy(p, "nats") == pytest.approx(stats.entropy(p), abs=1e-12)


def test_entropy_closed_forms():
    assert probability.entropy([0.5, 0.5]) == pytest.approx(1.0)
    assert probability.entropy([0.25] * 4) == pytest.approx(2.0)
    assert probability.entropy([1.0, 0.0]) == 0.0  # 0 log 0 = 0, no NaN
    assert probability.entropy([0.5, 0.5], "nats") == pytest.approx(math.log(2))


@pytest.mark.parametrize("p, q", [([0.5, 0.5], [0.9, 0.1]), ([0.2, 0.3, 0.5], [0.3, 0.3, 0.4]),
                                  ([0.0, 0.7, 0.3], [0.1, 0.6, 0.3]), ([1.0, 0.0], [0.8, 0.2])])
def test_cross_entropy_and_kl_against_scipy(p, q):
    kl = stats.entropy(p, q, base=2)  # scipy's entropy(p, q) is the KL divergence
    assert probability.kl_divergence(p, q) == pytest.approx(kl, abs=1e-12)
    cross = stats.entropy(p, base=2) + kl
    assert probability.cross_entropy(p, q) == pytest.approx(cross, abs=1e-12)
    assert probability.cross_entropy(p, q) >= probability.entropy(p)
    assert probability.kl_divergence(p, q, "nats") == pytest.approx(stats.entropy(p, q))


def test_cross_entropy_of_a_belief_against_the_truth():
    # log-loss of predicting 0.8 for a true label 1: -log2 0.8
    assert probability.cross_entropy([1.0, 0.0], [0.8, 0.2]) == pytest.approx(-math.log2(0.8))
    assert probability.kl_divergence([0.3, 0.7], [0.3, 0.7]) == 0.0
    assert probability.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf


# Bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda: Bernoulli(1.5), r"^p must be a probability in \[0, 1\]"),
    (lambda: Bernoulli(-0.1), r"^p must be a probability"),
    (lambda: Bernoulli(float("nan")), r"^p must be a probability"),
    (lambda: Binomial(10, 2.0), r"^p must be a probability"),
    (lambda: Binomial(0, 0.5), r"^n must be >= 1"),
    (lambda: Binomial(2.5, 0.5), r"^n must be an integer"),
    (lambda: Binomial(5000, 0.5), r"^n must be <= 1000"),
    (lambda: Uniform(1.0, 1.0), r"^b must be greater than a"),
    (lambda: Uniform(float("nan"), 1.0), r"^a must be finite"),
    (lambda: Binomial(3, 0.5).pmf(float("nan")), r"^k must be"),
    (lambda: Uniform().cdf([0.1, float("nan")]), r"^x must be"),
    (lambda: Uniform().inverse_cdf(0.0), r"^u must hold numbers in \(0, 1\]"),
    (lambda: probability.sample(Bernoulli(0.5), 0), r"^size must be >= 1"),
    (lambda: probability.sample("coin", 5), r"^distribution must be"),
    (lambda: probability.sample_mean([]), r"^samples must have at least one"),
    (lambda: probability.sample_var([1.0, float("nan")]), r"^samples must be finite"),
    (lambda: probability.sample_var([1.0], ddof=1), r"^samples must hold at least 2"),
    (lambda: probability.discrete_mean([1, 2], [0.5, 0.6]), r"^probabilities must sum to 1"),
    (lambda: probability.discrete_var([1, 2], [1.5, -0.5]), r"^probabilities must each be"),
    (lambda: probability.discrete_mean([1, 2], [1.0]), r"^probabilities must have 2"),
    (lambda: probability.histogram_density([0.5], 1.0, 0.0, 4), r"^high must be greater"),
    (lambda: probability.histogram_density([0.5], 0.0, 1.0, 0), r"^bins must be >= 1"),
    (lambda: probability.running_means([]), r"^samples must have at least one"),
    (lambda: probability.running_means([1.0, float("nan")]), r"^samples must be finite"),
    (lambda: probability.empirical_cdf([], 0.0), r"^samples must have at least one"),
    (lambda: probability.empirical_cdf([1.0, 2.0], float("nan")), r"^x must be"),
    (lambda: probability.entropy([0.5, 0.6]), r"^p must sum to 1"),
    (lambda: probability.entropy([1.2, -0.2]), r"^p must hold probabilities"),
    (lambda: probability.entropy([]), r"^p must have at least one"),
    (lambda: probability.entropy([0.5, float("nan")]), r"^p must be finite"),
    (lambda: probability.cross_entropy([0.5, 0.5], [1.0]), r"^p and q must have the same"),
    (lambda: probability.kl_divergence([0.5, 0.5], [0.5, 0.5], "bans"), r"^unit must be"),
])
def test_bad_input_raises_naming_the_argument(make, message):
    with pytest.raises(ValueError, match=message):
        make()
