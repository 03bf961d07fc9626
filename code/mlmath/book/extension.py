"""The book's Sphinx extension: offline assets and never-stale outputs.

Listed in ``_config.yml`` under ``sphinx: extra_extensions``. It does three jobs.

**BokehJS, only where it is needed.** Figures are embedded as HTML without the
library (see :mod:`mlmath.book.display`). At the end of the build the bundles
are copied from the *installed* bokeh package into ``_static/bokeh/``, with
the version in their names, so the JavaScript always matches the Python that
made the figures. Pages whose body holds a figure get ``<script defer>`` tags
for exactly the bundles their figures declare (``data-bokehjs``); other pages
load none.

**MathJax 3 from npm.** ``node_modules/mathjax/es5`` (pinned by
``package-lock.json``) is copied into ``_static/mathjax/``; ``mathjax_path``
in ``_config.yml`` points there, and Sphinx loads it only on pages with math.
Nothing is copied into the book's own ``_static`` folder, whose every file
Jupyter Book would add to every page.

**Re-execution when this package changes.** jupyter-cache keys a notebook on
its code cells only, so editing ``mlmath`` would leave every chapter's outputs
stale. The extension hashes the package's source files; when the hash differs
from the one stored beside the cache, it clears the cache, and it tells
Sphinx that every chapter importing ``mlmath`` whose doctree was made with
another hash is out of date, so those chapters are read and executed again.

It also sets ``MLMATH_BOOK_BUILD`` in the environment, which the kernels that
execute the chapters inherit: figures then leave BokehJS out of their HTML;
and it loads :mod:`mlmath.book.pdf` (the PDF's additions) and
:mod:`mlmath.book.streams` (a cell's printed text as one block).
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import shutil
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import bokeh
from bokeh.util.paths import bokehjs_path
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from mlmath.book.display import BOOK_BUILD_ENV, FIGURE_MARKER

logger = logging.getLogger(__name__)

PACKAGE = "mlmath"
USES_PACKAGE = re.compile(rf"^\s*(?:import|from)\s+{PACKAGE}\b", re.MULTILINE)
HASH_FILE = "mlmath-package.sha256"
BOKEH_STATIC = "bokeh"
MATHJAX_STATIC = "mathjax"
# Bundle order matters: every bundle extends the core one.
BOKEH_BUNDLE_ORDER = ("bokeh", "bokeh-gl", "bokeh-widgets", "bokeh-tables", "bokeh-mathjax")
BUNDLES_ATTRIBUTE = re.compile(r'data-bokehjs="([a-z\- ]+)"')
# What of MathJax's es5 tree the CommonHTML TeX component can load at run time.
MATHJAX_PARTS = ("tex-chtml.js", "input", "output/chtml", "ui", "a11y", "sre", "adaptors")


# -- source hash and stale outputs ---------------------------------------------
def package_source_hash() -> str:
    """SHA-256 over the package's Python and JavaScript sources (paths + bytes)."""
    spec = find_spec(PACKAGE)
    root = Path(next(iter(spec.submodule_search_locations)))
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".js", ".css"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _uses_package(env, docname: str) -> bool:
    try:
        text = Path(env.doc2path(docname)).read_text(encoding="utf-8")
    except OSError:
        return False
    return bool(USES_PACKAGE.search(text))


def _clear_stale_cache(app: Sphinx) -> None:
    """Empty the jupyter-cache when it was filled by another version of the package."""
    app.env.mlmath_source_hash = current = package_source_hash()
    # myst-nb resolves its settings at builder-inited (this handler runs after it).
    nb_config = app.env.mystnb_config
    if nb_config.execution_mode != "cache":
        return
    cache_dir = Path(nb_config.execution_cache_path)
    stamp = cache_dir / HASH_FILE
    previous = stamp.read_text().strip() if stamp.exists() else None
    if previous == current:
        return
    if cache_dir.exists():
        from jupyter_cache import get_cache

        logger.info(f"[mlmath] package source changed: clearing {cache_dir}")
        get_cache(str(cache_dir)).clear_cache()
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current + "\n")


