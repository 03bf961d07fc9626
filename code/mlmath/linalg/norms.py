"""Norms as penalties: unit balls, ridge shrinkage and the lasso's soft threshold
(chapter ``chapters/linear-algebra/norms-svd.md``).

The norms themselves are :func:`mlmath.linalg.norm` (chapter *Vectors*). This
module holds what the chapter *Norms and the SVD* adds: the shape of a norm's
unit ball, and the two penalised problems whose answers show why an
:math:`L_1` penalty zeroes weights and an :math:`L_2` penalty only shrinks them.
The tests check the penalised solutions against ``sklearn.linear_model.Ridge``
and ``Lasso``.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlmath._validate import as_int, as_real, as_vector
from mlmath.linalg.vectors import norm

__all__ = ["unit_ball_boundary", "ridge_shrink", "soft_threshold"]


def unit_ball_boundary(p=2, n_points: int = 200) -> np.ndarray:
    r"""Points on the boundary of the 2-D unit ball of the :math:`L_p` norm.

    .. math:: B_p = \{\mathbf x \in \mathbb R^2 : \lVert \mathbf x \rVert_p \le 1\}

    Each point is a direction :math:`(\cos t, \sin t)` rescaled to :math:`L_p`
    length 1, for ``n_points`` angles :math:`t` evenly spaced around the circle
    (the first point repeated at the end, so that the outline closes). For
    ``p = 1`` the ball is a diamond, for ``p = 2`` a disc, for ``p = inf`` a
    square. Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    p : float >= 1 or ``numpy.inf``
    n_points : int, 8 <= n_points <= 100000

    Returns
    -------
    numpy.ndarray, shape (n_points + 1, 2)
    """
    if not (p == np.inf or (isinstance(p, numbers.Real) and not isinstance(p, bool)
                            and p >= 1)):
        raise ValueError(f"p must be a real number >= 1 or numpy.inf, got {p!r}")
    n_points = as_int(n_points, "n_points", low=8, high=100_000)
    # The corners of the L1 and L-infinity balls sit at multiples of 45 degrees;
    # n_points divisible by 8 hits them exactly.
    angles = np.linspace(0.0, 2 * np.pi, n_points + 1)
    directions = np.column_stack([np.cos(angles), np.sin(angles)])
    return np.array([d / norm(d, p) for d in directions])


def _check_penalty(penalty) -> float:
    return as_real(penalty, "penalty", low=0.0)


def ridge_shrink(z, penalty) -> np.ndarray:
    r"""Minimise :math:`\tfrac12 \lVert \mathbf w - \mathbf z \rVert_2^2
    + \tfrac{\alpha}{2} \lVert \mathbf w \rVert_2^2` over :math:`\mathbf w`.

    .. math:: \mathbf w^\star = \frac{\mathbf z}{1 + \alpha}

    Setting the gradient :math:`(\mathbf w - \mathbf z) + \alpha \mathbf w` to
    zero gives it. Every weight shrinks by the same factor and none becomes 0.
    This is ridge regression when the features are orthonormal
    (:math:`X^\top X = I`) and :math:`\mathbf z = X^\top \mathbf y` is the
    least-squares fit. Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    z : array_like, shape (n,)
        The unpenalised optimum.
    penalty : float >= 0
        The strength :math:`\alpha`.
    """
    z = as_vector(z, "z")
    penalty = _check_penalty(penalty)
    return z / (1.0 + penalty)


def soft_threshold(z, penalty) -> np.ndarray:
    r"""Minimise :math:`\tfrac12 \lVert \mathbf w - \mathbf z \rVert_2^2
    + \alpha \lVert \mathbf w \rVert_1` over :math:`\mathbf w`.

    .. math:: w_i^\star = \operatorname{sign}(z_i)\, \max(|z_i| - \alpha,\ 0)

    Each weight moves :math:`\alpha` towards 0 and stops there: any
    :math:`|z_i| \le \alpha` becomes exactly 0. (The penalty's slope is
    :math:`\pm\alpha` however close to 0 the weight is, so a small pull
    :math:`z_i` cannot hold it away from 0; the :math:`L_2` penalty's slope
    :math:`\alpha w_i` fades to nothing there instead.) This is the lasso when
    the features are orthonormal. Book section: Linear Algebra, *Norms and the
    SVD*.

    Parameters
    ----------
    z : array_like, shape (n,)
        The unpenalised optimum.
    penalty : float >= 0
        The strength :math:`\alpha`.
    """
    z = as_vector(z, "z")
    penalty = _check_penalty(penalty)
    return np.sign(z) * np.maximum(np.abs(z) - penalty, 0.0) + 0.0
