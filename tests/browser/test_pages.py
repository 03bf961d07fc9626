"""Every page of the built book, in Chromium, with the network cut off."""

from __future__ import annotations

import io
import re

import pytest

from tests.browser.conftest import wait_for_figures
from tests.browser.support import html_pages
from tests.conftest import ROOT

MATHJAX_FONTS = ROOT / "node_modules" / "mathjax-full" / "es5" / "output" / "chtml" / "fonts" / "woff-v2"

pytestmark = pytest.mark.browser


def test_every_page_loads_offline_without_errors_and_renders_its_figures(visit, built_book):
    pages = html_pages(built_book)
    assert "chapters/linear-algebra/vectors.html" in pages
    figures_seen = 0
    for path in pages:
        record = visit(path)
        figures_seen += wait_for_figures(record.page)
        try:
            record.assert_clean()
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from None
        record.close()
    assert figures_seen >= 1


def test_every_formula_arrives_typeset_and_no_page_loads_mathjax(browser, book_url, built_book):
    # The math is in the HTML the server sends: Chromium shows it with JavaScript off.
    context = browser.new_context(java_script_enabled=False)
    pages_with_math = 0
    for path in html_pages(built_book):
        html = (built_book / path).read_text()
        assert not re.search(r"<script[^>]*(mathjax|tex-(chtml|svg|mml))", html, re.I), \
            f"{path} loads MathJax"
        if 'http-equiv="refresh"' in html:
            continue  # index.html, which sends the browser on to the first chapter
        page = context.new_page()
        page.goto(f"{book_url}/{path}")
        formulas = page.locator(".math").count()
        bare = page.locator(".math:not(:has(> mjx-container))").count()
        assert bare == 0, f"{path}: {bare} of {formulas} formulas are not typeset"
        assert page.locator("mjx-container").count() == formulas, path
        assert page.locator("mjx-merror").count() == 0, f"{path}: a formula has a TeX error"
        # Its stylesheet comes with the page, and only pages with math have one.
        assert page.locator("head style[data-mlmath-math]").count() == (1 if formulas else 0), path
        pages_with_math += formulas > 0
        page.close()
    context.close()
    assert pages_with_math >= 3


#: JS: once the page's fonts have loaded, MathJax's font faces and their states,
#: and every font file the page fetched with its HTTP status.
MATH_FONTS = """async () => {
  await document.fonts.ready
  return {
    faces: [...document.fonts].filter((f) => f.family.startsWith('MJX'))
      .map((f) => [f.family, f.status]),
    files: performance.getEntriesByType('resource').filter((e) => /MathJax_.*\\.woff2?$/.test(e.name))
      .map((e) => [new URL(e.name).pathname, e.responseStatus]),
  }
}"""


def test_math_fonts_load_from_the_book_itself(visit, built_book):
    pages_checked = 0
    for path in html_pages(built_book):
        if "<mjx-container" not in (built_book / path).read_text():
            continue
        record = visit(path)
        fonts = record.page.evaluate(MATH_FONTS)
        failed = [family for family, status in fonts["faces"] if status == "error"]
        assert not failed, f"{path}: fonts failed to load: {failed}"
        assert any(status == "loaded" for _, status in fonts["faces"]), path
        assert fonts["files"], f"{path}: no font file fetched"
        for url, status in fonts["files"]:
            assert re.match(r"^/_static/mathjax-\d[^/]*/fonts-[0-9a-f]{10}/MathJax_[\w-]+\.woff2$",
                            url), url
            assert status == 200, f"{path}: {url} answered {status}"
        record.assert_clean()  # no request left 127.0.0.1, no 404 in the console
        pages_checked += 1
    assert pages_checked >= 3


MATH_ONLY = """article * { visibility: hidden !important; }
article mjx-container, article mjx-container * { visibility: visible !important; }"""


