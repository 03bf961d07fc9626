"""The book's Sphinx extension: offline assets and never-stale outputs.

Listed in ``_config.yml`` under ``sphinx: extra_extensions``. It does five jobs.

**BokehJS, only where it is needed.** Figures are embedded as HTML without the
library (see :mod:`mlmath.figures.kit.display`). Before any page is written, the bundles
are copied from the *installed* bokeh package into ``_static/bokeh/``, with
the version in their names, so the JavaScript always matches the Python that
made the figures. Pages whose body holds a figure get ``mlmath-figures.js``,
which loads exactly the bundles their figures declare (``data-bokehjs``) when
the reader comes within a screen of a figure: text and math never wait for
BokehJS, and a reader who does not scroll that far does not download it.
Other pages load none.

**Math typeset at build time** by MathJax 3 from npm, in Node: pages ship
finished formulas and load no MathJax (:mod:`mlmath.book.math`, loaded here).
Nothing is copied into the book's own ``_static`` folder, whose every file
Jupyter Book would add to every page. Versioned names let a host cache BokehJS
and MathJax's fonts for good (README).

**One small stylesheet per page**: the theme's and the extensions' CSS bundled,
purged of the rules no page uses, with icon fonts cut to the icons shown
(:mod:`mlmath.book.styles`, loaded here).

**Fast, accessible pages** (``static/`` and ``templates/``).
``mlmath-figures.js`` also gives Bokeh's controls accessible names. Every
page gets a meta description (its first paragraph, unless the page sets
one), the book's favicon, and its scripts deferred so that they do not hold
back the text. The theme's templates are trimmed of the search
scripts and the 1.5 MB ``fontawesome.js`` it would load on every page, and
of the hidden sidebar toggles in its header, which kept the visible ones from
working (pydata-sphinx-theme issue #2451).

**Re-execution when the code the chapters run changes.** jupyter-cache keys a
notebook on its code cells only, so editing ``mlmath`` would leave every
chapter's outputs stale. The extension hashes the package's sources in two
parts: what the kernels run (algorithms, data, figures and their callbacks,
the kernels' IPython extension) and the build glue (the rest of
``mlmath.book``). When the first differs from the hash stored beside the
cache, it clears the cache and tells Sphinx that every chapter importing
``mlmath`` is out of date, so those chapters are executed again. When only
the build glue changed, every page is read again from the cache, with no
chapter executed.

It also sets ``MLMATH_BOOK_BUILD`` in the environment, which the kernels that
execute the chapters inherit: figures then leave BokehJS out of their HTML.
It gives those kernels an IPython profile (``_build/.ipython``) that loads
:mod:`mlmath.book.kernel`: a plain matplotlib figure is then kept as a sharp
PNG for the page and as a PDF for the book's PDF, where a 100-dpi PNG would
print blurred. And it loads :mod:`mlmath.book.pdf` (the PDF's additions) and
:mod:`mlmath.book.streams` (a cell's printed text as one block).
"""

from __future__ import annotations

import filecmp
import hashlib
import html
import os
import re
import shutil
import textwrap
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import bokeh
from bokeh.util.paths import bokehjs_path
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from mlmath.book.render import TWINS_ATTRIBUTE, TWINS_FOLDER
from mlmath.figures.kit.bokehjs import BOOK_BUILD_ENV
from mlmath.figures.kit.display import FIGURE_MARKER

logger = logging.getLogger(__name__)

PACKAGE = "mlmath"
USES_PACKAGE = re.compile(rf"^\s*(?:import|from)\s+{PACKAGE}\b", re.MULTILINE)
HASH_FILE = "mlmath-package.sha256"
BOKEH_STATIC = "bokeh"
FIGURES_SCRIPT = "mlmath-figures.js"
FAVICON = "favicon.svg"
#: Scripts that must run before the inline scripts that follow them (Sphinx
#: adds ``DOCUMENTATION_OPTIONS.pagename = ...`` inline); every other script
#: with a ``src`` is deferred.
RUN_IN_PLACE = {"documentation_options.js"}
DESCRIPTION_CHARS = 160
# Bundle order matters: every bundle extends the core one.
BOKEH_BUNDLE_ORDER = ("bokeh", "bokeh-gl", "bokeh-widgets", "bokeh-tables", "bokeh-mathjax")
BUNDLES_ATTRIBUTE = re.compile(r'data-bokehjs="([a-z\- ]+)"')


# -- the kernels' IPython profile ----------------------------------------------
KERNEL_CONFIG = """\
# Written by mlmath.book.extension for the kernels that execute the book.
# Matplotlib figures: a 2x PNG for the HTML page, a vector PDF for LaTeX.
c.InteractiveShellApp.extensions = ["mlmath.book.kernel"]
"""


