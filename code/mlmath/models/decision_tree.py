"""Decision trees from scratch (chapter *Decision trees*, ``chapters/ml/decision-trees.md``).

A classification tree asks yes/no questions ``x_j <= τ`` about the features,
one per internal node, and predicts the majority class of the training
examples that reach each leaf. It is grown greedily: at every node the
question is the one with the largest information gain, the drop in entropy

.. math:: H(S) = -\\sum_i p_i \\log_2 p_i

from the node to the average of its two children
(:func:`mlmath.models.impurity.information_gain`, with the entropy of
:func:`mlmath.probability.entropy`). The candidate
thresholds are the midpoints between consecutive distinct values of a
feature (:func:`split_thresholds`), as in scikit-learn.

:func:`fit_decision_tree` grows the same tree as
``sklearn.tree.DecisionTreeClassifier(criterion="entropy")`` whenever no two
candidate questions at a node have the same gain; the tests check features,
thresholds, predictions and depth. Where they tie, this tree takes the first
(lowest feature index, then lowest threshold) and scikit-learn the first in a
random order of the features (:func:`best_split` says more).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_int, as_matrix, as_real
from mlmath.models.impurity import _counts_entropy, _gain, _labels

__all__ = [
    "TIE_TOLERANCE",
    "DecisionTree",
    "Split",
    "best_split",
    "fit_decision_tree",
    "labelled_clusters",
    "split_thresholds",
    "tree_text",
]

#: Two gains closer than this (in bits) are a tie, and the first question found wins.
#: Gains are differences of sums of logarithms, so two questions that are equally
#: good on paper can come out a few units in the last place apart (about 1e-16).
TIE_TOLERANCE = 1e-12


def split_thresholds(x) -> np.ndarray:
    """The candidate thresholds of one feature: the midpoints between its
    consecutive distinct values, in increasing order (none if it is constant).

    Every threshold between two neighbouring values splits the examples the
    same way; the midpoint is scikit-learn's choice, and the one furthest
    from both. (scikit-learn stores ``X`` as float32 and takes midpoints of
    the rounded values: the same numbers when the data are exact in float32,
    such as multiples of 1/256, and within about 1e-7 relative otherwise.)
    """
    values = np.unique(np.asarray(x, dtype=float))
    return (values[:-1] + values[1:]) / 2


@dataclass(frozen=True)
class Split:
    """A question ``x[feature] <= threshold`` and its information gain (bits)."""

    feature: int
    threshold: float
    gain: float


def best_split(X, y) -> Split | None:
    """The question ``x_j <= τ`` with the largest information gain on ``(X, y)``.

    Every feature :math:`j` and every threshold of :func:`split_thresholds` is
    tried: :math:`O(dN\\log N)` work for :math:`N` examples and :math:`d`
    features, as each feature is sorted once and the class counts on each
    side are updated as the threshold moves up. Book section: *Decision
    trees*, choosing a split.

    **Ties.** Gains within :data:`TIE_TOLERANCE` of each other count as equal,
    and the first one found wins: the lowest feature index, then the lowest
    threshold. scikit-learn also keeps the lowest threshold within a feature,
    but visits the features in a random order (a permutation drawn from
    ``random_state`` at every node, even with ``max_features=None``), so
    between features its tie-break depends on ``random_state``.

    Parameters
    ----------
    X : array_like, shape (N, d)
        The data matrix, finite.
    y : array_like, shape (N,)
        Class labels.

    Returns
    -------
    Split or None
        The best question, or ``None`` when every feature is constant on
        these examples (there is nothing to ask). A gain of 0 is possible:
        the best question may not help on its own (scikit-learn splits such
        a node too).
    """
    X, labels = _data(X, y)
    codes = np.unique(labels, return_inverse=True)[1]
    classes = codes.max() + 1
    totals = np.bincount(codes, minlength=classes)
    best = None
    for feature in range(X.shape[1]):
        order = np.argsort(X[:, feature], kind="stable")
        values = X[order, feature]
        # left[k]: the class counts of the k + 1 smallest values
        left = np.cumsum(np.eye(classes, dtype=np.int64)[codes[order]], axis=0)
        for k in np.flatnonzero(values[:-1] < values[1:]):  # between distinct values
            gain = _gain(totals, left[k])
            if best is None or gain > best.gain + TIE_TOLERANCE:
                best = Split(feature, float((values[k] + values[k + 1]) / 2), float(gain))
    return best


def _depth(max_depth, also: str = "") -> int:
    if isinstance(max_depth, bool) or not isinstance(max_depth, (int, np.integer)) \
            or max_depth < 1:
        raise ValueError(f"max_depth must be a whole number of at least 1, {also}got "
                         f"{max_depth!r}")
    return int(max_depth)


def _data(X, y) -> tuple[np.ndarray, np.ndarray]:
    if np.size(X) == 0:
        raise ValueError(f"X must hold at least one example (a row of features), got an empty "
                         f"array of shape {np.shape(X)}")
    X = as_matrix(X, "X")
    labels = _labels(y)
    if labels.size != X.shape[0]:
        raise ValueError(f"X and y must describe the same examples: X has {X.shape[0]} rows "
                         f"but y has {labels.size} labels")
    return X, labels


@dataclass(frozen=True)
class DecisionTree:
    """A fitted classification tree, its nodes numbered in depth-first preorder
    (the root is 0, and a node's left subtree comes before its right), as
    scikit-learn numbers ``tree_``'s nodes.

    Attributes
    ----------
    classes : numpy.ndarray, shape (K,)
        The class labels, sorted.
    feature, left, right : numpy.ndarray of int, shape (n_nodes,)
        Node ``t`` asks ``x[feature[t]] <= threshold[t]``: yes goes to
        ``left[t]``, no to ``right[t]``. All three are -1 at a leaf.
    threshold : numpy.ndarray, shape (n_nodes,)
        The split thresholds τ, NaN at a leaf.
    counts : numpy.ndarray of int, shape (n_nodes, K)
        How many training examples of each class reach each node.
    node_depth : numpy.ndarray of int, shape (n_nodes,)
        The depth of each node (the root's is 0).
    """

    classes: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    counts: np.ndarray
    node_depth: np.ndarray

    @property
    def node_count(self) -> int:
        return int(self.feature.size)

    @property
    def is_leaf(self) -> np.ndarray:
        return self.left < 0

    @property
    def n_leaves(self) -> int:
        return int(self.is_leaf.sum())

    @property
    def depth(self) -> int:
        """The number of questions on the longest path from the root to a leaf."""
        return int(self.node_depth.max())

    @property
    def entropies(self) -> np.ndarray:
        """:math:`H(S)` of the training examples at each node, in bits."""
        return np.array([_counts_entropy(c) for c in self.counts])

    def apply(self, X) -> np.ndarray:
        """The leaf each row of ``X`` (shape (M, d)) ends in, shape (M,)."""
        X = as_matrix(X, "X")
        if X.shape[1] <= max(int(self.feature.max()), 0):
            raise ValueError(f"X must have the {int(self.feature.max()) + 1} or more features "
                             f"the tree was fitted on, got {X.shape[1]}")
        node = np.zeros(X.shape[0], dtype=np.int64)
        rows = np.arange(X.shape[0])
        while True:
            inner = ~self.is_leaf[node]
            if not inner.any():
                return node
            at = node[inner]
            yes = X[rows[inner], self.feature[at]] <= self.threshold[at]
            node[inner] = np.where(yes, self.left[at], self.right[at])

    def predict(self, X) -> np.ndarray:
        """The majority class of each row's leaf (the first class in sorted
        order when a leaf's counts tie, as scikit-learn's ``argmax``)."""
        return self.classes[np.argmax(self.counts[self.apply(X)], axis=1)]

    def cut_at(self, max_depth: int) -> DecisionTree:
        """The tree with every node below depth ``max_depth`` removed, so that
        the nodes at that depth become leaves (numbered in preorder again).

        A node's question depends only on the examples that reach it, never on
        how deep the tree may grow, so this is the tree that
        ``fit_decision_tree(X, y, max_depth)`` grows on the same data.
        """
        max_depth = _depth(max_depth)
        keep = np.flatnonzero(self.node_depth <= max_depth)  # preorder stays preorder
        number = np.full(self.node_count, -1, dtype=np.int64)
        number[keep] = np.arange(keep.size)
        leaf = self.is_leaf[keep] | (self.node_depth[keep] == max_depth)
        return DecisionTree(
            classes=self.classes, feature=np.where(leaf, -1, self.feature[keep]),
            threshold=np.where(leaf, np.nan, self.threshold[keep]),
            left=np.where(leaf, -1, number[self.left[keep]]),
            right=np.where(leaf, -1, number[self.right[keep]]),
            counts=self.counts[keep], node_depth=self.node_depth[keep])

    def accuracy(self, X, y) -> float:
        """The fraction of the rows of ``X`` whose label ``y`` the tree predicts."""
        X, labels = _data(X, y)
        return float(np.mean(self.predict(X) == labels))


def fit_decision_tree(X, y, max_depth: int | None = None) -> DecisionTree:
    """Grow a classification tree greedily, by information gain.

    Starting from all the examples at the root, every node that is impure
    and above ``max_depth`` is split by :func:`best_split`, and its two
    children are grown the same way. A node becomes a leaf when it is pure
    (one class), when it is at depth ``max_depth``, or when every feature is
    constant on it. Book section: *Decision trees*, growing the tree.

    Parameters
    ----------
    X : array_like, shape (N, d)
        The data matrix: finite numbers (no NaN; scikit-learn ≥ 1.3 sends NaN
        down a learned side instead), at least one row.
    y : array_like, shape (N,)
        The class of each example (numbers or strings).
    max_depth : int or None, default None
        The most questions on any path, at least 1; ``None`` grows until every
        leaf is pure or cannot be split.

    Returns
    -------
    DecisionTree
    """
    X, labels = _data(X, y)
    if max_depth is not None:
        max_depth = _depth(max_depth, "or None for no limit, ")
    classes, codes = np.unique(labels, return_inverse=True)
    nodes: list[dict] = []
    # Depth first, left before right: a stack of (rows reaching the node, depth, parent slot).
    stack = [(np.arange(codes.size), 0, None)]
    while stack:
        rows, depth, parent = stack.pop()
        index = len(nodes)
        if parent is not None:
            nodes[parent[0]][parent[1]] = index
        counts = np.bincount(codes[rows], minlength=classes.size)
        node = {"feature": -1, "threshold": np.nan, "left": -1, "right": -1,
                "counts": counts, "depth": depth}
        nodes.append(node)
        if np.count_nonzero(counts) == 1 or depth == max_depth:
            continue
        split = best_split(X[rows], codes[rows])
        if split is None:
            continue
        node["feature"], node["threshold"] = split.feature, split.threshold
        yes = X[rows, split.feature] <= split.threshold
        stack.append((rows[~yes], depth + 1, (index, "right")))
        stack.append((rows[yes], depth + 1, (index, "left")))  # popped first

    def column(key, dtype):
        return np.array([node[key] for node in nodes], dtype=dtype)

    return DecisionTree(classes=classes, feature=column("feature", np.int64),
                        threshold=column("threshold", float), left=column("left", np.int64),
                        right=column("right", np.int64),
                        counts=np.array([node["counts"] for node in nodes], dtype=np.int64),
                        node_depth=column("depth", np.int64))


def tree_text(tree: DecisionTree, feature_names=None, decimals: int = 2) -> str:
    """The tree as an indented flow chart of questions, one line per branch,
    in the format of ``sklearn.tree.export_text``::

        |--- x1 <= 0.50
        |   |--- class: 0
        |--- x1 >  0.50
        |   |--- class: 1
    """
    if not isinstance(tree, DecisionTree):
        raise ValueError(f"tree must be a DecisionTree, got {type(tree).__name__}")
    used = int(tree.feature.max()) + 1
    if feature_names is None:
        feature_names = [f"feature_{j}" for j in range(max(used, 1))]
    feature_names = [str(name) for name in feature_names]
    if len(feature_names) < used:
        raise ValueError(f"feature_names must name the {used} features the tree asks about, "
                         f"got {len(feature_names)}")
    decimals = as_int(decimals, "decimals", low=0)
    lines: list[str] = []

    def visit(node: int, indent: int) -> None:
        bar = "|   " * indent + "|--- "
        if tree.is_leaf[node]:
            label = tree.classes[np.argmax(tree.counts[node])]
            lines.append(f"{bar}class: {label}")
            return
        name = feature_names[tree.feature[node]]
        tau = f"{tree.threshold[node]:.{decimals}f}"
        lines.append(f"{bar}{name} <= {tau}")
        visit(int(tree.left[node]), indent + 1)
        lines.append(f"{bar}{name} >  {tau}")
        visit(int(tree.right[node]), indent + 1)

    visit(0, 0)
    return "\n".join(lines) + "\n"


def labelled_clusters(n: int, centres, spread: float = 1.0, seed: int = 0,
                      decimals: int | None = 2) -> tuple[np.ndarray, np.ndarray]:
    """``n`` labelled points around ``centres``, one class per centre.

    Example ``i`` belongs to class ``i mod K`` (so the first ``n`` of a
    larger sample are as balanced as can be) and is drawn from a normal
    distribution around its class's centre with standard deviation
    ``spread`` in every direction. Coordinates are rounded to ``decimals``
    places, as measurements are recorded (``None`` keeps them all).

    Parameters
    ----------
    n : int
        The number of points, at least 1.
    centres : array_like, shape (K, d)
        One centre per class.
    spread : float, default 1.0
        The standard deviation around each centre, above 0.
    seed : int, default 0
        The seed of the random generator.

    Returns
    -------
    X : numpy.ndarray, shape (n, d)
    y : numpy.ndarray of int, shape (n,)
        The classes, 0 to K − 1.
    """
    n = as_int(n, "n", low=1)
    centres = as_matrix(centres, "centres")
    spread = as_real(spread, "spread", low=0.0, low_inclusive=False)
    seed = as_int(seed, "seed", low=0)
    if decimals is not None:
        decimals = as_int(decimals, "decimals", low=0)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % centres.shape[0]
    X = centres[y] + spread * rng.standard_normal((n, centres.shape[1]))
    return (X if decimals is None else np.round(X, decimals) + 0.0), y
