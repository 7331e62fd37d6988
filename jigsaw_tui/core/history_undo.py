"""Undo across restarts and "bring back", from a session's history (core/history.py).

For the app: `undo_latest` undoes the person's latest change still undoable, read from
the log, so it works after a restart; `removed_texts` lists what changes removed or
overwrote. The log is not trusted: an undo from it is rebuilt by op_codec (which checks
every field) and tried on the latest session before it is applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import op_codec
from .codec import FormatError, check_consistency, session_from_dict, session_to_dict
from .history import Entry, read, typed_lines, typed_texts, user_name
from .model import InvalidInput, Session
from .ops import Op


@dataclass(frozen=True)
class Lost:
    """A text a change removed or overwrote: a piece (`where` its group), a line (`where`
    CHECKIN or a question's id), an action (`where` its theme), a question, a theme or
    group name, a link (`note` its title), the reflections."""

    kind: str
    text: str
    entry: Entry
    note: str = ""
    where: str = ""
    id: str = ""


def removed_texts(entries, session: Session | None = None) -> list[Lost]:
    """Every text removed or overwritten, newest first; with `session`, only those it does
    not hold now (what "bring back" can offer)."""
    present: set = set()
    if session is not None:
        present = {(r["kind"], r["text"], r.get("note", "")) for _, _, r in typed_texts(session)}
        present |= {("line", text, "") for lines in typed_lines(session).values() for text in lines}
    out = []
    for entry in reversed(tuple(entries)):
        for r in entry.lost:
            lost = Lost(r.get("kind", ""), r.get("text", ""), entry, r.get("note", ""), r.get("where", ""),
                        r.get("id", ""))
            if lost.text and (lost.kind, lost.text, lost.note) not in present:
                out.append(lost)
    return out


# -- undo across restarts --------------------------------------------------------------


def undo_stack(entries, user: str) -> list[Entry]:
    """The user's changes still theirs to undo, oldest first. Each of their changes is
    pushed; one that applies the undo of their latest (one, or several as one step, as
    the app groups a paste) takes those off instead."""
    stack: list[Entry] = []
    for entry in entries:
        if entry.user != user or entry.op is None:
            continue
        taken = _undoes(entry.op, stack)
        if taken:
            del stack[-taken:]
        elif entry.undo is not None:
            stack.append(entry)
    return stack


def _undoes(op: dict, stack: list[Entry]) -> int:
    if stack and op == stack[-1].undo:
        return 1
    inner = op.get("ops") if op.get("op") == "Batch" else None
    if isinstance(inner, list) and 1 < len(inner) <= len(stack):
        if inner == [e.undo for e in reversed(stack[-len(inner):])]:
            return len(inner)
    return 0


def undo_op(entries, user: str, session: Session | None = None) -> tuple[Entry, Op] | None:
    """The user's latest change still undoable and the op that undoes it. A damaged entry
    is passed over (never trusted); with `session`, so is one whose undo would change
    nothing there (someone else has undone it already, e.g. removed the piece)."""
    for entry in reversed(undo_stack(entries, user)):
        try:
            op = op_codec.decode(entry.undo)
        except op_codec.OpFormatError:
            continue
        if session is not None:
            try:
                if op.apply(session) == session:
                    continue
            except Exception:  # it will be refused, with its reason, when undone
                pass
        return entry, op
    return None


def undo_latest(store, ref, user: str | None = None) -> tuple[Session, Entry]:
    """Undo the user's latest change still undoable, from the log (so across restarts),
    applied by `store` to the latest file. InvalidInput when there is none, when others'
    changes since make it impossible, or when its entry is damaged."""
    current = store.load(ref)
    found = undo_op(read(store.path_for(ref)).entries, user or user_name(), current)
    if found is None:
        raise InvalidInput("nothing of yours to undo in this session's history")
    entry, op = found
    _check_undo(entry, op, current)
    try:
        session, _ = store.apply(ref, op)
    except InvalidInput as error:
        raise InvalidInput(f"{_named(entry)} cannot be undone now: {error}") from None
    return session, entry


def _named(entry: Entry) -> str:
    return f"your change {entry.what!r} of {entry.at}"


def _check_undo(entry: Entry, op: Op, session: Session) -> None:
    """Its undo, tried on the session now: refused with the reason if others' changes since
    get in the way, or as damaged if it would make a session no file could hold."""
    try:
        trial = op.apply(session)
        check_consistency(trial)
    except (InvalidInput, FormatError) as error:
        raise InvalidInput(f"{_named(entry)} cannot be undone now: others have changed the session since "
                           f"({error})") from None
    except Exception:  # a damaged entry can fail in any way: it is not used
        raise InvalidInput(f"{_named(entry)} cannot be undone: its history entry is damaged") from None
    try:
        ok = session_to_dict(session_from_dict(session_to_dict(trial))) == session_to_dict(trial)
    except (FormatError, InvalidInput):
        ok = False
    if not ok:  # text a file would refuse (controls, too long): not from this jigsaw
        raise InvalidInput(f"{_named(entry)} cannot be undone: its history entry is damaged")
