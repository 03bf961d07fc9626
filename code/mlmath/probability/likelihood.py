r"""Maximum likelihood from scratch (chapter *Maximum likelihood estimation*,
``chapters/probability/maximum-likelihood.md``).

A log-likelihood :math:`\ell(\theta) = \sum_i \log p(x_i \mid \theta)` is a
function of the parameters with the data held fixed, so every function here
takes the parameters first and the data after them. Two models:

- a coin (Bernoulli), whose maximum likelihood estimate is the share of heads;
- the normal distribution, whose estimates are the sample mean and the
  variance with divisor :math:`N` (biased: :func:`sampled_variance_estimates`
  shows the factor :math:`(N-1)/N` by repeated sampling);
- logistic regression, a Bernoulli whose chance of 1 depends on features, is
  in :mod:`mlmath.probability.logistic_likelihood`.

For numerical maximisation each model also has its *mean negative*
log-likelihood, :math:`-\ell/N`, with its gradient, to hand to
:func:`mlmath.calculus.gradient_descent` (dividing by :math:`N` keeps the
learning rate independent of the size of the data).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_int, as_real, as_vector

__all__ = [
    "GaussianEstimate", "bernoulli_log_likelihood", "bernoulli_mle", "bernoulli_nll",
    "bernoulli_nll_gradient", "gaussian_log_likelihood", "gaussian_mle", "gaussian_nll",
    "gaussian_nll_gradient", "sampled_variance_estimates",
]

_LOG_2PI = math.log(2.0 * math.pi)


def _binary(values, name: str) -> np.ndarray:
    """``values`` as a float vector of 0s and 1s (empty, NaN and anything else refused)."""
    array = as_vector(values, name)
    if not np.all((array == 0) | (array == 1)):
        odd = array[(array != 0) & (array != 1)][:3]
        raise ValueError(f"{name} must hold only 0s and 1s, got {odd.tolist()} among them")
    return array


def _probability(theta, name: str = "theta") -> float:
    if isinstance(theta, bool) or not isinstance(theta, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a probability, a real number in [0, 1], got {theta!r}")
    if not 0.0 <= float(theta) <= 1.0:  # also refuses NaN
        raise ValueError(f"{name} must be a probability in [0, 1], got {float(theta)}")
    return float(theta)


def _sigma(sigma) -> float:
    return as_real(sigma, "sigma", low=0.0, low_inclusive=False)


def bernoulli_log_likelihood(theta, flips) -> float:
    r"""The log-likelihood of a coin's chance of heads ``theta`` given 0/1 ``flips``,

    .. math::

        \ell(\theta) = \sum_{i=1}^N \log p(x_i \mid \theta)
        = k \log\theta + (N - k)\log(1 - \theta),

    where :math:`k` is the number of heads (1s) among the :math:`N` flips.
    The likelihood :math:`\mathcal L(\theta) = \theta^k (1-\theta)^{N-k}` is its
    exponential. A term whose count is zero is left out (the convention
    :math:`0 \log 0 = 0`), so ``theta = 1`` with all heads gives 0, the largest
    possible value; a term with a positive count at a zero probability gives
    ``-inf`` (``theta = 0`` after any head): those data are impossible.
    Explained in the chapter *Maximum likelihood estimation*.

    Parameters
    ----------
    theta : float
        The chance of heads, in [0, 1].
    flips : array_like, shape (N,)
        The data: 1 for heads, 0 for tails; at least one flip.

    Returns
    -------
    float
        :math:`\ell(\theta)`, at most 0; ``-inf`` where the data are impossible.

    Raises
    ------
    ValueError
        If ``theta`` is not a probability (NaN included) or ``flips`` is empty
        or holds anything but 0s and 1s.
    """
    theta = _probability(theta)
    x = _binary(flips, "flips")
    heads = float(np.sum(x))
    tails = x.size - heads
    total = 0.0
    if heads:
        total += heads * math.log(theta) if theta > 0 else -math.inf
    if tails:
        total += tails * math.log1p(-theta) if theta < 1 else -math.inf
    return total


def bernoulli_mle(flips) -> float:
    r"""The maximum likelihood estimate of a coin's chance of heads: the share of heads,

    .. math:: \hat\theta = \frac{k}{N} = \bar x .

    It is 1 when every flip is heads and 0 when none is: the estimate then sits at
    the end of the allowed range, where the log-likelihood is 0.
    Explained in the chapter *Maximum likelihood estimation*.

    Parameters
    ----------
    flips : array_like, shape (N,)
        1 for heads, 0 for tails; at least one flip.
    """
    return float(np.mean(_binary(flips, "flips")))


def _theta_inside(theta) -> tuple[np.ndarray, float]:
    """``theta`` (a number or a one-component vector) and its value, strictly in (0, 1)."""
    array = np.asarray(theta, dtype=float) if not isinstance(theta, str) else np.array(np.nan)
    if array.size != 1:
        raise ValueError(f"theta must be one number (or a vector of one), got shape {array.shape}")
    value = float(array.reshape(-1)[0])
    if not 0.0 < value < 1.0:  # also refuses NaN
        raise ValueError(f"theta must be strictly between 0 and 1 (the negative log-likelihood "
                         f"and its gradient are infinite at 0 and 1), got {value}")
    return array, value


def bernoulli_nll(theta, flips) -> float:
    r"""The mean negative log-likelihood of a coin, :math:`-\ell(\theta)/N`,

    .. math:: -\frac{\ell(\theta)}{N} = -\bar x\log\theta - (1 - \bar x)\log(1 - \theta),
              \qquad \bar x = \frac kN,

    the loss that gradient descent minimises to find :math:`\hat\theta`.
    ``theta`` is a number or a vector of one component, strictly between 0 and 1.
    Explained in the chapter *Maximum likelihood estimation*.
    """
    _, value = _theta_inside(theta)
    return -bernoulli_log_likelihood(value, flips) / _binary(flips, "flips").size


def bernoulli_nll_gradient(theta, flips) -> np.ndarray:
    r"""The derivative of :func:`bernoulli_nll` with respect to :math:`\theta`,

    .. math:: \frac{d}{d\theta}\left(-\frac{\ell(\theta)}{N}\right)
              = -\frac{\bar x}{\theta} + \frac{1 - \bar x}{1 - \theta},

    zero exactly at :math:`\theta = \bar x`, the share of heads. Returned with the shape
    of ``theta`` (a vector of one component when gradient descent passes one).
    Explained in the chapter *Maximum likelihood estimation*.
    """
    array, value = _theta_inside(theta)
    share = bernoulli_mle(flips)
    return np.full(array.shape, -share / value + (1.0 - share) / (1.0 - value))


def gaussian_log_likelihood(mu, sigma, x) -> float:
    r"""The log-likelihood of a normal distribution's ``mu`` and ``sigma`` given data ``x``,

    .. math::

        \ell(\mu, \sigma) = \sum_{i=1}^N \log f(x_i \mid \mu, \sigma)
        = -\frac N2 \log(2\pi) - N\log\sigma - \frac{1}{2\sigma^2}\sum_{i=1}^N (x_i - \mu)^2 .

    ``mu`` may be one mean for all observations or one mean per observation
    (an array of shape (N,)): with :math:`\mu_i = \mathbf x_i \cdot \mathbf w`,
    the predictions of a linear model, this is the log-likelihood of linear
    regression with Gaussian noise, and maximising it over :math:`\mathbf w` is
    least squares. ``sigma`` is the standard deviation, as in
    :func:`~mlmath.probability.normal_pdf`.
    Explained in the chapter *Maximum likelihood estimation*.

    Parameters
    ----------
    mu : float or array_like, shape (N,)
        The mean, or each observation's mean.
    sigma : float
        The standard deviation, > 0.
    x : array_like, shape (N,)
        The observations; at least one.

    Raises
    ------
    ValueError
        If ``sigma <= 0``, ``x`` is empty, anything is NaN or infinite, or
        ``mu`` is an array without one mean per observation.
    """
    sigma = _sigma(sigma)
    x = as_vector(x, "x")
    centre = _means(mu, x.size)
    squares = float(np.sum((x - centre) ** 2))
    return -0.5 * x.size * _LOG_2PI - x.size * math.log(sigma) - squares / (2.0 * sigma**2)


def _means(mu, size: int):
    if np.ndim(mu) == 0:
        return as_real(mu.item() if isinstance(mu, np.ndarray) else mu, "mu")
    means = as_vector(mu, "mu")
    if means.size != size:
        raise ValueError(f"mu must be one number or one mean per observation ({size}), "
                         f"got {means.size}")
    return means


@dataclass(frozen=True)
class GaussianEstimate:
    """The maximum likelihood estimates of a normal distribution's parameters.

    ``mu`` is the sample mean, ``variance`` the mean squared deviation from it
    (divisor ``n``), ``n`` the number of observations.
    """

    mu: float
    variance: float
    n: int

    @property
    def sigma(self) -> float:
        """:math:`\\hat\\sigma = \\sqrt{\\hat\\sigma^2}`, the standard deviation's estimate."""
        return math.sqrt(self.variance)

    @property
    def unbiased_variance(self) -> float:
        """The variance with divisor ``n - 1``, :math:`\\frac{n}{n-1}\\hat\\sigma^2`
        (the sample variance :math:`s^2`); needs ``n >= 2``."""
        if self.n < 2:
            raise ValueError("the estimate must come from n >= 2 observations for the divisor "
                             f"n - 1, got n = {self.n}")
        return self.variance * self.n / (self.n - 1)


