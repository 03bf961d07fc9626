r"""The normal distribution from scratch (chapter *The normal distribution*,
``chapters/probability/normal-distribution.md``).

The density :math:`\frac{1}{\sigma\sqrt{2\pi}} e^{-\frac12 ((x-\mu)/\sigma)^2}` is
elementary; its CDF is not, and is computed here through the error function
:func:`erf`, which this module also implements (a series for small arguments,
a continued fraction for large ones). Then standardisation, interval
probabilities, the 68-95-99.7 rule, seeded sampling as :math:`\mu + \sigma z`, and
the central limit theorem by simulation.
"""

from __future__ import annotations

import math

import numpy as np

from mlmath._validate import as_int, as_real, as_vector

__all__ = [
    "clt_standardised_means", "erf", "erfc", "interval_probability", "ks_distance",
    "normal_cdf", "normal_pdf", "normal_sample", "sample_skewness", "sigma_rule",
    "standard_normals", "standardise",
]

#: Below this |x| the error function is summed as a series, above it erfc is a continued fraction.
SERIES_LIMIT = 2.5
SERIES_TERMS = 60
FRACTION_DEPTH = 50


def _as_array(x, name: str) -> np.ndarray:
    """``x`` as a float array (a scalar stays 0-D), refusing NaN and non-numbers.
    Infinities are allowed: the CDF is 0 at -inf and 1 at +inf."""
    try:
        array = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number or an array of them, got {x!r}") from None
    if np.any(np.isnan(array)):
        raise ValueError(f"{name} must not contain NaN, got {x!r}")
    return array


def _check_parameters(mu, sigma) -> tuple[float, float]:
    mu = as_real(mu, "mu")
    sigma = as_real(sigma, "sigma", low=0.0, low_inclusive=False)
    return mu, sigma


def _erf_series(x: np.ndarray) -> np.ndarray:
    # DLMF 7.6.2: erf x = (2/√π) e^{-x²} Σ_n 2^n x^{2n+1} / (1·3·…·(2n+1)).
    # Every term is positive, so nothing cancels; 60 terms reach double precision for |x| < 2.5.
    term = x.copy()
    total = x.copy()
    for n in range(1, SERIES_TERMS):
        term = term * (2.0 * x * x) / (2 * n + 1)
        total = total + term
    return 2.0 / math.sqrt(math.pi) * np.exp(-x * x) * total


def _erfc_fraction(x: np.ndarray) -> np.ndarray:
    # DLMF 7.9.2: √π e^{x²} erfc x = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))),
    # evaluated from the bottom up; for x ≥ 2.5 fifty levels reach double precision.
    denominator = x.copy()
    for k in range(FRACTION_DEPTH, 0, -1):
        denominator = x + (k / 2.0) / denominator
    return np.exp(-x * x) / math.sqrt(math.pi) / denominator


def erfc(x):
    r"""The complementary error function :math:`\operatorname{erfc} x = 1 - \operatorname{erf} x`.

    For :math:`|x| \ge 2.5` it is the continued fraction DLMF 7.9.2, accurate
    to a few units of the last place *relative* to erfc itself, so deep tails
    keep their digits (:math:`\operatorname{erfc} 10 \approx 2.1 \times 10^{-45}`);
    below, :math:`1 - \operatorname{erf} x` from the series of :func:`erf`.
    Negative arguments use :math:`\operatorname{erfc}(-x) = 2 - \operatorname{erfc} x`.
    Book section: Probability, *The normal distribution*.

    Parameters
    ----------
    x : float or array_like
        Real numbers (infinities allowed, NaN refused).

    Returns
    -------
    float or numpy.ndarray
        Values in [0, 2], with the shape of ``x``.
    """
    x = _as_array(x, "x")
    ax = np.abs(x)
    result = np.empty_like(ax)
    small = ax < SERIES_LIMIT
    result[small] = 1.0 - _erf_series(ax[small])
    large = ~small & np.isfinite(ax)
    result[large] = _erfc_fraction(ax[large])
    result[np.isinf(ax)] = 0.0
    result = np.where(x < 0, 2.0 - result, result)
    return float(result) if result.ndim == 0 else result


