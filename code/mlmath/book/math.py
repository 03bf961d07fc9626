"""The book's math, typeset when the book is built: pages ship finished formulas.

Loaded by :mod:`mlmath.book.extension`. MathJax 3 (npm ``mathjax-full``, pinned
in ``package-lock.json``) typesets every formula in Node while the book is
built, so a page arrives with its math drawn and loads no MathJax: nothing
reflows after the first paint, and no script runs to draw the math.

* Sphinx writes the math as it would for MathJax in the browser
  (``<span class="math">\\(...\\)</span>``, ``<div class="math">`` with its
  equation number in ``span.eqno``), through this module's math renderer
  ``mlmath``, which borrows the visitors of the ``mathjax`` renderer (as
  myst-parser adapts them), but adds no MathJax ``<script>`` to any page.
* When the build has written its pages (``build-finished``), every page that
  still holds TeX is typeset in **one** Node process
  (``typeset-math.js``): TeX in, CommonHTML out, each formula with hidden
  MathML for screen readers (MathJax's ``assistive-mml``). Each page gets a
  ``<style>`` with only the characters it uses; math is sized to the text
  around it (one x-height of the page's font), as MathJax in the browser
  sizes it. A build that rewrote no page starts no Node at all.
* MathJax's web fonts are cut down to the characters the book's formulas
  draw and written to ``_static/mathjax-<version>/fonts-<hash>/``, a folder a
  host may cache for good (:mod:`mlmath.book.math_fonts`).
* A TeX error fails the build: a warning (``-W`` turns it into an error) names
  the page, the line and the formula, and the formula is left as TeX, never
  shipped as MathJax's red error box. The next build tries it again.

MathJax's version and this module's code are part of the HTML configuration
(``mlmath_math_fingerprint``), so changing either rewrites, and retypesets,
every page. The LaTeX builder does not use any of this: LaTeX sets math itself.

Chapters write math as usual: ``$...$``, ``$$...$$`` (with a ``(label)=``
for a number), ``{math}`` and amsmath environments.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging

from mlmath.book.math_fonts import subset_book_fonts

logger = logging.getLogger(__name__)

RENDERER = "mlmath"
SCRIPT = "typeset-math.js"
#: MathJax's CommonHTML fonts, inside mathjax-full.
FONTS = Path("es5", "output", "chtml", "fonts", "woff-v2")
STATIC = "mathjax"  # + "-<version>/fonts-<hash>"
MATH_CLASS = r'class="[^"]*\bmath notranslate nohighlight\b[^"]*"'
STYLE_MARK = "data-mlmath-math"


@dataclass
class Formula:
    """One formula in a written page: ``page[start:end]`` is its TeX, delimiters
    included, as Sphinx wrote it (HTML-escaped)."""

    start: int
    end: int
    tex: str
    display: bool


@dataclass
class _State:
    node: str
    mathjax: Path
    version: str
    #: page name -> (TeX, source line) of each formula Sphinx wrote this build.
    lines: dict = field(default_factory=dict)


def _patterns(config) -> tuple[re.Pattern, re.Pattern]:
    """Inline and display math as Sphinx's ``mathjax`` visitors write it.
    Display math may start with an equation number; amsmath environments
    (``nowrap``) come without delimiters."""
    inline = "(?P<tex>{}.*?{})".format(*map(re.escape, config.mathjax_inline))
    return (
        re.compile(rf"<span {MATH_CLASS}[^>]*>{inline}</span>", re.S),
        re.compile(rf'<div {MATH_CLASS}[^>]*>\s*(?:<span class="eqno">.*?</span>)?'
                   r"(?P<tex>.*?)</div>", re.S),
    )


def find_formulas(page: str, config) -> list[Formula]:
    """Every formula of ``page`` (an HTML page Sphinx wrote) not typeset yet."""
    inline, display = _patterns(config)
    formulas = []
    for pattern, is_display in ((inline, False), (display, True)):
        delimiters = config.mathjax_display if is_display else config.mathjax_inline
        for match in pattern.finditer(page):
            tex = match.group("tex")
            if tex.lstrip().startswith("<mjx-container"):
                continue  # typeset by an earlier build
            bare = tex.strip()
            if bare.startswith(delimiters[0]) and bare.endswith(delimiters[1]):
                bare = bare[len(delimiters[0]):-len(delimiters[1])]
            formulas.append(Formula(match.start("tex"), match.end("tex"),
                                    html.unescape(bare), is_display))
    return sorted(formulas, key=lambda formula: formula.start)


def insert_math(page: str, formulas: list[Formula], rendered: list[str | None],
                css: str) -> str:
    """``page`` with each formula replaced by its typeset HTML (those whose
    ``rendered`` is ``None`` keep their TeX) and ``css`` in its ``<head>``."""
    parts, last = [], 0
    for formula, markup in zip(formulas, rendered):
        if markup is not None:
            parts += [page[last:formula.start], markup]
            last = formula.end
    parts.append(page[last:])
    page = "".join(parts)
    if any(markup is not None for markup in rendered):
        page = page.replace("</head>", f"<style {STYLE_MARK}>{css}</style>\n</head>", 1)
    return page


# -- set-up ------------------------------------------------------------------------
def _visit_inline(self, node) -> None:
    visit, _ = self.builder.app.registry.html_inline_math_renderers["mathjax"]
    visit(self, node)


def _visit_block(self, node) -> None:
    visit, _ = self.builder.app.registry.html_block_math_renderers["mathjax"]
    visit(self, node)


def _mathjax_full(app: Sphinx) -> Path:
    root = Path(app.config.mlmath_mathjax_full)
    return root if root.is_absolute() else Path(app.srcdir) / root


def _mathjax_version(root: Path) -> str | None:
    try:
        return json.loads((root / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _configure(app: Sphinx, config) -> None:
    if config.html_math_renderer is None:
        config.html_math_renderer = RENDERER
    book = resources.files("mlmath.book")
    digest = hashlib.sha256()
    for name in (SCRIPT, "math.py", "math_fonts.py"):
        digest.update(book.joinpath(name).read_bytes())
    digest.update(str(_mathjax_version(_mathjax_full(app))).encode())
    config.mlmath_math_fingerprint = digest.hexdigest()[:16]


def _active(app: Sphinx) -> bool:
    return (app.builder.format == "html"
            and getattr(app.builder, "math_renderer_name", None) == RENDERER)


def _prepare(app: Sphinx) -> None:
    """Check that Node and mathjax-full are there."""
    app.builder.mlmath_math = None
    if not _active(app):
        return
    node = shutil.which("node")
    if node is None:
        raise ConfigError(
            "Node.js is missing: the book's math is typeset at build time by MathJax "
            "running in Node. Install Node.js and npm, then run `npm ci` in the book's "
            "root (`make book` does).")
    root = _mathjax_full(app)
    version = _mathjax_version(root)
    if version is None or not (root / FONTS).is_dir():
        raise ConfigError(
            f"MathJax 3 (mathjax-full) is missing from {root}: run `npm ci` in the book's "
            "root (`make book` does), so that the math can be typeset.")
    app.builder.mlmath_math = _State(node, root, version)


def _record_lines(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Remember where each formula of the page comes from, for error messages."""
    state = getattr(app.builder, "mlmath_math", None)
    if state is None or doctree is None:
        return
    state.lines[pagename] = [
        (formula.astext().strip(), formula.line)
        for formula in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))
        if formula.line
    ]