def gaussian_mle(x) -> GaussianEstimate:
    r"""The maximum likelihood estimates of a normal distribution from data ``x``,

    .. math::

        \hat\mu = \bar x = \frac1N\sum_{i=1}^N x_i, \qquad
        \hat\sigma^2 = \frac1N\sum_{i=1}^N (x_i - \bar x)^2 .

    The variance's divisor is :math:`N`, not :math:`N - 1`: the estimate is biased,
    :math:`\mathbb E[\hat\sigma^2] = \frac{N-1}{N}\sigma^2`. With a single
    observation (or identical ones) :math:`\hat\sigma^2 = 0`, which no normal
    distribution has: the likelihood then grows without bound as
    :math:`\sigma \to 0` and has no maximum with :math:`\sigma > 0`.
    Explained in the chapter *Maximum likelihood estimation*.

    Parameters
    ----------
    x : array_like, shape (N,)
        The observations; at least one, all finite.

    Returns
    -------
    GaussianEstimate
        ``mu``, ``variance`` (divisor N), ``n``; ``sigma`` and
        ``unbiased_variance`` as properties.
    """
    x = as_vector(x, "x")
    mean = float(np.mean(x))
    return GaussianEstimate(mu=mean, variance=float(np.mean((x - mean) ** 2)), n=x.size)


