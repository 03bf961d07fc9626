"""MathJax's fonts cut down to the book's characters (mlmath.book.math_fonts),
in real builds: one set for all pages, made anew when a page draws a new
character, left alone by a build that typesets nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from mlmath.book.math_fonts import MANIFEST
from tests.build.conftest import mini_book
from tests.conftest import run_build

pytestmark = pytest.mark.build

MATH_STATIC = re.compile(r'url\("(?:\.\./)*_static/(mathjax-[^/]+)/([^/]+)/(MathJax_[\w-]+\.woff2)"\)')


def font_folders(html: Path) -> dict[str, set[str]]:
    """``{page: {folder of its math fonts}}`` for every page with math."""
    folders = {}
    for path in sorted(html.glob("*.html")):
        found = MATH_STATIC.findall(path.read_text())
        if found:
            folders[path.name] = {f"{static}/{folder}" for static, folder, _ in found}
    return folders


def test_a_page_drawing_a_new_character_gets_a_new_font_set_and_so_do_the_others(tmp_path):
    book = mini_book(tmp_path / "book", "The norm $\\lVert x \\rVert$.\n")
    html = book / "_build" / "html"
    intro = book / "intro.md"
    intro.write_text(intro.read_text() + "\nA sum $a + b$.\n")
    first = run_build(book)
    assert first.returncode == 0, first.stdout[-4000:]
    assert "[mlmath] math fonts:" in first.stdout
    before = font_folders(html)
    assert before.keys() == {"intro.html", "probe.html"}
    (folder,) = set().union(*before.values())
    with TTFont(html / "_static" / folder / "MathJax_Main-Regular.woff2") as font:
        assert 0x2135 not in font.getBestCmap()  # ℵ: no page draws it yet

    intro.write_text(intro.read_text() + "\nA cardinal $\\aleph_0$.\n")
    second = run_build(book)
    assert second.returncode == 0, second.stdout[-4000:]
    after = font_folders(html)
    (new_folder,) = set().union(*after.values())
    assert new_folder != folder and after.keys() == before.keys()  # probe.html too
    assert not (html / "_static" / folder).exists()
    with TTFont(html / "_static" / new_folder / "MathJax_Main-Regular.woff2") as font:
        assert 0x2135 in font.getBestCmap()
    static = html / "_static" / new_folder.split("/")[0]
    assert json.loads((static / MANIFEST).read_text())["folder"] == new_folder.split("/")[1]

    unchanged = run_build(book)
    assert unchanged.returncode == 0
    assert "[mlmath] math fonts:" not in unchanged.stdout  # nothing typeset, set reused
    assert font_folders(html) == after
