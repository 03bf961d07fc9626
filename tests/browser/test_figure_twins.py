"""No figure box is ever empty: before BokehJS, with scripts off, and in print.

Every figure's static twin (SVG, light and dark) waits in its place
(``mlmath.book.render``): over the figure's reserved box until the live
figure is drawn, alone with a note when scripts are off, and in print for a
figure the reader never scrolled to. Checked in Chromium on every figure page:

- with JavaScript disabled, every figure shows a loaded picture with its alt
  text, and the note that says where it is interactive;
- while BokehJS is held back, every figure shows its picture in its box, and
  prints it (print media, straight after loading, without scrolling); once
  drawn, the picture steps aside and the figure prints its plots without
  their controls;
- in dark mode (switched to while BokehJS is held) the picture is the dark one.
"""

from __future__ import annotations

import pytest

from tests.browser.support import FIGURES_FINISHED, SCROLL_TO_FIGURES, figure_pages

pytestmark = pytest.mark.browser

#: JS: each figure's visible twin: loaded, its size on screen and its alt text.
TWINS = """() => [...document.querySelectorAll('[data-mlmath-figure]')].map((figure) => {
  const shown = [...figure.querySelectorAll('img.mlmath-figure-twin')]
    .filter((img) => getComputedStyle(img).display !== 'none')
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.width, r.height] }
  return {name: figure.dataset.mlmathFigure, height: figure.getBoundingClientRect().height,
          twins: shown.map((img) => ({loaded: img.complete && img.naturalWidth > 0,
                                     size: box(img), alt: img.alt, kind: img.className}))}
})"""

#: JS: in print, what each figure shows: its twin, its canvases, its controls.
PRINTED = """() => [...document.querySelectorAll('[data-mlmath-figure]')].map((figure) => {
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' }
  const drawn = figure.hasAttribute('data-mlmath-drawn')
  return {name: figure.dataset.mlmathFigure, drawn,
          twin: [...figure.querySelectorAll('img.mlmath-figure-twin')].some(visible),
          controls: [...figure.querySelectorAll('.mlmath-controls')].some(visible),
          plots: [...figure.querySelectorAll('.mlmath-panel')].some(visible)}
})"""


def _wait_for_twins(page) -> None:
    page.evaluate("""() => Promise.all([...document.querySelectorAll('img.mlmath-figure-twin')]
      .filter((img) => getComputedStyle(img).display !== 'none')
      .map((img) => { img.loading = 'eager'; return img.decode().catch(() => null) }))""")


def assert_printed(page, drawn: bool) -> None:
    """In print media, every figure shows its plots without controls if ``drawn``,
    else its picture (and no empty plots)."""
    page.emulate_media(media="print")
    _wait_for_twins(page)
    for figure in page.evaluate(PRINTED):
        assert figure["drawn"] == drawn, figure
        if drawn:
            assert figure["plots"] and not figure["controls"], figure
        else:
            assert figure["twin"] and not figure["plots"], figure
    page.emulate_media(media="screen")


@pytest.mark.parametrize("path", figure_pages())
def test_with_scripts_off_every_figure_shows_its_twin_and_a_note(browser, book_url, path):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{book_url}/{path}")
        for image in page.locator("img.mlmath-figure-twin.mlmath-twin-light").all():
            image.scroll_into_view_if_needed()  # lazy pictures load as the reader scrolls
            page.wait_for_function("(img) => img.complete", arg=image.element_handle())
        figures = page.evaluate(TWINS)
        assert figures
        for figure in figures:
            (twin,) = figure["twins"]  # one picture, the light one
            assert twin["loaded"], f"{figure['name']}: its picture did not load"
            assert twin["size"][0] > 200 and twin["size"][1] > 100, figure
            assert len(twin["alt"]) > 40, f"{figure['name']}: no alt text"
            assert figure["height"] < twin["size"][1] + 120, \
                f"{figure['name']}: {figure['height']:.0f} px of box around the picture"
        notes = page.locator(".mlmath-figure-note")
        assert notes.count() == len(figures) and notes.first.is_visible()
        assert "interactive" in notes.first.inner_text()
    finally:
        context.close()


def _shown_twins(page, mode: str) -> list[dict]:
    """Each figure's visible picture, checked to be the loaded one of ``mode``."""
    _wait_for_twins(page)
    figures = page.evaluate(TWINS)
    for figure in figures:
        (twin,) = figure["twins"]  # the picture for the page's mode, loaded
        assert twin["loaded"] and f"mlmath-twin-{mode}" in twin["kind"], (mode, figure)
        assert twin["size"][1] > 100, figure
    return figures


@pytest.mark.parametrize("path", figure_pages())
def test_the_twin_waits_in_the_box_until_the_figure_is_drawn_and_in_print(
        browser, book_url, path):
    # One reader: opens the page in light mode while BokehJS is slow to come,
    # prints it, scrolls, switches to dark mode, and then BokehJS arrives.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("localStorage.setItem('mode', 'light'); "
                            "localStorage.setItem('theme', 'light')")
    held = []
    context.route("**/_static/bokeh/*", lambda route: held.append(route))
    page = context.new_page()
    try:
        page.goto(f"{book_url}/{path}")
        assert_printed(page, drawn=False)  # printed straight away, not scrolled
        page.evaluate(SCROLL_TO_FIGURES)
        _shown_twins(page, "light")
        page.evaluate("""() => {
          document.documentElement.dataset.mode = 'dark'
          document.documentElement.dataset.theme = 'dark'
        }""")
        before = _shown_twins(page, "dark")
        for _ in range(100):  # the page asks for BokehJS once a figure is near: wait for it
            if held:
                break
            page.wait_for_timeout(100)
        assert held, "BokehJS was not requested"
        for route in held:  # let BokehJS through
            route.continue_()
        context.unroute("**/_static/bokeh/*")
        page.evaluate(SCROLL_TO_FIGURES)
        page.wait_for_function(FIGURES_FINISHED, timeout=20_000)
        page.wait_for_function("() => [...document.querySelectorAll('[data-mlmath-figure]')]"
                               ".every((f) => f.hasAttribute('data-mlmath-drawn'))")
        after = page.evaluate(TWINS)
        assert all(not figure["twins"] for figure in after), after
        # The box kept its height: the picture waited in the room the figure takes.
        for old, new in zip(before, after):
            assert abs(old["height"] - new["height"]) <= 1, (old, new)
        assert_printed(page, drawn=True)  # the plots as drawn, without controls
    finally:
        context.close()