def math_screenshot(browser, book_url: str, path: str, original_fonts: bool) -> tuple:
    """The page's math as pixels, everything else hidden in place (scripts
    blocked, so nothing moves but the fonts), drawn with the book's math fonts
    or, instead, MathJax's own; and which of MathJax's fonts were served."""
    from PIL import Image

    served = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(request_route):
        url = request_route.request.url
        font = re.search(r"/fonts-[0-9a-f]+/(MathJax_[\w-]+)\.woff2$", url)
        if url.endswith(".js"):
            request_route.abort()
        elif original_fonts and font:
            served.append(font[1])
            request_route.fulfill(path=str(MATHJAX_FONTS / f"{font[1]}.woff"),
                                  content_type="font/woff")
        else:
            request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(f"{book_url}/{path}", wait_until="load")
    # Only the math is compared: code blocks, say, may show a scrollbar in one
    # screenshot and not the next. ``visibility`` keeps the layout as it is.
    page.add_style_tag(content=MATH_ONLY)
    page.evaluate("document.fonts.ready.then(() => null)")
    png = page.locator("article").screenshot(animations="disabled")
    context.close()
    return Image.open(io.BytesIO(png)).convert("RGB"), served


def test_the_books_math_fonts_draw_every_formula_as_mathjaxs_own_fonts_do(
        browser, book_url, built_book):
    # The fonts are cut down to the characters the formulas draw; a character
    # missing from them would be drawn in a fallback font, a different picture.
    from PIL import ImageChops

    pages = [path for path in html_pages(built_book)
             if "<mjx-container" in (built_book / path).read_text()]
    assert len(pages) >= 3
    for path in pages:
        ours, _ = math_screenshot(browser, book_url, path, original_fonts=False)
        theirs, served = math_screenshot(browser, book_url, path, original_fonts=True)
        assert served, f"{path}: no MathJax font was asked for"
        assert ours.size == theirs.size, path
        difference = ImageChops.difference(ours, theirs).getbbox()
        assert difference is None, f"{path}: math drawn differently within {difference}"


def test_bokehjs_is_served_only_to_pages_with_figures(built_book):
    for path in html_pages(built_book):
        html = (built_book / path).read_text()
        has_figure = "data-mlmath-figure" in html
        loads_bokeh = "_static/bokeh/bokeh-" in html
        assert has_figure == loads_bokeh, path


@pytest.mark.parametrize(
    "query, expected_page",
    [
        ("parallelogram", "linear-algebra/vectors.html"),
        ("standardising", "linear-algebra/vectors.html"),
        ("backpropagation", "calculus/index.html"),
        ("entropy", "ml/index.html"),
    ],
)
def test_search_finds_words_from_the_chapters(visit, query, expected_page):
    record = visit(f"search.html?q={query}")
    page = record.page
    results = page.locator("ul.search li a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(expected_page in href for href in hrefs), hrefs
    record.assert_clean()


def test_the_sidebar_buttons_hide_the_navigation_on_a_desktop_and_open_it_on_a_phone(visit):
    # Both themes' scripts serve the first `.primary-toggle`/`.secondary-toggle`
    # of the page, which must be the buttons a reader sees (pydata-sphinx-theme #2451).
    path = "chapters/linear-algebra/vectors.html"
    desktop = visit(path).page
    sidebar = desktop.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    desktop.get_by_role("button", name="Toggle primary sidebar").click()
    sidebar.wait_for(state="hidden")
    desktop.get_by_role("button", name="Toggle primary sidebar").click()
    sidebar.wait_for(state="visible")

    phone = visit(path, viewport={"width": 400, "height": 800}).page
    for button, dialog, link in (
            ("Toggle primary sidebar", "#pst-primary-sidebar-modal", "Matrices"),
            ("Toggle secondary sidebar", "#pst-secondary-sidebar-modal", "Exercises")):
        phone.get_by_role("button", name=button).click()
        phone.locator(f"dialog{dialog}[open]").wait_for()
        assert phone.locator(dialog).get_by_role("link", name=link).first.is_visible()
        phone.keyboard.press("Escape")
        phone.locator(f"dialog{dialog}[open]").wait_for(state="detached")
