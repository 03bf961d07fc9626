"""The chapters' images load as the reader reaches them, in a box of their own size.

A chapter's pictures (the PNG outputs of its matplotlib cells) are below the
first screen, yet a browser fetches every ``<img>`` at once, in competition
with the stylesheet and fonts the first screen needs: on a phone's connection
that delays the first text by about half a second on the PCA chapter
(``benchmarks/lighthouse.py``). So every image of the text is written
``loading="lazy" decoding="async"``, and with its pixel ``width`` and
``height`` as attributes (not CSS: the theme's ``max-width: 100%; height:
auto`` still fits it to a phone's column), so that the browser reserves its box
before it arrives and nothing below it moves when it does. Printing loads lazy
images (Chromium fetches them for print; ``tests/browser/test_figure_twins.py``).

Images the page writes itself (the figures' twins, logos) are left alone.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.images import get_image_size

__all__ = ["setup"]

# An <img> of the text, pointing into _images/, without a loading attribute yet.
_IMAGE = re.compile(r'<img (?![^>]*\bloading=)([^>]*?\bsrc="((?:\.\./)*_images/([^"]+))"[^>]*?)\s*/?>')


def _sources(app: Sphinx) -> dict[str, Path]:
    """Where each file of ``_images/`` comes from (the builder names them)."""
    cached = getattr(app.builder, "_mlmath_image_sources", None)
    if cached is None or len(cached) != len(app.builder.images):
        cached = {html.escape(name, quote=True): Path(app.srcdir) / source
                  for source, name in app.builder.images.items()}
        app.builder._mlmath_image_sources = cached
    return cached


def _lazy_images(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body or "_images/" not in body:
        return
    sources = _sources(app)

    def rewrite(match: re.Match) -> str:
        attributes = match.group(1)
        extra = ' loading="lazy" decoding="async"'
        source = sources.get(match.group(3))
        size = get_image_size(str(source)) if source is not None else None
        if size and " width=" not in attributes and " height=" not in attributes:
            # Drawn at the CSS width the page gives it (high-density PNGs are
            # shown at half their pixels), at the picture's own proportions.
            styled = re.search(r'style="[^"]*\bwidth:\s*([\d.]+)px', attributes)
            width = float(styled.group(1)) if styled else float(size[0])
            extra += f' width="{round(width)}" height="{round(width * size[1] / size[0])}"'
        return f"<img {attributes}{extra} />"

    context["body"] = _IMAGE.sub(rewrite, body)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _lazy_images)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
