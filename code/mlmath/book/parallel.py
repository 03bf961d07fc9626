"""``jupyter-book`` with Sphinx reading, and so executing, several chapters at once.

    python -m mlmath.book.parallel build . -W -n --keep-going

is ``jupyter-book build . -W -n --keep-going`` with Sphinx's parallel read
(``sphinx-build -j``), which Jupyter Book 1's command line does not offer
although its ``build_sphinx`` takes ``jobs``. Each reading process executes
its own chapters, so on two cores a cold build executes two chapters at a
time. Sphinx reads in parallel only if every extension says it may; the book's
extension says so for the two of Jupyter Book's that do not say
(:data:`mlmath.book.extension.PARALLEL_READ_SAFE`).

Jobs: ``MLMATH_BUILD_JOBS``, or the number of cores (at most 4).
"""

from __future__ import annotations

import functools
import os
import sys

__all__ = ["jobs", "main"]


def jobs() -> int:
    """How many pages Sphinx reads at once."""
    wanted = os.environ.get("MLMATH_BUILD_JOBS")
    if wanted is not None:
        if not wanted.isdigit() or int(wanted) < 1:
            raise ValueError(f"MLMATH_BUILD_JOBS must be a positive integer, got {wanted!r}")
        return int(wanted)
    return max(1, min(4, os.cpu_count() or 1))


def main(argv: list[str] | None = None) -> int:
    """Run Jupyter Book's command line with ``jobs()`` reading processes."""
    import jupyter_book.sphinx

    jupyter_book.sphinx.build_sphinx = functools.partial(jupyter_book.sphinx.build_sphinx,
                                                         jobs=jobs())
    from jupyter_book.cli.main import main as jupyter_book_main

    return jupyter_book_main(args=argv if argv is not None else sys.argv[1:],
                             standalone_mode=False) or 0


if __name__ == "__main__":
    sys.exit(main())
