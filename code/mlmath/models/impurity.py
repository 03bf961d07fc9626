"""How mixed a set of labelled examples is, and how much a question unmixes it (chapter
*Decision trees*, ``chapters/ml/decision-trees.md``).

The entropy of a set :math:`S` of labelled examples,

.. math:: H(S) = -\\sum_i p_i \\log_2 p_i ,

with :math:`p_i` the fraction of :math:`S` in class :math:`i`, is the entropy
of Part III (:func:`mlmath.probability.entropy`) applied to the labels. The
information gain of a question is the drop in entropy from a set to the
size-weighted average of the two parts the question divides it into. The Gini
impurity :math:`1 - \\sum_i p_i^2` is scikit-learn's default alternative.
:mod:`mlmath.models.decision_tree` grows its trees with these.
"""

from __future__ import annotations

import functools

import numpy as np

from mlmath.probability.information import entropy

__all__ = ["class_proportions", "gini_impurity", "information_gain", "node_entropy"]


def _labels(y, name: str = "y") -> np.ndarray:
    """``y`` as a non-empty 1-D array of labels, without NaN."""
    labels = np.asarray(y)
    if labels.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of class labels, got shape {labels.shape}")
    if labels.size == 0:
        raise ValueError(f"{name} must hold at least one label, got none")
    if labels.dtype.kind == "f" and not np.all(np.isfinite(labels)):
        raise ValueError(f"{name} must not contain NaN or inf labels, got {labels}")
    if labels.dtype.kind not in "biufUS":
        raise ValueError(f"{name} must hold numbers or strings as labels, got dtype "
                         f"{labels.dtype}")
    return labels


def class_proportions(y) -> np.ndarray:
    """The fraction :math:`p_i` of the examples in each class, classes in sorted order.

    Parameters
    ----------
    y : array_like, shape (N,)
        Class labels (numbers or strings), at least one.

    Returns
    -------
    numpy.ndarray, shape (K,)
        :math:`p_i` for each of the :math:`K` classes present, summing to 1.
    """
    _, counts = np.unique(_labels(y), return_counts=True)
    return counts / counts.sum()


def node_entropy(y) -> float:
    """The entropy of a set :math:`S` of labelled examples, in bits.

    .. math:: H(S) = -\\sum_i p_i \\log_2 p_i ,

    where :math:`p_i` is the fraction of :math:`S` in class :math:`i`
    (:func:`class_proportions`), computed by :func:`mlmath.probability.entropy`.
    0 for a pure set, :math:`\\log_2 K` for :math:`K` equally common classes.
    Explained in :ref:`decision-trees`.
    """
    return entropy(class_proportions(y))


def gini_impurity(y) -> float:
    """The Gini impurity of a set of labelled examples,

    .. math:: G(S) = 1 - \\sum_i p_i^2 ,

    the chance that two examples drawn from :math:`S` with replacement have
    different labels (scikit-learn's default criterion). 0 for a pure set,
    :math:`1 - 1/K` for :math:`K` equally common classes. Explained in
    :ref:`decision-trees-gini`.
    """
    p = class_proportions(y)
    return float(1.0 - np.sum(p * p))


@functools.lru_cache(maxsize=1 << 16)
def _entropy_of_counts(counts: tuple[int, ...]) -> float:
    # Kept: a split search meets the same counts again and again (in every
    # feature's scan, and in every node below), and each costs a validated call.
    total = sum(counts)
    return entropy(np.array(counts) / total)


def _counts_entropy(counts: np.ndarray) -> float:
    """The entropy of a node from its class counts (some may be 0: 0 log 0 = 0)."""
    return _entropy_of_counts(tuple(int(c) for c in counts))


def information_gain(y, goes_left) -> float:
    """The information gain of the question that sends ``goes_left`` to the left.

    .. math::

       \\mathrm{IG} = H(S) - \\frac{|S_L|}{|S|}\\,H(S_L) - \\frac{|S_R|}{|S|}\\,H(S_R),

    where :math:`S_L` are the examples with ``goes_left`` true and :math:`S_R`
    the others. 0 when one side is empty (a question everyone answers alike
    tells nothing apart). Explained in :ref:`decision-trees`.

    Parameters
    ----------
    y : array_like, shape (N,)
        Class labels.
    goes_left : array_like of bool, shape (N,)
        The answer of each example to the question.
    """
    labels = _labels(y)
    left = np.asarray(goes_left)
    if left.dtype != bool or left.shape != labels.shape:
        raise ValueError(f"goes_left must be a boolean array with one entry per label "
                         f"({labels.size}), got dtype {left.dtype} and shape {left.shape}")
    codes = np.unique(labels, return_inverse=True)[1]
    totals = np.bincount(codes)
    return _gain(totals, np.bincount(codes[left], minlength=totals.size))


def _gain(totals: np.ndarray, left: np.ndarray) -> float:
    """The information gain from the class counts of a node and of its left side."""
    n, n_left = int(totals.sum()), int(left.sum())
    if n_left in (0, n):
        return 0.0
    return (_counts_entropy(totals) - n_left / n * _counts_entropy(left)
            - (n - n_left) / n * _counts_entropy(totals - left))
