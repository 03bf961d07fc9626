"""Serving the built book on 127.0.0.1 and driving Debian's Chromium.

Shared by the browser tests (``conftest.py``) and the benchmarks.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import mimetypes
import re
import shutil
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google at start.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

#: JS: the first Bokeh model with this name, across the page's documents.
FIND_MODEL = """(name) => {
  for (const doc of Bokeh.documents) {
    const model = doc.get_model_by_name(name)
    if (model) return model
  }
  return null
}"""

#: JS: every figure's root element has a finished view. (Bokeh.index also holds
#: a Notifications view per document, which is not a figure.)
FIGURES_FINISHED = """() => {
  if (typeof Bokeh === 'undefined' || !Bokeh.index) return false
  const roots = [...document.querySelectorAll('[data-mlmath-figure] [data-root-id]')]
  return roots.every((root) => {
    const view = Bokeh.index.get_by_id(root.dataset.rootId)
    return view !== undefined && view !== null && view.has_finished()
  })
}"""


#: JS: bring every figure into view in turn, a frame or two each, the way a
#: reader scrolls past them; back to the top of the page at the end.
SCROLL_TO_FIGURES = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
  for (const figure of document.querySelectorAll('[data-mlmath-figure]')) {
    figure.scrollIntoView({block: 'center'})
    await frame()
    await frame()
  }
  window.scrollTo(0, 0)
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


#: Files a static host would compress (binary formats such as PNG and WOFF2 are
#: compressed already).
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".inv",
                ".ttf", ".otf", ".ico"}
#: Files whose URL changes whenever their content does: the BokehJS and
#: MathJax folders named with their versions, the stylesheet bundle and icon
#: fonts named with their hashes, and anything Sphinx links with a
#: ``?v=``/``?digest=`` checksum. A host may let browsers keep them for a year.
VERSIONED_PATH = re.compile(r"^/_static/(bokeh/[a-z-]+-\d[^/]*\.js|mathjax-\d[^/]*/"
                            r"|mlmath-styles-[0-9a-f]+\.css$|mlmath-icons/)")
VERSIONED_QUERY = re.compile(r"(^|&)(v|digest)=")
LONG_CACHE = "public, max-age=31536000, immutable"


class _StaticHostHandler(_QuietHandler):
    """What a well-configured static host sends: gzip bodies (compressed once,
    kept in memory) and caching headers, long for versioned URLs and
    ``no-cache`` (revalidate, then 304) for the rest."""

    _compressed: dict = {}
    _lock = threading.Lock()

    def do_GET(self):
        self._send(with_body=True)

    def do_HEAD(self):
        self._send(with_body=False)

    def _send(self, with_body: bool):
        url = urlsplit(self.path)
        path = Path(self.translate_path(unquote(url.path)))
        if path.is_dir():
            if not url.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url.path + "/")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return
        stat = path.stat()
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                since_s = email.utils.parsedate_to_datetime(since).timestamp()
                unchanged = since_s >= int(stat.st_mtime)
            except (TypeError, ValueError):
                unchanged = False
            if unchanged:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self._caching_headers(url, modified)
                self.end_headers()
                return
        body = path.read_bytes()
        gzipped = (path.suffix in COMPRESSIBLE
                   and "gzip" in self.headers.get("Accept-Encoding", ""))
        if gzipped:
            key = (path, stat.st_mtime_ns)
            with self._lock:
                if key not in self._compressed:
                    self._compressed[key] = gzip.compress(body, compresslevel=9, mtime=0)
                body = self._compressed[key]
        self.send_response(HTTPStatus.OK)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("javascript"):
            content_type += "; charset=utf-8"
        self.send_header("Content-Type", content_type)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self._caching_headers(url, modified)
        self.end_headers()
        if with_body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser gave up on the request (a page left mid-load)

    def _caching_headers(self, url, modified: str) -> None:
        versioned = VERSIONED_PATH.match(url.path) or VERSIONED_QUERY.search(url.query)
        self.send_header("Cache-Control", LONG_CACHE if versioned else "no-cache")
        self.send_header("Last-Modified", modified)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True  # server_close() waits for (and closes) every connection


@contextlib.contextmanager
def serve(directory: Path, *, like_a_host: bool = False):
    """Serve ``directory`` on 127.0.0.1 (a free port); yield its base URL.

    With ``like_a_host``, bodies are gzip-compressed and carry caching headers,
    as a static host configured the way the README says would send them.
    """
    handler = _StaticHostHandler if like_a_host else _QuietHandler
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright):
    """Debian's Chromium under Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is missing: `make test` installs it")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def html_pages(html_root: Path) -> list[str]:
    """Every page of the built book, as paths relative to its root."""
    return sorted(
        path.relative_to(html_root).as_posix()
        for path in html_root.rglob("*.html")
        if not any(part.startswith((".", "_")) for part in path.relative_to(html_root).parts)
    )


