"""The Themes stage by keyboard: match, name, unmatch, undo, suggestions, the table."""

from __future__ import annotations

import pytest

from jigsaw_tui.core.ops import AddGroup, AddPiece, RemovePiece, Unmatch
from jigsaw_tui.ui import session_screen
from jigsaw_tui.ui.dialogs import ConfirmScreen, PromptScreen
from jigsaw_tui.ui.dialogs.candidates import CandidatesScreen
from jigsaw_tui.ui.stages.themes import ThemesStage

from .tui_helpers import keys, make_app, notice, pilot, session_app

TIME, TIME_PACE = "pbcszb", "phjk5j"
PURPOSE, GOAL = "p6d7vf", "pyusfy"
TRUST, SAFETY = "pa5vua", "p284fp"
OPEN_MINDED = "pc3t3e"


async def open_themes(pilot):
    await pilot.press("f5")
    stage = pilot.app.screen.query_one(ThemesStage)
    for _ in range(10):  # the columns mount, then take the focus
        await pilot.pause()
        if stage.current_piece() is not None:
            break
    return stage


async def go_to(pilot, stage, piece_id):
    """Put the cursor on a piece, by keys, as a person would."""
    for _ in range(4):
        column = stage.focused_column()
        if piece_id in column.piece_ids:
            break
        await keys(pilot, "right")
    column = stage.focused_column()
    while column.current() != piece_id:
        await keys(pilot, "down")


@pytest.fixture
def loose(store, example):
    """The example with 'Time' and 'Shared purpose' not matched yet."""
    store.apply(example, Unmatch("tc7ypc"))
    store.apply(example, Unmatch("tvz4j8"))
    return example


@pilot
async def test_pick_two_pieces_and_match_them_as_the_same_theme(store, loose):
    async with session_app(store, stage="themes", session=loose) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await go_to(pilot, stage, PURPOSE)
        await keys(pilot, "space")
        assert stage.state.picked == [PURPOSE]
        await go_to(pilot, stage, GOAL)
        await keys(pilot, "s")
        theme = store.load(loose).theme_of(PURPOSE)
        assert set(theme.pieces) == {PURPOSE, GOAL} and theme.kind == "same"
        assert theme.name == "Common goal"  # the shortest member's words
        assert "2 of 2 groups" in notice(app)
        assert stage.state.picked == []


@pilot
async def test_overlap_rename_switch_kind_unmatch_and_undo(store, loose):
    async with session_app(store, stage="themes", session=loose) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await go_to(pilot, stage, PURPOSE)
        await keys(pilot, "space")
        await go_to(pilot, stage, GOAL)
        await keys(pilot, "o")
        assert store.load(loose).theme_of(GOAL).kind == "overlap"
        await keys(pilot, "r")
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "ctrl+u", *"[b]Purpose[/b]", "enter")
        theme = store.load(loose).theme_of(GOAL)
        assert theme.name == "[b]Purpose[/b]"  # literally: never markup
        await keys(pilot, "k")  # the kinds in turn: same, overlap, related
        assert store.load(loose).theme_of(GOAL).kind == "related"
        await keys(pilot, "k")
        assert store.load(loose).theme_of(GOAL).kind == "same"
        await keys(pilot, "u")
        assert store.load(loose).theme_of(GOAL) is None
        await keys(pilot, "ctrl+z")
        back = store.load(loose).theme_of(GOAL)
        assert back is not None and back.name == "[b]Purpose[/b]"