def erf(x):
    r"""The error function :math:`\operatorname{erf} x = \frac{2}{\sqrt\pi}\int_0^x e^{-t^2}\,dt`.

    For :math:`|x| < 2.5` the series of DLMF 7.6.2 (all terms positive), above
    it :math:`1 - \operatorname{erfc} x` from the continued fraction DLMF 7.9.2;
    erf is odd. Accurate to about :math:`10^{-15}` absolute everywhere
    (tested against :func:`scipy.special.erf`).
    Book section: Probability, *The normal distribution*.

    Parameters
    ----------
    x : float or array_like
        Real numbers (infinities allowed, NaN refused).

    Returns
    -------
    float or numpy.ndarray
        Values in [-1, 1], with the shape of ``x``.
    """
    x = _as_array(x, "x")
    ax = np.abs(x)
    result = np.empty_like(ax)
    small = ax < SERIES_LIMIT
    result[small] = _erf_series(ax[small])
    result[~small] = 1.0 - erfc(ax[~small])
    result = np.sign(x) * result
    return float(result) if result.ndim == 0 else result


def standardise(x, mu=0.0, sigma=1.0):
    r"""The z-score :math:`z = (x - \mu)/\sigma`: how many standard deviations
    ``x`` lies above the mean (below, when negative).
    Book section: Probability, *The normal distribution*.

    Raises ``ValueError`` for ``sigma <= 0`` or a NaN anywhere.
    """
    mu, sigma = _check_parameters(mu, sigma)
    z = (_as_array(x, "x") - mu) / sigma
    return float(z) if z.ndim == 0 else z


def normal_pdf(x, mu=0.0, sigma=1.0):
    r"""The density of :math:`\mathcal N(\mu, \sigma^2)`,

    .. math::

        f(x) = \frac{1}{\sigma\sqrt{2\pi}}\, e^{-\frac12\left(\frac{x-\mu}{\sigma}\right)^2}.

    ``sigma`` is the standard deviation (as SciPy's ``scale``), not the variance.
    Book section: Probability, *The normal distribution*.

    Parameters
    ----------
    x : float or array_like
    mu : float
        The mean, where the curve peaks.
    sigma : float
        The standard deviation, > 0: the distance from the peak to either inflection point.
    """
    z = np.asarray(standardise(x, mu, sigma))
    density = np.exp(-0.5 * z * z) / (sigma * math.sqrt(2.0 * math.pi))
    return float(density) if density.ndim == 0 else density


def normal_cdf(x, mu=0.0, sigma=1.0):
    r"""The CDF :math:`F(x) = P(X \le x)` of :math:`\mathcal N(\mu, \sigma^2)`,

    .. math::

        F(x) = \Phi\!\left(\frac{x-\mu}{\sigma}\right), \qquad
        \Phi(z) = \tfrac12 \operatorname{erfc}\!\left(-\frac{z}{\sqrt2}\right).

    Written with erfc rather than :math:`\frac12(1 + \operatorname{erf}(z/\sqrt2))` so
    that the lower tail keeps its relative accuracy (:math:`\Phi(-8) \approx 6.2 \times
    10^{-16}` would otherwise be lost to rounding).
    Book section: Probability, *The normal distribution*.
    """
    z = np.asarray(standardise(x, mu, sigma))
    cdf = 0.5 * np.asarray(erfc(-z / math.sqrt(2.0)))
    return float(cdf) if cdf.ndim == 0 else cdf


def interval_probability(a, b, mu=0.0, sigma=1.0) -> float:
    r""":math:`P(a \le X \le b) = F(b) - F(a)` for :math:`X \sim \mathcal N(\mu, \sigma^2)`.

    The area under the density between ``a`` and ``b``. When both ends lie
    above the mean it is computed from the upper tails,
    :math:`(1 - F(a)) - (1 - F(b))`, which keeps digits that :math:`F(b) - F(a)`,
    two numbers close to 1, would lose. For ``a > b`` the event is empty and
    the probability 0; for ``a == b`` it is a single point, also probability 0.
    Book section: Probability, *The normal distribution*.
    """
    mu, sigma = _check_parameters(mu, sigma)
    a, b = as_real(a, "a"), as_real(b, "b")
    if a >= b:
        return 0.0
    za, zb = (a - mu) / sigma, (b - mu) / sigma
    if za > 0:  # both in the upper tail: Φ(-z) is the upper tail 1 - Φ(z), by symmetry
        return float(normal_cdf(-za) - normal_cdf(-zb))
    return float(normal_cdf(zb) - normal_cdf(za))