# -- typesetting ------------------------------------------------------------------
def typeset(node: str, mathjax: Path, pages: list[dict]) -> list[dict]:
    """Typeset every page's formulas in one run of ``typeset-math.js``.

    ``pages`` is a list of ``{"fontURL": ..., "formulas": [{"tex": ...,
    "display": ...}, ...]}``; returns, for each page, ``{"css": ...,
    "formulas": [...]}`` with ``{"html": ...}`` or ``{"error": ...}`` for each
    formula. ``node`` is the Node.js executable, ``mathjax`` the folder of
    mathjax-full.
    """
    script = resources.files("mlmath.book").joinpath(SCRIPT)
    request = json.dumps({"mathjax": str(mathjax), "pages": pages})
    with resources.as_file(script) as path:
        done = subprocess.run([node, str(path)], input=request, capture_output=True,
                              text=True, encoding="utf-8")
    if done.returncode != 0:
        raise ExtensionError(f"MathJax could not typeset the book's math:\n{done.stderr}")
    return json.loads(done.stdout)["pages"]


def _location(app: Sphinx, state: _State, pagename: str, tex: str, path: Path):
    if pagename not in app.env.all_docs:
        return str(path)
    line = next((line for text, line in state.lines.get(pagename, ())
                 if text and text in tex), None)
    return (app.env.doc2path(pagename), line)


