"""Bring back what a change removed or overwrote, from its entry in the history.

`bring_back(entry, session)` is one op (a Batch: one undo step) that puts the entry's
`lost` texts (core/history.py) back into the session as it is now, leaving out those it
holds again. The rule, so nothing of anyone's is overwritten:

- Items come back as new items beside what is there now: a piece into its group (the
  first group if its group is gone), a check-in line or an answer under its question,
  an action (under its theme, if that is still there), a link. A piece still there with
  the same words gets its old note back (its note now goes into the history in turn).
- Names come back as they were: a group, question or theme still there is renamed back;
  a removed group or question is added again, with its old id when that is free, so its
  pieces and answers (brought back with it or later) go back into it.
- The reflections are added after the ones there now.

The log is not trusted: an id from it is used only if it looks like one jigsaw makes,
and every text goes through the ops' own checks.
"""

from __future__ import annotations

import re

from .history import Entry
from .history_undo import Lost, removed_texts
from .model import CHECKIN, InvalidInput, Session
from .ops import (AddAction, AddGroup, AddItem, AddLink, AddPiece, AddQuestion, Batch, EditPiece, EditQuestion,
                  EditTheme, Op, RenameGroup, SetReflections)


def can_bring_back(entry: Entry, session: Session) -> list[Lost]:
    """The entry's lost texts that the session does not hold now."""
    return removed_texts([entry], session)


def bring_back(entry: Entry, session: Session) -> tuple[Op, list[str]]:
    """The op that brings the entry's lost texts back, and why any of them cannot come
    back. InvalidInput when none can."""
    ops: list[Op] = []
    cannot: list[str] = []
    groups = [g.id for g in session.groups]  # with those brought back in this same step
    views = {v.id for v in session.views}
    taken = set(session.all_ids())
    found = can_bring_back(entry, session)
    for lost in found:  # in the entry's order: a group before its pieces
        op, why = _one(lost, session, groups, views, taken)
        if op is None:
            cannot.append(why)
        else:
            ops.append(op)
    if not ops:
        raise InvalidInput("; ".join(dict.fromkeys(cannot)) or "all of it is in the session again")
    first = " ".join(found[0].text.split())[:60]
    label = f"bring back {first!r}" + (f" and {len(found) - 1} more" if len(found) > 1 else "")
    return Batch(tuple(ops), label=label), list(dict.fromkeys(cannot))


def _one(lost: Lost, session: Session, groups: list, views: set, taken: set) -> tuple[Op | None, str]:
    kind, text = lost.kind, lost.text
    if kind == "group":
        if any(g.id == lost.id for g in session.groups):
            return RenameGroup(lost.id, text), ""
        op = AddGroup(text, **_old_id(lost.id, "g", taken))
        groups.append(op.id)
        taken.add(op.id)
        return op, ""
    if kind == "piece":
        here = next((p for g in session.groups for p in g.pieces if p.id == lost.id), None)
        if here is not None and here.text == text:
            return EditPiece(here.id, note=lost.note), ""
        group = lost.where if lost.where in groups else (groups[0] if groups else None)
        if group is None:
            return None, f"{text!r} has no group to go into: add a group first"
        return AddPiece(group, text, lost.note), ""
    if kind == "line":
        if lost.where == CHECKIN or lost.where in views:
            return AddItem(lost.where, text), ""
        return None, f"the question of {text!r} was removed: bring the question back first"
    if kind == "question":
        if any(v.id == lost.id for v in session.views):
            return EditQuestion(lost.id, text), ""
        op = AddQuestion(text, **_old_id(lost.id, "v", taken))
        views.add(op.id)
        taken.add(op.id)
        return op, ""
    if kind == "theme":
        if any(t.id == lost.id for t in session.themes):
            return EditTheme(lost.id, name=text), ""
        return None, f"the theme {text!r} is gone: match its pieces again to make it"
    if kind == "action":
        theme = lost.where if any(t.id == lost.where for t in session.themes) else ""
        return AddAction(text, theme=theme), ""
    if kind == "link":
        return AddLink(text, lost.note), ""
    if kind == "reflections":
        now = session.reflections.rstrip()
        return SetReflections(f"{now}\n\n{text}" if now else text), ""
    return None, f"{text!r} is of a kind this jigsaw cannot bring back ({kind or 'none'})"


_ID = re.compile(r"[a-z][a-z0-9]{1,15}")


def _old_id(old: str, prefix: str, taken: set) -> dict:
    """The old id when it is one jigsaw could have made and nothing uses it now, so what
    was inside the group or question finds it again; else a new one."""
    if old.startswith(prefix) and _ID.fullmatch(old) and old not in taken:
        return {"id": old}
    return {}
