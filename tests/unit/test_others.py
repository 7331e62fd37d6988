"""Others' changes, told in a few words: who, where, how many; a burst is one notice,
at most one a second; one's own changes and drafts are never told back."""

from __future__ import annotations

import os
import subprocess
import sys

from jigsaw_tui.core.changes import changes, summary
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddPiece, Dismiss, EditPiece, MatchPieces, MovePiece, RemovePiece, SetDraft
from jigsaw_tui.core.store import Store
from jigsaw_tui.ui import controller as controller_module
from jigsaw_tui.ui.controller import Controller
from tests.conftest import ROOT

ADD_PIECES = """
import sys
from jigsaw_tui.core.store import Store
from jigsaw_tui.core.ops import AddPiece
store = Store(sys.argv[1])
group = store.load(sys.argv[2]).groups[int(sys.argv[3])].id
for text in sys.argv[4:]:
    store.apply(sys.argv[2], AddPiece(group, text))
"""


def others_add(store: Store, name: str, group: int, texts: list[str], user: str) -> None:
    env = {**os.environ, "LOGNAME": user, "USER": user, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", ADD_PIECES, str(store.folder), name, str(group), *texts],
                   check=True, env=env)


def test_summary_counts_by_group_and_session():
    s = new_session("T", ["Group one", "Group two"])
    t = s
    for n in range(12):
        t = AddPiece(t.groups[1].id, f"piece {n}").apply(t)
    assert summary(changes(s, t)) == "Group two: +12 pieces"
    u = AddPiece(t.groups[0].id, "Time").apply(t)
    u = MatchPieces((u.groups[0].pieces[0].id, u.groups[1].pieces[0].id)).apply(u)
    assert summary(changes(t, u)) == "Group one: +1 piece; +1 theme"
    v = EditPiece(u.groups[1].pieces[1].id, text="piece one").apply(u)
    v = RemovePiece(v.groups[1].pieces[2].id).apply(v)
    assert summary(changes(u, v)) == "Group two: piece changed, -1 piece"
    w = MovePiece(v.groups[1].pieces[3].id, index=0, group_id=v.groups[0].id).apply(v)
    assert "Group one: 1 piece moved in" in summary(changes(v, w))
    assert not changes(w, SetDraft(w.groups[0].id, "half typ", by="x").apply(w))  # drafts are not news
    x = Dismiss(w.groups[0].pieces[0].id, w.groups[1].pieces[0].id).apply(w)
    assert summary(changes(w, x)) == "suggestion dismissed"


def test_a_burst_by_another_user_is_one_notice_naming_them(store, monkeypatch):
    path = store.create(new_session("Live", ["Group one", "Group two"]))
    told: list[str] = []
    mine = Controller(Store(store.folder), path.stem)
    mine.set_teller(lambda message, severity="information": told.append(message))
    clock = [1000.0]
    monkeypatch.setattr(controller_module.time, "monotonic", lambda: clock[0])
    others_add(store, path.stem, 1, [f"piece {n}" for n in range(12)], "ana")
    assert mine.poll() and told == []  # on the screen at once; said at the next check
    clock[0] += 0.5
    mine.poll()
    assert told == ["ana: Group two: +12 pieces"]
    others_add(store, path.stem, 0, ["Time"], "ben")
    clock[0] += 0.3
    assert mine.poll() and told == ["ana: Group two: +12 pieces"]  # held: less than a second since
    clock[0] += 1.0
    mine.poll()  # the once-a-second check says what was held
    assert told[-1] == "ben: Group one: +1 piece" and len(told) == 2
    assert [p.text for p in mine.session.groups[1].pieces] == [f"piece {n}" for n in range(12)]


def test_ones_own_changes_are_not_told_back(store, monkeypatch):
    path = store.create(new_session("Live", ["Group one"]))
    told: list[str] = []
    mine = Controller(Store(store.folder), path.stem)
    mine.set_teller(lambda message, severity="information": told.append(message))
    assert mine.apply(AddPiece(mine.session.groups[0].id, "Mine"))
    told.clear()
    assert not mine.poll() and told == []
