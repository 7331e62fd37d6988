"""The session's details (F9 in a session): title, facilitator, date, pieces per group.

Enter moves to the next line and saves on the last; ctrl+s saves from any line. What
cannot be saved (an empty title, a limit below a group's count) is said in the form,
which stays open with everything typed in it.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.model import InvalidInput
from ..keys import focus_now
from .basic import FieldInput
from ..notice import Notice

FIELDS = (  # (id, label, placeholder)
    ("title", "Title", "what the session is about"),
    ("facilitator", "Facilitator", "who runs it (may be left empty)"),
    ("date", "Date", "e.g. 2025-05-14 (may be left empty)"),
    ("max_pieces", "Pieces per group", "1 to 24; 12 is the toolkit's"),
)


class DetailsScreen(ModalScreen["object | None"]):
    """Answers an `EditDetails` op with what changed (None: cancelled or nothing changed)."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("ctrl+s", "save", "save", priority=True),
        Binding("escape,ctrl+c", "cancel", "cancel", priority=True),
    ]

    def __init__(self, session):
        super().__init__()
        self.session = session
        self.before = {"title": session.title, "facilitator": session.facilitator,
                       "date": session.date, "max_pieces": str(session.settings.max_pieces)}

    def compose(self):
        with Vertical():
            yield Static(Text("The session's details"), classes="title")
            last = FIELDS[-1][0]
            for key, label, placeholder in FIELDS:
                enter = self.action_save if key == last else (lambda k=key: self.next_line(k))
                with Horizontal(classes="field-row"):
                    yield Static(Text(f"{label}:"), classes="field-label")
                    yield FieldInput(id=key, value=self.before[key], placeholder=placeholder, enter=enter)
            yield Notice(id="form-notice")
            yield Static(Text("Enter: next line / save    ctrl+s: save    ctrl+c or Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        focus_now(self.query_one("#title"))

    def next_line(self, key: str) -> None:
        keys = [k for k, _, _ in FIELDS]
        focus_now(self.query_one("#" + keys[keys.index(key) + 1]))

    def answer(self):
        """The op for what changed, or None; InvalidInput if it cannot be saved."""
        from ...core.ops import EditDetails

        now = {key: self.query_one("#" + key, Input).value for key, _, _ in FIELDS}
        changed = {k: v for k, v in now.items() if v.strip() != self.before[k]}
        if "max_pieces" in changed:
            try:
                changed["max_pieces"] = int(changed["max_pieces"].strip())
            except ValueError:
                raise InvalidInput("pieces per group is a whole number, from 1 to 24") from None
        if not changed:
            return None
        op = EditDetails(**changed)
        op.apply(self.session)  # refused here, with the form still open, not after it closed
        return op

    def action_save(self) -> None:
        try:
            op = self.answer()
        except InvalidInput as error:
            self.query_one(Notice).say(error.sentence(), "warning")
            return
        self.dismiss(op)

    def action_cancel(self) -> None:
        self.dismiss(None)
