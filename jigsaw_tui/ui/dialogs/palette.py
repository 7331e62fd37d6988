"""The command palette (ctrl+p): every command by name; type to filter, Enter runs it.

Our own rather than Textual's: Textual's searches in a worker and shows its results a
moment later, so "ctrl+p add group Enter Nurses Enter" typed in one go ran nothing, or
the wrong thing, and once closed a screen twice. Here the list is filtered as each key
is applied, and Enter runs the highlighted command before the next key is read. It is
a small dialog like the others, so --ascii and NO_COLOR need nothing more.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..lines import CaptureInput
from ..notice import Notice


def matches(command, words: list[str]) -> bool:
    hay = f"{command.title} {command.help}".casefold()
    return all(word in hay for word in words)


class CommandList(OptionList):
    def action_select(self) -> None:  # Enter (or a click) runs it at once
        self.screen.run_highlighted()


class Palette(ModalScreen):
    """Commands as (title, help, callback); the result is the one chosen, run by the app."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("down", "move(1)", "next", show=False, priority=True),
        Binding("up", "move(-1)", "previous", show=False, priority=True),
        Binding("escape,ctrl+c,ctrl+p", "close", "close", priority=True),
    ]

    def __init__(self, commands: list):
        super().__init__()
        self.commands = list(commands)
        self.shown = list(self.commands)
        self.filtered_for = ""  # the filter text `shown` was made from

    def compose(self):
        with Vertical():
            yield Static(Text("Commands: type part of a name, Enter runs it"), classes="title")
            yield CaptureInput(id="find", placeholder="e.g. add group, export, undo", enter=self.run_highlighted)
            yield CommandList(*self.options(), id="commands")
            yield Notice(id="palette-notice")
            yield Static(Text("Enter: run    up/down: choose    Esc or ctrl+c: close"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#find"))
        self.query_one(CommandList).highlighted = 0 if self.shown else None

    def options(self) -> list[Option]:
        options = []
        for command in self.shown:
            label = Text(command.title, "bold")
            label.append(f"  {command.help}", "dim")
            options.append(Option(label))
        return options

    def on_input_changed(self, event: CaptureInput.Changed) -> None:
        self.keep_up()

    def keep_up(self) -> None:
        """Filter by what is typed now. (Input.Changed arrives a moment later, and up, down
        or Enter may come in the same burst as the letters before them.)"""
        value = self.query_one("#find", CaptureInput).value
        if value != self.filtered_for:
            self.refilter(value)

    def refilter(self, value: str) -> None:
        self.filtered_for = value
        words = value.casefold().split()
        self.shown = [c for c in self.commands if matches(c, words)]
        listing = self.query_one(CommandList)
        listing.set_options(self.options())
        listing.highlighted = 0 if self.shown else None

    def action_move(self, step: int) -> None:
        self.keep_up()
        listing = self.query_one(CommandList)
        if listing.option_count:
            at = listing.highlighted if listing.highlighted is not None else -step
            listing.highlighted = max(0, min(listing.option_count - 1, at + step))

    def run_highlighted(self) -> None:
        self.keep_up()
        listing = self.query_one(CommandList)
        if not self.shown or listing.highlighted is None:  # nothing run; the words stay to mend
            typed = self.query_one("#find", CaptureInput).value
            self.query_one(Notice).say(f'No command matches "{typed}": change the words, or Esc.', "warning")
            return
        self.dismiss(self.shown[listing.highlighted])

    def action_close(self) -> None:
        self.dismiss(None)
