"""`--ascii`: the part of Textual that draws non-ASCII on its own (scrollbars), made plain.

Everything else the app draws already follows `ascii_only` (borders, marks, the key bar).
"""

from __future__ import annotations

from textual.scrollbar import ScrollBar, ScrollBarRender


class AsciiScrollBarRender(ScrollBarRender):
    """The thumb as reverse-video spaces only, without the block glyphs at its ends."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def use_ascii_scrollbars() -> None:
    """For the whole process: `jigsaw --ascii` runs one app."""
    ScrollBar.renderer = AsciiScrollBarRender
