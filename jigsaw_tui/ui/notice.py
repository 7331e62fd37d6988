"""The notice line above the key bar: what the last action did, and nothing older.

A notice belongs to the moment it was said: the next action (a key that runs a
binding, a command, a stage change) clears it (`clear_said`, called by the app before
every action). A *standing* notice (the terminal is too small) is shown again whenever
the line is cleared, for as long as it stands. What was said is kept in full, newest
last, for the F1 help: a long path that the line cannot show is there.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

HISTORY = 8  # notices kept for the F1 help


class Notice(Static):
    """The one-line notice above the key bar: the last thing worth saying, with its kind in words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.history: list[str] = []  # what was said, in full (newest last)
        self.standing: tuple[str, str] | None = None  # (message, severity), shown when cleared
        self._shown: tuple[str, str] = ("", "information")

    def say(self, message: str, severity: str = "information", detail: str = "") -> None:
        """Say `message` now; `detail` (the full path, say) goes to the history instead of it."""
        self._show(message, severity)
        self.history = (self.history + [detail or message])[-HISTORY:]
        said = getattr(self.app, "said_notices", None)
        if said is not None and self not in said:
            said.append(self)  # cleared by the next action

    def stand(self, message: str | None, severity: str = "warning") -> None:
        """A notice that stays while its cause lasts (None: it no longer stands)."""
        self.standing = None if message is None else (message, severity)
        self._show(*(self.standing or ("", "information")))

    def clear(self) -> None:
        self._show(*(self.standing or ("", "information")))

    def _show(self, message: str, severity: str) -> None:
        if (message, severity) == self._shown:
            return  # the same again: nothing is sent
        self._shown = (message, severity)
        prefix = {"warning": "! ", "error": "!! "}.get(severity, "") if message else ""
        self.set_class(severity == "warning", "-warning")
        self.set_class(severity == "error", "-error")
        # Text, not markup: a piece or a path is shown as it is. A long sentence wraps to
        # a second row rather than losing its end (notice.tcss rules: at most two rows).
        self.update(Text(prefix + message, overflow="ellipsis"))


def clear_said(app) -> None:
    """Before an action: the notices said since the last one have had their moment."""
    said = getattr(app, "said_notices", None)
    while said:
        notice = said.pop()
        if notice.is_attached:
            notice.clear()
