"""The calm opening: the session's self-care prompt, a breathing guide, a timer, the check-in.

Nothing moves until the facilitator starts it, and it never moves on by itself. While it
runs, only two short cells change, once a second, so a slow link barely notices.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ...core.model import CHECKIN, MAX_MEDITATION_SECONDS, MIN_MEDITATION_SECONDS
from .columns import AnswerColumn
# The ops and the dialogs load on the first change or dialog (Meditation is often the first screen).
from ..keys import focus_now
from . import Stage

# (word, seconds): out a little longer than in, as the default prompt says
BREATH = (("in", 4), ("hold", 4), ("out", 6))
STEP_SECONDS = 30
GUIDE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}


def breath_at(elapsed: int) -> tuple[str, int, int]:
    """(phase word, seconds into it, its length) after `elapsed` seconds."""
    cycle = sum(length for _, length in BREATH)
    t = elapsed % cycle
    for word, length in BREATH:
        if t < length:
            return word, t, length
        t -= length
    return BREATH[0][0], 0, BREATH[0][1]


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class Line(Widget):
    """One short row that redraws only itself (no layout): what the timer changes each second."""


    def __init__(self, draw, **kwargs):
        super().__init__(**kwargs)
        self.draw = draw

    def render(self) -> Text:
        return self.draw()


class Breather(Vertical, can_focus=True):
    """The breathing guide, the timer and their keys. Each second only two short rows change."""

    HELP_TITLE = "Breathing guide and timer (when it has the cursor)"

    BINDINGS = [
        Binding("space", "toggle", "start/pause"),
        Binding("r", "restart", "restart", show=False),
        Binding("plus,equals_sign,right", "longer", "length", key_display="+/-"),
        Binding("minus,left", "shorter", "30s shorter", show=False),
        Binding("s", "skip", "skip to Views", show=False),
    ]

    def __init__(self, seconds: int, animate: bool, ascii_only: bool, **kwargs):
        super().__init__(**kwargs)
        self.total = seconds
        self.elapsed = 0
        self.running = False
        self.animate = animate
        self.ascii_only = ascii_only
        self._timer = None

    def compose(self):
        yield Line(self.guide, id="guide")
        yield Line(self.clock_line, id="clock")
        yield Static(Text("space start/pause  r restart\n+/- 30 s  s skip to Views"))

    def guide(self) -> Text:
        if not (self.animate and self.running):
            return Text("Breathe in 4, hold 4, out 6", "bold")
        word, into, length = breath_at(self.elapsed)
        full, empty = ("#", ".") if self.ascii_only else ("\u25cf", "\u00b7")
        text = Text(f"{GUIDE_WORDS[word]:<12}", "bold")  # 'Hold', not 'Breathe hold'
        text.append(full * (into + 1) + empty * (length - into - 1))
        return text

    def clock_line(self) -> Text:
        left = max(0, self.total - self.elapsed)
        if self.running:
            state = "running"
        elif left == 0:
            state = "time is up"
        elif self.elapsed:
            state = "paused"
        else:
            state = "ready"
        text = Text(f"{clock(left)}  ", "bold")
        text.append(state)
        return text

    def refresh_lines(self) -> None:
        for line in self.query(Line):
            line.refresh()

    def set_total(self, seconds: int) -> None:
        self.total = seconds
        self.refresh_lines()

    def action_toggle(self) -> None:
        if self.elapsed >= self.total:
            self.elapsed = 0
        self.running = not self.running
        if self.running and self._timer is None:
            self._timer = self.set_interval(1.0, self.tick)
        elif not self.running and self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.refresh_lines()

    def tick(self) -> None:
        self.elapsed += 1
        if self.elapsed >= self.total:
            self.running = False
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self.bell_soft()
        self.refresh_lines()

    def bell_soft(self) -> None:
        stage = next((a for a in self.ancestors if isinstance(a, MeditationStage)), None)
        if stage is not None:
            stage.controller.tell("Time is up. F3 goes on to the shared views when the room is ready.")

    def action_restart(self) -> None:
        self.elapsed = 0
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.running = False
        self.refresh_lines()

    def action_longer(self) -> None:
        self._change(STEP_SECONDS)

    def action_shorter(self) -> None:
        self._change(-STEP_SECONDS)

    def _change(self, step: int) -> None:
        stage = next(a for a in self.ancestors if isinstance(a, MeditationStage))
        seconds = max(MIN_MEDITATION_SECONDS, min(MAX_MEDITATION_SECONDS, self.total + step))
        if seconds != self.total:
            from ...core.ops import EditSettings  # ops load on the first change: a faster first screen

            stage.controller.apply(EditSettings(meditation_seconds=seconds))

    async def action_skip(self) -> None:
        await self.screen.run_action("stage('views')")


class MeditationStage(Stage):
    BINDINGS = [
        Binding("tab,shift+tab", "switch_focus", "guide/check-in", show=False),
        Binding("ctrl+b", "toggle", "start/pause"),
        Binding("ctrl+r", "edit_prompt", "edit prompt"),
    ]
    HELP_PARTS = (Breather,)

    def compose(self):
        session = self.controller.session
        with Horizontal(id="calm"):
            yield Static(id="prompt")
            yield Breather(session.settings.meditation_seconds, self.controller.animate,
                           self.controller.ascii_only)
        yield AnswerColumn(self.controller, CHECKIN, "Check-in: what makes you smile?", id="checkin")

    def on_mount(self) -> None:
        self.session_changed(self.controller.session)

    def session_changed(self, session) -> None:
        self.query_one("#prompt", Static).update(Text(session.settings.meditation_text))
        breather = self.query_one(Breather)
        if breather.total != session.settings.meditation_seconds:
            breather.set_total(session.settings.meditation_seconds)
        self.query_one(AnswerColumn).show(session)

    def first_focus(self):
        # The check-in line, not the guide: whatever the room says is typed, never taken
        # as the guide's letter keys (space, s, r, +, -); Tab or ctrl+b reach the guide.
        return self.query_one(AnswerColumn).capture

    def commands(self):
        return [
            ("Start or pause the timer", "The meditation timer (ctrl+b, or space on the guide)", self.action_toggle),
            ("Restart the timer", "Back to the full length", self.query_one(Breather).action_restart),
            ("Edit the meditation prompt", "The words shown on this screen (ctrl+r)", self.action_edit_prompt),
        ]

    def action_toggle(self) -> None:
        self.query_one(Breather).action_toggle()

    def action_switch_focus(self) -> None:
        """Tab goes between the guide and the check-in line (the list is up from there)."""
        breather = self.query_one(Breather)
        if self.screen.focused is breather:  # (has_focus is set a moment later: keys.py)
            focus_now(self.query_one(AnswerColumn).capture)
        else:
            focus_now(breather)

    def action_edit_prompt(self) -> None:
        from ...core.ops import EditSettings
        from ..dialogs import PromptScreen, ask

        def save(text):
            if text != self.controller.session.settings.meditation_text:
                self.controller.apply(EditSettings(meditation_text=text))

        ask(self, PromptScreen("Meditation prompt", self.controller.session.settings.meditation_text), save)
