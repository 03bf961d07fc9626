"""Argument checks shared by the package.

Every public function checks its inputs at the boundary with these helpers, so
a reader who passes a wrong shape, a NaN or an out-of-range number gets a
``ValueError`` that names the argument and says what is allowed, instead of a
silent NaN three cells later.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_vector(value, name: str, *, size: int | None = None) -> np.ndarray:
    """Return ``value`` as a finite 1-D float array.

    Parameters
    ----------
    value : array_like
        A sequence of real numbers.
    name : str
        The argument's name, used in the error message.
    size : int, optional
        The required number of components.

    Raises
    ------
    ValueError
        If ``value`` is not 1-D, is empty, has the wrong size, or holds a
        non-numeric, NaN or infinite entry.
    """
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a sequence of real numbers, got {value!r}"
        ) from None
    if array.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D vector, got an array of shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"{name} must have at least one component, got none")
    if size is not None and array.size != size:
        raise ValueError(
            f"{name} must have {size} components, got {array.size}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {array}")
    return array


def as_matrix(value, name: str, *, square: bool = False,
              min_rows: int = 1) -> np.ndarray:
    """Return ``value`` as a finite 2-D float array (a matrix).

    Parameters
    ----------
    value : array_like
        A table of real numbers: a list of equally long rows, or a 2-D array.
    name : str
        The argument's name, used in the error message.
    square : bool, default False
        Require as many rows as columns.
    min_rows : int, default 1
        The fewest rows allowed.

    Raises
    ------
    ValueError
        If ``value`` is ragged (rows of different lengths) or non-numeric, is
        not 2-D, has too few rows or no columns, is not square when ``square``
        is set, or holds a NaN or infinite entry.
    """
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a 2-D array of real numbers (a rectangular table, every "
            f"row the same length), got {value!r}"
        ) from None
    if array.ndim != 2:
        hint = "; write a single row as [[...]]" if array.ndim == 1 else ""
        raise ValueError(
            f"{name} must be a 2-D array (a matrix of rows and columns), got an array "
            f"of shape {array.shape}{hint}"
        )
    rows, columns = array.shape
    if rows < max(min_rows, 1) or columns == 0:
        least = "one row" if min_rows <= 1 else f"{min_rows} rows"
        raise ValueError(
            f"{name} must have at least {least} and one column, got shape {array.shape}"
        )
    if square and rows != columns:
        raise ValueError(f"{name} must be a square matrix, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got\n{array}")
    return array
    return array


def same_size(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless vectors ``a`` and ``b`` have equal sizes."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same number of components, "
            f"got {a.size} and {b.size}"
        )


def as_real(value, name: str, *, low: float | None = None,
            high: float | None = None, low_inclusive: bool = True) -> float:
    """Return ``value`` as a finite float inside ``[low, high]``.

    ``low_inclusive=False`` makes the lower bound strict (``value > low``).
    Either bound may be ``None`` (unbounded). Booleans, NaN and infinities
    are refused.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    if low is not None:
        if low_inclusive and number < low:
            raise ValueError(f"{name} must be >= {low}, got {number}")
        if not low_inclusive and number <= low:
            raise ValueError(f"{name} must be > {low}, got {number}")
    if high is not None and number > high:
        raise ValueError(f"{name} must be <= {high}, got {number}")
    return number


def as_int(value, name: str, *, low: int | None = None,
           high: int | None = None) -> int:
    """Return ``value`` as an int inside ``[low, high]``; bools are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    number = int(value)
    if low is not None and number < low:
        raise ValueError(f"{name} must be >= {low}, got {number}")
    if high is not None and number > high:
        raise ValueError(f"{name} must be <= {high}, got {number}")
    return number
