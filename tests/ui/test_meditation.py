"""The calm opening: prompt, breathing guide, timer keys, check-in capture."""

from __future__ import annotations

from jigsaw_tui.ui.stages.meditation import Breather, MeditationStage, breath_at, clock

from .tui_helpers import NAME, copy_example, pilot, session_app


def test_breath_cycle_is_in_hold_out_with_a_longer_out():
    assert breath_at(0) == ("in", 0, 4)
    assert breath_at(4) == ("hold", 0, 4)
    assert breath_at(8)[0] == "out" and breath_at(13) == ("out", 5, 6)
    assert breath_at(14) == ("in", 0, 4)
    assert clock(60) == "1:00" and clock(5) == "0:05"


async def breathing_guide(pilot, app) -> Breather:
    """The cursor to the breathing guide (Tab from the check-in line, where the stage opens)."""
    await pilot.press("tab")
    await pilot.pause()
    return app.screen.query_one(Breather)


@pilot
async def test_nothing_moves_until_started_and_time_never_moves_the_stage(store, monkeypatch):
    from unittest.mock import Mock

    # Only this test's own tick() moves the clock: a real 1 s timer could tick on a slow machine
    monkeypatch.setattr(Breather, "set_interval", lambda self, *args, **kwargs: Mock())
    async with session_app(store, stage="meditation", animate=True) as (app, pilot):
        breather = await breathing_guide(pilot, app)
        assert app.focused is breather and not breather.running
        assert "1:00" in str(breather.clock_line()) and "ready" in str(breather.clock_line())
        await pilot.press("space")
        assert breather.running
        for _ in range(3):
            breather.tick()
        assert "0:57" in str(breather.clock_line())
        assert str(breather.guide()).startswith("Breathe in ")
        for _ in range(2):
            breather.tick()
        assert str(breather.guide()).startswith("Hold ")  # not "Breathe hold"
        for _ in range(2):
            breather.tick()
        await pilot.press("space")
        assert not breather.running and "paused" in str(breather.clock_line())
        await pilot.press("r")
        assert breather.elapsed == 0
        await pilot.press("space")
        for _ in range(60):
            breather.tick()
        assert not breather.running and "time is up" in str(breather.clock_line())
        assert app.screen.current == "meditation"


@pilot
async def test_static_guide_without_animation(store):
    async with session_app(store, stage="meditation", animate=False) as (app, pilot):
        breather = await breathing_guide(pilot, app)
        await pilot.press("space")
        breather.tick()
        assert str(breather.guide()) == "Breathe in 4, hold 4, out 6"


@pilot
async def test_length_is_adjusted_with_keys_and_saved(store):
    async with session_app(store, stage="meditation") as (app, pilot):
        breather = await breathing_guide(pilot, app)
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert store.load(NAME).settings.meditation_seconds == 120
        assert breather.total == 120
        await pilot.press("minus")
        await pilot.pause()
        assert store.load(NAME).settings.meditation_seconds == 90


@pilot
async def test_a_short_meditation_gets_shorter_with_minus_never_longer(store):
    from jigsaw_tui.core.model import MIN_MEDITATION_SECONDS
    from jigsaw_tui.core.ops import EditSettings

    copy_example(store)
    store.apply(NAME, EditSettings(meditation_seconds=20))  # allowed in the file
    async with session_app(store, stage="meditation", session=NAME) as (app, pilot):
        await breathing_guide(pilot, app)
        await pilot.press("minus")
        await pilot.pause()
        assert store.load(NAME).settings.meditation_seconds == MIN_MEDITATION_SECONDS


@pilot
async def test_a_check_in_left_half_typed_reopens_in_the_check_in_line(store):
    from jigsaw_tui.core.ops import SetDraft
    from jigsaw_tui.ui.stages.columns import AnswerColumn

    copy_example(store)
    store.apply(NAME, SetDraft("checkin", "My gran"))
    async with session_app(store, session=NAME) as (app, pilot):
        await pilot.pause()
        assert app.screen.current == "meditation"
        line = app.screen.query_one(AnswerColumn).capture
        assert app.focused is line and line.value == "My gran"
        await pilot.press(*"s smile", "enter")  # 's' is typed, not 'skip to Views'
        await pilot.pause()
        assert app.screen.current == "meditation"
        assert store.load(NAME).checkin[-1] == "My grans smile"


@pilot
async def test_skip_goes_to_views(store):
    async with session_app(store, stage="meditation") as (app, pilot):
        await breathing_guide(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.current == "views"


@pilot
async def test_check_in_capture(store):
    async with session_app(store, stage="meditation") as (app, pilot):
        assert app.focused is app.screen.query_one(MeditationStage).first_focus()  # typing goes in the line
        await pilot.press(*"Sunshine", "enter")
        await pilot.pause()
        assert store.load(NAME).checkin[-1] == "Sunshine"
        await pilot.press("ctrl+b")  # start/pause works from the input too
        assert app.screen.query_one(Breather).running


@pilot
async def test_edit_the_prompt(store):
    async with session_app(store, stage="meditation") as (app, pilot):
        await breathing_guide(pilot, app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Breathe. [bold]Smile[/bold].", "enter")
        await pilot.pause()
        assert store.load(NAME).settings.meditation_text == "Breathe. [bold]Smile[/bold]."
        stage = app.screen.query_one(MeditationStage)
        assert "[bold]Smile[/bold]" in str(stage.query_one("#prompt").render())
