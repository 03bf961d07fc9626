"""Fixtures shared by every test: where the repository and the built book are.

The suite has two tiers. The unit tier (``make test-fast``) needs no built
book: the package, the figures' Python side and their callbacks run in
BokehJS under Node, the build glue's helpers. The book tier reads the book
that ``make test`` has just built (``_build/html``, the PDF, the notebooks),
drives Chromium against it (``browser``) or builds copies of it (``build``).
Tests are marked by their folder, so ``-m`` picks a tier.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
#: Jupyter Book's command line as `make book` runs it: chapters read side by side.
JUPYTER_BOOK = [sys.executable, "-m", "mlmath.book.parallel"]
BUILD_FLAGS = ["-W", "-n", "--keep-going"]
#: Folders whose tests need the built book, and the marker each gets.
BOOK_TIER = {"browser": "browser", "build": "build", "notebooks": "book"}


#: The order the folders' tests are handed to the workers: the few long ones first
#: (a copy of the book built again takes minutes), the many short ones last, so that
#: both workers finish together rather than one waiting on the other's last build.
FIRST = ("build", "notebooks", "browser")


def pytest_collection_modifyitems(config, items):
    folders = {}
    for item in items:
        folder = folders[item] = Path(str(item.fspath)).relative_to(ROOT / "tests").parts[0]
        if folder in BOOK_TIER:
            item.add_marker(getattr(pytest.mark, BOOK_TIER[folder]))
    # A stable sort: every worker collects the same order, as pytest-xdist requires.
    items.sort(key=lambda item: FIRST.index(folders[item]) if folders[item] in FIRST
               else len(FIRST))


#: Where each test worker writes when each of its tests ran (`make bench` reads it:
#: time a worker sat idle, or waited on the other, shows there and nowhere else).
TIMELINE = ROOT / "_build" / "test-timeline"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    start = time.time()
    yield
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and os.environ.get("MLMATH_BOOK_BUILT"):  # under make test
        TIMELINE.mkdir(parents=True, exist_ok=True)
        with open(TIMELINE / f"{worker}.tsv", "a") as out:
            out.write(f"{start:.3f}\t{time.time():.3f}\t{item.nodeid}\n")


def run_build(book: Path, *extra: str, env=None, timeout=900) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build`` on ``book`` with the book's strict flags."""
    return subprocess.run(
        [*JUPYTER_BOOK, "build", str(book), *BUILD_FLAGS, *extra],
        capture_output=True, text=True, env=env, timeout=timeout,
    )


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The book's HTML, brought up to date first (a no-change build takes seconds).

    Test workers (pytest-xdist) share one ``_build``: the first to get here
    builds, under a lock; the others then find nothing left to do. Under
    ``make test``, which has just built the book (``MLMATH_BOOK_BUILT``), no
    worker builds it again: each no-change build costs Sphinx's start-up and a
    read of every page.
    """
    if os.environ.get("MLMATH_BOOK_BUILT"):
        assert (HTML / "index.html").exists(), "MLMATH_BOOK_BUILT is set, but there is no book"
        return HTML
    lock_path = ROOT / "_build" / ".test-build.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            result = run_build(ROOT)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return HTML
