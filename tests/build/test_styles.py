"""The pages' one stylesheet (mlmath.book.styles) in real builds: made from the
pages on disk, re-made when a page needs a rule it lacked, reused otherwise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlmath.book.styles import MANIFEST, STATIC, local_path, stylesheet_links
from tests.build.conftest import mini_book
from tests.conftest import HTML, run_build

pytestmark = pytest.mark.build

#: A sphinx-design class the probe book does not use until the test adds it.
BADGE = '<span class="sd-badge sd-bg-danger">new</span>'


def linked_bundles(html: Path) -> dict[str, str]:
    """Each page's one stylesheet (the test fails on a page with more)."""
    bundles = {}
    for path in sorted(html.rglob("*.html")):
        name = path.relative_to(html).as_posix()
        if name.startswith("_"):
            continue
        links = stylesheet_links(path.read_text())
        if links:
            assert len(links) == 1, f"{name} links {len(links)} stylesheets"
            bundles[name] = local_path(links[0][2], name.rpartition("/")[0])
    return bundles


def test_a_page_needing_a_rule_the_bundle_lacked_gets_a_new_bundle_and_so_do_the_others(
        tmp_path):
    book = mini_book(tmp_path / "book", "Nothing but text.\n")
    html = book / "_build" / "html"
    first = run_build(book)
    assert first.returncode == 0, first.stdout[-4000:]
    assert "[mlmath] stylesheets:" in first.stdout
    before = linked_bundles(html)
    assert {"intro.html", "probe.html"} <= before.keys()
    (bundle,) = set(before.values())
    assert ".sd-bg-danger" not in (html / bundle).read_text()  # purged: no page uses it

    intro = book / "intro.md"
    intro.write_text(intro.read_text() + f"\n{BADGE}\n")
    second = run_build(book)
    assert second.returncode == 0, second.stdout[-4000:]
    after = linked_bundles(html)
    (new_bundle,) = set(after.values())
    assert new_bundle != bundle and not (html / bundle).exists()
    assert ".sd-bg-danger" in (html / new_bundle).read_text()
    assert after.keys() == before.keys()  # probe.html, not rewritten by Sphinx, too
    manifest = json.loads((html / STATIC / MANIFEST).read_text())
    assert list(manifest["bundles"]) == [new_bundle]

    unchanged = run_build(book)
    assert unchanged.returncode == 0
    assert "[mlmath] stylesheets:" not in unchanged.stdout  # reused, no Node started
    assert set(linked_bundles(html).values()) == {new_bundle}


def test_the_books_pages_share_one_bundle_with_every_icon_they_show(built_book):
    bundles = linked_bundles(built_book)
    assert len(bundles) >= 10 and len(set(bundles.values())) == 1
    css = (built_book / next(iter(bundles.values()))).read_text()
    assert "@import" not in css
    from fontTools.ttLib import TTFont  # only this test needs it
    faces = re.findall(r'@font-face\{[^}]*font-family:Font Awesome\\ 6 (\w+);[^}]*'
                       r'font-weight:(\d+);src:url\("(mlmath-icons/[^"]+)"\)', css)
    glyphs = {}  # (family, weight) -> code points
    for family, weight, url in faces:
        with TTFont(built_book / STATIC / url) as font:
            glyphs[family, weight] = set(font.getBestCmap())
    assert ("Free", "900") in glyphs, "no solid icon font in the bundle"
    for name in bundles:
        page = (built_book / name).read_text()
        for icon, style in {(m.group(2), m.group(1))
                            for m in re.finditer(r'class="fa-(solid|regular) fa-([a-z0-9-]+)"',
                                                 page)}:
            rule = re.search(rf'\.fa-{icon}:before\{{content:"\\([0-9a-f]+)"', css)
            assert rule, f"{name}: no rule for the icon fa-{icon}"
            face = ("Free", "900" if style == "solid" else "400")
            assert int(rule.group(1), 16) in glyphs[face], f"{name}: fa-{icon} not in its font"
