"""Every page of the built book, in Chromium, with the network cut off."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_figures
from tests.browser.support import html_pages

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


def test_mathjax_renders_every_formula_without_errors(visit, built_book):
    pages_with_math = 0
    for path in html_pages(built_book):
        record = visit(path)
        page = record.page
        formulas = page.locator(".math").count()
        if formulas == 0:
            assert page.locator("script[src*='mathjax']").count() == 0, \
                f"{path} loads MathJax but has no math"
            continue
        pages_with_math += 1
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
        rendered = page.locator("mjx-container").count()
        assert rendered >= formulas, f"{path}: {rendered} of {formulas} formulas rendered"
        assert page.locator("mjx-merror").count() == 0, f"{path}: a formula has a TeX error"
        record.assert_clean()  # fonts and extensions came from the book itself
    assert pages_with_math >= 3


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
