"""The notice line above the key bar: the last thing worth saying."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class Notice(Static):
    """The one-line notice above the key bar: the last thing worth saying, with its kind in words."""


    def say(self, message: str, severity: str = "information") -> None:
        prefix = {"warning": "! ", "error": "!! "}.get(severity, "")
        self.set_class(severity == "warning", "-warning")
        self.set_class(severity == "error", "-error")
        self.update(Text(prefix + message, no_wrap=True, overflow="ellipsis"))
