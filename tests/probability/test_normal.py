"""The normal distribution and the multivariate normal, against SciPy and NumPy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special, stats

from mlmath import probability

GRID = np.linspace(-8.0, 8.0, 20_001)


def test_erf_and_erfc_match_scipy_to_double_precision():
    x = np.linspace(-27.0, 27.0, 200_001)
    assert np.max(np.abs(probability.erf(x) - special.erf(x))) < 2e-15
    assert np.max(np.abs(probability.erfc(x) - special.erfc(x))) < 2e-15
    # erfc keeps its relative accuracy in the tail, where it is tiny
    tail = np.linspace(2.5, 26.0, 5_001)
    np.testing.assert_allclose(probability.erfc(tail), special.erfc(tail), rtol=1e-12)
    # on both sides of the switch from series to continued fraction
    edge = np.array([2.5 - 1e-12, 2.5, 2.5 + 1e-12])
    np.testing.assert_allclose(probability.erf(edge), special.erf(edge), atol=2e-15)


def test_erf_special_values():
    assert probability.erf(0.0) == 0.0
    assert probability.erf(math.inf) == 1.0 and probability.erf(-math.inf) == -1.0
    assert probability.erfc(math.inf) == 0.0 and probability.erfc(-math.inf) == 2.0
    assert isinstance(probability.erf(0.5), float)


@pytest.mark.parametrize("mu, sigma", [(0.0, 1.0), (3.5, 0.25), (-120.0, 40.0)])
def test_pdf_and_cdf_against_scipy_over_a_grid(mu, sigma):
    x = mu + sigma * GRID
    np.testing.assert_allclose(probability.normal_pdf(x, mu, sigma),
                               stats.norm.pdf(x, loc=mu, scale=sigma), rtol=1e-13, atol=1e-300)
    assert np.max(np.abs(probability.normal_cdf(x, mu, sigma)
                         - stats.norm.cdf(x, loc=mu, scale=sigma))) < 1e-7
    assert np.max(np.abs(probability.normal_cdf(x, mu, sigma)
                         - stats.norm.cdf(x, loc=mu, scale=sigma))) < 2e-15


def test_cdf_lower_tail_is_accurate_relative_to_its_size():
    z = np.linspace(-37.0, -3.0, 3_401)
    np.testing.assert_allclose(probability.normal_cdf(z), stats.norm.cdf(z), rtol=1e-11)
    # and the upper tail, through symmetry: 1 - Φ(z) = Φ(-z)
    np.testing.assert_allclose(probability.normal_cdf(-z), stats.norm.cdf(-z), rtol=0, atol=1e-15)


def test_pdf_integrates_to_the_cdf():
    x = np.linspace(-6.0, 1.3, 200_001)
    area = np.trapezoid(probability.normal_pdf(x, 0.0, 1.0), x)
    assert area == pytest.approx(stats.norm.cdf(1.3) - stats.norm.cdf(-6.0), abs=1e-9)


def test_standardise_gives_z_scores():
    assert probability.standardise(130.0, 100.0, 15.0) == pytest.approx(2.0)
    np.testing.assert_allclose(probability.standardise([1.0, 4.0], 2.0, 2.0), [-0.5, 1.0])
    # standardising turns any normal CDF into Φ
    assert probability.normal_cdf(130.0, 100.0, 15.0) == pytest.approx(stats.norm.cdf(2.0))


@pytest.mark.parametrize("a, b, mu, sigma", [
    (-1.0, 1.0, 0.0, 1.0), (90.0, 130.0, 100.0, 15.0), (5.0, 6.0, 0.0, 1.0),
    (-40.0, -7.5, 0.0, 1.0), (-3.0, 12.0, 2.0, 0.5), (0.2, 0.21, 0.0, 1.0)])
def test_interval_probability_against_scipy(a, b, mu, sigma):
    dist = stats.norm(loc=mu, scale=sigma)
    # SciPy's own tails, chosen so that nothing cancels
    expected = dist.sf(a) - dist.sf(b) if a > mu else dist.cdf(b) - dist.cdf(a)
    assert probability.interval_probability(a, b, mu, sigma) == pytest.approx(expected, rel=1e-9,
                                                                             abs=1e-300)


def test_empty_and_single_point_intervals_have_probability_zero():
    assert probability.interval_probability(1.0, -1.0) == 0.0
    assert probability.interval_probability(0.5, 0.5) == 0.0


def test_68_95_997_rule_against_scipy():
    within = probability.sigma_rule([1, 2, 3])
    expected = [stats.norm.cdf(k) - stats.norm.cdf(-k) for k in (1, 2, 3)]
    np.testing.assert_allclose(within, expected, rtol=1e-14)
    assert np.round(100 * within, 1).tolist() == [68.3, 95.4, 99.7]
    # the same for every μ and σ: it is a statement about z-scores
    assert probability.interval_probability(7.0, 13.0, 10.0, 1.5) == pytest.approx(within[1])


def test_samples_are_mu_plus_sigma_z_with_the_right_moments():
    z = probability.standard_normals(100_000, seed=5)
    x = probability.normal_sample(3.0, 2.0, 100_000, seed=5)
    np.testing.assert_array_equal(x, 3.0 + 2.0 * z)
    n = x.size
    assert abs(x.mean() - 3.0) < 4 * 2.0 / math.sqrt(n)  # 4 standard errors
    assert abs(x.var(ddof=1) - 4.0) < 4 * 4.0 * math.sqrt(2 / (n - 1))
    assert stats.kstest(x, "norm", args=(3.0, 2.0)).pvalue > 1e-3
    # seeded: the same numbers twice; a smaller sample is a prefix of a larger one
    np.testing.assert_array_equal(x, probability.normal_sample(3.0, 2.0, 100_000, seed=5))
    np.testing.assert_array_equal(probability.normal_sample(0, 1, 10, z=z), z[:10])


def test_clt_skewness_falls_like_two_over_root_n():
    # The mean of n exponential draws is a gamma variable with skewness 2/√n. The sample
    # skewness of R = 40 000 such means has a standard error of about √(6/R) ≈ 0.012 near
    # normality (more for small n, where the tails are heavy): allow 0.06.
    repetitions = 40_000
    measured = []
    for n in (1, 4, 16, 64):
        z = probability.clt_standardised_means(n, repetitions, seed=n)
        assert abs(z.mean()) < 4 / math.sqrt(repetitions)  # standardised: mean 0, variance 1
        assert abs(z.var() - 1) < 0.05 * (1 + 2 / n)
        skew = probability.sample_skewness(z)
        assert skew == pytest.approx(stats.skew(z), rel=1e-12)
        measured.append(skew)
        assert abs(skew - stats.gamma(n).stats(moments="s")) < 0.06 + 0.15 / n
    assert measured == sorted(measured, reverse=True)


def test_clt_ks_distance_shrinks_towards_the_sampling_noise():
    distances = [probability.ks_distance(probability.clt_standardised_means(n, 20_000, seed=1))
                 for n in (1, 4, 16, 64, 256)]
    assert distances == sorted(distances, reverse=True)
    # Berry-Esseen bounds the gap to Φ by 0.4748 ρ/√n, with ρ = E|X - 1|³ = 12/e - 2 for the
    # exponential: it falls like 1/√n until it meets the KS distance's own sampling noise
    # for R = 20 000 means, about 0.87/√R ≈ 0.006.
    assert distances[0] > 0.1 and distances[-1] < 0.02


def test_ks_distance_against_scipy():
    x = probability.clt_standardised_means(9, 2_000, seed=4)
    assert probability.ks_distance(x) == pytest.approx(stats.kstest(x, "norm").statistic,
                                                       rel=1e-12)


COV = np.array([[2.0, 0.8, 0.3], [0.8, 1.0, -0.2], [0.3, -0.2, 0.5]])
MEAN = np.array([1.0, -1.0, 0.5])


def test_cholesky_factor_multiplies_back():
    L = probability.cholesky(COV)
    np.testing.assert_allclose(L @ L.T, COV, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(L, np.linalg.cholesky(COV), rtol=1e-13)


def test_multivariate_pdf_against_scipy():
    points = probability.multivariate_normal_sample(MEAN, COV, 200, seed=2) * 1.5
    np.testing.assert_allclose(probability.multivariate_normal_pdf(points, MEAN, COV),
                               stats.multivariate_normal(MEAN, COV).pdf(points), rtol=1e-12)
    assert probability.multivariate_normal_pdf(MEAN, MEAN, COV) == pytest.approx(
        stats.multivariate_normal(MEAN, COV).pdf(MEAN), rel=1e-13)
    # a diagonal Σ is a product of one-dimensional densities
    diagonal = probability.multivariate_normal_pdf([0.3, -2.0], [0.0, 0.0], np.diag([1.0, 4.0]))
    assert diagonal == pytest.approx(stats.norm.pdf(0.3) * stats.norm.pdf(-2.0, scale=2.0))


def test_multivariate_samples_have_the_covariance_and_sample_covariance_matches_numpy():
    X = probability.multivariate_normal_sample(MEAN, COV, 50_000, seed=7)
    assert X.shape == (50_000, 3)
    for ddof in (0, 1):
        np.testing.assert_allclose(probability.sample_covariance(X, ddof=ddof),
                                   np.cov(X, rowvar=False, ddof=ddof), rtol=1e-12, atol=1e-15)
    # each entry's standard error is at most √((σ_ii σ_jj + σ_ij²)/N) < 0.0127 here
    assert np.max(np.abs(probability.sample_covariance(X) - COV)) < 4 * 0.0127
    assert np.max(np.abs(X.mean(axis=0) - MEAN)) < 4 * math.sqrt(2.0 / 50_000)


def test_covariance_ellipse_is_a_density_contour_along_the_eigenvectors():
    cov = np.array([[3.0, 1.2], [1.2, 1.0]])
    ring = probability.covariance_ellipse([1.0, 2.0], cov, k=2.0, points=73)
    offsets = ring - [1.0, 2.0]
    quadratic = np.einsum("ij,jk,ik->i", offsets, np.linalg.inv(cov), offsets)
    np.testing.assert_allclose(quadratic, 4.0, rtol=1e-12)
    values, vectors = np.linalg.eigh(cov)
    # the farthest point lies along the top eigenvector, 2√λ₁ away
    far = offsets[np.argmax(np.linalg.norm(offsets, axis=1))]
    assert np.linalg.norm(far) == pytest.approx(2 * math.sqrt(values[-1]), rel=1e-3)
    assert abs(far @ vectors[:, -1]) == pytest.approx(np.linalg.norm(far), rel=1e-3)


@pytest.mark.parametrize("call, argument", [
    (lambda: probability.normal_pdf(0.0, 0.0, 0.0), "sigma"),
    (lambda: probability.normal_cdf(0.0, 0.0, -1.0), "sigma"),
    (lambda: probability.normal_pdf(0.0, math.nan, 1.0), "mu"),
    (lambda: probability.normal_cdf([0.0, math.nan]), "x"),
    (lambda: probability.erf(math.nan), "x"),
    (lambda: probability.standardise("a lot"), "x"),
    (lambda: probability.interval_probability(math.nan, 1.0), "a"),
    (lambda: probability.interval_probability(0.0, 1.0, sigma=0.0), "sigma"),
    (lambda: probability.sigma_rule([]), "ks"),
    (lambda: probability.sigma_rule([-1]), "ks"),
    (lambda: probability.normal_sample(0.0, 1.0, 0), "size"),
    (lambda: probability.standard_normals(0), "size"),
    (lambda: probability.normal_sample(0.0, -2.0, 5), "sigma"),
    (lambda: probability.normal_sample(0.0, 1.0, 5, z=[1.0, 2.0]), "z"),
    (lambda: probability.clt_standardised_means(0), "n"),
    (lambda: probability.clt_standardised_means(4, 0), "repetitions"),
    (lambda: probability.sample_skewness([]), "x"),
    (lambda: probability.sample_skewness([2.0, 2.0]), "x"),
    (lambda: probability.ks_distance([]), "x"),
    (lambda: probability.cholesky([[1.0, 2.0], [2.0, 1.0]]), "cov"),
    (lambda: probability.cholesky([[1.0, 0.5], [0.0, 1.0]]), "cov"),
    (lambda: probability.cholesky([[1.0, 1.0], [1.0, 1.0]]), "cov"),
    (lambda: probability.multivariate_normal_pdf([0.0, 0.0], [0.0, 0.0], [[1.0, math.nan],
                                                                        [math.nan, 1.0]]), "cov"),
    (lambda: probability.multivariate_normal_pdf([0.0, 0.0], [0.0, 0.0, 0.0], COV[:2, :2]), "cov"),
    (lambda: probability.multivariate_normal_pdf([0.0, 0.0], MEAN, COV), "x"),
    (lambda: probability.multivariate_normal_sample(MEAN, COV, 0), "size"),
    (lambda: probability.sample_covariance(np.empty((0, 2))), "X"),
    (lambda: probability.sample_covariance([[1.0, 2.0]]), "X"),
    (lambda: probability.covariance_ellipse([0.0, 0.0], [[1.0, 0.0], [0.0, -1.0]]), "cov"),
])
def test_bad_input_raises_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=rf"^{argument} must"):
        call()
