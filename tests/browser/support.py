"""Serving the built book on 127.0.0.1 and driving Debian's Chromium.

Shared by the browser tests (``conftest.py``) and the benchmarks.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True  # server_close() waits for (and closes) every connection


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port); yield its base URL."""
    server = _Server(("127.0.0.1", 0),
                     functools.partial(_QuietHandler, directory=str(directory)))
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
