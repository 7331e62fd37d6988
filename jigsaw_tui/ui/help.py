"""The F1 help: every binding of the app, this screen, and every stage, built from BINDINGS.

Built from the classes themselves, so it can never fall out of date. A class may add a
`HELP` string for keys that are not bindings (typing, Enter, paste).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from .session_screen import SessionScreen
from .stages import STAGES, stage_class

HELP_INTRO = (
    "Every change is saved the moment you make it. The keys at the bottom of the screen "
    "change with where you are; these are all of them. ctrl+p finds any command by name.\n"
)


def _keys(binding: Binding) -> str:
    names = []
    for key in binding.key.split(","):
        key = key.strip()
        key = {"question_mark": "?", "plus": "+", "minus": "-", "equals_sign": "="}.get(key, key)
        names.append(key.upper() if len(key) <= 3 and key.startswith("f") else key)
    return " / ".join(names)


def _section(text: Text, title: str, cls) -> None:
    rows = []
    for item in getattr(cls, "BINDINGS", []):
        binding = item if isinstance(item, Binding) else Binding(*item)
        if binding.system or not binding.description:
            continue
        rows.append((_keys(binding), binding.description))
    extra = getattr(cls, "HELP", "")
    if not rows and not extra:
        return
    text.append(f"\n{title}\n", "bold underline")
    for keys, what in rows:
        text.append(f"  {keys:<22} ", "bold")
        text.append(what + "\n")
    if extra:
        text.append(extra.rstrip() + "\n")


def help_text(screen) -> Text:
    text = Text(HELP_INTRO)
    _section(text, "Everywhere", type(screen.app))
    _section(text, "This screen", type(screen))
    if isinstance(screen, SessionScreen):
        seen = set()
        for info in STAGES:
            try:
                cls = stage_class(info)
            except Exception:  # a stage that cannot load must not hide the rest of the help
                continue
            _section(text, f"{info.label} stage", cls)
            for part in getattr(cls, "HELP_PARTS", ()):
                if part not in seen:
                    seen.add(part)
                    _section(text, getattr(part, "HELP_TITLE", part.__name__), part)
    return text
