"""One figure, three media: the display helper behind every interactive figure.

A chapter cell ends with a :class:`BookFigure`. Jupyter asks it for its
representations (``_repr_mimebundle_``) and gets

``text/html``
    the Bokeh figure as static HTML (``bokeh.embed.components``): a ``<div>``
    and an inline ``<script>`` whose slider callbacks are ``CustomJS``, so the
    figure works in the built book with no kernel. BokehJS itself is *not*
    inlined: the book's Sphinx extension (:mod:`mlmath.book.extension`) serves
    it once, from the installed bokeh, on the pages that need it. The wrapper
    is a named ``role="group"`` described by the alt text, and keeps the
    figure's height while BokehJS loads; a book page defines a queue
    (``window.mlmathFigureQueue``) in which the figure waits until the reader
    comes near it (``static/mlmath-figures.js``), anywhere else it is drawn
    at once.
``image/png`` and ``application/pdf``
    a static twin drawn by matplotlib from the same numbers, for the PDF
    (LaTeX prefers the vector PDF) and for any viewer without JavaScript. The
    alt text travels in the output metadata (read by :mod:`mlmath.book.render`),
    and so do the figure's name and its controls' labels, which the PDF names
    in the caption (:mod:`mlmath.book.pdf`).
``text/plain``
    the alt text, for terminals and screen readers of plain outputs.

In a live Jupyter kernel (JupyterLab, Notebook, Colab) no page has loaded
BokehJS, so the HTML is prefixed with the BokehJS bundles the figure needs,
inline (about 1.7 MB with the widgets), each guarded so that a page runs it
once. The book build sets ``MLMATH_BOOK_BUILD`` (see
:mod:`mlmath.book.extension`) so its kernels never do that.
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
import re
import uuid
from pathlib import Path

from bokeh.embed import components
from bokeh.model import Model
from matplotlib import rc_context
from matplotlib.figure import Figure as MplFigure

__all__ = ["BookFigure", "BOOK_BUILD_ENV", "FIGURE_MARKER", "bokehjs_bundles",
           "figure_controls", "pdf_bytes", "reserved_height"]

#: Environment variable set by the book's Sphinx extension; kernels started by
#: the build inherit it, so figures know they are being rendered for the book.
BOOK_BUILD_ENV = "MLMATH_BOOK_BUILD"

#: Attribute on every figure's wrapper; the Sphinx extension looks for it to
#: decide which pages need BokehJS.
FIGURE_MARKER = "data-mlmath-figure"

# Bokeh names its documents and root elements with random UUIDs; two builds of
# the book must give the same bytes, so they are replaced by UUIDs derived
# from the figure's name.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NAMESPACE = uuid.UUID("8d5b6a36-3f0e-4f4f-9a53-4a6b1c0e2f10")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# The static twin: a PNG sharp enough for high-density screens, and a PDF
# with no creation date so that two builds give identical files.
_PNG_DPI = 150
_PDF_METADATA = {"CreationDate": None, "Producer": None, "Creator": None}
#: Resolution of the raster parts of a PDF figure (``imshow`` pictures): print quality.
PDF_IMAGE_DPI = 300


def pdf_bytes(figure: MplFigure, **savefig_kwargs) -> bytes:
    """A matplotlib figure as the book's PDF wants it.

    Vector, with fonts embedded as TrueType (``pdf.fonttype: 42``) rather than
    matplotlib's default Type 3, so the book's PDF has searchable, selectable
    text; raster parts at :data:`PDF_IMAGE_DPI`; no creation date, so that two
    builds give identical files. ``savefig_kwargs`` go to ``savefig``.
    """
    buffer = io.BytesIO()
    with rc_context({"pdf.fonttype": 42}):
        figure.savefig(buffer, format="pdf", dpi=PDF_IMAGE_DPI, metadata=_PDF_METADATA,
                       **savefig_kwargs)
    return buffer.getvalue()


def bokehjs_bundles(layout: Model) -> list[str]:
    """The BokehJS bundles ``layout`` needs besides the core (``bokeh``).

    The book's Sphinx extension reads them from the figure's ``data-bokehjs``
    attribute and loads just those on the page.
    """
    from bokeh.models import MathText, Plot, TableWidget, Widget

    models = layout.references()
    needs = {
        "bokeh-gl": any(isinstance(m, Plot) and m.output_backend == "webgl" for m in models),
        "bokeh-widgets": any(isinstance(m, Widget) for m in models),
        "bokeh-tables": any(isinstance(m, TableWidget) for m in models),
        "bokeh-mathjax": any(isinstance(m, MathText) for m in models),
    }
    return ["bokeh"] + [bundle for bundle, needed in needs.items() if needed]


def figure_controls(layout: Model) -> list[dict[str, str]]:
    """The widgets in ``layout``, in reading order, as ``{"kind", "label"}``:
    kind ``"slider"``, ``"menu"``, ``"button"`` or ``"control"``, and label the
    slider's title or the button's text.

    The PDF names them under the figure's static twin, so print readers know
    what the interactive version lets them change.
    """
    from bokeh.models import AbstractButton, AbstractSlider, Select, Widget

    kinds = ((AbstractSlider, "slider"), (Select, "menu"), (AbstractButton, "button"))
    controls: list[dict[str, str]] = []
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
                    controls.append({"kind": kind, "label": label.strip()})
            for name in sorted(value.properties_with_refs()):
                visit(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)

    visit(layout)
    return controls


# Heights (CSS px, margins excluded) of what Bokeh 3 draws with the book's
# styles, measured in Chromium; widgets not listed count as one control row.
_SLIDER_PX = 37  # title line and bar
_CONTROL_PX = 32  # a button, a select, an input, one line of choices
_TITLE_PX = 19  # the title line above an input widget
_LINE_HEIGHT = 1.4
_CHAR_EM = 0.5  # the mean width of a character of running text, in em
_TAG = re.compile(r"<[^>]+>")
_LINE_BREAK = re.compile(r"<br\s*/?>|</?p\b[^>]*>", re.IGNORECASE)


def _margins(model) -> int:
    margin = getattr(model, "margin", None)
    if margin is None:
        return 0
    if isinstance(margin, (int, float)):
        return 2 * int(margin)
    top, _, bottom, _ = (tuple(margin) * 2)[:4] if len(margin) == 2 else margin
    return int(top) + int(bottom)


def _style_px(model, name: str) -> float | None:
    value = str((getattr(model, "styles", None) or {}).get(name, ""))
    return float(value[:-2]) if value.endswith("px") else None


def _font_px(model, default: float = 16.0) -> float:
    return _style_px(model, "font-size") or default


def _text_lines(model) -> int:
    """How many lines a text widget's HTML takes: one per ``<br>`` or paragraph,
    more where a line is longer than the widget's width (``width`` or a
    ``max-width`` style in px) at about half an em per character."""
    width = getattr(model, "width", None) or _style_px(model, "max-width")
    per_line = width / (_CHAR_EM * _font_px(model)) if width else float("inf")
    segments = [html.unescape(_TAG.sub("", part)).strip()
                for part in _LINE_BREAK.split(str(model.text))]
    return max(sum(max(1, math.ceil(len(part) / per_line)) for part in segments if part), 1)


_PLOT_TITLE_PX = 20  # a plot's title line, Bokeh's default font
_AXIS_PX = 27  # a horizontal axis: ticks and tick labels
_AXIS_LABEL_PX = 23  # its label


def _plot_chrome_px(plot) -> int:
    """What Bokeh adds above and below a plot's ``frame_height``: the title and
    the horizontal axes (measured in Chromium for Bokeh 3.9's defaults)."""
    title = plot.title
    height = _PLOT_TITLE_PX if title is not None and getattr(title, "text", "") else 0
    for axis in (*plot.below, *plot.above):
        if getattr(axis, "visible", True) and hasattr(axis, "axis_label"):
            height += _AXIS_PX + (_AXIS_LABEL_PX if axis.axis_label else 0)
    return height


def reserved_height(model) -> int:
    """The height, in CSS pixels, that Bokeh will give ``model`` once drawn.

    Computed from the layout (plot heights, widget rows, spacing, margins) so
    that the page can keep that room before BokehJS has loaded: the text below
    a figure then does not jump when the figure appears (layout shift). An
    estimate for widgets the book has not measured; 0 for a plot whose height
    follows its container.
    """
    from bokeh.models import (AbstractSlider, Column, GridBox, InputWidget,
                              Markup, Plot, Row, Tabs, Widget)

    def spacing(layout, axis: int) -> int:
        value = getattr(layout, "spacing", 0) or 0
        return int(value[axis] if isinstance(value, (tuple, list)) else value)

    if isinstance(model, Plot):
        if model.frame_height is not None:  # the data area's height, chrome added
            own = model.frame_height + _plot_chrome_px(model)
        else:
            own = model.height or model.min_height or 0
    elif isinstance(model, Column):
        children = model.children
        own = sum(map(reserved_height, children)) + spacing(model, 0) * max(len(children) - 1, 0)
    elif isinstance(model, Row):
        own = max(map(reserved_height, model.children), default=0)
    elif isinstance(model, GridBox):
        rows: dict[int, int] = {}
        for child, row, *_ in model.children:
            rows[row] = max(rows.get(row, 0), reserved_height(child))
        own = sum(rows.values()) + spacing(model, 0) * max(len(rows) - 1, 0)
    elif isinstance(model, Tabs):
        own = _CONTROL_PX + max((reserved_height(tab.child) for tab in model.tabs), default=0)
    elif isinstance(model, AbstractSlider):
        own = _SLIDER_PX if model.title else _SLIDER_PX - _TITLE_PX
    elif isinstance(model, Markup):
        own = round(_LINE_HEIGHT * _font_px(model) * _text_lines(model))
    elif isinstance(model, InputWidget):
        own = _CONTROL_PX + (_TITLE_PX if model.title else 0)
    elif isinstance(model, Widget):
        own = _CONTROL_PX
    else:
        own = 0
    return int(own) + _margins(model)


def _in_live_notebook() -> bool:
    """True in a kernel started by a Jupyter server or Colab, not by the book."""
    if os.environ.get(BOOK_BUILD_ENV):
        return False
    return "JPY_SESSION_NAME" in os.environ or "COLAB_RELEASE_TAG" in os.environ


def _bokehjs_inline(layout: Model) -> str:
    """BokehJS (core plus the bundles ``layout`` needs) as inline ``<script>``s.

    Each bundle is guarded on its own, so that every figure is self-sufficient
    (any cell may be re-run or cleared) while a page loads each bundle once:
    the core when ``window.Bokeh`` is undefined, a plugin bundle (widgets,
    tables, ...) when no earlier figure on the page has loaded it. A figure
    without sliders followed by one with sliders thus still gets the widgets.
    """
    from bokeh.util.paths import bokehjs_path

    js_dir = Path(bokehjs_path()) / "js"
    scripts = []
    for bundle in bokehjs_bundles(layout):
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


class BookFigure:
    """An interactive Bokeh figure with its static matplotlib twin.

    Parameters
    ----------
    name : str
        A slug such as ``"vector-addition"``: lowercase words joined by
        hyphens. It names the figure in the HTML (``data-mlmath-figure``), and
        seeds its element ids so that builds are reproducible.
    layout : bokeh.model.Model
        The interactive figure, a Bokeh layout whose widgets drive
        ``CustomJS`` callbacks only.
    static : matplotlib.figure.Figure
        The same data drawn for print. Build it with
        ``matplotlib.figure.Figure`` (not ``pyplot``) so that Jupyter does not
        display it a second time.
    alt : str
        What the figure shows, in words: the alt text of the static twin and
        the description of the interactive one.
    """

    def __init__(self, name: str, layout: Model, static: MplFigure, alt: str):
        if not isinstance(name, str) or not _SLUG.match(name):
            raise ValueError(
                f"name must be a slug of lowercase words joined by hyphens, got {name!r}"
            )
        if not isinstance(layout, Model):
            raise ValueError(f"layout must be a Bokeh model, got {type(layout).__name__}")
        if not isinstance(static, MplFigure):
            raise ValueError(
                f"static must be a matplotlib Figure, got {type(static).__name__}"
            )
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("alt must be a non-empty description of the figure")
        self.name = name
        self.layout = layout
        self.static = static
        self.alt = alt.strip()

    # -- representations -------------------------------------------------
    def to_html(self, *, include_bokehjs: bool = False) -> str:
        """The figure as an HTML fragment: wrapper, description, Bokeh div and script."""
        script, div = components(self.layout, wrap_script=False)
        counter = iter(range(1_000_000))
        ids: dict[str, str] = {}

        def stable(match: re.Match) -> str:
            old = match.group(0)
            if old not in ids:
                ids[old] = str(uuid.uuid5(_NAMESPACE, f"{self.name}-{next(counter)}"))
            return ids[old]

        div = _UUID.sub(stable, div)
        script = _UUID.sub(stable, script)
        description_id = f"mlmath-{self.name}-description"
        label = f"Interactive figure: {self.name.replace('-', ' ')}"
        parts = [
            f'<div class="mlmath-figure" {FIGURE_MARKER}="{self.name}" '
            f'data-bokehjs="{" ".join(bokehjs_bundles(self.layout))}" '
            f'role="group" aria-label="{label}" aria-describedby="{description_id}" '
            f'style="min-height: {reserved_height(self.layout)}px">',
            f'<p id="{description_id}" class="mlmath-figure-description">'
            f"{html.escape(self.alt)}</p>",
            div,
            "<script>\n(function (embed) {\n"
            "  const queue = window.mlmathFigureQueue  // defined by the book's pages\n"
            "  if (queue) queue.push([document.currentScript, embed]); else embed()\n"
            "})(function () {\n" + script.strip() + "\n})\n</script>",
            "</div>",
        ]
        if include_bokehjs:
            parts.insert(0, _bokehjs_inline(self.layout))
        return "\n".join(parts)

    def to_png(self) -> bytes:
        """The static twin as PNG bytes."""
        buffer = io.BytesIO()
        self.static.savefig(buffer, format="png", dpi=_PNG_DPI, metadata={"Software": None})
        return buffer.getvalue()

    def to_pdf(self) -> bytes:
        """The static twin as PDF bytes (see :func:`pdf_bytes`)."""
        return pdf_bytes(self.static)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "text/html": self.to_html(include_bokehjs=_in_live_notebook()),
            "image/png": base64.b64encode(self.to_png()).decode("ascii"),
            "application/pdf": base64.b64encode(self.to_pdf()).decode("ascii"),
            "text/plain": self.alt,
        }
        width_px = int(self.static.get_figwidth() * 96)
        metadata = {
            "image/png": {"alt": self.alt, "width": width_px},
            "application/pdf": {"alt": self.alt},
            # What a reader of the static twin is missing (see mlmath.book.pdf).
            "mlmath": {"figure": self.name, "controls": figure_controls(self.layout)},
        }
        return data, metadata

    def __repr__(self) -> str:
        return f"BookFigure({self.name!r})"
