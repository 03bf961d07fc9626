"""How fast the network playground trains in Chromium. Prints; never asserts.

    .venv/bin/python benchmarks/network_playground.py      # after `make book`

On the built chapter page, sets the playground to the moons data set with 8
hidden units, presses Play for a few seconds and prints the epochs trained per
second (target: at least 30), the work of one animation frame (training and
drawing; target: at most 16 ms, the trainer keeps it near its 8 ms budget), and
the time of each menu and slider change, which starts a new run (target: at
most 16 ms). Then it presses Pause and checks that the epoch count stands still.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import WRAP_CALLBACKS  # noqa: E402
from tests.browser.support import (  # noqa: E402
    FIGURES_FINISHED, FIND_MODEL, SCROLL_TO_FIGURES, launch_chromium, serve,
)

HTML = ROOT / "_build" / "html"
PAGE = "chapters/ml/neural-networks.html"
NAME = "network-playground"
SECONDS = 4.0

#: In the page: the playground's run state (kept on its `run` source).
STATE = f"""() => {{
  const S = ({FIND_MODEL})('{NAME}-run').mlmath_playground
  return {{epoch: S.epoch, frames: S.frames, work_ms: S.work_ms, max_work_ms: S.max_work_ms,
           playing: S.playing}}
}}"""

#: In the page: set each menu and slider to another value and back; time the
#: CustomJS callbacks each change runs (run.py's wrapper: BokehJS runs them
#: asynchronously, so timing the assignment would time nothing).
CHANGES = f"""async () => {{
  ({WRAP_CALLBACKS})()
  const find = {FIND_MODEL}
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
  const changes = [['{NAME}-dataset', 'XOR'], ['{NAME}-dataset', 'moons'],
    ['{NAME}-activation', 'relu'], ['{NAME}-activation', 'tanh'], ['{NAME}-eta', '1'],
    ['{NAME}-eta', '0.3'], ['{NAME}-noise', 0.5], ['{NAME}-noise', 0.2], ['{NAME}-seed', 9],
    ['{NAME}-seed', 0], ['{NAME}-hidden', 1], ['{NAME}-hidden', 8]]
  const rows = []
  for (const [name, value] of changes) {{
    window.mlmathCallbackMs = 0
    find(name).value = value
    await frame()
    rows.push({{name, value: String(value), ms: window.mlmathCallbackMs}})
  }}
  return rows
}}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    if not (HTML / PAGE).exists():
        sys.exit("Build the book first: make book")
    with serve(HTML) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/{PAGE}")
        page.evaluate(SCROLL_TO_FIGURES)
        page.wait_for_function(FIGURES_FINISHED)
        print(f"## Network playground ({PAGE})")
        for row in page.evaluate(CHANGES):
            print(f"  {row['name']:32} -> {row['value']:6} callback {row['ms']:5.2f} ms  "
                  + ("ok" if row["ms"] <= 16 else "OVER TARGET"))
        page.locator(f"[data-mlmath-figure='{NAME}']").scroll_into_view_if_needed()
        before = page.evaluate(STATE)
        page.get_by_role("button", name="Play").click()
        start = time.perf_counter()
        page.wait_for_timeout(SECONDS * 1000)
        after = page.evaluate(STATE)
        elapsed = time.perf_counter() - start
        page.get_by_role("button", name="Pause").click()
        paused = page.evaluate(STATE)
        page.wait_for_timeout(500)
        still = page.evaluate(STATE)
        rate = (after["epoch"] - before["epoch"]) / elapsed
        frames = after["frames"] - before["frames"]
        mean = (after["work_ms"] - before["work_ms"]) / max(frames, 1)
        print(f"  moons, 8 hidden units: {rate:6.0f} epochs per second over {elapsed:.1f} s  "
              + ("ok" if rate >= 30 else "UNDER TARGET (30)"))
        print(f"  {frames} frames ({frames / elapsed:.0f} per second): work per frame mean "
              f"{mean:.1f} ms, max {after['max_work_ms']:.1f} ms  "
              + ("ok" if after["max_work_ms"] <= 16 else "OVER TARGET"))
        print(f"  after Pause: epoch {paused['epoch']}, 0.5 s later {still['epoch']}  "
              + ("stopped" if still["epoch"] == paused["epoch"] and not still["playing"]
                 else "STILL TRAINING"))
        browser.close()


if __name__ == "__main__":
    main()
