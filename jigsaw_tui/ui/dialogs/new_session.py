"""A new session: its title and its groups. Enter moves on; Enter on the last line creates."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.model import InvalidInput, new_session
from ...core.store import StoreError
from ..notice import Notice
from ..templates import split_names
from ..lines import CaptureInput

DEFAULT_GROUPS = ("Group one", "Group two")


class NewSessionScreen(ModalScreen["str | None"]):
    """Title and group names; Enter moves on, Enter on the last line creates."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("ctrl+s", "create", "create", priority=True),
        Binding("escape,ctrl+c", "cancel", "cancel", priority=True),
    ]

    def __init__(self, store):
        super().__init__()
        self.store = store

    def compose(self):
        with Vertical():
            yield Static(Text("New session"), classes="title")
            yield Static(Text("Title (e.g. Pieces which support effective networks):"))
            yield CaptureInput(id="title", enter=lambda: self.set_focus(self.query_one("#groups")))
            yield Static(Text("Breakout groups, separated by commas (you can add more later):"))
            # A placeholder, not typed text: what is typed here replaces the default.
            yield CaptureInput(id="groups", placeholder=", ".join(DEFAULT_GROUPS) + " (if left empty)",
                               enter=self.action_create)
            yield Notice(id="form-notice")
            yield Static(Text("Enter: next / create    ctrl+s: create    ctrl+c or Esc: cancel"),
                         classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#title"))

    def action_create(self) -> None:
        title = self.query_one("#title", Input).value
        groups = split_names(self.query_one("#groups", Input).value) or list(DEFAULT_GROUPS)
        try:
            path = self.store.create(new_session(title, groups, date=date.today().isoformat()))
        except (InvalidInput, StoreError) as error:
            self.query_one(Notice).say(error.sentence(), "warning")
            return
        self.dismiss(path.stem)

    def action_cancel(self) -> None:
        self.dismiss(None)
