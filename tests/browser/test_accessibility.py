"""Every page works with a keyboard and a screen reader, in light and dark mode.

axe-core (pinned in package-lock.json) audits each page once its figures are
drawn. Formulas come typeset in the page; a screen reader must get each as
MathML, not as the glyphs drawn on screen. Neither axe nor Lighthouse looks
into a canvas, so the
figures are also checked in Chromium's accessibility tree (CDP
``Accessibility.getFullAXTree``, what a screen reader is given): every
control named after its widget, every figure described by the alt text of its
static twin, and one control per figure reached with Tab and moved with the
keyboard. The widget kinds no chapter uses yet are checked on a test page.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIGURES_FINISHED, book_pages, html_pages, serve
from tests.browser.support import figure_pages as support_figure_pages
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

#: Serious or critical axe violations that only the theme (pydata-sphinx-theme,
#: sphinx-book-theme) can fix: rule id -> (CSS selector part of the element
#: axe names, why it stays). None today; an entry that no longer occurs goes.
THEME_ONLY: dict[str, tuple[str, str]] = {}

DARK_MODE = "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark')"
LIGHT_MODE = "localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light')"

#: Roles of the things a reader operates.
CONTROL_ROLES = {"slider", "button", "combobox", "listbox", "spinbutton", "textbox",
                 "checkbox", "radio", "switch", "menuitem", "tab", "searchbox"}

#: JS: the focused element, looking inside shadow roots.
DEEP_ACTIVE = """() => {
  let element = document.activeElement
  while (element && element.shadowRoot && element.shadowRoot.activeElement)
    element = element.shadowRoot.activeElement
  return element
}"""

#: JS: every slider title in the named figure's Bokeh document(s).
SLIDER_TITLES = """(name) => {
  const figure = document.querySelector(`[data-mlmath-figure="${name}"]`)
  const sliders = new Set()  // the figure's parts (its roots) share one document
  for (const root of figure.querySelectorAll('[data-root-id]')) {
    const doc = Bokeh.index.get_by_id(root.dataset.rootId).model.document
    for (const model of doc.all_models)
      if (model.type.endsWith('Slider')) sliders.add(model)
  }
  return [...sliders].map((model) => model.title)
}"""

#: JS: what the figure shows a reader: widget values, plotted data, texts.
FIGURE_STATE = """(name) => {
  const figure = document.querySelector(`[data-mlmath-figure="${name}"]`)
  const state = {}
  for (const root of figure.querySelectorAll('[data-root-id]')) {
    const doc = Bokeh.index.get_by_id(root.dataset.rootId).model.document
    for (const model of doc.all_models) {
      for (const key of ['value', 'active', 'data', 'text'])
        if (model.properties[key]) state[`${model.id}.${key}`] = JSON.stringify(model[key])
    }
  }
  return state
}"""


def is_redirect(html_root: Path, path: str) -> bool:
    return 'http-equiv="refresh"' in (html_root / path).read_text().lower()


def content_pages(html_root: Path) -> list[str]:
    """Every page a reader lands on (not the index.html that forwards to the first)."""
    return [path for path in html_pages(html_root) if not is_redirect(html_root, path)]


def figure_pages(html_root: Path) -> list[str]:
    return [path for path in content_pages(html_root)
            if "data-mlmath-figure" in (html_root / path).read_text()]


def ready(page) -> None:
    """Wait until the page is as a reader sees it: figures drawn and made
    accessible, fonts (the formulas' too) loaded. The formulas come typeset."""
    if wait_for_figures(page):
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-mlmath-figure]')]"
            ".every((figure) => figure.hasAttribute('data-mlmath-accessible'))")
    page.evaluate("async () => { await document.fonts.ready }")


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page (only ``rules``, if given)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (rules) => (await axe.run(document, Object.assign(
      {resultTypes: ['violations']},
      rules ? {runOnly: {type: 'rule', values: rules}} : {}))).violations""", rules)


def static_twin_alt_texts(built_book) -> dict[str, str]:
    """Figure name -> the alt text of its static twin, as the built pages give
    it to the picture that waits in the figure's place."""
    alts = {}
    twin = re.compile(r'data-mlmath-figure="([a-z0-9-]+)".*?<img class="mlmath-figure-twin'
                      r'[^>]*\salt="([^"]*)"', re.S)
    for path in figure_pages(built_book):
        for name, alt in twin.findall((built_book / path).read_text()):
            alts[name] = html.unescape(alt)
    return alts


