"""Every figure fits a phone, a tablet and a desktop, in light and in dark mode,
and answers a finger on the phone as its Python twin says it must.

For each page with figures, on a 360 px phone with touch and on a 1280 px
desktop, the page is read as a reader would: loaded, scrolled past every
figure, then switched to the other mode with the theme's own button, and
back. The desktop's window is then narrowed to a 768 px tablet's (the same
layout rules decide, by the column's width, so one page serves both), and on
the phone each figure's first slider is tapped on its track and its handle
dragged with a finger (Chromium touch events, as a touchscreen sends them).
Checked:

- no figure is wider than its column, none scrolls sideways, nor does the page;
- every cell holds what is drawn in it (so nothing moves when BokehJS draws
  the figure: the page's layout shift stays at most 0.05), and a cell reserves
  little more than that;
- text at least 11 px and touch targets at least 24 × 24 px;
- in dark mode every colour of every figure is a dark palette colour (the
  plot background is dark, the text light), also after a control has moved;
- each figure's first control, moved with the keyboard (in the mode switched
  to), leaves in the page what its module's ``page_state`` computes;
  back in light mode, every colour is light again, all without a reload. The
  phone opens the page dark (figures recoloured before they are drawn), the
  desktop light (recoloured when the reader switches);
- the tablet's width: the layout checks again;
- a tap and a drag by finger on the phone leave the slider where the finger
  was and the page as ``page_state`` computes for it; on a plot that a tap
  moves a point on (``kit.tap_moves``), a tap puts the point's sliders at the
  tapped coordinates, to a step. (The callbacks are
  checked against Python for many settings without a browser, in
  ``tests/figures/``.)
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from mlmath.figures.kit import TAP_TAG
from tests.browser.support import (CONTROLS, FIGURE_LAYOUT, FIGURES_FINISHED, FIND_MODEL,
                                   SCROLL_TO_FIGURES, assert_page_matches_python, figure_pages,
                                   press_key)

pytestmark = pytest.mark.browser

SCREENS = {
    "phone": dict(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True,
                  device_scale_factor=2),
    "desktop": dict(viewport={"width": 1280, "height": 900}),
}
#: The window the desktop is narrowed to after its checks.
TABLET = {"width": 768, "height": 1024}
#: The mode each screen opens the page in: the phone starts dark (the figures are
#: recoloured before they are drawn), the desktop light (recoloured when switched).
START = {"phone": "dark", "desktop": "light"}
#: Layout shifts, as Chromium reports them (no input in between).
WATCH_SHIFTS = """
localStorage.setItem('mode', '%(mode)s'); localStorage.setItem('theme', '%(mode)s')
window.mlmathShifts = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (!entry.hadRecentInput) window.mlmathShifts.push(entry.value)
}).observe({type: 'layout-shift', buffered: true})"""
#: Room a plot's or a control's cell may keep beyond what is drawn in it. (A
#: readout keeps room for its longest text, a group of controls for its largest
#: shape: there, what is drawn only has to fit.)
SLACK_PX = 4

#: JS: the palette colours in a figure's documents, light ones and dark ones.
COLOURS_IN_FIGURE = """(name) => {
  const figure = document.querySelector(`[data-mlmath-figure="${name}"]`)
  const table = JSON.parse(figure.dataset.mlmathPalette)
  const light = new Set(Object.keys(table)), dark = new Set(Object.values(table))
  const found = {light: [], dark: []}
  const note = (value, where) => {
    const colour = typeof value === 'string' ? value.toLowerCase()
      : (value && typeof value.value === 'string') ? value.value.toLowerCase() : null
    if (light.has(colour)) found.light.push(`${where} ${colour}`)
    else if (dark.has(colour)) found.dark.push(`${where} ${colour}`)
  }
  const docs = new Set([...figure.querySelectorAll('[data-root-id]')]
    .map((root) => Bokeh.index.get_by_id(root.dataset.rootId).model.document))
  for (const doc of docs) for (const model of doc.all_models) {
    const where = model.name || model.type
    for (const [key, property] of Object.entries(model.properties))
      if (key.endsWith('color')) note(property.get_value(), `${where}.${key}`)
    if (model.type === 'ColumnDataSource')
      for (const [column, values] of Object.entries(model.data))
        if (Array.isArray(values)) values.forEach((v) => note(v, `${where}.data.${column}`))
  }
  return found
}"""


def switch_theme(page, mode: str) -> None:
    """Press the theme's colour-mode button until the page is in ``mode``."""
    for _ in range(3):
        if page.evaluate("() => document.documentElement.dataset.theme") == mode:
            break
        page.evaluate("() => document.querySelector('.theme-switch-button').click()")
    assert page.evaluate("() => document.documentElement.dataset.theme") == mode
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function(FIGURES_FINISHED)


