"""The F1 help: every binding of the app, this screen, and every stage, built from BINDINGS.

Built from the classes themselves, so it can never fall out of date. A class may add a
`HELP` string for keys that are not bindings (typing, Enter, paste): one row a line,
the keys and what they do apart by two spaces or more (a line that starts with spaces
goes on with the row above). Every row is laid out here, in one key column; a class
names its section with `HELP_TITLE` (never its class name).
"""

from __future__ import annotations

import re

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.keys import key_to_character

from .session_screen import SessionScreen
from .stages import STAGES, stage_class
from .widgets import Hanging

HELP_INTRO = (
    "Every change is saved the moment you make it. The keys at the bottom of the screen "
    "change with where you are; these are all of them. ctrl+p finds any command by name."
)
KEY_COLUMN = 24  # the widest key names fit ("shift+down / ctrl+down / +" goes on its own row)
SAID_SHOWN = 5  # the last notices, in full, at the top of the help


NAMES = {"plus": "+", "minus": "-", "equals_sign": "="}  # (not found by their Unicode names)


def _key_name(key: str) -> str:
    """'right_square_bracket' -> ']', 'question_mark' -> '?', 'f8' -> 'F8': as on the key."""
    if key in NAMES:
        return NAMES[key]
    if len(key) <= 3 and key[:1] == "f" and key[1:].isdigit():
        return key.upper()
    if key in ("space", "tab", "enter", "escape", "delete", "backspace") or "+" in key[1:]:
        return key
    return key_to_character(key) or key


def _keys(binding: Binding) -> str:
    return " / ".join(_key_name(k.strip()) for k in binding.key.split(","))


def _extra_rows(extra: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for line in extra.splitlines():
        if not line.strip():
            continue
        if rows and line.startswith(" " * 6):  # goes on with the row above
            keys, what = rows[-1]
            rows[-1] = (keys, what + " " + line.strip())
            continue
        keys, what = (re.split(r"\s{2,}", line.strip(), maxsplit=1) + [""])[:2]
        rows.append((keys, what))
    return rows


def _row(keys: str, what: str) -> list:
    """A key and what it does; what wraps under itself, never under the keys."""
    if len(keys) > KEY_COLUMN:  # too wide for the column: the keys on their own row
        return [Text("  " + keys, style="bold"), Hanging(" " * (KEY_COLUMN + 3), Text(what))]
    return [Hanging(f"  {keys:<{KEY_COLUMN}} ", Text(what))]


def _section(parts: list, title: str, cls, seen: set | None = None) -> None:
    seen = set() if seen is None else seen
    rows = []
    for item in getattr(cls, "BINDINGS", []):
        binding = item if isinstance(item, Binding) else Binding(*item)
        if binding.system or not binding.description:
            continue
        row = (_keys(binding), binding.tooltip or binding.description)  # (a tooltip says more)
        if row not in seen:  # (F1 is the app's and each screen's: once is enough)
            seen.add(row)
            rows.append(row)
    rows += _extra_rows(vars(cls).get("HELP") or "")  # its own, not a parent's again
    if not rows:
        return
    parts.append(Text(f"\n{title}", style="bold underline"))
    for keys, what in rows:
        parts.extend(_row(keys, what))


def _said(screen) -> list:
    """What the notice line said lately, in full (a path it had no room for, say)."""
    from .notice import Notice

    found = screen.query(Notice)
    history = found.first().history if found else []
    if not history:
        return []
    parts: list = [Text("\nSaid lately (newest first)", style="bold underline")]
    parts += [Hanging("  - ", Text(line)) for line in reversed(history[-SAID_SHOWN:])]
    return parts


def help_text(screen) -> Group:
    parts: list = [Text(HELP_INTRO)]
    parts += _said(screen)
    seen: set = set()
    _section(parts, "Everywhere", type(screen.app), seen)
    _section(parts, "This screen", type(screen), seen)
    if isinstance(screen, SessionScreen):
        done = set()
        for info in STAGES:
            try:
                cls = stage_class(info)
            except Exception:  # a stage that cannot load must not hide the rest of the help
                continue
            _section(parts, f"{info.label} stage", cls)
            for part in getattr(cls, "HELP_PARTS", ()):
                if part not in done:
                    done.add(part)
                    _section(parts, getattr(part, "HELP_TITLE", f"{info.label}: more keys"), part)
    return Group(*parts)
