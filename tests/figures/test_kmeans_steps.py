"""The k-means step-through: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest

from mlmath import models
from mlmath.figures import fig_kmeans_steps
from mlmath.figures.models.kmeans_steps import (COLOURS, DATA, MARKERS, MAX_ITER, SLIDERS,
                                                UNIFORMS, page_state, readout_text)
from mlmath.figures.kit import palette
from tests.figures.bokehjs import assert_matches

NAME = "kmeans-steps"
#: The page repeats every floating-point operation in the same order, except the two
#: inertia sums (NumPy adds pairwise, the page left to right): agreement to 1e-12 in
#: the centroids, and 1e-9 (assert_matches) everywhere.
CENTROID_RTOL = 1e-12


def values(data="four blobs", init="random", k=4, seed=7, n=300, step=26):
    return {f"{NAME}-data": data, f"{NAME}-init": init, f"{NAME}-k": float(k),
            f"{NAME}-seed": float(seed), f"{NAME}-n": float(n), f"{NAME}-step": float(step)}


def steps_for(**kwargs):
    return [[name, "value", value] for name, value in values(**kwargs).items()]


# Settings at the controls' ends and where the readout has something to explain.
SETTINGS = [
    dict(),                                                              # the chapter's figure
    dict(step=0),                                                        # the start, no labels
    dict(init="k-means++", k=10, seed=19, n=500, step=1),                # largest, first step
    dict(init="k-means++", k=10, seed=0, n=500, step=60),                # past the end
    dict(data="four blobs", init="uniform", k=4, seed=4, n=500, step=1),  # cluster 2 empty
    dict(data="four blobs", init="uniform", k=4, seed=4, n=500, step=2),  # ... and refilled
    dict(data="four blobs", init="uniform", k=10, seed=0, n=500, step=2),  # two refilled
    dict(data="uniform square", init="uniform", k=10, seed=2, n=10, step=2),  # k = N
    dict(data="uniform square", init="random", k=10, seed=1, n=500, step=60),
    dict(data="two moons", init="k-means++", k=2, seed=3, n=500, step=5),
    dict(data="two moons", init="random", k=1, seed=0, n=10, step=3),
]


def test_the_page_recomputes_the_start_and_every_step_as_the_package_does(bokehjs):
    figure = fig_kmeans_steps()
    for setting in SETTINGS:
        shown, expected = bokehjs.state_after(figure, steps_for(**setting), page_state)
        assert shown[f"{NAME}-readout"] == expected[f"{NAME}-readout"], setting
        for source in ("centroids", "trails"):
            for column, wanted in expected[f"{NAME}-{source}"]["data"].items():
                if column in ("x", "y"):
                    np.testing.assert_allclose(shown[f"{NAME}-{source}"]["data"][column],
                                               wanted, rtol=CENTROID_RTOL,
                                               err_msg=f"{setting}: {source}.{column}")
        assert_matches(shown, expected, str(setting))


def test_at_every_seed_and_start_the_pages_first_centroids_are_the_packages(bokehjs):
    figure = fig_kmeans_steps()
    X = DATA["four blobs"][:500]
    for init in models.INITS:
        for seed in (0, 5, 11, 19):
            setting = dict(init=init, k=10, seed=seed, n=500, step=0)
            shown, _ = bokehjs.state_after(figure, steps_for(**setting), page_state)
            data = shown[f"{NAME}-centroids"]["data"]
            np.testing.assert_array_equal(np.c_[data["x"], data["y"]],
                                          models.initial_centroids(X, 10, init, seed),
                                          err_msg=str(setting))


def test_the_shipped_uniforms_are_the_draws_of_the_packages_starts():
    X = DATA["two moons"]
    for seed in (0, 7, 19):
        u = np.array(UNIFORMS[seed])
        low, high = X.min(axis=0), X.max(axis=0)
        np.testing.assert_array_equal(models.initial_centroids(X, 10, "uniform", seed),
                                      low + u.reshape(10, 2) * (high - low))
        # "random" takes the example at floor(u₀ N) first, k-means++ too.
        first = X[int(u[0] * len(X))]
        for init in ("random", "k-means++"):
            np.testing.assert_array_equal(models.initial_centroids(X, 3, init, seed)[0], first)


def test_each_step_draws_the_runs_clusters_centroids_and_inertia():
    run = models.k_means(DATA["four blobs"][:300], 4, init="random", seed=7, max_iter=MAX_ITER)
    for step in (1, 2, 5, 6):
        state = page_state(values(step=step))
        t = (step + 1) // 2
        labels = run.assignments[t - 1] if step % 2 else run.label_path[t - 1]
        centroids = run.centroid_path[t - 1 if step % 2 else t]
        points = state[f"{NAME}-points"]["data"]
        assert points["colour"] == [COLOURS[j % 4] for j in labels]
        assert points["marker"] == [MARKERS[j][0] for j in labels]
        drawn = state[f"{NAME}-centroids"]["data"]
        np.testing.assert_array_equal(np.c_[drawn["x"], drawn["y"]], centroids)
        assert state[f"{NAME}-current"]["data"]["value"] == \
            [run.inertia_path[t - 1, 0 if step % 2 else 1]]
    inertia = state[f"{NAME}-inertia"]["data"]["value"]
    assert np.all(np.diff(inertia) <= 1e-9 * inertia[0])  # never rises
    assert len(inertia) == 2 * run.n_iter


def test_every_cluster_has_its_own_marker_shape_and_the_start_is_grey():
    shapes = {(marker, angle) for marker, angle, _ in MARKERS}
    assert len(shapes) == SLIDERS["k"].end == len({m for _, _, m in MARKERS})
    start = page_state(values(step=0))[f"{NAME}-points"]["data"]
    assert set(start["colour"]) == {palette.GREY} and set(start["marker"]) == {"circle"}


def test_an_empty_cluster_and_k_equal_to_n_are_said_in_words():
    assert "Cluster 2 got no points; the update gives it the point farthest from its centroid" \
        in readout_text("four blobs", "uniform", 4, 4, 500, 1)
    refilled = readout_text("four blobs", "uniform", 4, 4, 500, 2)
    assert "Cluster 2 was empty: it took the point farthest" in refilled
    assert "Clusters 6, 7 were empty" in readout_text("four blobs", "uniform", 10, 0, 500, 2)
    every = readout_text("uniform square", "uniform", 10, 2, 10, 60)
    assert "k = N: each point can be a cluster of its own, with L = 0" in every
    assert "L = 0.0" in every
    for setting in SETTINGS:
        state = page_state(values(**setting))
        text = state[f"{NAME}-readout"]["text"]
        assert "NaN" not in text and "nan" not in text and "undefined" not in text
        for key in ("points", "centroids", "inertia", "current"):
            for column in ("x", "y", "value"):
                data = state[f"{NAME}-{key}"]["data"].get(column, [])
                assert np.all(np.isfinite(data)), (setting, key, column)


def test_the_readout_follows_the_run_to_its_end():
    # Seed 7 starts two centroids in one blob: Lloyd converges to a local minimum.
    run = models.k_means(DATA["four blobs"][:300], 4, init="random", seed=7)
    best = models.k_means(DATA["four blobs"][:300], 4, init="k-means++", seed=7)
    assert run.inertia > 3 * best.inertia
    last = 2 * run.n_iter
    assert "Step 0</b>, the start: k random examples (seed 7) placed k = 4 centroids" \
        in readout_text(step=0)
    assert f"the run converges at step {last - 1}" in readout_text(step=3)
    assert "<b>converged</b>: no point changed cluster" in readout_text(step=last - 1)
    assert "every centroid is already the mean" in readout_text(step=last)
    assert f"the run stopped at step {last}, shown here" in readout_text(step=last + 1)
    assert "0 points changed cluster" in readout_text(step=last - 1)


@pytest.mark.parametrize("kwargs, message", [
    ({"data": "three rings"}, r"^data must be one of 'four blobs', 'two moons'"),
    ({"init": "forgy"}, r"^init must be one of 'random', 'k-means\+\+', 'uniform'"),
    ({"k": 0}, r"^k must be in \[1, 10\] in steps of 1"),
    ({"k": 11}, r"^k must be in \[1, 10\]"),
    ({"seed": 20}, r"^seed must be in \[0, 19\]"),
    ({"n": 5}, r"^n must be in \[10, 500\] in steps of 10"),
    ({"n": 15}, r"^n must be .* between two steps"),
    ({"step": 61}, r"^step must be in \[0, 60\]"),
    ({"step": float("nan")}, r"^step must be"),
])
def test_bad_settings_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_kmeans_steps(**kwargs)
