"""How long `make test` takes, by tier, per chapter and per figure, and a projection.

Reads what the last ``make test`` left in ``_build/``: the times it started,
finished building the book and finished testing (``.test-start``,
``.test-built``, ``.test-end``) and pytest's report of every test's duration
(``test-report.xml``). Prints the suite's time per tier (unit, build, browser,
book) and the cost of each chapter and each figure:

- a test parametrized by a figure or a figure page (tests/figures/,
  tests/browser/test_figure_*) costs its figure(s);
- a test parametrized by a chapter or a page costs that chapter, and so does
  a test that builds the whole book again (``SCALES_WITH_THE_BOOK``), spread
  over the chapters;
- the rest is fixed.

Then projects `make test` for a book of ``--chapters`` chapters and
``--figures`` figures (the four parts as planned: 30 and 25) against the
30-minute budget. Timings are printed, never asserted. Run it with
``make bench`` (or alone after ``make test``).
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.chapters import figure_chapters, notebook_chapters  # noqa: E402
from tests.conftest import BOOK_TIER  # noqa: E402
from tests.figures.registry import figure_modules  # noqa: E402

BUDGET_MIN = 30
WORKERS = 2
#: Tests named by no chapter whose work grows with the whole book.
SCALES_WITH_THE_BOOK = ("test_a_clean_build_warns_of_nothing_and_gives_the_book_make_built",)


def _stamp(name: str) -> float | None:
    path = ROOT / "_build" / name
    return float(path.read_text()) if path.exists() else None


def _tier(classname: str) -> str:
    parts = classname.split(".")
    folder = parts[1] if len(parts) > 2 and parts[0] == "tests" else ""
    return BOOK_TIER.get(folder, "unit")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapters", type=int, default=30)
    parser.add_argument("--figures", type=int, default=25)
    args = parser.parse_args()
    report = ROOT / "_build" / "test-report.xml"
    start, built, end = (_stamp(n) for n in (".test-start", ".test-built", ".test-end"))
    if not report.exists() or None in (start, built, end):
        print("No complete `make test` run in _build/: run `make test` first.")
        return 0
    chapters = notebook_chapters()
    short = {name: name.rsplit("/", 1)[-1] for name in chapters}
    figures = [m.rsplit(".", 1)[1] for m in figure_modules()]
    figure_ids = {f: {f, f.replace("_", "-"), f"fig_{f}"} for f in figures}
    pages_with = figure_chapters()

    by_tier: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    per_chapter = per_figure = fixed = 0.0
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        seconds = float(case.get("time", 0))
        classname, name = case.get("classname", ""), case.get("name", "")
        tier = _tier(classname)
        by_tier[tier] += seconds
        counts[tier] += 1
        ident = f"{classname}.{name}"
        figure_test = "tests.figures" in classname or "test_figure_" in classname
        named_figures = [f for f, ids in figure_ids.items()
                         if any(re.search(rf"\b{re.escape(i)}\b", ident) for i in ids)]
        named_chapters = [c for c in chapters if c in ident or f"[{short[c]}" in ident
                          or f"-{short[c]}]" in ident or f"/{short[c]}." in ident]
        if figure_test and (named_figures or named_chapters):
            per_figure += seconds
        elif named_chapters or name.startswith(SCALES_WITH_THE_BOOK):
            per_chapter += seconds
        else:
            fixed += seconds
    test_wall, build_wall = end - built, built - start
    summed = sum(by_tier.values())
    ratio = test_wall / summed if summed else 1.0  # wall time per second of test work
    n_chapters, n_figures = len(chapters), max(len(figures), 1)

    print(f"make test, last run: {(end - start) / 60:.1f} min "
          f"(book and PDF built in {build_wall / 60:.1f} min, tests {test_wall / 60:.1f} min "
          f"on {WORKERS} workers)")
    for tier in ("unit", "build", "browser", "book"):
        print(f"  {tier:8} {counts[tier]:4} tests, {by_tier[tier] / 60:5.1f} min of test work")
    chapter_cost = per_chapter / n_chapters
    figure_cost = per_figure / n_figures
    build_per_chapter = build_wall / n_chapters
    print(f"  per chapter: {chapter_cost:.0f} s of tests, {build_per_chapter:.0f} s of build "
          f"({n_chapters} chapters); per figure: {figure_cost:.0f} s of tests "
          f"({n_figures} figures, {len(pages_with)} pages); fixed: {fixed / 60:.1f} min")
    projected_tests = (fixed + chapter_cost * args.chapters + figure_cost * args.figures) * ratio
    projected_build = build_per_chapter * args.chapters
    projected = (projected_tests + projected_build) / 60
    verdict = "within" if projected <= BUDGET_MIN else "OVER"
    print(f"  projected for {args.chapters} chapters and {args.figures} figures: "
          f"{projected:.1f} min (build {projected_build / 60:.1f}, tests "
          f"{projected_tests / 60:.1f}): {verdict} the {BUDGET_MIN}-minute budget")
    _print_timeline(built, end)
    return 0


def _print_timeline(built: float, end: float) -> None:
    """Each worker's time from the build's end to the tests' end: in tests, between
    tests (collection, fixtures set up outside a test, waiting) and after its last."""
    timeline = ROOT / "_build" / "test-timeline"
    files = sorted(timeline.glob("*.tsv")) if timeline.is_dir() else []
    if not files:
        return
    print("  workers (from the book built to the tests done):")
    for path in files:
        rows = sorted((float(a), float(b), name) for a, b, name in
                      (line.rstrip("\n").split("\t", 2) for line in path.open()))
        busy = sum(b - a for a, b, _ in rows)
        gaps = [(rows[i + 1][0] - rows[i][1], rows[i + 1][2]) for i in range(len(rows) - 1)]
        before, after = rows[0][0] - built, end - rows[-1][1]
        print(f"    {path.stem}: {len(rows)} tests, {busy / 60:.1f} min in tests, "
              f"{sum(g for g, _ in gaps) / 60:.1f} between, {before / 60:.1f} before the "
              f"first, {after / 60:.1f} after the last")
        for gap, name in sorted(gaps, reverse=True)[:3]:
            if gap >= 5:
                print(f"      {gap:5.0f} s before {name}")


if __name__ == "__main__":
    sys.exit(main())
