"""The one-row line where text is typed: capture lines, dialogs' fields, the filters.

One row, no border, a steady cursor: a typed character redraws one short line. Its
Enter acts in the same step as the key (keys.py): the text is handed over and the line
cleared before the next key is applied.
"""

from __future__ import annotations

from typing import Callable

from textual import events
from textual.widgets import Input

from .keys import one_line


class CaptureInput(Input):
    """A one-row input, no border, no blinking; several pasted lines become several items."""

    def __init__(self, draft_key: str = "", take: Callable[[str], bool] | None = None,
                 enter: Callable[[], object] | None = None,
                 take_lines: Callable[[list[str]], object] | None = None, **kwargs):
        kwargs.setdefault("compact", True)
        kwargs.setdefault("select_on_focus", False)  # a restored draft must not vanish at the next key
        super().__init__(**kwargs)
        self.cursor_blink = False
        self.draft_key = draft_key
        self.take = take  # a capture line: called at Enter with the text; False if refused
        # A dialog's line: called at Enter, before the next key is handled, so the keys
        # typed after Enter go where it moves the focus (the next line, the screen below).
        self.enter = enter
        self.take_lines = take_lines  # several pasted lines, each its own item
        self.refused = False  # the text in the line was just refused at Enter
        self.joined = False  # refused texts and what followed them, kept apart by " / "

    def type_text(self, text: str) -> None:
        """Typed text at the cursor. Typed straight after a refused Enter, it starts a new
        piece of the line, " / " after the refused one: both stay, neither is glued on."""
        if self.refused and self.value and self.cursor_position == len(self.value):
            text = " / " + text
            self.joined = True  # its next Enter takes each part as its own item
        self.refused = False
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    async def action_submit(self) -> None:
        self.submit_now()


    def submit_now(self) -> None:
        """Enter. A capture line hands its text over at once and starts afresh, before the
        next key is handled; anything else posts Submitted as a plain Input does."""
        value = self.value
        if self.enter is not None:
            self.enter()
            return
        if self.take is None:
            self.post_message(self.Submitted(self, value))
            return
        if not value.strip():
            return  # an empty Enter does nothing: a double Enter is harmless
        # Pieces kept apart after a refusal are taken one by one; what is refused again
        # stays in the line, still apart.
        parts = [p for p in value.split(" / ") if p.strip()] if self.joined else [value]
        self.value = ""
        left = [part for part in parts if not self.take(part)]
        self.joined = len(left) > 1
        if left:
            self.value = " / ".join(left)  # refused (a full lid, too long): nothing typed is lost
            self.cursor_position = len(self.value)
            self.refused = True  # what is typed next is kept apart from it, not glued on

    def paste_lines(self, text: str) -> None:
        """A paste (applied in turn with the keys around it, see keys.py): several lines
        into a capture line are several items; anywhere else, one line that keeps them all."""
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and self.take_lines is not None:
            self.take_lines(lines)
        else:
            self.type_text(one_line(text))

    def _on_paste(self, event: events.Paste) -> None:
        # Pastes come through the app (keys.py); one posted to the line itself is the same.
        event.stop()
        event.prevent_default()
        self.paste_lines(event.text)
