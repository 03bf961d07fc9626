"""Naive Bayes from scratch, against scikit-learn's BernoulliNB."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.naive_bayes import BernoulliNB

from mlmath import probability

SPAM = np.array([[1, 1, 0, 0], [1, 0, 1, 0], [1, 1, 1, 0], [0, 1, 0, 0], [1, 1, 0, 1]])
HAM = np.array([[0, 0, 0, 1], [0, 1, 0, 1], [1, 0, 0, 1], [0, 0, 1, 1], [0, 0, 0, 0],
                [0, 1, 0, 1]])


@pytest.mark.parametrize("alpha", [1.0, 0.5, 2.0])
def test_naive_bayes_agrees_with_scikit_learn(alpha):
    X = np.vstack([SPAM, HAM]).astype(float)
    y = np.array([1] * len(SPAM) + [0] * len(HAM))
    model = probability.fit_naive_bayes(X, y, alpha=alpha)
    reference = BernoulliNB(alpha=alpha, force_alpha=True).fit(X, y)
    np.testing.assert_allclose(model.log_prior, reference.class_log_prior_, rtol=1e-12)
    np.testing.assert_allclose(model.log_present, reference.feature_log_prob_, rtol=1e-12)
    every = np.array([[int(b) for b in f"{k:04b}"] for k in range(16)], dtype=float)
    np.testing.assert_allclose(probability.naive_bayes_posterior(model, every),
                               reference.predict_proba(every), rtol=1e-10, atol=1e-15)


def test_naive_bayes_with_many_features_does_not_underflow():
    rng = np.random.default_rng(5)
    X = (rng.random((200, 3000)) < 0.3).astype(float)
    y = (X[:, :50].sum(axis=1) > 15).astype(int)
    model = probability.fit_naive_bayes(X, y)
    reference = BernoulliNB(alpha=1.0).fit(X, y)
    # the likelihood, a product of 3000 probabilities, is far below the smallest float
    each = np.where(X[0] == 1, np.exp(model.log_present[0]), np.exp(model.log_absent[0]))
    assert np.prod(each) == 0.0
    post = probability.naive_bayes_posterior(model, X)
    assert np.all(np.isfinite(post))
    np.testing.assert_allclose(post, reference.predict_proba(X), rtol=1e-8, atol=1e-12)


def test_naive_bayes_refuses_bad_input():
    X = np.vstack([SPAM, HAM]).astype(float)
    y = np.array([1] * len(SPAM) + [0] * len(HAM))
    with pytest.raises(ValueError, match="^X must hold only 0 and 1"):
        probability.fit_naive_bayes(X * 2, y)
    with pytest.raises(ValueError, match="^y must have one label per row"):
        probability.fit_naive_bayes(X, y[:-1])
    with pytest.raises(ValueError, match="^y must hold at least two classes"):
        probability.fit_naive_bayes(X, np.zeros(len(y)))
    with pytest.raises(ValueError, match="^alpha must be > 0"):
        probability.fit_naive_bayes(X, y, alpha=0.0)
    model = probability.fit_naive_bayes(X, y)
    with pytest.raises(ValueError, match="^X must have 4 columns"):
        probability.naive_bayes_posterior(model, X[:, :3])
