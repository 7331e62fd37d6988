"""History in the app: ctrl+z after a restart undoes one's own latest change from the
session's history; the history view (ctrl+f) lists everyone's changes, newest first,
brings back what a change removed, and says in one line when the log is damaged."""

from __future__ import annotations

import json
import time

from jigsaw_tui.core import history
from jigsaw_tui.core.ops import AddGroup, AddPiece, RemovePiece, RenameGroup
from jigsaw_tui.core.store import Store
from jigsaw_tui.ui.dialogs.history import HistoryList, HistoryScreen

from .tui_helpers import GROUP_ONE, GROUP_TWO, NAME, copy_example, keys, make_app, notice, pilot, plain, session_app


def texts(store, group=GROUP_ONE) -> list[str]:
    return [p.text for p in store.load(NAME).group(group).pieces]


def as_user(monkeypatch, name: str) -> None:
    """What `history.user_name()` (getpass) reads first."""
    for key in ("LOGNAME", "USER"):
        monkeypatch.setenv(key, name)


def rows(app) -> list[str]:
    options = app.screen.query_one(HistoryList)
    return [plain(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


def notice_below(app) -> str:
    from jigsaw_tui.ui.notice import Notice

    return str(app.screen_stack[-2].query_one(Notice).render())


def detail(app) -> str:
    return str(app.screen.query_one(".detail").render())


@pilot
async def test_after_a_restart_ctrl_z_undoes_my_latest_change_from_the_history(store, monkeypatch):
    as_user(monkeypatch, "ana")
    copy_example(store)
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        await keys(pilot, *"Time to talk", "enter")
        await keys(pilot, *"Tea first", "enter")
        assert texts(store)[-2:] == ["Time to talk", "Tea first"]
    other = Store(store.folder)  # someone else's change since: not mine to undo
    other.app = "ben/00000000"
    as_user(monkeypatch, "ben")
    other.apply(NAME, AddPiece(GROUP_TWO, "Ben's piece"))
    as_user(monkeypatch, "ana")
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):  # a new app
        await keys(pilot, "ctrl+z")
        assert texts(store)[-1] == "Time to talk" and "Tea first" not in texts(store)
        assert "Ben's piece" in texts(store, GROUP_TWO)
        said = notice(app)
        assert said.startswith("Undone from the history: add piece 'Tea first' (") and ":" in said[-8:]
        await keys(pilot, "ctrl+z")
        assert "Time to talk" not in texts(store)
        await keys(pilot, "ctrl+y")  # redo of an undo from the history: the change again
        assert texts(store)[-1] == "Time to talk" and "Redone: add piece 'Time to talk'" in notice(app)
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        await keys(pilot, "ctrl+z")  # the redo was a change of mine like any other
        assert "Time to talk" not in texts(store)


@pilot
async def test_ctrl_z_from_the_history_says_why_when_others_changes_are_in_the_way(store, monkeypatch):
    copy_example(store)
    old_name = store.load(NAME).group(GROUP_ONE).name
    earlier = Store(store.folder)  # an earlier run of my app
    earlier.app = "ana/11111111"
    as_user(monkeypatch, "ana")
    earlier.apply(NAME, RenameGroup(GROUP_ONE, "Ana's group"))
    as_user(monkeypatch, "ben")  # then someone else takes the old name
    Store(store.folder).apply(NAME, AddGroup(old_name))
    as_user(monkeypatch, "ana")
    before = store.load(NAME)
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        await keys(pilot, "ctrl+z")
        assert "cannot be undone now" in notice(app) and notice(app).startswith("! ")
        assert store.load(NAME) == before and app.screen.controller.redo_stack == []


@pilot
async def test_the_view_lists_everyones_changes_newest_first_and_brings_back_a_removed_piece(store, monkeypatch):
    as_user(monkeypatch, "ana")
    copy_example(store)
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        await keys(pilot, *"Ana's piece", "enter")
        other = Store(store.folder)
        other.app = "ben/00000000"
        as_user(monkeypatch, "ben")
        session = store.load(NAME)
        gone = next(p for p in session.group(GROUP_TWO).pieces if session.theme_of(p.id) is None)
        other.apply(NAME, RemovePiece(gone.id))
        as_user(monkeypatch, "ana")
        await keys(pilot, "ctrl+f")
        assert isinstance(app.screen, HistoryScreen)
        listed = rows(app)
        assert len(listed) == 2
        assert " ben " in listed[0] and f"remove piece (was {gone.text!r})" in listed[0]
        assert " ana " in listed[1] and "add piece \"Ana's piece\"" in listed[1]
        assert f"b brings back {gone.text!r}" in detail(app)
        await keys(pilot, "b")
        assert gone.text in texts(store, GROUP_TWO)  # back in its own group, saved
        assert "Brought back" in detail(app) and "Brought back" in notice_below(app)
        assert "bring back" in rows(app)[0] and " ana " in rows(app)[0]  # a change of mine now
        assert app.screen.current().what == "remove piece"  # the removal stays highlighted
        await keys(pilot, "b")
        assert texts(store, GROUP_TWO).count(gone.text) == 1  # never twice
        assert "Not brought back: All of it is in the session again." in detail(app)
        await keys(pilot, "down")
        assert "removed and overwrote nothing" in detail(app)
        await keys(pilot, "q")
        assert not isinstance(app.screen, HistoryScreen)
        await keys(pilot, "ctrl+z")  # the bring back is one undo step
        assert gone.text not in texts(store, GROUP_TWO)


@pilot
async def test_a_damaged_history_is_said_in_one_line_and_the_session_opens(store):
    copy_example(store)
    Store(store.folder).apply(NAME, AddPiece(GROUP_ONE, "Before the damage"))
    with open(history.path_for(store.path_for(NAME)), "ab") as log:
        log.write(b"{not json at all\n")
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        assert app.screen.current == "groups"
        await keys(pilot, "ctrl+f")
        problem = str(app.screen.query_one(".problem").render())
        assert "1 damaged line skipped" in problem and "\n" not in problem.strip()
        assert any("Before the damage" in row for row in rows(app))
        await keys(pilot, "enter")
        await keys(pilot, *"Still typing", "enter")
        assert texts(store)[-1] == "Still typing"


@pilot
async def test_ctrl_f_is_in_the_help_and_the_palette(store):
    async with session_app(store, stage="groups") as (app, pilot):
        from jigsaw_tui.ui.help import help_text

        assert "ctrl+f" in plain(help_text(app.screen)) and "history" in plain(help_text(app.screen))
        await keys(pilot, "ctrl+p", *"History: recent", "enter")
        assert isinstance(app.screen, HistoryScreen)


def entry(at: str, user: str, what: str, **more) -> str:
    return json.dumps({"at": at, "user": user, "app": f"{user}/00000000", "what": what} | more) + "\n"


def test_snapshot_80x24(snap_compare, store, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")  # times of 2024 in full, in UTC: the same on every machine
    time.tzset()
    copy_example(store)
    lines = [entry("2024-03-01T10:0%d:00Z" % n, user, what) for n, (user, what) in enumerate([
        ("ana", "add piece 'Time'"), ("ben", "add piece 'Lifts to appointments'"),
        ("facilitator-with-a-long-name", "rename group to 'Carers'"), ("ana", "add action 'Book a room'"),
    ])]
    lines.append(entry("2024-03-01T10:15:02Z", "ben", "remove piece",
                       lost=[{"kind": "piece", "id": "pzzzzz", "where": GROUP_ONE, "text": "Quiet rooms"}]))
    history.path_for(store.path_for(NAME)).write_text("".join(lines))
    try:
        assert snap_compare(make_app(store, NAME), terminal_size=(80, 24), press=["f4", "ctrl+f"])
    finally:
        monkeypatch.undo()
        time.tzset()
