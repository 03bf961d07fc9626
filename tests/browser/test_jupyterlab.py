"""A chapter in a real JupyterLab: opened, run, its figure live and its slider working.

A JupyterLab server runs on 127.0.0.1 over an empty folder outside the
repository holding one chapter twice: the ``.ipynb`` a reader downloads from
the book's page, and the ``.md`` source, which opens as a notebook through
jupytext with the settings of ``binder/jupyter`` (the ones ``make lab`` and
Binder use). Chromium, driven like a reader (menus, keyboard), runs each one;
any request that would leave 127.0.0.1 is blocked and fails the test.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import urljoin

import jupytext
import pytest
from playwright.sync_api import expect

from mlmath.figures.kit.bokehjs import BOOK_BUILD_ENV
from tests.browser.support import FIGURES_FINISHED, SNAPSHOT, changed, press_key
from tests.chapters import figure_count, notebook_chapters, source_path
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

START_TIMEOUT_S = 120
RUN_TIMEOUT_MS = 180_000


def first_chapter_with_a_figure(built_book) -> str:
    for docname in notebook_chapters():
        if figure_count(docname):
            return docname
    pytest.fail("no notebook chapter has an interactive figure")


@pytest.fixture(scope="module")
def lab(built_book, tmp_path_factory):
    """JupyterLab on 127.0.0.1 over a folder holding one chapter (.ipynb and .md)."""
    docname = first_chapter_with_a_figure(built_book)
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    root.mkdir()
    name = docname.rsplit("/", 1)[-1]
    # The notebook exactly as the page's download link serves it.
    shutil.copyfile(built_book / "_sources" / f"{docname}.ipynb", root / f"{name}.ipynb")
    shutil.copyfile(source_path(docname), root / f"{name}-source.md")

    token = secrets.token_hex(16)
    env = {key: value for key, value in os.environ.items()
           if key not in {BOOK_BUILD_ENV, "JPY_SESSION_NAME"}}
    env.update(
        JUPYTER_CONFIG_PATH=str(ROOT / "binder" / "jupyter"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTER_DATA_DIR=str(base / "data"),  # notebook signatures stay here too
        JUPYTERLAB_SETTINGS_DIR=str(base / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
    )
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
               "--port=0", f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
               "--LabApp.news_url=None"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (base / "server.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        info = base / "runtime" / f"jpserver-{server.pid}.json"
        deadline = time.monotonic() + START_TIMEOUT_S
        while not info.exists():
            assert server.poll() is None, (base / "server.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.25)
        time.sleep(0.25)  # the file is written in one go, but let it land
        port = json.loads(info.read_text())["port"]
        yield {"url": f"http://127.0.0.1:{port}", "token": token, "name": name,
               "docname": docname, "root": root}
    finally:
        server.send_signal(signal.SIGTERM)  # shuts the kernels down too
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture
def lab_page(browser, lab):
    """``open(path)`` opens ``lab/tree/path`` in a fresh context; outside requests blocked."""
    contexts, outside, errors = [], [], []

    def open_path(path: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        # JupyterLab is a large application; on a busy machine it takes its time.
        context.set_default_timeout(RUN_TIMEOUT_MS)
        context.set_default_navigation_timeout(RUN_TIMEOUT_MS)

        def route(request_route):
            url = request_route.request.url
            if url.startswith(lab["url"]) or url.startswith(("data:", "blob:")):
                request_route.continue_()
            else:
                outside.append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        # reset: start from an empty workspace, not with the last test's tabs.
        page.goto(urljoin(lab["url"], f"lab/tree/{path}?reset&token={lab['token']}"))
        page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=RUN_TIMEOUT_MS)
        page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=RUN_TIMEOUT_MS)
        return page

    open_path.outside, open_path.errors = outside, errors
    yield open_path
    for context in contexts:
        context.close()


def wait_for_code_cells(page, count: int) -> None:
    """Wait until the notebook shows ``count`` code cells.

    JupyterLab attaches a long notebook's cells in batches after its panel
    appears and the kernel reports Idle; counting at once can miss the last.
    """
    expect(page.locator(".jp-NotebookPanel .jp-CodeCell")).to_have_count(
        count, timeout=RUN_TIMEOUT_MS)


def run_all_cells(page) -> None:
    """Run → Run All Cells, as a reader would; wait until every code cell has run.

    In a fresh kernel the code cells are numbered [1], [2], ... in order, which
    tells this run from the counts a downloaded notebook already carries.
    """
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
          const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
          return prompts.length > 0 &&
            prompts.every((p, i) => p.textContent.trim() === `[${i + 1}]:`)
        }""", timeout=RUN_TIMEOUT_MS)
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=RUN_TIMEOUT_MS)


def assert_figures_live_and_slider_moves(page, expected: int) -> None:
    page.wait_for_function(FIGURES_FINISHED, timeout=RUN_TIMEOUT_MS)
    # Every figure drawn: each of its parts (controls, readout, plots) is a root.
    drawn = page.evaluate("() => [...document.querySelectorAll('[data-mlmath-figure]')]"
                          ".map((f) => f.querySelectorAll('[data-root-id]').length)")
    assert len(drawn) == expected and all(drawn), drawn
    handle = page.locator("[data-mlmath-figure] .noUi-handle").first
    before = page.evaluate(SNAPSHOT)
    press_key(page, handle, "ArrowRight")
    after = page.evaluate(SNAPSHOT)
    if not changed(before["controls"], after["controls"]):  # it was at its maximum
        press_key(page, handle, "ArrowLeft")
        after = page.evaluate(SNAPSHOT)
    assert len(changed(before["controls"], after["controls"])) == 1
    assert changed(before["sources"], after["sources"]), "the plot's data did not change"
    assert changed(before["texts"], after["texts"]), "the readout did not change"
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.all_inner_texts()


def test_downloaded_notebook_shows_figures_then_runs_with_live_figures(lab, lab_page):
    page = lab_page(f"{lab['name']}.ipynb")
    expected = figure_count(lab["docname"])
    # Before any cell runs: the static twins are visible, nothing is blank.
    notebook = json.loads((lab["root"] / f"{lab['name']}.ipynb").read_text())
    wait_for_code_cells(page, sum(cell["cell_type"] == "code" for cell in notebook["cells"]))
    images = page.locator(".jp-OutputArea-output.jp-RenderedImage img")
    assert images.count() >= expected
    assert all(images.nth(i).evaluate("(img) => img.complete && img.naturalWidth > 0")
               for i in range(images.count()))
    assert page.locator("[data-mlmath-figure]").count() == 0

    run_all_cells(page)
    assert_figures_live_and_slider_moves(page, expected)
    assert not lab_page.outside, f"requests left 127.0.0.1: {lab_page.outside}"
    assert not lab_page.errors, lab_page.errors


def test_markdown_chapter_opens_as_a_notebook_and_runs(lab, lab_page):
    page = lab_page(f"{lab['name']}-source.md")
    source = jupytext.read(source_path(lab["docname"]))
    wait_for_code_cells(page, sum(cell.cell_type == "code" for cell in source.cells))

    run_all_cells(page)
    assert_figures_live_and_slider_moves(page, figure_count(lab["docname"]))
    assert not lab_page.outside, f"requests left 127.0.0.1: {lab_page.outside}"
    assert not lab_page.errors, lab_page.errors
