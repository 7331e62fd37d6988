"""Columns of capture lists: side by side where the terminal is wide, one at a time at 80x24.

Groups (pieces) and shared views (answers) both work this way: Tab and shift+Tab move
to the next or previous column; each column keeps its own half-typed text.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from . import Stage
# The ops and the dialogs load on the first change or dialog, not before the first screen.
from ...core.model import CHECKIN
from ..keys import focus_now
from ..lines import CaptureInput
from ..widgets import CaptureColumn, number_label, show_if

MIN_COLUMN_WIDTH = 44  # 80 columns: one at a time; 160: three side by side


class AnswerColumn(CaptureColumn):
    """A list of one-line answers: a view question's, or the check-in's."""

    placeholder = "type an answer, then Enter"

    def __init__(self, controller, where: str, title: str = "", **kwargs):
        super().__init__(controller, where, **kwargs)
        self.title = title

    def answers(self, session) -> tuple[str, ...]:
        return session.checkin if self.where == CHECKIN else session.view(self.where).answers

    def heading(self, session) -> Text:
        title = self.title or session.view(self.where).question
        heading = Text(f"({len(self.answers(session))}) ")  # first: a long question is cut, not the count
        heading.append(title)
        return heading

    def labels(self, session) -> list[Text]:
        return [number_label(n, a) for n, a in enumerate(self.answers(session), 1)]

    def add_op(self, text: str):
        from ...core.ops import AddItem  # ops load on the first change: a faster first screen

        return AddItem(self.where, text)

    def short_name(self, session) -> str:
        title = self.title or session.view(self.where).question
        return title if len(title) <= 24 else title[:22] + ".."

    def move_op(self, index: int, to: int):
        from ...core.ops import MoveItem

        return MoveItem(self.where, index, self.answers(self.controller.session)[index], to)

    def remove_op(self, index: int):
        from ...core.ops import RemoveItem

        return RemoveItem(self.where, index, self.answers(self.controller.session)[index])

    def edit_item(self, index: int, what: str) -> None:
        from ...core.ops import EditItem
        from ..dialogs import PromptScreen, ask

        expected = self.answers(self.controller.session)[index]

        def save(text):
            if text != expected:
                self.controller.apply(EditItem(self.where, index, expected, text))

        ask(self, PromptScreen("Edit answer", expected), save)


class EmptyNote(Static, can_focus=True):
    """Says what to do when there is nothing yet; focusable so the stage's keys show below."""


def short_name(column: CaptureColumn, session) -> str:
    """A few words naming a column in the strip (a column class may say, with `short_name`)."""
    if hasattr(column, "short_name"):
        return column.short_name(session)
    text = column.heading(session).plain
    return text if len(text) <= 24 else text[:22] + ".."


class ColumnStrip(Static):
    """One row naming every column when not all fit: where you are, and what Tab reaches."""

    shown: Text | None = None  # the last line drawn: the same again is not sent


