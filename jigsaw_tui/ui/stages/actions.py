"""The Actions stage ("views to action"): for each shared theme, what, who and by when.

One column per theme that two or more groups named (the common ground where the method
starts), then one for stand-alone actions; Tab moves on, as in group entry. Type what
is to be done and Enter: the action is saved, exactly as typed, and the line is ready
for the next; "who:" and "when:" add those (shown in the line, never guessed from a ;).
Up goes to the list: space marks an action done, e edits its what, who and when in
lines of their own, t moves it to another theme, d removes it.

The flash report's own parts are edited here too, where the session ends: ctrl+r the
reflections on the comparison, ctrl+l the links and resources.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding

from ...core.compare import groups_label
from ...core.model import STANDALONE_ACTIONS, when_words
from ...core.ops import AddAction, Batch, EditAction, Put, RemoveAction
from ..dialogs import ask
from ..dialogs.action_editor import ActionEditor, ThemeChooser
from ..keys import focus_now
from .columns import ColumnsStage
from ..widgets import CaptureColumn, ItemList

STANDALONE = STANDALONE_ACTIONS  # the column (and draft key) of actions that belong to no theme


_LABEL = re.compile(r"(?:^|(?<=\s))(who|when):", re.IGNORECASE)


def parse_action(text: str) -> tuple[str, str, str]:
    """'Book a room who: Hilda when: 1 March' -> (what, who, when). Without a label the
    whole text is the what, ; and all ("Book the hall; tea; and biscuits"). Only the
    first who: and the first when: are labels; anything else stays in the words."""
    first: dict[str, re.Match] = {}
    for match in _LABEL.finditer(text):
        first.setdefault(match.group(1).lower(), match)
    cuts = sorted(first.values(), key=lambda m: m.start())
    if not cuts:
        return text.strip(), "", ""
    ends = [m.start() for m in cuts[1:]] + [len(text)]  # a label's value runs to the next label
    values = {m.group(1).lower(): text[m.end():end].strip() for m, end in zip(cuts, ends)}
    return text[:cuts[0].start()].strip(), values.get("who", ""), values.get("when", "")


def action_keys(session) -> list[str]:
    """The columns: themes two or more groups named (the common ground), any other theme
    that already has actions, then the stand-alone actions."""
    with_actions = {a.theme for a in session.actions}
    themes = [t.id for t in session.themes if len(session.theme_groups(t)) >= 2 or t.id in with_actions]
    return themes + [STANDALONE]


class ActionList(ItemList):
    HELP_TITLE = "Actions list (up from the capture line)"
    BINDINGS = [
        Binding("space,x", "item('done')", "done", key_display="space"),
        Binding("t", "item('theme')", "to theme"),
    ]


class ActionColumn(CaptureColumn):
    """One shared theme (or the stand-alone actions): its actions and the line to add one."""


    HELP_TITLE = "Typing an action"
    HELP = (
        "  what, then Enter      saves it as typed (a ; is part of the words)\n"
        "  ... who: X when: Y    adds who and when (or e in the list: a line each)\n"
        "  up                    the actions list: space done, e edit, t theme, d remove\n"
        "  ctrl+r / ctrl+l       the report's reflections / links and resources\n"
    )
    placeholder = "what [who: name] [when: date], then Enter"

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

    def take(self, text: str) -> bool:
        if not super().take(text):
            return False
        what, who, when = parse_action(text)
        if who or when:  # the split said back, so a label is never a surprise
            said = "; ".join(x for x in (who and f"who: {who}", when and f"when: {when}") if x)
            self.controller.tell(f"Saved: {what} ({said}).")
        return True

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
        if what == "theme":
            self.choose_theme(action)
            return

        def save(answer):
            if answer != (action.text, action.owner, action.due):
                text, owner, due = answer
                self.controller.apply(EditAction(action.id, text=text, owner=owner, due=due))

        ask(self, ActionEditor(action.text, action.owner, action.due), save)

    def choose_theme(self, action) -> None:
        """Move an action to another theme (or to none): an EditAction, undone by ctrl+z."""
        session = self.controller.session
        total = len(session.groups)
        choices = []
        for n, theme in enumerate(session.themes, 1):
            label = Text(f"T{n} ")
            label.append(theme.name)
            label.append(f"  ({theme.kind}, {groups_label(len(session.theme_groups(theme)), total)})", "dim")
            choices.append((theme.id, label))
        choices.append(("", Text("Stand-alone (no theme)")))

        def move(theme_id):
            if theme_id == action.theme:
                return
            if self.controller.apply(EditAction(action.id, theme=theme_id)):
                where = session.theme(theme_id).name if theme_id else "the stand-alone actions"
                self.controller.tell(f"Moved to {where}: {action.text} (ctrl+z moves it back).")
                if not self.actions(self.controller.session):
                    focus_now(self.capture)  # the list is empty now: back to typing

        ask(self, ThemeChooser(action.text, choices, action.theme), move)


class ActionsStage(ColumnsStage):
    BINDINGS = [
        Binding("tab", "next_column(1)", "next theme"),
        Binding("shift+tab", "next_column(-1)", "previous theme", show=False),
        Binding("ctrl+r", "reflections", "reflections"),
        Binding("ctrl+l", "links", "links"),
    ]
    HELP_PARTS = (ActionColumn, ActionList)
    empty_text = ""

    def keys(self, session) -> list[str]:
        return action_keys(session)

    def make_column(self, key: str) -> CaptureColumn:
        return ActionColumn(self.controller, key)

    def commands(self):
        return [("Edit the reflections", "The facilitator's words after the comparison table (ctrl+r)",
                 self.action_reflections),
                ("Edit the links and resources", "Titled links at the end of the report (ctrl+l)",
                 self.action_links)]

    def action_reflections(self) -> None:
        from ...core.ops import SetReflections
        from ..dialogs.report import ReflectionsEditor, problem

        before = self.controller.session.reflections

        def save(text):
            if text != before and self.controller.apply(SetReflections(text)):
                self.controller.tell("Reflections saved: they follow the table in the PDF and Markdown.")

        def check(text):
            return problem(lambda: SetReflections(text), self.controller.session)

        ask(self, ReflectionsEditor(before, check, keep=save), save)

    def action_links(self) -> None:
        from ..dialogs.report import LinksScreen

        ask(self, LinksScreen(self.controller))