@pilot
async def test_two_pieces_of_one_group_are_matched_only_after_asking(store, loose):
    async with session_app(store, stage="themes", session=loose) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await go_to(pilot, stage, TIME)
        await keys(pilot, "space")
        await go_to(pilot, stage, OPEN_MINDED)
        await keys(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(pilot, "n")
        assert store.load(loose).theme_of(TIME) is None
        await keys(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(pilot, "y")
        assert set(store.load(loose).theme_of(TIME).pieces) == {TIME, OPEN_MINDED}


@pilot
async def test_a_suggestion_is_taken_with_one_key_and_dismissed_with_another(store, loose):
    async with session_app(store, stage="themes", session=loose) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        suggestion = str(stage.query_one("#suggestion").render())
        assert "Suggestion 1 of 2" in suggestion and "'purpose' ~ 'goal'" in suggestion
        await keys(pilot, "y")  # the best first: Shared purpose ~ Common goal
        assert store.load(loose).theme_of(PURPOSE).pieces == (PURPOSE, GOAL)
        assert "Time, location, and pace" in str(stage.query_one("#suggestion").render())
        await keys(pilot, "x")
        session = store.load(loose)
        assert tuple(sorted((TIME, TIME_PACE))) in session.dismissed
        assert session.theme_of(TIME) is None  # a suggestion never changes themes by itself
        assert "No suggestions left" in str(stage.query_one("#suggestion").render())
        await keys(pilot, "ctrl+z")
        assert store.load(loose).dismissed == ()


@pilot
async def test_next_suggestion_brings_its_groups_into_view(store, loose):
    store.apply(loose, AddGroup("Group three", id="gthree"))
    store.apply(loose, AddPiece("gthree", "Mutual trust", id="pmutual"))
    async with session_app(store, stage="themes", session=loose) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        assert len(stage.state.slots) == 2  # two groups side by side at 80 columns
        keys_seen = []
        for _ in range(len(stage.state.suggestions)):
            await keys(pilot, "n")
            shown = stage.suggestion()
            keys_seen.append((shown.a, shown.b))
            session = store.load(loose)
            assert session.find_piece(shown.a)[0].id in stage.state.slots
            assert session.find_piece(shown.b)[0].id in stage.state.slots
        assert any("pmutual" in pair for pair in keys_seen)


@pilot
async def test_brackets_change_which_group_a_column_shows(store, example):
    store.apply(example, AddGroup("Group three", id="gthree"))
    async with session_app(store, stage="themes", session=example) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        first = stage.state.slots[0]
        await keys(pilot, "right_square_bracket")
        assert stage.state.slots[0] == "gthree" and stage.state.slots[1] != "gthree"
        await keys(pilot, "left_square_bracket")
        assert stage.state.slots[0] == first


@pilot
async def test_the_table_shows_themes_then_what_one_group_named(store, example):
    async with session_app(store, stage="themes", session=example) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await keys(pilot, "t")
        assert stage.has_class("-table")
        table = app.screen.query_one("#table")
        assert table.display and not app.screen.query_one("#columns").display
        await keys(pilot, "t")
        assert app.screen.query_one("#columns").display


@pilot
async def test_closest_candidates_and_match_from_them(store, example):
    store.apply(example, Unmatch("tvwqvj"))  # Trust / Psychological Safety
    async with session_app(store, stage="themes", session=example) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await go_to(pilot, stage, TRUST)
        await keys(pilot, "c")
        assert isinstance(app.screen, CandidatesScreen)
        assert app.screen.found[0].b == SAFETY
        await keys(pilot, "o")
        theme = store.load(example).theme_of(TRUST)
        assert set(theme.pieces) == {TRUST, SAFETY} and theme.kind == "overlap"


@pilot
async def test_a_piece_removed_by_someone_else_meanwhile(store, loose, monkeypatch):
    # The race: a key before this screen hears of the change (no file watch, no check).
    monkeypatch.setenv("JIGSAW_WATCH", "stat")
    monkeypatch.setattr(session_screen, "POLL_SECONDS", 3600.0)
    async with session_app(store, stage="themes", session=loose) as (app, pilot):
        store.apply(loose, RemovePiece(GOAL))  # another process, before this screen polls
        before = store.path_for(loose).read_bytes()
        await keys(pilot, "y")
        assert "no piece with id" in notice(app).lower()
        assert store.path_for(loose).read_bytes() == before
        assert app.screen.query_one(ThemesStage).controller.session.theme_of(PURPOSE) is None


def test_snapshot_80x24(snap_compare, store, loose):
    async def unmatched_time(pilot):
        await open_themes(pilot)

    assert snap_compare(make_app(store, loose), terminal_size=(80, 24), run_before=unmatched_time)


def test_snapshot_table_80x24(snap_compare, store, example):
    async def table(pilot):
        await open_themes(pilot)
        await keys(pilot, "t")

    assert snap_compare(make_app(store, example), terminal_size=(80, 24), run_before=table)


def test_snapshot_160x48(snap_compare, store, loose):
    async def picked(pilot):
        stage = await open_themes(pilot)
        await go_to(pilot, stage, TRUST)
        await keys(pilot, "space")

    assert snap_compare(make_app(store, loose), terminal_size=(160, 48), run_before=picked)


@pilot
async def test_changes_made_on_another_stage_show_when_coming_back(store, example):
    async with session_app(store, stage="themes", session=example) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await keys(pilot, "f4")
        assert not stage.display
        pilot.app.screen.controller.apply(AddPiece("gkbchb", "Unconscious bias", id="pbias2"))
        assert stage.state.suggestions == []  # hidden: nothing is worked out until it is shown
        await keys(pilot, "f5")
        assert "pbias2" in stage.columns()[0].piece_ids
        assert [(s.a, s.b) for s in stage.state.suggestions] == [("pbias2", "p7ckwu")]


@pilot
async def test_a_session_without_groups_says_what_to_do(store):
    from jigsaw_tui.core.model import new_session

    store.create(new_session("Empty"), name="empty")
    async with session_app(store, stage="themes", session="empty") as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        assert "add a second group first" in str(stage.query_one("#head").render())
        await keys(pilot, "y", "s", "t", "t", "right_square_bracket")  # nothing breaks
        assert store.load("empty").themes == ()


@pilot
async def test_merging_two_themes_asks_first(store, example):
    async with session_app(store, stage="themes", session=example) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await go_to(pilot, stage, TIME)  # in T1 'Time'
        await keys(pilot, "space")
        await go_to(pilot, stage, GOAL)  # in T2 'Shared purpose'
        await keys(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen) and "2 themes already" in app.screen.question
        await keys(pilot, "y")
        assert isinstance(app.screen, ConfirmScreen) and "both come from" in app.screen.question
        await keys(pilot, "y")
        merged = store.load(example).theme_of(TIME)
        assert set(merged.pieces) == {TIME, TIME_PACE, PURPOSE, GOAL}
        assert len(store.load(example).themes) == 3
        await keys(pilot, "ctrl+z")
        assert len(store.load(example).themes) == 4


@pilot
async def test_enter_picks_a_piece_and_renames_a_theme(store, loose):
    async with session_app(store, stage="themes", session=loose) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await go_to(pilot, stage, PURPOSE)
        await keys(pilot, "enter")
        assert stage.state.picked == [PURPOSE]
        await go_to(pilot, stage, GOAL)
        await keys(pilot, "enter", "s")
        assert set(store.load(loose).theme_of(GOAL).pieces) == {PURPOSE, GOAL}
        await keys(pilot, "tab")  # to the themes list
        assert isinstance(app.focused, type(stage.query_one("#theme-list")))
        await keys(pilot, "enter")
        assert isinstance(app.screen, PromptScreen)


@pilot
async def test_take_one_piece_out_of_a_theme_of_three(store, example):
    store.apply(example, AddGroup("Group three", id="gthree"))
    store.apply(example, AddPiece("gthree", "Mutual trust", id="pmutual"))
    from jigsaw_tui.core.ops import AddToTheme

    store.apply(example, AddToTheme("tvwqvj", ("pmutual",)))
    async with session_app(store, stage="themes", session=example) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        await go_to(pilot, stage, TRUST)
        await keys(pilot, "d")
        theme = store.load(example).theme("tvwqvj")
        assert set(theme.pieces) == {SAFETY, "pmutual"}
        assert "'Trust' is out of" in notice(app)
        await keys(pilot, "ctrl+z")
        assert TRUST in store.load(example).theme("tvwqvj").pieces


@pilot
async def test_ascii_mode_cuts_lines_with_three_dots(store, example):
    async with session_app(store, stage="themes", session=example, ascii_only=True) as (app, pilot):
        stage = app.screen.query_one(ThemesStage)
        prompts = [str(o.prompt) for o in stage.query_one("#theme-list").options]
        assert any(p.endswith("...") for p in prompts)  # long theme lines are cut
        assert all(p.isascii() for p in prompts)
        await keys(pilot, "t")
        import io

        from rich.console import Console

        console = Console(width=80, record=True, file=io.StringIO())
        console.print(stage.query_one("#table-body").render())
        assert console.export_text().isascii()
