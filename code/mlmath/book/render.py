"""myst-nb output renderer that keeps the figures' alt text.

myst-nb takes an image's alt text only from cell metadata, which sits far from
the code that knows what the figure shows. :class:`mlmath.book.display.BookFigure`
puts the alt text in the output's metadata instead; this renderer copies it
onto the image node, so the HTML ``<img alt>`` and the PDF's figure carry it.

Enabled in ``_config.yml`` by ``nb_render_plugin: mlmath`` (an entry point
declared in ``pyproject.toml``).
"""

from __future__ import annotations

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer


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
                    "file name): display a BookFigure (mlmath.book.display), or give the "
                    "cell's metadata `mystnb: image: alt: <what the image shows>`",
                    subtype="alt", line=data.line)
        return rendered
