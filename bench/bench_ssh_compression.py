"""SSH (issue 13): what `ssh -C` saves on the bytes the app writes to the terminal.

The real `jigsaw open` runs in a pty at 80x24 (as bench_tui starts it) through a short
typing session: the first screen, a piece typed a key at a time and saved, a second
piece, a stage switch and back. Every chunk the app writes is kept, in order, and then
compressed as OpenSSH's compression does it: one zlib stream for the whole connection at
level 6, flushed after each chunk (Z_SYNC_FLUSH here; OpenSSH uses Z_PARTIAL_FLUSH,
reported beside it), since ssh sends what it has read from the pty at once. The
reference is the same bytes uncompressed. Not counted: ssh's own framing, padding and
MAC on every packet, which compression does not shrink, and the keys going the other way.

    .venv/bin/python bench/bench_ssh_compression.py [--repeat N]    (or: sh bench/run.sh --only ssh)
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `jigsaw_tui` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, median  # noqa: E402
from bench.ptyterm import PtyApp  # noqa: E402

GROUP = "SSH -C (issue 13)"
PIECES = ("Trust and time to talk", "Tea and biscuits")  # typed a key at a time
LEVEL = 6  # OpenSSH's zlib level (not configurable in protocol 2)


class RecordingApp(PtyApp):
    """A PtyApp that keeps every chunk as read from the pty: what sshd puts in a packet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # nothing is read until the first pump
        self.step = "start"
        self.chunks: list[tuple[str, bytes]] = []
        feed = self.stream.feed

        def keep(chunk: bytes) -> None:
            self.chunks.append((self.step, bytes(chunk)))
            feed(chunk)

        self.stream.feed = keep


def record_session(work: Path) -> list[tuple[str, bytes]]:
    """(step, chunk) for every chunk the app wrote, in order; step is 'start', 'key N',
    'save' or 'switch'."""
    from bench.bench_tui import Run, jigsaw_driver, reach, tui_env

    sessions = work / "sessions"
    driver = jigsaw_driver(tui_env(sessions), sessions)
    driver.prepare()
    run = Run()
    with RecordingApp(driver.argv, 80, 24, driver.env) as app:
        if not app.wait_until(lambda: all(t in app.text for t in driver.ready), 20.0):
            raise RuntimeError(f"the first screen never showed {driver.ready}")
        app.settle(timeout=1.0)
        for text in PIECES:
            for n in range(len(text)):
                app.step = f"key {len(app.chunks)}"  # a label of its own per key
                app.send(text[n].encode())
                app.wait_until(lambda: text[: n + 1] in app.text, 5.0)
                app.settle(0.05, 1.0)
            app.step = "save"
            app.press("enter", quiet=0.3)
        app.step = "switch"  # the stage bar marks the current stage [F3 ...]
        reach(app, ("f3",), ("[F3",), "the Views stage", run)
        reach(app, ("f4",), ("[F4", "type a piece"), "back to Groups", run)
        app.close(driver.quit)
    if run.problems:
        raise RuntimeError("; ".join(run.problems))
    return app.chunks


def compressed_sizes(chunks: list[bytes], flush: int = zlib.Z_SYNC_FLUSH) -> list[int]:
    """Bytes each chunk takes in one zlib stream flushed after every chunk, as ssh -C sends it."""
    stream = zlib.compressobj(LEVEL)
    return [len(stream.compress(chunk) + stream.flush(flush)) for chunk in chunks]


def by_step(steps: list[str], sizes: list[int]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for step, size in zip(steps, sizes):
        totals[step] = totals.get(step, 0) + size
    return totals


def measure(work: Path) -> dict[str, float]:
    recorded = record_session(work)
    steps, chunks = [s for s, _ in recorded], [c for _, c in recorded]
    raw = by_step(steps, [len(c) for c in chunks])
    sync = by_step(steps, compressed_sizes(chunks))
    partial = by_step(steps, compressed_sizes(chunks, zlib.Z_PARTIAL_FLUSH))
    keys = [step for step in raw if step.startswith("key")]
    saves_and_switches = ("save", "switch")
    return {
        "key raw": median([raw[k] for k in keys]), "key zlib": median([sync[k] for k in keys]),
        "start raw": raw["start"], "start zlib": sync["start"],
        "save raw": raw.get("save", 0), "save zlib": sync.get("save", 0),
        "switch raw": raw.get("switch", 0), "switch zlib": sync.get("switch", 0),
        "total raw": sum(raw.values()), "total zlib": sum(sync.values()),
        "total partial": sum(partial.values()), "chunks": len(chunks), "keys": len(keys),
        "typing raw": sum(raw[k] for k in keys + [s for s in saves_and_switches if s in raw]),
        "typing zlib": sum(sync[k] for k in keys + [s for s in saves_and_switches if s in sync]),
    }


def run(work: Path, repeat: int = 3) -> list[Figure]:
    runs = [measure(work / f"run{n}") for n in range(repeat)]

    def mid(key: str) -> float:
        return median([r[key] for r in runs])

    def figure(name: str, what: str, note: str = "") -> Figure:
        return Figure(GROUP, name, mid(f"{what} zlib"), "B", refs=[("the same bytes without -C", mid(f"{what} raw"))],
                      note=note)

    whole_note = (f"median of {repeat} runs; {mid('chunks'):.0f} writes; with Z_PARTIAL_FLUSH (OpenSSH's "
                  f"own flush) {mid('total partial'):,.0f} B")
    return [
        figure("one typed key in the piece input (median)", "key"),
        figure("the first screen (80x24)", "start"),
        figure("saving two pieces (Enter)", "save"),
        figure("a stage switch and back (F3, F4)", "switch"),
        figure(f"typing {sum(map(len, PIECES))} keys, saving and switching, after the first screen", "typing"),
        figure("the whole session, first screen included", "total", whole_note),
    ]


QUICK = {"repeat": 1}


def main(argv: list[str] | None = None) -> int:
    import argparse
    import shutil
    import tempfile

    from bench.common import format_report

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs (each figure is the median)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="jigsaw-bench-ssh-"))
    try:
        print(format_report(run(work, args.repeat)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
