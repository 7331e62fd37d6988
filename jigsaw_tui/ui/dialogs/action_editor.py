"""An action's what, who and by when: Enter in any line saves; Tab moves between them."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..lines import CaptureInput


class ActionEditor(ModalScreen["tuple[str, str, str] | None"]):
    """An action's what, who and by when. Enter in any line saves; Tab moves between them."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [Binding("escape,ctrl+c", "cancel", "cancel", priority=True)]

    def __init__(self, text: str, owner: str, due: str):
        super().__init__()
        self.values = (text, owner, due)

    def compose(self):
        with Vertical():
            yield Static(Text("Edit action"), classes="title")
            for label, value, field_id in zip(("What", "Who", "By when"), self.values, ("what", "who", "when")):
                yield Static(Text(label))
                # Enter saves at once: keys typed right after it reach the list below
                yield CaptureInput(value=value, id=field_id, enter=self.save)
            yield Static(Text("Enter: save    Tab: next line    ctrl+c or Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#what", Input))

    def save(self) -> None:
        self.dismiss(tuple(self.query_one(f"#{i}", Input).value for i in ("what", "who", "when")))

    def action_cancel(self) -> None:
        self.dismiss(None)
