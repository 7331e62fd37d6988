"""The Actions stage ("views to action"): for each shared theme, what, who and by when.

One column per theme that two or more groups named (the common ground where the method
starts), then one for stand-alone actions; Tab moves on, as in group entry. Type
"what ; who ; by when" and Enter: the action is saved and the line is ready for the
next. Up goes to the list: space marks an action done, e edits it, d removes it.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from ...core.compare import groups_label
from ...core.model import STANDALONE_ACTIONS, when_words
from ...core.ops import AddAction, Batch, EditAction, Put, RemoveAction
from ..dialogs import ask
from ..dialogs.action_editor import ActionEditor
from .columns import ColumnsStage
from ..widgets import CaptureColumn, ItemList

STANDALONE = STANDALONE_ACTIONS  # the column (and draft key) of actions that belong to no theme


def parse_action(text: str) -> tuple[str, str, str]:
    """'Book a room ; Hilda ; 1 March' -> (what, who, by when); who and when are optional."""
    parts = [part.strip() for part in text.split(";", 2)]
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def action_keys(session) -> list[str]:
    """The columns: themes two or more groups named (the common ground), any other theme
    that already has actions, then the stand-alone actions."""
    with_actions = {a.theme for a in session.actions}
    themes = [t.id for t in session.themes if len(session.theme_groups(t)) >= 2 or t.id in with_actions]
    return themes + [STANDALONE]


class ActionList(ItemList):
    HELP_TITLE = "Actions list (up from the capture line)"
    BINDINGS = [Binding("space,x", "item('done')", "done", key_display="space")]


class ActionColumn(CaptureColumn):
    """One shared theme (or the stand-alone actions): its actions and the line to add one."""


    HELP_TITLE = "Typing an action"
    HELP = (
        "  what ; who ; by when  Enter saves it (who and when can be left out)\n"
        "  up                    to the actions list: space done, e edit, d remove\n"
    )
    placeholder = "what ; who ; by when, then Enter"

    def make_list(self) -> ItemList:
        return ActionList()

    def theme_id(self) -> str:
        return "" if self.where == STANDALONE else self.where

    def actions(self, session) -> list:
        return [a for a in session.actions if a.theme == self.theme_id()]

    def heading(self, session) -> Text:
        actions = self.actions(session)
        done = sum(1 for a in actions if a.done)
        keys = action_keys(session)
        heading = Text(f"{keys.index(self.where) + 1}/{len(keys)} " if self.where in keys else "")
        if self.where == STANDALONE:
            heading.append("Stand-alone actions")
        else:
            theme = session.theme(self.where)
            heading.append(f"T{session.themes.index(theme) + 1} {theme.name}")
            heading.append(f"  ({groups_label(len(session.theme_groups(theme)), len(session.groups))})")
        count = f"{len(actions)} action" + ("" if len(actions) == 1 else "s")
        heading.append(f"  {count}, {done} done" if actions else "  no actions yet")
        if self.where != STANDALONE:  # the groups' own words, to keep the theme in mind
            members = (session.find_piece(p) for p in session.theme(self.where).pieces)
            heading.append("\n" + " / ".join(f"{g.name}: {p.text}" for g, p in members), "dim")
        return heading

    def labels(self, session) -> list[Text]:
        done_mark, open_mark = ("[x] ", "[ ] ")
        labels = []
        for n, action in enumerate(self.actions(session), 1):
            label = Text(f"{n:>2}. {done_mark if action.done else open_mark}")
            label.append(action.text, "strike" if action.done else "")
            details = "; ".join(x for x in (action.owner, when_words(action.due) if action.due else "") if x)
            if details:
                label.append(f"  ({details})", "dim")
            labels.append(label)
        return labels

    def add_op(self, text: str):
        what, who, when = parse_action(text)
        return AddAction(what, theme=self.theme_id(), owner=who, due=when)

    def action_at(self, index: int):
        return self.actions(self.controller.session)[index]

    def remove_op(self, index: int):
        return RemoveAction(self.action_at(index).id)

    def move_op(self, index: int, to: int):
        """Actions are one list in the session: move to where its neighbour in this column is."""
        session = self.controller.session
        action, neighbour = self.action_at(index), self.action_at(to)
        return Batch((Put("actions", action, session.actions.index(neighbour), move_only=True),),
                     label="move action")

    def edit_item(self, index: int, what: str) -> None:
        action = self.action_at(index)
        if what == "done":
            if self.controller.apply(EditAction(action.id, done=not action.done)):
                self.controller.tell(("Done: " if not action.done else "Not done: ") + action.text)
            return

        def save(answer):
            if answer != (action.text, action.owner, action.due):
                text, owner, due = answer
                self.controller.apply(EditAction(action.id, text=text, owner=owner, due=due))

        ask(self, ActionEditor(action.text, action.owner, action.due), save)


class ActionsStage(ColumnsStage):
    BINDINGS = [
        Binding("tab", "next_column(1)", "next theme"),
        Binding("shift+tab", "next_column(-1)", "previous theme", show=False),
    ]
    HELP_PARTS = (ActionColumn, ActionList)
    empty_text = ""

    def keys(self, session) -> list[str]:
        return action_keys(session)

    def make_column(self, key: str) -> CaptureColumn:
        return ActionColumn(self.controller, key)
