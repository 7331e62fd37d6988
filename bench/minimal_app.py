"""The reference for every TUI figure: the least a Textual app with a text input can be.

    python bench/minimal_app.py

Header, one Input, Footer, Textual's defaults (blinking cursor included), ctrl+q quits.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input

READY_TEXT = "Type a piece"  # the input's placeholder: on screen means ready to type


class MinimalApp(App):
    TITLE = "Minimal"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=READY_TEXT)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
