"""The history of a session: who changed what and when, with enough to undo it.

`NAME.history` beside `NAME.toml`, one JSON object a line, oldest first:

    {"at": "2025-03-01T10:15:02Z", "user": "ana", "app": "3f9a0c1e", "what": "remove piece",
     "op": {"op": "RemovePiece", ...}, "undo": {"op": "Batch", ...},
     "lost": [{"kind": "piece", "id": "p...", "where": "g...", "text": "Time"}]}

`lost` is the text the change removed or overwrote (for "bring back"); `app` and `lost`
are left out when empty; `op` and `undo` when an entry would be too large (it is then
not undoable). Beside the session, not inside it: the session file stays small and
readable, a change appends one line instead of rewriting a growing file, and a damaged
log can never make the session unreadable.

`Store.apply` calls `record` under the folder lock, after the session file is replaced,
so the log never claims a change the file lacks (a kill between the two loses only the
entry). Drafts (half-typed text) are not changes and are not logged. Undo across
restarts and "bring back" read the log: core/history_undo.py.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import op_codec
from .model import CHECKIN, Session, strip_controls
from .ops import Op, SetDraft
from .who import user_name  # noqa: F401  (named here too: history.user_name())

SUFFIX = ".history"
MAX_BYTES = 1 << 20  # past this, the log is rewritten keeping the newest:
KEEP_BYTES = 1 << 19  # at most this many bytes
KEEP_ENTRIES = 2000  # and at most this many entries
MAX_ENTRY_BYTES = 1 << 18  # a larger entry keeps only who, when and what
MAX_READ_BYTES = 4 << 20  # a longer file (not written by jigsaw) is read from its end


@dataclass(frozen=True)
class Entry:
    at: str  # UTC, ISO 8601
    user: str
    what: str
    app: str = ""
    op: dict | None = None
    undo: dict | None = None
    lost: tuple[dict, ...] = ()

    def to_json(self) -> dict:
        out = {"at": self.at, "user": self.user, "app": self.app, "what": self.what}
        return out | {"op": self.op, "undo": self.undo, "lost": list(self.lost)}


@dataclass(frozen=True)
class Log:
    entries: tuple[Entry, ...]
    skipped: int = 0  # damaged lines, not trusted
    problem: str = ""  # one line for the person, "" when the log is whole


def path_for(session_path: Path) -> Path:
    return session_path.with_suffix(SUFFIX)


def _clean(text: str, limit: int) -> str:
    return strip_controls(text)[:limit]


# -- writing ---------------------------------------------------------------------------


def record(session_path: Path, op: Op, undo: Op, before: Session, after: Session, *,
           app: str = "", mode: int = 0o600,
           write_whole: Callable[[Path, bytes, int], None]) -> str:
    """Append the entry for a change already saved. Never raises: the change is on disk,
    so a log that cannot be written (a full disk, a planted symlink) returns a warning
    ("" when written). `write_whole` is the store's `atomic_write`, for rewrites."""
    if isinstance(op, SetDraft):
        return ""
    path = path_for(session_path)
    try:
        _append(path, entry_line(op, undo, before, after, app), mode, write_whole)
    except Exception as error:  # whatever it is, it must not look like a lost change
        reason = getattr(error, "error", error)  # atomic_write's WriteFailed holds the OSError
        why = _reason(reason) if isinstance(reason, OSError) else f"{type(reason).__name__}: {reason}"
        return f"the change was saved, but not in its history {path.name} ({why})"
    return ""


def entry_line(op: Op, undo: Op, before: Session, after: Session, app: str = "") -> bytes:
    entry: dict = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "user": user_name()}
    if app:
        entry["app"] = _clean(app, 64)
    entry["what"] = _clean(op.describe(), 300)
    full = dict(entry)
    try:
        full |= {"op": op_codec.encode(op), "undo": op_codec.encode(undo)}
    except op_codec.OpFormatError:
        pass  # who, when and what still: only not undoable
    lost = lost_texts(before, after)
    if lost:
        full["lost"] = lost
    line = _dumps(full)
    return line if len(line) <= MAX_ENTRY_BYTES else _dumps(entry)


def _dumps(entry: dict) -> bytes:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _append(path: Path, line: bytes, mode: int, write_whole) -> None:
    """One line, appended and fsynced; a torn tail (a kill mid-append) or a log past
    MAX_BYTES is rewritten instead, whole, keeping the newest entries."""
    fd = _open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, mode)
    try:
        size = os.fstat(fd).st_size
        torn = size > 0 and os.pread(fd, 1, size - 1) != b"\n"
        if not torn and size + len(line) <= MAX_BYTES:
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            except OSError:
                _truncate_quietly(fd, size)  # leave no half line (the next write would mend it)
                raise
            return
        old = _pread_all(fd, 0, size)
    finally:
        os.close(fd)
    _remove_stale_temp_files(path)
    budget = KEEP_BYTES if size + len(line) > MAX_BYTES else MAX_BYTES  # a mended tail keeps all
    write_whole(path, _trimmed(old, line, budget), mode)


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files of a rewrite killed midway (under the lock: no rewrite is running)."""
    import glob

    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


def _trimmed(old: bytes, line: bytes, budget: int) -> bytes:
    """The well-formed complete lines of `old` then `line`: the newest, within `budget`
    bytes and KEEP_ENTRIES entries."""
    lines = [raw + b"\n" for raw in _complete_lines(old) if _parse(raw) is not None] + [line]
    kept: list[bytes] = []
    total = 0
    for item in reversed(lines):
        if kept and (total + len(item) > budget or len(kept) >= KEEP_ENTRIES):
            break
        kept.append(item)
        total += len(item)
    return b"".join(reversed(kept))


def remove(session_path: Path) -> None:
    """A deleted session's history goes with it (and a new session never inherits one)."""
    try:
        os.unlink(path_for(session_path))  # a symlink there is removed itself, never followed
    except OSError:
        pass


