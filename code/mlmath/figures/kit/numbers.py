"""Numbers written the same way in Python and in the page's JavaScript.

A figure's readout is made twice: by Python when the book is built, and by its
``CustomJS`` callback when a reader moves a slider. The tests compare the two
strings, so both sides must round alike. JavaScript's
``Number.prototype.toFixed`` rounds the exact binary value half away from
zero, while Python's ``format`` rounds half to even: ``(0.125).toFixed(2)`` is
``"0.13"`` where ``f"{0.125:.2f}"`` is ``"0.12"``.

Every helper here has a twin of the same name in ``figures/js/kit.js``, which
:func:`mlmath.figures.kit.callback` puts in front of every callback:
``fixed(x, digits, trim)`` is :func:`to_fixed`, ``sub(...)`` is
:func:`subscript`, ``paren(text)`` is :func:`paren`. Both sides write a true
minus sign and never a negative zero.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["MINUS", "paren", "subscript", "to_fixed"]

#: The typographic minus sign (U+2212), wider and clearer than a hyphen.
MINUS = "\u2212"

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def to_fixed(value: float, digits: int, *, trim: bool = False) -> str:
    """``value`` with ``digits`` decimals, rounded as JavaScript's ``toFixed``.

    ``Decimal(float)`` is the float's exact binary value and ``ROUND_HALF_UP``
    rounds ties away from zero, which is what ``toFixed`` does. A result that
    rounds to zero is written without a sign (``"0.00"``, not ``"-0.00"``), and
    negative numbers get the minus sign :data:`MINUS`. Meant for ordinary
    magnitudes (``toFixed`` switches to exponent notation from 1e21). With
    ``trim``, trailing zeros after the decimal point go (``"2.50"`` is ``"2.5"``,
    ``"2.00"`` is ``"2"``).
    """
    text = str(Decimal(float(value) + 0.0).quantize(Decimal(1).scaleb(-digits),
                                                    rounding=ROUND_HALF_UP))
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-"):
        digits_only = text[1:]
        return digits_only if set(digits_only) <= {"0", "."} else MINUS + digits_only
    return text


def subscript(*indices: int) -> str:
    """Indices as Unicode subscript digits: ``subscript(1, 2)`` is ``"₁₂"``."""
    return "".join(str(i) for i in indices).translate(_SUBSCRIPTS)


def paren(text: str) -> str:
    """A negative number in parentheses, so that ``2 × (−1)`` reads right."""
    return f"({text})" if text.startswith(MINUS) else text
