"""`jigsaw share SESSION --with UNIXGROUP` / `--private`: who else may work on a session.

Sharing is done on purpose and said out loud: the session file and its history get the
group and 0660 (never anything for others), each file changed is printed, and anything
that would make the share not work (no such group, not one's own group, a folder the
group cannot reach) is refused before a file is touched. The store keeps a shared file
shared when it saves it (`core.store._keep_sharing`). Only argparse at import.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ..core.store import Store, StoreError, file_mode
from .errors import UsageError

SHARED, PRIVATE, SHARED_FOLDER = 0o660, 0o600, 0o2770


def add_parsers(sub) -> None:
    """Called by cli.build_parser: only argparse here, nothing heavy."""
    p = sub.add_parser("share", help="let a Unix group read and change a session, or make it private again")
    p.add_argument("session", nargs="?", help="the session (with --folder: any session of the folder, or none)")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--with", dest="group", metavar="UNIXGROUP",
                     help="the group that may read and change it (0660; nothing for others)")
    how.add_argument("--private", action="store_true", help="back to 0600 and its owner's own group")
    p.add_argument("--folder", action="store_true",
                   help="with --with: share the whole sessions folder (setgid, 2770): "
                   "every session in it and every new one")


def run(args, store: Store) -> int:
    if args.folder and not args.group:
        raise UsageError("--folder goes with --with UNIXGROUP (see: jigsaw share --help)")
    if args.session is None and not args.folder:
        raise UsageError("which session? (or --folder to share the whole sessions folder)")
    path = store.path_for(args.session) if args.session else None
    folder = path.parent if path else store.folder
    if path:
        _must_exist(path)
    elif not folder.is_dir():
        raise StoreError(f"no sessions folder {folder}")
    if args.private:
        return _make_private(store, path)
    gid = _group_id(args.group)
    _check_member(gid, args.group)
    _check_reachable(folder, gid, args.group, folder_too=not args.folder)
    with store.locked(folder):  # no save of this folder is halfway through meanwhile
        if args.folder:
            return _share_folder(folder, gid, args.group)
        for changed in _session_files(path):
            _set(changed, gid, SHARED, create=changed != path)
            print(f"{changed}: {_described(SHARED, args.group)}")
    print(f"Shared {path.stem} with the group {args.group}: its members can read and change it.")
    if not _group_can(folder, gid, stat.S_IWGRP, stat.S_IWOTH):
        print(f"Note: they can read it but not save changes, as a save writes a new file in {folder}, "
              f"which they cannot write in: `chgrp {args.group} {folder} && chmod 2770 {folder}` "
              f"(or `jigsaw share --with {args.group} --folder`) lets them.")
    return 0


# -- checks, before anything is changed ------------------------------------------------


def _group_id(name: str) -> int:
    import grp

    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise StoreError(f"there is no Unix group {name[:80]!r} (`getent group` lists them)") from None


def _check_member(gid: int, name: str) -> None:
    """Only one's own groups (root: any), as chgrp allows: sharing with strangers is refused."""
    if os.geteuid() == 0 or gid == os.getegid() or gid in os.getgroups():
        return
    raise StoreError(f"you are not in the group {name!r}, so you cannot share with it "
                     "(`id -nG` lists your groups; after being added to one, log in again)")


def _check_reachable(folder: Path, gid: int, name: str, folder_too: bool) -> None:
    """The group's members must be able to get to the file: search permission on the
    folder (unless --folder is about to give it) and on every folder above it."""
    folder = folder.resolve()
    if folder_too and not _group_can(folder, gid, stat.S_IXGRP, stat.S_IXOTH):
        raise StoreError(f"the group {name} cannot get into {folder}, so sharing the session alone would not "
                         f"let them open it: share the folder, `chgrp {name} {folder} && chmod 2770 {folder}` "
                         f"(or add --folder to do that)")
    for above in folder.parents:
        if not _group_can(above, gid, stat.S_IXGRP, stat.S_IXOTH):
            raise StoreError(f"the group {name} cannot get through {above} to {folder} (e.g. `chmod o+x {above}`), "
                             "or keep the sessions in a folder they can reach (--sessions-dir)")


