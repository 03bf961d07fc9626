"""The extension's meta descriptions."""

from __future__ import annotations

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from mlmath.book.extension import DESCRIPTION_CHARS, page_description


def doctree(rst: str) -> nodes.document:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    document = new_document("<test>", settings)
    Parser().parse(rst, document)
    return document


def test_description_is_the_first_paragraph_of_prose_shortened_at_a_word():
    long = " ".join(["gradient"] * 60)
    tree = doctree(f"Title\n=====\n\n.. note::\n\n   A note that is not the page's summary at all.\n\n"
                   f"{long}\n\nSecond paragraph.\n")
    description = page_description(tree, "Book", "page")
    assert description.startswith("gradient gradient") and description.endswith("…")
    assert len(description) <= DESCRIPTION_CHARS
    assert "note" not in description


def test_a_short_first_paragraph_says_which_page_it_opens():
    tree = doctree("Glossary\n========\n\nEach term links to where it is introduced.\n")
    assert page_description(tree, "Book", "glossary") == \
        "Glossary. Each term links to where it is introduced."


def test_pages_without_a_document_say_what_they_are():
    assert page_description(None, "Book", "genindex").startswith("Index of Book")
    assert page_description(None, "Book", "search").startswith("Search the full text of Book")
