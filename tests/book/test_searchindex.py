"""mlmath.book.searchindex: an incremental build's search index as a clean one's."""

from __future__ import annotations

from sphinx.search import js_index

from mlmath.book.searchindex import drop_empty_terms


def test_words_no_page_holds_are_dropped_and_the_rest_kept():
    index = {"docnames": ["a", "b"],
             "terms": {"halv": [], "vector": [0, 1], "norm": 1},
             "titleterms": {"old": [], "matric": 0}}
    assert drop_empty_terms(index)
    assert index["terms"] == {"vector": [0, 1], "norm": 1}
    assert index["titleterms"] == {"matric": 0}
    assert not drop_empty_terms(index)  # nothing left to drop: the file is not rewritten


def test_the_index_is_written_back_as_sphinx_writes_it():
    text = js_index.dumps({"terms": {"b": [1], "a": 0}, "titles": ["Vectors"]})
    assert js_index.dumps(js_index.loads(text)) == text