class AXTree:
    """Chromium's accessibility tree of a page (what a screen reader is given)."""

    def __init__(self, cdp):
        self.nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        self.by_id = {node["nodeId"]: node for node in self.nodes}
        self.by_dom = {node["backendDOMNodeId"]: node for node in self.nodes
                       if "backendDOMNodeId" in node}

    def below(self, node) -> list[dict]:
        found, todo = [], list(node.get("childIds", []))
        while todo:
            child = self.by_id.get(todo.pop())
            if child is not None:
                found.append(child)
                todo.extend(child.get("childIds", []))
        return found


def role(node) -> str:
    return node.get("role", {}).get("value", "")


def name(node) -> str:
    return node.get("name", {}).get("value", "").strip()


def figure_dom_nodes(cdp) -> dict[str, int]:
    """Figure name -> backend DOM node id of its wrapper."""
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = {}
    query = {"nodeId": root, "selector": "[data-mlmath-figure]"}
    for node_id in cdp.send("DOM.querySelectorAll", query)["nodeIds"]:
        node = cdp.send("DOM.describeNode", {"nodeId": node_id})["node"]
        attributes = dict(zip(node["attributes"][::2], node["attributes"][1::2]))
        found[attributes["data-mlmath-figure"]] = node["backendNodeId"]
    return found


# -- every page's head (read from the files) -----------------------------------------
def test_every_page_has_a_language_its_own_title_a_description_and_the_favicon(built_book):
    titles, descriptions = {}, {}
    for path in html_pages(built_book):
        html = (built_book / path).read_text()
        assert re.search(r'<html[^>]* lang="en"', html), path
        assert re.search(r'<link rel="icon" href="[^"]*_static/favicon\.svg"', html), path
        assert (built_book / "_static" / "favicon.svg").exists()
        title = re.search(r"<title>([^<]+)</title>", html)
        description = re.search(r'<meta name="description" content="([^"]{50,300})"', html)
        assert title and description, f"{path}: title or description missing or too short"
        if not is_redirect(built_book, path):
            titles.setdefault(title.group(1), []).append(path)
            descriptions.setdefault(description.group(1), []).append(path)
    assert all(len(paths) == 1 for paths in titles.values()), titles
    assert all(len(paths) == 1 for paths in descriptions.values()), descriptions


def test_no_page_loads_a_script_that_holds_back_its_text(built_book):
    # Render-blocking: a <script src> in <head> without defer or async. Only
    # documentation_options.js may block (inline scripts that follow need it),
    # and on the search page the search tools.
    for path in html_pages(built_book):
        head = (built_book / path).read_text().split("</head>")[0]
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head):
            source = re.search(r'src="([^"?]+)', tag).group(1)
            blocking = not re.search(r"\b(defer|async)\b", tag)
            allowed = source.endswith("documentation_options.js") or (
                path == "search.html" and source.endswith(
                    ("searchtools.js", "language_data.js", "searchindex.js", "doctools.js",
                     "sphinx_highlight.js", "clipboard.min.js", "copybutton.js",
                     "sphinx-book-theme.js", "togglebutton.js", "design-tabs.js")))
            assert not blocking or allowed, f"{path}: {tag}"
            assert "fontawesome.js" not in source, f"{path}: 1.5 MB of icon JavaScript"
            assert path == "search.html" or "searchindex" not in source, path
            assert "/bokeh/" not in source, f"{path}: BokehJS waits until a figure is near"