def press_key(page, handle, key: str) -> None:
    """Focus a slider handle and press ``key``, as a keyboard user would; wait for
    the figures to finish redrawing."""
    handle.focus()
    page.keyboard.press(key)
    page.wait_for_function(FIGURES_FINISHED)


#: JS: how every figure on the page sits at this width, for the layout checks:
#: its box against the column and the page, each cell's reserved height against
#: what is drawn in it, the smallest text, and the smallest touch target.
FIGURE_LAYOUT = """() => {
  const column = (el) => {
    const parent = el.parentElement, style = getComputedStyle(parent)
    return parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
  }
  const inside = function* (root) {
    for (const el of root.querySelectorAll('*')) {
      yield el
      if (el.shadowRoot) yield* inside(el.shadowRoot)
    }
  }
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 }
  return [...document.querySelectorAll('[data-mlmath-figure]')].map((figure) => {
    const box = figure.getBoundingClientRect()
    const cells = [...figure.querySelectorAll('.mlmath-slot, .mlmath-panel')].map((cell) => {
      const root = cell.querySelector('[data-root-id]')
      const view = typeof Bokeh === 'undefined' ? null : Bokeh.index.get_by_id(root.dataset.rootId)
      // What is reserved: the cell's height with nothing drawn in it.
      const content = [...cell.children]
      content.forEach((el) => { el.dataset.mlmathDisplay = el.style.display; el.style.display = 'none' })
      const reserved = cell.getBoundingClientRect().height
      content.forEach((el) => { el.style.display = el.dataset.mlmathDisplay; delete el.dataset.mlmathDisplay })
      // What is drawn: the cell's height with nothing reserved (min-height 0).
      let drawn = null
      if (view) {
        const kept = cell.style.minHeight
        cell.style.minHeight = '0px'
        if (cell.classList.contains('mlmath-panel')) cell.style.aspectRatio = 'auto'
        drawn = cell.getBoundingClientRect().height
        cell.style.minHeight = kept
        cell.style.aspectRatio = ''
      }
      const kind = cell.classList.contains('mlmath-panel') ? 'panel'
        : cell.classList.contains('mlmath-readout') ? 'readout'
        : view && view.model.children !== undefined ? 'layout' : 'control'
      return {name: view ? view.model.name : null, kind, reserved,
              width: cell.getBoundingClientRect().width, drawn,
              drawn_width: view ? view.el.getBoundingClientRect().width : null}
    })
    let smallest_text = Infinity, smallest_target = Infinity, targets = []
    for (const el of inside(figure)) {
      if (!visible(el)) continue
      const own_text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
      if (own_text) smallest_text = Math.min(smallest_text, parseFloat(getComputedStyle(el).fontSize))
      if (el.matches('.noUi-handle, button, select, input, .bk-btn')) {
        const r = el.getBoundingClientRect()
        targets.push([el.className || el.tagName, r.width, r.height])
        smallest_target = Math.min(smallest_target, r.width, r.height)
      }
    }
    return {name: figure.dataset.mlmathFigure, width: box.width, height: box.height,
            column: column(figure), scroll_width: figure.scrollWidth,
            client_width: figure.clientWidth, page_scroll_width: document.documentElement.scrollWidth,
            viewport: window.innerWidth, cells, smallest_text, smallest_target, targets}
  })
}"""


