"""Number formatting shared by figure readouts in Python and in the page.

Readouts are written twice, by a Python function (the figure's first state,
the tests) and by a ``CustomJS`` callback (every slider move); the browser tests
compare the two strings. JavaScript's ``Number.prototype.toFixed`` rounds the
exact binary value half away from zero, Python's ``format`` half to even, so
Python uses :func:`fixed`, which does what ``toFixed`` does. Both also drop the
sign of a value that rounds to zero: "-0.00" helps no reader.

The JavaScript twin, to paste at the top of a callback::

    const fixed = (x, d) => { const s = x.toFixed(d); return /^-0\\.?0*$/.test(s) ? s.slice(1) : s }
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["fixed"]


def fixed(x: float, digits: int) -> str:
    """``x`` with ``digits`` decimals, rounded exactly as JavaScript's ``toFixed``."""
    text = str(Decimal(float(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return text
