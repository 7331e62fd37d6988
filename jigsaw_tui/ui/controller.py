"""The one door between screens and the store: apply ops, undo/redo, watch the file.

No Textual import: the controller is plain Python, so it is tested without a screen.
Screens never change a session themselves; they build an op and call `apply`.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from typing import TYPE_CHECKING, Callable

from ..core.errors import JigsawError
from ..core.model import Session
from ..core.store import Store, StoreError

if TYPE_CHECKING:  # the ops module loads on the first change, not before the first screen
    from ..core.ops import Op

OTHERS_EVERY = 1.0  # seconds: others' changes in a burst are told as one notice
HISTORY_LAG = 0.2  # seconds: the writer's history line follows its save
Listener = Callable[[Session], None]
Teller = Callable[..., None]  # (message, severity: "information" | "warning" | "error", detail="")


class Controller:
    """Holds the latest session of one file and every change made to it from this screen."""

    def __init__(self, store: Store, ref: str, ascii_only: bool = False, animate: bool = False,
                 only_group: str | None = None):
        self.store = store
        self.ref = ref
        # The note-taker view: only this group's pieces change from here (the rest is read).
        self.note_taker_group = only_group
        self.only_group = only_group
        self.read_only = not can_write(store.path_for(ref))  # shared to read: a view that updates live
        self.ascii_only = ascii_only
        self.animate = animate
        self.session: Session = store.load(ref)
        self.undo_stack: list[tuple[str, Op]] = []  # (what was done, the op that undoes it)
        self.redo_stack: list[tuple[str, Op]] = []
        self.missing = False  # the file was deleted (or broken) while open
        self._listeners: list[Listener] = []
        self._tell: Teller | None = None
        self._untold: tuple[str, str, str] | None = None  # said before there was a notice line
        self._signature = store.signature(ref)
        # This app's drafts are its own: another person's in the same line stay untouched.
        # It starts with the user's name, so others see who is typing where ("ana/1f2e3d4c").
        from ..core.who import user_name

        self.draft_tag = f"{user_name()[:30]}/{os.urandom(4).hex()}"
        store.app = self.draft_tag  # in the history: this app's changes are told apart from others'
        self._others: Counter = Counter()  # changes by others, not told yet
        self._others_who: set[str] = set()
        self._others_told_at = 0.0
        self._others_first = 0.0
        self._history_seen = None  # the last history entry looked at (read on the first change)
        self._opened_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self._history_warned = ""
        self._taken: dict[str, tuple[str, ...]] = {}  # line -> earlier drafts put back into it

    # -- being told ----------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """`listener(session)` is called after every change, ours or another process's."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def set_teller(self, teller: Teller) -> None:
        """Where notices for the person go (the app's notice line)."""
        self._tell = teller
        if self._untold:
            message, severity, detail = self._untold
            self._untold = None
            self.tell(message, severity, detail)

    def tell(self, message: str, severity: str = "information", detail: str = "") -> None:
        """Say `message` on the notice line; `detail` (a full path) is kept for the F1 help."""
        if self._tell is None:
            self._untold = (message, severity, detail)
        elif detail:
            self._tell(message, severity, detail)
        else:  # (a teller may take only the two)
            self._tell(message, severity)

    def _changed(self, session: Session) -> None:
        self.session = session
        self._signature = self.store.signature(self.ref)
        for listener in list(self._listeners):
            listener(session)

    # -- changing ------------------------------------------------------------------

    def apply(self, op: Op, undoable: bool = True, quiet: bool = False) -> bool:
        """Apply `op` to the file now. False (with a notice) if it was refused; nothing is lost."""
        if self.read_only or not self.in_view(op):
            if not (quiet and self.read_only):
                self.refuse_outside_view()
            return False
        try:
            session, undo = self.store.apply(self.ref, op)
        except StoreError as error:
            self._store_failed(error)
            return False
        except JigsawError as error:  # refused (InvalidInput): said, nothing lost
            if not quiet:
                self.tell(error.sentence(), "warning")
            return False
        if self.store.last_history_error and self.store.last_history_error != self._history_warned:
            self._history_warned = self.store.last_history_error  # saved; only the history lacks it
            self.tell(f"Saved. {self.store.last_history_error}", "warning")
        if undoable and undo.ops:  # an op that changed nothing is not worth an undo step
            self.undo_stack.append((op.describe(), undo))
            self.redo_stack.clear()
        self.missing = False
        self._changed(session)
        return True

    def join_last(self, count: int, what: str) -> None:
        """Make the last `count` changes one undo step (a paste of many lines is one act)."""
        if count < 2 or count > len(self.undo_stack):
            return
        steps = self.undo_stack[-count:]
        del self.undo_stack[-count:]
        from ..core.ops import Batch

        undo_all = Batch(tuple(op for _, op in reversed(steps)), label=f"undo {what}")
        self.undo_stack.append((what, undo_all))

    def undo(self) -> bool:
        if self.undo_stack:
            return self._replay(self.undo_stack, self.redo_stack, "Undone", "Nothing to undo")
        # Nothing of this run left to undo (a fresh start): the person's own latest change
        # from the session's history, so undo goes on across restarts.
        from ..core import history, history_undo, op_codec
        from .history_text import when

        if self.read_only or self.only_group:  # the view's limits hold for undo too
            found = history_undo.undo_op(history.read(self.store.path_for(self.ref)).entries,
                                         history.user_name(), self.session)
            if found is not None and (self.read_only or not self.in_view(found[1])):
                self.refuse_outside_view()
                return False
        try:
            session, entry = history_undo.undo_latest(self.store, self.ref)
        except StoreError as error:
            self._store_failed(error)
            return False
        except JigsawError as error:  # none, damaged, or others' changes since are in the way
            self.tell(error.sentence(), "information" if "nothing of yours" in str(error) else "warning")
            return False
        try:  # redo is doing the change again (the log's copy of it), like any undo's redo
            self.redo_stack.append((entry.what, op_codec.decode(entry.op)))
        except op_codec.OpFormatError:
            pass
        self._changed(session)
        self.tell(f"Undone from the history: {entry.what} ({when(entry.at)}).")
        return True

    def redo(self) -> bool:
        return self._replay(self.redo_stack, self.undo_stack, "Redone", "Nothing to redo")

    def _replay(self, source, target, done: str, empty: str) -> bool:
        if not source:
            self.tell(empty + ".")
            return False
        what, op = source[-1]
        try:
            session, back = self.store.apply(self.ref, op)
        except StoreError as error:
            self._store_failed(error)
            return False
        except JigsawError as error:
            self.tell(f"Could not {done.lower()[:-2]} {what}: {error.sentence()}", "warning")
            return False
        source.pop()
        target.append((what, back))
        self._changed(session)
        self.tell(f"{done}: {what}.")
        return True

    def restore_draft(self, where: str) -> tuple[str, int]:
        """The drafts kept for a line (by an earlier run, or by someone else), joined, and
        how many there were. They become this app's: its next keep replaces them."""
        drafts = [d for d in self.session.drafts if d.where == where and d.by != self.draft_tag]
        self._taken[where] = tuple(d.by for d in drafts)
        return " / ".join(d.text for d in drafts), len(drafts)

    def keep_draft(self, where: str, text: str) -> bool:
        """Save half-typed text (or clear it with "") without touching undo/redo."""
        taking = self._taken.pop(where, ())
        if self.session.draft(where, self.draft_tag) == text and not taking:
            return True
        from ..core.ops import SetDraft

        op = SetDraft(where, text, by=self.draft_tag, taking=taking)
        if not self.apply(op, undoable=False, quiet=True):
            self._taken[where] = taking
            return False
        return True

    # -- the file --------------------------------------------------------------------

    def poll(self) -> bool:
        """Pick up changes made by other processes (cheap stat). True if the session changed.
        Called when the file watch sees a save, and once a second."""
        self._tell_others()
        signature = self.store.signature(self.ref)
        if signature == self._signature:
            return False
        self._signature = signature
        if signature is None:
            self._mark_missing()
            return False
        try:
            session = self.store.load(self.ref)
        except StoreError as error:
            self.tell(f"{error.sentence()} What you see is kept; ctrl+s writes it back.", "error")
            self.missing = True
            return False
        self.missing = False
        if session == self.session:
            return False
        before = self.session
        self._changed(session)
        self._note_others(before, session)
        return True

    def refuse_outside_view(self) -> None:
        if self.read_only:
            self.tell("Read-only: you can follow this session but not change it (its owner can share it: "
                      "jigsaw share SESSION --with GROUP).", "warning")
        else:
            self.tell(f"This is the note-taker view for {self.group_name(self.only_group)}: the rest is "
                      "read-only here (F12 opens the whole session).", "warning")

    def in_view(self, op) -> bool:
        """In the note-taker view, only changes to that group's pieces (and drafts) are made."""
        from ..core.ops import AddPiece, Batch, EditPiece, MovePiece, RemovePiece, SetDraft

        if self.only_group is None or isinstance(op, SetDraft):
            return True
        if isinstance(op, Batch):
            return all(self.in_view(o) for o in op.ops)
        if isinstance(op, AddPiece):
            return op.group_id == self.only_group
        if isinstance(op, (EditPiece, RemovePiece, MovePiece)):
            group = next((g for g in self.session.groups if any(p.id == op.piece_id for p in g.pieces)), None)
            return group is not None and group.id == self.only_group and getattr(op, "group_id", None) in (
                None, self.only_group)
        return False

    def group_name(self, group_id: str | None) -> str:
        return next((g.name for g in self.session.groups if g.id == group_id), "this group")

    def typing_elsewhere(self, where: str) -> list[str]:
        """Who else has half-typed text in this line now (their drafts), by name."""
        return sorted({d.by.split("/", 1)[0] for d in self.session.drafts
                       if d.where == where and d.by and d.by != self.draft_tag and "/" in d.by})

    # -- others' changes, told in a few words -------------------------------------------

    def _new_entries(self, entries) -> list:
        """The history's entries after the last one seen (or of its second, if it was trimmed)."""
        seen = self._history_seen
        if seen is None:  # the first change seen: what was saved since this app opened
            return [e for e in entries if e.at >= self._opened_at]
        last = next((n for n in range(len(entries) - 1, -1, -1) if entries[n] == seen), None)
        return list(entries[last + 1:]) if last is not None else [e for e in entries if e.at >= seen.at]

    def _note_others(self, before: Session, after: Session) -> None:
        from ..core.changes import changes

        found = changes(before, after)
        if not found:
            return  # drafts only, or a hand edit that changed nothing shown
        if not self._others:
            self._others_first = time.monotonic()
        self._others.update(found)

    def _tell_others(self) -> None:
        """One notice for a burst: at most one a second, the counts added up meanwhile;
        told from the next check, when the writer's history line is surely there (it is
        written just after the file is replaced, which is what woke this screen)."""
        now = time.monotonic()
        if not self._others or now - self._others_told_at < OTHERS_EVERY or now - self._others_first < HISTORY_LAG:
            return
        from ..core import history
        from ..core.changes import summary

        entries = history.read(self.store.path_for(self.ref)).entries
        # Who: the history's entries since the last look, but this app's own.
        self._others_who.update(e.user for e in self._new_entries(entries) if e.app != self.draft_tag)
        self._history_seen = entries[-1] if entries else self._history_seen

        who = ", ".join(sorted(self._others_who)) or "Another app"
        self.tell(f"{who}: {summary(self._others, 70)}")
        self._others.clear()
        self._others_who.clear()
        self._others_told_at = time.monotonic()

    def save_again(self) -> bool:
        """Write the session as shown (after its file was deleted or broken)."""
        try:
            self.store.save(self.ref, self.session)
        except StoreError as error:
            self.tell(error.sentence(), "error")
            return False
        self.missing = False
        self._signature = self.store.signature(self.ref)
        self.tell("Saved.")
        return True

    def _mark_missing(self) -> None:
        if not self.missing:
            self.missing = True
            self.tell("The file was deleted; everything is still here: ctrl+s saves it again.", "error")

    def _store_failed(self, error: StoreError) -> None:
        if self.store.signature(self.ref) is None:
            self.missing = False  # say it again: the person just tried to change something
            self._mark_missing()
        else:
            self.tell(error.sentence(), "error")


def can_write(path) -> bool:
    """A save replaces the file: it needs the file and its folder writable (or the file new)."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))
