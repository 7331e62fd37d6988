"""The breakout timer across processes: the facilitator starts it in one terminal, and a
note-taker's jigsaw, in another terminal on the same session, shows it within seconds;
an idle screen with the timer running sends next to nothing."""

from __future__ import annotations

import os
import select
import time
from datetime import datetime, timedelta, timezone

import pytest

from jigsaw_tui.core.model import new_session, utc_text
from jigsaw_tui.core.ops import StartBreakout
from jigsaw_tui.core.store import Store

F4, CTRL_T = "\x1bOS", "\x14"


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "sessions")
    store.create(new_session("Effective networks", ["Group one", "Group two"]), name="e2e")
    return store


def bytes_sent(term, seconds: float) -> int:
    """What the program writes to its terminal in `seconds`, fed to the screen as it comes."""
    total, deadline = 0, time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if select.select([term.fd], [], [], min(left, 0.1))[0]:
            data = os.read(term.fd, 65536)
            total += len(data)
            term.stream.feed(data)
    return total


def test_a_breakout_started_in_one_terminal_shows_in_another(store, terminals):
    folder = str(store.folder)
    facilitator = terminals("--sessions-dir", folder, "open", "e2e")
    note_taker = terminals("--sessions-dir", folder, "open", "e2e")
    for term in (facilitator, note_taker):
        term.wait_for("[F2 Meditation]")
        term.send(F4)
        term.wait_for("Group one  0/12")
    facilitator.send(CTRL_T)
    facilitator.wait_for("Breakout timer: minutes from now")
    facilitator.send("25\r")
    facilitator.wait_for("Breakout 25m")
    assert store.load("e2e").breakout_minutes == 25
    note_taker.wait_for("Breakout 25m", timeout=5)  # the file watch, or the stat once a second

    # A start 57 s ago: its minutes go from 25 to 24 about 3 s from now, while the
    # note-taker's screen is left alone (after what another's change draws).
    start = datetime.now(timezone.utc) - timedelta(seconds=57)
    store.apply("e2e", StartBreakout(25, utc_text(start)))
    note_taker.read_for(1.0)
    idle = bytes_sent(note_taker, 4.0)
    note_taker.wait_for("Breakout 24m", timeout=5)
    # Ticking once a second sends nothing until the minutes change, and then a few cells.
    assert idle < 100, f"{idle} bytes in 4 s from an idle screen with the timer running"
