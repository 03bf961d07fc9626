"""Audit every page of the built book with Lighthouse, served as a static host would.

    make audit            # or: .venv/bin/python benchmarks/lighthouse.py [options]

The book is served from 127.0.0.1 with gzip bodies and caching headers
(``tests.browser.support.serve(like_a_host=True)``, what the README asks of a
host). For every page it prints

- Lighthouse desktop: the four category scores (performance, accessibility,
  best practices, SEO), bytes transferred, LCP, TBT and CLS;
- Lighthouse mobile (its default: a mid-range phone on a slow 4G network,
  simulated): performance, bytes, LCP, TBT, CLS;
- a first and a repeat visit in Chromium: bytes over the wire (gzip, headers
  included) and number of requests, with the HTTP cache of the first visit;

each the median of ``--runs`` runs (3 by default), next to the issue's
targets, and the audits that cost a page points. Never asserts: these are
measurements, pessimistic on a shared machine.

Lighthouse comes from npm, pinned in ``benchmarks/lighthouse/package-lock.json``
(installed by ``make audit``, not by ``make book``), and drives Debian's
Chromium (``CHROME_PATH``).
"""

from __future__ import annotations

import argparse
import json
import re
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.support import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, FIGURES_FINISHED, SCROLL_TO_FIGURES, html_pages, launch_chromium,
    serve,
)

HTML = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / "lighthouse" / "cli/index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Chromium for Lighthouse: headless, and nothing that would reach the network.
LIGHTHOUSE_CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])

#: Performance hints with a smaller estimated saving are not printed.
MIN_SAVING_MS = 50
TARGETS = {
    "desktop": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
    "mobile": {"performance": 80},  # on pages with a figure
    "first_visit_kb": 1500,  # figure page, gzip
    "repeat_visit_kb": 200,
    "cls": 0.05,
}


