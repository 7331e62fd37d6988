"""End to end: the real `jigsaw` command in a pseudo-terminal, read back with pyte.

Types two groups' pieces as a facilitator would and checks the session file; drops the
line (SIGHUP) mid-typing and finds the half-typed piece offered back next time.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import sys
import termios
import time
import fcntl

import pyte
import pytest

from jigsaw_tui.model import new_session
from jigsaw_tui.store import Store

COLS, ROWS = 80, 24
WAIT = 20.0  # generous: a loaded CI machine can be slow to start Python


class Terminal:
    """A child process on a pty, its output fed into a pyte screen."""

    def __init__(self, *args: str, env: dict | None = None):
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become jigsaw
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execvpe(sys.executable, [sys.executable, "-m", "jigsaw_tui.cli", *args],
                       {**os.environ, "TERM": "xterm-256color", **(env or {})})
        self.pid, self.fd = pid, fd
        self.status: int | None = None

    def read(self, timeout: float = 0.05) -> None:
        while select.select([self.fd], [], [], timeout)[0]:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the child has gone
                return
            if not data:
                return
            self.stream.feed(data)
            timeout = 0

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, words: str, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{words!r} never appeared; the screen was:\n{self.text()}")
            self.read(0.05)

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def type_piece(self, text: str) -> None:
        """Type like a person (a key at a time, each echoed) and press Enter."""
        for n in range(len(text)):
            self.send(text[n])
            self.wait_for(text[: n + 1])
        self.send("\r")

    def wait_exit(self, timeout: float = WAIT) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.fd >= 0:
                self.read(0.05)  # keep reading what it draws
            else:
                time.sleep(0.02)  # hung up: nothing left to read, only wait for the exit
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                return os.waitstatus_to_exitcode(status)
        raise AssertionError("jigsaw did not exit")

    def hang_up(self) -> None:
        """Close our side of the pty, as a dropped SSH link does: the kernel sends SIGHUP."""
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except ProcessLookupError:
                pass
        if self.fd >= 0:
            os.close(self.fd)


@pytest.fixture
def session_dir(tmp_path):
    store = Store(tmp_path / "sessions")
    store.create(new_session("Effective networks", ["Group one", "Group two"]), name="e2e")
    return store


@pytest.fixture
def terminals():
    opened = []

    def start(*args, **kwargs):
        terminal = Terminal(*args, **kwargs)
        opened.append(terminal)
        return terminal

    yield start
    for terminal in opened:
        terminal.close()


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
