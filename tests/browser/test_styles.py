"""The one purged stylesheet (mlmath.book.styles) changes nothing a reader sees.

A page is opened twice in Chromium: as built, with its one bundle, and with
the stylesheets the bundle was made from linked in its place (the page's HTML
rewritten on its way to the browser). Every element must have the same
computed style, pseudo-elements included, in the light and the dark theme;
and so on a chapter page with the theme's menus, search dialog, sidebars and
keyboard focus in play: the states the theme's scripts create, whose rules
the purge keeps only because those scripts name the classes.

Which pages: a cover. Each page's HTML is read for the element names,
classes, ids (those the bundle names) and attribute names it holds, outside
its formulas; pages are taken greedily, most new names first, until every
name of the book is in a page taken, and each page taken is compared in a
test of its own. The bundle is the same for every page, and the purge drops
a rule only for a name no page holds; so a page made only of names already
compared cannot be drawn differently where those were not (the book triples,
and most of its pages add no new name). The names the theme's scripts add
when a page opens are the same on every page of a kind, and every kind is
in the cover: a chapter, a part's overview, the glossary, search.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from html.parser import HTMLParser

import pytest

from mlmath.book.styles import MANIFEST, STATIC, stylesheet_links
from tests.browser.support import book_pages, html_pages

pytestmark = pytest.mark.browser

MODES = {
    "light": "localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light')",
    "dark": "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark')",
}

#: JS: for every element of the page's body, a label and its whole computed
#: style (its ::before and ::after too, where they have content), hashed, once
#: any transition has ended; the
#: values themselves for the labels asked for. Inside a formula only the
#: container counts: MathJax's elements are styled by the page's own <style>.
COMPUTED_STYLES = """async (detail) => {
  await document.fonts.ready
  // Transitions (a dialog fading in, a sidebar sliding) run to their end first.
  await Promise.race([
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
    new Promise((resolve) => setTimeout(resolve, 3000))])
  const names = [...getComputedStyle(document.body)].sort()  // custom properties too
  const styleOf = (style, prefix) => names.map((name) => prefix + name + '='
                                                + style.getPropertyValue(name))
  const hash = (text) => {  // FNV-1a
    let h = 0x811c9dc5
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    return h
  }
  const labels = new Map()
  const result = []
  for (const element of document.querySelectorAll('body, body *')) {
    if (element.parentElement && element.parentElement.closest('mjx-container')) continue
    // Ids a script makes up (a tooltip's) are not the same from one load to the next.
    const base = element.tagName.toLowerCase()
      + (element.id ? '#' + element.id.replace(/\\d{3,}/g, 'N') : '')
      + [...element.classList].map((c) => '.' + c).join('')
    const count = (labels.get(base) || 0) + 1
    labels.set(base, count)
    const label = base + ' [' + count + ']'
    const values = styleOf(getComputedStyle(element), '')
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(element, pseudo)
      if (style.content !== 'none' && style.content !== 'normal') {
        values.push(...styleOf(style, pseudo.slice(2) + ' '))
      }
    }
    result.push(detail.includes(label) ? [label, values] : [label, hash(values.join(';'))])
  }
  return result
}"""


@pytest.fixture(scope="module")
def sources(built_book) -> dict[str, list[str]]:
    """Each bundle and the stylesheets it was made from."""
    return json.loads((built_book / STATIC / MANIFEST).read_text())["bundles"]


def unbundled(page_html: str, path: str, sources: dict) -> str:
    """The page as it would be without the bundle: its sources linked instead."""
    links = stylesheet_links(page_html)
    assert len(links) == 1, f"{path} links {len(links)} stylesheets, not its one bundle"
    start, end, href = links[0]
    folder = posixpath.dirname(path)
    bundle = posixpath.normpath(posixpath.join(folder, href))
    tags = "\n".join(f'<link rel="stylesheet" href="{posixpath.relpath(source, folder)}" />'
                     for source in sources[bundle])
    return page_html[:start] + tags + page_html[end:]


class _Names(HTMLParser):
    """Element names, classes, ids and attribute names of a page's HTML, not
    counting what is inside a formula (the page's own math stylesheet styles it)."""

    def __init__(self, styled_ids: set[str]):
        super().__init__()
        self.styled_ids, self.names, self.in_math = styled_ids, set(), 0

    def handle_starttag(self, tag, attrs):
        if self.in_math:
            self.in_math += tag == "mjx-container"
            return
        self.in_math = int(tag == "mjx-container")
        self.names.add("<" + tag)
        for name, value in attrs:
            self.names.add("[" + name)
            if name == "class" and value:
                self.names.update("." + c for c in value.split())
            elif name == "id" and value in self.styled_ids:
                self.names.add("#" + value)

    def handle_endtag(self, tag):
        if self.in_math and tag == "mjx-container":
            self.in_math -= 1


@functools.cache
def style_cover(built_book) -> dict[str, set[str]]:
    """Pages whose HTML between them holds every name the book's pages hold,
    each with the names it is the first to bring: chosen greedily, most new
    names first (as the math fonts' glyph cover in test_pages)."""
    manifest = json.loads((built_book / STATIC / MANIFEST).read_text())["bundles"]
    css = "".join((built_book / bundle).read_text() for bundle in manifest)
    styled_ids = set(re.findall(r"#([A-Za-z][\w-]*)", css))
    names = {}
    for path in html_pages(built_book):
        html = (built_book / path).read_text()
        if stylesheet_links(html):
            parser = _Names(styled_ids)
            parser.feed(html)
            names[path] = parser.names
    cover, seen = {}, set()
    while True:
        path = max(names, key=lambda p: (len(names[p] - seen), p))
        new = names[path] - seen
        if not new:
            return cover
        cover[path] = new
        seen |= new


def set_mode(page, mode: str) -> None:
    """The theme's light or dark mode, as its button would leave the page."""
    page.evaluate("""(mode) => {
      document.documentElement.dataset.mode = mode
      document.documentElement.dataset.theme = mode
    }""", mode)


def open_page(browser, book_url, path, *, mode, sources=None, viewport=None):
    """``path`` in a fresh context, BokehJS blocked (figures stay as they are
    before it loads, the same in both versions); with ``sources``, the page
    links the bundle's sources instead of the bundle."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    context.add_init_script(MODES[mode])
    context.route(re.compile(r".*/_static/bokeh/.*"), lambda route: route.abort())
    if sources is not None:
        def original(route):
            response = route.fetch()
            route.fulfill(response=response, body=unbundled(response.text(), path, sources))
        context.route(f"{book_url}/{path}", original)
    page = context.new_page()
    page.goto(f"{book_url}/{path}", wait_until="networkidle")
    return page


def differences(bundled_page, original_page, before=None, mode=None) -> list[str]:
    """Elements whose computed style differs between the two pages (after
    ``before(page)`` has been done to each, in ``mode`` if given), with the
    properties that differ."""
    states = []
    for page in (bundled_page, original_page):
        if before:
            before(page)
        if mode:
            set_mode(page, mode)
        states.append(page.evaluate(COMPUTED_STYLES, []))
    labels = [[label for label, _ in state] for state in states]
    assert labels[0] == labels[1], "the two versions of the page have different elements"
    differing = [label for (label, a), (_, b) in zip(*states) if a != b][:5]
    if not differing:
        return []
    details = [dict(page.evaluate(COMPUTED_STYLES, differing))
               for page in (bundled_page, original_page)]
    report = []
    for label in differing:
        with_bundle, without = (dict(v.split("=", 1) for v in d[label]) for d in details)
        changed = {name: (with_bundle.get(name), without.get(name))
                   for name in with_bundle.keys() | without.keys()
                   if with_bundle.get(name) != without.get(name)}
        # A difference gone by the second look was a page still settling (a
        # figure's box as the reader scrolls past it), not the stylesheet.
        if changed:
            report.append(f"{label}: {dict(list(changed.items())[:6])} (bundle, original)")
    return report


def test_the_cover_holds_every_kind_of_page(built_book):
    pages = [path for path in html_pages(built_book)
             if stylesheet_links((built_book / path).read_text())]
    assert len(pages) >= 10 and set(pages) <= set(book_pages()), "a page no test compares"
    cover = style_cover(built_book)
    print(f"comparing {len(cover)} of {len(pages)} pages: {sorted(cover)}")
    assert {"chapters/intro.html", "search.html"} <= set(cover), cover.keys()
    assert any("linear-algebra/" in path and not path.endswith("index.html")
               for path in cover), cover.keys()


@pytest.mark.parametrize("path", book_pages())
def test_every_page_looks_the_same_with_the_bundle_as_with_its_sources(
        browser, book_url, built_book, sources, path):
    if path not in style_cover(built_book):
        pytest.skip("pages compared already hold every name this one holds")
    bundled = open_page(browser, book_url, path, mode="light")
    original = open_page(browser, book_url, path, mode="light", sources=sources)
    failures = []
    for mode in MODES:
        found = differences(bundled, original, mode=mode)
        if found:
            failures.append(f"{path} ({mode}): " + "; ".join(found))
    bundled.context.close()
    original.context.close()
    assert not failures, "\n".join(failures)


def open_search(page):
    page.keyboard.press("Control+k")
    page.locator("dialog#pst-search-dialog[open]").wait_for()


def open_download_menu(page):
    page.locator("button.dropdown-toggle[aria-label='Download this page']").click()
    page.locator(".dropdown-menu.show").wait_for()


def toggle_primary_sidebar(page):
    page.locator("button.primary-toggle:visible").first.click()
    page.wait_for_timeout(400)  # the sidebar's transition


def open_contents(page):
    page.locator("button.secondary-toggle:visible").first.click()
    page.wait_for_timeout(400)


def tab_into_the_page(page):
    for _ in range(4):
        page.keyboard.press("Tab")


def scroll_down(page):
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(400)


PHONE = {"width": 400, "height": 800}
#: What a reader may do before looking, and the window they do it in.
STATES = {
    "search dialog": (open_search, None),
    "download menu": (open_download_menu, None),
    "keyboard focus": (tab_into_the_page, None),
    "scrolled down": (scroll_down, None),
    "sidebar hidden": (toggle_primary_sidebar, None),
    "sidebar on a phone": (toggle_primary_sidebar, PHONE),
    "contents on a phone": (open_contents, PHONE),
}


@pytest.mark.parametrize("state", STATES)
def test_the_themes_menus_dialogs_and_focus_look_the_same_with_the_bundle(
        browser, book_url, sources, state):
    action, viewport = STATES[state]
    path = "chapters/linear-algebra/vectors.html"
    bundled = open_page(browser, book_url, path, mode="light", viewport=viewport)
    original = open_page(browser, book_url, path, mode="light", sources=sources,
                         viewport=viewport)
    found = []
    for index, mode in enumerate(MODES):
        found += [f"{mode}: {f}" for f in differences(
            bundled, original, before=action if index == 0 else None, mode=mode)]
    bundled.context.close()
    original.context.close()
    assert not found, f"{path}, {state}: " + "; ".join(found)
