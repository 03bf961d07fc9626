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


def test_a_raising_cell_fails_the_build_and_names_the_chapter(tmp_path):
    book = mini_book(tmp_path / "book", code_cell("x = 1") + code_cell(
        'raise RuntimeError("deliberately broken cell")'))
    result = run_build(book)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "deliberately broken cell" in log
    assert "probe" in log  # which chapter failed


PROBE = code_cell(
    "import mlmath.linalg\n"
    'print("probe says:", getattr(mlmath.linalg, "PROBE", "original"))'
)


def probe_output(book: Path) -> str:
    html = (book / "_build/html/probe.html").read_text()
    found = re.search(r"probe says: (\w+)", html)
    assert found, "the probe chapter's output is missing"
    return found.group(1)


def test_code_the_chapters_run_re_executes_them_and_build_glue_does_not(tmp_path):
    # The kernel and the build both import mlmath from a copy of code/, which
    # the test then edits, the way an author edits the package.
    code = tmp_path / "code"
    shutil.copytree(ROOT / "code", code, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    env = {**os.environ, "PYTHONPATH": str(code)}
    book = mini_book(tmp_path / "book", PROBE)
    intro = book / "intro.md"  # a page with index entries that no chapter run changes
    intro.write_text(intro.read_text() + "\n```{glossary}\nProbe term\n  A word to look up.\n```\n")

    def build_after(edit: str | None = None) -> str:
        if edit:
            module = code / "mlmath" / edit
            comment = "//" if module.suffix == ".js" else "#"
            module.write_text(module.read_text() + f"\n{comment} edited by a test\n")
        result = run_build(book, env=env)
        assert result.returncode == 0, result.stdout[-4000:]
        return result.stdout

    assert "Executing" in build_after()
    assert probe_output(book) == "original"
    assert "Executing" not in build_after()  # nothing changed, nothing re-runs

    # Build glue only (the stylesheet step, the PDF's additions): both pages
    # are read again, the chapter from the cache: it does not run.
    for glue in ("book/styles.py", "book/pdf.py"):
        log = build_after(glue)
        assert "Executing" not in log, glue
        assert "package source changed: re-reading 2 chapter(s)" in log, (glue, log[-3000:])
        # The chapter's notebook still carries the outputs the cache holds.
        assert "probe says: original" in (book / "_build/notebooks/probe.ipynb").read_text()
    # What the kernels run (a figure, the figure kit, the kernels' extension):
    # the chapter runs again.
    for kernel_side in ("figures/kit/palette.py", "figures/js/kit.js", "book/kernel.py"):
        assert "Executing" in build_after(kernel_side), kernel_side
    # The search index still knows the glossary's term (sphinx-doc/sphinx#12599).
    assert '"probe term"' in (book / "_build/html/searchindex.js").read_text()

    module = code / "mlmath" / "linalg" / "__init__.py"
    module.write_text(module.read_text() + '\nPROBE = "edited"\n')
    build_after()
    assert probe_output(book) == "edited"


def test_a_chapter_added_to_the_contents_is_in_every_page_s_sidebar(tmp_path):
    # Every page's sidebar lists the whole table of contents, so an incremental
    # build after the contents changed must write every page again, not only
    # those whose own toctree changed (the root's, here).
    book = mini_book(tmp_path / "book", "Some text.\n")
    assert run_build(book).returncode == 0
    (book / "extra.md").write_text("# Extra chapter\n\nNew.\n")
    toc = book / "_toc.yml"
    toc.write_text(toc.read_text() + "  - file: extra\n")
    result = run_build(book)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "table of contents changed" in result.stdout
    assert "extra.html" in (book / "_build/html/probe.html").read_text()


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_a_clean_build_warns_of_nothing_and_gives_the_book_make_built(tmp_path, built_book):
    # On a fresh clone (CI) the book `make test` built is itself a clean build:
    # a second one, from nothing but the sources and the execution cache, must
    # give the same bytes. Locally it may be an incremental build, which must
    # then give what a clean one gives. That executing the chapters again gives
    # the same outputs is tested on every chapter by running it as a reader's
    # notebook (tests/notebooks/test_standalone.py), so this build takes the
    # cache and does not execute them a third time.
    book = copy_book(tmp_path / "book", with_cache=True)
    env = {**os.environ, "GIT_DIR": str(ROOT / ".git")}  # the same commit in the notebooks
    result = run_build(book, env=env)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert "build succeeded" in log
    assert not re.search(r"\bWARNING\b(?!.*Kernel is running over TCP)", log), log[-5000:]
    clean, made = tree_digest(book / "_build/html"), tree_digest(built_book)
    differing = [name for name in clean if clean[name] != made.get(name)]
    assert not differing, f"files that differ from the book make built: {differing[:10]}"
    # Files a clean build no longer makes may stay behind (Sphinx keeps old
    # images); a page must not.
    leftover = [name for name in made if name not in clean and name.endswith(".html")
                and not name.startswith("_")]
    assert not leftover, leftover


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
