"""An action's what, who and by when, each in its own line (Enter in any saves; Tab moves
between them); and the theme an action belongs to (ThemeChooser)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

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


class ThemeChoices(OptionList):
    """Enter chooses at once (OptionList's own Enter posts a message, handled too late)."""

    def action_select(self) -> None:
        self.screen.action_choose()


class ThemeChooser(ModalScreen["str | None"]):
    """Which theme an action belongs to: the themes in session order, then none
    (stand-alone). Answers the theme id, "" for stand-alone, None when cancelled."""

    CSS_PATH = ["dialogs.tcss", "report.tcss"]
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("enter", "choose", "move here"),
        Binding("escape,q,ctrl+c", "cancel", "cancel"),
    ]

    def __init__(self, action_text: str, choices: list[tuple[str, Text]], current: str):
        super().__init__()
        self.action_text = action_text
        self.choices = choices  # (theme id or "", label)
        self.current = current

    def compose(self):
        with Vertical():
            title = Text("Move to a theme: ")
            title.append(self.action_text)
            title.no_wrap, title.overflow = True, "ellipsis"
            yield Static(title, classes="title")
            yield ThemeChoices(*[Option(label, id=key or "-") for key, label in self.choices])
            yield Static(Text("up/down: choose    Enter: move it there    q or Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(ThemeChoices)
        keys = [key for key, _ in self.choices]
        options.highlighted = keys.index(self.current) if self.current in keys else 0
        self.set_focus(options)

    def action_choose(self) -> None:
        at = self.query_one(ThemeChoices).highlighted
        self.dismiss(None if at is None else self.choices[at][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
