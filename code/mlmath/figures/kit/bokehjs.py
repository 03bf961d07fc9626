"""What a figure needs from BokehJS, and BokehJS itself for a live notebook.

The book serves BokehJS once, from the installed bokeh, on the pages that hold
a figure (:mod:`mlmath.book.extension`), and loads only the bundles the
figures on the page declare (:func:`bundles`, in the figure's
``data-bokehjs``). A live Jupyter kernel has no such page around it, so there
the figure carries the bundles inline (:func:`inline`).
"""

from __future__ import annotations

import os
from pathlib import Path

from bokeh.model import Model

__all__ = ["BOOK_BUILD_ENV", "bundles", "controls", "in_book_build", "in_live_notebook",
           "inline"]

#: Environment variable set by the book's Sphinx extension; kernels started by
#: the build inherit it, so figures know they are being rendered for the book.
BOOK_BUILD_ENV = "MLMATH_BOOK_BUILD"


def _models(roots: list[Model]) -> set[Model]:
    found: set[Model] = set()
    for root in roots:
        found |= root.references()
    return found


def bundles(roots: list[Model]) -> list[str]:
    """The BokehJS bundles ``roots`` need: the core (``bokeh``) and the plugins."""
    from bokeh.models import MathText, Plot, TableWidget, Widget

    models = _models(roots)
    needs = {
        "bokeh-gl": any(isinstance(m, Plot) and m.output_backend == "webgl" for m in models),
        "bokeh-widgets": any(isinstance(m, Widget) for m in models),
        "bokeh-tables": any(isinstance(m, TableWidget) for m in models),
        "bokeh-mathjax": any(isinstance(m, MathText) for m in models),
    }
    return ["bokeh"] + [bundle for bundle, needed in needs.items() if needed]


def controls(roots: list[Model]) -> list[dict[str, str]]:
    """The widgets under ``roots``, in reading order, as ``{"kind", "label"}``:
    kind ``"slider"``, ``"menu"``, ``"button"`` or ``"control"``, and label the
    slider's title or the button's text.

    The PDF names them under the figure's static twin, so print readers know
    what the interactive version lets them change.
    """
    from bokeh.models import AbstractButton, AbstractSlider, Select, Widget

    kinds = ((AbstractSlider, "slider"), (Select, "menu"), (AbstractButton, "button"))
    found: list[dict[str, str]] = []
    seen: set[str] = set()

    def visit(value) -> None:
        if isinstance(value, Model):
            if value.id in seen:
                return
            seen.add(value.id)
            if isinstance(value, Widget):
                label = getattr(value, "title", None) or getattr(value, "label", None)
                if isinstance(label, str) and label.strip():
                    kind = next((k for cls, k in kinds if isinstance(value, cls)), "control")
                    found.append({"kind": kind, "label": label.strip()})
            for name in sorted(value.properties_with_refs()):
                visit(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)

    for root in roots:
        visit(root)
    return found


def in_book_build() -> bool:
    """True in a kernel the book's build started."""
    return bool(os.environ.get(BOOK_BUILD_ENV))


def in_live_notebook() -> bool:
    """True in a kernel started by a Jupyter server or Colab, not by the book."""
    if os.environ.get(BOOK_BUILD_ENV):
        return False
    return "JPY_SESSION_NAME" in os.environ or "COLAB_RELEASE_TAG" in os.environ


def inline(roots: list[Model]) -> str:
    """BokehJS (core plus the bundles ``roots`` need) as inline ``<script>``s.

    Each bundle is guarded on its own, so that every figure is self-sufficient
    (any cell may be re-run or cleared) while a page loads each bundle once:
    the core when ``window.Bokeh`` is undefined, a plugin bundle (widgets,
    tables, ...) when no earlier figure on the page has loaded it. A figure
    without sliders followed by one with sliders thus still gets the widgets.
    """
    from bokeh.util.paths import bokehjs_path

    js_dir = Path(bokehjs_path()) / "js"
    scripts = []
    for bundle in bundles(roots):
        code = (js_dir / f"{bundle}.min.js").read_text(encoding="utf-8")
        code = code.replace("</script>", "<\\/script>")
        if bundle == "bokeh":
            guard, done = "typeof window.Bokeh === 'undefined'", ""
        else:
            loaded = "(window.Bokeh.mlmath_bundles = window.Bokeh.mlmath_bundles || {})"
            guard = f"!{loaded}[{bundle!r}]"
            done = f"\nwindow.Bokeh.mlmath_bundles[{bundle!r}] = true;"
        scripts.append(f"<script>if ({guard}) {{\n{code}{done}\n}}</script>")
    return "\n".join(scripts)
