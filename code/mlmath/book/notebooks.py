"""The chapters as notebooks: downloads, ``_build/notebooks`` and launch links.

Listed in ``_config.yml`` under ``sphinx: config: extensions``. It does three jobs.

**A notebook a reader can open.** myst-nb writes each executed chapter to
``_build/jupyter_execute``. Its figures hold only the HTML of the book page,
which needs the BokehJS the book serves: opened in JupyterLab (which prefers
``text/html`` to ``image/png``) they would be blank until re-run. The
notebooks offered to readers therefore keep each figure's static twin (PNG,
PDF and alt text) and drop that HTML; running the cell brings the interactive
figure back, with BokehJS inline (:mod:`mlmath.figures.kit.display`). Two cells go
first: what the notebook is, and a set-up cell that installs ``mlmath`` from
the book's repository when it is missing (in Colab, on a JupyterHub), at the
commit the book was built from. Nothing is added to the chapters' sources, so
every chapter gets these cells, and the book never shows them.

At the end of an HTML build the notebooks are written twice: to
``_build/html/_sources/<chapter>.ipynb``, which the theme's download menu
offers on every chapter page, and to ``_build/notebooks/<chapter>.ipynb``
(``make notebooks``), the folder the CI workflow publishes to the notebooks
branch. Code a chapter shows with ``{literalinclude}`` is written out in them
(:mod:`mlmath.book.includes`): a notebook does not run Sphinx's directives.

**Launch links that work for text notebooks.** sphinx-book-theme links Colab
and JupyterHub to the chapter's source file on the source branch; ours are
MyST Markdown (``.md``), which Colab cannot open and a hub opens as a notebook
only with jupytext and ``mlmath`` installed. Both links are pointed at the
``.ipynb`` on the published notebooks branch (``mlmath_notebooks_branch``)
instead. Binder keeps the theme's link: it builds its environment from the
source branch (``binder/``), with jupytext, and opens the ``.md`` itself.
"""

from __future__ import annotations

import copy
import functools
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

from mlmath.book.includes import resolve_includes
from mlmath.figures.kit.display import FIGURE_MARKER

logger = logging.getLogger(__name__)

PACKAGE = "mlmath"
#: The extra that adds what the chapters import besides the package (myst-nb's glue).
PACKAGE_EXTRA = "notebook"
#: Cell ids of the two cells put in front of every chapter.
ABOUT_CELL_ID = "mlmath-about"
SETUP_CELL_ID = "mlmath-setup"
NOTEBOOKS_FOLDER = "notebooks"


# -- the notebook readers get ---------------------------------------------------
def install_requirement(repository_url: str, ref: str) -> str:
    """The pip requirement that installs the book's package from its repository."""
    return f"{PACKAGE}[{PACKAGE_EXTRA}] @ git+{repository_url.rstrip('/')}@{ref}"


def setup_source(requirement: str | None) -> str:
    """The code of the set-up cell: install ``mlmath`` when it cannot be imported."""
    head = (
        "# Set-up: this chapter uses the book's Python package, mlmath. Where it is\n"
        "# missing (Colab, a JupyterHub), install it from the book's repository.\n"
        "import importlib.util\n\n"
        f'if importlib.util.find_spec("{PACKAGE}") is None:\n'
    )
    if requirement is None:
        return head + (
            '    raise ModuleNotFoundError("This chapter needs the book\'s package '
            f'{PACKAGE}: run `pip install -e .` in the book\'s repository")'
        )
    return head + f'    %pip install --quiet "{requirement}"'


def about_source(title: str) -> str:
    return (
        f"**Math for Machine Learning: {title}.** This notebook is a chapter of the "
        "book, with the outputs of the book's own run. Each figure shows a static "
        "picture until its cell runs again; run the notebook (*Run → Run All Cells*) "
        "to get the interactive figures, whose sliders work in the notebook. "
        f"The first code cell installs the book's package, `{PACKAGE}`, where it is "
        "missing."
    )


def is_figure_output(output) -> bool:
    """A :class:`~mlmath.figures.kit.BookFigure` output: figure HTML plus a PNG twin."""
    data = output.get("data", {})
    return FIGURE_MARKER in data.get("text/html", "") and "image/png" in data


