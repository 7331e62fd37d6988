"""The app's one key path (jigsaw_tui/ui/keys.py): our bindings are reached first, pastes
take their turn with the keys around them, and letters typed where nothing takes text
are said, not dropped."""

from __future__ import annotations

import pytest
from textual import events
from textual.binding import Binding

from jigsaw_tui.ui.keys import focus_now
from jigsaw_tui.ui.stages import STAGES

from .test_groups import column, pieces
from .test_key_bursts import burst, settle
from .tui_helpers import NAME, copy_example, make_app, notice, pilot, session_app


def fill_group_one(store) -> None:
    """The example with Group one full (12 of 12 pieces)."""
    from jigsaw_tui.core.ops import AddPiece

    from .tui_helpers import GROUP_ONE

    copy_example(store)
    for n in range(12 - len(pieces(store))):
        store.apply(NAME, AddPiece(GROUP_ONE, f"filler {n}"))


def declared(node, prefix: str = "jigsaw_tui") -> list[Binding]:
    """The bindings our own classes declare on this node (Textual's are not ours to check)."""
    found = []
    for cls in type(node).__mro__:
        if cls.__module__.startswith(prefix) and "BINDINGS" in cls.__dict__:
            found += list(Binding.make_bindings(cls.__dict__["BINDINGS"]))
    return found


def shadowed(screen, prefix: str = "jigsaw_tui") -> list[str]:
    """Keys our code binds in the focus chain whose first active binding is not ours:
    Textual's would run instead (and where it declines, nothing would: keys.py)."""
    focused = screen.focused
    chain = [focused, *focused.ancestors_with_self[:-1][::-1]] if focused else [screen]
    ours: dict[str, str] = {}
    for node in chain:
        for binding in declared(node, prefix):
            ours.setdefault(binding.key, binding.action)
    problems = []
    active = screen.active_bindings
    for key, action in ours.items():
        got = active.get(key)
        if got is None:
            continue  # disabled where the focus is now (check_action): fine
        mine = any(b.key == key and b.action == got.binding.action for b in declared(got.node, prefix))
        if not mine:
            problems.append(f"{key}: {got.binding.action} on {type(got.node).__name__} "
                            f"comes before ours ({action}) with {type(focused).__name__} focused")
    return problems


@pilot
async def test_every_key_we_bind_is_reached_before_textuals_own(store):
    copy_example(store)
    app = make_app(store)
    problems = []
    async with app.run_test(size=(160, 48)) as pilot:
        for n, info in enumerate(STAGES):
            await pilot.press(f"f{n + 2}")
            await settle(pilot)
            stage = app.screen.query_one(f"#{info.key}")
            widgets = [w for w in stage.query("*") if w.focusable and w.display]
            assert widgets, info.key
            for widget in widgets:
                focus_now(widget)
                problems += shadowed(app.screen)
    assert problems == []


@pilot
async def test_the_check_sees_a_shadowed_key():
    """The check can fail: a plain Input inside a box that binds up (Input's own scroll
    binding for up comes first) is reported; a line that binds up itself is not."""
    from textual.app import App
    from textual.containers import Vertical
    from textual.widgets import Input

    class Box(Vertical):
        BINDINGS = [Binding("up", "to_list", "pieces")]

    class OwnUp(Input):
        BINDINGS = [Binding("up", "to_list", "pieces")]

    class Two(App):
        def compose(self):
            with Box():
                yield Input(id="plain")
                yield OwnUp(id="own")

    app = Two()
    async with app.run_test() as pilot:
        app.screen.set_focus(app.query_one("#plain"))
        await pilot.pause()
        assert [p.split(":")[0] for p in shadowed(app.screen, prefix="tests.")] == ["up"]
        app.screen.set_focus(app.query_one("#own"))
        await pilot.pause()
        assert shadowed(app.screen, prefix="tests.") == []


@pytest.mark.parametrize("chunk", [None, -1])
@pilot
async def test_a_paste_takes_its_turn_with_the_keys_around_it(store, chunk):
    async with session_app(store, stage="groups") as (app, pilot):
        before = pieces(store)
        await burst(app, "Before ", chunk)
        app.post_message(events.Paste("the paste"))
        await burst(app, " after\nNext\n", chunk)
        await settle(pilot)
        assert pieces(store) == before + ["Before the paste after", "Next"]


@pilot
async def test_several_lines_pasted_into_a_prompt_stay_one_line_with_none_lost(store):
    from jigsaw_tui.ui.dialogs import PromptScreen

    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await burst(app, "\x15")
        app.post_message(events.Paste("Carers\nand friends\n"))
        await settle(pilot)
        assert app.focused.value == "Carers / and friends"