def figure_pages() -> list[str]:
    """The built pages that show interactive figures, relative to the book's root."""
    from tests.chapters import figure_chapters

    return [f"{name}.html" for name in figure_chapters()]


def book_pages() -> list[str]:
    """Every page a reader lands on, from the table of contents (so that tests
    can be made one per page before the book is read): the chapters, the index
    and the search page."""
    from tests.chapters import toc_docnames

    return [f"{name}.html" for name in toc_docnames()] + ["genindex.html", "search.html"]


#: JS: every control's value, every source's data and every text of the
#: page's Bokeh documents, by model name.
SNAPSHOT = """() => {
  const state = {controls: {}, sources: {}, texts: {}}
  for (const doc of Bokeh.documents) {
    for (const model of doc.all_models) {
      const key = model.name || model.id
      if (model.type === 'Slider' || model.type === 'Spinner') state.controls[key] = model.value
      else if (model.type === 'ColumnDataSource') state.sources[key] = JSON.stringify(model.data)
      else if (model.type === 'Div') state.texts[key] = model.text
    }
  }
  return state
}"""


def changed(before: dict, after: dict) -> list:
    """The keys of ``after`` whose values are not those of ``before``."""
    return [key for key in after if before.get(key) != after[key]]


#: JS: the figure's controls, in page order: [name, property, value, kind].
CONTROLS = """(figure) => {
  const element = document.querySelector(`[data-mlmath-figure="${figure}"]`)
  const found = []
  for (const root of element.querySelectorAll('[data-root-id]')) {
    const view = Bokeh.index.get_by_id(root.dataset.rootId)
    const stack = [view]
    while (stack.length) {
      const v = stack.shift()
      const m = v.model
      if (m.name && ['Slider', 'Spinner', 'Select', 'Toggle'].includes(m.type) && m.visible)
        found.push([m.name, m.type === 'Toggle' ? 'active' : 'value',
                    m.type === 'Toggle' ? m.active : m.value, m.type])
      stack.push(...(v.child_views ?? []))
    }
  }
  return found
}"""

#: JS: {name: [property, ...]} -> {name: {property: value}}, arrays as lists.
READ = """(request) => {
  const plain = (v) => v === null || typeof v !== 'object' ? v
    : ArrayBuffer.isView(v) ? Array.from(v)
    : Array.isArray(v) ? v.map(plain)
    : v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]))
    : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  const find = (name) => {
    for (const doc of Bokeh.documents) { const m = doc.get_model_by_name(name); if (m) return m }
    throw new Error(`no model ${name}`)
  }
  const out = {}
  for (const [name, props] of Object.entries(request))
    out[name] = Object.fromEntries(props.map((p) => [p, plain(find(name)[p])]))
  return out
}"""


def _in_mode(value, dark: dict | None):
    """``value`` with every palette colour in it as the page shows it in dark
    mode (``dark``: light -> dark, :func:`mlmath.figures.kit.palette.theme_map`),
    colours in lower case."""
    if isinstance(value, str):  # the page may write a colour in either case
        colour = value.lower() if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else value
        return dark.get(colour, colour) if dark else colour
    if isinstance(value, dict):
        return {k: _in_mode(v, dark) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_in_mode(v, dark) for v in value]
    return value


def assert_page_matches_python(page, figure: str, mode: str = "light") -> None:
    """What the page shows of ``figure`` is its module's ``page_state`` for the
    values its controls hold in the page (its colours as ``mode`` shows them)."""
    from mlmath.figures.kit.palette import theme_map
    from tests.figures.bokehjs import assert_matches
    from tests.figures.registry import module_for

    controls = page.evaluate(CONTROLS, figure)
    values = {name: value for name, _, value, _ in controls}
    expected = _in_mode(module_for(figure).page_state(values),
                        theme_map() if mode == "dark" else None)
    shown = _in_mode(page.evaluate(READ, {name: list(props) for name, props in expected.items()}),
                     None)
    assert_matches(shown, expected, figure)
