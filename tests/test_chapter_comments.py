"""HTML comments in the chapters' prose never swallow text.

In Markdown a line that *starts* with ``<!--`` opens an HTML block, which runs
to the end of the comment and takes the rest of that line with it: a sentence
that continues after a comment placed at the start of a line disappears from
the book, silently (the build does not warn). Three such lines were found in
the book's chapters. A comment inside a line is harmless.
"""

from __future__ import annotations

import re

import pytest

from tests.chapters import source_path, toc_docnames

FENCE = ("```", "~~~")


def _prose_lines(text: str):
    """(number, line, previous line) of every line outside code fences."""
    inside, previous = None, ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if inside is None and stripped.startswith(FENCE):
            inside = stripped[:3]
        elif inside is not None and stripped.startswith(inside):
            inside = None
        elif inside is None:
            yield number, line, previous
        previous = line if inside is None else ""


def _swallowing(line: str, previous: str) -> bool:
    """A comment that opens a line ends the paragraph above it, and whatever
    follows it on its line is passed through as raw HTML (which the PDF drops)."""
    stripped = line.strip()
    if not stripped.startswith("<!--"):
        return False
    after = stripped.split("-->", 1)[1] if "-->" in stripped else ""
    return bool(previous.strip()) or bool(after.strip())


@pytest.mark.parametrize("docname", toc_docnames())
def test_no_comment_opens_a_line_of_a_paragraph(docname):
    path = source_path(docname)
    found = [f"{path.name}:{number}: {line.strip()}"
             for number, line, previous in _prose_lines(path.read_text())
             if _swallowing(line, previous)]
    assert not found, "a comment starts a line of a paragraph, and Markdown drops or " \
        "garbles the rest of it:\n" + "\n".join(found)


PLACEHOLDER = re.compile(r"<!-- ref: ([a-z0-9-]+) -->")
LABEL = re.compile(r"^\(([a-z0-9-]+)\)=$", re.MULTILINE)


def test_a_forward_reference_becomes_a_link_once_its_chapter_exists():
    """Chapters written before the one they point to mark the place with
    ``<!-- ref: label -->``; when ``label`` exists, the reader should get a link."""
    texts = {name: source_path(name).read_text() for name in toc_docnames()}
    labels = {label for text in texts.values() for label in LABEL.findall(text)}
    waiting = [f"{source_path(name).name}:{text.count(chr(10), 0, m.start()) + 1}: {m[1]}"
               for name, text in texts.items() for m in PLACEHOLDER.finditer(text)
               if m[1] in labels]
    assert not waiting, "placeholders whose label now exists (write {ref} links):\n" + \
        "\n".join(waiting)
