"""Entropy, cross-entropy and KL divergence of discrete distributions, from scratch.

Book section: Probability & Statistics, *Probability distributions*, the
section on entropy (``chapters/probability/distributions.md``).

A discrete distribution is a vector of probabilities that sum to 1. Terms
with probability 0 contribute nothing (the convention ``0 log 0 = 0``, the
limit of ``t log t`` as ``t`` goes to 0). Logarithms are to base 2 (bits) or
base e (nats).
"""

from __future__ import annotations

import math

import numpy as np

from mlmath._validate import as_vector, same_size

__all__ = ["cross_entropy", "entropy", "kl_divergence"]

_BASES = {"bits": 2.0, "nats": math.e}


def _distribution(p, name: str) -> np.ndarray:
    p = as_vector(p, name)
    if np.any(p < 0) or np.any(p > 1):
        raise ValueError(f"{name} must hold probabilities, each in [0, 1], got {p}")
    if not math.isclose(p.sum(), 1.0, abs_tol=1e-9):
        raise ValueError(f"{name} must sum to 1, got a sum of {p.sum()}")
    return p


def _log(unit: str):
    if unit not in _BASES:
        raise ValueError(f"unit must be 'bits' or 'nats', got {unit!r}")
    base = _BASES[unit]
    return lambda t: np.log(t) / np.log(base)


def entropy(p, unit="bits") -> float:
    """The entropy of a discrete distribution ``p``, its average surprise.

    .. math:: H(p) = -\\sum_i p_i \\log p_i, \\qquad 0 \\log 0 = 0.

    One bit for a fair coin; 0 when one outcome is certain.
    """
    p = _distribution(p, "p")
    log = _log(unit)
    used = p > 0
    return float(-np.sum(p[used] * log(p[used])) + 0.0)


def cross_entropy(p, q, unit="bits") -> float:
    """The cross-entropy of ``q`` relative to ``p``: the average surprise of
    outcomes drawn from ``p`` when ``q`` is believed.

    .. math:: H(p, q) = -\\sum_i p_i \\log q_i .

    Infinite when ``q`` gives probability 0 to an outcome that ``p`` does not.
    """
    p, q = _distribution(p, "p"), _distribution(q, "q")
    same_size(p, q, "p", "q")
    log = _log(unit)
    used = p > 0
    if np.any(q[used] == 0):
        return math.inf
    return float(-np.sum(p[used] * log(q[used])) + 0.0)


def kl_divergence(p, q, unit="bits") -> float:
    """The Kullback-Leibler divergence, cross-entropy minus entropy,

    .. math:: D_{\\mathrm{KL}}(p \\,\\|\\, q) = H(p, q) - H(p)
              = \\sum_i p_i \\log \\frac{p_i}{q_i} \\ge 0,

    zero exactly when ``q = p``: the extra surprise paid for believing ``q``.
    """
    cross = cross_entropy(p, q, unit)
    if math.isinf(cross):
        return math.inf
    return max(cross - entropy(p, unit), 0.0)
