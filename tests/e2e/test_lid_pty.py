"""End to end: the Lid stage in a real pseudo-terminal. Moving round the circle repaints
only the two pieces involved; what the terminal then shows must be exactly the lid."""

from __future__ import annotations

import shutil
import time

from jigsaw_tui.core.lid import TextLid, render_plain
from jigsaw_tui.core.store import Store
from tests.conftest import EXAMPLE

F6, RIGHT, CTRL_Q = "\x1b[17~", "\x1b[C", "\x11"


def test_partial_repaints_leave_exactly_the_lid_on_screen(tmp_path, terminals):
    store = Store(tmp_path / "sessions")
    store.folder.mkdir(parents=True)
    shutil.copy(EXAMPLE, store.folder / EXAMPLE.name)
    group = store.load(EXAMPLE.stem).groups[1]
    term = terminals("--sessions-dir", str(store.folder), "open", EXAMPLE.stem)
    term.wait_for("F6 Lid")
    term.send(F6)
    term.wait_for("Group one's lid")
    term.send("g")
    term.wait_for("Group two's lid")
    for n in range(2, 6):  # four steps clockwise, each a partial repaint
        term.send(RIGHT)
        term.wait_for(f"Piece {n} of 11")
    labels = [p.text for p in group.pieces]

    def lid_rows():
        rows = [row.rstrip() for row in term.screen.display]
        detail = next(i for i, row in enumerate(rows) if row.startswith(" Piece 5 of 11"))
        height = detail - 2  # the lid sits between the heading row and the detail
        expected = render_plain(TextLid(group.name, labels, selected=4), 80, height).split("\n")
        return rows[2:detail], [line.rstrip() for line in expected]

    deadline = time.monotonic() + 20
    shown, expected = lid_rows()
    while shown != expected and time.monotonic() < deadline:  # until the last repaint is in
        term.read(0.1)
        shown, expected = lid_rows()
    assert shown == expected
    term.send(CTRL_Q)
    assert term.wait_exit() == 0