# -- axe ----------------------------------------------------------------------
#: The rules whose outcome a colour scheme can change: axe runs them again in dark mode.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_problems(page, path: str, mode: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    problems = []
    for violation in axe_violations(page, rules):
        if violation["impact"] not in BLOCKING:
            continue
        rule = violation["id"]
        for node in violation["nodes"]:
            target = json.dumps(node["target"])
            if rule in THEME_ONLY and THEME_ONLY[rule][0] in target:
                continue
            problems.append(f"{path} ({mode}): {rule} ({violation['impact']}) at "
                            f"{target}: {node['failureSummary']}")
    return problems


def switch_to_dark(page) -> None:
    """The theme's dark mode, as its button leaves the page, once every colour
    has faded to its dark value (the figures recolour too)."""
    page.evaluate("""async () => {
      document.documentElement.dataset.mode = 'dark'
      document.documentElement.dataset.theme = 'dark'
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      await Promise.allSettled(document.getAnimations().map((a) => a.finished))
    }""")
    ready(page)


# -- what a screen reader gets from the formulas -------------------------------
def _elements(node, name: str):
    """Every element called ``name`` in a DOM tree from ``DOM.getDocument``."""
    if node.get("nodeName", "").lower() == name:
        yield node
    for child in node.get("children", []):
        yield from _elements(child, name)


def _children(node, name: str) -> list:
    return [child for child in node.get("children", [])
            if child.get("nodeName", "").lower() == name]


def check_mathml(page, cdp, tree: "AXTree", path: str) -> None:
    """Every formula reaches a screen reader as MathML, once: the drawn glyphs
    are hidden from it. (Solutions must be unfolded first.)"""
    # The whole DOM at once, each node with the id the accessibility tree uses.
    document = cdp.send("DOM.getDocument", {"depth": -1})["root"]
    containers = list(_elements(document, "mjx-container"))
    assert containers and len(containers) == page.locator(".math").count(), path
    for number, container in enumerate(containers, 1):
        where = f"{path}, formula {number}"
        maths = [math for mml in _children(container, "mjx-assistive-mml")
                 for math in _children(mml, "math")]
        assert len(maths) == 1, f"{where}: {len(maths)} MathML formulas"
        math = tree.by_dom.get(maths[0]["backendNodeId"])
        assert math is not None and role(math) == "MathMLMath", f"{where}: {math}"
        spoken = [name(n) for n in tree.below(math) if role(n) == "StaticText"]
        assert any(spoken), f"{where}: the MathML is empty"
        # The drawn glyphs (mjx-math, aria-hidden) are not read as well.
        for glyphs in _children(container, "mjx-math"):
            drawn = tree.by_dom.get(glyphs["backendNodeId"])
            read = [name(n) for n in ([drawn, *tree.below(drawn)] if drawn else [])
                    if not n.get("ignored") and role(n) == "StaticText"]
            assert not read, f"{where}: the drawn glyphs are read too: {read}"
    # What the characteristic polynomial's MathML says, in the glossary.
    if path.endswith("glossary.html"):
        said = page.evaluate("""() => [...document.querySelectorAll('mjx-assistive-mml')]
          .map((mml) => mml.textContent)""")
        assert any(s.replace("\u2061", "") == "det(A−λI)" for s in said), said[:5]


