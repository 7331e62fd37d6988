"""`jigsaw share`: a session made readable and writable for a Unix group on purpose, and
kept so by the store's saves; refused when the share could not work. Real files, real
groups: one of the user's own, and (as root) one made for the test with groupadd."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from jigsaw_tui.cli import main
from jigsaw_tui.core import ops
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store

TEAM = "jigsawshare-team"
ROOT = os.geteuid() == 0


def own_group() -> str:
    """One of the groups this process is in (the last supplementary one, else its own)."""
    groups = os.getgroups() or [os.getegid()]
    return grp.getgrgid(groups[-1]).gr_name


@pytest.fixture(params=["own", "made"])
def group(request):
    """A group name to share with: one of ours, then (root only) one made for the test."""
    if request.param == "own":
        yield own_group()
        return
    if not ROOT or not shutil.which("groupadd"):
        pytest.skip("making a Unix group needs root and groupadd: tested with one of your own groups only")
    subprocess.run(["groupdel", TEAM], capture_output=True)
    if subprocess.run(["groupadd", TEAM], capture_output=True).returncode != 0:
        pytest.skip("groupadd failed: tested with one of your own groups only")
    try:
        yield TEAM
    finally:
        subprocess.run(["groupdel", TEAM], capture_output=True)


@pytest.fixture
def base():
    """A folder under /tmp (every folder above it searchable, unlike pytest's 0700 one)."""
    path = Path(tempfile.mkdtemp(prefix="jigsaw-share-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def folder_for(base: Path, group: str | None, mode: int) -> Path:
    """The sessions folder, in `group` (if given) with `mode`, holding the session `s`."""
    folder = base / "sessions"
    Store(folder).create(new_session("S", ["Group one"]), name="s")
    if group:
        os.chown(folder, -1, grp.getgrnam(group).gr_gid)
    folder.chmod(mode)
    return folder


def jigsaw(capsys, folder: Path, *argv: str):
    code = main(["--sessions-dir", str(folder), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def mode_and_group(path: Path) -> tuple[int, str]:
    st = os.lstat(path)
    return stat.S_IMODE(st.st_mode), grp.getgrgid(st.st_gid).gr_name


def test_share_with_a_group_makes_the_session_and_its_history_0660_in_that_group(base, group, capsys):
    folder = folder_for(base, group, 0o750)  # the group may enter, but it is not a shared folder
    code, out, err = jigsaw(capsys, folder, "share", "s", "--with", group)
    assert code == 0, err
    for path in (folder / "s.toml", folder / "s.history"):  # the history is made, in the group
        assert mode_and_group(path) == (0o660, group)
        assert f"{path}: -rw-rw---- (0660), group {group}" in out
    assert f"Shared s with the group {group}" in out
    assert "cannot write in" in out  # 0750: they may read it, and are told they cannot save


def test_a_shared_session_stays_shared_when_saved_in_a_private_folder(base, group, capsys):
    """The atomic save makes a new file: it must take the old one's group and mode."""
    folder = folder_for(base, group, 0o770)  # group-writable, but not setgid: file_mode says 0600
    assert jigsaw(capsys, folder, "share", "s", "--with", group)[0] == 0
    store = Store(folder)
    for n in range(3):
        before = os.stat(folder / "s.toml").st_ino
        store.apply("s", ops.AddPiece(store.load("s").groups[0].id, f"piece {n}"))
        assert os.stat(folder / "s.toml").st_ino != before  # a new file (both existed at once)
    assert mode_and_group(folder / "s.toml") == (0o660, group)
    assert mode_and_group(folder / "s.history") == (0o660, group)  # not put back to 0600
    assert store.last_history_error == ""
    assert len(store.load("s").groups[0].pieces) == 3


def test_a_private_session_stays_private_when_saved(base, capsys):
    folder = folder_for(base, None, 0o700)
    store = Store(folder)
    store.apply("s", ops.AddPiece(store.load("s").groups[0].id, "private"))
    assert mode_and_group(folder / "s.toml")[0] == 0o600
    assert mode_and_group(folder / "s.history")[0] == 0o600


def test_a_new_history_of_a_shared_session_is_not_made_in_the_writers_group(base, group, capsys):
    """A history deleted by hand is made again in the writer's own group: 0600 then, unless
    that is the group shared with; never 0660 in a group nobody chose."""
    folder = folder_for(base, group, 0o770)
    assert jigsaw(capsys, folder, "share", "s", "--with", group)[0] == 0
    (folder / "s.history").unlink()
    store = Store(folder)
    store.apply("s", ops.AddPiece(store.load("s").groups[0].id, "after"))
    mine = grp.getgrgid(os.getegid()).gr_name
    assert mode_and_group(folder / "s.history") == ((0o660, group) if mine == group else (0o600, mine))
    assert mode_and_group(folder / "s.toml") == (0o660, group)


def test_a_history_from_before_the_folder_was_shared_takes_the_folders_group(base, group, capsys):
    """Shared by hand (`chgrp GROUP DIR && chmod 2770 DIR`) after the session was made: the
    next save makes the session 0660 in the group, and its old log must not become 0660 in
    the group it was made in."""
    folder = folder_for(base, None, 0o700)
    store = Store(folder)
    store.apply("s", ops.AddPiece(store.load("s").groups[0].id, "before"))
    os.chown(folder, -1, grp.getgrnam(group).gr_gid)
    folder.chmod(0o2770)
    store.apply("s", ops.AddPiece(store.load("s").groups[0].id, "after"))
    assert mode_and_group(folder / "s.toml") == (0o660, group)
    assert mode_and_group(folder / "s.history") == (0o660, group)


def test_private_gives_back_0600_and_the_owners_own_group(base, group, capsys):
    folder = folder_for(base, group, 0o770)
    assert jigsaw(capsys, folder, "share", "s", "--with", group)[0] == 0
    code, out, err = jigsaw(capsys, folder, "share", "s", "--private")
    assert code == 0, err
    mine = grp.getgrgid(pwd.getpwuid(os.geteuid()).pw_gid).gr_name
    for path in (folder / "s.toml", folder / "s.history"):
        assert mode_and_group(path) == (0o600, mine)
    assert "private again" in out
    store = Store(folder)
    store.apply("s", ops.AddPiece(store.load("s").groups[0].id, "still private"))
    assert mode_and_group(folder / "s.toml") == (0o600, mine)


def test_private_is_refused_in_a_folder_shared_on_purpose(base, group, capsys):
    folder = folder_for(base, group, 0o2770)
    code, _, err = jigsaw(capsys, folder, "share", "s", "--private")
    assert code == 1 and "shared with its group on purpose" in err


def test_the_whole_folder_shared_with_folder(base, group, capsys):
    folder = folder_for(base, None, 0o700)
    Store(folder).create(new_session("T", ["Group one"]), name="t")
    code, out, err = jigsaw(capsys, folder, "share", "--with", group, "--folder")
    assert code == 0, err
    st = folder.stat()
    assert stat.S_IMODE(st.st_mode) == 0o2770 and grp.getgrgid(st.st_gid).gr_name == group
    for name in ("s.toml", "s.history", "t.toml", "t.history"):
        assert mode_and_group(folder / name) == (0o660, group)
    new = Store(folder).create(new_session("U", ["Group one"]), name="u")  # the store honours it
    assert mode_and_group(new) == (0o660, group)
    assert f"Shared the folder {folder}" in out


@pytest.mark.parametrize("mode", [0o700, 0o750])
def test_refused_when_the_group_cannot_get_into_the_folder(base, group, capsys, mode):
    folder = folder_for(base, None if mode == 0o700 else group, mode)
    if mode == 0o750:
        folder.chmod(0o740)  # in the group, readable, but not searchable
    before = mode_and_group(folder / "s.toml")
    code, _, err = jigsaw(capsys, folder, "share", "s", "--with", group)
    assert code == 1 and f"chgrp {group} {folder} && chmod 2770 {folder}" in err and "--folder" in err
    assert mode_and_group(folder / "s.toml") == before and not (folder / "s.history").exists()


def test_refused_when_a_folder_above_is_not_searchable(base, group, capsys):
    base.chmod(0o700)
    os.chown(base, -1, grp.getgrnam(group).gr_gid)  # even in the group: no x for it
    folder = folder_for(base, group, 0o2770)
    code, _, err = jigsaw(capsys, folder, "share", "s", "--with", group)
    assert code == 1 and f"cannot get through {base.resolve()}" in err
    assert mode_and_group(folder / "s.toml")[0] == 0o600 and not (folder / "s.history").exists()


def test_refused_for_a_group_that_does_not_exist(base, capsys):
    name = "jigsaw-no-such-group"
    with pytest.raises(KeyError):
        grp.getgrnam(name)
    folder = folder_for(base, None, 0o700)
    code, _, err = jigsaw(capsys, folder, "share", "s", "--with", name)
    assert code == 1 and f"no Unix group {name!r}" in err
    assert mode_and_group(folder / "s.toml")[0] == 0o600


def test_refused_for_a_group_the_user_is_not_in(base, group, capsys):
    """As root, a child that became `nobody` (no groups) tries; not root: skipped."""
    if not ROOT:
        pytest.skip("becoming another user needs root: the membership refusal is not tested")
    nobody = pwd.getpwnam("nobody")
    folder = folder_for(base, group, 0o777)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no exec, so nothing but this interpreter is needed
        code = 99
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            code = main(["--sessions-dir", str(folder), "share", "s", "--with", group])
            os.write(write, capsys.readouterr().err.encode())
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        err = pipe.read().decode()
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 1
    assert f"you are not in the group {group!r}" in err
    assert mode_and_group(folder / "s.toml")[0] == 0o600 and not (folder / "s.history").exists()


def test_a_symlink_at_the_session_name_is_not_followed(base, group, capsys):
    folder = folder_for(base, group, 0o750)
    victim = base / "victim.toml"
    (folder / "s.toml").rename(victim)
    (folder / "s.toml").symlink_to(victim)
    code, _, err = jigsaw(capsys, folder, "share", "s", "--with", group)
    assert code == 1 and "is a symlink" in err
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600


def test_usage_mistakes_exit_2(base, capsys):
    folder = folder_for(base, None, 0o700)
    assert jigsaw(capsys, folder, "share", "s")[0] == 2
    assert jigsaw(capsys, folder, "share", "s", "--private", "--with", own_group())[0] == 2
    assert jigsaw(capsys, folder, "share", "s", "--private", "--folder")[0] == 2
    assert jigsaw(capsys, folder, "share", "--with", own_group())[0] == 2


def test_a_writer_who_cannot_give_the_group_saves_it_private(base, group, capsys):
    """Someone outside the group replacing a shared file (here `nobody`, in a folder anyone
    may write in) cannot give the new file that group: it is 0600 then, never 0660 in a
    group nobody chose."""
    if not ROOT:
        pytest.skip("becoming another user needs root: the fallback to 0600 is not tested")
    from jigsaw_tui.core.store import atomic_write

    nobody = pwd.getpwnam("nobody")
    folder = base / "open"
    folder.mkdir()
    folder.chmod(0o777)
    target = folder / "export.md"
    target.write_bytes(b"shared\n")
    os.chown(target, -1, grp.getgrnam(group).gr_gid)
    target.chmod(0o660)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            atomic_write(target, b"replaced by nobody\n", 0o660)
            code = 0
        finally:
            os._exit(code)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    st = target.stat()
    assert target.read_bytes() == b"replaced by nobody\n" and st.st_uid == nobody.pw_uid
    assert stat.S_IMODE(st.st_mode) == 0o600
