"""Processes for the reliability suite, each a real `Store` on the real file.

    python -m tests.reliability.worker writer FOLDER NAME W COUNT SEED ACKS
    python -m tests.reliability.worker reader FOLDER NAME

A writer applies COUNT ops of `mix.Writer` and appends each op to ACKS (one pickled,
base64 line, written with one unbuffered write) only after `Store.apply` returned: the
ACKS file is exactly what was acknowledged. A reader parses the file in a loop until its
stdin closes, then prints how many reads it made, how many distinct versions it saw and
every problem it met (a file that did not parse, or was missing).
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import sys
from pathlib import Path

from jigsaw_tui.core.store import Store, StoreError, parse_bytes

from .mix import Writer


def ack(fd: int, op) -> None:
    os.write(fd, base64.b64encode(pickle.dumps(op)) + b"\n")


def read_acks(path: Path) -> list:
    """The acknowledged ops; a last line cut short by a kill is no acknowledgement."""
    lines = path.read_bytes().split(b"\n")
    return [pickle.loads(base64.b64decode(line)) for line in lines[:-1]]


def writer(folder: str, name: str, w: int, count: int, seed: int, acks: str) -> int:
    store = Store(folder)
    session = store.load(name)
    chooser = Writer(w, seed)
    fd = os.open(acks, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    refused = []
    for _ in range(count):
        op = chooser.next_op(session)
        try:
            session, _undo = store.apply(name, op)
        except StoreError:
            raise
        except Exception as error:  # an op the mix thought valid was refused: report it
            refused.append(f"{op!r}: {error}")
            session = store.load(name)
            continue
        ack(fd, op)
    os.close(fd)
    print(json.dumps({"refused": refused}), flush=True)
    return 0


def reader(folder: str, name: str) -> int:
    path = Store(folder).path_for(name)
    reads, versions, problems = 0, set(), []
    os.set_blocking(sys.stdin.fileno(), False)
    print("ready", flush=True)
    while True:
        try:
            raw = path.read_bytes()
            parse_bytes(raw, path)
            versions.add(hash(raw))
        except (OSError, StoreError) as error:
            problems.append(str(error))
        reads += 1
        try:
            if sys.stdin.buffer.read() == b"":  # EOF: the test is done
                break
        except BlockingIOError:
            pass
    print(json.dumps({"reads": reads, "versions": len(versions), "problems": problems[:5]}), flush=True)
    return 0


if __name__ == "__main__":
    role, *args = sys.argv[1:]
    if role == "writer":
        folder, name, w, count, seed, acks = args
        sys.exit(writer(folder, name, int(w), int(count), int(seed), acks))
    sys.exit(reader(*args))