def _outdated_by_package(app, env, added, changed, removed) -> list[str]:
    """Chapters importing the package whose last read saw other package sources."""
    current = env.mlmath_source_hash
    seen = getattr(env, "mlmath_doc_hash", {})
    stale = [
        docname for docname in env.found_docs
        if docname not in added and docname not in changed
        and seen.get(docname) != current and _uses_package(env, docname)
    ]
    if stale:
        logger.info(f"[mlmath] package source changed: re-reading {len(stale)} chapter(s)")
    return stale


def _record_hash(app: Sphinx, doctree) -> None:
    env = app.env
    if not hasattr(env, "mlmath_doc_hash"):
        env.mlmath_doc_hash = {}
    if _uses_package(env, env.docname):
        env.mlmath_doc_hash[env.docname] = env.mlmath_source_hash


def _purge_doc(app, env, docname: str) -> None:
    getattr(env, "mlmath_doc_hash", {}).pop(docname, None)


def _merge_info(app, env, docnames, other) -> None:
    env.mlmath_doc_hash = {**getattr(env, "mlmath_doc_hash", {}),
                           **{d: h for d, h in getattr(other, "mlmath_doc_hash", {}).items()
                              if d in docnames}}


# -- assets -------------------------------------------------------------------
def _bokeh_file(bundle: str) -> str:
    return f"{BOKEH_STATIC}/{bundle}-{bokeh.__version__}.min.js"


def _add_bokehjs(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give pages that hold a figure the BokehJS bundles their figures need."""
    body = context.get("body", "")
    if FIGURE_MARKER not in body:
        return
    wanted = {"bokeh"}
    for match in BUNDLES_ATTRIBUTE.finditer(body):
        wanted.update(match.group(1).split())
    for priority, bundle in enumerate(BOKEH_BUNDLE_ORDER):
        if bundle in wanted:
            # defer: the text paints first; Bokeh's embed script waits for
            # DOMContentLoaded, which fires after deferred scripts have run.
            app.add_js_file(_bokeh_file(bundle), priority=600 + priority, defer="defer")


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and filecmp.cmp(source, target, shallow=False):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _mathjax_source(app: Sphinx) -> Path:
    root = Path(app.config.mlmath_mathjax_dir)
    if not root.is_absolute():
        root = Path(app.srcdir) / root
    return root


def _check_mathjax(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    if not (_mathjax_source(app) / "tex-chtml.js").exists():
        raise ConfigError(
            f"MathJax 3 is missing from {_mathjax_source(app)}: run `npm ci` in the "
            "book's root (`make book` does), so that math renders with no network."
        )


def _copy_assets(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    js_dir = Path(bokehjs_path()) / "js"
    for bundle in BOKEH_BUNDLE_ORDER:
        _copy_if_changed(js_dir / f"{bundle}.min.js", static / _bokeh_file(bundle))
    source = _mathjax_source(app)
    for part in MATHJAX_PARTS:
        path = source / part
        if path.is_file():
            _copy_if_changed(path, static / MATHJAX_STATIC / part)
        elif path.is_dir():
            for file in path.rglob("*"):
                if file.is_file():
                    _copy_if_changed(file, static / MATHJAX_STATIC / file.relative_to(source))


def _add_static_path(app: Sphinx, config) -> None:
    static = resources.files("mlmath.book").joinpath("static")
    config.html_static_path.append(str(static))


def setup(app: Sphinx) -> dict:
    os.environ[BOOK_BUILD_ENV] = "1"
    app.add_config_value("mlmath_mathjax_dir", "node_modules/mathjax/es5", "env")
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _check_mathjax)
    app.connect("builder-inited", _clear_stale_cache, priority=900)
    app.connect("env-get-outdated", _outdated_by_package)
    app.connect("doctree-read", _record_hash)
    app.connect("env-purge-doc", _purge_doc)
    app.connect("env-merge-info", _merge_info)
    app.connect("html-page-context", _add_bokehjs)
    app.connect("build-finished", _copy_assets)
    app.add_css_file("mlmath.css")
    app.setup_extension("mlmath.book.pdf")
    app.setup_extension("mlmath.book.streams")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
