"""A new session: its title, its groups and its questions. Enter moves on; Enter on the
last line creates; ctrl+t changes the shared views' questions (ui/templates.py)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.model import InvalidInput, new_session
from ...core.store import StoreError
from ..keys import focus_now
from ..notice import Notice
from ..templates import QUESTION_TEMPLATES, split_names
from .basic import FieldInput

DEFAULT_GROUPS = ("Group one", "Group two")


class NewSessionScreen(ModalScreen["str | None"]):
    """Title, group names and questions; Enter moves on, Enter on the last line creates."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("ctrl+s", "create", "create", priority=True),
        Binding("ctrl+t", "questions", "other questions", priority=True),
        Binding("escape,ctrl+c", "cancel", "cancel", priority=True),
    ]

    def __init__(self, store):
        super().__init__()
        self.store = store
        self.template = 0  # which of QUESTION_TEMPLATES

    def compose(self):
        with Vertical():
            yield Static(Text("New session"), classes="title")
            yield Static(Text("Title (e.g. Pieces which support effective networks):"))
            yield FieldInput(id="title", placeholder="type the session's title",
                               enter=lambda: focus_now(self.query_one("#groups")))
            yield Static(Text("Breakout groups, separated by commas (you can add more later):"))
            # A placeholder, not typed text: what is typed here replaces the default.
            yield FieldInput(id="groups", placeholder=", ".join(DEFAULT_GROUPS) + " (if left empty)",
                               enter=self.action_create)
            yield Static(self.questions_text(), id="questions")
            yield Notice(id="form-notice")
            yield Static(Text("Enter: next / create    ctrl+t: other questions    ctrl+s: create    "
                              "ctrl+c or Esc: cancel"), classes="hint")

    def questions_text(self) -> Text:
        name, questions = QUESTION_TEMPLATES[self.template]
        text = Text("Shared views' questions, ")
        text.append(name, "bold")
        text.append(" (ctrl+t: other ones; each can be changed later):")
        for question in questions:
            text.append("\n  - " + question)
        return text

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#title"))

    def action_questions(self) -> None:
        self.template = (self.template + 1) % len(QUESTION_TEMPLATES)
        self.query_one("#questions", Static).update(self.questions_text())

    def action_create(self) -> None:
        title = self.query_one("#title", Input).value
        groups = split_names(self.query_one("#groups", Input).value) or list(DEFAULT_GROUPS)
        questions = QUESTION_TEMPLATES[self.template][1]
        try:
            path = self.store.create(new_session(title, groups, date=date.today().isoformat(),
                                                 questions=questions))
        except (InvalidInput, StoreError) as error:
            self.query_one(Notice).say(error.sentence(), "warning")
            return
        self.dismiss(path.stem)

    def action_cancel(self) -> None:
        self.dismiss(None)