def sigma_rule(ks=(1, 2, 3)) -> np.ndarray:
    r""":math:`P(|X - \mu| \le k\sigma) = \operatorname{erf}(k/\sqrt2)` for each ``k``:
    the chance of landing within ``k`` standard deviations of the mean, the same
    for every normal distribution (the 68-95-99.7 rule for k = 1, 2, 3).
    Book section: Probability, *The normal distribution*.
    """
    ks = as_vector(ks, "ks")
    if np.any(ks <= 0):
        raise ValueError(f"ks must be positive numbers of standard deviations, got {ks}")
    return np.asarray(erf(ks / math.sqrt(2.0)))


def _generator(seed) -> np.random.Generator:
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(as_int(seed, "seed", low=0))


def standard_normals(size, seed=0) -> np.ndarray:
    """``size`` seeded draws from N(0, 1) (NumPy's ``standard_normal``).

    ``seed`` is a nonnegative integer or a ``numpy.random.Generator``.
    """
    size = as_int(size, "size", low=1)
    return _generator(seed).standard_normal(size)


def normal_sample(mu, sigma, size, seed=0, *, z=None) -> np.ndarray:
    r"""``size`` draws from :math:`\mathcal N(\mu, \sigma^2)` as :math:`x = \mu + \sigma z`.

    ``z`` are standard normal draws: :func:`standard_normals` of ``seed`` by
    default, or the first ``size`` of the given array (the figure ships its
    own, so that the page and Python draw the same numbers). A smaller sample
    is then a prefix of a larger one.
    Book section: Probability, *The normal distribution*.
    """
    mu, sigma = _check_parameters(mu, sigma)
    size = as_int(size, "size", low=1)
    if z is None:
        z = standard_normals(size, seed)
    else:
        z = as_vector(z, "z")
        if z.size < size:
            raise ValueError(f"z must hold at least size = {size} draws, got {z.size}")
    return mu + sigma * z[:size]


def clt_standardised_means(n, repetitions=20_000, seed=0) -> np.ndarray:
    r"""The central limit theorem by simulation: ``repetitions`` means of ``n``
    draws from the exponential distribution with mean 1 (a skewed one, with
    variance 1 and skewness 2), each standardised,

    .. math::

        z = \frac{\bar x - \mu}{\sigma/\sqrt n} = \sqrt n\,(\bar x - 1).

    As ``n`` grows their histogram approaches the standard normal density; the
    skewness of :math:`\bar x` is :math:`2/\sqrt n`.
    Book section: Probability, *The normal distribution*.
    """
    n = as_int(n, "n", low=1)
    repetitions = as_int(repetitions, "repetitions", low=1)
    draws = _generator(seed).exponential(1.0, size=(repetitions, n))
    return math.sqrt(n) * (draws.mean(axis=1) - 1.0)


def sample_skewness(x) -> float:
    r"""The sample skewness :math:`\frac{\frac1N\sum_i (x_i-\bar x)^3}{\left(\frac1N\sum_i
    (x_i-\bar x)^2\right)^{3/2}}`, with divisor N throughout (SciPy's ``skew``):
    0 for a symmetric sample, positive when the right tail is longer.
    """
    x = as_vector(x, "x")
    centred = x - x.mean()
    spread = np.mean(centred**2)
    if not spread > 0:
        raise ValueError("x must not be constant (its skewness would be 0/0)")
    return float(np.mean(centred**3) / spread**1.5)


def ks_distance(x) -> float:
    r"""The Kolmogorov-Smirnov distance :math:`\sup_t |F_N(t) - \Phi(t)|` between the
    empirical CDF of ``x`` and the standard normal CDF.

    :math:`F_N` jumps by :math:`1/N` at each sorted :math:`x_{(i)}`, so the largest
    gap is at a jump: :math:`\max_i \max\bigl(\tfrac iN - \Phi(x_{(i)}),\,
    \Phi(x_{(i)}) - \tfrac{i-1}N\bigr)`.
    """
    x = np.sort(as_vector(x, "x"))
    cdf = np.asarray(normal_cdf(x))
    i = np.arange(1, x.size + 1)
    return float(max(np.max(i / x.size - cdf), np.max(cdf - (i - 1) / x.size)))
