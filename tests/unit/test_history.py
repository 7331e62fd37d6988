"""The history log beside each session: written by Store.apply, read back, bounded,
kept as safe as the session file, and used to undo across restarts."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import typing
from dataclasses import MISSING, fields

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jigsaw_tui.core import history, history_undo, model, op_codec, ops
from jigsaw_tui.core.model import InvalidInput, new_session
from jigsaw_tui.core.store import Store


def make(store: Store, *groups: str) -> str:
    return store.create(new_session("Climate action", groups)).stem


def log_path(store: Store, name: str):
    return history.path_for(store.path_for(name))


def entries(store: Store, name: str):
    return history.read(store.path_for(name)).entries


def add(store, name, text, group=0):
    session = store.load(name)
    session, _ = store.apply(name, ops.AddPiece(session.groups[group].id, text))
    return next(p for g in session.groups for p in g.pieces if p.text == text)


def texts(session):
    return [p.text for g in session.groups for p in g.pieces]


# -- op_codec: every op class round trip ------------------------------------------------

_text = st.text(max_size=12)
_values = st.one_of(
    st.builds(model.Piece, _text, _text, _text),
    st.builds(model.Group, _text, _text, st.lists(st.builds(model.Piece, _text, _text), max_size=2).map(tuple)),
    st.builds(model.Theme, _text, _text, _text, st.lists(_text, max_size=3).map(tuple)),
    st.builds(model.Action, _text, _text, _text, _text, _text, st.booleans()),
    st.builds(model.View, _text, _text, st.lists(_text, max_size=2).map(tuple)),
    st.builds(model.Link, _text, _text, _text),
    st.builds(model.Settings, st.integers(1, 24), _text, st.integers(10, 3600)),
    st.builds(model.Draft, _text, _text, _text),
)
_field_values = st.one_of(_text, st.integers(), _values, st.lists(_values, max_size=2).map(tuple),
                          st.lists(st.tuples(_text, _text), max_size=2).map(tuple))
_OVERRIDES = {
    ("Put", "item"): _values,
    ("SetFields", "values"): st.lists(st.tuples(_text, _field_values), max_size=3).map(tuple),
}


def _strategy(cls):
    """Every field generated, defaults too (a field left out when empty must come back)."""
    hints = typing.get_type_hints(cls, vars(ops))
    kwargs = {}
    for f in fields(cls):
        if (cls.__name__, f.name) in _OVERRIDES:
            kwargs[f.name] = _OVERRIDES[(cls.__name__, f.name)]
        elif f.name == "ops":
            kwargs[f.name] = st.just(())
        else:
            kwargs[f.name] = st.from_type(hints[f.name])
    return st.builds(cls, **kwargs)


_LEAVES = [_strategy(cls) for name, cls in sorted(op_codec.OP_CLASSES.items()) if name != "Batch"]
_ANY_OP = st.one_of(*_LEAVES)
_BATCH = st.builds(ops.Batch, st.lists(_ANY_OP, max_size=3).map(tuple), _text)


def test_every_op_class_of_ops_py_can_be_stored():
    defined = {c.__name__ for c in vars(ops).values()
               if isinstance(c, type) and issubclass(c, ops.Op) and c is not ops.Op}
    assert set(op_codec.OP_CLASSES) == defined
    assert {"AddPiece", "RemovePiece", "Batch", "Put", "PutPiece", "SetFields"} <= defined


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_ANY_OP, _BATCH))
def test_any_op_comes_back_equal_through_json(op):
    data = json.loads(json.dumps(op_codec.encode(op)))
    assert op_codec.decode(data) == op


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["add", "edit", "remove", "move", "group", "ungroup", "line", "settings"]),
                min_size=1, max_size=6))
def test_the_inverses_the_store_makes_come_back_equal(steps):
    session = new_session("T", ["A", "B"])
    for step in steps:
        piece = next((p for g in session.groups for p in g.pieces), None)
        a, b = (session.groups[0].id, session.groups[-1].id) if len(session.groups) > 1 else ("", "")
        make_op = {
            "add": lambda: ops.AddPiece(a or session.groups[0].id, "Lifts to appointments", note="on Tuesdays"),
            "edit": lambda: ops.EditPiece(piece.id, text="Time"),
            "remove": lambda: ops.RemovePiece(piece.id),
            "move": lambda: ops.MovePiece(piece.id, 0, b),
            "group": lambda: ops.AddGroup("C"),
            "ungroup": lambda: ops.RemoveGroup(b) if b else ops.AddGroup("E"),
            "line": lambda: ops.AddItem(model.CHECKIN, "Hugs"),
            "settings": lambda: ops.EditSettings(max_pieces=20, meditation_seconds=90),
        }[step]
        try:
            op = make_op()
            after = op.apply(session)
        except (InvalidInput, AttributeError):  # no piece yet, a full lid, a name taken
            continue
        undo = ops.inverse(op, session, after)
        assert op_codec.decode(json.loads(json.dumps(op_codec.encode(undo)))) == undo
        assert op_codec.decode(op_codec.encode(undo)).apply(after) == session
        session = after


@pytest.mark.parametrize("data, words", [
    ({"op": "Session", "title": "x"}, "unknown op"),
    ({"op": "system", "command": "rm"}, "unknown op"),
    ({"op": "Put", "collection": "groups", "item": {"type": "Session", "title": "x"}, "index": 0}, "unknown value"),
    ({"op": "Put", "collection": "groups", "item": {"op": "RemoveGroup", "group_id": "g"}, "index": 0},
     "unexpected"),
    ({"op": "RemovePiece", "piece_id": "p1", "extra": 1}, "no field 'extra'"),
    ({"op": "RemovePiece", "piece_id": 5}, "expected str"),
    ({"op": "AddPiece", "group_id": "g", "text": "x"}, "missing its 'id'"),  # never a made-up id
    ({"op": "MovePiece", "piece_id": "p", "index": True}, "expected int"),
    ({"op": "Batch", "ops": [{"op": "Nope"}]}, "unknown op"),
    (["RemovePiece"], "expected a Op"),
])
def test_a_damaged_op_is_refused_with_what_is_wrong(data, words):
    with pytest.raises(op_codec.OpFormatError, match=words):
        op_codec.decode(data)


# -- written by Store.apply -------------------------------------------------------------


def test_each_change_is_one_line_with_who_when_what_and_its_undo(store, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ana")
    name = make(store, "A")
    store.app = "3f9a0c1e"
    group = store.load(name).groups[0]
    op = ops.AddPiece(group.id, "Time")
    session, undo = store.apply(name, op)
    (entry,) = entries(store, name)
    assert (entry.user, entry.app, entry.what) == ("ana", "3f9a0c1e", "add piece 'Time'")
    assert entry.at.endswith("Z") and entry.at[4] == "-" and entry.at[10] == "T"
    assert op_codec.decode(entry.op) == op and op_codec.decode(entry.undo) == undo
    assert store.last_history_error == ""
    assert log_path(store, name).read_bytes().count(b"\n") == 1


def test_drafts_and_changes_that_change_nothing_are_not_logged(store):
    name = make(store, "A")
    group = store.load(name).groups[0]
    store.apply(name, ops.SetDraft(group.id, "Half-typ", by="x"))
    store.apply(name, ops.RenameGroup(group.id, "A"))  # the same name: nothing to save
    assert not log_path(store, name).exists()


def test_a_refused_change_logs_nothing(store):
    name = make(store, "A")
    with pytest.raises(InvalidInput):
        store.apply(name, ops.RemovePiece("pnone"))
    assert not log_path(store, name).exists()


def test_the_log_has_the_session_files_permissions(store, tmp_path):
    name = make(store, "A")
    old = os.umask(0o077)  # a umask never decides: the log is as private as the session
    try:
        add(store, name, "Time")
    finally:
        os.umask(old)
    assert stat.S_IMODE(log_path(store, name).stat().st_mode) == 0o600
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)  # shared on purpose: setgid and group-writable
    team = Store(shared)
    other = make(team, "A")
    old = os.umask(0o077)
    try:
        add(team, other, "Time")
    finally:
        os.umask(old)
    assert stat.S_IMODE(log_path(team, other).stat().st_mode) == 0o660
    assert stat.S_IMODE(team.path_for(other).stat().st_mode) == 0o660


def test_deleting_a_session_deletes_its_history_and_a_new_one_starts_empty(store):
    name = make(store, "A")
    add(store, name, "Time")
    assert log_path(store, name).exists()
    store.delete(name)
    assert not log_path(store, name).exists()
    log_path(store, name).write_text('{"at":"x","user":"old","what":"left behind"}\n')
    again = make(store, "A")
    assert again == name and entries(store, name) == ()


# -- torn, damaged, bounded ---------------------------------------------------------------


def test_a_line_torn_by_a_kill_mid_append_is_ignored_then_mended(store):
    name = make(store, "A")
    add(store, name, "Time")
    add(store, name, "Trust")
    path = log_path(store, name)
    whole = path.read_bytes()
    path.write_bytes(whole + whole.splitlines(keepends=True)[-1][:37])  # a kill -9 mid-append
    log = history.read(store.path_for(name))
    assert [e.what for e in log.entries] == ["add piece 'Time'", "add piece 'Trust'"]
    assert (log.skipped, log.problem) == (0, "")
    add(store, name, "Hugs")
    data = path.read_bytes()
    assert data.endswith(b"\n") and data.startswith(whole)
    assert [json.loads(line)["what"] for line in data.splitlines()] == [
        "add piece 'Time'", "add piece 'Trust'", "add piece 'Hugs'"]


def test_mending_a_torn_tail_keeps_every_whole_entry(store, monkeypatch):
    monkeypatch.setattr(history, "MAX_BYTES", 8000)
    monkeypatch.setattr(history, "KEEP_BYTES", 500)  # what a trim would keep: not used to mend
    name = make(store, "A")
    for i in range(8):
        store.apply(name, ops.AddItem(model.CHECKIN, f"line {i}"))
    path = log_path(store, name)
    assert 500 < path.stat().st_size < 6000
    with open(path, "ab") as handle:
        handle.write(b'{"at":"2025-')
    store.apply(name, ops.AddItem(model.CHECKIN, "line 8"))
    assert [e.what for e in entries(store, name)] == [f"add 'line {i}'" for i in range(9)]


def test_a_damaged_line_is_skipped_counted_and_reported_in_one_line(store, run):
    name = make(store, "A")
    add(store, name, "Time")
    path = log_path(store, name)
    good = path.read_bytes()
    path.write_bytes(b'{"at": 5}\nnot json at all\n\xff\xfe\n' + good + b'["a list"]\n')
    log = history.read(store.path_for(name))
    assert [e.what for e in log.entries] == ["add piece 'Time'"]
    assert log.skipped == 4
    assert "4 damaged lines skipped" in log.problem and "\n" not in log.problem
    code, out, err = run("history", name)
    assert code == 0 and "add piece 'Time'" in out
    assert err.count("\n") == 1 and "damaged" in err


def test_a_corrupt_log_never_stops_the_session(store, run):
    name = make(store, "A")
    log_path(store, name).write_bytes(os.urandom(3000) + b"\n")
    assert store.load(name).groups[0].name == "A"
    add(store, name, "Time")  # still saved, and still logged
    assert "Time" in texts(store.load(name))
    assert [e.what for e in entries(store, name)] == ["add piece 'Time'"]
    code, out, err = run("show", name)
    assert code == 0 and "Time" in out


def test_control_characters_in_a_hand_edited_log_never_reach_the_screen(store, run):
    name = make(store, "A")
    log_path(store, name).write_text(json.dumps(
        {"at": "2025-03-01T10:15:02Z", "user": "an\x1b]0;pwned\x07a", "what": "add \x1b[2Jpiece"}) + "\n")
    code, out, _ = run("history", name)
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "add piece" in out


def test_the_log_is_bounded_by_rewriting_it_with_the_newest(store, monkeypatch):
    monkeypatch.setattr(history, "MAX_BYTES", 4000)
    monkeypatch.setattr(history, "KEEP_BYTES", 2000)
    name = make(store, "A")
    store.apply(name, ops.EditDetails(max_pieces=24))
    inode = None
    for i in range(40):
        store.apply(name, ops.AddItem(model.CHECKIN, f"piece {i}"))
        size = log_path(store, name).stat().st_size
        assert size <= 4000
        if inode is not None and log_path(store, name).stat().st_ino != inode:
            assert size <= 2000  # a rewrite keeps at most KEEP_BYTES
        inode = log_path(store, name).stat().st_ino
    whats = [e.what for e in entries(store, name)]
    assert whats[-1] == "add 'piece 39'"
    assert "change the session's details" not in whats  # the oldest went first
    assert whats == [f"add 'piece {i}'" for i in range(40 - len(whats), 40)]  # in order, no gaps
    assert [p.name for p in store.folder.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_the_bound_also_counts_entries(store, monkeypatch):
    monkeypatch.setattr(history, "MAX_BYTES", 3000)
    monkeypatch.setattr(history, "KEEP_ENTRIES", 3)
    name = make(store, "A")
    for i in range(20):
        store.apply(name, ops.AddItem(model.CHECKIN, f"line {i}"))
    assert 1 <= len(entries(store, name)) <= 3 + 3000 // 150


# -- never through a symlink, a hard link or a FIFO -------------------------------------------


def test_a_symlinked_history_is_refused_and_nothing_is_written_through_it(store, tmp_path, run):
    name = make(store, "A")
    target = tmp_path / "victim.txt"
    target.write_text("precious\n")
    log_path(store, name).symlink_to(target)
    add(store, name, "Time")
    assert "Time" in texts(store.load(name))  # the change is saved all the same
    assert "symbolic link" in store.last_history_error and "saved" in store.last_history_error
    assert target.read_text() == "precious\n"
    log = history.read(store.path_for(name))
    assert log.entries == () and "symbolic link" in log.problem
    code, _, err = run("history", name)
    assert code == 1 and "symbolic link" in err and err.count("\n") == 1


def test_a_dangling_symlink_is_not_followed_to_create_a_file(store, tmp_path):
    name = make(store, "A")
    target = tmp_path / "created-through-link"
    log_path(store, name).symlink_to(target)
    add(store, name, "Time")
    assert not target.exists() and store.last_history_error


def test_a_hard_linked_history_is_refused(store, tmp_path):
    name = make(store, "A")
    add(store, name, "Time")
    other = tmp_path / "other-name"
    os.link(log_path(store, name), other)
    before = other.read_bytes()
    add(store, name, "Trust")
    assert "hard link" in store.last_history_error
    assert other.read_bytes() == before


def test_a_fifo_at_the_history_neither_blocks_nor_is_used(store):
    name = make(store, "A")
    os.mkfifo(log_path(store, name))
    add(store, name, "Time")  # would hang if the FIFO were opened for writing and waited on
    assert "not a plain file" in store.last_history_error
    assert "not a plain file" in history.read(store.path_for(name)).problem


# -- a full disk during the append ------------------------------------------------------------

_FULL = """
import os, resource, signal, sys
from jigsaw_tui.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
sys.exit(main(["--sessions-dir", sys.argv[2], "add", sys.argv[3], "--group", "A", "Community transport"]))
"""


def test_a_full_disk_during_the_append_keeps_the_change_and_says_so(store):
    name = make(store, "A")
    for i in range(10):
        add(store, name, f"piece {i}")
    path = log_path(store, name)
    before = path.read_bytes()
    assert len(before) > store.path_for(name).stat().st_size + 200  # the session fits, the log does not
    limit = len(before) + 20  # room for a part of the new line only
    result = subprocess.run([sys.executable, "-c", _FULL, str(limit), str(store.folder), name],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Community transport" in texts(Store(store.folder).load(name))
    assert "saved, but not in its history" in result.stderr and result.stderr.count("\n") == 1
    assert path.read_bytes() == before  # no half line left behind
    add(store, name, "Trust")  # and the next change is logged again
    assert entries(store, name)[-1].what == "add piece 'Trust'"


# -- removed texts and undo across restarts --------------------------------------------------


def test_removed_and_overwritten_texts_can_be_found_to_bring_back(store):
    name = make(store, "A")
    time, trust = add(store, name, "Time"), add(store, name, "Trust")
    store.apply(name, ops.EditPiece(trust.id, note="between groups"))
    store.apply(name, ops.EditPiece(trust.id, text="Trusting"))
    store.apply(name, ops.RemovePiece(time.id))
    store.apply(name, ops.AddItem(model.CHECKIN, "Hugs"))
    store.apply(name, ops.RemoveItem(model.CHECKIN, 0, "Hugs"))
    found = history_undo.removed_texts(entries(store, name))
    assert [(x.kind, x.text, x.note) for x in found] == [
        ("line", "Hugs", ""), ("piece", "Time", ""), ("piece", "Trust", "between groups"), ("piece", "Trust", "")]
    assert found[1].where == store.load(name).groups[0].id and found[1].entry.what == "remove piece"
    session = store.load(name)
    store.apply(name, ops.AddPiece(session.groups[0].id, "Time"))  # brought back
    now = history_undo.removed_texts(entries(store, name), store.load(name))
    assert [(x.kind, x.text) for x in now] == [("line", "Hugs"), ("piece", "Trust"), ("piece", "Trust")]


def test_undo_after_a_restart_undoes_only_ones_own_latest_change(store, monkeypatch):
    name = make(store, "A")
    monkeypatch.setenv("LOGNAME", "ana")
    piece = add(store, name, "Time")
    store.apply(name, ops.EditPiece(piece.id, text="Time together"))
    monkeypatch.setenv("LOGNAME", "ben")
    add(store, name, "Trust")
    monkeypatch.setenv("LOGNAME", "ana")
    restarted = Store(store.folder)  # a new process: nothing but the files
    session, entry = history_undo.undo_latest(restarted, name)
    assert entry.what == "edit piece" and texts(session) == ["Time", "Trust"]
    session, entry = history_undo.undo_latest(Store(store.folder), name)
    assert texts(session) == ["Trust"]  # ben's piece stays
    with pytest.raises(InvalidInput, match="nothing of yours to undo"):
        history_undo.undo_latest(Store(store.folder), name)
    monkeypatch.setenv("LOGNAME", "ben")
    session, _ = history_undo.undo_latest(Store(store.folder), name)
    assert texts(session) == []


def test_an_undo_done_in_the_app_counts_alone_or_as_one_step(store):
    name = make(store, "A")
    user = history.user_name()
    first = add(store, name, "Time")
    _, undo_b = store.apply(name, ops.AddPiece(store.load(name).groups[0].id, "Trust"))
    _, undo_c = store.apply(name, ops.AddPiece(store.load(name).groups[0].id, "Hugs"))
    store.apply(name, ops.Batch((undo_c, undo_b), label="undo paste"))  # two steps as one
    assert [e.what for e in history_undo.undo_stack(entries(store, name), user)] == ["add piece 'Time'"]
    _, undo_a = store.apply(name, ops.EditPiece(first.id, text="Time out"))
    store.apply(name, undo_a)
    assert [e.what for e in history_undo.undo_stack(entries(store, name), user)] == ["add piece 'Time'"]


def test_a_change_someone_else_already_undid_is_passed_over(store, monkeypatch):
    name = make(store, "A")
    monkeypatch.setenv("LOGNAME", "ana")
    store.apply(name, ops.AddGroup("B"))
    piece = add(store, name, "Time")
    monkeypatch.setenv("LOGNAME", "ben")
    store.apply(name, ops.RemovePiece(piece.id))
    session, entry = history_undo.undo_latest(Store(store.folder), name, "ana")
    assert entry.what == "add group 'B'" and [g.name for g in session.groups] == ["A"]


def test_an_undo_others_changes_made_impossible_is_a_clear_invalid_input(store, monkeypatch):
    name = make(store, "A")
    group = store.load(name).groups[0]
    monkeypatch.setenv("LOGNAME", "ana")
    store.apply(name, ops.RenameGroup(group.id, "Carers"))
    monkeypatch.setenv("LOGNAME", "ben")
    store.apply(name, ops.AddGroup("A"))  # the old name is taken now
    before = store.path_for(name).read_bytes()
    with pytest.raises(InvalidInput, match="cannot be undone now: others have changed the session since"):
        history_undo.undo_latest(Store(store.folder), name, "ana")
    assert store.path_for(name).read_bytes() == before


def test_a_tampered_undo_is_never_applied(store):
    name = make(store, "A")
    piece = add(store, name, "Time")
    store.apply(name, ops.EditPiece(piece.id, text="Time out"))
    path = log_path(store, name)
    lines = path.read_text().splitlines()
    last = json.loads(lines[-1])
    last["undo"]["ops"][0]["piece"]["text"] = "\x1b[2J" + "x" * 500  # no jigsaw writes this
    path.write_text("\n".join(lines[:-1] + [json.dumps(last)]) + "\n")
    before = store.path_for(name).read_bytes()
    with pytest.raises(InvalidInput, match="damaged"):
        history_undo.undo_latest(Store(store.folder), name, history.user_name())
    assert store.path_for(name).read_bytes() == before
    last["undo"] = {"op": "Nope"}  # one that cannot be rebuilt is passed over
    path.write_text("\n".join(lines[:-1] + [json.dumps(last)]) + "\n")
    session, entry = history_undo.undo_latest(Store(store.folder), name, history.user_name())
    assert entry.what == "add piece 'Time'" and texts(session) == []


# -- jigsaw history -----------------------------------------------------------------------------


def test_jigsaw_history_prints_when_who_what_newest_last_in_80_columns(store, run, monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("LOGNAME", "a-very-long-user-name")
    name = make(store, "A")
    piece = add(store, name, "Lifts to appointments and community transport for everyone who needs it")
    store.apply(name, ops.RemovePiece(piece.id))
    code, out, err = run("history", name)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2 and all(cell_len(line) <= 80 for line in lines)
    assert "add piece 'Lifts" in lines[0] and lines[1].split()[3:5] == ["remove", "piece"]
    assert "(was 'Lifts" in lines[1] and "a-very-lo…" in lines[1]
    assert lines[0][:4].isdigit() and lines[0][4] == "-"
    code, out, _ = run("history", name, "--limit", "1")
    assert out.count("\n") == 1 and "remove piece" in out


def test_jigsaw_history_json_gives_the_entries(store, run):
    name = make(store, "A")
    piece = add(store, name, "Time")
    store.apply(name, ops.RemovePiece(piece.id))
    code, out, _ = run("history", name, "--json")
    data = json.loads(out)
    assert code == 0 and [e["what"] for e in data] == ["add piece 'Time'", "remove piece"]
    assert set(data[1]) == {"at", "user", "app", "what", "op", "undo", "lost"}
    assert data[1]["lost"] == [{"kind": "piece", "id": piece.id, "where": store.load(name).groups[0].id,
                                "text": "Time"}]
    assert op_codec.decode(data[1]["op"]) == ops.RemovePiece(piece.id)
    code, out, _ = run("history", name, "--json", "--limit", "1")
    assert [e["what"] for e in json.loads(out)] == ["remove piece"]


def test_jigsaw_history_of_a_new_or_missing_session(store, run):
    name = make(store, "A")
    assert run("history", name) == (0, f"No changes recorded for {name} yet.\n", "")
    code, out, err = run("history", "nope")
    assert code == 1 and out == "" and err.startswith("jigsaw: no session file")
    code, _, err = run("history", name, "--limit", "0")
    assert code == 2 and "whole number" in err
