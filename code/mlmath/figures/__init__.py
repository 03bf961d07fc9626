"""Interactive figures, one module per figure, grouped by part of the book.

Every builder ``fig_<name>`` returns a :class:`~mlmath.figures.kit.BookFigure`;
ending a notebook cell with it shows the interactive figure in HTML and
Jupyter and its static twin in the PDF. :mod:`mlmath.figures.kit` is what
they are made of. Figures use the algorithms (``mlmath.linalg``, ...) and
never the book's build glue (``mlmath.book``).
"""

from mlmath.figures.calculus import *  # noqa: F403
from mlmath.figures.calculus import __all__ as _calculus
from mlmath.figures.linalg import *  # noqa: F403 (each part lists its builders)
from mlmath.figures.linalg import __all__ as _linalg
from mlmath.figures.models import *  # noqa: F403
from mlmath.figures.models import __all__ as _models
from mlmath.figures.probability import *  # noqa: F403
from mlmath.figures.probability import __all__ as _probability

__all__ = [*_linalg, *_calculus, *_probability, *_models]
