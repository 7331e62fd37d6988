"""The breakout timer on screen: started from Groups or the palette, the minutes left on
the stage bar, repainted only when they change, and a quiet notice at the end."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from jigsaw_tui.core.ops import StartBreakout, StopBreakout
from jigsaw_tui.ui import breakout
from jigsaw_tui.ui.dialogs import PromptScreen
from jigsaw_tui.ui.session_screen import StageBar, stage_bar

from .tui_helpers import NAME, keys, notice, pilot, session_app

T0 = datetime(2025, 3, 4, 10, 30, 0, tzinfo=timezone.utc)


class Clock:
    """The app's clock, moved by the test (ui/breakout.py reads it through `now`)."""

    def __init__(self):
        self.at = T0

    def __call__(self):
        return self.at

    def tick(self, app, seconds: float) -> None:
        """`seconds` pass, then the screen's once-a-second tick runs (as its interval would)."""
        self.at += timedelta(seconds=seconds)
        app.screen.show_bar()


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(breakout, "now", clock)
    return clock


def bar(app) -> str:
    return str(app.screen.query_one(StageBar).render())


def count_refreshes(app) -> list:
    """Every repaint asked of the stage bar from now on (the regions it asked for)."""
    widget = app.screen.query_one(StageBar)
    calls, original = [], widget.refresh

    def refresh(*regions, **kwargs):
        calls.append(regions)
        return original(*regions, **kwargs)

    widget.refresh = refresh
    return calls


@pilot
async def test_ctrl_t_on_groups_asks_the_minutes_and_every_field_is_saved(store, clock):
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, "ctrl+t")
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "1", "5", "enter")
        session = store.load(NAME)
        assert (session.breakout_ends, session.breakout_minutes) == ("2025-03-04T10:45:00Z", 15)
        assert "Breakout 15m" in bar(app)  # 80 columns: the short form
        assert "Breakout: 15 min" in notice(app)
        await keys(pilot, "ctrl+z")  # one undo step: the timer goes
        assert store.load(NAME).breakout_ends == "" and "Breakout" not in bar(app)


@pilot
async def test_enter_alone_is_10_minutes_and_nonsense_is_refused(store, clock):
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, "ctrl+t", *"lots", "enter")
        assert store.load(NAME).breakout_ends == ""
        assert "not a number of minutes" in notice(app)
        await keys(pilot, "ctrl+t", "enter")
        assert store.load(NAME).breakout_minutes == 10


@pilot
async def test_the_wide_bar_says_it_in_words_and_keeps_the_title(store, clock):
    store.folder.mkdir(parents=True)
    async with session_app(store, stage="groups", size=(120, 30)) as (app, pilot):
        app.screen.controller.apply(StartBreakout(7, breakout.utc_text(T0)))
        row = bar(app)
        assert row.startswith(" Breakout 7 min left  F9 Pieces") and row.endswith("F7 Actions")


def test_the_timer_never_costs_the_current_stage_or_its_place():
    words = breakout.clock_words(120, 180)
    for width in range(40, 200):
        row = stage_bar("A long title " * 5, "lid", width, clock=words).plain
        assert "[F6 Lid]" in row and len(row) <= width
        assert row.startswith(" Breakout 120")


@pilot
async def test_ticking_repaints_only_when_the_minutes_change_and_only_their_cells(store, clock):
    async with session_app(store, stage="groups") as (app, pilot):
        app.screen.controller.apply(StartBreakout(10, breakout.utc_text(T0)))
        assert "Breakout 10m" in bar(app)
        assert app.screen.ticker.timer is not None  # ticking while it runs
        calls = count_refreshes(app)
        for _ in range(59):
            clock.tick(app, 1)
        assert calls == [] and "Breakout 10m" in bar(app)  # 10:00 to 9:01 left: still "10m"
        clock.tick(app, 1)
        assert "Breakout 9m " in bar(app)
        assert len(calls) == 1 and len(calls[0]) == 1  # one repaint, of one region:
        region = calls[0][0]  # "10m" to "9m ", at the row's start: not the whole row
        assert region.height == 1 and region.width <= 3 and region.right <= len(" Breakout 10m")
        await pilot.pause()


@pilot
async def test_the_end_is_a_quiet_notice_and_the_ticking_stops(store, clock):
    async with session_app(store, stage="groups") as (app, pilot):
        app.screen.controller.apply(StartBreakout(2, breakout.utc_text(T0)))
        clock.tick(app, 119)
        assert "Breakout 1m" in bar(app) and breakout.OVER not in notice(app)
        clock.tick(app, 1)
        assert notice(app) == breakout.OVER
        assert "Breakout" not in bar(app) and app.screen.ticker.timer is None
        clock.tick(app, 5)  # said once
        assert app.screen.ticker.shown == 0


@pilot
async def test_another_apps_start_and_stop_show_here_and_a_stop_is_no_end_notice(store, clock):
    async with session_app(store, stage="groups") as (app, pilot):
        store.apply(NAME, StartBreakout(30, breakout.utc_text(T0 - timedelta(minutes=5))))
        app.screen.controller.poll()  # what the file watch does when the file changes
        assert "Breakout 25m" in bar(app)  # the same end on every screen: 5 minutes have gone
        store.apply(NAME, StopBreakout())
        app.screen.controller.poll()
        assert "Breakout" not in bar(app) and breakout.OVER not in notice(app)


@pilot
async def test_asked_again_while_it_runs_the_minutes_left_are_offered_and_replaced(store, clock):
    async with session_app(store, stage="groups") as (app, pilot):
        app.screen.controller.apply(StartBreakout(10, breakout.utc_text(T0)))
        clock.tick(app, 4 * 60)
        await keys(pilot, "ctrl+t")
        assert "6 min left now" in str(app.screen.query_one(".hint").render())
        await keys(pilot, "enter")  # Enter alone keeps what is left
        assert store.load(NAME).breakout_ends == "2025-03-04T10:40:00Z"
        await keys(pilot, "ctrl+t", "3", "enter")  # less time: 3 minutes from now
        assert store.load(NAME).breakout_ends == "2025-03-04T10:37:00Z"


@pilot
async def test_the_palette_starts_and_stops_it_from_any_stage(store, clock):
    async with session_app(store, stage="lid") as (app, pilot):
        await keys(pilot, "ctrl+p", *"start breakout", "enter")
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "5", "enter")
        assert store.load(NAME).breakout_minutes == 5 and "Breakout 5m" in bar(app)
        await keys(pilot, "ctrl+p", *"stop breakout", "enter")
        assert store.load(NAME).breakout_ends == "" and "Stopped the breakout timer" in notice(app)
        await keys(pilot, "ctrl+p", *"stop breakout", "enter")
        assert notice(app) == "No breakout timer is running."
