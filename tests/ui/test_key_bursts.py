"""Keys that arrive in bursts (a slow SSH link, a fast typist, a terminal's paste of
keystrokes) are handled in the order they were typed: nothing is merged, moved or lost.

Each burst is delivered three ways: all at once, and a read per piece with the app let
run a step or three between reads, so a read arrives while the keys before it are still
being handled, as on a real link (tests/e2e/test_typing_order_pty.py does the same in a
real terminal). The code before keys.py failed the chunked ones."""

from __future__ import annotations

import asyncio

import pytest
from textual import events

from .test_groups import column, open_groups, pieces
from .tui_helpers import GROUP_ONE, GROUP_TWO, NAME, copy_example, make_app, pilot

SPECIAL = {"\n": "enter", "\t": "tab", "\b": "backspace", "\x15": "ctrl+u", "\x1a": "ctrl+z", "\x13": "ctrl+s",
           "\x10": "ctrl+p",
           " ": "space"}


CHUNKS = [None, 1, 3, -1]  # all at once; a read per piece, 1 or 3 steps between; a read per key


async def burst(app, text: str, chunk: int | None = None) -> None:
    """Queue the keys as the terminal driver does: all of a read at once. With `chunk`,
    each piece (up to an Enter, a Tab or a control key) is a read of its own, arriving
    after the app has run `chunk` steps of the ones before: part of the way, not to the end.
    A negative `chunk`: each key is a read of its own."""
    for char in text:
        key = SPECIAL.get(char, char)
        app.post_message(events.Key(key, char if char.isprintable() else None))  # as a terminal sends them
        if chunk and (chunk < 0 or not char.isprintable()):
            for _ in range(abs(chunk)):
                await asyncio.sleep(0)


async def settle(pilot) -> None:
    for _ in range(5):
        await pilot.pause()


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_pieces_typed_in_one_burst_stay_separate(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await burst(app, "Alpha\nBeta\nGamma\nDelt\b\blta\n", chunk)
        await settle(pilot)
        assert pieces(store)[-4:] == ["Alpha", "Beta", "Gamma", "Delta"]
        assert column(app).capture.value == ""


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_three_groups_of_pieces_each_read_apart_land_in_their_groups(store, chunk):
    from jigsaw_tui.core.model import new_session

    names = ["Carers", "Nurses", "Drivers"]
    store.create(new_session("Carers network", names), name="three")
    app = make_app(store, "three")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        await burst(app, "".join("".join(f"{g} piece {n} said in the room\n" for n in range(1, 6)) + "\t"
                                 for g in names), chunk)
        await settle(pilot)
        got = {g.name: [p.text for p in g.pieces] for g in store.load("three").groups}
        assert got == {g: [f"{g} piece {n} said in the room" for n in range(1, 6)] for g in names}


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_keys_after_tab_in_a_burst_go_to_the_next_group(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await burst(app, "One\n\tTwo\n", chunk)
        await settle(pilot)
        assert pieces(store)[-1] == "One"
        assert pieces(store, GROUP_TWO)[-1] == "Two"


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_ctrl_u_clears_only_what_came_before_it(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await burst(app, "wrong\x15right", chunk)
        await settle(pilot)
        assert column(app).capture.value == "right"


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_undo_in_a_burst_undoes_the_piece_typed_just_before_it(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        before = pieces(store)
        await burst(app, "Oops\n\x1a", chunk)
        await settle(pilot)
        assert pieces(store) == before


@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize("passing", ["f2", "f3", "f5", "f6", "f7"])
@pilot
async def test_a_quick_switch_away_from_a_new_stage_leaves_the_keys_with_the_stage_shown(store, passing, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        app.post_message(events.Key(passing, None))  # first visit: that stage is still being built
        app.post_message(events.Key("f4", None))
        await settle(pilot)
        await burst(app, "Swift\n", chunk)
        await settle(pilot)
        assert app.screen.current == "groups"
        assert pieces(store)[-1] == "Swift"


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_a_rename_typed_in_one_burst_is_saved_whole(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await burst(app, "\x15Carers\n", chunk)
        await settle(pilot)
        assert store.load(NAME).group(GROUP_ONE).name == "Carers"


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_a_piece_edit_typed_in_one_burst_and_saved_with_ctrl_s_is_saved_whole(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("up", "e")  # the last piece, in the editor
        await settle(pilot)
        await burst(app, "\x15Whole words\x13", chunk)
        await settle(pilot)
        assert pieces(store)[-1] == "Whole words"


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_letters_after_a_key_that_leaves_the_list_are_typed_not_taken_as_commands(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("up")  # into the list of pieces, where d removes and e edits
        await settle(pilot)
        before = pieces(store)
        await burst(app, "adelighted\n", chunk)  # a: back to typing, then the words
        await settle(pilot)
        assert pieces(store) == before + ["delighted"]


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_a_new_session_typed_in_one_burst_gets_its_title_and_groups(store, chunk):
    from jigsaw_tui.ui.session_screen import SessionScreen

    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await settle(pilot)
        await burst(app, "Carers network\nCarers, Nurses\n", chunk)
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        session = app.screen.controller.session
        assert session.title == "Carers network"
        assert [g.name for g in session.groups] == ["Carers", "Nurses"]


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_keys_typed_right_after_a_rename_go_back_to_the_piece_line(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await burst(app, "\x15Carers\nKindness\n", chunk)  # the rename, then a piece at once
        await settle(pilot)
        assert store.load(NAME).group(GROUP_ONE).name == "Carers"
        assert pieces(store)[-1] == "Kindness"


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_tab_then_a_check_in_typed_at_once_goes_to_the_check_in_line(store, chunk):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        from jigsaw_tui.ui.stages.meditation import Breather

        app.screen.set_focus(app.screen.query_one(Breather))
        await settle(pilot)
        before = len(store.load(NAME).checkin)
        await burst(app, "\tSunshine\nsmiles\n", chunk)  # 's' and 'r' are the guide's keys: not here
        await settle(pilot)
        assert app.screen.current == "meditation"
        assert list(store.load(NAME).checkin[before:]) == ["Sunshine", "smiles"]


@pytest.mark.parametrize("chunk", CHUNKS)
@pilot
async def test_an_action_edit_typed_in_one_burst_is_saved_and_the_next_key_reaches_the_list(store, chunk):
    from jigsaw_tui.core.ops import AddAction

    from .test_actions import TIME_THEME, open_actions

    copy_example(store)
    store.apply(NAME, AddAction("Book a room", theme=TIME_THEME))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(pilot)
        await pilot.press("up", "e")  # the action, in its editor
        await settle(pilot)
        await burst(app, "\tSam\n ", chunk)  # who, Enter saves; the space then marks it done, in the list
        await settle(pilot)
        action = store.load(NAME).actions[0]
        assert (action.text, action.owner, action.done) == ("Book a room", "Sam", True)
