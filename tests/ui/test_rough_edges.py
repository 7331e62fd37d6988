"""What a whole session run at 80x24, 40x12 and without colour ran into (issue 13's rough
edges): export notices, the F1 help, stale notices, the session's details, questions for
any topic, dialogs that cut their text, the Lid key bar, the stage bar when narrow."""

from __future__ import annotations

import re

from textual.containers import Vertical, VerticalScroll

from jigsaw_tui.core.model import DEFAULT_QUESTIONS, new_session
from jigsaw_tui.core.ops import AddPiece, EditDetails
from jigsaw_tui.core.store import Store
from jigsaw_tui.ui.dialogs import ConfirmScreen, MessageScreen, PieceEditor, PromptScreen
from jigsaw_tui.ui.dialogs.details import DetailsScreen
from jigsaw_tui.ui.dialogs.new_session import NewSessionScreen
from jigsaw_tui.ui.keybar import KeyBar
from jigsaw_tui.ui.notice import Notice
from jigsaw_tui.ui.session_screen import StageBar, stage_bar
from jigsaw_tui.ui.templates import QUESTION_TEMPLATES

from .tui_helpers import GROUP_ONE, NAME, copy_example, keys, make_app, notice, pilot, plain, session_app, workers_done

TITLE = "Pieces which support effective networks"


def bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


def stages_row(app) -> str:
    return str(app.screen.query_one(StageBar).render())


# -- an export's notice names the file, whole, at 80 columns ---------------------------


@pilot
async def test_an_export_notice_names_the_file_whole_however_deep_its_folder(tmp_path):
    deep = Store(tmp_path / ("a-folder-with-a-long-name-" * 4) / "sessions")
    async with session_app(deep, stage="lid") as (app, pilot):
        await keys(pilot, "p")
        await workers_done(app)
        await pilot.pause()
        line = app.screen.query_one(Notice)
        assert f"{NAME}.pdf" in notice(app)
        assert len(notice(app)) <= line.size.width - 2 and line.size.height == 1  # one row, whole
        await keys(pilot, "f1")  # the whole path is in the help ("Said lately")
        assert str(deep.folder / f"{NAME}.pdf") in plain(app.screen.body, 400)


# -- the F1 help -----------------------------------------------------------------------


@pilot
async def test_the_help_scrolls_to_its_last_line_at_80x24(store):
    async with session_app(store) as (app, pilot):
        await keys(pilot, "f1", "end")
        assert isinstance(app.screen, MessageScreen)
        box, scroll = app.screen.query_one(Vertical), app.screen.query_one(VerticalScroll)
        assert scroll.region.bottom <= box.region.bottom - 1  # inside the border, not under it
        assert scroll.scroll_y == scroll.max_scroll_y > 0


@pilot
async def test_the_help_has_the_lid_keys_in_key_names_in_one_column(store):
    async with session_app(store) as (app, pilot):
        await keys(pilot, "f1")
        text = plain(app.screen.body, 96)
    lid = text[text.index("Lid stage"):]
    for key in ("g ", "s ", "b ", "p "):
        assert re.search(rf"^  {key}", lid, re.M), key
    assert "ItemList" not in text and "_bracket" not in text and "question_mark" not in text
    assert re.search(r"^  \]\s", text, re.M)  # as printed on the key
    columns = {m.start(2) - m.start(0) for m in re.finditer(r"^(  \S.*?\S?)  +(\S)", text, re.M)
               if len(m.group(1)) <= 26}
    assert columns == {27}, columns  # every description starts in the same column


# -- a notice belongs to the moment it was said ------------------------------------------


@pilot
async def test_a_notice_is_gone_at_the_next_action_and_a_stage_change(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, "up", "d")
        assert "Removed" in notice(app)
        await keys(pilot, "f3")
        assert notice(app) == ""
        await keys(pilot, "f4", "up", "d")
        await keys(pilot, "up")  # any next action
        assert notice(app) == ""


@pilot
async def test_adding_and_renaming_a_group_and_saving_a_note_say_so(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, "ctrl+g", *"Carers", "enter")
        assert "Added the group Carers" in notice(app)
        await keys(pilot, "ctrl+r", "ctrl+u", *"Unpaid carers", "enter")
        assert "Renamed Carers to Unpaid carers" in notice(app)
        await keys(pilot, "shift+tab", "up", "n")
        assert isinstance(app.screen, PieceEditor)
        await keys(pilot, *"Said twice", "ctrl+s")
        assert "Saved the note of piece" in notice(app)


@pilot
async def test_letters_where_nothing_takes_them_are_still_said(store):
    async with session_app(store, stage="lid") as (app, pilot):
        await keys(pilot, *"zq")
        assert 'Not typed: "zq"' in notice(app)


# -- the session's details, its title on screen and on the terminal ----------------------


@pilot
async def test_f9_changes_the_details_in_one_undoable_step(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, "f9")
        assert isinstance(app.screen, DetailsScreen)
        await keys(pilot, "ctrl+u", *"Loneliness", "enter", "ctrl+u", *"Ann", "enter",
                   *"2025-06-01", "enter", "ctrl+u", *"14", "enter")
        session = store.load(NAME)
        assert (session.title, session.facilitator, session.date, session.settings.max_pieces) == (
            "Loneliness", "Ann", "2025-06-01", 14)
        assert "Loneliness" in stages_row(app) and app.title == "jigsaw: Loneliness"
        await keys(pilot, "ctrl+z")
        assert store.load(NAME).title == TITLE


