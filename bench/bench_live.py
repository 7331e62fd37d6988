"""Several note-takers live (issue 12): how soon another person's save is on screen, what
an idle viewer costs, and the bytes on the wire when someone else adds a piece.

Real apps in pseudo-terminals (80x24), read through a VT emulator; the other person is
this process saving through the store, as another app would. Reference, in the same
run: the same app with the file watch off (JIGSAW_WATCH=stat), which sees changes by
its once-a-second check alone, as jigsaw did before.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from bench.bench_cli import jigsaw_command
from bench.bench_tui import tui_env
from bench.common import Figure, median, percentile
from bench.ptyterm import PtyApp

GROUP = "Several note-takers live (issue 12)"


def make_session(folder: Path):
    from jigsaw_tui.core.model import new_session
    from jigsaw_tui.core.ops import AddPiece
    from jigsaw_tui.core.store import Store

    shutil.rmtree(folder, ignore_errors=True)
    store = Store(folder)
    session = new_session("Live", ["Carers", "Nurses", "Volunteers", "Facilitator"])
    for group in session.groups:
        session = AddPiece(group.id, f"{group.name} first piece").apply(session)
    store.create(session, "live")
    return store


def viewer(env: dict) -> PtyApp:
    app = PtyApp(jigsaw_command() + ["open", "live"], env=env)
    if not app.wait_for("type a piece", 20):
        raise RuntimeError("the app did not start:\n" + app.text)
    app.settle(0.3)
    return app


def latencies(store, app: PtyApp, count: int) -> list[float]:
    """Seconds from another process's save to the change on this screen."""
    from jigsaw_tui.core.ops import EditPiece

    piece = store.load("live").groups[0].pieces[0].id
    found = []
    for n in range(count):
        text = f"Carers piece {n} live"
        start = time.monotonic()
        store.apply("live", EditPiece(piece, text=text))
        if not app.wait_for(text, 5):
            raise RuntimeError(f"{text!r} never reached the screen")
        found.append(time.monotonic() - start)
        app.settle(0.1)
        time.sleep(0.05 + (n % 7) * 0.03)  # saves at no fixed phase of the once-a-second check
    return found


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(work: Path, count: int = 30, idle_seconds: float = 10.0) -> list[Figure]:
    store = make_session(work / "sessions")
    env = tui_env(work / "sessions")
    watched = viewer(env)
    polled = viewer({**env, "JIGSAW_WATCH": "stat"})
    try:
        fast = latencies(store, watched, count)
        slow = latencies(store, polled, count)
        others = [viewer(env) for _ in range(2)]  # with `polled`: three others open
        try:
            watched.settle(0.5)
            cpu_before, bytes_before = cpu_seconds(watched.pid), watched.bytes_out
            watched.wait_until(lambda: False, idle_seconds)
            idle_bytes = (watched.bytes_out - bytes_before) / idle_seconds
            idle_cpu = (cpu_seconds(watched.pid) - cpu_before) / idle_seconds * 100
        finally:
            for app in others:
                app.close()
        from jigsaw_tui.core.ops import AddPiece

        watched.record()
        store.apply("live", AddPiece(store.load("live").groups[1].id, "Nurses second piece"))
        watched.wait_for("Nurses second piece", 5)
        watched.settle(0.5)
        wire = len(watched.record())
    finally:
        watched.close()
        polled.close()
    return [
        Figure(GROUP, "another's save to this screen, p95", percentile(fast, 0.95) * 1000, "ms",
               refs=[("the once-a-second check alone, p95", percentile(slow, 0.95) * 1000)],
               target="< 300 ms", max_value=300.0,
               note=f"{count} saves; median {median(fast) * 1000:.0f} ms (check alone: {median(slow) * 1000:.0f} ms)"),
        Figure(GROUP, "an idle viewer, three others open: bytes written", idle_bytes, "B/s",
               target="0 B/s", max_value=0.0, note=f"over {idle_seconds:.0f} s"),
        Figure(GROUP, "an idle viewer, three others open: CPU", idle_cpu, "%", target="< 1 %", max_value=1.0,
               note=f"user + system time over {idle_seconds:.0f} s"),
        Figure(GROUP, "bytes on the wire when another person adds a piece", wire, "B",
               target="<= ~470 B (saving one's own piece)", max_value=520.0,
               note="the piece, the count, and the notice naming who added it"),
    ]


QUICK = {"count": 10, "idle_seconds": 4.0}
