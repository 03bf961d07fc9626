"""Fixtures shared by every test: where the repository and the built book are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
BUILD_FLAGS = ["-W", "-n", "--keep-going"]


def run_build(book: Path, *extra: str, env=None, timeout=900) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build`` on ``book`` with the book's strict flags."""
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", str(book), *BUILD_FLAGS, *extra],
        capture_output=True, text=True, env=env, timeout=timeout,
    )


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The book's HTML, brought up to date first (a no-change build takes a second)."""
    result = run_build(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return HTML
