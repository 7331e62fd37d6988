"""The Actions stage by keyboard: what [who: ...] [when: ...], done, edit, remove, undo."""

from __future__ import annotations

from jigsaw_tui.core.ops import AddAction, Unmatch
from jigsaw_tui.ui.dialogs.action_editor import ActionEditor
from jigsaw_tui.ui.stages.actions import STANDALONE, ActionsStage, parse_action

from .tui_helpers import keys, make_app, pilot, session_app

TIME_THEME, PURPOSE_THEME = "tc7ypc", "tvz4j8"


async def open_actions(pilot):
    await pilot.press("f7")
    stage = pilot.app.screen.query_one(ActionsStage)
    for _ in range(10):
        await pilot.pause()
        if pilot.app.focused is not None and stage in pilot.app.focused.ancestors:
            break
    return stage


async def type_line(pilot, text: str):
    await pilot.press(*[{" ": "space", ";": "semicolon", ":": "colon"}.get(c, c) for c in text])
    await keys(pilot, "enter")


def test_parse_action():
    # a ; is part of the words: only the shown labels who: and when: split the line
    assert parse_action("Book the hall; tea; and biscuits") == ("Book the hall; tea; and biscuits", "", "")
    assert parse_action("Book a room who: Hilda when: 1 March") == ("Book a room", "Hilda", "1 March")
    assert parse_action("Book a room") == ("Book a room", "", "")
    assert parse_action("Ask the GP practice WHO: Sam") == ("Ask the GP practice", "Sam", "")
    assert parse_action("Write it up when: May who: Ann") == ("Write it up", "Ann", "May")
    assert parse_action("Ask who: Sam who: Ann") == ("Ask", "Sam who: Ann", "")  # nothing dropped
    assert parse_action("Somewho: x") == ("Somewho: x", "", "")


@pilot
async def test_three_actions_typed_fast_for_the_first_shared_theme(store, example):
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        stage = app.screen.query_one(ActionsStage)
        assert stage.current_key == TIME_THEME
        await type_line(pilot, "Book a room who: Hilda when: 1 March")
        await type_line(pilot, "Slower agenda")
        await type_line(pilot, "Share notes who: Sam")
        actions = store.load(example).actions
        assert [(a.text, a.owner, a.due, a.theme) for a in actions] == [
            ("Book a room", "Hilda", "1 March", TIME_THEME),
            ("Slower agenda", "", "", TIME_THEME),
            ("Share notes", "Sam", "", TIME_THEME),
        ]
        heading = str(stage.column(TIME_THEME).query_one(".heading").render())
        assert "1/5 T1 Time" in heading and "2 of 2 groups" in heading and "3 actions, 0 done" in heading


@pilot
async def test_tab_moves_to_the_next_theme_and_stand_alone_comes_last(store, example):
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        stage = app.screen.query_one(ActionsStage)
        await keys(pilot, "tab")
        assert stage.current_key == PURPOSE_THEME
        await type_line(pilot, "Write the purpose down")
        await keys(pilot, "shift+tab", "shift+tab")
        assert stage.current_key == STANDALONE
        await type_line(pilot, "Send the flash report who: Hilda when: today")
        session = store.load(example)
        assert [(a.text, a.theme) for a in session.actions] == [
            ("Write the purpose down", PURPOSE_THEME), ("Send the flash report", "")]


@pilot
async def test_done_edit_move_remove_and_undo(store, example):
    store.apply(example, AddAction("First", theme=TIME_THEME))
    store.apply(example, AddAction("Second", theme=TIME_THEME))
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await keys(pilot, "up")  # to the list, on the last action
        await keys(pilot, "space")
        assert [a.done for a in store.load(example).actions] == [False, True]
        await keys(pilot, "shift+up")
        assert [a.text for a in store.load(example).actions] == ["Second", "First"]
        await keys(pilot, "e")
        assert isinstance(pilot.app.screen, ActionEditor)
        await keys(pilot, "tab", *"Alex", "enter")
        second = store.load(example).actions[0]
        assert (second.text, second.owner, second.done) == ("Second", "Alex", True)
        await keys(pilot, "d")
        assert [a.text for a in store.load(example).actions] == ["First"]
        await keys(pilot, "ctrl+z")
        assert [a.text for a in store.load(example).actions] == ["Second", "First"]


@pilot
async def test_a_theme_unmatched_elsewhere_leaves_its_actions_stand_alone(store, example):
    store.apply(example, AddAction("Keep this", theme=TIME_THEME))
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        stage = app.screen.query_one(ActionsStage)
        store.apply(example, Unmatch(TIME_THEME))  # another process
        assert pilot.app.screen.controller.poll()
        await pilot.pause()
        assert TIME_THEME not in [c.where for c in stage.columns()]
        stage.show_column(STANDALONE)  # (a hidden column is built when shown)
        await pilot.pause()
        labels = [str(o.prompt) for o in stage.column(STANDALONE).items.options]
        assert any("Keep this" in label for label in labels)


@pilot
async def test_half_typed_action_is_kept_as_a_draft(store, example):
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await pilot.press(*"Half")
        pilot.app.screen.keep_drafts()
        assert store.load(example).draft(TIME_THEME) == "Half"


def test_snapshot_80x24(snap_compare, store, example):
    store.apply(example, AddAction("Book a room with breaks", theme=TIME_THEME, owner="Hilda", due="1 March"))
    store.apply(example, AddAction("[bold]not markup[/bold]", theme=TIME_THEME))

    async def run_before(pilot):
        await open_actions(pilot)

    assert snap_compare(make_app(store, example), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_160x48(snap_compare, store, example):
    store.apply(example, AddAction("Book a room with breaks", theme=TIME_THEME, owner="Hilda", due="1 March"))
    store.apply(example, AddAction("Write the purpose on one page", theme=PURPOSE_THEME, owner="Sam"))
    store.apply(example, AddAction("Send the flash report", owner="Hilda", due="today"))

    async def run_before(pilot):
        await open_actions(pilot)
        await keys(pilot, "up", "space")

    assert snap_compare(make_app(store, example), terminal_size=(160, 48), run_before=run_before)