def plot_background(page, figure: str) -> tuple[int, int, int]:
    """The colour drawn in the top-left corner of the figure's first plot."""
    panel = page.locator(f"[data-mlmath-figure='{figure}'] .mlmath-panel").first
    return Image.open(io.BytesIO(panel.screenshot())).convert("RGB").getpixel((2, 2))


#: JS: the colour behind a figure: the first ancestor with a background.
BEHIND = """(name) => {
  let element = document.querySelector(`[data-mlmath-figure="${name}"]`)
  while (element) {
    const colour = getComputedStyle(element).backgroundColor
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour
    element = element.parentElement
  }
  return 'rgb(255, 255, 255)'
}"""


def check_colours(page, names: list[str], mode: str) -> None:
    other = "light" if mode == "dark" else "dark"
    for name in names:
        colours = page.evaluate(COLOURS_IN_FIGURE, name)
        assert colours[mode] and not colours[other], f"{name} in {mode} mode: {colours}"
        corner = plot_background(page, name)
        assert (max(corner) < 60) if mode == "dark" else (min(corner) > 240), \
            f"{name}: the plot's background is {corner} in {mode} mode"
        behind = [int(c) for c in page.evaluate(BEHIND, name)[4:-1].split(",")[:3]]
        assert (max(behind) < 60) if mode == "dark" else (min(behind) > 240), \
            f"{name}: the page behind it is {behind} in {mode} mode"
        ink = page.evaluate("(n) => getComputedStyle(document.querySelector("
                            "`[data-mlmath-figure='${n}']`)).color", name)
        assert ink == ("rgb(206, 214, 221)" if mode == "dark" else "rgb(34, 34, 34)"), \
            f"{name}: its text is {ink} in {mode} mode"


def check_layout(reports: list, screen: str, mode: str) -> None:
    for report in reports:
        where = f"{report['name']} on a {screen} in {mode} mode"
        assert report["width"] <= report["column"] + 0.5, f"{where}: wider than its column"
        assert report["scroll_width"] <= report["client_width"] + 1, f"{where}: scrolls sideways"
        assert report["page_scroll_width"] <= report["viewport"], f"{where}: the page scrolls"
        for cell in report["cells"]:
            assert cell["drawn"] is not None, f"{where}: a cell was not drawn"
            assert cell["drawn"] <= cell["reserved"] + 1, \
                f"{where}: {cell['name']} drawn {cell['drawn']:.1f} px in {cell['reserved']:.1f}"
            if cell["kind"] in ("panel", "control"):
                assert cell["reserved"] - cell["drawn"] <= SLACK_PX, \
                    f"{where}: {cell['name']} reserves {cell['reserved']:.1f} px for " \
                    f"{cell['drawn']:.1f}"
            assert cell["drawn_width"] <= cell["width"] + 0.5, f"{where}: {cell['name']} too wide"
        assert report["smallest_text"] >= 11, f"{where}: text of {report['smallest_text']} px"
        assert report["smallest_target"] >= 24, \
            f"{where}: a control of {report['smallest_target']:.0f} px: {report['targets']}"


def touch(cdp, kind: str, x: float, y: float) -> None:
    points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def follow_a_finger(page, cdp, names: list[str], mode: str) -> None:
    """Each figure's first slider: tapped on its track far from the handle,
    then its handle dragged back by finger; the slider must land where the
    finger was, to a step, and the page show what Python computes."""
    for figure in names:
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
        assert_page_matches_python(page, figure, mode)


