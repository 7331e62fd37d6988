"""The store owns the disk: one TOML file per session in a sessions folder.

- Every change is an op applied to the *latest* file while holding an exclusive lock
  on the folder, then written atomically (temp file in the same folder, fsync,
  os.replace, fsync the folder: `atomic_write`, which the exports use too). A kill at
  any moment leaves the old or the new file.
- A file that cannot be read is never overwritten: applying an op to it fails first.
- Files are private (0600, folder 0700) unless the folder is group-shared on purpose
  (setgid and group-writable): then 0660. Never world-writable.
- The lock is flock() on the folder itself, so there is no lock file a symlink could
  redirect.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .codec import FormatError, check_consistency, session_from_dict, session_to_dict
from .errors import JigsawError
from .model import InvalidInput, Session

if TYPE_CHECKING:
    from .ops import Op

SUFFIX = ".toml"
LOCK_TIMEOUT_SECONDS = 10.0
# Letters and digits of any script, then also spaces, '_', '.' and '-'; no path characters.
_NAME = re.compile(r"[^\W_][\w .-]{0,79}")
HEADER = (
    "# A jigsaw-tui session (the Jigsaw lid method was created by COPE Scotland).\n"
    "# Hand edits are welcome: keep every id unique. jigsaw checks the file when it reads it.\n"
)


class StoreError(JigsawError):
    """A problem with a session file or folder, worded for the person at the keyboard."""


@dataclass(frozen=True)
class Entry:
    """One file in the sessions folder, readable or not."""

    name: str
    path: Path
    session: Session | None
    error: str
    modified: float


def default_folder(cwd: Path | None = None) -> Path:
    """./sessions when it exists (a checkout), else the user's data folder."""
    env = os.environ.get("JIGSAW_SESSIONS_DIR")
    if env:
        return Path(env).expanduser()
    local = (cwd or Path.cwd()) / "sessions"
    if local.is_dir():
        return local
    from platformdirs import user_data_dir  # only when needed

    return Path(user_data_dir("jigsaw-tui", appauthor=False)) / "sessions"


def slug(title: str) -> str:
    words = re.sub(r"[\W_]+", "-", title.casefold()).strip("-")  # keeps any script's letters
    return words[:60].rstrip("-") or "session"


def _os_message(error: OSError, path: Path, doing: str) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is used up",
        errno.EACCES: "permission denied (is the folder read-only?)",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOENT: "it does not exist",
        errno.EFBIG: "the file would be larger than the size limit set for this process",
    }
    reason = reasons.get(error.errno, error.strerror or str(error))
    return f"could not {doing} {path}: {reason}"