# -- what a screen reader gets from the figures --------------------------------
def check_figures_for_screen_readers(page, cdp, tree: "AXTree", alts: dict, path: str) -> None:
    """Every figure is a named group described by its twin's alt text, every
    control in it named (sliders after their titles, with their values), its
    readout a live region, no bare canvas exposed."""
    wrappers = figure_dom_nodes(cdp)
    assert wrappers, f"{path}: no figure"
    for figure, dom_id in wrappers.items():
        where = f"{path}, figure {figure}"
        group = tree.by_dom[dom_id]
        assert role(group) == "group" and name(group), where
        # The text alternative: the same words as the static twin's alt.
        assert group.get("description", {}).get("value") == alts[figure], where
        below = [node for node in tree.below(group) if not node.get("ignored")]
        controls = [node for node in below if role(node) in CONTROL_ROLES]
        assert controls, f"{where}: no control"
        unnamed = [role(node) for node in controls if not name(node)]
        assert not unnamed, f"{where}: controls without a name: {unnamed}"
        sliders = [node for node in controls if role(node) == "slider"]
        titles = page.evaluate(SLIDER_TITLES, figure)
        assert len(sliders) >= len(titles), where
        for title in titles:  # each slider is called by its label
            assert any(name(node).startswith(title) for node in sliders), f"{where}: {title}"
        for slider in sliders:  # ... and says where it stands
            assert slider.get("value", {}).get("value") not in (None, ""), where
        canvases = [node for node in below if role(node).lower() == "canvas"]
        assert not canvases, f"{where}: a canvas without text is exposed"
        assert any(role(node) == "status" for node in below), f"{where}: readout is silent"


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


def check_math_fonts(page, path: str) -> None:
    """The formulas' fonts come from the book itself, and load."""
    fonts = page.evaluate(MATH_FONTS)
    failed = [family for family, status in fonts["faces"] if status == "error"]
    assert not failed, f"{path}: fonts failed to load: {failed}"
    assert any(status == "loaded" for _, status in fonts["faces"]), path
    assert fonts["files"], f"{path}: no font file fetched"
    for url, status in fonts["files"]:
        assert re.match(r"^/_static/mathjax-\d[^/]*/fonts-[0-9a-f]{10}/MathJax_[\w-]+\.woff2$",
                        url), url
        assert status == 200, f"{path}: {url} answered {status}"


# -- one visit per page: what every reader gets ------------------------------------
@pytest.mark.parametrize("path", book_pages() + ["index.html"])
def test_a_reader_gets_the_page_offline_and_accessible_in_light_and_dark_mode(
        visit, built_book, path):
    """One visit does what a reader does: open the page with the network cut
    off, scroll past every figure, switch to dark mode, unfold the solutions.
    On the way: every figure draws, the math fonts load from the book, no
    request leaves 127.0.0.1 and nothing fails in the console; axe finds no
    serious or critical violation (every rule in light mode, the colour rules
    again in dark); every formula and every figure reaches a screen reader."""
    html = (built_book / path).read_text()
    record = visit(path, init_script=LIGHT_MODE)
    page = record.page
    if is_redirect(built_book, path):  # index.html, which sends the reader on
        target = re.search(r'url=([^"]+)"', html).group(1)
        page.wait_for_url(f"**/{target}")  # (the page it reaches has its own visit)
        page.wait_for_load_state("load")
        record.assert_clean()
        return
    figures = page.locator("[data-mlmath-figure]").count()
    ready(page)
    assert figures == html.count("data-mlmath-figure="), path  # and every one drew (ready)
    if "<mjx-container" in html:
        check_math_fonts(page, path)
    problems = axe_problems(page, path, "light")
    switch_to_dark(page)
    problems += axe_problems(page, path, "dark", COLOUR_RULES)
    assert not problems, "\n".join(problems)
    # Solutions are folded away (sphinx-togglebutton): unfold them, as a reader would.
    page.evaluate("""() => {
      document.querySelectorAll('.toggle-hidden').forEach((e) => e.classList.remove('toggle-hidden'))
      document.querySelectorAll('details').forEach((d) => { d.open = true })
    }""")
    if "<mjx-container" in html or figures:
        cdp = page.context.new_cdp_session(page)
        tree = AXTree(cdp)
        if "<mjx-container" in html:
            check_mathml(page, cdp, tree, path)
        if figures:
            check_figures_for_screen_readers(page, cdp, tree, static_twin_alt_texts(built_book),
                                             path)
    try:
        record.assert_clean()  # no request left 127.0.0.1, no error in the console
    except AssertionError as error:
        raise AssertionError(f"{path}: {error}") from None