@pilot
async def test_the_details_refuse_a_limit_below_a_group_and_keep_the_form(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, "f9", "enter", "enter", "enter", "ctrl+u", "3", "enter")
        assert isinstance(app.screen, DetailsScreen)
        assert "pieces already" in str(app.screen.query_one(Notice).render())
    assert store.load(NAME).settings.max_pieces == 12


def test_the_details_op_refuses_an_empty_title_and_a_limit_below_a_count():
    import pytest

    from jigsaw_tui.core.model import InvalidInput

    session = new_session("T", ["A"])
    session = AddPiece(session.groups[0].id, "one").apply(AddPiece(session.groups[0].id, "two").apply(session))
    with pytest.raises(InvalidInput):
        EditDetails(title="  ").apply(session)
    with pytest.raises(InvalidInput):
        EditDetails(max_pieces=1).apply(session)
    assert EditDetails(max_pieces=2, facilitator="Ann").apply(session).settings.max_pieces == 2


@pilot
async def test_the_details_are_in_the_palette(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, "ctrl+p", *"session details", "enter")
        assert isinstance(app.screen, DetailsScreen)


@pilot
async def test_the_title_is_on_the_stage_bar_at_80_columns_and_on_the_terminal(store, monkeypatch):
    import jigsaw_tui.ui.app as app_module

    sent = []
    monkeypatch.setattr(app_module, "write_to_terminal", lambda app, data: sent.append(data))
    async with session_app(store) as (app, pilot):
        assert "Pieces whic" in stages_row(app)
        assert f"\x1b]2;jigsaw: {TITLE}\x07" in sent
    assert sent[-1] == "\x1b[23;2t"  # the terminal's own title back


def test_the_stage_bar_always_shows_the_current_stage_whole():
    for width in (80, 60, 40, 30):
        for current in ("meditation", "lid", "actions"):
            row = stage_bar(TITLE, current, width).plain
            assert len(row) <= width, (width, row)
            label = {"meditation": "[F2 Meditation]", "lid": "[F6 Lid]", "actions": "[F7 Actions]"}[current]
            assert label in row, (width, row)
    assert "F3 Views" in stage_bar(TITLE, "lid", 80).plain  # names where they fit


@pilot
async def test_copying_a_session_asks_for_its_title(store):
    copy_example(store)
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "ctrl+t")
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "ctrl+u", *"Loneliness in older people", "enter")
        titles = {store.load(name).title for name, *_ in store.session_files()}
    assert "Loneliness in older people" in titles


# -- questions for any topic, the toolkit's three as a template ---------------------------


def test_default_questions_are_for_any_topic():
    questions = [v.question for v in new_session("Loneliness", ["A"]).views]
    assert questions == list(DEFAULT_QUESTIONS)
    assert not any("network" in q.casefold() for q in questions)


@pilot
async def test_a_new_session_can_start_with_the_toolkits_questions(store):
    store.folder.mkdir(parents=True)
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "ctrl+n")
        assert isinstance(app.screen, NewSessionScreen)
        assert "for any topic" in str(app.screen.query_one("#questions").render())
        await keys(pilot, *"Networks", "ctrl+t", "enter", "enter")
        (name, *_), = store.session_files()
    assert [v.question for v in store.load(name).views] == list(QUESTION_TEMPLATES[1][1])


# -- dialogs show all their text -----------------------------------------------------------


@pilot
async def test_a_long_question_wraps_whole(store):
    question = ("Match them anyway? These two pieces both come from Group one. Match them, "
                "though a theme is usually named by different groups?")
    async with session_app(store) as (app, pilot):
        app.push_screen(ConfirmScreen(question, "A detail."))
        await pilot.pause()
        title = app.screen.query_one(".title")
        assert title.region.height >= 2
        assert title.region.bottom <= app.screen.query_one(Vertical).region.bottom - 1


@pilot
async def test_a_long_notice_wraps_instead_of_losing_its_end(store):
    session = new_session("Full", ["Community groups and voluntary organisations"], max_pieces=1)
    store.create(session, name="full")
    store.apply("full", AddPiece(session.groups[0].id, "one"))
    async with session_app(store, session="full", stage="groups") as (app, pilot):
        await keys(pilot, *"two", "enter")
        line = app.screen.query_one(Notice)
        assert "remove one first" in notice(app)
        assert line.size.height == 2


@pilot
async def test_the_new_session_title_line_is_seen_empty_and_from_its_start(store):
    store.folder.mkdir(parents=True)
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "ctrl+n")
        title = app.screen.query_one("#title")
        assert title.placeholder and "underline" in str(title.rich_style)
        await keys(pilot, *("A long title " * 8), "enter")
        assert title.scroll_x == 0  # left: its first letters show, not only its end


# -- the Lid key bar, the too-small notice -------------------------------------------------


@pilot
async def test_the_lid_key_bar_keeps_p_pdf_at_80_columns(store):
    for ascii_only in (False, True):
        async with session_app(store, stage="lid", ascii_only=ascii_only) as (app, pilot):
            assert "p PDF" in bar(app), bar(app)
            assert "F1 help" in bar(app) and "^p palette" in bar(app)


@pilot
async def test_too_small_says_where_you_are_and_stays(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "[F4 Groups]" in stages_row(app)
        assert "On Groups (F4)" in notice(app)
        await keys(pilot, "f6")
        assert "[F6 Lid]" in stages_row(app) and "On Lid (F6)" in notice(app)
        await keys(pilot, "right")  # an action does not clear it: it stands while it is so
        assert "Too small" in notice(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "fits again" in notice(app)
        await keys(pilot, "right")
        assert notice(app) == ""
