"""Store (issue 2): apply one op and save; list a folder of 500 sessions.

References, timed in the same run on the same data:
- parse + serialise: `tomllib.loads` + `tomli_w.dumps` of the same session file, the
  least a TOML store can do per change;
- durable write: the same bytes to a temp file, fsync, rename, fsync the folder, which
  is the disk's share of every save.
"""

from __future__ import annotations

import os
import tempfile
import time
import tomllib
from pathlib import Path

import tomli_w

from jigsaw_tui.core.ops import AddPiece, EditPiece, RemovePiece
from jigsaw_tui.core.store import Store

from bench.common import Figure, median, percentile, time_calls
from bench.fixtures import make_folder, make_store

GROUP = "Store (issue 2)"


def typing_ops(session, count: int):
    """Ops as a facilitator makes them: edit a piece, remove one, add one (groups stay full)."""
    cycle = ("edit", "remove", "add")
    for n in range(count):
        group = session.groups[(n // 3) % len(session.groups)]
        kind = cycle[n % 3]
        if kind == "edit":
            yield lambda s, g=group, n=n: EditPiece(s.group(g.id).pieces[0].id, text=f"Trust, edit {n}")
        elif kind == "remove":
            yield lambda s, g=group: RemovePiece(s.group(g.id).pieces[-1].id)
        else:
            yield lambda s, g=group, n=n: AddPiece(g.id, f"Time to talk {n}")


def time_apply(store: Store, name: str, count: int, references=()) -> tuple[list[float], list[list[float]]]:
    """Seconds for each `Store.apply` (read latest, apply, check, write atomically, inverse).

    Each reference (a function of no arguments) is timed right after each op, so a busy
    moment on the machine lands on the op and its references alike.
    """
    session = store.load(name)
    samples: list[float] = []
    ref_samples: list[list[float]] = [[] for _ in references]
    for make_op in typing_ops(session, count):
        op = make_op(session)
        start = time.perf_counter()
        session, _undo = store.apply(name, op)
        samples.append(time.perf_counter() - start)
        for reference, out in zip(references, ref_samples):
            start = time.perf_counter()
            reference()
            out.append(time.perf_counter() - start)
    return samples, ref_samples


def durable_write(folder: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".ref.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / "reference.bin")
    dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def parse_folder(folder: Path) -> int:
    """Reference for listing: read and parse every file, no checks, no model."""
    return sum(len(tomllib.loads(p.read_text("utf-8"))) for p in folder.glob("*.toml"))


def run(work: Path, apply_count: int = 300, list_files: int = 500, list_repeat: int = 5) -> list[Figure]:
    store = make_store(work / "store")
    path = store.path_for("large")
    text, data = path.read_text("utf-8"), path.read_bytes()
    roundtrip = lambda: tomli_w.dumps(tomllib.loads(text), multiline_strings=True)
    write = lambda: durable_write(store.folder, data)
    apply_s, (toml_s, write_s) = time_apply(store, "large", apply_count, (roundtrip, write))

    figures = []
    for label, fraction, limit in (("p50", 0.50, None), ("p95", 0.95, 10.0)):
        ms = lambda xs: percentile(xs, fraction) * 1000
        figures.append(Figure(
            GROUP, f"apply one op and save, {label} (12 groups x 12 pieces, 30 themes)",
            ms(apply_s), "ms",
            refs=[(f"tomllib load + tomli_w dump, {label}", ms(toml_s)),
                  (f"fsync'd write of the same bytes, {label}", ms(write_s))],
            target="< 10 ms" if limit else "", max_value=limit,
            note=f"{len(apply_s)} ops; file {path.stat().st_size:,} bytes" if label == "p50" else "",
        ))

    folder_store = make_folder(work / "folder", list_files)
    count = len(folder_store.list())
    list_s = median(time_calls(folder_store.list, list_repeat))
    parse_s = median(time_calls(lambda: parse_folder(folder_store.folder), list_repeat))
    figures.append(Figure(
        GROUP, f"Store.list() of {count} session files", list_s * 1000, "ms",
        refs=[("read + tomllib.loads of every file", parse_s * 1000)],
        target="< 1000 ms", max_value=1000.0,
        note=f"median of {list_repeat}; one file in ten is the large session",
    ))
    return figures


QUICK = {"apply_count": 30, "list_files": 50, "list_repeat": 1}
