"""`jigsaw suggest`, `jigsaw match`, `jigsaw unmatch`: the same edits as the Themes stage."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jigsaw_tui.cli import matching as cli_matching
from jigsaw_tui.cli import main
from jigsaw_tui.core.model import InvalidInput
from jigsaw_tui.core.ops import AddAction, AddGroup, AddPiece, RemovePiece, Unmatch
from jigsaw_tui.core.store import Store

TIME, TIME_PACE = "pbcszb", "phjk5j"  # Group one "Time", Group two "Time, location, and pace"
OPEN_MINDED = "pc3t3e"  # Group one
TRUST, SAFETY = "pa5vua", "p284fp"


def run(store, *argv) -> int:
    return main(["--sessions-dir", str(store.folder), *argv])


@pytest.fixture
def loose(store, example):
    """The example with its 'Time' theme taken apart, so there is something to suggest."""
    store.apply(example, Unmatch("tc7ypc"))
    return example


def file_bytes(store, name) -> bytes:
    return store.path_for(name).read_bytes()


def test_suggest_prints_pairs_with_reasons_and_how_to_match(store, loose, capsys):
    assert run(store, "suggest", loose) == 0
    out = capsys.readouterr().out
    assert "Group one: Time  [pbcszb]" in out
    assert "Group two: Time, location, and pace  [phjk5j]" in out
    assert "why: shares the word 'time'" in out
    assert f"jigsaw match {loose} PIECE_ID PIECE_ID" in out


def test_suggest_json_is_a_best_first_list_of_pairs(store, example, capsys):
    for theme in ("tc7ypc", "tvz4j8"):
        store.apply(example, Unmatch(theme))
    assert run(store, "suggest", example, "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert {(r["a"]["id"], r["b"]["id"]) for r in rows} == {("p6d7vf", "pyusfy"), (TIME, TIME_PACE)}
    first = rows[0]
    assert set(first) == {"a", "b", "score", "reason", "scorer"}
    assert first["scorer"] == "words"  # tests run with JIGSAW_SCORER=words (tests/conftest.py)
    assert first["a"] == {"group": "Group one", "id": "p6d7vf", "text": "Shared purpose"}
    assert first["b"]["group"] == "Group two" and "'purpose' ~ 'goal'" in first["reason"]


def test_suggest_says_so_when_nothing_is_left(store, example, capsys):
    assert run(store, "suggest", example) == 0
    assert "No likely matches found among the pieces still open (" in capsys.readouterr().out
    assert run(store, "suggest", example, "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_suggest_top_lists_candidates_even_when_weak(store, example, capsys):
    assert run(store, "suggest", example, "--top", "1", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["score"] < 0.55 for r in rows)  # the strong ones are all themes already
    assert run(store, "suggest", example, "--top", "0") == 2
    assert "--top" in capsys.readouterr().err


def test_match_makes_a_theme_named_after_its_shortest_piece(store, loose, capsys):
    assert run(store, "match", loose, TIME_PACE, TIME) == 0
    out = capsys.readouterr().out
    session = store.load(loose)
    theme = session.theme_of(TIME)
    assert theme.pieces == (TIME_PACE, TIME) and theme.name == "Time" and theme.kind == "same"
    assert f"[{theme.id}]" in out and "2 of 2 groups" in out
    assert f"jigsaw unmatch {loose} {theme.id}" in out


def test_match_with_kind_and_name(store, loose):
    assert run(store, "match", loose, TIME, TIME_PACE, "--kind", "overlap", "--name", "[b]Pace[/b]") == 0
    theme = store.load(loose).theme_of(TIME)
    assert theme.kind == "overlap" and theme.name == "[b]Pace[/b]"


def test_two_pieces_of_one_group_are_refused_unless_asked(store, loose, capsys):
    before = file_bytes(store, loose)
    assert run(store, "match", loose, TIME, OPEN_MINDED) == 1
    err = capsys.readouterr().err
    assert "'Time' and 'Open Mindedness' both come from Group one" in err and "--allow-same-group" in err
    assert file_bytes(store, loose) == before
    assert run(store, "match", loose, TIME, OPEN_MINDED, "--allow-same-group") == 0
    assert set(store.load(loose).theme_of(TIME).pieces) == {TIME, OPEN_MINDED}


def test_one_piece_is_a_usage_error_and_changes_nothing(store, loose, capsys):
    before = file_bytes(store, loose)
    assert run(store, "match", loose, TIME) == 2
    assert run(store, "match", loose, TIME, TIME) == 2
    assert "at least two different piece ids" in capsys.readouterr().err
    assert file_bytes(store, loose) == before


def test_an_unknown_piece_changes_nothing(store, loose, capsys):
    before = file_bytes(store, loose)
    assert run(store, "match", loose, TIME, "pzzzzz") == 1
    assert "no piece with id 'pzzzzz'" in capsys.readouterr().err
    assert file_bytes(store, loose) == before


class RacingStore(Store):
    """Another process removes a piece between our reading the file and our change."""

    def __init__(self, folder, victim):
        super().__init__(folder)
        self.victim = victim

    def apply(self, ref, op):
        Store(self.folder).apply(ref, RemovePiece(self.victim))
        return super().apply(ref, op)


def test_a_piece_removed_by_another_process_meanwhile(store, loose, capsys):
    racing = RacingStore(store.folder, TIME_PACE)
    args = cli_matching_args("match", loose, TIME, TIME_PACE)
    with pytest.raises(InvalidInput) as caught:
        cli_matching.run(args, racing)
    assert "no piece with id 'phjk5j' (it may have been removed)" in str(caught.value)
    session = store.load(loose)  # still readable; only the other process's change is in it
    assert session.theme_of(TIME) is None
    assert all(p.id != TIME_PACE for g in session.groups for p in g.pieces)
    assert len(session.themes) == 3


def cli_matching_args(*argv):
    from jigsaw_tui.cli import build_parser

    return build_parser().parse_args(list(argv))


def test_a_loose_piece_joins_the_theme_of_its_partner(store, example, capsys):
    session, _ = store.apply(example, AddGroup("Group three", id="gthree"))
    store.apply(example, AddPiece("gthree", "Mutual trust", id="pmutual"))
    assert run(store, "match", example, "pmutual", TRUST, "--name", "Trust") == 0
    theme = store.load(example).theme_of(TRUST)
    assert set(theme.pieces) == {TRUST, SAFETY, "pmutual"} and theme.name == "Trust"
    assert "3 of 3 groups" in capsys.readouterr().out


def test_pieces_in_two_themes_are_merged_only_when_asked(store, example, capsys):
    before = file_bytes(store, example)
    assert run(store, "match", example, TRUST, TIME_PACE) == 1
    err = capsys.readouterr().err
    assert "in 2 themes already" in err and "--merge" in err
    assert file_bytes(store, example) == before
    # Trust's theme and Time's theme each hold one piece of each group: merging needs both flags
    assert run(store, "match", example, TRUST, TIME_PACE, "--merge") == 1
    assert file_bytes(store, example) == before
    assert run(store, "match", example, TRUST, TIME_PACE, "--merge", "--allow-same-group",
               "--name", "Time and trust") == 0
    theme = store.load(example).theme_of(TRUST)
    assert set(theme.pieces) == {TRUST, SAFETY, TIME, TIME_PACE} and theme.name == "Time and trust"
    assert len(store.load(example).themes) == 3


def test_unmatch_by_theme_or_piece_id_keeps_actions(store, example, capsys):
    store.apply(example, AddAction("Plan meetings at a gentle pace", theme="tc7ypc"))
    assert run(store, "unmatch", example, "tc7ypc") == 0
    out = capsys.readouterr().out
    assert "'Time' [tc7ypc]" in out and "1 action(s) stay" in out
    session = store.load(example)
    assert session.theme_of(TIME) is None and session.actions[0].theme == ""
    assert run(store, "unmatch", example, TRUST) == 0  # a piece id finds its theme
    assert store.load(example).theme_of(SAFETY) is None
    assert run(store, "unmatch", example, "tnope2") == 1
    assert "no theme with id 'tnope2'" in capsys.readouterr().err


def test_the_other_commands_do_not_load_the_matcher():
    code = ("import sys; from jigsaw_tui.cli import build_parser; build_parser(); "
            "bad = [m for m in ('snowballstemmer', 'rapidfuzz', 'jigsaw_tui.core.matching', 'textual') "
            "if m in sys.modules]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_theme_whose_pieces_are_all_removed_disappears_and_undo_brings_it_back(store, example):
    from jigsaw_tui.core.ops import Batch

    undos = []
    for piece in (TRUST, SAFETY):
        _, undo = store.apply(example, RemovePiece(piece))
        undos.append(undo)
    assert all(t.id != "tvwqvj" for t in store.load(example).themes)
    for undo in reversed(undos):
        store.apply(example, undo)
    theme = store.load(example).theme("tvwqvj")
    assert set(theme.pieces) == {TRUST, SAFETY} and theme.kind == "overlap"
    assert isinstance(undos[0], Batch)
