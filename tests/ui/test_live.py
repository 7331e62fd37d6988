"""Several note-takers on one session: another app's save reaches this screen through
the file watch (no key pressed, no once-a-second wait needed), says who did it, shows who
is typing in a group, and never touches what this person is typing."""

from __future__ import annotations

from jigsaw_tui.core.ops import AddPiece, SetDraft
from jigsaw_tui.core.store import Store
from jigsaw_tui.ui import session_screen
from jigsaw_tui.ui.lines import CaptureInput
from jigsaw_tui.ui.stages.groups import GroupsStage
from jigsaw_tui.ui.widgets import ItemList

from .tui_helpers import GROUP_ONE, GROUP_TWO, keys, notice, pilot, session_app


async def until(pilot, condition, what: str):
    for _ in range(300):  # the watch answers in milliseconds; a busy machine gets 6 s
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


@pilot
async def test_another_apps_piece_appears_at_once_with_who_and_typing_is_untouched(store, monkeypatch):
    monkeypatch.setattr(session_screen, "POLL_SECONDS", 3600.0)  # only the file watch can tell
    async with session_app(store, stage="groups") as (app, pilot):
        await keys(pilot, *"Half a thou")
        line = app.screen.focused
        assert isinstance(line, CaptureInput) and line.value == "Half a thou"
        other = Store(store.folder)
        other.app = "ana/00ff00ff"  # another note-taker's app, as its history entry says
        other.apply("effective-networks", AddPiece(GROUP_TWO, "Pieces from next door"))
        stage = app.screen.query_one(GroupsStage)
        await until(pilot, lambda: "Pieces from next door" in [
            p.text for p in app.screen.controller.session.group(GROUP_TWO).pieces], "the piece in the app")
        assert app.screen.focused is line and line.value == "Half a thou"  # nothing of mine moved
        await until(pilot, lambda: "Group two: +1 piece" in notice(app), "the notice")
        assert notice(app).startswith(other_user())
        other.apply("effective-networks", SetDraft(GROUP_ONE, "Somethi", by="ana/00ff00ff"))
        column = next(c for c in stage.columns() if c.where == GROUP_ONE)
        await until(pilot, lambda: "ana typing" in str(column.query_one(".heading").render()),
                    "the typing mark on screen")
        assert line.value == "Half a thou"


def other_user() -> str:
    from jigsaw_tui.core.history import user_name

    return user_name()  # the other app runs as the same Unix user here


@pilot
async def test_a_piece_removed_by_another_while_edited_is_offered_back(store):
    from jigsaw_tui.core.ops import RemovePiece
    from jigsaw_tui.ui.dialogs import ConfirmScreen, PieceEditor

    async with session_app(store, stage="groups") as (app, pilot):
        first = app.screen.controller.session.group(GROUP_ONE).pieces[0]
        await keys(pilot, "up", "e")  # the editor on the last piece... then to the first
        assert isinstance(app.screen, PieceEditor)
        await keys(pilot, "escape", "home", "e")
        assert isinstance(app.screen, PieceEditor)
        Store(store.folder).apply("effective-networks", RemovePiece(first.id))  # someone else
        await keys(pilot, "end", *" (mine)", "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(pilot, "y")
        texts = [p.text for p in store.load("effective-networks").group(GROUP_ONE).pieces]
        assert f"{first.text} (mine)" in texts and first.id not in [
            p.id for p in store.load("effective-networks").group(GROUP_ONE).pieces]


@pilot
async def test_the_note_taker_view_types_into_its_group_and_f12_switches(store):
    from jigsaw_tui.ui.stages.groups import GroupsStage as Groups

    from .tui_helpers import copy_example, make_app

    name = copy_example(store)
    app = make_app(store, name, only_group=GROUP_TWO)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        stage = app.screen.query_one(Groups)
        assert [c.where for c in stage.columns()] == [GROUP_TWO]
        assert "Group two only (F12)" in str(app.screen.query_one("#stagebar").render())
        await keys(pilot, *"From the note-taker", "enter")
        assert "From the note-taker" in [p.text for p in store.load(name).group(GROUP_TWO).pieces]
        await keys(pilot, "ctrl+g")  # add a group: not from this view, said before any question
        assert "note-taker view for Group two" in notice(app) and app.screen.query(Groups)
        assert [g.name for g in store.load(name).groups] == ["Group one", "Group two"]
        await keys(pilot, "f12")
        assert app.screen.controller.only_group is None
        assert stage.keys(app.screen.controller.session) == [GROUP_ONE, GROUP_TWO]
        assert GROUP_ONE in [c.where for c in stage.columns()]
        assert "Group two only" not in str(app.screen.query_one("#stagebar").render())


@pilot
async def test_the_list_of_sessions_opens_one_as_a_note_taker(store):
    from .tui_helpers import copy_example, make_app

    copy_example(store)
    app = make_app(store, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+g", "ctrl+u", *"group two", "enter")
        assert app.screen.controller.only_group == GROUP_TWO
        assert "Note-taker view for Group two" in notice(app)


@pilot
async def test_pieces_removed_elsewhere_while_groups_is_hidden_show_right_on_return(store):
    from jigsaw_tui.core.model import new_session
    from jigsaw_tui.core.ops import RemovePiece

    from .tui_helpers import make_app

    session = new_session("Hidden list", ["A", "B"])
    for n in range(12):
        session = AddPiece(session.groups[0].id, f"piece {n}").apply(session)
    name = store.create(session).stem
    group = session.groups[0].id
    app = make_app(store, name)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "f4", "f6")  # the Groups stage is built, then hidden behind the Lid
        other = Store(store.folder)
        for piece in session.groups[0].pieces[-3:]:  # someone else removes them, one by one
            other.apply(name, RemovePiece(piece.id))
            app.screen.controller.poll()
            await pilot.pause()
        await keys(pilot, "f4")
        stage = app.screen.query_one(GroupsStage)
        column = next(c for c in stage.columns() if c.where == group)
        shown = [str(column.query_one(ItemList).get_option_at_index(i).prompt)
                 for i in range(column.query_one(ItemList).option_count)]
        assert [s.split(". ", 1)[1] for s in shown] == [f"piece {n}" for n in range(9)]
        assert "9/12" in str(column.query_one(".heading").render())
