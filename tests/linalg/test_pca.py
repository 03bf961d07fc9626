"""mlmath.linalg.pca against numpy and sklearn.decomposition.PCA."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits, load_iris
from sklearn.decomposition import PCA

from mlmath import linalg

rng = np.random.default_rng(20261127)


def correlated(m, n, rank=None):
    """m points in n dimensions, mixed so that features correlate (rank <= n)."""
    return rng.normal(size=(m, rank or n)) @ rng.normal(size=(rank or n, n)) + rng.normal(size=n)


DATA = {
    "iris": load_iris().data,
    "digits": load_digits().data,           # 64 features, some always zero
    "tall": correlated(200, 5),
    "low-rank": correlated(50, 6, rank=2),
    "two-points": np.array([[1.0, 2.0, 3.0], [3.0, 1.0, 2.0]]),
    "wide": correlated(6, 10),              # fewer points than features
}


def assert_same_up_to_sign(rows, expected_rows, atol):
    for row, expected in zip(rows, expected_rows):
        sign = np.sign(row @ expected)
        assert_allclose(row * sign, expected, atol=atol)


def test_center_and_covariance_match_numpy():
    X = DATA["tall"]
    centered, mean = linalg.center(X)
    assert_allclose(mean, X.mean(axis=0))
    assert_allclose(centered.mean(axis=0), 0, atol=1e-14)
    covariance = linalg.covariance_matrix(X)
    assert_allclose(covariance, np.cov(X, rowvar=False), rtol=1e-12)
    assert np.array_equal(covariance, covariance.T)


@pytest.mark.parametrize("name", list(DATA))
def test_fit_pca_matches_scikit_learn(name):
    X = DATA[name]
    k = min(X.shape) - (1 if name == "wide" else 0)  # beyond rank m - 1 the directions are arbitrary
    k = min(k, 10)
    ours = linalg.fit_pca(X, n_components=k)
    theirs = PCA(n_components=k, svd_solver="full").fit(X)
    scale = theirs.explained_variance_[0]
    assert_allclose(ours.mean, theirs.mean_, rtol=1e-12, atol=1e-12)
    assert_allclose(ours.explained_variance, theirs.explained_variance_, rtol=1e-9,
                    atol=1e-10 * scale)
    assert_allclose(ours.explained_variance_ratio, theirs.explained_variance_ratio_,
                    rtol=1e-9, atol=1e-12)
    # Components are unique (up to sign) only where their variance is not shared.
    every_variance = np.linalg.eigvalsh(np.cov(X, rowvar=False))
    separated = [i for i in range(k)
                 if np.sort(np.abs(every_variance - theirs.explained_variance_[i]))[1]
                 > 1e-6 * scale]
    assert separated
    assert_same_up_to_sign(ours.components[separated], theirs.components_[separated],
                           atol=1e-7)
    scores = linalg.pca_project(X, ours)
    assert_allclose(np.abs(scores[:, separated]), np.abs(theirs.transform(X)[:, separated]),
                    atol=1e-7 * np.sqrt(scale))


def test_iris_components_match_scikit_learn_with_the_same_signs():
    # Both sign each component so that its largest entry is positive.
    X = DATA["iris"]
    ours = linalg.fit_pca(X, 2)
    theirs = PCA(n_components=2).fit(X)
    assert_allclose(ours.components, theirs.components_, atol=1e-12)
    assert_allclose(linalg.pca_project(X, ours), theirs.transform(X), atol=1e-12)
    assert_allclose(linalg.pca_reconstruct(linalg.pca_project(X, ours), ours),
                    theirs.inverse_transform(theirs.transform(X)), atol=1e-12)


def test_components_are_orthonormal_and_variances_are_the_projections_variances():
    X = DATA["tall"]
    pca = linalg.fit_pca(X)
    assert_allclose(pca.components @ pca.components.T, np.eye(X.shape[1]), atol=1e-13)
    scores = linalg.pca_project(X, pca)
    assert_allclose(scores.var(axis=0, ddof=1), pca.explained_variance, rtol=1e-10)
    assert_allclose(np.cov(scores, rowvar=False), np.diag(pca.explained_variance),
                    atol=1e-10 * pca.explained_variance[0])  # uncorrelated scores
    assert_allclose(pca.explained_variance_ratio.sum(), 1.0, rtol=1e-12)
    assert np.all(np.diff(pca.explained_variance) <= 0)


def test_first_component_beats_every_other_direction():
    X = DATA["tall"]
    pca = linalg.fit_pca(X, 1)
    covariance = linalg.covariance_matrix(X)
    directions = rng.normal(size=(500, X.shape[1]))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    variances = np.einsum("ij,jk,ik->i", directions, covariance, directions)
    assert variances.max() <= pca.explained_variance[0] * (1 + 1e-12)


@pytest.mark.parametrize("k", [1, 2, 4, 5])
def test_reconstruction_error_is_the_discarded_variance(k):
    X = DATA["tall"]
    m, n = X.shape
    full = linalg.fit_pca(X)
    pca = linalg.fit_pca(X, k)
    restored = linalg.pca_reconstruct(linalg.pca_project(X, pca), pca)
    error = np.mean(np.sum((X - restored) ** 2, axis=1))
    assert_allclose(error, (m - 1) / m * full.explained_variance[k:].sum(),
                    rtol=1e-9, atol=1e-12)
    if k == n:
        assert_allclose(restored, X, atol=1e-12)


def test_exactly_collinear_data_has_one_component_and_no_negative_variance():
    t = np.linspace(-1, 1, 9)
    X = np.column_stack([t, 2 * t, -t])
    pca = linalg.fit_pca(X)
    assert_allclose(pca.explained_variance_ratio, [1, 0, 0], atol=1e-14)
    assert np.all(pca.explained_variance >= 0)
    assert_allclose(pca.components[0], np.array([1, 2, -1]) / np.sqrt(6), atol=1e-14)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linalg.fit_pca([[1.0, 2.0]]), "X must hold at least 2 data points"),
        (lambda: linalg.fit_pca(np.ones((1, 4))), "X must hold at least 2 data points"),
        (lambda: linalg.covariance_matrix([[1.0, 2.0]]), "X must hold at least 2"),
        (lambda: linalg.center([1.0, 2.0, 3.0]), "X must be a 2-D array"),
        (lambda: linalg.fit_pca([[1.0, np.nan], [2.0, 3.0]]), "X must be finite"),
        (lambda: linalg.fit_pca([[1.0, 2.0], [1.0, 2.0]]), "X must vary"),
        (lambda: linalg.fit_pca(np.eye(3), n_components=0), "n_components must be >= 1"),
        (lambda: linalg.fit_pca(np.eye(3), n_components=4), "n_components must be <= 3"),
        (lambda: linalg.fit_pca(np.eye(3), n_components=1.5), "n_components must be an integer"),
        (lambda: linalg.pca_project(np.eye(2), linalg.fit_pca(np.eye(3))), "X must have 3 col"),
        (lambda: linalg.pca_project(np.eye(3), "pca"), "pca must be the result of fit_pca"),
        (lambda: linalg.pca_reconstruct(np.ones((2, 3)), linalg.fit_pca(np.eye(3), 2)),
         "scores must have 2 columns"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
