"""One atomic write (`core.store.atomic_write`) for session saves and exports: synced,
whole or nothing, never through a planted symlink, each failure worded as its caller words it."""

from __future__ import annotations

import errno
import os
import stat
import tempfile

import pytest

from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store, StoreError, WriteFailed, atomic_write
from jigsaw_tui.export import ExportError, write_file

OLD = b"the last saved version\n"


def export_to(target):
    write_file(target, b"a new export\n")


def save_to(target):
    Store(target.parent).save(target, new_session("After", ["A"]))


WRITERS = {"export": export_to, "session save": save_to}
ERRORS = {"export": ExportError, "session save": StoreError}


@pytest.fixture
def target(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder / "climate.toml"


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


@pytest.mark.parametrize("writer", WRITERS)
def test_the_file_is_synced_before_the_rename_and_its_folder_after(target, monkeypatch, writer):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.fstat(fd).st_ino))
        real_fsync(fd)

    def replace(source, destination):
        events.append(("replace",))
        real_replace(source, destination)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    WRITERS[writer](target)
    assert events == [("fsync", target.stat().st_ino), ("replace",), ("fsync", target.parent.stat().st_ino)]


def full_disk_halfway(monkeypatch):
    """write() puts down half of the bytes, then the disk is full."""
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise oserror(errno.ENOSPC)

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWritten(real_fdopen(fd, *a, **k)))


def replace_refused(monkeypatch):
    def refuse(source, destination):
        raise oserror(errno.EACCES)

    monkeypatch.setattr(os, "replace", refuse)


def no_temp_file(code):
    def simulate(monkeypatch):
        def refuse(*args, **kwargs):
            raise oserror(code)

        monkeypatch.setattr(tempfile, "mkstemp", refuse)

    return simulate


@pytest.mark.parametrize(
    "writer, failure, message",
    [
        ("export", full_disk_halfway, "cannot write {target}: No space left on device"),
        ("session save", full_disk_halfway,
         "could not save {target}: the disk is full; the file still holds the last saved version"),
        ("export", replace_refused, "cannot write {target}: Permission denied"),
        ("session save", replace_refused, "could not save {target}: permission denied (is the folder "
                                          "read-only?); the file still holds the last saved version"),
        ("export", no_temp_file(errno.EROFS), "cannot write {target}: Read-only file system"),
        ("session save", no_temp_file(errno.EROFS), "could not write in {folder}: the file system is read-only; "
                                                    "the file still holds the last saved version"),
        ("session save", no_temp_file(errno.ENOSPC), "could not write in {folder}: the disk is full; "
                                                     "the file still holds the last saved version"),
    ],
)
def test_a_failed_write_keeps_the_old_file_leaves_no_temp_file_and_says_why(
    target, monkeypatch, writer, failure, message
):
    target.write_bytes(OLD)
    failure(monkeypatch)
    with pytest.raises(ERRORS[writer]) as raised:
        WRITERS[writer](target)
    assert str(raised.value) == message.format(target=target, folder=target.parent)
    assert target.read_bytes() == OLD
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_a_missing_folder_is_said_before_anything_is_written(tmp_path):
    target = tmp_path / "missing" / "lids.pdf"
    with pytest.raises(ExportError) as raised:
        write_file(target, b"%PDF")
    assert str(raised.value) == f"cannot write {target}: the folder {target.parent} does not exist"
    with pytest.raises(WriteFailed) as failed:
        atomic_write(target, b"%PDF")
    assert failed.value.error.errno == errno.ENOENT and not failed.value.started
    assert not target.parent.exists()


@pytest.mark.parametrize("writer", WRITERS)
def test_a_symlink_at_the_target_is_replaced_never_written_through(target, tmp_path, writer):
    victim = tmp_path / "victim"
    victim.write_bytes(OLD)
    target.symlink_to(victim)
    WRITERS[writer](target)
    assert victim.read_bytes() == OLD
    assert not target.is_symlink() and target.read_bytes() not in (b"", OLD)


@pytest.mark.parametrize("writer", [*WRITERS, "atomic_write"])
def test_a_symlink_planted_at_the_temp_name_is_never_opened(target, tmp_path, monkeypatch, writer):
    """The next temp name is made predictable, and a dangling symlink planted there: following it
    would create the file it points to. (A session save first clears stale temp files, which
    removes the link; `atomic_write` alone shows it would be skipped anyway.)"""
    victim = tmp_path / "victim"
    (target.parent / f".{target.name}.planted.tmp").symlink_to(victim)
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: iter(["planted", "fresh"]))
    WRITERS.get(writer, lambda path: atomic_write(path, b"bytes"))(target)
    assert not victim.exists() and not victim.is_symlink()
    assert target.read_bytes() and not target.is_symlink()
    assert not (target.parent / f".{target.name}.fresh.tmp").exists()


def test_exports_take_the_mode_of_sessions(target):
    write_file(target, b"private\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    os.chmod(target.parent, 0o2770)  # shared with the group on purpose
    write_file(target, b"shared\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o660
