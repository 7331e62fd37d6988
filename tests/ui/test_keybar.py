"""The bottom row of keys, and a start that is complete before the first key is read."""

from __future__ import annotations

import pytest

from jigsaw_tui.core.store import StoreError
from jigsaw_tui.ui.dialogs import PromptScreen
from jigsaw_tui.ui.keybar import KeyBar
from jigsaw_tui.ui.picker import PickerScreen
from jigsaw_tui.ui.session_screen import SessionScreen

from .tui_helpers import copy_example, make_app, notice, pilot, session_app


def bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


def shown_entries(app) -> set[str]:
    """Every 'key description' the screen's bindings could put in the bar."""
    keybar = app.screen.query_one(KeyBar)
    shown, always = keybar.entries()
    return {f"{e.shown} {e.description}" for e in shown + always}


async def check_whole_entries(app, width: int) -> None:
    text = bar(app)
    assert len(text) <= width
    assert text.endswith("F1 help  ^p palette")  # the way to every other key is always there
    possible = shown_entries(app)
    for part in text.split("  "):
        assert part in possible, f"{part!r} is not a whole entry of {sorted(possible)}"


@pilot
async def test_the_bar_shows_whole_entries_that_fit_and_always_help(store):
    for width in (80, 60, 200):
        async with session_app(store, size=(width, 24)) as (app, pilot):
            await pilot.pause()
            await check_whole_entries(app, width)
            assert "^g add group" in bar(app) or width < 80
            await pilot.press("up")  # into the pieces list: its own keys
            await pilot.pause()
            await check_whole_entries(app, width)
            assert "e edit" in bar(app)


@pilot
async def test_the_bar_follows_the_stage_and_keeps_to_ascii(store):
    async with session_app(store, stage="lid", ascii_only=True) as (app, pilot):
        text = bar(app)
        assert "enter edit" in text and text.isascii()
        await check_whole_entries(app, 80)


@pilot
async def test_clicking_a_key_in_the_bar_presses_it(store):
    async with session_app(store) as (app, pilot):
        await pilot.pause()
        column = bar(app).index("^g add group")
        await pilot.click(KeyBar, offset=(column + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)


@pilot
async def test_a_stage_key_pressed_the_moment_the_app_starts_is_obeyed(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f5")  # no pause: the first screen may still be mounting
        for _ in range(5):
            await pilot.pause()
        assert app.screen.current == "themes"
        shown = [s.id for s in app.screen.stages() if s.display]
        assert shown == ["themes"]
        assert app.screen.focused is not None and app.screen.focused in app.screen.current_stage().query("*")


@pilot
async def test_the_session_given_at_start_is_the_first_screen_and_ctrl_o_leaves_it(store):
    async with session_app(store) as (app, pilot):
        assert [type(s) for s in app.screen_stack] == [SessionScreen]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [PickerScreen]  # not kept underneath
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


@pilot
async def test_a_session_that_cannot_open_at_start_shows_the_list_and_why(store):
    copy_example(store)
    (store.folder / "broken.toml").write_text("title = [\n")
    with pytest.raises(StoreError) as error:
        store.load("broken")
    why = str(error.value)
    app = make_app(store, session="broken")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert why and why[:40] in notice(app)
