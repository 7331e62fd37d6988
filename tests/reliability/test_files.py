"""Planted symlinks, and a folder shared by a Unix group.

The temp file of a save has a random name (`tempfile.mkstemp`: `.NAME.toml.XXXXXXXX.tmp`)
opened with O_CREAT | O_EXCL | O_NOFOLLOW, watched here through Python's audit hook, so
nobody can plant a symlink at the next name. To show the open refuses one anyway, a child
process makes tempfile's next name the one where a symlink was planted. The folder lock is
flock() on the folder itself: there is no lock file to plant anything at.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from jigsaw_tui.core import ops
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store, read_file

ROOT = Path(__file__).resolve().parents[2]

# Applies 20 ops and prints the name and flags of every temp file the saves opened.
WATCH_OPENS = """
import json, os, sys
from jigsaw_tui.core import ops
from jigsaw_tui.core.store import Store
opened = []
def hook(event, args):
    if event == "open" and os.path.basename(str(args[0])).startswith(".sym.toml."):
        opened.append((os.path.basename(str(args[0])), args[2]))
sys.addaudithook(hook)
store = Store(sys.argv[1])
group = store.load("sym").groups[0].id
for n in range(20):
    store.apply("sym", ops.AddPiece(group, f"piece {n}"))
print(json.dumps(opened))
"""


def test_temp_files_have_unpredictable_names_and_refuse_symlinks(tmp_path):
    store = Store(tmp_path / "sessions")
    store.create(new_session("Symlinks", ["Group one"], max_pieces=24), name="sym")
    done = subprocess.run([sys.executable, "-c", WATCH_OPENS, str(store.folder)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    opened = json.loads(done.stdout)
    names = [name for name, _ in opened]
    assert len(names) == 20 and len(set(names)) == 20  # a new name every save
    for name, flags in opened:
        random_part = name[len(".sym.toml."):-len(".tmp")]
        assert len(random_part) == 8 and str(os.getpid()) not in name
        assert flags & os.O_CREAT and flags & os.O_EXCL and flags & os.O_NOFOLLOW


# The next temp names are made known (tempfile's own sequence), so symlinks can be planted there.
PLANTED_NAMES = """
import sys, tempfile
from jigsaw_tui.core import ops
from jigsaw_tui.core.store import Store
tempfile._name_sequence = iter(["planted", "dangling", "free"])
store = Store(sys.argv[1])
store.apply("sym", ops.AddPiece(store.load("sym").groups[0].id, "saved beside the links"))
"""


def test_a_symlink_planted_at_the_temp_name_is_never_written_through(tmp_path, report):
    store = Store(tmp_path / "sessions")
    path = store.create(new_session("Symlinks", ["Group one"]), name="sym")
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not yours\n")
    nowhere = tmp_path / "created-through-a-link"
    (store.folder / ".sym.toml.planted.tmp").symlink_to(victim)
    (store.folder / ".sym.toml.dangling.tmp").symlink_to(nowhere)
    subprocess.run([sys.executable, "-c", PLANTED_NAMES, str(store.folder)], cwd=ROOT, check=True)
    assert victim.read_bytes() == b"not yours\n" and not nowhere.exists()
    assert [p.text for p in read_file(path).groups[0].pieces] == ["saved beside the links"]
    assert not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600
    # The saving process removed the planted links (they look like stale temp files),
    # and the targets stay as they were.
    assert _hidden(store.folder) == []
    assert victim.read_bytes() == b"not yours\n"
    report("symlinks planted at the next temp names: refused (O_EXCL, O_NOFOLLOW), "
           "nothing written through them, faults 2, lost 0")


def test_a_symlink_planted_at_the_session_file_is_replaced_not_followed(tmp_path):
    store = Store(tmp_path / "sessions")
    store.create(new_session("Elsewhere", ["Group one"]), name="other")
    elsewhere = tmp_path / "elsewhere.toml"
    shutil.move(store.folder / "other.toml", elsewhere)
    before = elsewhere.read_bytes()
    (store.folder / "other.toml").symlink_to(elsewhere)
    group = store.load("other").groups[0].id
    store.apply("other", ops.AddPiece(group, "written here"))
    assert elsewhere.read_bytes() == before  # the link's target is untouched
    assert not (store.folder / "other.toml").is_symlink()
    assert [p.text for p in store.load("other").groups[0].pieces] == ["written here"]


def test_there_is_no_lock_file(tmp_path):
    store = Store(tmp_path / "sessions")
    store.create(new_session("No lock file", ["Group one"]), name="plain")
    group = store.load("plain").groups[0].id
    for n in range(5):
        store.apply("plain", ops.AddPiece(group, f"piece {n}"))
    assert [n for n in os.listdir(store.folder) if not n.startswith("plain.")] == []  # (and its history)
    assert _hidden(store.folder) == []


def _hidden(folder: Path) -> list[str]:
    """Temp files left behind, or anything else hidden."""
    return [n for n in os.listdir(folder) if n.startswith(".")]


# -- a folder shared by a Unix group --------------------------------------------------

TEAM, USERS = "jigsawrel-team", ("jigsawrel-ana", "jigsawrel-ben")


@pytest.fixture
def two_users():
    """Two real users in one group (root only; removed afterwards), else None."""
    if os.geteuid() != 0 or not shutil.which("useradd"):
        yield None
        return
    _remove_users()
    made = subprocess.run(["groupadd", TEAM], capture_output=True).returncode == 0 and all(
        subprocess.run(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", "-G", TEAM, user],
                       capture_output=True).returncode == 0 for user in USERS)
    try:
        yield [pwd.getpwnam(user) for user in USERS] if made else None
    finally:
        _remove_users()


def _remove_users() -> None:
    for user in USERS:
        subprocess.run(["userdel", user], capture_output=True)
    subprocess.run(["groupdel", TEAM], capture_output=True)


def _as_user(user, work) -> int:
    """Fork, become `user` (with the team as a supplementary group, as `useradd -G` gives),
    run `work()`; the exit status. No exec: this interpreter may be unreadable to them."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setgroups([grp.getgrnam(TEAM).gr_gid])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            work()
            code = 0
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_files_made_in_a_group_shared_folder_stay_writable_for_the_group(two_users, report):
    import glob, secrets, tomli_w  # noqa: E401,F401 (loaded before the fork, see _as_user)

    base = Path(tempfile.mkdtemp(prefix="jigsaw-shared-"))
    try:
        base.chmod(0o755)
        folder = base / "sessions"
        folder.mkdir()
        if two_users:
            os.chown(folder, -1, grp.getgrnam(TEAM).gr_gid)
        folder.chmod(0o2770)  # setgid and group-writable: shared on purpose
        store = Store(folder)
        if two_users:
            ana, ben = two_users
            create = lambda: Store(folder).create(new_session("Shared", ["Group one"]), name="shared")  # noqa: E731
            assert _as_user(ana, create) == 0
            group = store.load("shared").groups[0].id
            add = lambda: Store(folder).apply("shared", ops.AddPiece(group, "added by ben"))  # noqa: E731
            assert _as_user(ben, add) == 0
        else:
            store.create(new_session("Shared", ["Group one"]), name="shared")
        info = (folder / "shared.toml").stat()
        assert stat.S_IMODE(info.st_mode) == 0o660 and info.st_gid == folder.stat().st_gid
        if two_users:
            assert info.st_uid == ben.pw_uid  # ben's save replaced ana's file, and the group can still write it
            assert [p.text for p in store.load("shared").groups[0].pieces] == ["added by ben"]
            assert _as_user(ana, lambda: Store(folder).apply("shared", ops.AddPiece(group, "ana again"))) == 0
        how = "two real users" if two_users else "one user (modes only: not root)"
        report(f"group-shared folder, {how}: files 0660 in the folder's group, writable by the other, lost 0")
    finally:
        shutil.rmtree(base, ignore_errors=True)
