"""The pieces the Themes stage is built from: a group's column, the themes list, the
comparison table and the closest-candidates dialog. Text from a session is never markup."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich import box
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.compare import comparison_rows, groups_label
from ..widgets import CursorMark

MIN_COLUMN_WIDTH = 36  # 80 columns: two groups side by side; 160: four


@dataclass
class ThemesState:
    """What the Themes stage shows beside the session, in one place: the pieces picked
    (in order), the group each column shows, the suggestions and the one on show."""

    picked: list[str] = field(default_factory=list)
    slots: list[str] = field(default_factory=list)  # group ids, left to right
    suggestions: list = field(default_factory=list)
    at: int = 0  # the suggestion on show
    loading: bool = False  # the sentence model is loading (or embedding many new pieces) in a worker

    def suggestion(self):
        return self.suggestions[self.at] if self.suggestions else None


class EnterCalls(OptionList):
    """A list whose Enter calls the stage at once (not a message handled later, after the
    keys typed behind it): a piece is picked, a theme renamed."""

    def __init__(self, enter=None, **kwargs):
        super().__init__(**kwargs)
        self.enter = enter

    def action_select(self) -> None:
        if self.enter is not None:
            self.enter()


class PieceOptions(EnterCalls):
    DEFAULT_CLASSES = "cursor-rows"  # app.tcss: the cursor row without colour
    """One group's pieces. Letter keys are the stage's: nothing is typed here."""

    BINDINGS = [
        Binding("left", "app.focus_previous", "previous column", show=False),
        Binding("right", "app.focus_next", "next column", show=False),
    ]



class GroupColumn(CursorMark, Vertical):
    """A heading (group name, how many of its pieces are in themes) and its pieces."""


    def __init__(self, group_id: str, enter=None, **kwargs):
        super().__init__(**kwargs)
        self.group_id = group_id
        self.enter = enter  # Enter on a piece
        self.piece_ids: list[str] = []
        self.heading = Text()

    def draw_cursor_mark(self) -> None:
        heading = self.heading.copy()
        if self.has_cursor:
            heading.stylize("reverse")
        self.query_one(".heading", Static).update(heading)

    def compose(self):
        yield Static(classes="heading")
        yield PieceOptions(enter=self.enter)

    @property
    def options(self) -> PieceOptions:
        return self.query_one(PieceOptions)

    def show(self, heading: Text, ids: list[str], labels: list[Text]) -> None:
        self.heading = heading
        self.draw_cursor_mark()
        options = self.options
        keep = options.highlighted
        if ids == self.piece_ids and options.option_count == len(labels):
            for index, label in enumerate(labels):  # only changed lines are sent
                options.replace_option_prompt_at_index(index, label)
            return
        self.piece_ids = ids
        options.set_options(labels)
        if labels:
            options.highlighted = min(keep or 0, len(labels) - 1)

    def current(self) -> str | None:
        index = self.options.highlighted
        return self.piece_ids[index] if index is not None and index < len(self.piece_ids) else None

    def highlight(self, piece_id: str) -> None:
        if piece_id in self.piece_ids:
            self.options.highlighted = self.piece_ids.index(piece_id)


class ThemeList(EnterCalls):
    DEFAULT_CLASSES = "cursor-rows"
    """The themes, each with how many groups named it; then what only one group named."""


    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0  # a cursor to act on at once



def cut(text: Text, width: int, ascii_only: bool = False) -> None:
    """Cut a line to `width` cells, ending '...' in ASCII mode and '…' otherwise."""
    if text.cell_len <= width:
        return
    mark = "..." if ascii_only else "…"
    text.truncate(max(0, width - len(mark)))
    text.append(mark)


def cell_text(pieces) -> Text:
    """A group's pieces in one cell, each note after it in brackets, as in the seed report."""
    text = Text()
    for n, piece in enumerate(pieces):
        if n:
            text.append("\n")
        text.append(piece.text)
        if piece.note:
            text.append(f" [{' '.join(piece.note.split())}]", "dim")
    return text


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def comparison_table(session, ascii_only: bool = False, group_ids: list[str] | None = None):
    """The seed report's table: one column per group (those in `group_ids`, all if None),
    one row per theme, then one row per piece only one group named. A Rich renderable;
    text is never markup."""

    shown = [n for n, g in enumerate(session.groups) if group_ids is None or g.id in group_ids]
    table = Table(box=box.ASCII if ascii_only else box.SQUARE, show_lines=True, expand=True)
    table.add_column(Text("Theme"), width=9)  # names are in the themes list: the words stay the groups' own
    for n in shown:
        table.add_column(Text(session.groups[n].name), ratio=1, min_width=10)
    total = len(session.groups)
    numbers = {t.id: n for n, t in enumerate(session.themes, 1)}
    for row in comparison_rows(session):
        cells = [cell_text(row.cells[n]) for n in shown]
        if row.theme is None:
            if any(cells):  # a piece of a group not on screen waits for its column
                table.add_row(Text(""), *cells)
            continue
        first = Text(f"T{numbers[row.theme.id]}", "bold")
        first.append(f"\n{row.groups_named} of {total}" + ("" if row.theme.kind == "same" else f"\n{row.theme.kind}"))
        table.add_row(first, *cells)
    return table
