"""A save that cannot finish: a full disk (a small tmpfs, when this test may mount one),
a file size limit (RLIMIT_FSIZE, anyone may set it) and a read-only file system. Each
gives a clear one-line error, the old file byte for byte, no temp file left behind, and
the app carries on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jigsaw_tui.core import ops
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store, StoreError

from ..e2e.terminal import Terminal

ROOT = Path(__file__).resolve().parents[2]
KEPT = "the file still holds the last saved version"


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KB tmpfs of our own (needs root); skipped where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(disk)],
        capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tmpfs here (not root): the file size limit test covers the save path")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def _fill(folder: Path) -> Path:
    """Write a file until the disk is full; returns it (remove it to make room)."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:  # unbuffered: nothing left to flush at close
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def test_a_full_disk_gives_a_clear_error_and_keeps_the_old_file(small_disk, report):
    store = Store(small_disk / "sessions")
    path = store.create(new_session("Full disk", ["Group one"]), name="full")
    group = store.load("full").groups[0].id
    store.apply("full", ops.AddPiece(group, "saved before"))
    before = path.read_bytes()
    filler = _fill(small_disk)
    with pytest.raises(StoreError) as failed:
        store.apply("full", ops.AddPiece(group, "no room", note="n" * 1500))
    message = str(failed.value)
    assert "the disk is full" in message and message.endswith(KEPT) and "\n" not in message
    assert path.read_bytes() == before
    assert not [n for n in os.listdir(store.folder) if n.startswith(".")]  # no temp file left
    filler.unlink()
    session, _ = store.apply("full", ops.AddPiece(group, "room again"))
    assert [p.text for p in session.groups[0].pieces] == ["saved before", "room again"]
    report("full disk (tmpfs) during a save: clear error, old file intact, faults 1, lost 0")


def test_a_read_only_file_system_says_the_file_is_kept(small_disk, report):
    store = Store(small_disk / "sessions")
    path = store.create(new_session("Read-only", ["Group one"]), name="ro")
    group = store.load("ro").groups[0].id
    before = path.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(StoreError) as failed:
            store.apply("ro", ops.AddPiece(group, "nowhere to go"))
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    message = str(failed.value)
    assert "read-only" in message and message.endswith(KEPT)
    assert path.read_bytes() == before
    report("read-only file system during a save: clear error, old file intact, faults 1, lost 0")


# Runs `jigsaw` (or one apply) with a file size limit `LIMIT` bytes; SIGXFSZ ignored, so
# a write past the limit fails with EFBIG instead of killing the process.
LIMITED = """
import resource, signal, sys
limit = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from jigsaw_tui.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _limited(limit: int, *argv: str) -> list[str]:
    return [sys.executable, "-c", LIMITED, str(limit), *argv]


def test_a_file_size_limit_during_a_save_gives_a_clear_error(tmp_path, report):
    store = Store(tmp_path / "sessions")
    path = store.create(new_session("Limited", ["Group one"]), name="limited")
    before = path.read_bytes()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(_limited(len(before) + 100, "--sessions-dir", str(store.folder), "add", "limited",
                                   "--group", "Group one", "a piece " + "long " * 28),
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 1
    message = done.stderr.strip()
    assert message.startswith("jigsaw: could not save") and message.endswith(KEPT) and "\n" not in message
    assert "size limit" in message  # says why, not only "File too large"
    assert path.read_bytes() == before
    assert not [n for n in os.listdir(store.folder) if n.startswith(".")]
    report("file size limit (RLIMIT_FSIZE) during a save: clear error, old file intact, faults 1, lost 0")


def test_the_app_says_a_save_failed_keeps_the_text_and_keeps_running(tmp_path, report):
    store = Store(tmp_path / "sessions")
    path = store.create(new_session("Limited app", ["Group one"]), name="app")
    before = path.read_bytes()
    long_piece = "Community transport to every appointment " * 3  # ~120 characters: over the limit
    term = Terminal(argv=_limited(len(before) + 80, "--sessions-dir", str(store.folder), "open", "app"),
                    env={"PYTHONDONTWRITEBYTECODE": "1"})
    try:
        term.wait_for("[F2 Meditation]")
        term.send("\x1bOS")  # F4: Groups
        term.wait_for("Group one  0/12")
        term.send(long_piece.strip())
        term.wait_for("Community transport to every")
        term.send("\r")
        term.wait_for("Could not save")
        assert "Group one  0/12" in term.text()
        assert "Community transport to every" in term.text()  # still in the line: nothing typed is lost
        assert path.read_bytes() == before
        term.send("\x15")  # ctrl+u: clear the line, then a short piece fits
        term.type_piece("Kindness")
        term.wait_for("Group one  1/12")
        term.send("\x11")  # ctrl+q
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert [p.text for p in store.load("app").groups[0].pieces] == ["Kindness"]
    report("file size limit under the app: error shown, text kept, app kept running, faults 1, lost 0")
