"""The code a chapter shows with ``{literalinclude}``, written out for notebooks.

A chapter shows the package's implementation of what it teaches with MyST's
``{literalinclude}`` directive (a function by ``:pyobject:``, cut with
``:start-at:``, ``:prepend:`` and the like), so that the book's text and the
book's code cannot drift apart. The web book and the PDF run the directive.
A notebook does not: in a reader's ``.ipynb`` (Jupyter, Colab) the directive
would show as its own source, a path and options instead of code. So
:mod:`mlmath.book.notebooks` replaces each one by what Sphinx would include, a
fenced code block, with :class:`sphinx.directives.code.LiteralIncludeReader`
doing the cutting exactly as the book does (its caption, if any, goes above it
in italics).
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.directives.code import LiteralIncludeReader

__all__ = ["LITERALINCLUDE", "resolve_includes"]

#: A ``{literalinclude}`` directive in MyST fences: its path and its options.
LITERALINCLUDE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})\{literalinclude\}[ \t]+(?P<path>\S+)[ \t]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:.*\n)*)"
    r"[ \t]*(?P=fence)[ \t]*$",
    re.MULTILINE,
)
#: Options LiteralIncludeReader reads as numbers.
_NUMBERS = {"dedent", "lineno-start"}


def _options(block: str) -> dict:
    options = {}
    for line in block.splitlines():
        key, _, value = line.strip()[1:].partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]  # YAML-style quotes, as MyST reads them
        options[key] = int(value) if key in _NUMBERS else (value or True)
    return options


def resolve_includes(markdown: str, *, docname: str, srcdir: Path, config) -> str:
    """``markdown`` with every ``{literalinclude}`` replaced by the code it shows.

    ``docname`` (``chapters/linear-algebra/vectors``) places relative paths; a
    path starting with ``/`` is from ``srcdir``, the book's root, as in Sphinx.
    ``config`` is the Sphinx config (its source encoding and tab width).
    Raises ``ValueError`` naming the chapter when the file or the object is not
    there (the book's build fails on it too).
    """
    def replace(match: re.Match) -> str:
        path = match["path"]
        filename = (Path(srcdir) / path.lstrip("/") if path.startswith("/")
                    else (Path(srcdir) / docname).parent / path)
        options = _options(match["options"])
        try:
            text, _ = LiteralIncludeReader(str(filename.resolve()), options, config).read()
        except (OSError, ValueError) as error:
            raise ValueError(f"{docname}: literalinclude {path}: {error}") from None
        language = options.get("language", "")
        fence = match["fence"]
        code = f"{fence}{language if language is not True else ''}\n{text.rstrip()}\n{fence}"
        caption = options.get("caption")
        return f"*{caption}*\n\n{code}" if isinstance(caption, str) else code

    return LITERALINCLUDE.sub(replace, markdown)
