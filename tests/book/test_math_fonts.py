"""MathJax's fonts cut down to what the formulas draw (mlmath.book.math_fonts),
on stylesheets MathJax itself writes, checked against the fonts' own tables."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from mlmath.book.math import FONTS, STYLE_MARK, typeset
from mlmath.book.math_fonts import (
    MANIFEST,
    drawn_characters,
    repoint_fonts,
    subset_book_fonts,
    unescape_css,
)
from tests.conftest import ROOT

MATHJAX = ROOT / "node_modules" / "mathjax-full"
SOURCE = MATHJAX / FONTS
FONT_URL = re.compile(r'url\("(?P<url>[^"]+)"\)')


def cmap(font: Path) -> dict[int, str]:
    """A font's code points and their glyphs."""
    with TTFont(font) as loaded:
        return dict(loaded.getBestCmap())


@pytest.fixture(scope="module")
def stylesheets():
    """MathJax's stylesheets for three pages: italic letters and sums, a bold
    vector and a tall bracket, a Fraktur letter and an escaped minus sign."""
    if shutil.which("node") is None or not SOURCE.is_dir():
        pytest.fail("Node and mathjax-full are needed: `make test` installs them")
    pages = [
        [r"x_i + \sum_{k=1}^n a_k", r"\alpha \le \beta"],
        [r"\mathbf{v} = \begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}"],
        [r"\mathfrak{g} - 1"],
    ]
    results = typeset("node", MATHJAX, [
        {"fontURL": "_static/mathjax-3.2.2/woff-v2",
         "formulas": [{"tex": tex, "display": True} for tex in formulas]}
        for formulas in pages])
    return [result["css"] for result in results]


def test_css_escapes_are_decoded():
    assert unescape_css(r"\2212") == "\u2212"
    assert unescape_css(r"\1D465 x") == "\U0001D465x"  # one space ends an escape
    assert unescape_css(r"a\"b\\") == 'a"b\\'


def test_the_characters_drawn_are_those_the_rules_put_in_content():
    css = r'''mjx-c.mjx-c3B1::before {padding: 0.442em 0.64em 0.011em 0;content: "\3B1";}
              mjx-c.mjx-c78.TEX-I::before {content: "x"; padding: 0}
              mjx-c5B mjx-beg mjx-c::before {content: "\23A1";}
              mjx-mrow {display: inline-block}  .content {color: red}'''
    assert drawn_characters(css) == {0x3B1, ord("x"), 0x23A1}


def test_mathjax_stylesheets_name_every_character_their_formulas_draw(stylesheets):
    italic, vector, fraktur = map(drawn_characters, stylesheets)
    assert {ord("x"), ord("i"), ord("k"), ord("n"), 0x3B1, 0x3B2, 0x2264, 0x2211} <= italic
    assert ord("v") in vector and {0x23A1, 0x23A3} <= vector  # bracket pieces
    assert {ord("g"), 0x2212} <= fraktur


def test_repointing_keeps_the_path_to_static_and_drops_faces_without_a_font():
    css = ('@font-face /* 0 */ {font-family: MJXZERO;src: url("../../_static/mathjax-3.2.2/'
           'woff-v2/MathJax_Zero.woff") format("woff");}'
           '@font-face /* 1 */ {font-family: MJXTEX;src: url("../../_static/mathjax-3.2.2/'
           'woff-v2/MathJax_Main-Regular.woff") format("woff");}'
           '.TEX-I {font-family: MJXZERO, MJXTEX-I;}')
    new = repoint_fonts(css, "mathjax-3.2.2/fonts-abc", {"MathJax_Main-Regular"})
    assert "MJXZERO;" not in new and ".TEX-I {font-family: MJXZERO, MJXTEX-I;}" in new
    assert FONT_URL.findall(new) == [
        "../../_static/mathjax-3.2.2/fonts-abc/MathJax_Main-Regular.woff2"]
    assert 'format("woff2")' in new
    # Once more, to a new folder: the repointed URL is found again.
    again = repoint_fonts(new, "mathjax-3.2.2/fonts-def", {"MathJax_Main-Regular"})
    assert FONT_URL.findall(again) == [
        "../../_static/mathjax-3.2.2/fonts-def/MathJax_Main-Regular.woff2"]