@pilot
async def test_letters_typed_where_nothing_takes_text_are_said_not_dropped(store):
    from jigsaw_tui.ui.stages.themes import ThemesStage

    copy_example(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")  # Themes: its letters are commands, and there is no line
        await settle(pilot)
        assert app.screen.query_one(ThemesStage).current_piece() is not None
        before = store.load(NAME).themes
        await burst(app, "zzz")
        await settle(pilot)
        assert store.load(NAME).themes == before
        assert 'Not typed: "zzz"' in notice(app)


@pytest.mark.parametrize("chunk", [None, 1])
@pilot
async def test_keys_typed_after_a_refused_piece_are_kept_apart_not_glued_on(store, chunk):
    fill_group_one(store)
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        await burst(app, "Night bus\nTaxi card\n", chunk)
        await settle(pilot)
        assert len(pieces(store)) == 12  # the lid is full: neither is saved...
        assert column(app).capture.value == "Night bus / Taxi card"  # ...both are kept, apart
        assert "12 of 12" in notice(app)
        await burst(app, "\b\b\b\bbus")  # editing the refused text itself: no separator
        await settle(pilot)
        assert column(app).capture.value == "Night bus / Taxi bus"


@pytest.mark.parametrize("chunk", [None, 1, -1])
@pilot
async def test_a_palette_command_typed_in_one_burst_runs_before_the_next_keys(store, chunk):
    async with session_app(store, stage="groups") as (app, pilot):
        await burst(app, "\x10add group\nCarers\nA first piece\n", chunk)  # ctrl+p ...
        await settle(pilot)
        session = app.screen.controller.session
        carers = next(g for g in session.groups if g.name == "Carers")
        assert [p.text for p in carers.pieces] == ["A first piece"]


@pilot
async def test_the_palette_filters_as_keys_come_and_up_down_choose(store):
    from jigsaw_tui.ui.dialogs.palette import Palette

    async with session_app(store, stage="groups") as (app, pilot):
        await burst(app, "\x10go to")
        app.post_message(events.Key("down", None))
        await burst(app, "\n")
        await settle(pilot)
        assert not isinstance(app.screen, Palette)
        assert app.screen.current == "views"  # Go to Meditation, then down: Go to Views


@pytest.mark.parametrize("chunk", [None, -1])
@pilot
async def test_keys_typed_after_removing_a_group_land_in_the_group_that_takes_the_cursor(store, chunk):
    from .tui_helpers import GROUP_TWO, NAME

    async with session_app(store, stage="groups") as (app, pilot):
        before = pieces(store, GROUP_TWO)
        app.post_message(events.Key("f8", None))  # remove Group one: asks first
        await burst(app, "yAfter the removal\n", chunk)
        await settle(pilot)
        assert [g.id for g in store.load(NAME).groups] == [GROUP_TWO]
        assert pieces(store, GROUP_TWO) == before + ["After the removal"]


@pilot
async def test_pieces_kept_apart_after_a_refusal_are_saved_one_by_one_once_there_is_room(store):
    fill_group_one(store)
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        await burst(app, "Night bus\nTaxi card\n")
        await settle(pilot)
        assert column(app).capture.value == "Night bus / Taxi card"  # both refused, kept apart
        from jigsaw_tui.core.ops import RemovePiece

        from .tui_helpers import GROUP_ONE

        app.screen.controller.apply(RemovePiece(store.load(NAME).group(GROUP_ONE).pieces[0].id))  # a place free
        await burst(app, "\n")
        await settle(pilot)
        assert pieces(store)[-1] == "Night bus"  # the first part, as its own piece
        assert column(app).capture.value == "Taxi card"  # the rest still in the line


@pytest.mark.parametrize("chunk", [None, -1])
@pilot
async def test_letters_typed_into_a_yes_no_question_close_it_as_no_and_are_typed_below(store, chunk):
    from .tui_helpers import NAME

    async with session_app(store, stage="groups") as (app, pilot):
        groups = len(store.load(NAME).groups)
        app.post_message(events.Key("f8", None))  # remove the group? (asks)
        await burst(app, "Pay more\n", chunk)  # the 'y' of 'Pay' is not an answer
        await settle(pilot)
        assert len(store.load(NAME).groups) == groups
        assert pieces(store)[-1] == "Pay more"


@pilot
async def test_a_letter_that_is_not_a_list_key_goes_back_to_typing_with_it(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press("up")
        await settle(pilot)
        await burst(app, "Advice\n")  # A is no list key: typing it goes to the line
        await settle(pilot)
        assert pieces(store)[-1] == "Advice"
