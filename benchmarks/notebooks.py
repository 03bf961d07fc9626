"""Measure the chapters as notebooks and print the numbers. Never asserts.

    .venv/bin/python benchmarks/notebooks.py     # after `make notebooks`; `make bench` runs it

Per chapter notebook:
- size of the notebook the build executed (figures as book HTML, no BokehJS),
  of the one readers download (figures as static PNG/PDF twins), and of the
  same notebook after a run in a live Jupyter kernel (figures as HTML with
  BokehJS inline, which is what a reader saves);
- time to run it top to bottom in a fresh kernel, alone in an empty folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mlmath.figures.kit.bokehjs import BOOK_BUILD_ENV  # noqa: E402
from tests.chapters import NOTEBOOKS, notebook_chapters  # noqa: E402

EXECUTED = ROOT / "_build" / "jupyter_execute"


def run(path: Path, *, live: bool) -> tuple[float, int]:
    """Run ``path`` alone in a temporary folder; seconds taken and size after."""
    env = {k: v for k, v in os.environ.items() if k not in {BOOK_BUILD_ENV, "JPY_SESSION_NAME"}}
    if live:
        env["JPY_SESSION_NAME"] = path.name  # what Jupyter Server tells its kernels
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        notebook = nbformat.read(copy, as_version=4)
        start = time.perf_counter()
        NotebookClient(notebook, kernel_name="python3", timeout=600,
                       resources={"metadata": {"path": folder}}).execute(env=env)
        seconds = time.perf_counter() - start
        return seconds, len(nbformat.writes(notebook).encode())


def kb(size: int) -> str:
    return f"{size / 1024:8.0f} KB"


def main() -> None:
    print("chapter notebooks (sizes; run = alone, fresh kernel, this machine)")
    print(f"{'chapter':45} {'built':>11} {'download':>11} {'live run':>11} {'run':>8}")
    for docname in notebook_chapters():
        built = (EXECUTED / f"{docname}.ipynb").stat().st_size
        download = NOTEBOOKS / f"{docname}.ipynb"
        seconds, _ = run(download, live=False)
        _, live_size = run(download, live=True)
        print(f"{docname:45} {kb(built)} {kb(download.stat().st_size)} {kb(live_size)}"
              f" {seconds:7.1f}s")


if __name__ == "__main__":
    main()
