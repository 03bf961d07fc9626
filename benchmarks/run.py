"""Measure the book and print the numbers next to their targets. Never asserts.

    make bench            # or: .venv/bin/python benchmarks/run.py [--skip-build]
    .venv/bin/python benchmarks/run.py --pages decision-trees   # one page's figures

Prints
- cold build time (a copy of the book with no cache) and no-change rebuild time;
- with ``--pdf``: the PDF's build time from a warm cache (a copy of the book
  with the HTML build's execution cache, so no chapter runs) and its pages;
- per page: HTML size, everything the page transfers (raw and gzip-compressed)
  and its number of requests;
- per figure page: time until every figure has rendered, for a reader who goes
  straight to the figures, from the scroll to them (the target) and from
  navigation (median of 3 loads);
- per slider or spinner: the CustomJS callback's time, and until the next frame
  is drawn (median and worst of 20 moves: 10 steps there and back; the first
  also runs the code for the first time).
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.build.conftest import copy_book  # noqa: E402
from tests.browser.support import (  # noqa: E402
    FIGURES_FINISHED, SCROLL_TO_FIGURES, html_pages, launch_chromium, serve,
)

HTML = ROOT / "_build" / "html"
JUPYTER_BOOK = [sys.executable, "-m", "mlmath.book.parallel"]  # as `make book` runs it

TARGETS = {
    "rebuild_s": 5.0,
    "pdf_s": 120.0,
    "render_ms": 1500.0,
    "html_kb": 150.0,
    "callback_ms": 16.0,
}

# In the page: once the DOM is read, go to the figures (BokehJS loads when a
# figure comes near); resolve once every figure has rendered, with the time
# since navigation and since the first figure was scrolled into view.
TIME_TO_FIGURES = f"""() => new Promise((resolve) => {{
  const finished = {FIGURES_FINISHED}
  let scrolled = null
  const poll = () => finished() && scrolled !== null
    ? resolve({{navigation: performance.now(), scroll: performance.now() - scrolled}})
    : requestAnimationFrame(poll)
  const go = () => {{ scrolled = performance.now(); ({SCROLL_TO_FIGURES})() }}
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go)
  else go()
  poll()
}})"""

# In the page: move every slider and spinner one step (and back) `repeats` times;
# time the CustomJS callbacks it runs and the wait until the next frame is painted
# (every move's; the first move also pays for compiling the code on its first run).
# BokehJS runs a CustomJS asynchronously (`execute` awaits the compiled code, then
# calls it), so the time of the assignment alone is not the callback's: each
# CustomJS's `execute` is wrapped to add up the time its code takes.
WRAP_CALLBACKS = """() => {
  window.mlmathCallbackMs = 0
  for (const doc of Bokeh.documents)
    for (const model of doc.all_models)
      if (model.type === 'CustomJS' && !model.mlmathTimed) {
        const execute = model.execute.bind(model)
        model.mlmathTimed = true
        model.execute = async (...args) => {
          await model.state()  // compiled once; not the reader's cost per move
          const t0 = performance.now()
          try { return await execute(...args) }
          finally { window.mlmathCallbackMs += performance.now() - t0 }
        }
      }
}"""

SLIDER_TIMINGS = f"""async ([repeats, largest]) => {{
  ({WRAP_CALLBACKS})()
  const sliders = []
  for (const doc of Bokeh.documents)
    for (const model of doc.all_models)
      if (model.type === 'Slider' || model.type === 'Spinner') sliders.push(model)
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
  if (largest) {{  // every slider at its largest value first (step counts, sample sizes)
    for (const slider of sliders) {{
      slider.value = slider.type === 'Spinner' ? slider.high : slider.end
      await frame()
    }}
  }}
  const results = []
  for (const slider of sliders) {{
    const callbacks = [], frames = []
    for (let i = 0; i < repeats; i++) {{
      const start = slider.value
      const end = slider.type === 'Spinner' ? slider.high : slider.end
      const next = start + slider.step <= end ? start + slider.step : start - slider.step
      for (const value of [next, start]) {{
        window.mlmathCallbackMs = 0
        const t0 = performance.now()
        slider.value = value
        await frame()
        const t2 = performance.now()
        callbacks.push(window.mlmathCallbackMs)
        frames.push(t2 - t0)
      }}
    }}
    results.push({{name: slider.name, callbacks, frames}})
  }}
  return results
}}"""


def flag(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def build(command: list[str]) -> str:
    """Run a book build and return its log; if it fails, show why (the log's end) and stop."""
    result = subprocess.run(command, capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{log[-4000:]}")
    return log


def time_builds() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_book(Path(tmp) / "book", with_cache=False)
        command = [*JUPYTER_BOOK, "build", str(book), "-W", "-n", "--keep-going"]
        times = []
        for _ in range(2):
            start = time.perf_counter()
            build(command)
            times.append(time.perf_counter() - start)
    print("## Build")
    print(f"cold build (no cache, every chapter executed): {times[0]:6.1f} s")
    print(f"no-change rebuild:                             {times[1]:6.1f} s"
          f"   target <= {TARGETS['rebuild_s']:.0f} s  {flag(times[1], TARGETS['rebuild_s'])}")


def time_pdf_build() -> None:
    """The whole PDF (Sphinx's LaTeX builder, then xelatex) from a warm cache."""
    cache = ROOT / "_build" / ".jupyter_cache"
    if not cache.exists():
        sys.exit("No execution cache: build the book first (make book)")
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_book(Path(tmp) / "book", with_cache=True)
        command = [*JUPYTER_BOOK, "build", str(book), "--builder", "pdflatex",
                   "-W", "-n", "--keep-going"]
        start = time.perf_counter()
        log = build(command)
        seconds = time.perf_counter() - start
        target = yaml.safe_load((ROOT / "_config.yml").read_text())["latex"]["latex_documents"]
        pdf = book / "_build" / "latex" / Path(target["targetname"]).with_suffix(".pdf").name
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = next((line.split()[-1] for line in info.splitlines()
                      if line.startswith("Pages:")), "?")
        executed = log.count("Executing notebook")
        size_kb = pdf.stat().st_size / 1024
    print("\n## PDF")
    print(f"PDF build, warm cache (chapters executed: {executed}): {seconds:6.1f} s"
          f"   target <= {TARGETS['pdf_s']:.0f} s  {flag(seconds, TARGETS['pdf_s'])}")
    print(f"PDF: {pages} pages, {size_kb:.0f} KB")


def measure_pages(only: str | None = None, largest: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    pages = [path for path in html_pages(HTML) if only is None or only in path]
    with serve(HTML) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        print("\n## Pages (transfer is the first visit, figures drawn; gzip is what a "
              "compressing host sends)")
        print(f"{'page':44} {'html KB':>8} {'all KB':>8} {'gzip KB':>8} {'requests':>8}")
        figure_pages = []
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            fetched: dict[str, int] = {}
            gzipped: dict[str, int] = {}

            def on_response(response, fetched=fetched, gzipped=gzipped):
                try:
                    body = response.body()
                except Exception:  # redirects and aborted requests have no body
                    return
                fetched[response.url] = len(body)
                gzipped[response.url] = len(gzip.compress(body, compresslevel=6))

            page.on("response", on_response)
            page.goto(f"{url}/{path}", wait_until="networkidle")
            if page.locator("[data-mlmath-figure]").count():  # a reader who reaches the figures
                page.evaluate(SCROLL_TO_FIGURES)
                page.wait_for_function(FIGURES_FINISHED)
                page.wait_for_load_state("networkidle")
            html_kb = (HTML / path).stat().st_size / 1024
            print(f"{path:44} {html_kb:8.1f} {sum(fetched.values()) / 1024:8.0f} "
                  f"{sum(gzipped.values()) / 1024:8.0f} {len(fetched):8d}"
                  + ("" if html_kb <= TARGETS["html_kb"] else "  HTML OVER TARGET"))
            if page.locator("[data-mlmath-figure]").count():
                figure_pages.append(path)
            context.close()

        print(f"\n## Figures (targets: render <= {TARGETS['render_ms']:.0f} ms, "
              f"callback <= {TARGETS['callback_ms']:.0f} ms)")
        for path in figure_pages:
            renders = []
            for _ in range(3):
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"{url}/{path}", wait_until="commit")
                renders.append(page.evaluate(TIME_TO_FIGURES))
                context.close()
            after_scroll = statistics.median(r["scroll"] for r in renders)
            after_navigation = statistics.median(r["navigation"] for r in renders)
            print(f"{path}: figures drawn {after_scroll:.0f} ms after the scroll to them "
                  f"({after_navigation:.0f} ms after navigation)  "
                  f"{flag(after_scroll, TARGETS['render_ms'])}")
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{url}/{path}")
            page.evaluate(TIME_TO_FIGURES)
            for row in page.evaluate(SLIDER_TIMINGS, [10, largest]):
                callback = statistics.median(row["callbacks"])
                print(f"  slider {row['name']:32} callback median {callback:5.2f} ms, "
                      f"worst {max(row['callbacks']):5.1f}; next frame median "
                      f"{statistics.median(row['frames']):5.1f} ms, worst "
                      f"{max(row['frames']):5.1f}  {flag(callback, TARGETS['callback_ms'])}")
            context.close()
        browser.close()


def measure_twins() -> None:
    """Bytes of the figures' placeholders (their static twins, SVG): a reader fetches
    one per figure, for the page's mode (budget: 60 KB gzip a figure)."""
    print("\n## Figure placeholders (SVG twins; one per figure is fetched, light or dark)")
    print(f"{'page':44} {'figures':>7} {'light KB':>9} {'gzip KB':>8} {'max/figure':>10}")
    for path in html_pages(HTML):
        page = (HTML / path).read_text(encoding="utf-8")
        sources = re.findall(r'<img class="mlmath-figure-twin mlmath-twin-light" src="([^"]+)"',
                             page)
        if not sources:
            continue
        sizes = []
        for source in sources:
            body = ((HTML / path).parent / source).resolve().read_bytes()
            sizes.append((len(body), len(gzip.compress(body, compresslevel=6))))
        largest = max(z for _, z in sizes) / 1024
        print(f"{path:44} {len(sources):7d} {sum(r for r, _ in sizes) / 1024:9.1f} "
              f"{sum(z for _, z in sizes) / 1024:8.1f} {largest:9.1f}"
              + ("" if largest <= 60 else "  OVER 60 KB"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="skip the build timings")
    parser.add_argument("--pages", metavar="TEXT",
                        help="measure only the pages whose path contains TEXT (no builds)")
    parser.add_argument("--largest", action="store_true",
                        help="with --pages: time the sliders with every slider at its largest value")
    parser.add_argument("--pdf", action="store_true",
                        help="also time the PDF build from a warm cache (needs TeX, see README)")
    args = parser.parse_args()
    if not (HTML / "index.html").exists():
        sys.exit("Build the book first: make book")
    if args.pages:
        measure_pages(args.pages, args.largest)
        return
    if not args.skip_build:
        time_builds()
    if args.pdf:
        time_pdf_build()
    measure_pages()
    measure_twins()


if __name__ == "__main__":
    main()