def join_streams(outputs: list) -> list:
    """``outputs`` with each run of consecutive outputs of one stream (stdout or
    stderr) joined into one, text exactly as printed; ``outputs`` is not modified.

    A kernel sends printed text in as many messages as its output thread
    happens to flush, so two runs of a cell can give one output or two; joined,
    two builds give the same notebook (the pages get the same treatment from
    :mod:`mlmath.book.streams`). myst-nb's ``coalesce_streams`` is not used: it
    strips and re-adds newlines, and moves stderr, which changes the text.
    """
    joined = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = _text(previous["text"]) + _text(output["text"])
        elif output.get("output_type") == "stream":
            joined.append(copy.copy(output))  # its text may grow; ``outputs`` stays
        else:
            joined.append(output)
    return joined


def _text(text: str | list[str]) -> str:
    return text if isinstance(text, str) else "".join(text)


def reader_notebook(notebook, *, title: str, requirement: str | None,
                    markdown: Callable[[str], str] | None = None):
    """The notebook offered to readers, from the one the book build executed.

    Figures keep their static twin (PNG, PDF, alt text) and lose the book's
    HTML, which shows nothing outside the book; printed text comes in one
    output per run of a stream (:func:`join_streams`); an about cell and the
    set-up cell (:func:`setup_source`) go first; cells get ids from their position.
    ``markdown``, if given, rewrites each Markdown cell's text (the build passes
    :func:`mlmath.book.includes.resolve_includes`: code a chapter shows by
    ``{literalinclude}`` is written out). ``notebook`` is not modified.
    """
    notebook = copy.deepcopy(notebook)
    for number, cell in enumerate(notebook.cells, start=1):
        # myst-nb gives cells random ids; two builds must give the same file.
        cell["id"] = f"cell-{number}"
        if markdown is not None and cell.get("cell_type") == "markdown":
            cell["source"] = markdown(_text(cell["source"]))
        if "outputs" in cell:
            cell["outputs"] = join_streams(cell["outputs"])
        for output in cell.get("outputs", []):
            if output.get("output_type") in {"display_data", "execute_result"} \
                    and is_figure_output(output):
                del output["data"]["text/html"]
                # The web book's placeholder, of no use in a notebook.
                output.get("metadata", {}).get("mlmath", {}).pop("twin_svg", None)
    about = nbformat.v4.new_markdown_cell(about_source(title))
    about["id"] = ABOUT_CELL_ID
    setup = nbformat.v4.new_code_cell(setup_source(requirement))
    setup["id"] = SETUP_CELL_ID
    setup["metadata"]["tags"] = [SETUP_CELL_ID]
    notebook.cells[:0] = [about, setup]
    # Build-time bookkeeping, meaningless in a standalone .ipynb: myst-nb's map
    # to the source's lines, and jupytext's record of the Markdown source.
    for key in ("source_map", "jupytext"):
        notebook.metadata.pop(key, None)
    notebook.nbformat, notebook.nbformat_minor = 4, max(notebook.get("nbformat_minor", 5), 5)
    return notebook


# -- where things are ---------------------------------------------------------
def _theme_options(app: Sphinx) -> dict:
    return app.config.html_theme_options or {}


def _is_notebook(app: Sphinx, docname: str) -> bool:
    """A page written as a notebook (jupytext header with a kernelspec), as the theme decides."""
    return "kernelspec" in app.env.metadata.get(docname, {})


def _source_ref(app: Sphinx) -> str:
    """The commit the book is built from, or the configured branch outside git."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=app.srcdir,
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return _theme_options(app).get("repository_branch") or "main"


def notebooks_dir(app: Sphinx) -> Path:
    return Path(app.outdir).parent / NOTEBOOKS_FOLDER


# -- Sphinx hooks -------------------------------------------------------------
def _offer_download(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every notebook page offers its ``.ipynb`` in the download menu, whether
    or not launch buttons are configured (the theme only offers it with them)."""
    if _is_notebook(app, pagename):
        context["ipynb_source"] = pagename + ".ipynb"


def colab_url(colab: str, org: str, repo: str, branch: str, pagename: str) -> str:
    return f"{colab.rstrip('/')}/github/{org}/{repo}/blob/{branch}/{pagename}.ipynb"


