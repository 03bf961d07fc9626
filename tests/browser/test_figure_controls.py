"""Every figure answers its controls in the page as its Python twin says it must.

The figures' callbacks are checked against Python for many settings in BokehJS
without a browser (``tests/figures/``). Here the built pages are used as a
reader uses them, and what the page then shows is compared with the figure
module's ``page_state`` for the controls' values as the page holds them, on a
phone: each figure's first slider tapped on its track and its handle dragged
with a finger (Chromium touch events, as a touchscreen sends them). The
keyboard is checked the same way on every screen (``test_figure_screens.py``).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_figures
from tests.browser.support import (CONTROLS, FIGURES_FINISHED, assert_page_matches_python,
                                   figure_pages)

pytestmark = pytest.mark.browser

PHONE = dict(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True,
             device_scale_factor=2)


def figures_on(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('[data-mlmath-figure]')]"
                         ".map((f) => f.dataset.mlmathFigure)")


def touch(cdp, kind: str, x: float, y: float) -> None:
    points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


@pytest.mark.parametrize("path", figure_pages())
def test_sliders_follow_a_finger_on_a_phone(browser, book_url, path):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{book_url}/{path}")
        wait_for_figures(page)
        cdp = context.new_cdp_session(page)
        for figure in figures_on(page):
            sliders = [c for c in page.evaluate(CONTROLS, figure) if c[3] == "Slider"]
            if not sliders:
                continue
            name = sliders[0][0]
            spec = page.evaluate("(n) => { for (const d of Bokeh.documents) { const m = "
                                 "d.get_model_by_name(n); if (m) return [m.start, m.end, m.step] } }",
                                 name)
            track = page.locator(f"[data-mlmath-figure='{figure}'] .noUi-target").first
            track.scroll_into_view_if_needed()
            box = track.bounding_box()
            y = box["y"] + box["height"] / 2

            def value():
                return page.evaluate("(n) => { for (const d of Bokeh.documents) { const m = "
                                     "d.get_model_by_name(n); if (m) return m.value } }", name)

            def near(fraction):  # the slider's value at that point of its track, to a step
                start, end, step = spec
                return abs(value() - (start + fraction * (end - start))) <= step * 1.01 + 1e-9

            # Tap the track far from the handle (a tap beside a handle is taken as
            # one on the handle, as phones do), then drag the handle back.
            handle = page.locator(f"[data-mlmath-figure='{figure}'] .noUi-handle").first
            grip = handle.bounding_box()
            at = (grip["x"] + grip["width"] / 2 - box["x"]) / box["width"]
            tap, drag = (0.1, 0.8) if at > 0.5 else (0.9, 0.2)
            page.touchscreen.tap(box["x"] + tap * box["width"], y)
            page.wait_for_function(FIGURES_FINISHED)
            assert near(tap), f"{figure}: a tap at {tap:.0%} of the track gave {value()}"

            page.wait_for_timeout(400)  # noUiSlider slides the handle over 0.3 s
            grip = handle.bounding_box()
            x0, y0 = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
            target = box["x"] + drag * box["width"]
            touch(cdp, "touchStart", x0, y0)
            for k in range(1, 11):
                touch(cdp, "touchMove", x0 + (target - x0) * k / 10, y0)
            touch(cdp, "touchEnd", target, y0)
            page.wait_for_function(FIGURES_FINISHED)
            assert near(drag), f"{figure}: a drag to {drag:.0%} of the track gave {value()}"
            assert_page_matches_python(page, figure)
        assert not errors, errors
    finally:
        context.close()