class ColumnsStage(Stage):
    """A stage made of capture columns, one per key (group id, view id)."""

    BINDINGS = [
        Binding("tab", "next_column(1)", "next", priority=False),
        Binding("shift+tab", "next_column(-1)", "previous", priority=False),
    ]
    empty_text = ""
    name_strip = False  # a row naming every column when not all fit (Groups and Views say yes)

    def __init__(self, controller, **kwargs):
        super().__init__(controller, **kwargs)
        self.current_key = ""
        self._pending: list = []  # columns `sync` is still mounting or removing

    # -- what subclasses provide -------------------------------------------------------

    def keys(self, session) -> list[str]:
        raise NotImplementedError

    def make_column(self, key: str) -> CaptureColumn:
        raise NotImplementedError

    # -- layout -----------------------------------------------------------------------

    def compose(self):
        session = self.controller.session
        keys = self.keys(session)
        drafted = [k for k in keys if session.draft(k)]  # reopen where typing was cut off
        self.current_key = (drafted or keys or [""])[0]
        empty = EmptyNote(Text(self.empty_text), classes="empty")
        empty.display = not keys
        yield empty
        fit = self.columns_that_fit()
        at = keys.index(self.current_key) if self.current_key in keys else 0
        start = max(0, min(at - fit // 2, len(keys) - fit))
        strip = ColumnStrip()
        strip.display = self.name_strip and len(keys) > fit
        yield strip
        with Horizontal():
            for n, key in enumerate(keys):
                column = self.make_column(key)
                column.display = start <= n < start + fit
                yield column

    def on_mount(self) -> None:
        self.layout_columns()

    def columns(self) -> list[CaptureColumn]:
        return list(self.query_one(Horizontal).query_children(CaptureColumn))

    def column(self, key: str) -> CaptureColumn | None:
        return next((c for c in self.columns() if c.where == key), None)

    def session_changed(self, session) -> None:
        self.sync(session)

    def sync(self, session) -> None:
        """Match the columns to the session (added/removed/reordered), keeping typed text."""
        keys = self.keys(session)
        row = self.query_one(Horizontal)
        existing = {c.where: c for c in self.columns()}
        order = list(existing)  # where the current column was: its neighbour takes its place
        for key, column in existing.items():
            if key not in keys:
                self._pending.append(column.remove())
        for index, key in enumerate(keys):
            column = existing.get(key)
            if column is None:
                self._pending.append(
                    row.mount(self.make_column(key), before=index if index < len(row.children) else None))
            else:
                column.show(session)
        if self.current_key not in keys:
            at = order.index(self.current_key) if self.current_key in order else 0
            self.current_key = keys[min(at, len(keys) - 1)] if keys else ""
        show_if(self.query_one(".empty"), not keys)
        self.layout_columns()

    def on_resize(self) -> None:
        self.layout_columns()

    def columns_that_fit(self) -> int:
        """From the stage's width, known before its first paint (a stage spans the screen)."""
        width = self.size.width or self.app.size.width or 80
        return max(1, width // MIN_COLUMN_WIDTH)

    def layout_columns(self) -> None:
        """Show as many columns as fit, always including the current one."""
        columns = self.columns()
        if not columns:
            return
        fit = self.columns_that_fit()
        keys = [c.where for c in columns]
        at = keys.index(self.current_key) if self.current_key in keys else 0
        start = max(0, min(at - fit // 2, len(columns) - fit))
        for n, column in enumerate(columns):
            show_if(column, start <= n < start + fit)
            if column.display:
                column.build()  # first shown now (the terminal grew, a column went away)
        self.show_strip(start, fit)

    def strip_names(self, session) -> list[str]:
        keys = set(self.keys(session))  # a column being removed is still mounted for a moment
        return [short_name(column, session) for column in self.columns() if column.where in keys]

    def show_strip(self, start: int, fit: int) -> None:
        """'Tab: Group one | >Group two< | Carers' when some columns are hidden."""
        strip = self.query_one(ColumnStrip)
        columns = [c for c in self.columns() if c.where in set(self.keys(self.controller.session))]
        show_if(strip, self.name_strip and len(columns) > fit)
        if not strip.display:
            return
        line = Text("Tab: ", no_wrap=True, overflow="ellipsis")
        for n, name in enumerate(self.strip_names(self.controller.session)):
            if n:
                line.append(" | ")
            if start <= n < start + fit:
                line.append(f">{name}<", "bold")
            else:
                line.append(name)
        if line != strip.shown:
            strip.shown = line
            strip.update(line, layout=False)

    # -- moving ------------------------------------------------------------------------

    def focused_column(self) -> CaptureColumn | None:
        focused = self.screen.focused
        for column in self.columns():
            if focused is not None and (focused is column or column in focused.ancestors):
                return column
        return self.column(self.current_key)

    def on_descendant_focus(self, event) -> None:
        column = self.focused_column()
        if column is not None:
            self.current_key = column.where

    async def settle(self) -> None:
        while self._pending:
            await self._pending.pop(0)

    async def show_new_column(self, key: str) -> None:
        """Go to a column just added (a group, a question), once it is mounted: the keys
        typed after the dialog that added it wait for it, then land in its line."""
        await self.settle()
        column = self.column(key)
        mounting = column.build() if column is not None else None
        if mounting is not None:
            await mounting
        self.show_column(key)

    async def action_next_column(self, step: int) -> None:
        columns = self.columns()
        if not columns:
            return
        keys = [c.where for c in columns]
        at = keys.index(self.current_key) if self.current_key in keys else 0
        column = columns[(at + step) % len(keys)]
        mounting = column.build()
        if mounting is not None:
            await mounting  # the keys typed after Tab wait for the new line, then land in it
        self.show_column(column.where)

    def show_column(self, key: str) -> None:
        self.current_key = key
        self.layout_columns()
        column = self.column(key)
        if column is None:
            return
        if column.query(CaptureInput):
            focus_now(column.capture)
        else:
            column.focus_when_ready = True  # just added: focus once it is composed

    def first_focus(self):
        column = self.column(self.current_key)
        return column.capture if column is not None else super().first_focus()
