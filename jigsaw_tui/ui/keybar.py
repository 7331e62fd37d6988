"""The bottom row: the keys that matter where the cursor is, as whole entries that fit.

Textual's Footer is a widget per key, rebuilt on every focus change: more widgets to
start, more bytes to send, and at 80 columns it cut entries in half. This is one row of
text, redrawn only when it changes. What does not fit is dropped whole; F1 lists it all.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.widget import Widget

SEPARATOR = "  "


class Entry(NamedTuple):
    key: str  # as bound, e.g. "ctrl+g": what a click presses
    shown: str  # as displayed, e.g. "^g"
    description: str
    enabled: bool

    @property
    def width(self) -> int:
        return len(self.shown) + 1 + len(self.description) + len(SEPARATOR)


class KeyBar(Widget):
    COMPONENT_CLASSES = {"keybar--key", "keybar--disabled"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for a click
        self._shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen and self._shown is not None:
            if self.line()[0] != self._shown:  # nothing changed: nothing is sent
                self.refresh()

    def render(self) -> Text:
        # Built when painted, so the first paint of a screen has it (the width is known).
        self._shown, self._spans = self.line()
        return self._shown

    def entries(self) -> tuple[list[Entry], list[Entry]]:
        """The shown bindings, one per action, and the two that lead to everything else
        (help, the command palette), which always come last and are never dropped."""
        seen: set[str] = set()
        shown, always = [], []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            action = binding.action.removeprefix("app.")
            if action in seen or not binding.description:
                continue
            if not binding.show and action != "command_palette":  # hidden, but in F1 help
                continue
            seen.add(action)
            display = self.app.get_key_display(binding)
            if display[:1] == "f" and display[1:].isdigit():
                display = display.upper()  # F8, as printed on the key
            if getattr(self.app, "ascii_only", False) and not display.isascii():
                display = binding.key  # "enter", not "⏎"
            entry = Entry(binding.key, display, binding.description, enabled)
            (always if action in ("help", "command_palette") else shown).append(entry)
        return shown, always

    def line(self) -> tuple[Text, list[tuple[int, int, str]]]:
        """The row for the current width, and where each key's entry is (for a click)."""
        shown, always = self.entries()
        # (each width counts the separator after it: the row's last entry has none)
        room = self.size.width - sum(e.width for e in always) + len(SEPARATOR)
        fitting = []
        for entry in shown:  # in binding order; an entry that does not fit is left out whole
            if entry.width <= room:
                fitting.append(entry)
                room -= entry.width
        line = Text(no_wrap=True, overflow="crop")
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        dim = self.get_component_rich_style("keybar--disabled", partial=True)
        spans = []
        for entry in fitting + always:
            if line:
                line.append(SEPARATOR)
            start = line.cell_len
            line.append(entry.shown, key_style if entry.enabled else dim)
            line.append(" " + entry.description, None if entry.enabled else dim)
            spans.append((start, line.cell_len, entry.key))
        return line, spans

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