def _kernel_profile(app: Sphinx) -> None:
    """Point the build's kernels at an IPython profile holding ``KERNEL_CONFIG``."""
    ipython_dir = Path(app.doctreedir).parent / ".ipython"
    config = ipython_dir / "profile_default" / "ipython_kernel_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    if not config.exists() or config.read_text() != KERNEL_CONFIG:
        config.write_text(KERNEL_CONFIG)
    os.environ["IPYTHONDIR"] = str(ipython_dir)


# -- source hashes and stale outputs -------------------------------------------
#: What the kernels run besides the package's algorithms, data and figures: the
#: IPython extension they load (and the package it sits in).
KERNEL_SIDE_BOOK = {"book/__init__.py", "book/kernel.py"}


def _package_root() -> Path:
    spec = find_spec(PACKAGE)
    return Path(next(iter(spec.submodule_search_locations)))


def _source_files(root: Path) -> list[Path]:
    return [path for path in sorted(root.rglob("*"))
            if path.suffix in {".py", ".js", ".css", ".html", ".sty"} and path.is_file()
            and "__pycache__" not in path.parts]


def _digest(root: Path, paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def source_hashes() -> tuple[str, str]:
    """SHA-256 of the sources the chapters' kernels run (algorithms, data,
    figures with their callbacks, the kernels' IPython extension), and of the
    build glue (the rest of ``mlmath.book``), paths and bytes."""
    root = _package_root()
    kernel, build = [], []
    for path in _source_files(root):
        relative = path.relative_to(root).as_posix()
        on_build_side = relative.startswith("book/") and relative not in KERNEL_SIDE_BOOK
        (build if on_build_side else kernel).append(path)
    return _digest(root, kernel), _digest(root, build)


def _uses_package(env, docname: str) -> bool:
    try:
        text = Path(env.doc2path(docname)).read_text(encoding="utf-8")
    except OSError:
        return False
    return bool(USES_PACKAGE.search(text))


def _clear_stale_cache(app: Sphinx) -> None:
    """Empty the jupyter-cache when it was filled by other kernel-side sources.

    A change to the build glue alone keeps the cache: the chapters are read
    again from it (see :func:`_outdated_by_package`) but not executed."""
    app.env.mlmath_source_hashes = hashes = source_hashes()
    current = hashes[0]
    # myst-nb resolves its settings at builder-inited (this handler runs after it).
    nb_config = app.env.mystnb_config
    if nb_config.execution_mode != "cache":
        return
    from jupyter_cache import get_cache

    cache_dir = Path(nb_config.execution_cache_path)
    stamp = cache_dir / HASH_FILE
    previous = stamp.read_text().strip() if stamp.exists() else None
    if previous != current:
        if cache_dir.exists():
            logger.info(f"[mlmath] code the chapters run changed: clearing {cache_dir}")
            get_cache(str(cache_dir)).clear_cache()
        cache_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current + "\n")
    # Create the cache's database here, in the main process, before Sphinx
    # forks its parallel readers: each reader would otherwise create the
    # tables itself on a cold build, and two at once fail with "table
    # nbcache already exists" (jupyter-cache creates them without a lock).
    get_cache(str(cache_dir)).list_cache_records()


def _outdated_by_package(app, env, added, changed, removed) -> list[str]:
    """Chapters to read again: those importing the package whose last read saw
    other kernel-side sources (executed again: the cache was cleared), and
    every chapter last read with other build glue (from the cache)."""
    kernel, build = env.mlmath_source_hashes
    seen = getattr(env, "mlmath_doc_hash", {})
    stale = []
    for docname in env.found_docs:
        if docname in added or docname in changed:
            continue
        last = seen.get(docname, (None, None))
        if last[1] != build or (last[0] != kernel and _uses_package(env, docname)):
            stale.append(docname)
    if stale:
        logger.info(f"[mlmath] package source changed: re-reading {len(stale)} chapter(s)")
    if stale or added or changed:
        # Sphinx 7.4 writes the search index's index entries (the glossary's
        # terms) only for the pages it has just read (sphinx-doc/sphinx#12599):
        # a page that has them is read again whenever another page is.
        entries = env.domaindata.get("index", {}).get("entries", {})
        stale += [docname for docname, found in entries.items()
                  if found and docname in env.found_docs and docname not in stale
                  and docname not in added and docname not in changed]
    return stale


