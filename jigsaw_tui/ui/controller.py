"""The one door between screens and the store: apply ops, undo/redo, watch the file.

No Textual import: the controller is plain Python, so it is tested without a screen.
Screens never change a session themselves; they build an op and call `apply`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable

from ..core.errors import JigsawError
from ..core.model import Session
from ..core.store import Store, StoreError

if TYPE_CHECKING:  # the ops module loads on the first change, not before the first screen
    from ..core.ops import Op

Listener = Callable[[Session], None]
Teller = Callable[..., None]  # (message, severity: "information" | "warning" | "error", detail="")


class Controller:
    """Holds the latest session of one file and every change made to it from this screen."""

    def __init__(self, store: Store, ref: str, ascii_only: bool = False, animate: bool = False):
        self.store = store
        self.ref = ref
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
        self.draft_tag = os.urandom(4).hex()
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
        try:
            session, undo = self.store.apply(self.ref, op)
        except StoreError as error:
            self._store_failed(error)
            return False
        except JigsawError as error:  # refused (InvalidInput): said, nothing lost
            if not quiet:
                self.tell(error.sentence(), "warning")
            return False
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
        return self._replay(self.undo_stack, self.redo_stack, "Undone", "Nothing to undo")

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
        """Pick up changes made by other processes (cheap stat). True if the session changed."""
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
        self._changed(session)
        return True

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