def focus_just_before(page, figure: str) -> None:
    """Focus the last element a Tab reaches before the figure."""
    focused = page.evaluate("""(name) => {
      const figure = document.querySelector(`[data-mlmath-figure="${name}"]`)
      const tabbable = 'a[href], button, input, select, textarea, [tabindex]'
      const before = [...document.querySelectorAll(tabbable)]
        .filter((el) => el.tabIndex >= 0 && !el.disabled && el.checkVisibility()
                && (el.compareDocumentPosition(figure) & Node.DOCUMENT_POSITION_FOLLOWING))
      const last = before.at(-1)
      last.focus()
      return document.activeElement === last
    }""", figure)
    assert focused


def focused_ax_node(page, cdp) -> dict:
    handle = cdp.send("Runtime.evaluate", {"expression": f"({DEEP_ACTIVE})()"})["result"]
    return cdp.send("Accessibility.getPartialAXTree",
                    {"objectId": handle["objectId"], "fetchRelatives": False})["nodes"][0]


@pytest.mark.parametrize("path", support_figure_pages())
def test_one_control_per_figure_is_reached_and_operated_by_keyboard_alone(visit, built_book,
                                                                          path):
    operated = 0
    record = visit(path)
    page = record.page
    ready(page)
    cdp = page.context.new_cdp_session(page)
    for figure in page.evaluate(
            "() => [...document.querySelectorAll('[data-mlmath-figure]')]"
            ".map((f) => f.dataset.mlmathFigure)"):
        where = f"{path}, figure {figure}"
        focus_just_before(page, figure)
        page.keyboard.press("Tab")
        inside = page.evaluate(f"""(name) => {{
          let node = ({DEEP_ACTIVE})()
          while (node.getRootNode() instanceof ShadowRoot) node = node.getRootNode().host
          return document.querySelector(`[data-mlmath-figure="${{name}}"]`).contains(node)
        }}""", figure)
        assert inside, f"{where}: Tab does not lead into the figure"
        control = focused_ax_node(page, cdp)
        assert role(control) in CONTROL_ROLES and name(control), f"{where}: {control}"
        before = page.evaluate(FIGURE_STATE, figure)
        if role(control) == "slider":
            value = control["value"]["value"]
            page.keyboard.press("ArrowRight")
            page.wait_for_function(FIGURES_FINISHED)
            if page.evaluate(FIGURE_STATE, figure) == before:  # it was at its maximum
                page.keyboard.press("ArrowLeft")
                page.wait_for_function(FIGURES_FINISHED)
            moved = focused_ax_node(page, cdp)
            assert moved["value"]["value"] != value, f"{where}: the new value is not told"
        else:
            page.keyboard.press("Space" if role(control) in {"button", "checkbox", "switch"}
                                else "ArrowDown")
            page.wait_for_function(FIGURES_FINISHED)
        assert page.evaluate(FIGURE_STATE, figure) != before, f"{where}: nothing changed"
        # The focused control looks focused: its outline or shadow changes on blur.
        focused, blurred = page.evaluate(f"""() => {{
          const control = ({DEEP_ACTIVE})()
          const look = () => {{
            const style = getComputedStyle(control)
            return [style.outlineStyle, style.outlineWidth, style.outlineColor,
                    style.boxShadow].join(' ')
          }}
          const focused = look()
          control.blur()
          return [focused, look()]
        }}""")
        assert focused != blurred, f"{where}: focus is not visible ({focused})"
        operated += 1
    record.assert_clean()
    record.close()
    assert operated >= 1


