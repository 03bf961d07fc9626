"""Every page of the built book, in Chromium, with the network cut off."""

from __future__ import annotations

import functools
import io
import re

import pytest

from tests.browser.support import book_pages, html_pages
from tests.conftest import ROOT

MATHJAX_FONTS = ROOT / "node_modules" / "mathjax-full" / "es5" / "output" / "chtml" / "fonts" / "woff-v2"

pytestmark = pytest.mark.browser


#: Every page a reader lands on, and the index.html that sends them on.
PAGES = book_pages() + ["index.html"]


def _source(built_book, path: str) -> str:
    return (built_book / path.split("?")[0]).read_text()


# That every page loads offline, with its figures and math fonts, is checked on
# the reader's one visit in test_accessibility.py.


def test_the_pages_cover_the_book(built_book):
    assert set(PAGES) == set(html_pages(built_book)), "a page the tests do not visit"
    cover = glyph_cover(built_book)
    assert len(cover) >= 2 and sum(map(len, cover.values())) >= 100, cover
    assert sum(_source(built_book, path).count("data-mlmath-figure=") for path in PAGES) >= 1
    assert sum("<mjx-container" in _source(built_book, path) for path in PAGES) >= 3


@pytest.fixture(scope="module")
def no_script(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_formula_arrives_typeset_and_no_page_loads_mathjax(no_script, book_url,
                                                                 built_book, path):
    # The math is in the HTML the server sends: Chromium shows it with JavaScript off.
    html = _source(built_book, path)
    assert not re.search(r"<script[^>]*(mathjax|tex-(chtml|svg|mml))", html, re.I), \
        f"{path} loads MathJax"
    if 'http-equiv="refresh"' in html:
        return  # index.html, which sends the browser on to the first chapter
    page = no_script.new_page()
    page.goto(f"{book_url}/{path}")
    formulas = page.locator(".math").count()
    bare = page.locator(".math:not(:has(> mjx-container))").count()
    assert bare == 0, f"{path}: {bare} of {formulas} formulas are not typeset"
    assert page.locator("mjx-container").count() == formulas, path
    assert page.locator("mjx-merror").count() == 0, f"{path}: a formula has a TeX error"
    # Its stylesheet comes with the page, and only pages with math have one.
    assert page.locator("head style[data-mlmath-math]").count() == (1 if formulas else 0), path
    page.close()


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


GLYPH = re.compile(r'<mjx-c class="([^"]+)"')


@functools.cache
def glyph_cover(built_book) -> dict[str, set[str]]:
    """Pages whose formulas between them draw every glyph the book draws (a
    character in one of MathJax's fonts: ``mjx-c<code point> <font>``), each
    with the glyphs it is the first to bring: chosen greedily, most new glyphs
    first. The fonts are one set for the whole book, so a glyph drawn right on
    one page is drawn right on all."""
    glyphs = {path: set(GLYPH.findall(_source(built_book, path))) for path in PAGES}
    cover, seen = {}, set()
    while True:
        path = max(glyphs, key=lambda p: len(glyphs[p] - seen))
        new = glyphs[path] - seen
        if not new:
            return cover
        cover[path] = new
        seen |= new


@pytest.mark.parametrize("path", PAGES)
def test_the_books_math_fonts_draw_every_formula_as_mathjaxs_own_fonts_do(
        browser, book_url, built_book, path):
    # The fonts are cut down to the characters the formulas draw; a character
    # missing from them would be drawn in a fallback font, a different picture.
    from PIL import ImageChops

    if path not in glyph_cover(built_book):
        pytest.skip("pages compared already draw every glyph of this one")
    ours, _ = math_screenshot(browser, book_url, path, original_fonts=False)
    theirs, served = math_screenshot(browser, book_url, path, original_fonts=True)
    assert served, f"{path}: no MathJax font was asked for"
    assert ours.size == theirs.size, path
    difference = ImageChops.difference(ours, theirs).getbbox()
    if difference is not None:
        # Once in a while Chromium antialiases a pixel or two differently; a
        # glyph in a fallback font differs again, in a fresh pair of pictures.
        ours, _ = math_screenshot(browser, book_url, path, original_fonts=False)
        theirs, _ = math_screenshot(browser, book_url, path, original_fonts=True)
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
    # Sphinx shows the results one by one; read them once it says it has finished.
    page.locator("p.search-summary", has_text="Search finished").wait_for(timeout=20_000)
    results = page.locator("ul.search li a")
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


#: JS: every image of the text (a chapter's PNG outputs): loaded yet, its box, its pixels.
TEXT_IMAGES = """() => [...document.querySelectorAll('article img[src*="_images/"][src$=".png"]')]
  .map((img) => { const box = img.getBoundingClientRect()
    return {src: img.src.split('/').pop(), loading: img.loading, loaded: img.complete
            && img.naturalWidth > 0, width: box.width, height: box.height,
            attr: [img.width, img.height], column: img.closest('article').clientWidth} })"""


def test_a_chapter_s_pictures_wait_for_the_reader_in_boxes_of_their_own_size(visit, built_book):
    # The page with the most pictures. Until they arrive, each holds its box, fitted to the
    # phone's column at the picture's proportions (nothing moves when it lands); only those
    # the reader reaches load; printing loads them all.
    path = max(book_pages(), key=lambda p: _source(built_book, p).count('.png"'))
    record = visit(path, viewport={"width": 360, "height": 800})
    page = record.page
    images = page.evaluate(TEXT_IMAGES)
    assert len(images) >= 2, path
    assert not any(image["loaded"] for image in images), "pictures far below loaded at once"
    for image in images:
        assert image["loading"] == "lazy", image
        assert 0 < image["width"] <= image["column"] + 0.5, image
        want = image["width"] * image["attr"][1] / image["attr"][0]
        assert abs(image["height"] - want) <= 1, image  # its proportions, before it loads
    page.pdf()  # printing: Chromium fetches lazy pictures for the print
    printed = page.evaluate(TEXT_IMAGES)
    assert all(image["loaded"] for image in printed), printed
    for before, after in zip(images, printed):  # and they are the proportions it reserved
        assert abs(after["height"] - before["height"]) <= 1, (before, after)
    record.assert_clean()