def _outdated_by_contents(app, env, added, changed, removed) -> list[str]:
    """Every page, when the table of contents changed: each page's sidebar and
    its numbers show the whole of it. (sphinx-external-toc re-reads only the pages
    whose own toctree changed; this runs before it, while the environment still
    holds the last build's site map.)"""
    previous = getattr(env, "external_site_map", None)
    current = app.config.external_site_map
    if previous is None or current is None or previous.as_json() == current.as_json():
        return []
    logger.info("[mlmath] table of contents changed: re-reading every page")
    return [name for name in env.found_docs if name not in added and name not in changed]


def _record_hash(app: Sphinx, doctree) -> None:
    env = app.env
    if not hasattr(env, "mlmath_doc_hash"):
        env.mlmath_doc_hash = {}
    env.mlmath_doc_hash[env.docname] = env.mlmath_source_hashes


def _purge_doc(app, env, docname: str) -> None:
    getattr(env, "mlmath_doc_hash", {}).pop(docname, None)
    getattr(env, TWINS_ATTRIBUTE, {}).pop(docname, None)


def _write_twins(app: Sphinx, exception) -> None:
    """Write the figures' static twins (SVG, light and dark) that the pages show
    until their figures are drawn (:mod:`mlmath.book.render`)."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / TWINS_FOLDER
    for files in getattr(app.env, TWINS_ATTRIBUTE, {}).values():
        for name, content in files.items():
            path = folder / name
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)


def _merge_info(app, env, docnames, other) -> None:
    for attribute in ("mlmath_doc_hash", TWINS_ATTRIBUTE):
        setattr(env, attribute, {**getattr(env, attribute, {}),
                                 **{d: v for d, v in getattr(other, attribute, {}).items()
                                    if d in docnames}})


# -- assets -------------------------------------------------------------------
def _bokeh_file(bundle: str) -> str:
    return f"{BOKEH_STATIC}/{bundle}-{bokeh.__version__}.min.js"


def _add_bokehjs(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give pages that hold a figure the BokehJS bundles their figures need,
    loaded when the reader comes near a figure (``static/mlmath-figures.js``)."""
    body = context.get("body", "")
    if FIGURE_MARKER not in body:
        return
    wanted = {"bokeh"}
    for match in BUNDLES_ATTRIBUTE.finditer(body):
        wanted.update(match.group(1).split())
    bundles = [context["pathto"](f"_static/{_bokeh_file(bundle)}", 1)
               for bundle in BOKEH_BUNDLE_ORDER if bundle in wanted]
    # Figures met while the page is read wait here (mlmath.figures.kit.display);
    # the flag tells the stylesheet that scripts run (their twins then wait
    # over the figures' boxes instead of standing alone, mlmath.css).
    app.add_js_file(None, body="window.mlmathFigureQueue = []; "
                    "document.documentElement.dataset.mlmathScripts = ''", priority=600)
    app.add_js_file(FIGURES_SCRIPT, priority=601, defer="defer",
                    **{"data-bokehjs": " ".join(bundles)})


