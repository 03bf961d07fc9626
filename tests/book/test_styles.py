"""The pages' one stylesheet (mlmath.book.styles): finding and replacing a page's
links, bundling stylesheets, purging rules no page uses, subsetting icon fonts."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

import pydata_sphinx_theme
from mlmath.book.styles import (
    bundle_stylesheets, local_path, purge, relink, stylesheet_links,
    quoted_characters, subset_font, subset_icon_fonts,
)
from tests.conftest import ROOT

PURGECSS = ROOT / "node_modules" / "purgecss"
WEBFONTS = (Path(pydata_sphinx_theme.__file__).parent
            / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts")
BARS, MAGNIFIER, GITHUB = 0xF0C9, 0xF002, 0xF09B  # Font Awesome code points

PAGE = """<html><head>
  <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js" />
    <link rel="stylesheet" type="text/css" href="../_static/pygments.css?v=2" />
    <link rel="stylesheet" type="text/css" href="../_static/mlmath.css?v=3" />
  <link rel="icon" href="../_static/favicon.svg"/>
</head><body>
<pre>line one

line three</pre>
<link rel="stylesheet" href="not-in-the-head.css" />
</body></html>"""


def test_a_pages_stylesheets_are_the_links_in_its_head_in_order():
    links = stylesheet_links(PAGE)
    assert [href for _, _, href in links] == [
        "../_static/styles/theme.css?digest=1", "../_static/pygments.css?v=2",
        "../_static/mlmath.css?v=3"]
    assert all(PAGE[start:end].startswith("<link") for start, end, _ in links)


def test_hrefs_resolve_against_the_pages_folder_and_other_sites_are_left_alone():
    assert local_path("../_static/pygments.css?v=2", "chapters") == "_static/pygments.css"
    assert local_path("_static/a.css#x", "") == "_static/a.css"
    assert local_path("https://cdn.example.org/a.css", "chapters") is None
    assert local_path("//cdn.example.org/a.css", "") is None


def test_relinking_leaves_one_link_where_the_first_was_and_the_rest_of_the_page_alone():
    page = relink(PAGE, stylesheet_links(PAGE), "../_static/mlmath-styles-0123456789ab.css")
    assert [href for _, _, href in stylesheet_links(page)] == [
        "../_static/mlmath-styles-0123456789ab.css"]
    head = page[:page.index("</head>")]
    assert head.index("mlmath-styles") < head.index("bootstrap.js")  # where theme.css was
    assert "\n\n" not in head  # no empty lines left behind
    assert page[page.index("</head>"):] == PAGE[PAGE.index("</head>"):]  # <pre> untouched


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_bundling_inlines_imports_and_rebases_urls_to_the_same_files(tmp_path):
    write(tmp_path, {
        "_static/basic.css": "div.body { margin: 0 }",
        "_static/print.css": "nav { display: none }",
        "_static/styles/theme.css": '@charset "utf-8";\n@import "../basic.css";\n'
                                    "@import url(../print.css) print;\n"
                                    "@font-face { src: url('../vendor/f.woff2?v=1') }\n"
                                    ".logo { background: url(data:image/png;base64,AAA) }\n"
                                    "/*# sourceMappingURL=theme.css.map */",
        "_static/vendor/f.woff2": "",
        "_static/mlmath.css": ".x { background: url(img/dot.svg) }",
        "_static/img/dot.svg": "<svg/>",
    })
    css = bundle_stylesheets(tmp_path, ["_static/styles/theme.css", "_static/mlmath.css"],
                             "_static")
    assert css.index("div.body") < css.index("@media print{nav") < css.index(".x")
    assert "@import" not in css and "@charset" not in css and "sourceMappingURL" not in css
    assert "url(data:image/png;base64,AAA)" in css
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls == ["vendor/f.woff2?v=1", "img/dot.svg"]
    for url in urls:  # each still names the file it named, now from _static/
        assert (tmp_path / "_static" / url.split("?")[0]).is_file()


def test_bundling_names_a_missing_or_self_importing_stylesheet(tmp_path):
    write(tmp_path, {"_static/a.css": '@import "b.css";', "_static/b.css": '@import "a.css";'})
    with pytest.raises(ValueError, match="imports itself"):
        bundle_stylesheets(tmp_path, ["_static/a.css"], "_static")
    with pytest.raises(ValueError, match="'_static/missing.css' does not exist"):
        bundle_stylesheets(tmp_path, ["_static/missing.css"], "_static")


needs_purgecss = pytest.mark.skipif(
    shutil.which("node") is None or not PURGECSS.is_dir(),
    reason="Node.js and purgecss (npm ci) are needed")

CSS = """
.used { color: red }
.unused { color: blue }
html[data-theme=dark] .used { color: pink }
.used:hover, .unused:focus { outline: 1px solid }
@media (max-width: 600px) { .unused { display: none } .used { display: block } }
@font-face { font-family: Kept; src: url(k.woff2) }
@font-face { font-family: Dropped; src: url(d.woff2) }
.used { font-family: Kept }
.unused { font-family: Dropped }
:root { --pst-color-text: #222 }
"""


@needs_purgecss
@pytest.mark.parametrize("script", ["", "document.documentElement.dataset.theme = 'dark';"])
def test_purging_keeps_what_a_page_or_a_script_can_match_and_nothing_else(tmp_path, script):
    write(tmp_path, {"page.html": '<html data-theme="light"><body><p class="used">Hi</p>'
                                  "</body></html>",
                     "theme.js": script})
    css = purge(shutil.which("node"), PURGECSS, CSS,
                [str(tmp_path / "*.html"), str(tmp_path / "*.js")])
    assert ".used" in css and ".used:hover" in css
    assert ".unused" not in css and "Dropped" not in css
    assert "font-family:Kept" in css.replace(" ", "") and "--pst-color-text" in css
    # The dark theme's rules stay only if a script can turn on the dark theme.
    assert ("data-theme=dark" in css) == ("dark" in script)


def test_the_characters_icon_rules_draw_are_every_one_character_string():
    css = ('.fa-bars:before{content:"\\f0c9"}.fa-a:before{content:"A"}'
           ".q:before{content:'\\201c'}.s{content:\"ab\"}.t{content:\"\"}")
    assert quoted_characters(css) == {0xF0C9, ord("A"), 0x201C}


def outline(font: TTFont, codepoint: int) -> list:
    pen = RecordingPen()
    font.getGlyphSet()[font.getBestCmap()[codepoint]].draw(pen)
    return pen.value


def test_an_icon_font_subset_draws_exactly_the_icons_asked_for(tmp_path):
    whole = WEBFONTS / "fa-solid-900.woff2"
    data = subset_font(whole, {BARS, MAGNIFIER, 0x4E00})  # a CJK character: no icon
    (tmp_path / "subset.woff2").write_bytes(data)
    with TTFont(whole) as original, TTFont(tmp_path / "subset.woff2") as subset:
        assert subset.flavor == "woff2"
        assert 0x4E00 not in original.getBestCmap()
        assert set(subset.getBestCmap()) == {BARS, MAGNIFIER}
        for codepoint in (BARS, MAGNIFIER):
            assert outline(subset, codepoint) == outline(original, codepoint)
    assert len(data) < whole.stat().st_size / 20
    assert subset_font(whole, {GITHUB}) is None  # a brand icon: not in the solid face


def test_icon_faces_point_at_their_subsets_and_unused_faces_go(tmp_path):
    fonts = tmp_path / "_static" / "vendor" / "webfonts"
    fonts.mkdir(parents=True)
    for name in ("fa-solid-900.woff2", "fa-brands-400.woff2"):
        shutil.copy(WEBFONTS / name, fonts / name)
    css = (
        '@font-face{font-family:Font Awesome\\ 6 Free;font-weight:900;'
        'src:url("vendor/webfonts/fa-solid-900.woff2") format("woff2"),'
        'url("vendor/webfonts/fa-solid-900.ttf") format("truetype")}\n'
        '@font-face{font-family:Font Awesome\\ 6 Brands;'
        'src:url("vendor/webfonts/fa-brands-400.woff2") format("woff2")}\n'
        '@font-face{font-family:Body;src:url("vendor/webfonts/body.woff2")}\n'
        '.fa-bars:before{content:"\\f0c9"}'
    )
    new_css, written = subset_icon_fonts(tmp_path, css, "_static")
    assert "Brands" not in new_css  # no brand icon is used
    assert 'src:url("vendor/webfonts/body.woff2")' in new_css  # not an icon font: as it was
    faces = re.findall(r'src:url\("([^"]+)"\) format\("woff2"\)}', new_css)
    assert len(faces) == 1 and faces[0].startswith("mlmath-icons/fa-solid-900-")
    target = posixpath.join("_static", faces[0])
    assert list(written) == [target]
    with TTFont(tmp_path / target) as subset:
        assert set(subset.getBestCmap()) == {BARS}
