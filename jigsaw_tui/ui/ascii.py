"""`--ascii`: the two parts of Textual that draw non-ASCII on their own, made plain.

Everything else the app draws already follows `ascii_only` (borders, marks, the key bar).
"""

from __future__ import annotations

from textual.command import CommandPalette, SearchIcon
from textual.scrollbar import ScrollBar, ScrollBarRender


class AsciiScrollBarRender(ScrollBarRender):
    """The thumb as reverse-video spaces only, without the block glyphs at its ends."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


class AsciiPalette(CommandPalette):
    """The command palette with '>' for its emoji, '...' and ASCII borders."""

    DEFAULT_CSS = """
    AsciiPalette #--input { border: ascii $border; }
    AsciiPalette #--input.--list-visible { border-bottom: none; }
    """

    def __init__(self, **kwargs):
        super().__init__(placeholder="Search for commands...", **kwargs)

    def on_mount(self) -> None:
        self.query_one(SearchIcon).icon = ">"


def use_ascii_scrollbars() -> None:
    """For the whole process: `jigsaw --ascii` runs one app."""
    ScrollBar.renderer = AsciiScrollBarRender
