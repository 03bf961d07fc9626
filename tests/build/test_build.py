"""The build is the proof: warning-free, failing loudly, never stale, reproducible."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.build.conftest import code_cell, copy_book, mini_book
from tests.conftest import ROOT, run_build

pytestmark = pytest.mark.build


def test_book_builds_from_scratch_without_a_warning(tmp_path):
    book = copy_book(tmp_path / "book")  # cached outputs, but every page read anew
    result = run_build(book)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert "build succeeded" in log
    assert not re.search(r"\bWARNING\b(?!.*Kernel is running over TCP)", log), log[-5000:]
    assert (book / "_build/html/chapters/linear-algebra/vectors.html").exists()


def test_a_raising_cell_fails_the_build_and_names_the_chapter(tmp_path):
    book = copy_book(tmp_path / "book")
    chapter = book / "chapters/linear-algebra/vectors.md"
    chapter.write_text(chapter.read_text() + "\n" + code_cell(
        'raise RuntimeError("deliberately broken cell")'))
    result = run_build(book)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "deliberately broken cell" in log
    assert "vectors" in log  # which chapter failed


PROBE = code_cell(
    "import mlmath.linalg\n"
    'print("probe says:", getattr(mlmath.linalg, "PROBE", "original"))'
)


def probe_output(book: Path) -> str:
    html = (book / "_build/html/probe.html").read_text()
    found = re.search(r"probe says: (\w+)", html)
    assert found, "the probe chapter's output is missing"
    return found.group(1)


def test_changing_the_package_source_re_executes_chapters_that_import_it(tmp_path):
    # The kernel and the build both import mlmath from a copy of code/, which
    # the test then edits, the way an author edits the package.
    code = tmp_path / "code"
    shutil.copytree(ROOT / "code", code, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    env = {**os.environ, "PYTHONPATH": str(code)}
    book = mini_book(tmp_path / "book", PROBE)

    first = run_build(book, env=env)
    assert first.returncode == 0, first.stdout[-4000:]
    assert "Executing" in first.stdout
    assert probe_output(book) == "original"

    unchanged = run_build(book, env=env)
    assert unchanged.returncode == 0
    assert "Executing" not in unchanged.stdout  # nothing changed, nothing re-runs

    module = code / "mlmath" / "linalg" / "__init__.py"
    module.write_text(module.read_text() + '\nPROBE = "edited"\n')
    second = run_build(book, env=env)
    assert second.returncode == 0, second.stdout[-4000:]
    assert probe_output(book) == "edited"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_two_clean_builds_give_the_same_book(tmp_path):
    book = copy_book(tmp_path / "book", with_cache=False)
    digests = []
    for _ in range(2):
        shutil.rmtree(book / "_build", ignore_errors=True)
        result = run_build(book)
        assert result.returncode == 0, result.stdout[-4000:]
        digests.append(tree_digest(book / "_build/html"))
    differing = [name for name in digests[0] if digests[0][name] != digests[1].get(name)]
    assert not differing, f"files that differ between two clean builds: {differing[:10]}"
    assert digests[0].keys() == digests[1].keys()


def test_static_twin_carries_its_alt_text_into_img(tmp_path):
    # Give HTML the PNG twin instead of the interactive figure: the <img> must
    # carry the figure's own description (mlmath.book.render).
    book = mini_book(
        tmp_path / "book",
        code_cell("from mlmath.figures import fig_vector_addition\n"
                  "fig_vector_addition(a=(2, -1), b=(1, 3))"),
        config_changes={"nb_mime_priority_overrides": [["html", "text/html", None]]},
    )
    result = run_build(book)
    assert result.returncode == 0, result.stdout[-4000:]
    html = (book / "_build/html/probe.html").read_text()
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', html)  # the launch menu's logos too
    assert any("A = (2, -1)" in alt and "A + B = (3, 2)" in alt for alt in alts), alts


PLAIN_PLOT = (  # what a chapter gets from pyplot: a PNG output with no alt text
    "import matplotlib.pyplot as plt\n"
    "plt.figure(figsize=(2, 2))\n"
    "plt.plot([0, 1], [1, 0])\n"
    "plt.show()"
)


def test_an_image_without_alt_text_fails_the_build_until_it_has_one(tmp_path):
    bare = mini_book(tmp_path / "bare", code_cell(PLAIN_PLOT))
    result = run_build(bare)
    assert result.returncode != 0
    assert "no alt text" in result.stdout + result.stderr
    described = mini_book(tmp_path / "described", code_cell(
        PLAIN_PLOT, metadata="---\nmystnb:\n  image:\n    alt: A line falling from 1 to 0.\n---\n"))
    result = run_build(described)
    assert result.returncode == 0, result.stdout[-4000:]
    html = (described / "_build/html/probe.html").read_text()
    assert re.search(r'<img [^>]*alt="A line falling from 1 to 0\."', html)