# -- widgets no chapter uses yet ---------------------------------------------------
def widget_zoo():
    """A BookFigure with one of each widget a figure might use."""
    from bokeh.models import (Button, CheckboxButtonGroup, CheckboxGroup, Div, NumericInput,
                              RadioButtonGroup, RadioGroup, RangeSlider, Select, Slider,
                              Spinner, Switch, TextInput, Toggle)
    from matplotlib.figure import Figure

    from mlmath.figures import kit

    widgets = [
        Slider(start=0, end=1, value=0.5, step=0.1, title="Slope"),
        RangeSlider(start=0, end=10, value=(2, 8), step=1, title="Window"),
        Select(title="Kernel", options=["linear", "rbf"], value="linear"),
        Button(label="Reset"), Toggle(label="Show residuals"),
        RadioButtonGroup(labels=["L1", "L2"], active=0),
        RadioGroup(labels=["mean", "median"], active=0),
        CheckboxGroup(labels=["bias"], active=[0]),
        CheckboxButtonGroup(labels=["x", "y"], active=[]),
        Spinner(title="Degree", low=1, high=9, step=1, value=3),
        NumericInput(title="Seed", value=1), TextInput(title="Label", value="a"),
        Switch(active=True, label="Fit intercept"),
    ]
    plot = kit.canvas("widget-zoo-plot", title="a line", width=200, height=200)
    plot.line([0, 1], [0, 1])
    static = Figure()
    static.add_subplot().plot([0, 1], [0, 1])
    return kit.BookFigure("widget-zoo", [kit.Controls(*widgets), kit.readout(
        "widget-zoo", "Loss: 0.25"), plot], static, "A rising line.")


def test_every_kind_of_widget_is_named_and_states_its_value(browser, tmp_path):
    from bokeh.util.paths import bokehjs_path

    figure = widget_zoo()
    static = tmp_path / "_static"
    static.mkdir()
    script = resources.files("mlmath.book").joinpath("static", "mlmath-figures.js")
    (static / "mlmath-figures.js").write_text(script.read_text("utf-8"))
    for bundle in ("bokeh", "bokeh-widgets"):
        shutil.copy(Path(bokehjs_path()) / "js" / f"{bundle}.min.js", static)
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Widgets</title>'
        '<link rel="icon" href="data:,"><script>window.mlmathFigureQueue = []</script>'
        '<script defer src="_static/mlmath-figures.js" '
        'data-bokehjs="_static/bokeh.min.js _static/bokeh-widgets.min.js"></script>'
        f"</head><body><main><h1>Widgets</h1>{figure.to_html()}</main></body></html>")
    with serve(tmp_path) as url:
        page = browser.new_context().new_page()
        page.goto(f"{url}/index.html")
        page.wait_for_selector("[data-mlmath-accessible]")
        tree = AXTree(page.context.new_cdp_session(page))
        live = [node for node in tree.nodes if not node.get("ignored")]
        controls = [node for node in live if role(node) in CONTROL_ROLES]
        unnamed = [role(node) for node in controls if not name(node)]
        assert not unnamed, f"controls without a name: {unnamed}"
        names = {name(node) for node in controls}
        assert {"Slope", "Window, lower end", "Window, upper end", "Kernel", "Reset",
                "Degree", "Increase Degree", "Seed", "Label", "mean", "bias"} <= names
        pressed = {name(node): prop["value"]["value"] for node in controls
                   for prop in node.get("properties", []) if prop["name"] == "pressed"}
        assert pressed == {"Show residuals": "false", "L1": "true", "L2": "false",
                           "x": "false", "y": "false"}
        # Sliders say the value they show ("0.50", "2 .. 8"), not noUiSlider's own
        # two decimals ("2.00"), and follow it when it changes.
        said = dict(page.evaluate("""() => [...document.querySelectorAll('*')]
          .flatMap((e) => [...(e.shadowRoot?.querySelectorAll('.noUi-handle') ?? [])])
          .map((h) => [h.getAttribute('aria-label'), h.getAttribute('aria-valuetext')])"""))
        assert said == {"Slope": "0.50", "Window, lower end": "2", "Window, upper end": "8"}
        page.locator(".noUi-handle").nth(1).focus()  # the Window's lower end: 2 -> 3
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => [...document.querySelectorAll('*')].some((e) => "
                               "e.shadowRoot?.querySelector('.noUi-handle[aria-valuetext=\"3\"]'))")
        assert any(role(node) == "status" for node in live)
        assert not [node for node in live if role(node).lower() == "canvas"]
        serious = [v["id"] for v in axe_violations(page) if v["impact"] in BLOCKING]
        assert not serious
        page.context.close()
