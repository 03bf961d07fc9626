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