# -- the file, safely ------------------------------------------------------------------


def _open(path: Path, flags: int, mode: int = 0o600) -> int:
    """Never through a symlink (O_NOFOLLOW), never a FIFO or device (O_NONBLOCK, then a
    plain file only); for writing, not a file with other names (a planted hard link), and
    with the session file's permissions."""
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "it is not a plain file")
        if flags & (os.O_RDWR | os.O_WRONLY):
            if st.st_nlink > 1:
                raise OSError(errno.EMLINK, "it has other names (hard links)")
            if stat.S_IMODE(st.st_mode) != mode and st.st_uid == os.geteuid():
                os.fchmod(fd, mode)  # made under a umask, or copied: as the session file
    except BaseException:
        os.close(fd)
        raise
    return fd


def _pread_all(fd: int, start: int, end: int) -> bytes:
    parts = []
    while start < end:
        chunk = os.pread(fd, min(end - start, 1 << 20), start)
        if not chunk:
            break
        parts.append(chunk)
        start += len(chunk)
    return b"".join(parts)


def _truncate_quietly(fd: int, size: int) -> None:
    try:
        os.ftruncate(fd, size)
    except OSError:
        pass


def _reason(error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ELOOP: "it is a symbolic link, which jigsaw never follows",
        errno.EFBIG: "it would pass the size limit set for this process",
    }
    return reasons.get(error.errno, error.strerror or str(error))


# -- reading ---------------------------------------------------------------------------


def read(session_path: Path) -> Log:
    """The entries, oldest first. A torn last line is ignored; a damaged line is skipped
    and counted; a log that cannot be read at all is an empty Log with its problem."""
    path = path_for(session_path)
    try:
        fd = _open(path, os.O_RDONLY)
    except FileNotFoundError:
        return Log(())
    except OSError as error:
        return Log((), 0, f"the history {path} cannot be read ({_reason(error)}); the session is not affected")
    try:
        size = os.fstat(fd).st_size
        start = max(0, size - MAX_READ_BYTES)
        data = _pread_all(fd, start, size)
    finally:
        os.close(fd)
    raws = _complete_lines(data)
    if start and raws:
        raws = raws[1:]  # read from the middle of a line
    entries, skipped = [], 0
    for raw in raws:
        entry = _parse(raw)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    problem = f"the history {path}: {skipped} damaged line{'s' * (skipped != 1)} skipped" if skipped else ""
    return Log(tuple(entries), skipped, problem)


def _complete_lines(data: bytes) -> list[bytes]:
    """Lines ending in a newline (what follows the last one is torn); blank ones left out."""
    return [raw for raw in data.split(b"\n")[:-1] if raw.strip()]


def _parse(raw: bytes) -> Entry | None:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    texts = [data.get(key, "") for key in ("at", "user", "what", "app")]
    op, undo, lost = data.get("op"), data.get("undo"), data.get("lost", [])
    if not all(isinstance(t, str) for t in texts) or not all(texts[:3]):
        return None
    if not all(x is None or isinstance(x, dict) for x in (op, undo)) or not isinstance(lost, list):
        return None
    if not all(isinstance(x, dict) and all(isinstance(v, str) for v in x.values()) for x in lost):
        return None
    at, user, what, app = (_clean(t, 300) for t in texts)
    lost = tuple({k: strip_controls(v, keep_newlines=True) for k, v in x.items()} for x in lost)
    return Entry(at, user, what, app, op, undo, lost)


# -- what a change removed or overwrote ------------------------------------------------


def typed_texts(session: Session):
    """(key, value compared, record) for each text a person typed, but for list lines."""
    for g in session.groups:
        yield ("group", g.id), g.name, {"kind": "group", "id": g.id, "text": g.name}
        for p in g.pieces:
            yield ("piece", p.id), (p.text, p.note), {"kind": "piece", "id": p.id, "where": g.id,
                                                      "text": p.text, "note": p.note}
    for t in session.themes:
        yield ("theme", t.id), t.name, {"kind": "theme", "id": t.id, "text": t.name}
    for a in session.actions:
        yield ("action", a.id), a.text, {"kind": "action", "id": a.id, "where": a.theme, "text": a.text}
    for v in session.views:
        yield ("question", v.id), v.question, {"kind": "question", "id": v.id, "text": v.question}
    for k in session.links:
        yield ("link", k.id), (k.url, k.title), {"kind": "link", "id": k.id, "text": k.url, "note": k.title}
    if session.reflections:
        yield ("reflections",), session.reflections, {"kind": "reflections", "text": session.reflections}


def typed_lines(session: Session) -> dict[str, Counter]:
    """The check-in's lines and each question's answers."""
    return {CHECKIN: Counter(session.checkin)} | {v.id: Counter(v.answers) for v in session.views}


_GONE = object()


def lost_texts(before: Session, after: Session) -> list[dict]:
    """The texts in `before` that `after` no longer holds as they were."""
    now = {key: value for key, value, _ in typed_texts(after)}
    lost = [record for key, value, record in typed_texts(before) if now.get(key, _GONE) != value]
    after_lines = typed_lines(after)
    for where, lines in typed_lines(before).items():
        for text in lines - after_lines.get(where, Counter()):
            lost.append({"kind": "line", "where": where, "text": text})
    return [{k: v for k, v in record.items() if v} for record in lost]
