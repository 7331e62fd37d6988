"""Reusable pieces of UI: the one-row capture line and a list with its capture line.

Quick capture is the heart of the app, and every byte crosses a slow link: the capture
line is one row with no border and a steady cursor, so a typed character redraws one
short line. Counts and lists change only on Enter.
"""

from __future__ import annotations

from rich.measure import Measurement
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import AwaitMount
from textual.widgets import OptionList, Static

from ..core.model import InvalidInput
from .keys import focus_now
from .lines import CaptureInput
from .textual_api import OptionRows


def show_if(widget, shown: bool) -> None:
    """Show or hide, only if that changes anything: setting `display` anew makes Textual
    restyle and repaint the widget, sending again what is already on the screen."""
    if widget.display != shown:
        widget.display = shown


class ColumnLine(CaptureInput):
    """A column's capture line: up goes into the list above it."""

    BINDINGS = [  # its own: Textual's scroll binding for up would come first (keys.py)
        Binding("up", "to_list", "pieces", show=False),
    ]

    def action_to_list(self) -> None:
        column = next((a for a in self.ancestors if isinstance(a, CaptureColumn)), None)
        if column is not None:
            column.action_to_list()


class ItemList(OptionRows, OptionList):
    DEFAULT_CLASSES = "cursor-rows"  # app.tcss: the cursor row without colour
    HELP_TITLE = "Any list (up from its capture line)"  # the F1 help's name for these keys
    """The items above a capture line; Down past the last item goes back to typing.

    Letter keys are safe here: this list is never where typing goes.
    """

    BINDINGS = [
        Binding("enter,e", "item('edit')", "edit", key_display="e"),
        Binding("delete,d", "item('remove')", "remove", key_display="d"),
        Binding("shift+up,ctrl+up,minus", "item('up')", "move", key_display="shift+up/dn"),
        Binding("shift+down,ctrl+down,plus", "item('down')", "move down", show=False),
        Binding("escape,a,i", "item('type')", "back", key_display="a"),
    ]

    _labels: list = []  # the items as last shown

    def show_labels(self, labels: list) -> None:
        """Show these items, sending only what changed: nothing when they are the same, and
        only the rows at the end when items were added there (a piece saved) or taken from
        there (undone), not the whole list."""
        old, self._labels = self._labels, labels
        if labels == old:
            return
        grown = labels[: len(old)] == old
        shrunk = old[: len(labels)] == labels and (self.highlighted or 0) < len(labels)
        # Only a list on screen is changed row by row: a hidden one (its stage behind
        # another) has not laid out what was added meanwhile, and costs nothing to rebuild.
        first = None
        if old and self.is_mounted and (grown or shrunk) and self.is_on_screen:
            first = self.row_count() if grown else self.first_row(len(labels))
        if first is None:
            keep = self.highlighted
            self.clear_options()
            self.add_options(labels)
            if keep is not None and self.option_count:
                self.highlighted = min(keep, self.option_count - 1)
            return
        before = self.row_count()
        with self.quietly():  # OptionList would lay out and repaint the whole list
            if grown:
                self.add_options(labels[len(old):])
            for index in range(len(old) - 1, len(labels) - 1, -1):
                self.remove_option_at_index(index)
            after = self.row_count()  # (counting them lays them out again: quietly too)
        if max(before, after) > self.size.height:  # does not fit: the whole list, a
            self.refresh(layout=True)  # scrollbar, and the newest item in view
            if grown:
                self.call_after_refresh(self.scroll_end, animate=False)
        else:
            self.refresh_lines(first, max(before, after) - first)

    def column(self) -> "CaptureColumn | None":
        return next((a for a in self.ancestors if isinstance(a, CaptureColumn)), None)

    def action_item(self, what: str) -> None:
        column = self.column()
        if column is not None:
            column.item_action(what, self.highlighted)

    def line_for_letters(self):
        """A letter that is not a list key: back to typing, the letter in the line (keys.py)."""
        column = self.column()
        if column is None:
            return None
        focus_now(column.capture)
        return column.capture

    def action_cursor_down(self) -> None:
        column = self.column()
        if column is not None and (self.highlighted is None or self.highlighted >= self.option_count - 1):
            focus_now(column.capture)  # down past the last item: back to typing, at once
            return
        super().action_cursor_down()