def _group_can(path: Path, gid: int, group_bit: int, other_bit: int) -> bool:
    """What a member of the group (not the owner) may do: the group's bits when the path is
    in that group, else everyone's. ACLs are not looked at."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return bool(st.st_mode & (group_bit if st.st_gid == gid else other_bit))


def _must_exist(path: Path) -> None:
    if not os.path.lexists(path):
        raise StoreError(f"no session file {path} (`jigsaw list` shows the sessions)")


# -- changes ---------------------------------------------------------------------------


def _session_files(path: Path) -> list[Path]:
    """The session file and its history: the history is created (empty) if missing, so
    the first change after sharing does not make it in the writer's own group."""
    from ..core import history

    return [path, history.path_for(path)]


def _set(path: Path, gid: int, mode: int, create: bool = False) -> None:
    """Group and mode of one plain file, never through a symlink (O_NOFOLLOW) and never
    blocking on a FIFO planted there (O_NONBLOCK)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags | (os.O_CREAT if create else 0), PRIVATE)
    except OSError as error:
        raise StoreError(_why(error, path)) from None
    owner = None
    try:
        st = os.fstat(fd)
        owner = st.st_uid
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
            raise StoreError(f"{path} is not a plain file of its own (a link?): left as it is")
        if st.st_gid != gid:
            os.fchown(fd, -1, gid)
        os.fchmod(fd, mode)
    except OSError as error:
        raise StoreError(_why(error, path, owner)) from None
    finally:
        os.close(fd)


def _why(error: OSError, path: Path, owner: int | None = None) -> str:
    if error.errno == errno.ELOOP:
        return f"{path} is a symlink: left as it is"
    if error.errno in (errno.EPERM, errno.EACCES) and owner is not None and owner != os.geteuid():
        return f"{path} belongs to {_user(owner)}: only they (or root) can change who shares it"
    return f"could not change {path}: {error.strerror or error}"


def _share_folder(folder: Path, gid: int, name: str) -> int:
    """The folder setgid 2770 in the group (new files are made in its group, 0660:
    `core.store.file_mode`), and every session in it with its history shared now."""
    try:
        os.chown(folder, -1, gid)
        os.chmod(folder, SHARED_FOLDER)
    except OSError as error:
        raise StoreError(_why(error, folder, _owner(folder))) from None
    print(f"{folder}: {_described(SHARED_FOLDER, name, folder=True)}")
    left = 0
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith(".") or path.is_symlink():
            continue
        try:
            for changed in _session_files(path):
                _set(changed, gid, SHARED, create=changed != path)
                print(f"{changed}: {_described(SHARED, name)}")
        except StoreError as problem:
            print(f"jigsaw: {problem}", file=sys.stderr)
            left += 1
    print(f"Shared the folder {folder} with the group {name}: every session in it, and every new one.")
    return 1 if left else 0


def _make_private(store: Store, path: Path) -> int:
    folder = path.parent
    if file_mode(folder) == SHARED:
        raise StoreError(f"{folder} is shared with its group on purpose (setgid), so every save there shares "
                         "its sessions again: move the session to a private folder to keep it private")
    with store.locked(folder):
        owner_group = _own_group(os.lstat(path).st_uid)
        for changed in _session_files(path):
            if changed == path or os.path.lexists(changed):
                _set(changed, owner_group, PRIVATE)
                print(f"{changed}: {_described(PRIVATE, _group_name(owner_group))}")
    print(f"{path.stem} is private again: only {_user(os.lstat(path).st_uid)} can read or change it.")
    return 0


# -- words -----------------------------------------------------------------------------


def _described(mode: int, group: str, folder: bool = False) -> str:
    kind = stat.S_IFDIR if folder else stat.S_IFREG
    who = f"read and write for {group}" if mode & 0o060 else "only its owner"
    return f"{stat.filemode(kind | mode)} ({mode:04o}), group {group}: {who}, nothing for others"


def _owner(path: Path) -> int | None:
    try:
        return os.stat(path).st_uid
    except OSError:
        return None


def _own_group(uid: int) -> int:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_gid
    except KeyError:
        return os.getgid()


def _group_name(gid: int) -> str:
    import grp

    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"
