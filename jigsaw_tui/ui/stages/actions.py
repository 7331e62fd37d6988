"""The Actions stage (placeholder until its own issue replaces this file)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from . import Stage


class ActionsStage(Stage):
    def compose(self):
        yield Static(id="summary")

    def on_mount(self) -> None:
        self.session_changed(self.controller.session)

    def session_changed(self, session) -> None:
        text = Text("Turn the shared themes into actions.\n\n")
        for group in session.groups:
            text.append(group.name, "bold")
            text.append(f"  {len(group.pieces)} pieces\n")
        text.append(f"\n{len(session.themes)} themes, {len(session.actions)} actions.")
        self.query_one("#summary", Static).update(text)
