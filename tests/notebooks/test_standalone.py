"""Every chapter runs on its own, as a reader's notebook, far from the repository.

The notebooks are the ones readers get (``_build/notebooks``, the same files
as the HTML's download link): the book build converted each chapter to
``.ipynb`` and ``mlmath.book.notebooks`` added the set-up cell. Each is copied
alone into an empty folder outside the repository and run top to bottom in a
fresh ``python3`` kernel, so a chapter that reads a file beside it, or leans on
state from the build, fails here.

Every output of that run must equal the build's own (from its execution cache,
which keeps what the pages leave out, glued values included): two independent
executions of each chapter, so a number, a figure or a table drawn from an
unseeded generator fails here, as the book's "two clean builds give the same
book" asks. (The clean-build test in ``tests/build`` then rebuilds from the
cache, not executing every chapter a third time.)
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from jupyter_cache import get_cache
from nbclient import NotebookClient

from mlmath.figures.kit import BOOK_BUILD_ENV, FIGURE_MARKER
from mlmath.book.notebooks import SETUP_CELL_ID
from tests.chapters import NOTEBOOKS, notebook_chapters, toc_docnames
from tests.conftest import ROOT

CHAPTERS = notebook_chapters()
EXECUTED = ROOT / "_build" / "jupyter_execute"
CACHE = ROOT / "_build" / ".jupyter_cache"


def code_sources(notebook) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def build_execution(docname: str):
    """The chapter as the book build executed it, every output kept: the cache's
    record of the code the build ran (``_build/jupyter_execute`` has the code,
    but not the glued outputs, which the pages take out)."""
    code = code_sources(nbformat.read(EXECUTED / f"{docname}.ipynb", as_version=4))
    cache = get_cache(CACHE)
    for record in cache.list_cache_records():
        notebook = cache.get_cache_bundle(record.pk).nb
        if code_sources(notebook) == code:
            return notebook
    raise AssertionError(f"the execution cache has no run of {docname}'s code")


def shown_as(outputs) -> list[tuple]:
    """What a reader sees of ``outputs``: printed text as one block per stream
    (a kernel splits it wherever the output was flushed), then each result."""
    shown = []
    for output in outputs:
        if output.output_type == "stream" and shown and shown[-1][:2] == ("stream", output.name):
            shown[-1] = ("stream", output.name, shown[-1][2] + output.text)
        elif output.output_type == "stream":
            shown.append(("stream", output.name, output.text))
        else:
            shown.append((output.output_type, None, output.get("data")))
    return shown


def differing_outputs(built, ran) -> list[str]:
    """Where ``ran`` shows something other than ``built`` (cells paired by their
    code; ``ran`` may have cells ``built`` lacks, such as the set-up cell)."""
    outputs = {cell.source: cell.outputs for cell in built.cells if cell.cell_type == "code"}
    differ = []
    for cell in ran.cells:
        if cell.cell_type != "code" or cell.source not in outputs:
            continue
        if shown_as(cell.outputs) != shown_as(outputs.pop(cell.source)):
            differ.append(cell.source.splitlines()[0][:80])
    assert not outputs, f"cells the notebook lacks: {list(outputs)[:3]}"
    return differ


@pytest.fixture
def plain_kernel_env(monkeypatch):
    """A kernel environment like a reader's: not the book build, not a Jupyter server."""
    for name in (BOOK_BUILD_ENV, "JPY_SESSION_NAME", "PYTHONPATH"):
        monkeypatch.delenv(name, raising=False)


def run_alone(notebook_path, folder, **client_options):
    """Copy ``notebook_path`` alone into ``folder`` and execute it there."""
    assert not folder.resolve().is_relative_to(ROOT)
    copy = folder / notebook_path.name
    shutil.copyfile(notebook_path, copy)
    notebook = nbformat.read(copy, as_version=4)
    NotebookClient(notebook, kernel_name="python3", timeout=300,
                   resources={"metadata": {"path": str(folder)}}, **client_options).execute()
    return notebook


