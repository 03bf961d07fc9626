"""The search index of an incremental build, as a clean build writes it.

Sphinx keeps the search index between builds. When a page is read again and
has lost a word, Sphinx takes the page off that word's list but keeps the word,
with an empty list (``"halv": []``): harmless to a search, but the file differs
from a clean build's, and the book promises that a rebuild gives the same book
as a clean one (``tests/build/test_build.py``). At the end of an HTML build the
words and title words that no page holds any more are dropped; the file is
written back the way Sphinx writes it (:data:`sphinx.search.js_index`), so a
clean build's index, which has none, is left byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import js_index

__all__ = ["drop_empty_terms"]

#: The index's tables from a word to the pages that hold it.
TERM_TABLES = ("terms", "titleterms")


def drop_empty_terms(index: dict) -> bool:
    """Remove the words no page holds from ``index`` (in place); True if any was."""
    dropped = False
    for table in TERM_TABLES:
        words = index.get(table, {})
        for word in [word for word, pages in words.items() if pages in ([], {})]:
            del words[word]
            dropped = True
    return dropped


def _tidy_index(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / "searchindex.js"
    if not path.exists():
        return
    index = js_index.loads(path.read_text(encoding="utf-8"))
    if drop_empty_terms(index):
        path.write_text(js_index.dumps(index), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _tidy_index)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