class Store:
    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        # The bytes last read or written for each file, with their session: when the file
        # still holds exactly those bytes, parsing it again can be skipped (a third of the
        # time of a change on a large session). Comparing bytes, not mtimes, cannot be fooled.
        self._known: dict[Path, tuple[bytes, Session]] = {}
        self._cleaned: set[Path] = set()  # files whose stale temp files were looked for
        self.app = ""  # this running app's tag, written in the history (core/history.py)
        self.last_history_error = ""  # why the last change is missing from the history, or ""

    def _read(self, path: Path) -> Session:
        raw = _read_bytes(path)
        known = self._known.get(path)
        if known is not None and known[0] == raw:
            return known[1]
        session = parse_bytes(raw, path)
        self._known[path] = (raw, session)
        return session

    def _write(self, path: Path, session: Session) -> None:
        if path not in self._cleaned:  # once per file and process: a directory listing costs
            self._cleaned.add(path)
            _remove_stale_temp_files(path)
        self._known[path] = (write_file(path, session), session)

    # -- names and paths ---------------------------------------------------------

    def path_for(self, ref: str | Path) -> Path:
        """A session name in the folder, or an explicit path to a .toml file."""
        text = str(ref)
        if text.endswith(SUFFIX) and (os.sep in text or Path(text).exists()):
            return Path(text)
        if text.endswith(SUFFIX):
            text = text[: -len(SUFFIX)]
        if not _NAME.fullmatch(text) or ".." in text:
            raise StoreError(
                f"{str(ref)[:80]!r} is not a session name: use letters, digits, spaces, '-' and '_' "
                "(or give the path of a .toml file)"
            )
        return self.folder / (text + SUFFIX)

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise StoreError(_os_message(error, self.folder, "create the sessions folder")) from None

    # -- reading -------------------------------------------------------------------

    def load(self, ref: str | Path) -> Session:
        return self._read(self.path_for(ref))

    def list(self) -> list[Entry]:
        """Every session file in the folder, newest first; unreadable ones carry their error."""
        return [self.entry(path, modified) for path, modified in self.session_files()]

    def session_files(self) -> list[tuple[Path, float]]:
        """(path, last change) of every session file, newest first: cheap, nothing is read."""
        if not self.folder.is_dir():
            return []
        files = []
        for path in self.folder.glob("*" + SUFFIX):
            if path.name.startswith("."):
                continue
            try:
                modified = path.stat().st_mtime
            except OSError:
                modified = 0.0
            files.append((path, modified))
        return sorted(files, key=lambda f: (-f[1], f[0].stem))

    def entry(self, path: Path, modified: float) -> Entry:
        """One file of `session_files()`, read: its session, or why it cannot be read."""
        try:
            session, error = read_file(path), ""
        except StoreError as problem:
            session, error = None, str(problem)
        return Entry(path.stem, path, session, error, modified)

    def signature(self, ref: str | Path) -> tuple | None:
        """Changes whenever the file is replaced: cheap to poll for changes by others."""
        try:
            st = self.path_for(ref).stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    # -- writing -------------------------------------------------------------------

    def create(self, session: Session, name: str | None = None) -> Path:
        """Save a new session under a free name (from its title unless given)."""
        self._ensure_folder()
        base = name or slug(session.title)
        self.path_for(base)  # validates
        with self._locked(self.folder):
            for n in range(1, 1000):
                path = self.path_for(base if n == 1 else f"{base}-{n}")
                if not path.exists():
                    from . import history  # here: only when a session is made

                    history.remove(path)  # a log left by an earlier session of this name
                    self._write(path, session)
                    return path
        raise StoreError(f"too many sessions called {base!r}")

    def apply(self, ref: str | Path, op: Op) -> tuple[Session, Op]:
        """Apply `op` to the latest file under the lock and save. Returns (session, undo op)."""
        from . import history  # here, as the ops: `jigsaw list` and `show` never need them
        from .ops import inverse
        path = self.path_for(ref)
        self.last_history_error = ""
        with self._locked(path.parent):
            before = self._read(path)
            after = op.apply(before)
            try:
                check_consistency(after)
            except FormatError as error:
                raise InvalidInput(f"that change would leave the session inconsistent: {error}") from None
            undo = inverse(op, before, after)
            if after != before:
                self._write(path, after)
                # After the file is replaced, under the same lock: the log never claims a
                # change the file lacks. A log that cannot be written is a warning, not an error.
                self.last_history_error = history.record(
                    path, op, undo, before, after, app=self.app, mode=_history_mode(path),
                    write_whole=atomic_write)
        return after, undo

    def save(self, ref: str | Path, session: Session) -> Path:
        """Write a whole session (e.g. to put back a file deleted while it was open)."""
        path = self.path_for(ref)
        if path.parent == self.folder:
            self._ensure_folder()
        with self._locked(path.parent):
            self._write(path, session)
        return path

    def delete(self, ref: str | Path) -> None:
        """The session file and its history (core/history.py)."""
        from . import history

        path = self.path_for(ref)
        with self._locked(path.parent):
            try:
                path.unlink()
            except OSError as error:
                raise StoreError(_os_message(error, path, "delete")) from None
            history.remove(path)

    # -- the lock ------------------------------------------------------------------

    def _locked(self, folder: Path):
        return _FolderLock(folder)

    def locked(self, folder: Path):
        """The folder's lock, for changes to its files that are not ops (`jigsaw share`)."""
        return self._locked(folder)


class _FolderLock:
    """flock() on the folder: shared by every process using it, no file to redirect."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.fd = -1

    def __enter__(self):
        try:
            self.fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as error:
            raise StoreError(_os_message(error, self.folder, "open the folder")) from None
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    raise StoreError(f"{self.folder} is busy (another jigsaw holds its lock); try again") from None
                time.sleep(0.005)

    def __exit__(self, *exc):
        os.close(self.fd)  # closing releases the lock


def read_file(path: Path) -> Session:
    return parse_bytes(_read_bytes(path), path)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"no session file {path} (`jigsaw list` shows the sessions)") from None
    except OSError as error:
        raise StoreError(_os_message(error, path, "read")) from None


def parse_bytes(raw: bytes, path: Path) -> Session:
    """The session in a file's bytes; errors name the file and say it was left untouched."""
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StoreError(f"{path}: not a text file (not UTF-8); it was left untouched") from None
    except tomllib.TOMLDecodeError as error:
        raise StoreError(f"{path}: not valid TOML ({error}); it was left untouched") from None
    try:
        return session_from_dict(data)
    except FormatError as error:
        raise StoreError(f"{path}: {error}; it was left untouched") from None