def number_label(n: int, text: str, extra: str = "") -> "Hanging":
    """' 3. text' with text taken literally (never markup); wrapped lines hang under the text."""
    label = Text(text)
    if extra:
        label.append(extra, "dim")
    return Hanging(f"{n:>2}. ", label)


class Hanging:
    """A numbered line whose wrapped lines hang under the text (lighter than a Rich Table)."""

    def __init__(self, prefix: str, text: Text):
        self.prefix = prefix
        self.text = text

    def __str__(self) -> str:
        return self.prefix + self.text.plain

    def __eq__(self, other) -> bool:  # the same line: not redrawn
        return isinstance(other, Hanging) and (self.prefix, self.text) == (other.prefix, other.text)

    def __rich_console__(self, console, options):
        indent = len(self.prefix)
        lines = self.text.wrap(console, max(1, options.max_width - indent))
        for n, line in enumerate(lines):
            row = Text(self.prefix if n == 0 else " " * indent, end="\n")
            row.append_text(line)
            yield row

    def __rich_measure__(self, console, options):
        return Measurement(len(self.prefix) + 1, len(self.prefix) + self.text.cell_len)


class CursorMark:
    """A column whose heading is in reverse video while the cursor is in it: a style drawn
    when the focus moves (a CSS class would restyle and resend the whole column, and
    :focus-within restyles a moment later, or not at all when the focus moves twice
    in one frame)."""

    has_cursor = False

    def on_descendant_focus(self) -> None:
        self.mark_current(True)

    def on_descendant_blur(self) -> None:
        focused = self.screen.focused
        self.mark_current(focused is not None and self in focused.ancestors)

    def mark_current(self, current: bool) -> None:
        if current != self.has_cursor:
            self.has_cursor = current
            self.draw_cursor_mark()

    def draw_cursor_mark(self) -> None:
        raise NotImplementedError


