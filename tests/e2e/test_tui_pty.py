"""End to end: the real `jigsaw` command in a pseudo-terminal, read back with pyte.

Types two groups' pieces as a facilitator would and checks the session file; drops the
line (SIGHUP) mid-typing and finds the half-typed piece offered back next time.
"""

from __future__ import annotations

import os
import signal

import pytest

from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store



@pytest.fixture
def session_dir(tmp_path):
    store = Store(tmp_path / "sessions")
    store.create(new_session("Effective networks", ["Group one", "Group two"]), name="e2e")
    return store


F4, TAB, CTRL_Q = "\x1bOS", "\t", "\x11"

GROUP_ONE = ["Time", "Shared purpose", "No hierarchy", "Assess and celebrate progress", "Trust",
             "Open mindedness", "Network oversight", "Balance work and play", "Listening",
             "Kindness", "Curiosity", "[bold]Honesty[/bold]"]
GROUP_TWO = ["Time, location, and pace", "Common goal", "Equitable inclusion", "Accessible"]


def test_type_two_groups_of_pieces_and_find_them_in_the_file(session_dir, terminals):
    term = terminals("--sessions-dir", str(session_dir.folder), "open", "e2e")
    term.wait_for("[F2 Meditation]")
    term.send(F4)
    term.wait_for("Group one  0/12")
    for n, piece in enumerate(GROUP_ONE, 1):
        term.type_piece(piece)
        term.wait_for(f"Group one  {n}/12")
    for n, piece in enumerate(GROUP_ONE, 1):  # drawn on the terminal, each in its row
        assert f"{n:>2}. {piece}" in term.text()
    term.type_piece("one too many")
    term.wait_for("already has 12 of 12 pieces")
    assert "[bold]Honesty[/bold]" in term.text()  # shown literally, never as markup
    term.send("\x15")  # ctrl+u clears the refused text
    term.send(TAB)
    term.wait_for("Group two  0/12")
    for n, piece in enumerate(GROUP_TWO, 1):
        term.type_piece(piece)
        term.wait_for(f"Group two  {n}/12")
    last = f"{len(GROUP_TWO):>2}. {GROUP_TWO[-1]}"
    term.send("\x1a")  # ctrl+z: the row goes from the terminal too
    term.wait_for(f"Group two  {len(GROUP_TWO) - 1}/12")
    assert last not in term.text() and f"{len(GROUP_TWO) - 1:>2}. {GROUP_TWO[-2]}" in term.text()
    term.send("\x19")  # ctrl+y
    term.wait_for(f"Group two  {len(GROUP_TWO)}/12")
    assert last in term.text()
    term.send(CTRL_Q)
    assert term.wait_exit() == 0
    session = session_dir.load("e2e")
    assert [p.text for p in session.groups[0].pieces] == GROUP_ONE
    assert [p.text for p in session.groups[1].pieces] == GROUP_TWO
    assert session.drafts == ()


def test_a_dropped_line_keeps_the_half_typed_piece(session_dir, terminals):
    term = terminals("--sessions-dir", str(session_dir.folder), "open", "e2e")
    term.wait_for("[F2 Meditation]")
    term.send(F4)
    term.wait_for("Group one  0/12")
    term.type_piece("Trust")
    term.wait_for("Group one  1/12")
    for n, char in enumerate("Psychological sa"):
        term.send(char)
        term.wait_for("Psychological sa"[: n + 1])
    os.kill(term.pid, signal.SIGHUP)
    assert term.wait_exit() == 0
    session = session_dir.load("e2e")
    group = session.groups[0]
    assert [p.text for p in group.pieces] == ["Trust"]
    assert session.draft(group.id) == "Psychological sa"

    again = terminals("--sessions-dir", str(session_dir.folder), "open", "e2e")
    again.wait_for("half-typed text from last time")
    again.wait_for("Psychological sa")
    assert "[F4 Groups]" in again.text()  # reopens where typing stopped
    for char in "fety":
        again.send(char)
    again.send("\r")
    again.wait_for("Group one  2/12")
    again.send(CTRL_Q)
    assert again.wait_exit() == 0
    session = session_dir.load("e2e")
    assert [p.text for p in session.groups[0].pieces] == ["Trust", "Psychological safety"]
    assert session.drafts == ()


def test_closing_the_terminal_keeps_the_draft_and_exits_cleanly(session_dir, terminals):
    term = terminals("--sessions-dir", str(session_dir.folder), "open", "e2e")
    term.wait_for("[F2 Meditation]")
    term.send(F4)
    term.wait_for("Group one  0/12")
    for n, char in enumerate("dropped li"):
        term.send(char)
        term.wait_for("dropped li"[: n + 1])
    term.hang_up()
    assert term.wait_exit() == 0
    session = session_dir.load("e2e")
    assert session.draft(session.groups[0].id) == "dropped li"


def test_keys_read_just_before_the_line_drops_are_applied_then_kept(session_dir, terminals):
    term = terminals("--sessions-dir", str(session_dir.folder), "open", "e2e")
    term.wait_for("[F2 Meditation]")
    term.send(F4 + "First piece\rSecond piece\rhalf-typed third")
    os.kill(term.pid, signal.SIGHUP)  # at once: the keys are still on their way in
    assert term.wait_exit() == 0
    session = session_dir.load("e2e")
    group = session.groups[0]
    assert [p.text for p in group.pieces] == ["First piece", "Second piece"]
    assert session.draft(group.id) == "half-typed third"