def file_mode(folder: Path) -> int:
    """Private (0600), or 0660 in a folder shared on purpose (setgid and group-writable).
    Never world-readable: a session, and its exports, hold what people said."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return 0o600
    shared = mode & stat.S_ISGID and mode & stat.S_IWGRP
    return 0o660 if shared else 0o600


def _history_mode(path: Path) -> int:
    """The history's mode: the session file's own (0660 when it is shared, even in a
    private folder), in the session file's group. A log that would be 0660 in another
    group (one kept from before the folder was shared, or one made anew, which takes the
    writer's own group or the folder's) is given the session's group first, or kept at
    0600: never shared with a group nobody chose."""
    from . import history

    try:
        st = path.stat()
    except OSError:
        return file_mode(path.parent)
    if stat.S_IMODE(st.st_mode) & 0o660 != 0o660:
        return 0o600
    log = history.path_for(path)
    try:
        old = os.lstat(log)
    except FileNotFoundError:
        new_gid = path.parent.stat().st_gid if path.parent.stat().st_mode & stat.S_ISGID else os.getegid()
        return 0o660 if new_gid == st.st_gid else 0o600
    except OSError:
        return 0o600
    if old.st_gid != st.st_gid and stat.S_ISREG(old.st_mode) and old.st_nlink == 1:
        try:
            os.chown(log, -1, st.st_gid, follow_symlinks=False)
        except OSError:
            return 0o600
    return 0o660


def dumps(session: Session) -> str:
    import tomli_w  # here, with tempfile and glob below: `jigsaw list` and `show` never write

    return HEADER + tomli_w.dumps(session_to_dict(session), multiline_strings=True)


def write_file(path: Path, session: Session, mode: int | None = None) -> bytes:
    """Write a session with `atomic_write`, its errors worded for the store. Returns the bytes."""
    data = dumps(session).encode("utf-8")
    try:
        atomic_write(path, data, mode)
    except WriteFailed as failed:
        if not failed.started:  # not even a temp file: a missing or read-only folder, a full disk
            message = _os_message(failed.error, path.parent, "write in")
            if not path.exists():  # a new session: there is no saved version to speak of
                raise StoreError(message) from None
        else:
            message = _os_message(failed.error, path, "save")
        raise StoreError(message + "; the file still holds the last saved version") from None
    return data


class WriteFailed(Exception):
    """`atomic_write` wrote nothing: `error` says why; `started` is False when not even the
    temp file could be made. Each caller words it for its reader (the store, the exports)."""

    def __init__(self, error: OSError, started: bool):
        super().__init__(error)
        self.error, self.started = error, started


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data`, whole or not at all, for session saves and exports alike:
    readers and a kill -9 see the old file or the new, never a part.

    A temp file beside the target (`.NAME.XXXX.tmp`, made with O_EXCL and O_NOFOLLOW, so a
    symlink planted at that name is never opened), all of `data` written, flushed and
    fsynced, then `os.replace` (which replaces a symlink at `path` itself, never the file it
    points to) and an fsync of the folder. `mode` defaults to `file_mode(folder)`, but a
    group-shared file (`jigsaw share`) stays so: see `_keep_sharing`. On any failure the
    temp file is removed, `path` is left as it was and `WriteFailed` is raised.
    """
    import tempfile

    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteFailed(error, started=False) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            mode = file_mode(folder) if mode is None else mode
            os.fchmod(handle.fileno(), _keep_sharing(path, handle.fileno(), mode))
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        _remove_quietly(tmp)
        raise WriteFailed(error, started=True) from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    _fsync_folder(folder)


def _keep_sharing(path: Path, fd: int, mode: int) -> int:
    """The mode for the new file `fd` that will replace `path`. The replacement is a new
    file, so without this a file shared with a group in a private folder would fall back
    to 0600 and the writer's own group on the next save, locking the group out. So when
    the file being replaced is group-shared (group read and write), the new one takes its
    group and 0660; if this writer cannot give it that group, 0600: never shared with a
    group nobody chose."""
    try:
        old = os.lstat(path)  # not a symlink's target: a symlink there is replaced itself
    except OSError:
        return mode
    if not stat.S_ISREG(old.st_mode) or old.st_mode & 0o060 != 0o060:
        return mode
    try:
        if os.fstat(fd).st_gid != old.st_gid:
            os.fchown(fd, -1, old.st_gid)
    except OSError:  # not in that group (any more)
        return 0o600
    return 0o660


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files of `path` left by a writer killed mid-write (kill -9, power cut). Called
    under the lock, when no other writer can be halfway through its own."""
    import glob

    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        _remove_quietly(str(stale))


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