def write_pages(root: Path, stylesheets: list[str]) -> list[Path]:
    pages = []
    for number, css in enumerate(stylesheets):
        page = root / "chapters" / f"page{number}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        css = css.replace('url("_static/', 'url("../_static/')
        page.write_text(f"<html><head><style {STYLE_MARK}>{css}</style>\n</head>"
                        "<body><mjx-container></mjx-container></body></html>")
        pages.append(page)
    return pages


def faces(page: Path) -> dict[str, Path]:
    """``{font family: font file}`` of a page's math stylesheet."""
    css = re.search(rf"<style {STYLE_MARK}>(.*?)</style>", page.read_text(), re.S).group(1)
    found = re.findall(r'font-family: (MJX[\w-]+);src: url\("([^"]+)"\)', css)
    return {family: (page.parent / url).resolve() for family, url in found}


def test_each_font_keeps_exactly_the_characters_it_has_that_some_page_draws(
        tmp_path, stylesheets):
    pages = write_pages(tmp_path, stylesheets)
    static = tmp_path / "_static" / "mathjax-3.2.2"
    done = subset_book_fonts(pages, SOURCE, static, "3.2.2", typeset_any=True)
    drawn = set().union(*map(drawn_characters, stylesheets))
    assert done["pages"] == 3 and done["fonts"]
    for stem, (before, after) in done["fonts"].items():
        subset = static / done["folder"] / f"{stem}.woff2"
        assert subset.stat().st_size == after < before == (SOURCE / f"{stem}.woff").stat().st_size
        whole, kept = cmap(SOURCE / f"{stem}.woff"), cmap(subset)
        # Every character drawn that the font has, with its own glyph; fewer
        # glyphs than the whole font (fontTools may keep a glyph or two more
        # than asked: a glyph's closure, or ≥ with ≤).
        assert kept.keys() >= whole.keys() & drawn, stem
        assert all(kept[c] == whole[c] for c in whole.keys() & drawn), stem
        assert len(set(kept.values())) < len(set(whole.values())), stem
    # Every face a page keeps points at a font of the set; MathJax_Zero, whose
    # only character no formula draws, is left out, and its faces with it.
    assert "MathJax_Zero" not in done["fonts"]
    for page in pages:
        page_faces = faces(page)
        assert "MJXTEX" in page_faces and "MJXZERO" not in page_faces
        assert all(font.parent == static / done["folder"] and font.exists()
                   for font in page_faces.values())
    assert json.loads((static / MANIFEST).read_text())["folder"] == done["folder"]


def test_a_new_character_makes_a_new_set_for_every_page_and_removes_the_old(
        tmp_path, stylesheets):
    pages = write_pages(tmp_path, stylesheets[:2])
    static = tmp_path / "_static" / "mathjax-3.2.2"
    first = subset_book_fonts(pages, SOURCE, static, "3.2.2", typeset_any=True)
    # Nothing typeset, the set on disk: the pages are not even read.
    assert subset_book_fonts(pages, SOURCE, static, "3.2.2", typeset_any=False) is None
    # The same characters again: same folder, nothing to rewrite.
    again = subset_book_fonts(pages, SOURCE, static, "3.2.2", typeset_any=True)
    assert again["folder"] == first["folder"] and again["pages"] == 0 and not again["fonts"]

    pages += write_pages(tmp_path / "more", stylesheets[2:])  # a page drawing Fraktur
    second = subset_book_fonts(pages, SOURCE, static, "3.2.2", typeset_any=True)
    assert second["folder"] != first["folder"]
    assert sorted(path.name for path in static.iterdir()) == sorted([second["folder"], MANIFEST])
    assert ord("g") in cmap(static / second["folder"] / "MathJax_Fraktur-Regular.woff2")
    for page in pages:
        assert {font.parent.name for font in faces(page).values()} == {second["folder"]}


def test_a_book_without_math_ships_no_math_fonts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head></head><body>No math.</body></html>")
    static = tmp_path / "_static" / "mathjax-3.2.2"
    (static / "woff-v2").mkdir(parents=True)  # left by an earlier build
    assert subset_book_fonts([page], SOURCE, static, "3.2.2", typeset_any=False) is None
    assert not static.exists()