def _typeset_pages(app: Sphinx, exception) -> None:
    """Typeset the math of every page that holds TeX (the pages this build
    wrote, and any a failed build left), all in one Node process; then give
    the book's pages fonts cut down to the characters they draw."""
    state = getattr(app.builder, "mlmath_math", None)
    if exception is not None or state is None:
        return
    outdir = Path(app.outdir)
    static = f"_static/{STATIC}-{state.version}/{FONTS.name}"
    work = []  # (path, page, formulas, unique (tex, display) in order)
    pages = [path for path in sorted(outdir.rglob("*.html"))
             if not any(part.startswith("_") for part in path.relative_to(outdir).parts[:-1])]
    for path in pages:
        page = path.read_text(encoding="utf-8")
        formulas = find_formulas(page, app.config)
        if formulas:
            unique = list(dict.fromkeys((f.tex, f.display) for f in formulas))
            work.append((path, page, formulas, unique))
    if work:
        _typeset(app, state, outdir, static, work)
    fonts = subset_book_fonts(pages, state.mathjax / FONTS,
                              outdir / "_static" / f"{STATIC}-{state.version}",
                              state.version, typeset_any=bool(work))
    if fonts is not None and fonts["fonts"]:
        before = sum(size for size, _ in fonts["fonts"].values())
        after = sum(size for _, size in fonts["fonts"].values())
        logger.info(f"[mlmath] math fonts: {len(fonts['fonts'])} cut down to the book's "
                    f"characters, {before / 1024:.0f} KB -> {after / 1024:.0f} KB, "
                    f"in _static/{STATIC}-{state.version}/{fonts['folder']}")


def _typeset(app: Sphinx, state: _State, outdir: Path, static: str, work: list) -> None:
    """Typeset ``work`` (see :func:`_typeset_pages`), fonts taken from ``static``."""
    started = time.perf_counter()
    requests = [{
        "fontURL": posixpath.relpath(static, path.relative_to(outdir).parent.as_posix()),
        "formulas": [{"tex": tex, "display": display} for tex, display in unique],
    } for path, _, _, unique in work]
    results = typeset(state.node, state.mathjax, requests)
    count = 0
    for (path, page, formulas, unique), result in zip(work, results):
        pagename = path.relative_to(outdir).with_suffix("").as_posix()
        finished = {}
        for key, outcome in zip(unique, result["formulas"]):
            if "error" in outcome:
                source = ("$$ {} $$" if key[1] else "${}$").format(key[0].strip())
                logger.warning(f"TeX error on page {pagename}: {outcome['error']}, "
                               f"in the formula {source}",
                               location=_location(app, state, pagename, key[0], path),
                               type="mlmath", subtype="tex")
            else:
                finished[key] = outcome["html"]
        rendered = [finished.get((f.tex, f.display)) for f in formulas]
        count += sum(markup is not None for markup in rendered)
        new_page = insert_math(page, formulas, rendered, result["css"])
        if new_page != page:
            path.write_text(new_page, encoding="utf-8")
    logger.info(f"[mlmath] typeset {count} formulas on {len(work)} pages with MathJax "
                f"{state.version} in {time.perf_counter() - started:.1f} s")


def setup(app: Sphinx) -> dict:
    app.add_config_value("mlmath_mathjax_full", "node_modules/mathjax-full", "html")
    # Set from the typesetter's code and MathJax's version: when either
    # changes, Sphinx rewrites every page, so every page is typeset anew.
    app.add_config_value("mlmath_math_fingerprint", "", "html")
    app.add_html_math_renderer(RENDERER, (_visit_inline, None), (_visit_block, None))
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _prepare)
    app.connect("html-page-context", _record_lines)
    app.connect("build-finished", _typeset_pages)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
