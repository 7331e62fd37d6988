"""Shared views: the whole room answers a few open questions; quick bullet capture, no ranking."""

from __future__ import annotations

from textual.binding import Binding

from .columns import AnswerColumn, ColumnsStage
# The ops and the dialogs load on the first change or dialog (Views may be the first screen).
from ..widgets import CaptureColumn, ItemList


class ViewsStage(ColumnsStage):
    BINDINGS = [
        Binding("tab", "next_column(1)", "next question"),
        Binding("shift+tab", "next_column(-1)", "previous question", show=False),
        Binding("ctrl+g", "add_question", "add"),
        Binding("ctrl+r", "edit_question", "edit question"),
        Binding("f8", "remove_question", "remove question", show=False),
    ]
    HELP_PARTS = (ItemList,)
    name_strip = True
    empty_text = "No questions yet: ctrl+g adds one (e.g. Why do we network?)."

    def keys(self, session) -> list[str]:
        return [v.id for v in session.views]

    def make_column(self, key: str) -> CaptureColumn:
        return AnswerColumn(self.controller, key)

    def commands(self):
        return [
            ("Add question", "A new open question for the room (ctrl+g)", self.action_add_question),
            ("Edit question", "Reword the current question (ctrl+r)", self.action_edit_question),
            ("Remove question", "Remove the current question and its answers (F8)", self.action_remove_question),
        ]

    def current_view(self):
        column = self.focused_column()
        if column is None:
            return None
        return next((v for v in self.controller.session.views if v.id == column.where), None)

    def action_add_question(self) -> None:
        from ...core.ops import AddQuestion  # ops load on the first change: a faster first screen
        from ..dialogs import PromptScreen, ask

        async def add(text):
            op = AddQuestion(text)
            if self.controller.apply(op):  # the new column is mounted by session_changed
                await self.show_new_column(op.id)

        ask(self, PromptScreen("New question for the room", hint="e.g. What would help?"), add)

    def action_edit_question(self) -> None:
        from ...core.ops import EditQuestion
        from ..dialogs import PromptScreen, ask

        view = self.current_view()
        if view is None:
            return

        def reword(text):
            if text != view.question:
                self.controller.apply(EditQuestion(view.id, text))

        ask(self, PromptScreen("Edit question", view.question), reword)

    def action_remove_question(self) -> None:
        from ...core.ops import RemoveQuestion
        from ..dialogs import ConfirmScreen, ask

        view = self.current_view()
        if view is None:
            return

        ask(self, ConfirmScreen(
            f"Remove the question {view.question!r} and its {len(view.answers)} answers?",
            "ctrl+z (undo) brings it back.", yes="remove it"),
            lambda sure: self.controller.apply(RemoveQuestion(view.id)))
