r"""Naive Bayes from scratch (chapter *Bayes' theorem*, ``chapters/probability/bayes.md``,
section *Where Bayes' theorem shows up in machine learning*).

A Bernoulli naive Bayes classifier for binary features (a word present or absent in a
message): Bayes' theorem with the features assumed independent given the class, so that
each feature adds its own log Bayes factor to the log-odds. Fitted by counting, with
Laplace smoothing; the posterior is normalised with a log-sum-exp so that products of
thousands of small probabilities neither underflow nor overflow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_matrix, as_real

__all__ = ["NaiveBayes", "fit_naive_bayes", "naive_bayes_posterior"]


@dataclass(frozen=True)
class NaiveBayes:
    """A fitted Bernoulli naive Bayes classifier.

    ``classes`` has shape ``(K,)``; ``log_prior`` is :math:`\\log P(y = c)`, shape
    ``(K,)``; ``log_present`` and ``log_absent`` are :math:`\\log P(x_j = 1 \\mid c)` and
    :math:`\\log P(x_j = 0 \\mid c)`, shape ``(K, d)``.
    """

    classes: np.ndarray
    log_prior: np.ndarray
    log_present: np.ndarray
    log_absent: np.ndarray


def _binary_matrix(X, name: str) -> np.ndarray:
    X = as_matrix(X, name)
    if not np.all((X == 0.0) | (X == 1.0)):
        raise ValueError(f"{name} must hold only 0 and 1 (a feature absent or present)")
    return X


def fit_naive_bayes(X, y, alpha: float = 1.0) -> NaiveBayes:
    r"""Fit Bernoulli naive Bayes to binary features ``X`` (shape ``(N, d)``) and
    labels ``y`` (shape ``(N,)``).

    The prior of class :math:`c` is its share of the examples; the chance of
    feature :math:`j` given :math:`c` is its smoothed share among them,

    .. math:: P(x_j = 1 \mid c) = \frac{N_{cj} + \alpha}{N_c + 2\alpha},

    where :math:`N_c` counts the examples of class :math:`c` and :math:`N_{cj}` those
    of them with feature :math:`j`. ``alpha > 0`` (Laplace smoothing; 1 adds one
    imaginary example with and one without each feature) keeps a feature never seen
    in a class from making that class impossible. Book section: Probability,
    *Bayes' theorem*.
    """
    X = _binary_matrix(X, "X")
    labels = np.asarray(y)
    if labels.shape != (X.shape[0],):
        raise ValueError(f"y must have one label per row of X ({X.shape[0]}), "
                         f"got shape {labels.shape}")
    alpha = as_real(alpha, "alpha", low=0.0, low_inclusive=False)
    classes = np.unique(labels)
    if classes.size < 2:
        raise ValueError(f"y must hold at least two classes, got {classes.tolist()}")
    counts = np.array([np.sum(labels == c) for c in classes], dtype=float)
    present = np.array([X[labels == c].sum(axis=0) for c in classes])
    p_present = (present + alpha) / (counts[:, None] + 2.0 * alpha)
    return NaiveBayes(classes, np.log(counts / counts.sum()), np.log(p_present),
                      np.log1p(-p_present))


def naive_bayes_posterior(model: NaiveBayes, X) -> np.ndarray:
    r"""The posterior :math:`P(y = c \mid \mathbf x)` of every class for every row of
    ``X`` (shape ``(N, d)``), as an array of shape ``(N, K)``.

    Naive Bayes assumes the features independent given the class, so the
    likelihood is a product and its logarithm a sum:

    .. math:: \log P(c \mid \mathbf x) = \log P(c) + \sum_j \log P(x_j \mid c) - \log P(\mathbf x).

    The evidence :math:`\log P(\mathbf x)` is a log-sum-exp over the classes,
    computed after subtracting the largest term, so that products of hundreds of
    small probabilities neither underflow nor overflow.
    """
    X = _binary_matrix(X, "X")
    if X.shape[1] != model.log_present.shape[1]:
        raise ValueError(f"X must have {model.log_present.shape[1]} columns (the features "
                         f"the model was fitted on), got {X.shape[1]}")
    scores = model.log_prior + X @ model.log_present.T + (1.0 - X) @ model.log_absent.T
    top = scores.max(axis=1, keepdims=True)
    log_evidence = top + np.log(np.exp(scores - top).sum(axis=1, keepdims=True))
    return np.exp(scores - log_evidence)