def jupyterhub_url(hub: str, repository_url: str, branch: str, pagename: str,
                   interface: str = "classic") -> str:
    """An nbgitpuller link, built the way the theme builds it, to the ``.ipynb``."""
    prefix = {"classic": "tree", "jupyterlab": "lab/tree"}[interface]
    repo = repository_url.rstrip("/").rsplit("/", 1)[-1]
    query = urlencode({"repo": repository_url, "urlpath": f"{prefix}/{repo}/{pagename}.ipynb",
                       "branch": branch}, safe="/")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def _point_launchers_at_notebooks(app: Sphinx, pagename, templatename, context,
                                  doctree) -> None:
    """Colab and JupyterHub open the published ``.ipynb``, not the ``.md`` source."""
    options = _theme_options(app)
    launch = options.get("launch_buttons", {})
    repository_url = options.get("repository_url", "")
    branch = app.config.mlmath_notebooks_branch
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        kept = []
        for button in group["buttons"]:
            if button.get("text") == "Colab":
                if not branch or "github.com/" not in repository_url:
                    continue  # Colab opens only .ipynb files on GitHub
                org, repo = repository_url.rstrip("/").split("github.com/")[1].split("/")[:2]
                button["url"] = colab_url(launch["colab_url"], org, repo, branch, pagename)
            elif button.get("text") == "JupyterHub" and branch:
                button["url"] = jupyterhub_url(
                    launch["jupyterhub_url"], repository_url, branch, pagename,
                    launch.get("notebook_interface", "classic"))
            kept.append(button)
        group["buttons"] = kept


def _with_cached_outputs(app: Sphinx, notebook):
    """``notebook`` with its outputs from the execution cache, if it has none.

    myst-nb 1.4 writes ``jupyter_execute/<page>.ipynb`` from the notebook it
    read, not from the one its cache client merged the outputs into: a page read
    again from the cache (no chapter run) leaves that file without outputs."""
    nb_config = app.env.mystnb_config
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if nb_config.execution_mode != "cache" or not code or any(
            cell.get("execution_count") for cell in code):
        return notebook
    from jupyter_cache import get_cache

    from myst_nb.ext.glue import extract_glue_data_cell

    try:
        _, merged = get_cache(nb_config.execution_cache_path).merge_match_into_notebook(notebook)
    except KeyError:  # not in the cache: as it was read
        return notebook
    for cell in merged.cells:  # what myst-nb does to a notebook it has just run:
        if cell.cell_type == "code":  # glued values go to <page>.glue.json instead
            extract_glue_data_cell(cell)
    return merged


def _write_notebooks(app: Sphinx, exception) -> None:
    """Write the readers' notebooks to ``_sources`` (downloads) and ``_build/notebooks``."""
    if exception is not None or app.builder.format != "html":
        return
    executed = Path(app.env.mystnb_config.output_folder)
    options = _theme_options(app)
    repository_url = options.get("repository_url", "")
    requirement = (install_requirement(repository_url, _source_ref(app))
                   if repository_url else None)
    target = notebooks_dir(app)
    shutil.rmtree(target, ignore_errors=True)
    for docname in sorted(app.env.found_docs):
        if not _is_notebook(app, docname):
            continue
        source = executed / f"{docname}.ipynb"
        if not source.exists():
            logger.warning(f"[mlmath] no executed notebook for {docname} at {source}")
            continue
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        markdown = functools.partial(resolve_includes, docname=docname, srcdir=Path(app.srcdir),
                                     config=app.config)
        notebook = reader_notebook(_with_cached_outputs(app, nbformat.read(source, as_version=4)),
                                   title=title, requirement=requirement, markdown=markdown)
        text = nbformat.writes(notebook) + "\n"
        for path in (Path(app.outdir) / "_sources" / f"{docname}.ipynb",
                     target / f"{docname}.ipynb"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_config_value("mlmath_notebooks_branch", "notebooks", "html")
    # The theme fills the header buttons at priority 501.
    app.connect("html-page-context", _offer_download, priority=500)
    app.connect("html-page-context", _point_launchers_at_notebooks, priority=502)
    app.connect("build-finished", _write_notebooks)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
