r"""k-means clustering from scratch: the objective, Lloyd's algorithm, its starts.

Explained in the chapter *Clustering and k-means* (:ref:`k-means`,
``chapters/ml/k-means.md``). The objective is the within-cluster sum of
squares (the *inertia*)

.. math:: L(c, \boldsymbol\mu) = \sum_{i=1}^{N} \lVert \mathbf x_i - \boldsymbol\mu_{c_i} \rVert^2 ,

and Lloyd's algorithm lowers it by turns: the assignment step
(:func:`assignment_step`) gives every example its nearest centroid, the update
step (:func:`update_step`) moves every centroid to the mean of its examples.
:func:`k_means` repeats the two from the centroids of :func:`initial_centroids`
(k-means++, k random examples, or k uniform positions in the data's box) until
an assignment changes nothing, and keeps every step for the chapter's figure.
:func:`cluster_data` makes the chapter's data sets.

Clusters are labelled 0, ..., k - 1, as Python counts (the book's prose counts
them from 1). Ties go to the lowest index, as :func:`numpy.argmin` breaks them.

The random numbers are drawn from ``numpy.random.default_rng(seed)`` in a way a
page can replay: every start uses the first k (or k·d) numbers of
``rng.random(...)``, and everything after them is plain arithmetic, which
``figures/js/kmeans_steps.js`` repeats with the same operations in the same
order. So the first j centroids of a start do not depend on k.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_int, as_matrix

__all__ = ["CLUSTER_DATA", "INITS", "KMeansRun", "assignment_step", "cluster_data",
           "initial_centroids", "inertia", "k_means", "update_step"]

#: The starts :func:`initial_centroids` knows.
INITS = ("k-means++", "random", "uniform")
#: The data sets :func:`cluster_data` makes.
CLUSTER_DATA = ("four blobs", "two moons", "uniform square")


def _check_k(k, n_examples: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) \
            or not 1 <= k <= n_examples:
        raise ValueError(
            f"k must be an integer from 1 to the number of examples N = {n_examples} "
            f"(at most one cluster per example), got {k!r}")
    return int(k)


def _check_centroids(centroids, d: int, name: str = "centroids",
                     k: int | None = None) -> np.ndarray:
    centroids = as_matrix(centroids, name)
    if centroids.shape[1] != d or (k is not None and centroids.shape[0] != k):
        rows = "k" if k is None else str(k)
        raise ValueError(f"{name} must have shape ({rows}, {d}), one row per centroid and "
                         f"one column per feature of X, got {centroids.shape}")
    return centroids


def _describe(array: np.ndarray) -> str:
    if array.size and np.issubdtype(array.dtype, np.number):
        return f"shape {array.shape} from {array.min()} to {array.max()}"
    return f"shape {array.shape}, dtype {array.dtype}"


def _check_labels(labels, n_examples: int, k: int) -> np.ndarray:
    array = np.asarray(labels)
    if array.shape != (n_examples,) or not np.issubdtype(array.dtype, np.integer) \
            or (array.size and (array.min() < 0 or array.max() >= k)):
        raise ValueError(f"labels must be {n_examples} integers from 0 to k - 1 = {k - 1}, "
                         f"one per example, got {_describe(array)}")
    return array.astype(np.intp)


def _squared_distances(X: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    r"""The squared Euclidean distances :math:`\lVert\mathbf x_i - \boldsymbol\mu_j\rVert^2`,
    shape (N, k), for a checked X (N, d) and centroids (k, d)."""
    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)


def inertia(X, centroids, labels) -> float:
    r"""The within-cluster sum of squares of a clustering,

    .. math:: L(c, \boldsymbol\mu) = \sum_{i=1}^{N} \lVert \mathbf x_i - \boldsymbol\mu_{c_i} \rVert^2 .

    Parameters
    ----------
    X : array_like, shape (N, d)
    centroids : array_like, shape (k, d)
    labels : array_like of int, shape (N,)
        The cluster ``c_i`` of each example, from 0 to k - 1.
    """
    X = as_matrix(X, "X")
    centroids = _check_centroids(centroids, X.shape[1])
    labels = _check_labels(labels, len(X), len(centroids))
    return float(((X - centroids[labels]) ** 2).sum())


def assignment_step(X, centroids) -> tuple[np.ndarray, np.ndarray]:
    r"""Give every example the cluster of its nearest centroid,
    :math:`c_i = \arg\min_j \lVert\mathbf x_i - \boldsymbol\mu_j\rVert^2` (ties: the
    lowest j).

    Parameters
    ----------
    X : array_like, shape (N, d)
    centroids : array_like, shape (k, d)

    Returns
    -------
    labels : ndarray of int, shape (N,)
        The cluster of each example, from 0 to k - 1.
    nearest : ndarray, shape (N,)
        Each example's squared distance to its centroid; ``nearest.sum()`` is the
        inertia of this assignment.
    """
    X = as_matrix(X, "X")
    centroids = _check_centroids(centroids, X.shape[1])
    distances = _squared_distances(X, centroids)
    labels = np.argmin(distances, axis=1)
    return labels, distances[np.arange(len(X)), labels]


def update_step(X, labels, nearest, k) -> tuple[np.ndarray, np.ndarray, list]:
    r"""Move every centroid to the mean of its examples,
    :math:`\boldsymbol\mu_j = \frac{1}{\lvert C_j\rvert}\sum_{i \in C_j}\mathbf x_i`.

    **An empty cluster** (no example has label j, so its mean would be 0/0) takes
    the example farthest from its own centroid, as measured by ``nearest``
    (ties: the lowest index), from a cluster that keeps at least one example;
    its centroid is that example. Several empty clusters, in the order of their
    labels, take the farthest examples in turn. scikit-learn's ``KMeans`` also
    moves an empty centroid to the farthest example (without checking that the
    example's cluster keeps a member). The rule cannot raise the inertia: the
    example's term drops from ``nearest[i]`` to 0, and every other mean is the
    best centre for its examples.

    Parameters
    ----------
    X : array_like, shape (N, d)
    labels : array_like of int, shape (N,)
        The assignment, from :func:`assignment_step`.
    nearest : array_like, shape (N,)
        Each example's squared distance to the centroid it was assigned to.
    k : int
        The number of clusters, 1 <= k <= N.

    Returns
    -------
    centroids : ndarray, shape (k, d)
    labels : ndarray of int, shape (N,)
        ``labels`` with each relocated example in its new cluster.
    relocated : list of (int, int)
        The pairs (empty cluster j, example i it took), in order; empty when no
        cluster was empty.
    """
    X = as_matrix(X, "X")
    k = _check_k(k, len(X))
    labels = _check_labels(labels, len(X), k).copy()
    nearest = np.asarray(nearest, dtype=float)
    if nearest.shape != (len(X),) or not np.all(np.isfinite(nearest)) or np.any(nearest < 0):
        raise ValueError(f"nearest must be {len(X)} finite squared distances (>= 0), one per "
                         f"example, got {_describe(nearest)}")
    counts = np.bincount(labels, minlength=k)
    relocated = []
    if np.any(counts == 0):
        farthest_first = iter(np.argsort(-nearest, kind="stable"))
        for j in np.flatnonzero(counts == 0):
            i = next(i for i in farthest_first if counts[labels[i]] >= 2)
            counts[labels[i]] -= 1
            labels[i], counts[j] = j, 1
            relocated.append((int(j), int(i)))
    # bincount adds the examples of each cluster in index order, as the page does.
    sums = np.column_stack([np.bincount(labels, weights=X[:, f], minlength=k)
                            for f in range(X.shape[1])])
    return sums / counts[:, None], labels, relocated


def initial_centroids(X, k, init="k-means++", seed=0) -> np.ndarray:
    r"""Where Lloyd's algorithm starts: k centroids, shape (k, d).

    ``init`` is one of

    ``"k-means++"``
        The first centroid is an example drawn uniformly; each next one is an
        example drawn with probability proportional to :math:`D(\mathbf x_i)^2`,
        its squared distance to the nearest centroid chosen so far,

        .. math:: P(\mathbf x_i) = \frac{D(\mathbf x_i)^2}{\sum_{l=1}^{N} D(\mathbf x_l)^2} ,

        by walking the running sum of the :math:`D^2` to the first that exceeds
        :math:`u \sum_l D(\mathbf x_l)^2` for a uniform :math:`u` (Arthur and
        Vassilvitskii, 2007; scikit-learn's default adds a few trial draws per
        centroid and keeps the best).
    ``"random"``
        k distinct examples chosen uniformly (scikit-learn's ``"random"``), by
        the first k swaps of a Fisher-Yates shuffle.
    ``"uniform"``
        k positions drawn uniformly in the box of the data (from each feature's
        smallest value to its largest); a centroid may start where no example is
        nearest to it, which is what the empty-cluster rule of
        :func:`update_step` is for.

    Parameters
    ----------
    X : array_like, shape (N, d)
    k : int
        The number of clusters, 1 <= k <= N.
    init : {"k-means++", "random", "uniform"}
    seed : int, >= 0
        Seed for :func:`numpy.random.default_rng`. The draws are ``rng.random(k)``
        (``rng.random((k, d))`` for ``"uniform"``), so the first j centroids are
        the same for every k >= j.
    """
    X = as_matrix(X, "X")
    k = _check_k(k, len(X))
    if not isinstance(init, str) or init not in INITS:
        raise ValueError(f"init must be one of {', '.join(map(repr, INITS))}, got {init!r}")
    rng = np.random.default_rng(as_int(seed, "seed", low=0))
    n_examples = len(X)
    if init == "uniform":
        low, high = X.min(axis=0), X.max(axis=0)
        return low + rng.random((k, X.shape[1])) * (high - low)
    u = rng.random(k)
    if init == "random":
        order = np.arange(n_examples)
        for j in range(k):
            # u < 1, but u·(N − j) can round up to N − j: keep the index in range.
            r = j + min(int(u[j] * (n_examples - j)), n_examples - j - 1)
            order[j], order[r] = order[r], order[j]
        return X[order[:k]].copy()
    chosen = [min(int(u[0] * n_examples), n_examples - 1)]
    d_squared = ((X - X[chosen[0]]) ** 2).sum(axis=1)
    for j in range(1, k):
        running = np.cumsum(d_squared)
        if running[-1] > 0:
            i = int(np.searchsorted(running, u[j] * running[-1], side="right"))
            if i == n_examples:  # u·total rounded up to the total
                i = int(np.flatnonzero(d_squared)[-1])
        else:  # every example sits on a centroid already (repeated examples)
            i = min(int(u[j] * n_examples), n_examples - 1)
        chosen.append(i)
        d_squared = np.minimum(d_squared, ((X - X[i]) ** 2).sum(axis=1))
    return X[chosen].copy()


@dataclass(frozen=True)
class KMeansRun:
    """Every step of one run of Lloyd's algorithm, T iterations long.

    Iteration t (t = 1, ..., T) is an assignment step followed by an update
    step. The run stops at the first assignment that changes no example's
    cluster (``converged``), or after ``max_iter`` iterations.
    """

    centroid_path: np.ndarray
    """shape (T + 1, k, d): the start, then the centroids after each update step."""
    assignments: np.ndarray
    """shape (T, N): each example's cluster after each assignment step."""
    label_path: np.ndarray
    """shape (T, N): after each update step (differs where an empty cluster took an example)."""
    inertia_path: np.ndarray
    """shape (T, 2): the inertia after the assignment step and after the update step."""
    relocated: tuple
    """per iteration, the (empty cluster, example) pairs of :func:`update_step`."""
    converged: bool
    """True when the last assignment step changed nothing (a fixed point)."""

    @property
    def centroids(self) -> np.ndarray:
        """The final centroids, shape (k, d)."""
        return self.centroid_path[-1]

    @property
    def labels(self) -> np.ndarray:
        """The final clusters, shape (N,); each centroid is the mean of its examples
        and, once converged, each example's nearest centroid."""
        return self.label_path[-1]

    @property
    def inertia(self) -> float:
        """The final within-cluster sum of squares."""
        return float(self.inertia_path[-1, 1])

    @property
    def n_iter(self) -> int:
        """The number of iterations T (scikit-learn's ``n_iter_``)."""
        return len(self.assignments)


def k_means(X, k, init="k-means++", seed=0, max_iter=300) -> KMeansRun:
    r"""k-means clustering by Lloyd's algorithm, every step kept.

    From the start ``init``, repeat the assignment step (:func:`assignment_step`)
    and the update step (:func:`update_step`) until an assignment leaves every
    example in its cluster. Neither step can raise the inertia, so the inertia
    never rises; it ends at a local minimum, which depends on the start.

    Parameters
    ----------
    X : array_like, shape (N, d)
        The data, one example per row; finite.
    k : int
        The number of clusters, 1 <= k <= N.
    init : {"k-means++", "random", "uniform"} or array_like, shape (k, d)
        How to start (see :func:`initial_centroids`), or the starting centroids.
    seed : int, >= 0
        Seed of the start (unused when ``init`` is an array).
    max_iter : int, >= 1
        The most iterations to run.

    Returns
    -------
    KMeansRun
        ``.centroids`` (k, d), ``.labels`` (N,), ``.inertia``, ``.n_iter``,
        ``.converged``, and every step in between.
    """
    X = as_matrix(X, "X")
    k = _check_k(k, len(X))
    if isinstance(init, str):
        centroids = initial_centroids(X, k, init, seed)
    else:
        centroids = _check_centroids(init, X.shape[1], "init", k)
    max_iter = as_int(max_iter, "max_iter", low=1)
    path, assignments, label_path, inertias, relocations = [centroids], [], [], [], []
    labels, converged = None, False
    for _ in range(max_iter):
        assigned, nearest = assignment_step(X, centroids)
        converged = labels is not None and np.array_equal(assigned, labels)
        centroids, labels, relocated = update_step(X, assigned, nearest, k)
        path.append(centroids)
        assignments.append(assigned)
        label_path.append(labels)
        inertias.append((nearest.sum(), ((X - centroids[labels]) ** 2).sum()))
        relocations.append(tuple(relocated))
        if converged:
            break
    return KMeansRun(np.array(path), np.array(assignments), np.array(label_path),
                     np.array(inertias, dtype=float), tuple(relocations), converged)


# The four blobs: centres and spreads (standard deviations), one blob a row.
_BLOB_CENTRES = np.array([[-2.5, 2.0], [2.0, 2.5], [-1.5, -2.5], [2.5, -1.5]])
_BLOB_SPREADS = np.array([0.5, 0.8, 0.7, 0.6])


def cluster_data(name="four blobs", n=500, seed=0, *, return_groups=False):
    r"""A data set of ``n`` points in the plane, shape (n, 2), in random order.

    ``"four blobs"``
        four round normal clouds of equal size, with centres
        (−2.5, 2), (2, 2.5), (−1.5, −2.5), (2.5, −1.5) and spreads 0.5, 0.8,
        0.7, 0.6;
    ``"two moons"``
        two interleaved half circles of radius 2 with normal noise 0.2,
        the shape k-means cannot separate;
    ``"uniform square"``
        uniform on the square [−3.5, 3.5]², with no clusters at all.

    Coordinates are rounded to 3 decimals. The points come in random order, so
    the first m of them are a random sample of the whole (the chapter's figure
    shows such prefixes).

    Parameters
    ----------
    name : {"four blobs", "two moons", "uniform square"}
    n : int, 1 <= n <= 100000
    seed : int, >= 0
        Seed for :func:`numpy.random.default_rng`.
    return_groups : bool, default False
        Also return the group each point was drawn from (the blob, or the moon:
        0 upper, 1 lower; all 0 for the square), to compare a clustering with.

    Returns
    -------
    points : ndarray, shape (n, 2)
    groups : ndarray of int, shape (n,)
        Only with ``return_groups``.
    """
    if not isinstance(name, str) or name not in CLUSTER_DATA:
        raise ValueError(f"name must be one of {', '.join(map(repr, CLUSTER_DATA))}, "
                         f"got {name!r}")
    n = as_int(n, "n", low=1, high=100_000)
    rng = np.random.default_rng(as_int(seed, "seed", low=0))
    group = rng.permutation(np.arange(n) % (4 if name == "four blobs" else 2))
    if name == "four blobs":
        points = _BLOB_CENTRES[group] + _BLOB_SPREADS[group, None] * rng.standard_normal((n, 2))
    elif name == "two moons":
        angle = np.pi * rng.random(n)
        upper = np.column_stack([np.cos(angle), np.sin(angle)])
        lower = np.column_stack([1 - np.cos(angle), 0.5 - np.sin(angle)])
        points = np.where(group[:, None] == 0, upper, lower) + 0.1 * rng.standard_normal((n, 2))
        points = 2 * (points - [0.5, 0.25])
    else:
        points = rng.uniform(-3.5, 3.5, (n, 2))
        group = np.zeros(n, dtype=int)
    points = np.round(points, 3)
    return (points, group) if return_groups else points
