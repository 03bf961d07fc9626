r"""Logistic regression from scratch: the model, its log-loss, training, thresholds.

Explained in the chapter *Logistic regression* (:ref:`logistic-regression`,
``chapters/ml/logistic-regression.md``). The model gives example
:math:`\mathbf x_i` the probability

.. math:: \hat p_i = P(y_i = 1 \mid \mathbf x_i) = \sigma(\mathbf w \cdot \mathbf x_i + b),

with the logistic function :math:`\sigma` (:func:`mlmath.probability.sigmoid`).
Its parameters travel as one vector ``theta`` :math:`= (w_1, \dots, w_d, b)`,
the bias last, as if :math:`X` had a last column of ones (so
:math:`\mathbf w \cdot \mathbf x_i + b` is row :math:`i` of
:math:`[X\ \mathbf 1]\,\boldsymbol\theta`). The loss is the log-loss, the mean
negative log-likelihood of :func:`mlmath.probability.logistic_log_likelihood`,
plus an optional penalty :math:`\frac\alpha2\lVert\mathbf w\rVert^2` (the bias
is not penalised, as in scikit-learn); :func:`fit_logistic_regression`
minimises it with :func:`mlmath.calculus.gradient_descent`. A threshold
:math:`\tau` turns probabilities into labels (:func:`predict`), and
:func:`confusion_matrix` counts what they get right and wrong.
:func:`classification_data` makes the chapter's data sets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmath import calculus, probability
from mlmath._validate import as_int, as_matrix, as_real, as_vector

__all__ = ["CLASSIFICATION_DATA", "ClassificationData", "ConfusionMatrix", "LogisticFit",
           "classification_data", "confusion_matrix", "fit_logistic_regression", "log_loss",
           "log_loss_gradient", "logit", "predict", "predict_proba"]

#: The data sets :func:`classification_data` makes.
CLASSIFICATION_DATA = ("overlapping", "separable", "rare positives")


def _theta(theta, d: int) -> np.ndarray:
    theta = as_vector(theta, "theta")
    if theta.size != d + 1:
        raise ValueError(f"theta must have d + 1 = {d + 1} components, the weights w_1..w_{d} "
                         f"of the {d} features of X and then the bias b, got {theta.size}")
    return theta


def _labels(y, name: str, n: int | None = None, per: str = "row of X") -> np.ndarray:
    y = as_vector(y, name)
    if not np.all((y == 0) | (y == 1)):
        odd = y[(y != 0) & (y != 1)][:3]
        raise ValueError(f"{name} must hold only the labels 0 and 1, got {odd.tolist()} "
                         "among them")
    if n is not None and y.size != n:
        raise ValueError(f"{name} must have one label per {per} ({n}), got {y.size}")
    return y


def _with_ones(X: np.ndarray) -> np.ndarray:
    return np.column_stack([X, np.ones(X.shape[0])])


def _penalty(alpha) -> float:
    return as_real(alpha, "alpha", low=0.0)


def predict_proba(theta, X) -> np.ndarray:
    r"""The model's probability that each example's label is 1,
    :math:`\hat p_i = \sigma(\mathbf w \cdot \mathbf x_i + b)`.

    Parameters
    ----------
    theta : array_like, shape (d + 1,)
        The weights :math:`w_1, \dots, w_d`, then the bias :math:`b`.
    X : array_like, shape (N, d)
        One example per row.

    Returns
    -------
    numpy.ndarray, shape (N,)
        Probabilities in [0, 1] (in (0, 1) unless a score is beyond about ±37,
        where :math:`\hat p` rounds to 1 or underflows towards 0).
    """
    X = as_matrix(X, "X")
    theta = _theta(theta, X.shape[1])
    return probability.sigmoid(X @ theta[:-1] + theta[-1])


def predict(theta, X, threshold=0.5) -> np.ndarray:
    r"""Labels from probabilities: :math:`\hat y_i = 1` when :math:`\hat p_i \ge \tau`, else 0.

    ``threshold`` :math:`\tau \in [0, 1]`; the default 0.5 is the label that the
    model finds more probable, and :math:`\hat p_i \ge \tau` is the same as the
    score :math:`\mathbf w \cdot \mathbf x_i + b \ge \operatorname{logit}(\tau)`
    (:func:`logit`). Returns integers 0 and 1, shape (N,).
    """
    tau = as_real(threshold, "threshold", low=0.0, high=1.0)
    return (predict_proba(theta, X) >= tau).astype(int)


def logit(p):
    r"""The log-odds :math:`\operatorname{logit}(p) = \log\dfrac{p}{1 - p}`, the inverse of
    :math:`\sigma`: :math:`\sigma(\operatorname{logit}(p)) = p`.

    ``p`` is a probability or an array of them, each strictly between 0 and 1
    (the odds of 0 and 1 are 0 and infinite). Computed as
    :math:`\log p - \operatorname{log1p}(-p)`, accurate for :math:`p` near 0 or 1.
    Returns a float for a number, else an array.
    """
    array = np.asarray(p, dtype=float) if not isinstance(p, str) else np.array(np.nan)
    if not np.all((array > 0) & (array < 1)):  # also refuses NaN
        raise ValueError(f"p must hold probabilities strictly between 0 and 1, got {p!r}")
    result = np.log(array) - np.log1p(-array)
    return float(result) if result.ndim == 0 else result


def log_loss(theta, X, y, alpha=0.0) -> float:
    r"""The log-loss of the parameters ``theta`` on labelled data, with an optional penalty,

    .. math::

        L(\mathbf w, b) = -\frac{\ell}{N} + \frac\alpha2\lVert\mathbf w\rVert^2
        = -\frac1N\sum_{i=1}^N \Bigl(y_i\log\hat p_i + (1 - y_i)\log(1 - \hat p_i)\Bigr)
        + \frac\alpha2\lVert\mathbf w\rVert^2 ,

    the mean negative log-likelihood of
    :func:`mlmath.probability.logistic_log_likelihood` (finite however large the
    scores: it never takes :math:`\log 0`), which is scikit-learn's ``log_loss`` of
    :func:`predict_proba` for :math:`\alpha = 0`.

    Parameters
    ----------
    theta : array_like, shape (d + 1,)
        The weights, then the bias.
    X : array_like, shape (N, d)
    y : array_like, shape (N,)
        The labels, 0 or 1.
    alpha : float, default 0
        The penalty strength :math:`\alpha \ge 0` (scikit-learn's ``C`` is
        :math:`1/(\alpha N)`).

    Raises
    ------
    ValueError
        If ``X`` is empty or not a matrix, ``theta`` does not have d + 1
        components, ``y`` has another length than ``X`` or a label other than 0
        and 1, anything is NaN or infinite, or ``alpha < 0``.
    """
    X = as_matrix(X, "X")
    return _loss(_theta(theta, X.shape[1]), _with_ones(X), _labels(y, "y", X.shape[0]),
                 _penalty(alpha))


def _loss(theta, X1, y, alpha: float) -> float:
    # X1 is X with its column of ones; everything already checked.
    penalty = 0.5 * alpha * float(theta[:-1] @ theta[:-1])
    return -probability.logistic_log_likelihood(theta, X1, y) / y.size + penalty


def log_loss_gradient(theta, X, y, alpha=0.0) -> np.ndarray:
    r"""The gradient of :func:`log_loss` with respect to :math:`(\mathbf w, b)`,

    .. math::

        \nabla_{\mathbf w} L = \frac1N X^\top(\hat{\mathbf p} - \mathbf y) + \alpha\,\mathbf w,
        \qquad
        \frac{\partial L}{\partial b} = \frac1N\sum_{i=1}^N (\hat p_i - y_i),

    minus the gradient of :func:`mlmath.probability.logistic_log_likelihood_gradient`
    over :math:`N` (with the column of ones giving the bias's component), plus
    the penalty's. Returns shape (d + 1,), the bias's component last.
    """
    X = as_matrix(X, "X")
    return _gradient(_theta(theta, X.shape[1]), _with_ones(X), _labels(y, "y", X.shape[0]),
                     _penalty(alpha))


def _gradient(theta, X1, y, alpha: float) -> np.ndarray:
    gradient = -probability.logistic_log_likelihood_gradient(theta, X1, y) / y.size
    gradient[:-1] += alpha * theta[:-1]
    return gradient


@dataclass(frozen=True)
class LogisticFit:
    """What :func:`fit_logistic_regression` found, and the way there.

    Attributes
    ----------
    theta : numpy.ndarray, shape (d + 1,)
        The last parameters, the weights then the bias.
    path : numpy.ndarray, shape (steps + 1, d + 1)
        The parameters after each step, from the start (shorter if the run diverged).
    losses : numpy.ndarray, shape (steps + 1,)
        :func:`log_loss` (with the penalty) along the path.
    gradient_norm : float
        :math:`\\lVert\\nabla L\\rVert` at the last parameters: near 0 at a minimum,
        small but never 0 on separable data without a penalty.
    diverged_at : int or None
        The step at which the run blew up (a learning rate too large), else None.
    """

    theta: np.ndarray
    path: np.ndarray
    losses: np.ndarray
    gradient_norm: float
    diverged_at: int | None

    @property
    def weights(self) -> np.ndarray:
        """:math:`\\hat{\\mathbf w}`, shape (d,)."""
        return self.theta[:-1]

    @property
    def bias(self) -> float:
        """:math:`\\hat b`."""
        return float(self.theta[-1])


def fit_logistic_regression(X, y, eta=1.0, steps=1000, alpha=0.0, start=None) -> LogisticFit:
    r"""Logistic regression trained by gradient descent on :func:`log_loss`,

    .. math::

        (\mathbf w, b)^{(t+1)} = (\mathbf w, b)^{(t)} - \eta\,\nabla L\bigl((\mathbf w, b)^{(t)}\bigr),

    with :func:`mlmath.calculus.gradient_descent` from ``start`` (zeros by default).
    The log-loss is convex and its Hessian is at most a quarter of
    :math:`[X\ \mathbf 1]^\top[X\ \mathbf 1]/N` (plus :math:`\alpha` on the weights),
    so every :math:`\eta` below 8 over that matrix's largest eigenvalue is stable.
    Without a penalty the minimum exists only if no line (hyperplane) separates the
    classes; on separable data the weights grow for as long as the run lasts.

    Parameters
    ----------
    X : array_like, shape (N, d)
    y : array_like, shape (N,)
        Labels 0 and 1, both present.
    eta : float, default 1.0
        The learning rate, > 0.
    steps : int, default 1000
        How many steps, at least 1.
    alpha : float, default 0
        The penalty strength, >= 0.
    start : array_like, shape (d + 1,), optional
        The first parameters, weights then bias.

    Raises
    ------
    ValueError
        As :func:`log_loss`, and if ``y`` holds only one class (the loss then
        falls forever as the bias grows), ``eta`` is not above 0 or ``steps``
        is not a whole number of at least 1.
    """
    X = as_matrix(X, "X")
    y = _labels(y, "y", X.shape[0])
    if np.all(y == y[0]):
        raise ValueError(f"y must hold both labels, 0 and 1, got only {int(y[0])}s: with a "
                         "single class the log-loss has no minimum (it falls forever as the "
                         "bias grows)")
    alpha = _penalty(alpha)
    start = np.zeros(X.shape[1] + 1) if start is None else _theta(start, X.shape[1])
    X1 = _with_ones(X)
    run = calculus.gradient_descent(lambda t: _gradient(t, X1, y, alpha), start, eta=eta,
                                    steps=as_int(steps, "steps", low=1),
                                    f=lambda t: _loss(t, X1, y, alpha))
    theta = run.final.copy()
    gradient_norm = float(np.linalg.norm(_gradient(theta, X1, y, alpha)))
    return LogisticFit(theta, run.path, run.losses, gradient_norm, run.diverged_at)


@dataclass(frozen=True)
class ConfusionMatrix:
    """The four counts of a binary classifier's predictions against the true labels.

    ``tp`` true positives (label 1, predicted 1), ``fp`` false positives (label 0,
    predicted 1), ``fn`` false negatives (label 1, predicted 0), ``tn`` true
    negatives. :meth:`as_array` lays them out as scikit-learn's
    ``confusion_matrix`` does, rows the true labels 0, 1 and columns the predicted.
    """

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float | None:
        """TP/(TP + FP), the share of predicted positives that are positive; ``None``
        when nothing is predicted positive (0/0 is undefined)."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        """TP/(TP + FN), the share of positives found; ``None`` when there are none."""
        positives = self.tp + self.fn
        return self.tp / positives if positives else None

    @property
    def accuracy(self) -> float:
        """The share of all predictions that are right."""
        return (self.tp + self.tn) / (self.tp + self.fp + self.fn + self.tn)

    def as_array(self) -> np.ndarray:
        """``[[tn, fp], [fn, tp]]``, shape (2, 2)."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]])


def confusion_matrix(y_true, y_pred) -> ConfusionMatrix:
    r"""Count true and false positives and negatives of predictions ``y_pred`` against
    the labels ``y_true`` (both 0/1 vectors of one length, as from :func:`predict`).
    Explained in the chapter *Logistic regression*, with precision and recall."""
    y_true = _labels(y_true, "y_true")
    y_pred = _labels(y_pred, "y_pred", y_true.size, per="entry of y_true")
    positive, predicted = y_true == 1, y_pred == 1
    return ConfusionMatrix(tp=int(np.sum(positive & predicted)),
                           fp=int(np.sum(~positive & predicted)),
                           fn=int(np.sum(positive & ~predicted)),
                           tn=int(np.sum(~positive & ~predicted)))


@dataclass(frozen=True)
class ClassificationData:
    """A data set of :func:`classification_data`: ``X`` (N, 2), labels ``y`` (N,), and
    ``bayes_theta``, the weights and bias of the log-odds that generated it (None
    for the separable set, whose labels no probability model generated)."""

    X: np.ndarray
    y: np.ndarray
    bayes_theta: np.ndarray | None


#: Each data set: points of label 0 and of label 1, the two classes' means, and the
#: gap kept free of points either side of the line halfway between the means
#: (0 for none).
_SETS = {"overlapping": (100, 100, (-0.8, -0.5), (0.8, 0.5), 0.0),
         "separable": (30, 30, (-1.2, -0.8), (1.2, 0.8), 0.4),
         "rare positives": (450, 50, (-0.4, -0.3), (1.6, 1.2), 0.0)}
#: Every point lies in the square [−BOX, BOX]², the figure's plot.
BOX = 3.8


def _box_mass(mean: np.ndarray) -> float:
    """P(a point of N(mean, I) falls in the box), a product over the two axes."""
    return math.prod(probability.normal_cdf(BOX - m) - probability.normal_cdf(-BOX - m)
                     for m in mean)


def classification_data(name="overlapping", seed=0) -> ClassificationData:
    r"""A data set of points in the plane with labels 0 and 1, in random order.

    Each class is a round normal cloud, :math:`\mathbf x \sim \mathcal N(\boldsymbol\mu_y, I)`,
    kept to the square :math:`[-3.8, 3.8]^2` and rounded to 2 decimals:

    ``"overlapping"``
        100 points of each label, means :math:`(-0.8, -0.5)` and :math:`(0.8, 0.5)`;
    ``"separable"``
        30 of each, means :math:`(-1.2, -0.8)` and :math:`(1.2, 0.8)`, with no point
        within 0.4 of the line halfway between them: a line separates the labels;
    ``"rare positives"``
        450 of label 0 and 50 of label 1 (a base rate of 10 %), means
        :math:`(-0.4, -0.3)` and :math:`(1.6, 1.2)`.

    For the two sets drawn without a gap, Bayes' theorem gives the log-odds of
    label 1 under the clouds the points were drawn from (before rounding): with the prior :math:`\pi = N_1/N` and :math:`Z_y` the share of
    :math:`\mathcal N(\boldsymbol\mu_y, I)` inside the square,

    .. math::

        \log\frac{P(y=1 \mid \mathbf x)}{P(y=0 \mid \mathbf x)}
        = (\boldsymbol\mu_1 - \boldsymbol\mu_0)\cdot\mathbf x
        + \tfrac12\bigl(\lVert\boldsymbol\mu_0\rVert^2 - \lVert\boldsymbol\mu_1\rVert^2\bigr)
        + \log\frac{\pi}{1 - \pi} + \log\frac{Z_0}{Z_1},

    a logistic regression whose ``theta`` is returned as ``bayes_theta``.

    Parameters
    ----------
    name : {"overlapping", "separable", "rare positives"}
    seed : int, >= 0
        Seed for :func:`numpy.random.default_rng`.
    """
    if not isinstance(name, str) or name not in CLASSIFICATION_DATA:
        raise ValueError(f"name must be one of {', '.join(map(repr, CLASSIFICATION_DATA))}, "
                         f"got {name!r}")
    rng = np.random.default_rng(as_int(seed, "seed", low=0))
    n0, n1, mu0, mu1, gap = _SETS[name]
    mu0, mu1 = np.array(mu0), np.array(mu1)
    normal = (mu1 - mu0) / np.linalg.norm(mu1 - mu0)
    middle = (mu0 + mu1) / 2
    groups = []
    for count, mean, side in ((n0, mu0, -1.0), (n1, mu1, 1.0)):
        kept = np.empty((0, 2))
        while len(kept) < count:  # draw in batches until enough points are kept
            batch = np.round(mean + rng.standard_normal((2 * count, 2)), 2)
            inside = np.all(np.abs(batch) <= BOX, axis=1)
            if gap:
                inside &= side * ((batch - middle) @ normal) >= gap
            kept = np.vstack([kept, batch[inside]])
        groups.append(kept[:count])
    order = rng.permutation(n0 + n1)
    X = np.vstack(groups)[order]
    y = np.r_[np.zeros(n0), np.ones(n1)][order]
    bayes = None
    if not gap:
        bias = (0.5 * (mu0 @ mu0 - mu1 @ mu1) + math.log(n1 / n0)
                + math.log(_box_mass(mu0) / _box_mass(mu1)))
        bayes = np.r_[mu1 - mu0, bias]
    return ClassificationData(X, y, bayes)
