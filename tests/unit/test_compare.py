"""The comparison table rows shared by the exports and the in-app table."""

from __future__ import annotations

from jigsaw_tui.core.compare import comparison_rows, shared_themes
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddPiece, MatchPieces


def test_example_rows_match_the_seed_layout(store, example):
    session = store.load(example)
    rows = comparison_rows(session)
    # four themes first, each on one row with both groups named
    assert [r.theme.name for r in rows[:4]] == [t.name for t in session.themes]
    assert rows[1].texts() == ["Shared purpose", "Common goal"]
    assert all(r.groups_named == 2 for r in rows[:4])
    # then the unmatched pieces, group one's before group two's, one per row
    rest = rows[4:]
    assert all(r.theme is None and r.groups_named == 1 for r in rest)
    assert rest[0].texts() == ["Assess and Celebrate progress", ""]
    assert rest[-1].texts() == ["", "Include Lived experience at all levels"]
    # every piece appears exactly once in the table
    shown = [p.id for r in rows for cell in r.cells for p in cell]
    assert sorted(shown) == sorted(p.id for g in session.groups for p in g.pieces)


def test_no_groups_and_empty_groups():
    assert comparison_rows(new_session("Empty")) == []
    assert comparison_rows(new_session("Two", ["A", "B"])) == []


def test_theme_with_two_pieces_from_one_group_shares_a_cell():
    s = new_session("T", ["A", "B"])
    a, b = s.groups
    ops = [AddPiece(a.id, "Trust", id="p1"), AddPiece(a.id, "Safety", id="p2"), AddPiece(b.id, "Care", id="p3")]
    for op in ops:
        s = op.apply(s)
    s = MatchPieces(("p1", "p2", "p3"), allow_same_group=True).apply(s)
    (row,) = comparison_rows(s)
    assert row.texts() == ["Trust; Safety", "Care"]
    assert [(t.name, n) for t, n in shared_themes(s)] == [("Care", 2)]


def test_shared_themes_of_example(store, example):
    session = store.load(example)
    assert [n for _, n in shared_themes(session)] == [2, 2, 2, 2]
