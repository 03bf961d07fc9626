"""Numbers written the same way in Python and in the page's JavaScript.

A figure's readout is made twice: by Python when the book is built, and by its
``CustomJS`` callback when a reader moves a slider. The browser tests compare
the two strings, so both sides must round alike. JavaScript's
``Number.prototype.toFixed`` rounds the exact binary value half away from
zero, while Python's ``format`` rounds half to even: ``(0.125).toFixed(2)`` is
``"0.13"`` where ``f"{0.125:.2f}"`` is ``"0.12"``.

:func:`to_fixed` is ``toFixed`` in Python, and ``js/fixed.js`` defines the
same ``fixed(x, digits, trim)`` for every callback
(:func:`mlmath.figures._style.js_callback` prepends it). Both write a true
minus sign and never a negative zero.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["MINUS", "to_fixed"]

#: The typographic minus sign (U+2212), wider and clearer than a hyphen.
MINUS = "\u2212"


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