def test_the_build_writes_every_notebook_chapter_and_nothing_else(built_book):
    assert CHAPTERS, "no chapter of _toc.yml is a notebook"
    written = sorted(path.relative_to(NOTEBOOKS).with_suffix("").as_posix()
                     for path in NOTEBOOKS.rglob("*.ipynb"))
    # Every chapter with a kernel; prose-only pages (intro, part overviews) are no notebooks.
    assert written == sorted(CHAPTERS)
    assert len(CHAPTERS) < len(toc_docnames())


@pytest.mark.parametrize("docname", CHAPTERS)
def test_chapter_runs_alone_top_to_bottom_in_a_fresh_kernel(
        docname, built_book, tmp_path_factory, plain_kernel_env):
    folder = tmp_path_factory.mktemp("alone")
    # With the build's matplotlib formats (retina PNG and PDF, mlmath.book.kernel),
    # so that its plots can be compared byte for byte; nothing else of the build.
    notebook = run_alone(NOTEBOOKS / f"{docname}.ipynb", folder,
                         extra_arguments=["--ext=mlmath.book.kernel"])

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells[0].id == SETUP_CELL_ID  # the set-up cell ran (mlmath present: no-op)
    assert all(cell.execution_count for cell in code_cells)
    stderr = [output.text for cell in code_cells for output in cell.outputs
              if output.output_type == "stream" and output.name == "stderr"]
    assert not stderr, stderr
    # Run again, every figure is interactive HTML once more, its PNG twin beside it.
    figures = [output for cell in code_cells for output in cell.outputs
               if "image/png" in output.get("data", {})
               and "alt" in output.get("metadata", {}).get("image/png", {})]
    assert all(FIGURE_MARKER in output.data.get("text/html", "") for output in figures)
    assert sorted(path.name for path in folder.iterdir()) == [f"{docname.rsplit('/')[-1]}.ipynb"]
    # The same numbers, text and figures, to the byte, as the build's own run.
    differ = differing_outputs(build_execution(docname), notebook)
    assert not differ, f"outputs unlike the build's, in the cells starting: {differ}"


# A reader edits a cell and passes something invalid: the cell fails with a
# ValueError naming the argument. Through a kernel, because an exception raised
# while IPython *displays* a result (a lazy figure) is caught by the display
# formatter: the cell would "succeed" with a warning and a missing figure.
BAD_CALLS = [
    ("fig_vector_addition(a=(float('nan'), 1.0), b=(1, 2))", "a must be finite"),
    ("fig_vector_addition(a=[[3, 1]], b=(1, 2))", "a must be a 1-D vector"),
    ("fig_vector_addition(a=(3, 1), b=(9, 0))", "b[0] must be in [-4, 4]"),
    ("fig_vector_addition(a=(3, 1, 0), b=(1, 2))", "a must have 2 components"),
    ("linalg.vector_add([1, 2, 3], [1, 2])", "a and b must have the same number"),
    ("linalg.norm([3, 4], p=0.5)", "p must be a real number >= 1"),
]


def test_invalid_arguments_fail_the_cell_with_a_value_error_naming_them(
        tmp_path, plain_kernel_env):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(
        "from mlmath import linalg\nfrom mlmath.figures import fig_vector_addition")]
    notebook.cells += [nbformat.v4.new_code_cell(call) for call, _ in BAD_CALLS]
    notebook.cells.append(nbformat.v4.new_code_cell("fig_vector_addition(a=(1, 1), b=(2, 0))"))
    path = tmp_path / "bad-input.ipynb"
    nbformat.write(notebook, path)

    folder = tmp_path / "run"
    folder.mkdir()
    ran = run_alone(path, folder, allow_errors=True)

    for cell, (call, message) in zip(ran.cells[1:-1], BAD_CALLS):
        errors = [output for output in cell.outputs if output.output_type == "error"]
        assert len(errors) == 1, f"{call}: no error output, got {cell.outputs}"
        assert errors[0].ename == "ValueError", call
        assert errors[0].evalue.startswith(message), (call, errors[0].evalue)
    # The kernel is still usable and the next, valid figure shows.
    last = ran.cells[-1].outputs
    assert [output.output_type for output in last] == ["execute_result"]
    assert FIGURE_MARKER in last[0].data["text/html"]