def lighthouse(url: str, form_factor: str, categories: tuple[str, ...]) -> dict:
    """One Lighthouse run; the parts of its report this script prints."""
    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp) / "report.json"
        command = [
            "node", str(LIGHTHOUSE), url,
            "--output=json", f"--output-path={report_path}", "--quiet",
            f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
            f"--only-categories={','.join(categories)}",
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        if result.returncode != 0 or not report_path.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        report = json.loads(report_path.read_text())
    audits = report["audits"]
    lost = {}  # what cost points: key -> (text, milliseconds or None)
    for category in categories:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                if category != "performance":
                    lost[ref["id"]] = (f"{category}: {ref['id']} ({audit['title']})", None)
    for opportunity in ("render-blocking-resources", "unused-javascript", "uses-long-cache-ttl"):
        audit = audits.get(opportunity)
        saving = (audit or {}).get("numericValue") or 0
        if opportunity == "uses-long-cache-ttl":
            if audit and audit["score"] is not None and audit["score"] < 1:
                lost[opportunity] = (f"{form_factor}: {opportunity} "
                                     f"({audit.get('displayValue', '')})", None)
        elif saving >= MIN_SAVING_MS:
            lost[f"{form_factor} {opportunity}"] = (
                f"{form_factor}: {opportunity}, estimated saving up to", saving)
    element = _lcp_element(audits)
    if element and form_factor == "mobile":
        lost["lcp"] = (f"largest contentful paint (mobile): {element}", None)
    return {
        "scores": {c: round(100 * report["categories"][c]["score"]) for c in categories},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lost": lost,
        "warnings": report.get("runWarnings", []),
    }


def _lcp_element(audits: dict) -> str | None:
    """What the largest contentful paint was: the element's label and tag."""
    details = audits.get("largest-contentful-paint-element", {}).get("details") or {}
    for table in details.get("items", []):
        for item in table.get("items", []):
            node = item.get("node") if isinstance(item, dict) else None
            if node:
                tag = re.match(r"<[^ >]+", node.get("snippet", ""))
                label = " ".join(node.get("nodeLabel", "").split())  # MathML: a line a glyph
                return f"{(tag.group(0) + '>') if tag else ''} {label[:60]}"
    return None


def _worst(runs: list[dict]) -> list[str]:
    """What cost points in any run, each once: the largest saving of the runs."""
    worst = {}
    for run in runs:
        for key, (text, ms) in run["lost"].items():
            if key not in worst or (ms or 0) > (worst[key][1] or 0):
                worst[key] = (text, ms)
    return sorted(text + (f" {ms:.0f} ms" if ms is not None else "")
                  for text, ms in worst.values())


def median_run(runs: list[dict]) -> dict:
    """Median of every number across runs; the audits lost in any run."""
    return {
        "scores": {c: statistics.median(r["scores"][c] for r in runs) for c in runs[0]["scores"]},
        **{k: statistics.median(r[k] for r in runs) for k in ("bytes", "lcp", "tbt", "cls")},
        "lost": _worst(runs),
        "warnings": sorted({w for r in runs for w in r["warnings"]}),
    }


def visit_bytes(browser, url: str) -> tuple[dict, dict]:
    """A first visit to ``url`` and a repeat visit in the same browser profile,
    each down to its last figure drawn: bytes received over the wire (CDP's
    ``encodedDataLength``, body as sent plus headers) and requests made."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received: dict[str, float] = {}
    cdp.on("Network.loadingFinished",
           lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]))
    cdp.on("Network.requestServedFromCache",
           lambda event: received.__setitem__(event["requestId"], 0))

    def load() -> dict:
        received.clear()
        page.goto(url, wait_until="load")
        if page.locator("[data-mlmath-figure]").count():  # a reader who reaches them
            page.evaluate(SCROLL_TO_FIGURES)
            page.wait_for_function(FIGURES_FINISHED, timeout=60_000)
        page.wait_for_load_state("networkidle")
        over_wire = [n for n in received.values() if n > 0]
        return {"kb": sum(over_wire) / 1024, "requests": len(over_wire)}

    first = load()
    page.goto("about:blank")
    repeat = load()
    context.close()
    return first, repeat


def flag(ok: bool) -> str:
    return "" if ok else " !"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median)")
    parser.add_argument("--pages", nargs="*", help="only pages whose path contains one of these")
    parser.add_argument("--no-mobile", action="store_true", help="skip the mobile runs")
    args = parser.parse_args()
    if not (HTML / "index.html").exists():
        sys.exit("Build the book first: make book")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm ci --prefix benchmarks/lighthouse (make audit does)")
    pages = [p for p in html_pages(HTML) if not args.pages or any(s in p for s in args.pages)]
    figure_pages = {p for p in pages if "data-mlmath-figure" in (HTML / p).read_text()}

    load = os.getloadavg()
    print(f"# Lighthouse audit, {len(pages)} pages, median of {args.runs} runs")
    print(f"machine: {os.cpu_count()} cores, load average at start "
          f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min)")
    started = time.perf_counter()
    results = {}
    with serve(HTML, like_a_host=True) as base:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for path in pages:
                url = f"{base}/{path}"
                row = {"desktop": median_run([lighthouse(url, "desktop", CATEGORIES)
                                              for _ in range(args.runs)])}
                if not args.no_mobile:
                    row["mobile"] = median_run([lighthouse(url, "mobile", ("performance",))
                                                for _ in range(args.runs)])
                visits = [visit_bytes(browser, url) for _ in range(args.runs)]
                for index, visit in enumerate(("first", "repeat")):
                    row[visit] = {key: statistics.median(v[index][key] for v in visits)
                                  for key in ("kb", "requests")}
                results[path] = row
                print(f"  measured {path}", file=sys.stderr, flush=True)
            browser.close()

    t = TARGETS
    print("\n## Desktop (targets: perf >= 95, a11y/bp/seo = 100, CLS <= 0.05)")
    print(f"{'page':40} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'KB':>6} "
          f"{'LCP ms':>7} {'TBT ms':>6} {'CLS':>6}")
    for path, row in results.items():
        d = row["desktop"]
        s = d["scores"]
        ok = all(s[c] >= t["desktop"][c] for c in CATEGORIES) and d["cls"] <= t["cls"]
        print(f"{path:40} {s['performance']:4.0f} {s['accessibility']:4.0f} "
              f"{s['best-practices']:4.0f} {s['seo']:4.0f} {d['bytes'] / 1024:6.0f} "
              f"{d['lcp']:7.0f} {d['tbt']:6.0f} {d['cls']:6.3f}{flag(ok)}")
    if not args.no_mobile:
        print("\n## Mobile (target: perf >= 80 on figure pages; * = page with a figure)")
        print(f"{'page':40} {'perf':>4} {'KB':>6} {'LCP ms':>7} {'TBT ms':>6} {'CLS':>6}")
        for path, row in results.items():
            m = row["mobile"]
            figure = path in figure_pages
            ok = (not figure or m["scores"]["performance"] >= t["mobile"]["performance"]) \
                and m["cls"] <= t["cls"]
            print(f"{(path + (' *' if figure else '')):40} {m['scores']['performance']:4.0f} "
                  f"{m['bytes'] / 1024:6.0f} {m['lcp']:7.0f} {m['tbt']:6.0f} "
                  f"{m['cls']:6.3f}{flag(ok)}")
    print("\n## Visits in Chromium (KB over the wire, gzip + headers; targets on figure pages: "
          f"first <= {t['first_visit_kb']} KB, repeat <= {t['repeat_visit_kb']} KB)")
    print(f"{'page':40} {'first KB':>9} {'requests':>8} {'repeat KB':>9} {'requests':>8}")
    for path, row in results.items():
        f, r = row["first"], row["repeat"]
        ok = f["kb"] <= t["first_visit_kb"] and r["kb"] <= t["repeat_visit_kb"]
        print(f"{(path + (' *' if path in figure_pages else '')):40} {f['kb']:9.0f} "
              f"{f['requests']:8.0f} {r['kb']:9.0f} {r['requests']:8.0f}{flag(ok)}")
    lost = {p: row["desktop"]["lost"] + row.get("mobile", {}).get("lost", [])
            for p, row in results.items()}
    if any(lost.values()):
        print("\n## What cost points (any run)")
        for path, items in lost.items():
            for item in dict.fromkeys(items):
                print(f"{path}: {item}")
    warnings = {w for row in results.values() for w in row["desktop"]["warnings"]}
    for warning in sorted(warnings):
        print(f"lighthouse warning: {warning}")
    load = os.getloadavg()
    print(f"\ntook {time.perf_counter() - started:.0f} s; load average at end "
          f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")


if __name__ == "__main__":
    main()
