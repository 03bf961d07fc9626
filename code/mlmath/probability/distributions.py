"""Random variables from scratch: Bernoulli, binomial and uniform distributions.

Book section: Probability & Statistics, *Probability distributions*
(``chapters/probability/distributions.md``).

Each distribution is a small frozen object with its probability mass function
(``pmf``, discrete) or density (``pdf``, continuous), its cumulative
distribution function ``cdf``, its inverse ``inverse_cdf`` (which turns
uniform numbers into samples), and its ``mean`` and ``var``. Alongside them:
the expectation and variance of any discrete distribution given as a table,
and what a sample shows of its distribution: its mean and variance, the
running mean that the law of large numbers is about, its histogram and its
empirical CDF.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_int, as_real, as_vector

__all__ = ["MAX_TRIALS", "Bernoulli", "Binomial", "Uniform", "discrete_mean", "discrete_var",
           "empirical_cdf", "empirical_frequencies", "histogram_density", "running_means",
           "sample", "sample_mean", "sample_var", "uniforms"]

#: The largest number of trials a :class:`Binomial` accepts (its binomial
#: coefficients stay exact integers well inside the range of a float).
MAX_TRIALS = 1000


def _probability(p, name: str) -> float:
    if isinstance(p, bool) or not isinstance(p, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a probability, a real number in [0, 1], got {p!r}")
    if not 0.0 <= float(p) <= 1.0:  # also refuses NaN
        raise ValueError(f"{name} must be a probability in [0, 1], got {float(p)}")
    return float(p)


def _points(x, name: str) -> np.ndarray:
    array = np.asarray(x, dtype=float) if not isinstance(x, str) else None
    if array is None or array.dtype.kind not in "fiu" or np.isnan(array).any():
        raise ValueError(f"{name} must be a real number or an array of them, not NaN, got {x!r}")
    return array


def _uniform_draws(u) -> np.ndarray:
    draws = _points(u, "u")
    if np.any(draws <= 0) or np.any(draws > 1):
        raise ValueError("u must hold numbers in (0, 1] (uniform draws), got values outside")
    return draws


@dataclass(frozen=True)
class Bernoulli:
    """One trial that succeeds (``X = 1``) with probability ``p``, else ``X = 0``.

    .. math:: P(X = 1) = p, \\quad P(X = 0) = 1 - p, \\quad
              \\mathbb E[X] = p, \\quad \\operatorname{Var}(X) = p(1 - p).
    """

    p: float

    def __post_init__(self):
        object.__setattr__(self, "p", _probability(self.p, "p"))

    def pmf(self, k):
        """``P(X = k)``: ``p`` at 1, ``1 - p`` at 0, and 0 at any other ``k``."""
        k = _points(k, "k")
        return np.where(k == 1, self.p, np.where(k == 0, 1.0 - self.p, 0.0))

    def cdf(self, x):
        """``P(X <= x)``: 0 below 0, ``1 - p`` on ``[0, 1)``, 1 from 1 on."""
        x = _points(x, "x")
        return np.where(x < 0, 0.0, np.where(x < 1, 1.0 - self.p, 1.0))

    def inverse_cdf(self, u):
        """The smallest ``k`` with ``F(k) >= u``, for uniform draws ``u`` in (0, 1]:
        0 when ``u <= 1 - p``, else 1. So ``P(X = 1) = P(U > 1 - p) = p``."""
        return np.where(_uniform_draws(u) <= 1.0 - self.p, 0, 1)

    @property
    def mean(self) -> float:
        return self.p

    @property
    def var(self) -> float:
        return self.p * (1.0 - self.p)


@dataclass(frozen=True)
class Binomial:
    """The number of successes in ``n`` independent trials, each a success with
    probability ``p`` (``1 <= n <= MAX_TRIALS``).

    .. math:: P(X = k) = \\binom{n}{k} p^k (1 - p)^{n - k}, \\quad k = 0, \\dots, n;
              \\quad \\mathbb E[X] = np, \\quad \\operatorname{Var}(X) = np(1 - p).
    """

    n: int
    p: float

    def __post_init__(self):
        object.__setattr__(self, "n", as_int(self.n, "n", low=1, high=MAX_TRIALS))
        object.__setattr__(self, "p", _probability(self.p, "p"))

    def pmf(self, k):
        """``P(X = k)``; 0 where ``k`` is not a whole number in ``[0, n]``.

        Each probability is computed exactly and rounded once to the nearest float.
        A float ``p`` is a fraction ``m / d`` with ``d`` a power of two, so
        :math:`\\binom{n}{k} p^k (1 - p)^{n - k} = \\binom{n}{k} m^k (d - m)^{n - k} / d^n`,
        a ratio of two integers, which Python divides correctly rounded.
        Floating-point powers can differ in the last bit from one C library (or
        browser) to another; these numbers are the same everywhere, the
        distribution explorer's page included, which computes them with
        JavaScript's ``BigInt``.
        """
        k = _points(k, "k")
        whole = (k == np.round(k)) & (k >= 0) & (k <= self.n)
        m, d = self.p.as_integer_ratio()
        values = [math.comb(self.n, int(j)) * m**int(j) * (d - m)**(self.n - int(j)) / d**self.n
                  if ok else 0.0 for j, ok in zip(k.ravel(), whole.ravel())]
        return np.reshape(np.array(values, dtype=float), k.shape)

    def cdf(self, x):
        """``P(X <= x)``: the PMF summed over ``k = 0, ..., floor(x)``."""
        x = _points(x, "x")
        running = np.minimum(np.cumsum(self.pmf(np.arange(self.n + 1))), 1.0)
        index = np.floor(np.clip(x, -1, self.n)).astype(int)
        return np.where(index < 0, 0.0, running[np.maximum(index, 0)])

    def inverse_cdf(self, u):
        """The smallest ``k`` with ``F(k) >= u``, for uniform draws ``u`` in (0, 1]."""
        running = np.cumsum(self.pmf(np.arange(self.n + 1)))
        return np.minimum(np.searchsorted(running, _uniform_draws(u), side="left"), self.n)

    @property
    def mean(self) -> float:
        return self.n * self.p

    @property
    def var(self) -> float:
        return self.n * self.p * (1.0 - self.p)


@dataclass(frozen=True)
class Uniform:
    """Every value of the interval ``[a, b]`` equally likely (``a < b``).

    .. math:: f(x) = \\frac{1}{b - a} \\text{ on } [a, b], \\quad
              \\mathbb E[X] = \\frac{a + b}{2}, \\quad
              \\operatorname{Var}(X) = \\frac{(b - a)^2}{12}.
    """

    a: float = 0.0
    b: float = 1.0

    def __post_init__(self):
        a, b = as_real(self.a, "a"), as_real(self.b, "b")
        if not a < b:
            raise ValueError(f"b must be greater than a (an interval of positive width), "
                             f"got a={a}, b={b}")
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "b", b)

    def pdf(self, x):
        """The density: ``1 / (b - a)`` inside ``[a, b]``, 0 outside. A density,
        not a probability: it exceeds 1 when ``b - a < 1``."""
        x = _points(x, "x")
        return np.where((x >= self.a) & (x <= self.b), 1.0 / (self.b - self.a), 0.0)

    def cdf(self, x):
        """``P(X <= x) = (x - a) / (b - a)``, clipped to ``[0, 1]``."""
        return np.clip((_points(x, "x") - self.a) / (self.b - self.a), 0.0, 1.0)

    def inverse_cdf(self, u):
        """``a + (b - a) u``: a uniform draw on (0, 1] stretched onto the interval."""
        return self.a + (self.b - self.a) * _uniform_draws(u)

    @property
    def mean(self) -> float:
        return (self.a + self.b) / 2

    @property
    def var(self) -> float:
        return (self.b - self.a) ** 2 / 12


def uniforms(size, seed=0) -> np.ndarray:
    """``size`` seeded uniform draws in (0, 1] (``1 - U`` for NumPy's ``U`` in [0, 1),
    so that an inverse CDF never meets ``u = 0``)."""
    size = as_int(size, "size", low=1)
    return 1.0 - np.random.default_rng(seed).random(size)


def sample(distribution, size, seed=0) -> np.ndarray:
    """``size`` samples of ``distribution`` by the inverse CDF of seeded uniforms.

    The same ``seed`` gives the same sample, and a smaller sample is the start
    of a larger one.
    """
    if not hasattr(distribution, "inverse_cdf"):
        raise ValueError(f"distribution must be a Bernoulli, Binomial or Uniform, "
                         f"got {distribution!r}")
    return distribution.inverse_cdf(uniforms(size, seed))


def _table(values, probabilities):
    x = as_vector(values, "values")
    p = as_vector(probabilities, "probabilities", size=x.size)
    if np.any(p < 0) or np.any(p > 1):
        raise ValueError("probabilities must each be in [0, 1]")
    if not math.isclose(p.sum(), 1.0, abs_tol=1e-9):
        raise ValueError(f"probabilities must sum to 1, got a sum of {p.sum()}")
    return x, p


def discrete_mean(values, probabilities) -> float:
    """The expectation of a discrete random variable from its table,
    :math:`\\mathbb E[X] = \\sum_i x_i\\, p(x_i)`."""
    x, p = _table(values, probabilities)
    return float(np.sum(x * p))


def discrete_var(values, probabilities) -> float:
    """The variance from the table, :math:`\\operatorname{Var}(X) =
    \\sum_i (x_i - \\mu)^2 p(x_i)` with :math:`\\mu = \\mathbb E[X]`."""
    x, p = _table(values, probabilities)
    mu = np.sum(x * p)
    return float(np.sum((x - mu) ** 2 * p))


def sample_mean(samples) -> float:
    """The mean of a sample, :math:`\\bar x = \\frac1N \\sum_i x_i`."""
    return float(np.mean(as_vector(samples, "samples")))


def sample_var(samples, ddof=0) -> float:
    """The variance of a sample, :math:`\\frac{1}{N - \\text{ddof}} \\sum_i (x_i - \\bar x)^2`:
    divisor N by default (as NumPy's ``var``), ``ddof=1`` for N − 1."""
    x = as_vector(samples, "samples")
    ddof = as_int(ddof, "ddof", low=0, high=1)
    if x.size - ddof < 1:
        raise ValueError(f"samples must hold at least {ddof + 1} values for ddof={ddof}")
    return float(np.sum((x - x.mean()) ** 2) / (x.size - ddof))


def running_means(samples) -> np.ndarray:
    """The mean of the first k samples, for every k from 1 to N: the sample mean
    as the sample grows, which the law of large numbers says approaches the
    expectation.

    .. math:: \\bar x_k = \\frac1k \\sum_{i=1}^{k} x_i, \\qquad k = 1, \\dots, N .

    Returns an array of shape (N,); its last entry is the mean of the whole sample.
    """
    x = as_vector(samples, "samples")
    return np.cumsum(x) / np.arange(1, x.size + 1)


def empirical_cdf(samples, x) -> np.ndarray:
    """The empirical CDF of a sample, the share of the sample at or below ``x``,

    .. math:: \\hat F_N(x) = \\frac1N \\,\\#\\{i : x_i \\le x\\},

    a step function that climbs by 1/N at each sample (by m/N where m samples
    coincide). ``x`` is a number or an array of them (NaN refused); the result
    has its shape.
    """
    data = np.sort(as_vector(samples, "samples"))
    points = _points(x, "x")
    return np.searchsorted(data, points, side="right") / data.size


def empirical_frequencies(samples, support) -> np.ndarray:
    """The fraction of ``samples`` equal to each value of ``support``: the
    histogram of a discrete sample on the scale of its PMF."""
    x, values = as_vector(samples, "samples"), as_vector(support, "support")
    return np.array([np.count_nonzero(x == v) for v in values], dtype=float) / x.size


def histogram_density(samples, low, high, bins) -> np.ndarray:
    """Heights of a histogram of ``samples`` on ``bins`` equal bins of ``[low, high]``,
    scaled as a density (count / (N · bin width)), so it is comparable with a PDF.

    A sample lands in bin ``floor((x - low) / (high - low) * bins)``, the last bin
    closed on the right; samples outside ``[low, high]`` are counted in no bin.
    """
    x = as_vector(samples, "samples")
    low, high = as_real(low, "low"), as_real(high, "high")
    bins = as_int(bins, "bins", low=1)
    if not low < high:
        raise ValueError(f"high must be greater than low, got low={low}, high={high}")
    inside = x[(x >= low) & (x <= high)]
    index = np.minimum(np.floor((inside - low) / (high - low) * bins).astype(int), bins - 1)
    counts = np.bincount(index, minlength=bins)
    return counts / (x.size * (high - low) / bins)