#: JS: [plot, x slider, y slider] for every plot of the figure a tap moves a point on
#: (the figure's models are named "<figure>-...").
TAPPABLE = """(figure) => {
  const found = []
  for (const doc of Bokeh.documents)
    for (const model of doc.all_models)
      for (const tag of model.tags ?? [])
        if (typeof tag === 'string' && tag.startsWith('%s:')
            && (model.name ?? '').startsWith(`${figure}-`))
          found.push([model.name, ...tag.split(':').slice(1)])
  return found
}""" % TAP_TAG
#: JS: where the data point (x, y) of a plot is on the screen, by Bokeh's own scales,
#: after scrolling the plot to the middle of the window.
ON_SCREEN = """([name, x, y]) => {
  const plot = Bokeh.index.query_one((view) => view.model.name === name)
  plot.el.scrollIntoView({block: 'center'})  // the plot itself, not only its figure
  const box = plot.canvas_view.el.getBoundingClientRect()
  return [box.left + plot.frame.x_scale.compute(x), box.top + plot.frame.y_scale.compute(y)]
}"""


def tap_the_plots(page, names: list[str], mode: str) -> None:
    """On every plot a tap moves a point on, a finger tap at a spot off the
    sliders' grid puts both sliders at that spot, to a step."""
    for figure in names:
        for plot, *sliders in page.evaluate(TAPPABLE, figure):
            specs = [page.evaluate(f"(n) => {{ const m = ({FIND_MODEL})(n); "
                                   "return [m.start, m.end, m.step, m.value] }", name)
                     for name in sliders]
            # Far from where each slider is, a third of a step off the grid.
            target = [max((start + f * (end - start) + step / 3 for f in (0.2, 0.8)),
                          key=lambda v: abs(v - now))
                      for start, end, step, now in specs]
            x, y = page.evaluate(ON_SCREEN, [plot, *target])
            page.touchscreen.tap(x, y)
            # (Bokeh may hold a touch tap back a moment, to tell it from a double tap.)
            page.wait_for_function(
                f"(moved) => moved.every(([n, v]) => ({FIND_MODEL})(n).value !== v)",
                arg=[[name, spec[3]] for name, spec in zip(sliders, specs)], timeout=5_000)
            page.wait_for_function(FIGURES_FINISHED)
            for name, want, (start, end, step, before) in zip(sliders, target, specs):
                got = page.evaluate(f"(n) => ({FIND_MODEL})(n).value", name)
                assert abs(got - want) <= step / 2 + step / 10, (
                    f"{figure}: a tap at {want:g} set {name} to {got} (was {before})")
                assert abs((got - start) / step - round((got - start) / step)) < 1e-9
            assert_page_matches_python(page, figure, mode)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("path", figure_pages())
def test_figures_fit_the_screen_in_light_and_dark_mode(browser, book_url, path, screen):
    start = START[screen]
    other = "light" if start == "dark" else "dark"
    context = browser.new_context(**SCREENS[screen])
    context.add_init_script(WATCH_SHIFTS % {"mode": start})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{book_url}/{path}")
        page.evaluate(SCROLL_TO_FIGURES)
        page.wait_for_function(FIGURES_FINISHED, timeout=20_000)
        names = page.evaluate("() => [...document.querySelectorAll('[data-mlmath-figure]')]"
                              ".map((f) => f.dataset.mlmathFigure)")
        check_layout(page.evaluate(FIGURE_LAYOUT), screen, start)
        assert sum(page.evaluate("() => window.mlmathShifts")) <= 0.05, "layout shift"
        check_colours(page, names, start)

        switch_theme(page, other)
        check_layout(page.evaluate(FIGURE_LAYOUT), screen, other)
        check_colours(page, names, other)
        # A keyboard move shows what Python computes, and the colours the
        # callback writes follow the mode too.
        for name in names:
            control = page.locator(f"[data-mlmath-figure='{name}'] .noUi-handle, "
                                   f"[data-mlmath-figure='{name}'] .bk-spin-wrapper input").first
            if control.count():
                slider = "noUi" in (control.get_attribute("class") or "")
                for key in ("ArrowLeft", "ArrowRight") if slider else ("ArrowDown", "ArrowUp"):
                    press_key(page, control, key)
                    assert_page_matches_python(page, name, other)
        check_colours(page, names, other)

        switch_theme(page, start)
        check_colours(page, names, start)
        if screen == "desktop":  # narrowed to a tablet's window
            page.set_viewport_size(TABLET)
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => "
                          "requestAnimationFrame(r)))")
            page.wait_for_function(FIGURES_FINISHED)
            check_layout(page.evaluate(FIGURE_LAYOUT), "tablet", start)
        else:
            follow_a_finger(page, context.new_cdp_session(page), names, start)
            tap_the_plots(page, names, start)
        assert not errors, errors
    finally:
        context.close()
