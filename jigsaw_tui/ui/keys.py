"""Every key in the order it was typed, to the place that had the focus when it was typed.

Why this module exists (Textual 8.2; docs/tui.md has the whole story). The app reads a
key from its own queue, runs the priority bindings, then *posts* the key to the focused
widget's queue and reads the next key at once. The widget inserts a letter when its own
queue gets to it; a key it does not consume (Enter, Tab, Backspace) bubbles up through
the queue of every parent before the app runs its binding. `Widget.focus()` only asks
the app to move the focus later, and a widget's Enter usually posts a message that its
parent handles later still. So when keys come in chunks (a slow link), letters typed
after Enter were inserted before the Enter was acted on, keys typed after Tab reached
the old line, and a chunk arriving mid-way was put between the others.

Here the app handles every key itself, one at a time, and each to the end before it
reads the next one: the binding runs (awaited), a letter is inserted, a paste is
added, in the app's own queue. What a key causes must therefore happen inside its
handler: focus with `focus_now` (never `Widget.focus()`), new widgets awaited before
they are focused, a dialog's answer applied in its result callback (which Textual runs
right after the key that closed the dialog), never in a message handled later.
Before a key is handled, a screen pushed by the key before it is given time to mount,
so the keys typed after ctrl+r land in the rename prompt.

Only public Textual API is used: `Screen.active_bindings`, `App.run_action`,
`Screen.set_focus`, `Input.insert_text_at_cursor`/`replace`, `TextArea.replace`.
What Textual has no public API for is the rest of the binding chain: `active_bindings`
names one binding per key (the focused widget's first), and when its action declines
(a scroll binding on a line that cannot scroll) Textual's private `_check_bindings`
would try the next one up. So a widget of ours binds the keys it means itself (the
capture line binds `up`, which would otherwise be Textual's scroll binding), and
`tests/ui/test_keys_in_order.py` checks, widget by widget, that every key we bind reaches
its own binding first.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input  # (not TextArea: it would load at start; see NoteArea)

from .notice import Notice

MOUNT_WAIT_SECONDS = 5.0  # a screen that does not mount by then is not waited for (never hang)


def focus_now(widget: Widget) -> None:
    """Give `widget` the focus before the next key is read. (`Widget.focus()` only asks
    the app to do it later, behind keys already waiting: they would land in the old place.)"""
    try:
        widget.screen.set_focus(widget, scroll_visible=False)
    except Exception:  # not on a screen (any more): nothing to focus
        pass


class KeysInOrder:
    """The app's one place where keys and pastes are applied: in order, each to the end."""

    def __init__(self, app):
        self.app = app
        self.stray = ""  # letters typed where nothing takes text, in a row: shown, never lost silently

    def takes(self, event: events.Event) -> bool:
        """Keys and pastes from the terminal (not ones bubbling back up to the app)."""
        return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded

    async def handle(self, event: events.Key | events.Paste) -> bool:
        """Apply one key or paste now. False: not ours, Textual handles it as usual."""
        screen = await self._ready_screen()
        if screen is None or screen.maximized is not None:
            return False
        if not self.app.app_focus:
            self.app.app_focus = True
        if isinstance(event, events.Paste):
            return paste_into(screen.focused, event.text)
        if not event.is_printable and getattr(screen.focused, "refused", False):
            screen.focused.refused = False  # the person goes on with the refused text itself
        if await self._apply(screen, event):
            self.stray = ""
            return True
        if event.is_printable:
            line = self._line_for_letters(screen)
            if line is not None and type_into(line, event.character or ""):
                self.stray = ""
                return True
            self.not_typed(screen, event.character or "")  # said, never dropped silently
            return True
        self.stray = ""
        return False

    async def _apply(self, screen, event: events.Key) -> bool:
        """Textual's order: priority bindings, what the focused line consumes, the rest."""
        active = screen.active_bindings.get(event.key)
        if active is not None and active.binding.priority and await self._run(active):
            return True
        if typed_into(screen.focused, event):
            return True
        return active is not None and not active.binding.priority and await self._run(active)

    def _line_for_letters(self, screen):
        """Where a letter that is not one of the focused place's keys is typed: a list
        gives it to its capture line, a yes/no question or a message closes ("no") and
        gives it to the line below. Asked of the focused widget, then of the screen."""
        for place in (screen.focused, screen):
            hand_over = getattr(place, "line_for_letters", None)
            if hand_over is not None:
                return hand_over()
        return None

    def not_typed(self, screen, character: str) -> None:
        """A letter where nothing takes text (a list, a question): say so, with what was typed."""
        self.stray += character
        where = ("a dialog was open: its keys are shown in it" if isinstance(screen, ModalScreen)
                 else "the cursor is not in a line to type in")
        for below in reversed(self.app.screen_stack):
            found = below.query(Notice)
            if found:
                found.first().say(f'Not typed: "{self.stray}" ({where}).', "warning")
                return

    async def _run(self, active) -> bool:
        if not active.enabled:
            return False
        return await self.app.run_action(active.binding.action, active.node)

    async def _ready_screen(self):
        """The screen keys go to, once it is mounted: one pushed by the previous key (a
        prompt) composes and takes its focus before the keys typed into it are applied."""
        waited = 0.0
        while True:
            try:
                screen = self.app.screen
            except Exception:  # no screen yet, or the app is closing
                return None
            if screen.is_mounted or waited >= MOUNT_WAIT_SECONDS:
                return screen
            await asyncio.sleep(0.005)
            waited += 0.005


def typed_into(widget: Widget | None, event: events.Key) -> bool:
    """The keys a line or a text area consumes before any binding: printable ones (and
    Enter in a text area of ours, a new line), inserted as the widget itself would."""
    if event.key == "enter" and getattr(widget, "enter_is_text", False):
        return type_into(widget, "\n")
    return event.is_printable and type_into(widget, event.character or "")


def type_into(widget: Widget | None, text: str) -> bool:
    """Text into a line or a text area at its cursor, replacing what is selected. Our
    own (CaptureInput, NoteArea) know how (`type_text`); any other Input is written to
    as Input itself would."""
    if hasattr(widget, "type_text"):
        widget.type_text(text)
        return True
    if isinstance(widget, Input):
        selection = widget.selection
        if selection.is_empty:
            widget.insert_text_at_cursor(text)
        else:
            widget.replace(text, *selection)
        return True
    return False


def paste_into(widget: Widget | None, text: str) -> bool:
    """A paste: a capture line adds each line as its own item; a one-line field keeps
    every line (joined by ' / ', never cut to the first); a text area takes it as it is."""
    if not text:
        return True
    if hasattr(widget, "paste_lines"):
        widget.paste_lines(text)
        return True
    if getattr(widget, "enter_is_text", False):
        return type_into(widget, text)
    if isinstance(widget, Input):
        return type_into(widget, one_line(text))
    return False


def one_line(text: str) -> str:
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())

