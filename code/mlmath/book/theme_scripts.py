"""The theme's script, with one function made cheap on long pages.

pydata-sphinx-theme (0.17, pinned) runs ``addTabStopsToScrollableElements`` at
load, on resize and whenever the article changes: for every code block and
output it reads the element's scroll size and writes its ``tabIndex``, which
makes the browser lay the page out once per element. The book's stylesheet
(``static/mlmath.css``) lets the browser skip laying out chapter sections that
are off screen (``content-visibility: auto``, what makes a long, formula-heavy
chapter quick to show on a phone), and those reads undo it: on the Probability
Distributions page, at a phone's speed, they made one task of about 0.9 s.

After Sphinx has copied the theme's files, this replaces that function in
``_static/scripts/pydata-sphinx-theme.js`` with ``tab-stops.js``: the same
rule, each block measured when it comes on screen, reads before writes (a
block not yet seen stays a tab stop). The script's source-map comment goes
too: the map describes the theme's file, not this one. If the theme's code is
not found as expected (a new theme version), the build fails and says so,
rather than ship the slow path unnoticed.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

THEME_SCRIPT = Path("_static") / "scripts" / "pydata-sphinx-theme.js"
#: The theme's function, as its minified bundle (0.17.1) spells it.
ORIGINAL = (
    '()=>{document.querySelectorAll(["pre",".nboutput > .output_area",'
    '".cell_output > .output",".jp-RenderedHTMLCommon",'
    '".pst-scrollable-table-container"].join(", ")).forEach(e=>{e.tabIndex='
    "e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight?0:-1})}"
)
REPLACEMENT_SOURCE = "tab-stops.js"
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")


def replacement() -> str:
    """``tab-stops.js`` as an expression to put where the theme's arrow was."""
    source = resources.files("mlmath.book").joinpath(REPLACEMENT_SOURCE).read_text("utf-8")
    return "(\n" + source.strip() + "\n)"


def patch(script: str) -> str:
    """The theme's script with the tab-stop function replaced (once)."""
    new = replacement()
    if new in script:
        return script
    if script.count(ORIGINAL) != 1:
        raise ExtensionError(
            f"mlmath.book.theme_scripts: the theme's tab-stop function was not found once in "
            f"{THEME_SCRIPT} (found {script.count(ORIGINAL)} times). pydata-sphinx-theme has "
            "changed: check whether it still lays the page out once per code block, then "
            "update ORIGINAL or drop this patch.")
    return SOURCE_MAP.sub("\n", script.replace(ORIGINAL, new))


def _patch_theme_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / THEME_SCRIPT
    if not path.is_file():
        return
    script = path.read_text(encoding="utf-8")
    patched = patch(script)
    if patched != script:
        path.write_text(patched, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    # Before the stylesheets are bundled: PurgeCSS reads the book's scripts.
    app.connect("build-finished", _patch_theme_script, priority=300)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
