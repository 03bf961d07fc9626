"""Keeping figures light: every byte of a figure's Bokeh document is in its page.

Bokeh gives each glyph renderer full copies of its glyph for the "not
selected" and "muted" states. The book's figures have no selection tools and
no legends that mute, so those copies are never drawn; dropping them saves
about 1 KB of page per renderer.
"""

from __future__ import annotations

from bokeh.models import GlyphRenderer

__all__ = ["drop_unused_glyph_copies"]


def drop_unused_glyph_copies(layout):
    """Remove the non-selection and muted glyph copies of every renderer in ``layout``.

    Only for figures without selection tools or muting legends. Returns ``layout``.
    """
    for renderer in layout.select({"type": GlyphRenderer}):
        renderer.nonselection_glyph = None
        renderer.muted_glyph = None
    return layout
