"""The store: atomic writes, locking across processes, permissions, files it must not touch."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import tomllib

import pytest

from jigsaw_tui.core.model import InvalidInput, new_session
from jigsaw_tui.core.ops import AddGroup, AddPiece
from jigsaw_tui.core.store import Store, StoreError, read_file


def make(store: Store, *groups: str) -> str:
    return store.create(new_session("Climate action", groups)).stem


def test_create_picks_a_free_name_from_the_title(store):
    first, second = make(store, "A"), make(store, "B")
    assert (first, second) == ("climate-action", "climate-action-2")


def test_files_are_private_and_the_folder_too(store):
    name = make(store, "A")
    store.apply(name, AddPiece(store.load(name).groups[0].id, "Trust"))
    assert stat.S_IMODE(store.path_for(name).stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700


def test_a_group_shared_folder_gives_group_readable_files(store):
    store.folder.mkdir()
    os.chmod(store.folder, 0o2770)
    name = make(store, "A")
    assert stat.S_IMODE(store.path_for(name).stat().st_mode) == 0o660


@pytest.mark.parametrize("name", ["../x", "../../etc/x", "/etc/passwd", "a/b", ".hidden", "", "x" * 200])
def test_names_that_could_escape_the_folder_are_refused(store, name):
    with pytest.raises(StoreError, match="not a session name"):
        store.path_for(name)


def test_an_explicit_toml_path_is_allowed(store, tmp_path):
    path = tmp_path / "elsewhere.toml"
    assert store.path_for(str(path)) == path


def test_a_corrupt_file_is_reported_and_never_overwritten(store):
    name = make(store, "A")
    path = store.path_for(name)
    path.write_text("title = 'half a file\n")
    with pytest.raises(StoreError, match="not valid TOML.*left untouched"):
        store.apply(name, AddGroup("B"))
    assert path.read_text() == "title = 'half a file\n"


def test_a_newer_schema_is_refused_and_left_alone(store):
    name = make(store, "A")
    path = store.path_for(name)
    path.write_text(path.read_text().replace("schema_version = 1", "schema_version = 7"))
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"{path.name}.*newer jigsaw"):
        store.apply(name, AddGroup("B"))
    assert path.read_bytes() == before


def test_list_shows_unreadable_files_beside_good_ones(store):
    good = make(store, "A")
    (store.folder / "broken.toml").write_text("[[[")
    entries = {e.name: e for e in store.list()}
    assert entries[good].session is not None
    assert entries["broken"].session is None and "not valid TOML" in entries["broken"].error


@pytest.mark.parametrize(
    "code, words",
    [("ENOSPC", "disk is full"), ("EACCES", "folder read-only"), ("EROFS", "file system is read-only")],
)
def test_a_write_that_fails_leaves_the_old_file_and_says_so(store, monkeypatch, code, words):
    """A full disk or a read-only folder, simulated where the temp file is made (tests may run as root,
    which ignores permissions)."""
    import errno
    import tempfile

    name = make(store, "A")
    before = store.path_for(name).read_bytes()

    def refuse(*args, **kwargs):
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StoreError, match=f"could not write in .*{words}"):
        store.apply(name, AddGroup("B"))
    assert store.path_for(name).read_bytes() == before


def test_a_failed_fsync_removes_the_temp_file(store, monkeypatch):
    import errno

    name = make(store, "A")
    before = store.path_for(name).read_bytes()

    def fail(fd):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(StoreError, match="read-only.*last saved version"):
        store.apply(name, AddGroup("B"))
    assert store.path_for(name).read_bytes() == before
    assert [p.name for p in store.folder.iterdir()] == [f"{name}.toml"]


def test_a_refused_change_writes_nothing(store):
    name = make(store, "A")
    path = store.path_for(name)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(InvalidInput):
        store.apply(name, AddPiece(store.load(name).groups[0].id, "   "))
    assert path.stat().st_mtime_ns == mtime


ADD_PIECES = textwrap.dedent(
    """
    import sys
    from jigsaw_tui.cli import main
    folder, name, group = sys.argv[1:4]
    sys.exit(main(["--sessions-dir", folder, "add", name, "--group", group]
                  + [f"{group} piece {n}" for n in range(12)]))
    """
)


def test_eight_processes_adding_to_one_session_lose_nothing(store):
    name = make(store)
    procs = [
        subprocess.Popen([sys.executable, "-c", ADD_PIECES, str(store.folder), name, f"Group {n}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for n in range(8)
    ]
    for proc in procs:
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
    session = store.load(name)
    assert len(session.groups) == 8
    assert session.piece_count() == 96
    assert {len(g.pieces) for g in session.groups} == {12}


WRITER = textwrap.dedent(
    """
    import sys
    from jigsaw_tui.core.store import Store
    from jigsaw_tui.core.ops import AddPiece, RemovePiece
    store, name = Store(sys.argv[1]), sys.argv[2]
    group = store.load(name).groups[0].id
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        session, _ = store.apply(name, AddPiece(group, f"piece {n} " + "x" * (n % 150)))
        if len(session.group(group).pieces) >= 12:
            store.apply(name, RemovePiece(session.group(group).pieces[0].id))
    """
)


def test_kill_9_at_random_moments_always_leaves_a_valid_file(store):
    name = make(store, "A")
    path = store.path_for(name)
    rng = random.Random(1)
    for _ in range(15):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(store.folder), name],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.15))  # a random moment, not a timing check
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        session = read_file(path)  # raises if the file were partial
        assert tomllib.loads(path.read_text())["title"] == "Climate action"
        assert len(session.groups[0].pieces) <= 12
    assert read_file(path).groups[0].pieces  # the writer really wrote


def test_temp_files_left_by_a_killed_writer_are_removed_by_the_next_save(store):
    name = make(store, "A")
    path = store.path_for(name)
    stale = [path.parent / f".{path.name}.k1ll3d.tmp", path.parent / f".{path.name}.x9.tmp"]
    for leftover in stale:
        leftover.write_text("half a session")
    other = path.parent / ".another.toml.k1ll3d.tmp"  # another session's: not ours to judge
    other.write_text("x")
    fresh = Store(store.folder)  # a new process, as after the kill
    fresh.apply(name, AddGroup("B"))
    assert not any(leftover.exists() for leftover in stale)
    assert other.exists()
    assert [g.name for g in read_file(path).groups] == ["A", "B"]


def test_a_really_read_only_folder_gives_a_clear_error_and_loses_nothing(store):
    """`jigsaw add` into a folder without write permission. As root (as in CI), the child
    drops the capabilities that let root ignore permissions, so the check is real."""
    import shutil

    name = make(store, "A")
    before = store.path_for(name).read_bytes()
    command = [sys.executable, "-m", "jigsaw_tui.cli", "--sessions-dir", str(store.folder),
               "add", name, "--group", "A", "Trust"]
    if os.geteuid() == 0:
        assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test permissions as root"
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] + command
    os.chmod(store.folder, 0o555)
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    finally:
        os.chmod(store.folder, 0o700)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not write in" in result.stderr and "permission denied" in result.stderr
    assert store.path_for(name).read_bytes() == before


@pytest.mark.parametrize(
    "title, name",
    [("Bien-être au travail", "bien-être-au-travail"), ("שלום עולם", "שלום-עולם"),
     ("健康な職場", "健康な職場"), ("🎉🎉", "session"), ("../../etc/x", "etc-x")],
)
def test_names_from_titles_keep_any_script_and_nothing_else(store, title, name):
    path = store.create(new_session(title, ["A"]))
    assert path == store.folder / f"{name}.toml"
    assert store.load(name).title == title


def test_every_error_a_person_sees_has_one_root_and_one_way_to_be_a_sentence():
    from jigsaw_tui.cli.errors import UsageError
    from jigsaw_tui.core.codec import FormatError
    from jigsaw_tui.core.errors import JigsawError
    from jigsaw_tui.core.matching import NeedsConfirmation
    from jigsaw_tui.core.model import InvalidInput
    from jigsaw_tui.core.store import StoreError
    from jigsaw_tui.export import ExportError

    for error in (InvalidInput, FormatError, StoreError, ExportError, UsageError, NeedsConfirmation):
        assert issubclass(error, JigsawError), error
    assert StoreError("no session file x.toml").sentence() == "No session file x.toml."
    assert InvalidInput("is it so?").sentence() == "Is it so?"
