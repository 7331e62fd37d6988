"""Placeholder app: lists sessions and quits. Replaced by the facilitation TUI."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class JigsawApp(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, store, session=None):
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        from rich.text import Text

        lines = [e.name + ("  (cannot be read)" if e.session is None else "  " + e.session.title)
                 for e in self.store.list()]
        yield Static(Text("\n".join(lines) or "No sessions yet"), id="sessions")
        yield Footer()


def run_app(store, session=None, ascii_only=False, animate=True, mouse=True) -> int:
    JigsawApp(store, session).run(mouse=mouse)
    return 0
