"""mlmath.book.notebooks: the notebook readers get, and the launch links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement

from mlmath.figures.kit.display import FIGURE_MARKER
from mlmath.book.notebooks import (
    ABOUT_CELL_ID, SETUP_CELL_ID, colab_url, install_requirement, join_streams,
    jupyterhub_url, reader_notebook, setup_source,
)
from tests.figures.kit.test_display import small_figure

REQUIREMENT = install_requirement("https://github.com/someone/book/", "0123abc")


def executed_notebook(monkeypatch) -> nbformat.NotebookNode:
    """A notebook as the book build leaves it: a figure, a plain HTML table, text."""
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    data, metadata = small_figure()._repr_mimebundle_()
    notebook = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "jupytext": {"text_representation": {"extension": ".md"}},
        "source_map": [3, 9],
    })
    figure = nbformat.v4.new_code_cell("small_figure()", execution_count=1, outputs=[
        nbformat.v4.new_output("execute_result", data=data, metadata=metadata,
                               execution_count=1)])
    table = nbformat.v4.new_code_cell("table", execution_count=2, outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": "<table></table>",
                                                     "text/plain": "table"})])
    notebook.cells = [nbformat.v4.new_markdown_cell("# Probe"), figure, table]
    return notebook


def test_figures_keep_their_static_twin_and_lose_the_book_html(monkeypatch):
    original = executed_notebook(monkeypatch)
    reader = reader_notebook(original, title="Probe", requirement=REQUIREMENT)
    nbformat.validate(reader)

    figure_output = reader.cells[3].outputs[0]
    assert set(figure_output.data) == {"image/png", "application/pdf", "text/plain"}
    assert figure_output.metadata["image/png"]["alt"] == "A line falling from 1 to 0."
    # Other HTML outputs are left alone, and the input is not modified.
    assert reader.cells[4].outputs[0].data["text/html"] == "<table></table>"
    assert FIGURE_MARKER in original.cells[1].outputs[0].data["text/html"]
    assert "source_map" not in reader.metadata and "jupytext" not in reader.metadata
    assert reader.metadata.kernelspec.name == "python3"


def test_about_and_set_up_cells_go_first(monkeypatch):
    reader = reader_notebook(executed_notebook(monkeypatch), title="Probe",
                             requirement=REQUIREMENT)
    about, setup = reader.cells[:2]
    assert (about.id, about.cell_type) == (ABOUT_CELL_ID, "markdown")
    assert "Probe" in about.source
    assert (setup.id, setup.cell_type) == (SETUP_CELL_ID, "code")
    assert setup.metadata.tags == [SETUP_CELL_ID]
    assert [cell.cell_type for cell in reader.cells[2:]] == ["markdown", "code", "code"]
    # Ids from positions, not myst-nb's random ones: two builds, same bytes.
    assert [cell.id for cell in reader.cells[2:]] == ["cell-1", "cell-2", "cell-3"]


def stream(name: str, text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_printed_text_split_by_the_kernel_comes_out_as_printed_in_one_output():
    # One print, flushed by the kernel in two messages (as on a busy machine),
    # then a warning, then more printing: the same notebook as an unsplit run.
    outputs = [stream("stdout", "sizes: 4.3e+00"), stream("stdout", "\n"),
               stream("stdout", "  indented\n"), stream("stderr", "warning\n"),
               stream("stdout", "after\n")]
    assert [(o.name, o.text) for o in join_streams(outputs)] == [
        ("stdout", "sizes: 4.3e+00\n  indented\n"), ("stderr", "warning\n"),
        ("stdout", "after\n")]
    assert outputs[0].text == "sizes: 4.3e+00"  # the input is not modified
    result = nbformat.v4.new_output("execute_result", data={"text/plain": "1"},
                                    execution_count=1)
    assert join_streams([stream("stdout", "a\n"), result, stream("stdout", "b\n")]) == \
        [stream("stdout", "a\n"), result, stream("stdout", "b\n")]

    split = nbformat.v4.new_code_cell("print(x)", outputs=outputs[:2])
    whole = nbformat.v4.new_code_cell("print(x)", outputs=[stream("stdout", "sizes: 4.3e+00\n")])
    notebooks = []
    for cell in (split, whole):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [cell]
        notebooks.append(reader_notebook(notebook, title="Probe", requirement=REQUIREMENT))
    assert nbformat.writes(notebooks[0]) == nbformat.writes(notebooks[1])
    assert len(split.outputs) == 2  # the input is not modified


def test_install_requirement_is_a_valid_pip_requirement():
    requirement = Requirement(REQUIREMENT)
    assert requirement.name == "mlmath"
    assert requirement.extras == {"notebook"}
    assert requirement.url == "git+https://github.com/someone/book@0123abc"


def run_setup(source: str, present: bool) -> list:
    """Run the set-up cell as IPython would; return the line magics it called."""
    calls = []

    class FakeShell:
        def run_line_magic(self, name, line):
            calls.append((name, line))

    code = TransformerManager().transform_cell(source)
    if not present:
        code = code.replace('find_spec("mlmath")', 'find_spec("mlmath_is_not_installed")')
    exec(compile(code, "<setup>", "exec"), {"get_ipython": FakeShell})
    return calls


def test_set_up_cell_installs_the_package_only_when_it_is_missing():
    source = setup_source(REQUIREMENT)
    assert run_setup(source, present=True) == []
    assert run_setup(source, present=False) == [("pip", f'install --quiet "{REQUIREMENT}"')]


def test_set_up_cell_without_a_repository_says_how_to_install():
    source = setup_source(None)
    assert run_setup(source, present=True) == []
    with pytest.raises(ModuleNotFoundError, match="pip install -e ."):
        run_setup(source, present=False)


def test_colab_and_jupyterhub_links_open_the_published_notebook():
    page = "chapters/linear-algebra/vectors"
    assert colab_url("https://colab.research.google.com/", "someone", "book", "notebooks",
                     page) == ("https://colab.research.google.com/github/someone/book/blob/"
                               "notebooks/chapters/linear-algebra/vectors.ipynb")
    hub = urlparse(jupyterhub_url("https://hub.example.org", "https://github.com/someone/book",
                                  "notebooks", page, "jupyterlab"))
    assert hub.path == "/hub/user-redirect/git-pull"
    assert parse_qs(hub.query) == {
        "repo": ["https://github.com/someone/book"], "branch": ["notebooks"],
        "urlpath": ["lab/tree/book/chapters/linear-algebra/vectors.ipynb"]}


# -- code shown with literalinclude --------------------------------------------
SHOWN = '''"""A module a chapter shows."""


def area(width, height):
    """The area of a rectangle."""
    if width < 0:
        raise ValueError("width must be >= 0")
    return width * height
'''


def test_literalinclude_becomes_the_code_it_shows_as_sphinx_cuts_it(tmp_path):
    from sphinx.config import Config

    from mlmath.book.includes import resolve_includes

    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "shapes.py").write_text(SHOWN)
    (tmp_path / "chapters").mkdir()
    markdown = ("Before.\n\n"
                "```{literalinclude} ../code/shapes.py\n:language: python\n:pyobject: area\n"
                ":start-at: if width\n:prepend: \"def area(width, height):\"\n"
                ":caption: area, after its docstring\n```\n\n"
                "````{literalinclude} /code/shapes.py\n:lines: 1\n````\n\nAfter.")
    written = resolve_includes(markdown, docname="chapters/probe", srcdir=tmp_path,
                               config=Config())
    assert "{literalinclude}" not in written
    assert written.startswith("Before.\n\n*area, after its docstring*\n\n```python\n")
    assert ('def area(width, height):\n    if width < 0:\n'
            '        raise ValueError("width must be >= 0")\n    return width * height\n```'
            in written)
    assert '"""The area' not in written  # cut as :start-at: says
    assert '````\n"""A module a chapter shows."""\n````\n\nAfter.' in written


def test_literalinclude_of_a_missing_object_names_the_chapter(tmp_path):
    from sphinx.config import Config

    from mlmath.book.includes import resolve_includes

    (tmp_path / "shapes.py").write_text(SHOWN)
    with pytest.raises(ValueError, match="chapters/probe: literalinclude /shapes.py"):
        resolve_includes("```{literalinclude} /shapes.py\n:pyobject: volume\n```",
                         docname="chapters/probe", srcdir=tmp_path, config=Config())
