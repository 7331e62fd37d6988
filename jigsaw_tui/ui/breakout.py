"""The breakout timer every open view of a session shows on its stage bar.

The session holds when the breakout ends (core: `StartBreakout`), so every screen, a
note-taker who joins late or one who reconnects, counts down to the same moment with
its own clock. A screen ticks once a second only while a breakout runs, and the stage
bar repaints only when the minutes shown change: about once a minute, a few cells.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone

from ..core.model import MAX_BREAKOUT_MINUTES, MIN_BREAKOUT_MINUTES, breakout_seconds_left, utc_text

TICK_SECONDS = 1.0
DEFAULT_MINUTES = 10
OVER = "Breakout over: back to the room."


def now() -> datetime:
    """The clock, in one place: tests replace it."""
    return datetime.now(timezone.utc)


def minutes_left(session) -> int:
    """The minutes shown: rounded up, so '1 min left' lasts until the end (0: none runs)."""
    return math.ceil(breakout_seconds_left(session, now()) / 60)


def clock_words(left: int, total: int) -> tuple[str, str]:
    """The stage bar's long and short forms ('Breakout 7 min left', 'Breakout 7m'), each
    as wide as it is with `total` minutes: a minute less changes a few cells, nothing moves."""
    widest = max(left, total)
    return (f"Breakout {left} min left".ljust(len(f"Breakout {widest} min left")),
            f"Breakout {left}m".ljust(len(f"Breakout {widest}m")))


class BreakoutTicker:
    """One per screen: the words for its stage bar, a tick once a second while a breakout
    runs (`repaint` is called, which asks for the words again), the notice at its end."""

    def __init__(self, screen, repaint):
        self.screen = screen
        self.repaint = repaint
        self.timer = None
        self.shown = 0  # the minutes on the bar now (0: none)

    def words(self, session) -> tuple[str, str] | tuple[()]:
        left = minutes_left(session)
        if self.shown and not left and session.breakout_ends:  # ran out here (not stopped)
            self.screen.controller.tell(OVER)  # quiet: the notice line, no bell, no dialog
        self.shown = left
        if left and self.timer is None:
            self.timer = self.screen.set_interval(TICK_SECONDS, self.repaint)
        elif not left and self.timer is not None:
            self.timer.stop()  # nothing moves on screen, so nothing ticks
            self.timer = None
        return clock_words(left, session.breakout_minutes) if left else ()


def parse_minutes(answer: str, default: int) -> int | None:
    """'15', '15 min', or nothing (the default); None for anything else."""
    if not answer.strip():
        return default
    found = re.fullmatch(r"\s*(\d{1,4})\s*(m|min|mins|minutes?)?\s*", answer, re.IGNORECASE)
    minutes = int(found.group(1)) if found else None
    return minutes if minutes is not None and MIN_BREAKOUT_MINUTES <= minutes <= MAX_BREAKOUT_MINUTES else None


def ask_and_start(screen) -> None:
    """Ask how many minutes (Enter alone: 10, or what is left of a running one) and start.
    Asked again while one runs, the answer is a new end: more time, or less."""
    from ..core.ops import StartBreakout
    from .dialogs import PromptScreen, ask

    controller = screen.controller
    left = minutes_left(controller.session)
    default = left or DEFAULT_MINUTES

    def start(answer: str) -> None:
        minutes = parse_minutes(answer, default)
        if minutes is None:
            controller.tell(f"A breakout lasts {MIN_BREAKOUT_MINUTES} to {MAX_BREAKOUT_MINUTES} minutes: "
                            f"{answer.strip()[:20]!r} is not a number of minutes.", "warning")
        elif controller.apply(StartBreakout(minutes, utc_text(now()))):
            controller.tell(f"Breakout: {minutes} min, shown on every screen of this session "
                            "(ctrl+z stops it).")

    running = f"{left} min left now. " if left else ""
    hint = f"{running}{MIN_BREAKOUT_MINUTES} to {MAX_BREAKOUT_MINUTES}; Enter alone: {default}"
    ask(screen.current_stage() or screen, PromptScreen("Breakout timer: minutes from now", hint=hint), start)


def stop(screen) -> None:
    from ..core.ops import StopBreakout

    controller = screen.controller
    if not controller.session.breakout_ends:  # (one that ran out is still taken out of the file)
        controller.tell("No breakout timer is running.")
    elif controller.apply(StopBreakout()):
        controller.tell("Stopped the breakout timer (ctrl+z starts it again).")
