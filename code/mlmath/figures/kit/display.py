"""One figure, three media: what a chapter cell shows when it ends with a figure.

A figure builder returns a :class:`BookFigure`. Jupyter asks it for its
representations (``_repr_mimebundle_``) and gets

``text/html``
    the Bokeh figure as static HTML (``bokeh.embed.components``), each part
    a root of one Bokeh document laid out by the book's CSS
    (:mod:`~mlmath.figures.kit.layout`), with slider callbacks in
    ``CustomJS``, so the figure works in the built book with no kernel.
    BokehJS itself is *not* inlined in the book: the book's Sphinx extension
    serves it once, on the pages that need it. The wrapper is a named
    ``role="group"`` described by the alt text; a book page defines a queue
    (``window.mlmathFigureQueue``) in which the figure waits until the reader
    comes near it (``mlmath/book/static/mlmath-figures.js``), anywhere else
    it is drawn at once.
``image/png`` and ``application/pdf``
    the static twin drawn by matplotlib from the same numbers, for the PDF
    (LaTeX prefers the vector PDF) and for any viewer without JavaScript. The
    alt text travels in the output metadata (read by :mod:`mlmath.book.render`),
    and so do the figure's name and its controls' labels, which the PDF names
    in the caption (:mod:`mlmath.book.pdf`).
``text/plain``
    the alt text, for terminals and screen readers of plain outputs.

When the book is built, the output's metadata also carries the twin as SVG
(:meth:`BookFigure.to_svg`): the book shows it in the figure's place until
BokehJS has drawn the live figure, and instead of it with scripts off or in
print (:mod:`mlmath.book.render` writes it next to the page, at
:data:`TWIN_MARKER`).

In a live Jupyter kernel (JupyterLab, Notebook, Colab) no page has loaded
BokehJS, so the HTML starts with the bundles the figure needs, inline
(:func:`mlmath.figures.kit.bokehjs.inline`).
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import uuid

from bokeh.embed import components
from bokeh.models import GlyphRenderer, Widget
from matplotlib import rc_context
from matplotlib.figure import Figure as MplFigure

from mlmath.figures.kit import bokehjs
from mlmath.figures.kit.layout import STYLESHEET, as_parts, parts_html
from mlmath.figures.kit.legends import steady_legends
from mlmath.figures.kit.palette import theme_map
from mlmath.figures.kit.widgets import widget_stylesheet

__all__ = ["BookFigure", "FIGURE_MARKER", "PDF_IMAGE_DPI", "TWIN_MARKER", "pdf_bytes",
           "svg_bytes"]

#: Attribute on every figure's wrapper; the Sphinx extension looks for it to
#: decide which pages need BokehJS.
FIGURE_MARKER = "data-mlmath-figure"

#: Where, inside the figure's HTML, the book puts the twin (an HTML comment).
TWIN_MARKER = "<!--mlmath-twin-->"

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


def svg_bytes(figure: MplFigure) -> bytes:
    """A matplotlib figure as a compact SVG for the web: text drawn as paths (it
    looks the same without the fonts), ids and dates fixed, so that two builds
    give identical files."""
    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": "mlmath"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _drop_unused_glyph_copies(roots) -> None:
    """Bokeh gives each glyph renderer full copies of its glyph for the "not
    selected" and "muted" states; the book's figures have no selection tools
    and no legends that mute, so those copies are never drawn. Dropping them
    saves about 1 KB of page per renderer. A renderer that sets its own
    selection glyphs (to be tapped) keeps them."""
    for root in roots:
        for renderer in root.select({"type": GlyphRenderer}):
            if renderer.nonselection_glyph == "auto":
                renderer.nonselection_glyph = None
            renderer.muted_glyph = None


def _pin_palette_defaults(roots) -> None:
    """Write into the document every colour that is a kit colour only because
    it is Bokeh's default. Bokeh leaves a value equal to its default out of a
    document's JSON (setting ``title.text_color = palette.INK_SOFT``, Bokeh's own
    #444444, stores nothing), and the book's page swaps a figure's light
    colours for dark ones in that JSON, before BokehJS draws it
    (``mlmath/book/static/mlmath-figures.js``): a colour missing from it was
    drawn light in dark mode until the page recoloured the drawn figure."""
    light = set(theme_map())
    for root in roots:
        for model in root.references():
            stored = model.properties_with_values(include_defaults=False)
            for name in model.properties():
                if not name.endswith("color") or name in stored:
                    continue
                value = getattr(model, name)
                if isinstance(value, str) and value.lower() in light:
                    # Bokeh stores a value only when it differs from the current one.
                    setattr(model, name, "#000000" if value.lower() != "#000000" else "#ffffff")
                    setattr(model, name, value)


class BookFigure:
    """An interactive Bokeh figure with its static matplotlib twin.

    Parameters
    ----------
    name : str
        A slug such as ``"vector-addition"``: lowercase words joined by
        hyphens. It names the figure in the HTML (``data-mlmath-figure``),
        prefixes the names of its models, and seeds its element ids so that
        builds are reproducible.
    parts : sequence
        The figure from top to bottom: :class:`~mlmath.figures.kit.Controls`,
        a readout (:func:`~mlmath.figures.kit.readout`) and
        :class:`~mlmath.figures.kit.Panels` of plots, in any order. Their
        widgets drive ``CustomJS`` callbacks only.
    static : matplotlib.figure.Figure
        The same data drawn for print. Build it with
        ``matplotlib.figure.Figure`` (not ``pyplot``) so that Jupyter does not
        display it a second time.
    alt : str
        What the figure shows, in words: the alt text of the static twin and
        the description of the interactive one.
    """

    def __init__(self, name: str, parts, static: MplFigure, alt: str):
        if not isinstance(name, str) or not _SLUG.match(name):
            raise ValueError(
                f"name must be a slug of lowercase words joined by hyphens, got {name!r}")
        if not isinstance(static, MplFigure):
            raise ValueError(f"static must be a matplotlib Figure, got {type(static).__name__}")
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("alt must be a non-empty description of the figure")
        self.name = name
        self.parts = as_parts(parts)
        self.roots = [root for part in self.parts for root in part.roots()]
        steady_legends(self.roots)
        _drop_unused_glyph_copies(self.roots)
        _pin_palette_defaults(self.roots)
        sheet = widget_stylesheet()
        for root in self.roots:
            for widget in root.select({"type": Widget}):
                widget.stylesheets = [*widget.stylesheets, sheet]
        self.static = static
        self.alt = alt.strip()

    def model(self, name: str):
        """The model of the figure called ``name`` (for tests and notebooks)."""
        for root in self.roots:
            found = root.select_one({"name": name})
            if found is not None:
                return found
        raise KeyError(f"no model named {name!r} in figure {self.name!r}")

    # -- representations -------------------------------------------------
    def to_html(self, *, include_bokehjs: bool = False) -> str:
        """The figure as an HTML fragment: wrapper, description, parts and script."""
        script, divs = components({root.id: root for root in self.roots}, wrap_script=False)
        counter = iter(range(1_000_000))
        ids: dict[str, str] = {}

        def stable(match: re.Match) -> str:
            old = match.group(0)
            if old not in ids:
                ids[old] = str(uuid.uuid5(_NAMESPACE, f"{self.name}-{next(counter)}"))
            return ids[old]

        body = _UUID.sub(stable, parts_html(self.parts, divs, TWIN_MARKER))
        script = _UUID.sub(stable, script)
        # The page may recolour the document before BokehJS draws it (dark mode).
        embed_call = "root.Bokeh.embed.embed_items(docs_json, render_items);"
        if script.count(embed_call) != 1:
            raise RuntimeError("bokeh.embed.components wrote an unexpected script; "
                               "BookFigure.to_html needs updating for this Bokeh")
        script = script.replace(embed_call, "root.Bokeh.embed.embed_items(theme ? "
                                "theme(docs_json) : docs_json, render_items);")
        description_id = f"mlmath-{self.name}-description"
        label = f"Interactive figure: {self.name.replace('-', ' ')}"
        parts = [
            f'<div class="mlmath-figure" {FIGURE_MARKER}="{self.name}" '
            f'data-bokehjs="{" ".join(bokehjs.bundles(self.roots))}" '
            f'role="group" aria-label="{label}" aria-describedby="{description_id}" '
            f"data-mlmath-palette='{json.dumps(theme_map(), separators=(',', ':'))}'>",
            f"<style>{STYLESHEET}</style>",
            f'<p id="{description_id}" class="mlmath-figure-description">'
            f"{html.escape(self.alt)}</p>",
            body,
            # embed(theme): draws the figure, its document's JSON first passed
            # through theme(json) if given (the page's dark mode does).
            "<script>\n(function (embed) {\n"
            "  const queue = window.mlmathFigureQueue  // defined by the book's pages\n"
            "  if (queue) queue.push([document.currentScript, embed]); else embed(null)\n"
            "})(function (theme) {\n" + script.strip() + "\n})\n</script>",
            "</div>",
        ]
        if include_bokehjs:
            parts.insert(0, bokehjs.inline(self.roots))
        return "\n".join(parts)

    def to_png(self) -> bytes:
        """The static twin as PNG bytes."""
        buffer = io.BytesIO()
        self.static.savefig(buffer, format="png", dpi=_PNG_DPI, metadata={"Software": None})
        return buffer.getvalue()

    def to_pdf(self) -> bytes:
        """The static twin as PDF bytes (see :func:`pdf_bytes`)."""
        return pdf_bytes(self.static)

    def to_svg(self) -> bytes:
        """The static twin as SVG bytes (see :func:`svg_bytes`)."""
        return svg_bytes(self.static)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "text/html": self.to_html(include_bokehjs=bokehjs.in_live_notebook()),
            "image/png": base64.b64encode(self.to_png()).decode("ascii"),
            "application/pdf": base64.b64encode(self.to_pdf()).decode("ascii"),
            "text/plain": self.alt,
        }
        width_px = int(self.static.get_figwidth() * 96)
        metadata = {
            "image/png": {"alt": self.alt, "width": width_px},
            "application/pdf": {"alt": self.alt},
            # What a reader of the static twin is missing (see mlmath.book.pdf).
            "mlmath": {"figure": self.name, "controls": bokehjs.controls(self.roots)},
        }
        if bokehjs.in_book_build():  # the book's placeholder (mlmath.book.render)
            metadata["mlmath"]["twin_svg"] = self.to_svg().decode("utf-8")
        return data, metadata

    def __repr__(self) -> str:
        return f"BookFigure({self.name!r})"