class CaptureColumn(CursorMark, Vertical):
    """A heading, a list of items and a capture line under it.

    Subclasses say what the items are and which ops change them. Every change goes
    through `controller.apply`; typed text is never touched by a session change.
    """


    placeholder = "type, then Enter"
    prompt = "add> "

    def __init__(self, controller, where: str, **kwargs):
        super().__init__(**kwargs)
        self.controller = controller
        self.where = where
        self.focus_when_ready = False
        self.built = False  # its heading, list and capture line exist (see `build`)
        self._heading_shown: Text | None = None

    # -- what subclasses provide ------------------------------------------------------

    def heading(self, session) -> Text:
        raise NotImplementedError

    def labels(self, session) -> list[Text]:
        raise NotImplementedError

    def add_op(self, text: str):
        raise NotImplementedError

    # -- building --------------------------------------------------------------------

    def compose(self):
        # A hidden column (another group, at 80 columns) is built when first shown: a
        # session of twelve groups starts with the widgets of one column, not twelve.
        if self.display and not self.built:  # (a column shown as it is added is built already)
            self.built = True
            yield from self.parts()

    def build(self) -> AwaitMount | None:
        """Build a column that was hidden until now, before it is shown. Its widgets are
        in place at once (a query finds them); await the result before focusing one."""
        if self.built:
            return None
        self.built = True
        return self.mount_all(list(self.parts()))

    def parts(self):
        session = self.controller.session  # drawn complete in the first paint: no second one
        self._heading_shown = self._heading(session)
        yield Static(self._heading_shown, classes="heading")
        items = self.make_list()
        items.show_labels(self.labels(session))
        yield items
        draft, count = self.controller.restore_draft(self.where)  # in the line from the start
        if count == 1:
            self.controller.tell("Your half-typed text from last time is back in the capture line.")
        elif count > 1:
            self.controller.tell(f"{count} half-typed texts from last time are back in the line, joined by ' / '.")
        yield Horizontal(
            Static(self.prompt, classes="prompt"),
            ColumnLine(draft_key=self.where, take=self.take, take_lines=self.take_lines,
                         placeholder=self.placeholder,
                         value=draft.replace("\n", " / ") or None),
            classes="capture-row",
        )

    def make_list(self) -> ItemList:
        return ItemList()

    def on_mount(self) -> None:
        if self.focus_when_ready and self.built:
            focus_now(self.capture)

    def draw_cursor_mark(self) -> None:
        if self.query(".heading"):
            self._heading_shown = self._heading(self.controller.session)
            self.query_one(".heading", Static).update(self._heading_shown, layout=False)

    def _heading(self, session) -> Text:
        text = self.heading(session)
        text.no_wrap, text.overflow = True, "ellipsis"  # one row; the count is never pushed off
        if self.has_cursor:
            text.stylize("reverse")
        return text

    @property
    def capture(self) -> CaptureInput:
        return self.query_one(CaptureInput)

    @property
    def items(self) -> ItemList:
        return self.query_one(ItemList)

    def show(self, session) -> None:
        """Redraw heading and list from the session; typed text is left alone."""
        if not self.query(".heading"):
            return  # not composed yet: it will be drawn from the latest session
        heading = self._heading(session)
        if heading != self._heading_shown:  # a row sent only when it changed
            self._heading_shown = heading
            self.query_one(".heading", Static).update(heading, layout=False)  # always one row
        self.items.show_labels(self.labels(session))

    # -- typing ------------------------------------------------------------------------

    def take(self, text: str) -> bool:
        """The capture line's Enter: add the item now (saved before the next key)."""
        if not self.controller.apply(self.add_op(text)):
            return False
        self.controller.keep_draft(self.where, "")
        self.items.highlighted = None
        return True

    def take_lines(self, lines: list[str]) -> None:
        """Several lines pasted into the capture line: each is its own item, up to the limit."""
        added = 0
        for n, line in enumerate(lines):
            if not self.controller.apply(self.add_op(line), quiet=True):
                self.controller.join_last(added, f"paste of {added} lines")
                self.report_not_added(added, lines[n:])
                return
            added += 1
        self.controller.join_last(added, f"paste of {added} lines")  # one ctrl+z undoes it
        self.controller.tell(f"Pasted {added} lines: each is its own item.")

    def report_not_added(self, added: int, rest: list[str]) -> None:
        from .dialogs import MessageScreen  # dialogs load when one is first shown

        reason = self._why_refused(rest[0])
        added_words = "1 pasted line was added" if added == 1 else f"{added} pasted lines were added"
        rest_words = "This one was not" if len(rest) == 1 else f"These {len(rest)} were not"
        text = Text(f"{added_words}. {rest_words}: {reason}\n\n")
        for line in rest:
            text.append(f"  - {line}\n")
        text.append("\nNothing else was changed. Copy them from here if you need them.")
        self.app.push_screen(MessageScreen("Not added", text))
        self.controller.tell(f"{len(rest)} pasted lines not added: {reason}", "warning")

    def _why_refused(self, line: str) -> str:
        try:
            self.add_op(line).apply(self.controller.session)
        except InvalidInput as error:
            return str(error)
        except Exception:  # the reason is only for the message
            pass
        return "it could not be saved"

    # -- the items -------------------------------------------------------------------------

    def item_action(self, what: str, index: int | None) -> None:
        if what == "type":
            focus_now(self.capture)
            return
        if index is None:
            return
        if what == "up":
            self.move_item(index, index - 1)
        elif what == "down":
            self.move_item(index, index + 1)
        elif what == "remove":
            self.remove_item(index)
        else:
            self.edit_item(index, what)

    def move_item(self, index: int, to: int) -> None:
        count = self.items.option_count
        if 0 <= to < count and self.controller.apply(self.move_op(index, to)):
            self.items.highlighted = to

    def remove_item(self, index: int) -> None:
        if self.controller.apply(self.remove_op(index)):
            self.controller.tell("Removed (ctrl+z brings it back).")
            if self.items.option_count == 0:
                focus_now(self.capture)

    def edit_item(self, index: int, what: str) -> None:
        raise NotImplementedError

    def move_op(self, index: int, to: int):
        raise NotImplementedError

    def remove_op(self, index: int):
        raise NotImplementedError

    # -- moving between list and capture line -------------------------------------------

    def action_to_list(self) -> None:
        items = self.items
        if items.option_count:
            focus_now(items)
            if items.highlighted is None:
                items.highlighted = items.option_count - 1
