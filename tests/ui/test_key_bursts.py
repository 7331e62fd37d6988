"""Keys that arrive in one burst (a slow SSH link, a fast typist, a terminal's paste of
keystrokes) are handled in the order they were typed: nothing is merged, moved or lost."""

from __future__ import annotations

import pytest
from textual import events

from .test_groups import column, open_groups, pieces
from .tui_helpers import GROUP_ONE, GROUP_TWO, NAME, copy_example, make_app, pilot

SPECIAL = {"\n": "enter", "\t": "tab", "\b": "backspace", "\x15": "ctrl+u", "\x1a": "ctrl+z", "\x13": "ctrl+s",
           " ": "space"}


def burst(app, text: str) -> None:
    """Queue every key at once, as the terminal driver does with one read of a burst."""
    for char in text:
        key = SPECIAL.get(char, char)
        app.post_message(events.Key(key, char if char.isprintable() else None))  # as a terminal sends them


async def settle(pilot) -> None:
    for _ in range(5):
        await pilot.pause()


@pilot
async def test_pieces_typed_in_one_burst_stay_separate(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        burst(app, "Alpha\nBeta\nGamma\nDelt\b\blta\n")
        await settle(pilot)
        assert pieces(store)[-4:] == ["Alpha", "Beta", "Gamma", "Delta"]
        assert column(app).capture.value == ""


@pilot
async def test_keys_after_tab_in_a_burst_go_to_the_next_group(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        burst(app, "One\n\tTwo\n")
        await settle(pilot)
        assert pieces(store)[-1] == "One"
        assert pieces(store, GROUP_TWO)[-1] == "Two"


@pilot
async def test_ctrl_u_clears_only_what_came_before_it(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        burst(app, "wrong\x15right")
        await settle(pilot)
        assert column(app).capture.value == "right"


@pilot
async def test_undo_in_a_burst_undoes_the_piece_typed_just_before_it(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        before = pieces(store)
        burst(app, "Oops\n\x1a")
        await settle(pilot)
        assert pieces(store) == before


@pytest.mark.parametrize("passing", ["f2", "f3", "f5", "f6", "f7"])
@pilot
async def test_a_quick_switch_away_from_a_new_stage_leaves_the_keys_with_the_stage_shown(store, passing):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        app.post_message(events.Key(passing, None))  # first visit: that stage is still being built
        app.post_message(events.Key("f4", None))
        await settle(pilot)
        burst(app, "Swift\n")
        await settle(pilot)
        assert app.screen.current == "groups"
        assert pieces(store)[-1] == "Swift"


@pilot
async def test_a_rename_typed_in_one_burst_is_saved_whole(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        burst(app, "\x15Carers\n")
        await settle(pilot)
        assert store.load(NAME).group(GROUP_ONE).name == "Carers"


@pilot
async def test_a_piece_edit_typed_in_one_burst_and_saved_with_ctrl_s_is_saved_whole(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("up", "e")  # the last piece, in the editor
        await settle(pilot)
        burst(app, "\x15Whole words\x13")
        await settle(pilot)
        assert pieces(store)[-1] == "Whole words"


@pilot
async def test_letters_after_a_key_that_leaves_the_list_are_typed_not_taken_as_commands(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("up")  # into the list of pieces, where d removes and e edits
        await settle(pilot)
        before = pieces(store)
        burst(app, "adelighted\n")  # a: back to typing, then the words
        await settle(pilot)
        assert pieces(store) == before + ["delighted"]


@pilot
async def test_a_new_session_typed_in_one_burst_gets_its_title_and_groups(store):
    from jigsaw_tui.ui.session_screen import SessionScreen

    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await settle(pilot)
        burst(app, "Carers network\nCarers, Nurses\n")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        session = app.screen.controller.session
        assert session.title == "Carers network"
        assert [g.name for g in session.groups] == ["Carers", "Nurses"]


@pilot
async def test_keys_typed_right_after_a_rename_go_back_to_the_piece_line(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_groups(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        burst(app, "\x15Carers\nKindness\n")  # the rename, then a piece at once
        await settle(pilot)
        assert store.load(NAME).group(GROUP_ONE).name == "Carers"
        assert pieces(store)[-1] == "Kindness"


@pilot
async def test_tab_then_a_check_in_typed_at_once_goes_to_the_check_in_line(store):
    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        from jigsaw_tui.ui.stages.meditation import Breather

        app.screen.set_focus(app.screen.query_one(Breather))
        await settle(pilot)
        before = len(store.load(NAME).checkin)
        burst(app, "\tSunshine\nsmiles\n")  # 's' and 'r' are the guide's keys: not here
        await settle(pilot)
        assert app.screen.current == "meditation"
        assert list(store.load(NAME).checkin[before:]) == ["Sunshine", "smiles"]


@pilot
async def test_an_action_edit_typed_in_one_burst_is_saved_and_the_next_key_reaches_the_list(store):
    from jigsaw_tui.ops import AddAction

    from .test_actions import TIME_THEME, open_actions

    copy_example(store)
    store.apply(NAME, AddAction("Book a room", theme=TIME_THEME))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(pilot)
        await pilot.press("up", "e")  # the action, in its editor
        await settle(pilot)
        burst(app, "\tSam\n ")  # who, Enter saves; the space then marks it done, in the list
        await settle(pilot)
        action = store.load(NAME).actions[0]
        assert (action.text, action.owner, action.done) == ("Book a room", "Sam", True)
