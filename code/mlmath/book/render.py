"""myst-nb output renderer that keeps the figures' alt text.

myst-nb takes an image's alt text only from cell metadata, which sits far from
the code that knows what the figure shows. :class:`mlmath.figures.kit.BookFigure`
puts the alt text in the output's metadata instead; this renderer copies it
onto the image node, so the HTML ``<img alt>`` and the PDF's figure carry it.

It also puts each interactive figure's static twin in its place on the page
(:meth:`BookRenderer.render_text_html`): shown until BokehJS has drawn the
live figure, and instead of it with scripts off and in print.

Enabled in ``_config.yml`` by ``nb_render_plugin: mlmath`` (an entry point
declared in ``pyproject.toml``).
"""

from __future__ import annotations

import hashlib
import html

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer

from mlmath.figures.kit.display import FIGURE_MARKER, TWIN_MARKER
from mlmath.figures.kit.palette import dark_svg

#: Where the twins go in the built HTML, and where the Sphinx environment keeps
#: them until then ({docname: {file name: bytes}}).
TWINS_FOLDER = "_images"
TWINS_ATTRIBUTE = "mlmath_twins"
#: What a reader without JavaScript reads under the twin.
NO_SCRIPT_NOTE = ("This figure is interactive in a browser with JavaScript on, or in the "
                  "chapter's notebook; here it shows its starting settings.")


class BookRenderer(NbElementRenderer):
    """myst-nb's default renderer, plus alt text from output metadata.

    A static twin's image node also gets ``mlmath_figure`` (the figure's name)
    and ``mlmath_controls`` (its widgets' kinds and labels), from which the PDF's
    caption says what the interactive version offers (:mod:`mlmath.book.pdf`).

    An image output with no alt text at all (neither in its metadata nor in
    the cell's ``mystnb: image: alt:``) is a warning, so a failed build under
    ``-W``: HTML would otherwise give it its file name as alt text, which
    tells a screen reader nothing.
    """

    def render_text_html(self, data: MimeData) -> list[nodes.Element]:
        """An interactive figure with its twin in place: an SVG ``<img>`` for each
        mode (light, and recoloured for dark), written beside the page's images,
        covering the figure's reserved box until BokehJS has drawn it. With
        scripts off, a ``<noscript>`` style lets the twin stand alone and a note
        says where the figure is interactive."""
        rendered = super().render_text_html(data)
        twin = data.output_metadata.get("mlmath", {}).get("twin_svg")
        if not twin or FIGURE_MARKER not in data.string or TWIN_MARKER not in data.string:
            return rendered
        alt = html.escape(data.output_metadata.get("image/png", {}).get("alt", ""), quote=True)
        env = self.renderer.sphinx_env
        files = getattr(env, TWINS_ATTRIBUTE, {}) if env is not None else {}
        if env is not None:
            setattr(env, TWINS_ATTRIBUTE, files)
        docname = env.docname if env is not None else ""
        images = []
        for mode, svg in (("light", twin), ("dark", dark_svg(twin))):
            content = svg.encode("utf-8")
            name = f"{hashlib.sha256(content).hexdigest()[:20]}.svg"
            # Written into the HTML's _images/ when the book is written
            # (mlmath.book.extension), from the environment, which outlives the output.
            files.setdefault(docname, {})[name] = content
            uri = "../" * docname.count("/") + f"{TWINS_FOLDER}/{name}"
            images.append(f'<img class="mlmath-figure-twin mlmath-twin-{mode}" src="{uri}" '
                          f'alt="{alt}" width="{_svg_px(twin, "width")}" '
                          f'height="{_svg_px(twin, "height")}" loading="lazy" decoding="async">')
        noscript = (f'<noscript><p class="mlmath-figure-note">{NO_SCRIPT_NOTE}</p></noscript>')
        page = data.string.replace(TWIN_MARKER, "".join(images) + noscript, 1)
        return [nodes.raw(text=page, format="html", classes=["output", "text_html"])]

    def render_image(self, data: MimeData) -> list[nodes.Element]:
        rendered = super().render_image(data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        interactive = data.output_metadata.get("mlmath", {})
        for node in rendered:
            if not isinstance(node, nodes.image):
                continue
            if interactive.get("figure"):
                node["mlmath_figure"] = str(interactive["figure"])
                node["mlmath_controls"] = [
                    (str(c.get("kind", "control")), str(c.get("label", "")))
                    for c in interactive.get("controls", []) if isinstance(c, dict)
                ]
            if "alt" in node:
                continue
            if alt:
                node["alt"] = str(alt)
            else:
                self.logger.warning(
                    "an image output has no alt text (a reader of the HTML would get its "
                    "file name): display a BookFigure (mlmath.figures.kit), or give the "
                    "cell's metadata `mystnb: image: alt: <what the image shows>`",
                    subtype="alt", line=data.line)
        return rendered


def _svg_px(svg: str, attribute: str) -> int:
    """The SVG's width or height in CSS px (matplotlib writes points: 1 pt = 4/3 px)."""
    head = svg[:svg.index(">", svg.index("<svg"))]
    value = head.split(f'{attribute}="', 1)[1].split('"', 1)[0]
    number = float(value.rstrip("ptx"))
    return round(number * 4 / 3) if value.endswith("pt") else round(number)
