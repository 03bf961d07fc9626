"""Preview one figure as a reader sees it, without building the book.

    .venv/bin/python scripts/preview_figure.py vector_addition [--kwargs '{"a": [1, 2]}']

(or ``make preview FIGURE=vector_addition``). Builds the figure with the
book's kit, puts it in a page with the book's figure script and BokehJS,
and opens it in Debian's Chromium as a phone (360 px), a tablet (768 px) and
a desktop (1280 px), in light and dark mode. Writes a screenshot of each into
``_build/preview/`` and prints, for each, the figure's width against its
column, any sideways scrolling, every cell whose content is taller than the
room reserved for it, the smallest text and the smallest touch target.
The browser tests check the same on the built book; this is for writing a
figure.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.support import (FIGURE_LAYOUT, FIGURES_FINISHED, launch_chromium,  # noqa: E402
                                   serve)

WIDTHS = ((360, True), (768, False), (1280, False))
PAGE = """<!doctype html><html lang="en" data-theme="{mode}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{name}</title>
<style>body{{margin:0;font:16px/1.65 sans-serif}} main{{max-width:760px;margin:0 auto;
padding:0 24px}} html[data-theme=dark] body{{background:#14181e;color:#ced6dd}}</style>
<script>window.mlmathFigureQueue = []</script>
<script defer src="mlmath-figures.js" data-bokehjs="bokeh.min.js bokeh-widgets.min.js"></script>
</head><body><main><h1>{name}</h1><p>Text before the figure.</p>{figure}
<p>Text after the figure.</p></main></body></html>"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", help="the figure's module, e.g. vector_addition")
    parser.add_argument("--part", default="linalg", help="the part's package (linalg, ...)")
    parser.add_argument("--kwargs", default="{}", help="builder arguments, as JSON")
    args = parser.parse_args()
    from bokeh.util.paths import bokehjs_path

    module = importlib.import_module(f"mlmath.figures.{args.part}.{args.module}")
    figure = getattr(module, f"fig_{args.module}")(**json.loads(args.kwargs))
    out = ROOT / "_build" / "preview"
    out.mkdir(parents=True, exist_ok=True)
    for bundle in ("bokeh", "bokeh-widgets"):
        shutil.copy(Path(bokehjs_path()) / "js" / f"{bundle}.min.js", out)
    shutil.copy(ROOT / "code/mlmath/book/static/mlmath-figures.js", out)
    for mode in ("light", "dark"):
        (out / f"{mode}.html").write_text(PAGE.format(mode=mode, name=figure.name,
                                                       figure=figure.to_html()))
    from playwright.sync_api import sync_playwright

    problems = 0
    with serve(out) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for mode in ("light", "dark"):
            for width, phone in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              is_mobile=phone, has_touch=phone)
                page = context.new_page()
                page.goto(f"{url}/{mode}.html")
                page.wait_for_function(FIGURES_FINISHED, timeout=20_000)
                page.wait_for_timeout(200)
                (report,) = page.evaluate(FIGURE_LAYOUT)
                shot = out / f"{figure.name}-{width}-{mode}.png"
                page.screenshot(path=str(shot), full_page=True)
                notes = []
                if report["width"] > report["column"] + 0.5 or report["page_scroll_width"] > width:
                    notes.append("WIDER THAN ITS COLUMN OR THE PAGE")
                if report["scroll_width"] > report["client_width"] + 1:
                    notes.append("SCROLLS SIDEWAYS")
                for cell in report["cells"]:
                    if cell["drawn"] is not None and cell["drawn"] > cell["reserved"] + 1:
                        notes.append(f"{cell['name']}: drawn {cell['drawn']:.0f} px in "
                                     f"{cell['reserved']:.0f} px reserved")
                if report["smallest_text"] < 11:
                    notes.append(f"text of {report['smallest_text']} px")
                if report["smallest_target"] < 24:
                    notes.append(f"a touch target of {report['smallest_target']:.0f} px")
                problems += len(notes)
                print(f"{mode:5} {width:4} px: figure {report['width']:.0f} × "
                      f"{report['height']:.0f} px in a {report['column']:.0f} px column; "
                      f"smallest text {report['smallest_text']} px, target "
                      f"{report['smallest_target']:.0f} px -> {shot.relative_to(ROOT)}")
                for note in notes:
                    print("      ", note)
                context.close()
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
