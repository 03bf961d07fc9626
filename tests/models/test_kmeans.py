"""mlmath.models.kmeans against scikit-learn's KMeans, SciPy's distances and direct sums."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.spatial.distance import cdist
from sklearn.cluster import KMeans

from mlmath import models

BLOBS = models.cluster_data("four blobs", 400, seed=1)
MOONS = models.cluster_data("two moons", 300, seed=2)
SQUARE = models.cluster_data("uniform square", 250, seed=3)
rng = np.random.default_rng(20261210)
WIDE = rng.normal(size=(120, 5)) + np.repeat(rng.normal(scale=4, size=(3, 5)), 40, axis=0)
DATA = {"blobs": BLOBS, "moons": MOONS, "square": SQUARE, "five features": WIDE}

#: scikit-learn sums each cluster in chunks, the package in index order: the same
#: centroids up to rounding, a few units in the last place.
CENTROID_ATOL = 1e-10
INERTIA_RTOL = 1e-10


def sklearn_lloyd(X, start):
    """scikit-learn's Lloyd iterations from the given centroids, stopping, as the package
    does, at the first assignment that changes nothing (tol=0). n_init=1: one run (its
    default has changed across versions, and an array start allows only one)."""
    return KMeans(n_clusters=len(start), init=start, n_init=1, algorithm="lloyd", tol=0.0,
                  max_iter=300).fit(X)


# --- the same run as scikit-learn's, from the same start ----------------------------------

@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("k", [1, 3, 8])
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_from_the_same_start_it_is_scikit_learns_lloyd(data, k, init):
    X = DATA[data]
    run = models.k_means(X, k, init=init, seed=k)
    fitted = sklearn_lloyd(X, run.centroid_path[0])
    assert run.converged
    assert_array_equal(run.labels, fitted.labels_)
    assert_allclose(run.centroids, fitted.cluster_centers_, rtol=0, atol=CENTROID_ATOL)
    assert_allclose(run.inertia, fitted.inertia_, rtol=INERTIA_RTOL)
    assert run.n_iter == fitted.n_iter_


def test_k_means_plus_plus_is_as_good_as_scikit_learns_over_ten_starts():
    # Different random draws (scikit-learn also tries 2 + log k candidates per centroid),
    # so not the same runs: the best of ten starts should be as low, within 1 %.
    for X, k in ((BLOBS, 4), (MOONS, 2), (SQUARE, 6), (WIDE, 3)):
        ours = min(models.k_means(X, k, init="k-means++", seed=s).inertia for s in range(10))
        theirs = KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0).fit(X)
        assert ours <= 1.01 * theirs.inertia_, (k, ours, theirs.inertia_)
        assert theirs.inertia_ <= 1.01 * ours, (k, ours, theirs.inertia_)


def test_on_the_four_blobs_k_means_plus_plus_finds_the_blobs_more_often_than_random():
    X = models.cluster_data("four blobs", 300)
    best = min(models.k_means(X, 4, seed=s).inertia for s in range(20))
    stuck = {init: sum(models.k_means(X, 4, init=init, seed=s).inertia > 1.5 * best
                       for s in range(20)) for init in ("k-means++", "random")}
    assert stuck["k-means++"] < stuck["random"], stuck
    assert stuck["random"] >= 1


# --- the two steps and the objective ------------------------------------------------------

def test_inertia_is_the_sum_of_squared_distances_to_the_assigned_centroids():
    centroids = BLOBS[:4] + 0.1
    labels = np.arange(len(BLOBS)) % 4
    direct = sum(float(np.sum((BLOBS[labels == j] - centroids[j]) ** 2)) for j in range(4))
    assert_allclose(models.inertia(BLOBS, centroids, labels), direct, rtol=1e-12)


def test_the_assignment_step_picks_the_nearest_centroid_by_scipys_distances():
    centroids = SQUARE[[3, 50, 99, 180]]
    labels, nearest = models.assignment_step(SQUARE, centroids)
    distances = cdist(SQUARE, centroids, "sqeuclidean")
    assert_array_equal(labels, distances.argmin(axis=1))
    assert_allclose(nearest, distances.min(axis=1), rtol=1e-12, atol=1e-14)


def test_the_update_step_moves_each_centroid_to_its_clusters_mean():
    labels = np.arange(len(WIDE)) % 3
    centroids, same, relocated = models.update_step(WIDE, labels, np.ones(len(WIDE)), 3)
    for j in range(3):
        assert_allclose(centroids[j], WIDE[labels == j].mean(axis=0), rtol=1e-12)
    assert_array_equal(same, labels) and relocated == []


def test_neither_step_raises_the_inertia():
    for data, X in DATA.items():
        for init in models.INITS:
            for k in (2, 4, 7):
                path = models.k_means(X, k, init=init, seed=k).inertia_path.ravel()
                assert np.all(np.diff(path) <= 1e-9 * path[0]), (data, init, k)


def test_a_converged_run_is_a_fixed_point_of_both_steps():
    run = models.k_means(MOONS, 3, seed=4)
    labels, nearest = models.assignment_step(MOONS, run.centroids)
    assert_array_equal(labels, run.labels)
    # The mean minimises the squared distances: any nudge of a centroid raises the inertia.
    for j in range(3):
        for nudge in ([1e-3, 0], [0, -1e-3], [-2e-3, 2e-3]):
            moved = run.centroids.copy()
            moved[j] += nudge
            assert models.inertia(MOONS, moved, run.labels) > run.inertia
    assert_allclose(nearest.sum(), run.inertia, rtol=1e-12)


# --- empty clusters -----------------------------------------------------------------------

def test_an_empty_cluster_takes_the_farthest_point_as_scikit_learn_does():
    # A centroid far from every point gets none in the first assignment.
    X = BLOBS[:200]
    start = np.array([[-2.5, 2.0], [2.0, 2.5], [0.0, -2.0], [50.0, 50.0]])
    run = models.k_means(X, 4, init=start)
    assert run.relocated[0] and run.relocated[0][0][0] == 3
    j, i = run.relocated[0][0]
    labels, nearest = models.assignment_step(X, start)
    assert i == np.argmax(nearest)  # the worst-served point
    assert_array_equal(run.centroid_path[1][3], X[i])
    assert np.all(np.isfinite(run.centroid_path))
    fitted = sklearn_lloyd(X, start)
    assert_array_equal(run.labels, fitted.labels_)
    assert_allclose(run.centroids, fitted.cluster_centers_, rtol=0, atol=CENTROID_ATOL)
    assert_allclose(run.inertia, fitted.inertia_, rtol=INERTIA_RTOL)


def test_several_empty_clusters_are_refilled_in_turn_without_nan():
    X = SQUARE[:40]
    start = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0], [-100.0, 0.0], [0.5, 0.5]])
    labels, nearest = models.assignment_step(X, start)
    centroids, new_labels, relocated = models.update_step(X, labels, nearest, 5)
    assert [j for j, _ in relocated] == [1, 2, 3]
    farthest = np.argsort(-nearest, kind="stable")
    assert [i for _, i in relocated] == farthest[:3].tolist()
    assert np.bincount(new_labels, minlength=5).min() >= 1
    assert np.all(np.isfinite(centroids))
    before = nearest.sum()
    assert models.inertia(X, centroids, new_labels) <= before - nearest[farthest[:3]].sum()


def test_repeated_points_with_k_above_the_distinct_count_give_no_nan():
    X = np.repeat([[0.0, 0.0], [1.0, 1.0]], 5, axis=0)
    for init in models.INITS:
        run = models.k_means(X, 4, init=init, seed=0)
        assert np.all(np.isfinite(run.centroid_path)) and np.all(np.isfinite(run.inertia_path))
        assert run.inertia == 0.0
        assert set(map(tuple, run.centroids)) == {(0.0, 0.0), (1.0, 1.0)}


def test_k_equal_to_n_puts_each_point_in_its_own_cluster():
    X = SQUARE[:12]
    for init in models.INITS:
        run = models.k_means(X, 12, init=init, seed=5)
        assert run.inertia == 0.0 and sorted(run.labels) == list(range(12))


# --- the starts ---------------------------------------------------------------------------

def test_random_starts_are_distinct_examples_and_the_first_j_do_not_depend_on_k():
    for init in ("random", "k-means++"):
        ten = models.initial_centroids(SQUARE, 10, init=init, seed=3)
        assert len({tuple(c) for c in ten}) == 10
        assert all(any(np.array_equal(c, x) for x in SQUARE) for c in ten)
        for k in (1, 4, 7):
            assert_array_equal(models.initial_centroids(SQUARE, k, init=init, seed=3),
                               ten[:k])
    uniform = models.initial_centroids(SQUARE, 10, init="uniform", seed=3)
    assert np.all(uniform >= SQUARE.min(axis=0)) and np.all(uniform <= SQUARE.max(axis=0))
    assert_array_equal(models.initial_centroids(SQUARE, 4, init="uniform", seed=3), uniform[:4])


def test_k_means_plus_plus_draws_the_next_centroid_with_probability_proportional_to_d2():
    # Points 0, 1 and 3 on a line: when the first centroid is 0, D² = (0, 1, 9), so the
    # second is 1 with probability 1/10 and 3 with probability 9/10.
    X = np.array([[0.0], [1.0], [3.0]])
    seconds = []
    for seed in range(3000):
        first, second = models.initial_centroids(X, 2, seed=seed)[:, 0]
        if first == 0.0:
            seconds.append(second)
    share = np.mean(np.array(seconds) == 3.0)
    assert len(seconds) > 800
    # Within four standard errors of 0.9.
    assert abs(share - 0.9) < 4 * np.sqrt(0.9 * 0.1 / len(seconds)), share


def test_the_first_k_means_plus_plus_centroid_is_uniform_over_the_examples():
    X = np.arange(5.0)[:, None]
    firsts = [models.initial_centroids(X, 1, seed=s)[0, 0] for s in range(2500)]
    counts = np.bincount(np.array(firsts, dtype=int), minlength=5)
    assert np.all(np.abs(counts - 500) < 4 * np.sqrt(500 * 0.8)), counts


# --- the data -----------------------------------------------------------------------------

def test_the_data_sets_are_seeded_rounded_and_without_repeats():
    for name in models.CLUSTER_DATA:
        X = models.cluster_data(name, 500)
        assert X.shape == (500, 2)
        assert_array_equal(X, models.cluster_data(name, 500))
        assert_array_equal(X, np.round(X, 3))
        assert len(np.unique(X, axis=0)) == 500
        assert np.abs(X).max() < 5
    # The blobs are where the docstring says: k-means on many points finds their centres.
    blobs = models.cluster_data("four blobs", 4000, seed=4)
    fitted = models.k_means(blobs, 4, seed=0).centroids
    centres = np.array([[-2.5, 2.0], [2.0, 2.5], [-1.5, -2.5], [2.5, -1.5]])
    assert cdist(centres, fitted).min(axis=1).max() < 0.1
    points, groups = models.cluster_data("four blobs", 4000, seed=4, return_groups=True)
    assert_array_equal(points, blobs)
    for g in range(4):
        assert np.abs(points[groups == g].mean(axis=0) - centres[g]).max() < 0.1
    points, groups = models.cluster_data("two moons", 500, return_groups=True)
    assert np.all(points[groups == 0, 1].mean() > points[groups == 1, 1].mean())


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: models.k_means(np.empty((0, 2)), 1), r"^X must have at least one row"),
    (lambda: models.k_means([[0.0, np.nan], [1.0, 1.0]], 1), r"^X must be finite"),
    (lambda: models.k_means([1.0, 2.0, 3.0], 1), r"^X must be a 2-D array"),
    (lambda: models.k_means(BLOBS, 0), r"^k must be an integer from 1 to the number of "
                                       r"examples N = 400"),
    (lambda: models.k_means(BLOBS[:5], 6), r"^k must be an integer from 1 to .* N = 5 .*"
                                           r"got 6"),
    (lambda: models.k_means(BLOBS, 2.0), r"^k must be an integer"),
    (lambda: models.k_means(BLOBS, True), r"^k must be an integer"),
    (lambda: models.k_means(BLOBS, 3, init="forgy"), r"^init must be one of 'k-means\+\+', "
                                                     r"'random', 'uniform'"),
    (lambda: models.k_means(BLOBS, 3, init=np.zeros((2, 2))), r"^init must have shape "
                                                              r"\(3, 2\)"),
    (lambda: models.k_means(BLOBS, 2, init=[[0.0, np.nan], [1.0, 1.0]]), r"^init must be "
                                                                         r"finite"),
    (lambda: models.k_means(BLOBS, 3, seed=-1), r"^seed must be >= 0"),
    (lambda: models.k_means(BLOBS, 3, max_iter=0), r"^max_iter must be >= 1"),
    (lambda: models.inertia(BLOBS, BLOBS[:3], np.full(400, 3)), r"^labels must be 400 "
                                                                r"integers from 0 to k - 1 = 2"),
    (lambda: models.assignment_step(BLOBS, np.zeros((3, 3))), r"^centroids must have shape "
                                                              r"\(k, 2\)"),
    (lambda: models.update_step(BLOBS, np.zeros(400, int), -np.ones(400), 2),
     r"^nearest must be 400 finite squared distances"),
    (lambda: models.cluster_data("three rings"), r"^name must be one of 'four blobs'"),
    (lambda: models.cluster_data(n=0), r"^n must be >= 1"),
])
def test_bad_input_is_refused_with_the_argument_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