def _defer_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Defer every script the page loads from a file, except those inline
    scripts depend on: the text paints before any of them runs. (Not on the
    search page, whose template adds scripts that need doctools.js at once.)"""
    if pagename == "search":
        return
    scripts = context.get("script_files", [])
    for index, script in enumerate(scripts):
        attributes = getattr(script, "attributes", None)
        filename = str(getattr(script, "filename", "") or "")
        if (attributes is None or not filename or "async" in attributes
                or "defer" in attributes or filename.rsplit("/", 1)[-1] in RUN_IN_PLACE):
            continue
        scripts[index] = type(script)(script.filename, priority=script.priority,
                                      **{**attributes, "defer": "defer"})


def page_description(doctree, project: str, pagename: str) -> str:
    """A page's meta description: its first paragraph of prose, shortened to
    about 160 characters at a word boundary. Pages without a document (the
    index, the search page) get a sentence about what they are."""
    if doctree is None:
        return {
            "genindex": f"Index of {project}: the terms the book defines, each linked to "
                        "the place that introduces it.",
            "search": f"Search the full text of {project}: every chapter, exercise and "
                      "glossary entry.",
        }.get(pagename, f"{project}: {pagename}.")
    skip = (nodes.Admonition, nodes.sidebar, nodes.topic, nodes.caption, nodes.figure,
            nodes.table, nodes.footnote, nodes.citation, nodes.field_list,
            nodes.definition_list, nodes.math_block)
    for paragraph in doctree.findall(nodes.paragraph):
        parent, inside = paragraph.parent, False
        while parent is not None:
            if isinstance(parent, skip) or "cell" in parent.get("classes", []):
                inside = True
                break
            parent = parent.parent
        text = " ".join(paragraph.astext().split())
        if not inside and len(text) >= 40:
            if len(text) < 80:  # too short to stand alone: say which page it opens
                text = f"{_title(doctree, pagename)}. {text}"
            return textwrap.shorten(text, DESCRIPTION_CHARS, placeholder=" …")
    return f"{project}: {_title(doctree, pagename)}."


def _title(doctree, pagename: str) -> str:
    title = next(iter(doctree.findall(nodes.title)), None)
    return " ".join(title.astext().split()) if title is not None else pagename


def _add_description(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """A ``<meta name="description">`` on every page that has none (a page can
    set its own in its front matter: ``html_meta: {description: ...}``)."""
    metatags = context.get("metatags", "")
    if 'name="description"' in metatags:
        return
    description = page_description(doctree, app.config.html_title or app.config.project,
                                   pagename)
    context["metatags"] = metatags + (
        f'\n<meta name="description" content="{html.escape(description)}" />')


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and filecmp.cmp(source, target, shallow=False):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _copy_assets(app: Sphinx) -> None:
    """Copy BokehJS into the output before any page is written, so that every
    build, the first included, links it with the same checksums."""
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    js_dir = Path(bokehjs_path()) / "js"
    for bundle in BOKEH_BUNDLE_ORDER:
        _copy_if_changed(js_dir / f"{bundle}.min.js", static / _bokeh_file(bundle))


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title}</title>
<meta name="description" content="{description}" />
<link rel="icon" href="_static/{favicon}" />
<meta http-equiv="refresh" content="0; url={target}" />
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


def _write_redirect_page(app: Sphinx, exception) -> None:
    """The site's ``index.html``, which leads to the first chapter, as a
    complete page (language, title, description, favicon): the table of
    contents extension writes a bare ``<meta http-equiv="Refresh">`` otherwise."""
    root = app.config.root_doc
    index = Path(app.outdir) / "index.html"
    if exception is not None or app.builder.name != "html" or root == "index":
        return
    title = app.config.html_title or app.config.project
    index.write_text(REDIRECT_PAGE.format(
        lang=html.escape(app.config.language or "en"),
        title=html.escape(title),
        description=html.escape(page_description(app.env.get_doctree(root), title, root)),
        favicon=FAVICON,
        target=html.escape(app.builder.get_target_uri(root)),
    ), encoding="utf-8")


def _add_static_path(app: Sphinx, config) -> None:
    """The package's static files and theme templates, and the favicon."""
    book = resources.files("mlmath.book")
    config.html_static_path.append(str(book.joinpath("static")))
    config.templates_path.insert(0, str(book.joinpath("templates")))
    if not config.html_favicon:
        config.html_favicon = str(book.joinpath("static", FAVICON))


#: Extensions Jupyter Book loads that do not say whether Sphinx may read pages
#: in parallel (so Sphinx would read, and execute, them one at a time), with why
#: they may: they keep no state of their own across pages while pages are read.
PARALLEL_READ_SAFE = {
    # Replaces how section numbers are assigned, which Sphinx does in the main
    # process once every page has been read.
    "sphinx_multitoc_numbering",
    # Per-document transforms, and settings stored on the environment at
    # builder-inited, before any page is read (workers inherit them).
    "sphinx_jupyterbook_latex",
}


def _declare_parallel_reading(app: Sphinx) -> None:
    """Let Sphinx read (and so execute) chapters side by side (``make book``
    runs :mod:`mlmath.book.parallel`)."""
    for name in PARALLEL_READ_SAFE:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True


def setup(app: Sphinx) -> dict:
    os.environ[BOOK_BUILD_ENV] = "1"
    app.connect("builder-inited", _declare_parallel_reading)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _kernel_profile)
    app.connect("builder-inited", _clear_stale_cache, priority=900)
    app.connect("env-get-outdated", _outdated_by_package)
    app.connect("env-get-outdated", _outdated_by_contents, priority=400)
    app.connect("doctree-read", _record_hash)
    app.connect("env-purge-doc", _purge_doc)
    app.connect("env-merge-info", _merge_info)
    app.connect("html-page-context", _add_bokehjs)
    app.connect("html-page-context", _add_description)
    # Last, after every extension has added its scripts.
    app.connect("html-page-context", _defer_scripts, priority=900)
    app.connect("builder-inited", _copy_assets, priority=600)
    # Before sphinx-external-toc's handler, which writes index.html if missing.
    app.connect("build-finished", _write_redirect_page, priority=400)
    app.connect("build-finished", _write_twins, priority=400)
    app.add_css_file("mlmath.css")
    app.setup_extension("mlmath.book.math")
    app.setup_extension("mlmath.book.styles")
    app.setup_extension("mlmath.book.pdf")
    app.setup_extension("mlmath.book.streams")
    app.setup_extension("mlmath.book.searchindex")
    app.setup_extension("mlmath.book.images")
    app.setup_extension("mlmath.book.theme_scripts")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
