"""Chapter pages offer their notebook, and launch links point at files that exist.

The download link is followed over HTTP, as a reader's click would; the
notebook must parse, carry the book's outputs and show every figure (its PNG
twin) when opened, before anything is re-run.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse
from urllib.request import urlopen

import nbformat
import pytest
import yaml
from packaging.requirements import Requirement

from mlmath.figures.kit.display import FIGURE_MARKER
from mlmath.book.notebooks import ABOUT_CELL_ID, SETUP_CELL_ID
from tests.browser.support import serve
from tests.chapters import NOTEBOOKS, figure_count, notebook_chapters, toc_docnames
from tests.conftest import ROOT

CHAPTERS = notebook_chapters()
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPOSITORY = CONFIG["repository"]["url"].rstrip("/")
NOTEBOOKS_BRANCH = CONFIG["sphinx"]["config"]["mlmath_notebooks_branch"]


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book) as url:
        yield url


def links(page_html: str) -> dict[str, str]:
    """href of each download and launch entry of the page's header menus."""
    found = {}
    for anchor in re.finditer(r"<a\s[^>]*>", page_html):
        tag = anchor.group(0)
        href = re.search(r'href="([^"]*)"', tag)
        if not href:
            continue
        href = unescape(href.group(1))
        if "btn-download-notebook-button" in tag:
            found["ipynb"] = href
        elif "btn-download-source-button" in tag:
            found["source"] = href
        for launcher, marker in (("binder", "/v2/gh/"), ("colab", "colab"),
                                 ("jupyterhub", "/hub/user-redirect/git-pull")):
            if marker in href:
                found.setdefault(launcher, href)
    return found


@pytest.mark.parametrize("docname", CHAPTERS)
def test_download_link_gives_the_executed_notebook_with_visible_figures(docname, site,
                                                                         built_book):
    page_url = f"{site}/{docname}.html"
    with urlopen(page_url) as response:
        page = response.read().decode()
    href = links(page).get("ipynb")
    assert href and href.endswith(".ipynb"), f"{docname}: no .ipynb in the download menu"
    with urlopen(urljoin(page_url, href)) as response:
        body = response.read()
    notebook = nbformat.reads(body.decode(), as_version=4)
    nbformat.validate(notebook)
    # The file readers download is the one published for Colab and JupyterHub.
    assert body == (NOTEBOOKS / f"{docname}.ipynb").read_bytes()

    assert [cell.id for cell in notebook.cells[:2]] == [ABOUT_CELL_ID, SETUP_CELL_ID]
    code = [cell for cell in notebook.cells[2:] if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code), "outputs of the build run"
    assert any(cell.outputs for cell in code)
    # Every figure opens as its static twin: a PNG with alt text, no book-only HTML.
    outputs = [output for cell in code for output in cell.outputs]
    figures = [output for output in outputs if "image/png" in output.get("data", {})
               and output.metadata.get("image/png", {}).get("alt")]
    assert len(figures) == figure_count(docname)
    assert not [output for output in outputs
                if FIGURE_MARKER in output.get("data", {}).get("text/html", "")]
    # The package code the page shows (literalinclude) is in the notebook as code.
    source = (ROOT / f"{docname}.md").read_text()
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "{literalinclude}" not in prose
    includes = len(re.findall(r"^`{3,}\{literalinclude\}", source, re.MULTILINE))
    assert len(re.findall(r"^`{3,}python\n", prose, re.MULTILINE)) >= includes, docname


def test_set_up_cell_installs_this_repository_at_the_built_commit(built_book):
    notebook = nbformat.read(NOTEBOOKS / f"{CHAPTERS[0]}.ipynb", as_version=4)
    source = notebook.cells[1].source
    quoted = re.search(r'%pip install --quiet "([^"]+)"', source)
    assert quoted, source
    requirement = Requirement(quoted.group(1))
    assert requirement.name == "mlmath" and requirement.extras == {"notebook"}
    assert requirement.url.startswith(f"git+{REPOSITORY}@")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip()
    if head:
        assert requirement.url == f"git+{REPOSITORY}@{head}"


@pytest.mark.parametrize("docname", CHAPTERS)
def test_launch_links_open_files_that_exist(docname, built_book):
    found = links((built_book / f"{docname}.html").read_text())
    org, repo = urlparse(REPOSITORY).path.strip("/").split("/")

    # Binder: the .md source on the source branch, in JupyterLab (jupytext opens it).
    binder = urlparse(found["binder"])
    assert binder.path == f"/v2/gh/{org}/{repo}/{CONFIG['repository']['branch']}"
    urlpath = parse_qs(binder.query)["urlpath"][0]
    assert urlpath.startswith("lab/tree/")
    assert (ROOT / urlpath.removeprefix("lab/tree/")).is_file()

    # Colab and JupyterHub: the .ipynb on the notebooks branch (_build/notebooks).
    colab = urlparse(found["colab"])
    prefix = f"/github/{org}/{repo}/blob/{NOTEBOOKS_BRANCH}/"
    assert colab.path.startswith(prefix)
    assert (NOTEBOOKS / colab.path.removeprefix(prefix)).is_file()
    hub = parse_qs(urlparse(found["jupyterhub"]).query)
    assert hub["repo"] == [REPOSITORY] and hub["branch"] == [NOTEBOOKS_BRANCH]
    assert (NOTEBOOKS / hub["urlpath"][0].removeprefix(f"lab/tree/{repo}/")).is_file()


def test_prose_pages_offer_no_notebook(built_book):
    for docname in set(toc_docnames()) - set(CHAPTERS):
        found = links((built_book / f"{docname}.html").read_text())
        assert "ipynb" not in found and "colab" not in found, docname


def test_publish_script_puts_the_notebooks_on_the_branch_colab_opens(tmp_path, built_book):
    repo = tmp_path / "clone"
    git = ["git", "-C", str(repo)]
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(repo)], check=True)
    subprocess.run([*git, "-c", "user.name=t", "-c", "user.email=t@localhost",
                    "commit", "--quiet", "--allow-empty", "-m", "source"], check=True)
    result = subprocess.run([str(ROOT / "scripts/publish-notebooks"), NOTEBOOKS_BRANCH,
                             str(NOTEBOOKS)], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    files = subprocess.run([*git, "ls-tree", "-r", "--name-only", NOTEBOOKS_BRANCH],
                           capture_output=True, text=True, check=True).stdout.split()
    assert sorted(f for f in files if f.endswith(".ipynb")) == \
        sorted(f"{docname}.ipynb" for docname in CHAPTERS)
    # The source branch and the work tree are untouched.
    assert subprocess.run([*git, "symbolic-ref", "HEAD"], capture_output=True,
                          text=True).stdout.strip() == "refs/heads/main"
    assert subprocess.run([*git, "status", "--porcelain"], capture_output=True,
                          text=True).stdout == ""
    chapter = f"{CHAPTERS[0]}.ipynb"
    blob = subprocess.run([*git, "show", f"{NOTEBOOKS_BRANCH}:{chapter}"],
                          capture_output=True, check=True).stdout
    assert blob == (NOTEBOOKS / chapter).read_bytes()
