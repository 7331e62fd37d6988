"""Many writers at once, and writers killed at random moments: nothing acknowledged is
lost, nothing is applied twice, and no reader ever sees a broken file.

Real processes on a real file; nothing here replaces any part of the store.
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from jigsaw_tui.core import history, op_codec, ops
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store, read_file

from .mix import by_id, missing, replay
from .worker import read_acks

ROOT = Path(__file__).resolve().parents[2]
WRITERS, OPS = 8, 50


def _worker(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.worker", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, **kwargs)


def test_eight_writers_lose_nothing_and_a_reader_never_sees_a_broken_file(tmp_path, report):
    store = Store(tmp_path / "sessions")
    start = new_session("Eight writers", max_pieces=24)
    path = store.create(start, name="busy")
    start = store.load("busy")
    reader = _worker("reader", str(store.folder), "busy", stdin=subprocess.PIPE)
    assert reader.stdout.readline().strip() == "ready"
    acks = [tmp_path / f"acks-{w}" for w in range(WRITERS)]
    writers = [_worker("writer", str(store.folder), "busy", str(w), str(OPS), str(1000 + w), str(acks[w]))
               for w in range(WRITERS)]
    outputs = [p.communicate(timeout=240)[0] for p in writers]
    assert [p.returncode for p in writers] == [0] * WRITERS
    results = [json.loads(out) for out in outputs]
    reader_out, _ = reader.communicate("", timeout=60)  # closing its stdin stops it
    seen = json.loads(reader_out)

    acknowledged = [read_acks(a) for a in acks]
    final = read_file(path)
    expected = replay(start, acknowledged)
    assert [r["refused"] for r in results] == [[]] * WRITERS  # the mix never collides
    assert sum(map(len, acknowledged)) == WRITERS * OPS
    lost = missing(by_id(expected), by_id(final))
    assert lost == 0 and by_id(final) == by_id(expected)
    # The same by id without replaying: every acknowledged added piece is there unless an
    # acknowledged op took it away (its own removal, or its spare group's).
    added = {op.id for w in acknowledged for op in w if isinstance(op, ops.AddPiece)}
    gone = {op.piece_id for w in acknowledged for op in w if isinstance(op, ops.RemovePiece)}
    in_file = {p.id for g in final.groups for p in g.pieces}
    assert in_file <= added and (added - gone) - in_file <= _pieces_of_removed_groups(acknowledged)
    checkins = [op.text for w in acknowledged for op in w if isinstance(op, ops.AddItem) and op.where == "checkin"]
    assert sorted(final.checkin) == sorted(checkins)
    assert seen["problems"] == [] and seen["versions"] > 1
    report(f"{WRITERS} writers x {OPS} ops ({len(final.checkin)} shared check-ins, {len(in_file)} pieces), "
           f"reader {seen['reads']} reads of {seen['versions']} versions, broken 0, faults 0, lost {lost}")


def _pieces_of_removed_groups(acknowledged) -> set[str]:
    """Pieces that went with a spare group: replayed per writer, whose groups are its own."""
    gone = set()
    for writer_ops in acknowledged:
        pieces_of: dict[str, set[str]] = {}
        where: dict[str, str] = {}
        for op in writer_ops:
            if isinstance(op, ops.AddPiece):
                where[op.id] = op.group_id
            elif isinstance(op, ops.MovePiece) and op.group_id:
                where[op.piece_id] = op.group_id
            elif isinstance(op, ops.RemoveGroup):
                pieces_of[op.group_id] = {p for p, g in where.items() if g == op.group_id}
                gone |= pieces_of[op.group_id]
    return gone


KILLS = 200


def test_a_writer_killed_at_random_moments_never_leaves_a_broken_file(tmp_path, report):
    """200 times: fork a writer, SIGKILL it after a random short delay, then check that
    the file parses and is the acknowledged ops applied (or those and the one in flight),
    and that the history holds every acknowledged op."""
    store = Store(tmp_path / "sessions")
    path = store.create(new_session("Killed writers", ["Kept"], max_pieces=24), name="killed")
    rng = random.Random(12)
    current = read_file(path)
    acknowledged = mid_write = 0
    for round_ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer: never returns into the test
            try:
                os.close(read_end)
                _kill_me_writer(store.folder, round_, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end, "rb") as pipe:
            lines = pipe.read().split(b"\n")
        intended, acked = _parse_pipe(lines)
        mid_write += any(name.startswith(".killed.toml.") for name in os.listdir(store.folder))
        after = read_file(path)  # parses, every time
        expected = current
        for op in acked:
            expected = op.apply(expected)
        in_flight = intended[len(acked):]
        candidates = [expected] + ([in_flight[0].apply(expected)] if in_flight else [])
        assert after in candidates, f"round {round_}: the file is neither the acknowledged state nor one op more"
        logged = [e.op for e in history.read(path).entries]  # the history holds them too
        assert all(json.loads(json.dumps(op_codec.encode(op))) in logged for op in acked), f"round {round_}"
        acknowledged += len(acked)
        current = after
    left = [n for n in os.listdir(store.folder) if n.startswith(".killed.toml.")]
    assert len(left) <= 1  # each writer removes what a killed one left (the last kill's may stay)
    report(f"writer SIGKILLed {KILLS} times, {acknowledged} ops acknowledged, killed mid-write "
           f"(temp file left) {mid_write}, broken 0, lost 0 (in the file and the history)")


def _kill_me_writer(folder: Path, round_: int, pipe: int) -> None:
    """Adds, edits and removes pieces with long notes (so saves take a while), telling the
    pipe each op before applying it ("intent") and after apply returned ("ack")."""
    store = Store(folder)
    session = store.load("killed")
    group = session.groups[0].id
    rng = random.Random(round_)
    for n in range(1000):
        pieces = session.groups[0].pieces
        if len(pieces) < 20 and (not pieces or rng.random() < 0.6):
            op = ops.AddPiece(group, f"round {round_} piece {n}", note="x" * rng.randrange(2000), id=f"r{round_}p{n}")
        elif rng.random() < 0.5:
            op = ops.EditPiece(rng.choice(pieces).id, text=f"round {round_} edit {n}")
        else:
            op = ops.RemovePiece(rng.choice(pieces).id)
        os.write(pipe, b"intent " + _encoded(op) + b"\n")
        session, _undo = store.apply("killed", op)
        os.write(pipe, b"ack " + _encoded(op) + b"\n")


def _encoded(op) -> bytes:
    return base64.b64encode(pickle.dumps(op))


def _parse_pipe(lines: list[bytes]):
    intended, acked = [], []
    for line in lines[:-1]:  # the last is cut short by the kill, or empty
        kind, data = line.split(b" ")
        (intended if kind == b"intent" else acked).append(pickle.loads(base64.b64decode(data)))
    return intended, acked


def test_a_lock_held_by_a_killed_process_blocks_nobody(tmp_path, report, monkeypatch):
    """A writer stopped inside `Store.apply` (holding the folder's lock) is SIGKILLed:
    the kernel releases flock, so the next apply goes through."""
    store = Store(tmp_path / "sessions")
    store.create(new_session("Lock", ["Kept"]), name="lock")
    group = store.load("lock").groups[0].id
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(store.folder)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    import jigsaw_tui.core.store as store_module

    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.3)
    try:  # while it lives, the lock is really held: an apply gives up with "busy"
        store.apply("lock", ops.AddPiece(group, "while held"))
        raise AssertionError("apply went through while another process held the lock")
    except store_module.StoreError as error:
        assert "busy" in str(error)
    holder.kill()  # SIGKILL, inside apply, lock held
    holder.wait()
    session, _ = store.apply("lock", ops.AddPiece(group, "after the kill"))
    assert [p.text for p in session.groups[0].pieces] == ["after the kill"]
    report("lock holder SIGKILLed inside apply: next apply went through, faults 1, lost 0")


# A process stopped inside Store.apply, under the lock, until it is killed.
HOLD_LOCK = """
import sys, time
from jigsaw_tui.core import history, op_codec, ops
from jigsaw_tui.core.store import Store

class Hold(ops.Op):
    def change(self, session):
        print("holding", flush=True)
        time.sleep(600)
        return session

Store(sys.argv[1]).apply("lock", Hold())
"""