def _mean_log_sigma(params) -> tuple[float, float]:
    p = as_vector(params, "params", size=2)
    return float(p[0]), float(p[1])


def gaussian_nll(params, x) -> float:
    r"""The mean negative log-likelihood of a normal distribution, with
    ``params`` :math:`= (\mu, \log\sigma)`,

    .. math::

        -\frac{\ell}{N} = \frac12\log(2\pi) + \log\sigma
        + \frac{1}{2\sigma^2}\cdot\frac1N\sum_{i=1}^N (x_i - \mu)^2 .

    The second parameter is :math:`\log\sigma` rather than :math:`\sigma`, so that every
    value an optimizer tries is allowed (:math:`\sigma = e^{\log\sigma} > 0`).
    Explained in the chapter *Maximum likelihood estimation*.
    """
    mu, log_sigma = _mean_log_sigma(params)
    x = as_vector(x, "x")
    mean_square = float(np.mean((x - mu) ** 2))
    return 0.5 * _LOG_2PI + log_sigma + 0.5 * mean_square * math.exp(-2.0 * log_sigma)


def gaussian_nll_gradient(params, x) -> np.ndarray:
    r"""The gradient of :func:`gaussian_nll` with respect to :math:`(\mu, \log\sigma)`,

    .. math::

        \frac{\partial}{\partial\mu} = -\frac{\bar x - \mu}{\sigma^2}, \qquad
        \frac{\partial}{\partial\log\sigma}
        = 1 - \frac{1}{\sigma^2}\cdot\frac1N\sum_{i=1}^N (x_i - \mu)^2,

    zero exactly at :math:`\mu = \bar x` and :math:`\sigma^2 = \frac1N\sum_i (x_i - \bar x)^2`.
    Explained in the chapter *Maximum likelihood estimation*.

    Returns
    -------
    numpy.ndarray, shape (2,)
    """
    mu, log_sigma = _mean_log_sigma(params)
    x = as_vector(x, "x")
    precision = math.exp(-2.0 * log_sigma)
    return np.array([-(float(np.mean(x)) - mu) * precision,
                     1.0 - float(np.mean((x - mu) ** 2)) * precision])


def sampled_variance_estimates(n, repetitions=100_000, sigma=1.0, seed=0, ddof=0) -> np.ndarray:
    r"""The variance estimated from each of ``repetitions`` seeded samples of size ``n``
    from :math:`\mathcal N(0, \sigma^2)`,

    .. math:: \hat\sigma^2 = \frac{1}{n - \text{ddof}}\sum_{i=1}^n (x_i - \bar x)^2,

    divisor :math:`n` (the maximum likelihood estimate) by default, :math:`n - 1` with
    ``ddof=1``. The mean of the estimates approaches their expectation,
    :math:`\frac{n-1}{n}\sigma^2` for the first and :math:`\sigma^2` for the second.
    Explained in the chapter *Maximum likelihood estimation*.

    Parameters
    ----------
    n : int
        The sample size, at least 1 (at least 2 with ``ddof=1``).
    repetitions : int
        How many samples, at least 1.
    sigma : float
        The standard deviation the samples are drawn with, > 0.
    seed : int
        Seeds NumPy's generator, so the same call gives the same estimates.
    ddof : {0, 1}
        Subtracted from ``n`` in the divisor.

    Returns
    -------
    numpy.ndarray, shape (repetitions,)
    """
    n = as_int(n, "n", low=1)
    repetitions = as_int(repetitions, "repetitions", low=1)
    sigma = _sigma(sigma)
    ddof = as_int(ddof, "ddof", low=0, high=1)
    if n - ddof < 1:
        raise ValueError(f"n must be at least {ddof + 1} for ddof={ddof}, got {n}")
    seed = as_int(seed, "seed", low=0)
    samples = sigma * np.random.default_rng(seed).standard_normal((repetitions, n))
    centred = samples - samples.mean(axis=1, keepdims=True)
    return np.sum(centred**2, axis=1) / (n - ddof)
