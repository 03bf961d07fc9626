"""Derivatives by their definition: forward and central differences.

Chapter: Calculus, *Derivatives* (``chapters/calculus/derivatives.md``).

A derivative is the limit of a difference quotient. A computer cannot take the
limit, but it can evaluate the quotient at a small step ``h``; how small ``h``
should be is a trade between the error of the formula (smaller ``h`` is better)
and the rounding of floating-point arithmetic (smaller ``h`` is worse).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["FUNCTIONS", "central_difference", "difference_errors", "forward_difference"]


def _check_function(f, name: str = "f"):
    if not callable(f):
        raise ValueError(f"{name} must be a callable function of x, got {f!r}")
    return f


def _check_step(h, name: str = "h") -> float:
    if isinstance(h, bool) or not isinstance(h, numbers.Real):
        raise ValueError(f"{name} must be a real number > 0 (the step), got {h!r}")
    h = float(h)
    if not (math.isfinite(h) and h > 0):
        raise ValueError(f"{name} must be a finite number > 0 (the step), got {h!r}")
    return h


def _check_points(x, name: str = "x") -> np.ndarray:
    try:
        points = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number or an array of them, got {x!r}") from None
    if points.size == 0:
        raise ValueError(f"{name} must hold at least one point, got none")
    if not np.all(np.isfinite(points)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {x!r}")
    return points


def _result(values, x: np.ndarray):
    values = np.asarray(values, dtype=float)
    return float(values) if x.ndim == 0 else values


def forward_difference(f, x, h=1e-8):
    r"""The forward difference :math:`\dfrac{f(x + h) - f(x)}{h}`, an estimate of :math:`f'(x)`.

    Its error is :math:`\tfrac{h}{2} f''(x) + O(h^2)`: first order in ``h``.

    Parameters
    ----------
    f : callable
        A function of one real variable; it is called with NumPy arrays, so it
        must work elementwise (``np.sin``, ``lambda x: x**2``).
    x : float or array_like
        Where to differentiate; every entry finite.
    h : float, default 1e-8
        The step, a finite number > 0; the default is near the best step for
        double precision, of the order of the square root of the machine epsilon.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Raises
    ------
    ValueError
        If ``f`` is not callable, ``h`` is not a finite number > 0, or ``x`` is
        empty or not finite.
    """
    f, h, x = _check_function(f), _check_step(h), _check_points(x)
    return _result((f(x + h) - f(x)) / h, x)


def central_difference(f, x, h=1e-5):
    r"""The central difference :math:`\dfrac{f(x + h) - f(x - h)}{2h}`, an estimate of :math:`f'(x)`.

    Its error is :math:`\tfrac{h^2}{6} f'''(x) + O(h^4)`: second order in ``h``,
    because the even terms of the two Taylor expansions cancel.

    Parameters
    ----------
    f : callable
        A function of one real variable, applied elementwise to NumPy arrays.
    x : float or array_like
        Where to differentiate; every entry finite.
    h : float, default 1e-5
        The half-width of the interval, a finite number > 0; the default is near
        the best step, of the order of the cube root of the machine epsilon.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Raises
    ------
    ValueError
        If ``f`` is not callable, ``h`` is not a finite number > 0, or ``x`` is
        empty or not finite.
    """
    f, h, x = _check_function(f), _check_step(h), _check_points(x)
    return _result((f(x + h) - f(x - h)) / (2 * h), x)


def difference_errors(f, df, x, steps):
    r"""Absolute errors :math:`|D_h f(x) - f'(x)|` of both differences for each step in ``steps``.

    Parameters
    ----------
    f, df : callable
        The function and its exact derivative.
    x : float
        The point, finite.
    steps : array_like
        Steps ``h``, each a finite number > 0.

    Returns
    -------
    forward, central : numpy.ndarray
        The errors of :func:`forward_difference` and :func:`central_difference`,
        one per step.
    """
    f, df = _check_function(f), _check_function(df, "df")
    x = _check_points(x)
    if x.ndim != 0:
        raise ValueError(f"x must be a single real number, got an array of shape {x.shape}")
    steps = _check_points(steps, "steps").ravel()
    if np.any(steps <= 0):
        raise ValueError(f"steps must all be > 0, got {steps[steps <= 0]}")
    exact = float(df(float(x)))
    forward = np.array([abs(forward_difference(f, float(x), h) - exact) for h in steps])
    central = np.array([abs(central_difference(f, float(x), h) - exact) for h in steps])
    return forward, central


#: The chapter's functions and their exact derivatives, by name: ``(f, f')``.
FUNCTIONS = {
    "x²": (lambda x: x**2, lambda x: 2 * x),
    "sin x": (np.sin, np.cos),
    "x³ − 3x": (lambda x: x**3 - 3 * x, lambda x: 3 * x**2 - 3),
    "eˣ": (np.exp, np.exp),
}
