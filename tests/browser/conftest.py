"""Real-browser fixtures: the built book served on 127.0.0.1, Debian's Chromium.

Every page a test opens records (and blocks) any request that would leave
127.0.0.1, every uncaught page error and every console error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.browser.support import FIGURES_FINISHED, SCROLL_TO_FIGURES, launch_chromium, serve


@pytest.fixture(scope="session")
def book_url(built_book):
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page plus what went wrong while it was open."""

    page: object
    outside_requests: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)

    def assert_clean(self):
        assert not self.outside_requests, f"requests left 127.0.0.1: {self.outside_requests}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"

    def close(self):
        self.page.context.close()


@pytest.fixture
def visit(browser, book_url):
    """``visit(path)`` opens ``book_url/path`` in a fresh context and returns a Visit
    (``viewport`` and an ``init_script`` to run first are optional)."""
    visits = []

    def open_page(path: str, viewport=None, init_script: str | None = None) -> Visit:
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        if init_script:  # runs in the page before any of its own scripts
            context.add_init_script(init_script)
        page = context.new_page()
        record = Visit(page)
        visits.append(record)

        def route(request_route):
            url = request_route.request.url
            if url.startswith(book_url) or url.startswith("data:"):
                request_route.continue_()
            else:
                record.outside_requests.append(url)
                request_route.abort()

        context.route("**/*", route)
        page.on("pageerror", lambda error: record.page_errors.append(str(error)))
        page.on("console", lambda message: message.type == "error"
                and record.console_errors.append(message.text))
        page.goto(f"{book_url}/{path}", wait_until="load")
        return record

    yield open_page
    for record in visits:
        record.close()


def wait_for_figures(page, timeout=15_000) -> int:
    """Scroll to every figure on the page, as a reader would (the book loads
    BokehJS and draws a figure when the reader comes near it), and wait until
    all have rendered; return how many."""
    expected = page.locator("[data-mlmath-figure]").count()
    if expected:
        page.evaluate(SCROLL_TO_FIGURES)
        page.wait_for_function(FIGURES_FINISHED, timeout=timeout)
    return expected
