"""Group entry, the heart of a session: type a piece, Enter, it is saved; the next one.

Groups sit side by side where the terminal is wide and one at a time at 80x24 (Tab
moves on). The count "7/12" is in each group's heading and changes only on Enter.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from .columns import ColumnsStage
# The ops and the dialogs are imported in the functions that use them: Groups is often
# the first screen, and they load on the first change or dialog, not before its paint.
from ..widgets import CaptureColumn, ItemList, number_label


def piece_saved(label: str, before: tuple[str, str], after: tuple[str, str]) -> str:
    """What the notice says after a piece's editor is saved: what changed, in words."""
    words, note = before[0] != after[0], before[1] != after[1]
    if words and note:
        return f"Saved {label}: its words and its note."
    if note:
        return f"Saved the note of {label}." if after[1].strip() else f"Removed the note of {label}."
    return f"Saved {label}."


def save_piece_edit(node, group_id: str, piece, answer: tuple[str, str], label: str) -> None:
    """Save a piece's editor. If another note-taker removed the piece meanwhile, the words
    are not lost: the person is asked to add them back as a new piece in its group."""
    from ...core.ops import AddPiece, EditPiece
    from ..dialogs import ConfirmScreen, ask

    if answer == (piece.text, piece.note):
        return
    controller = node.controller
    text, note = answer
    if controller.apply(EditPiece(piece.id, text=text, note=note), quiet=True):
        controller.tell(piece_saved(label, (piece.text, piece.note), answer))
        return
    latest = controller.store.load(controller.ref)
    if any(p.id == piece.id for g in latest.groups for p in g.pieces):
        controller.apply(EditPiece(piece.id, text=text, note=note))  # refused for its own reason: say it
        return
    group = next((g for g in latest.groups if g.id == group_id), None) or (latest.groups or [None])[0]
    if group is None:
        controller.tell(f"The piece was removed meanwhile and no group is left; your words: {text}", "warning")
        return

    def add_back(yes: bool) -> None:
        if yes and controller.apply(AddPiece(group.id, text, note=note)):
            controller.tell(f"Added back to {group.name}: {text}")
        elif not yes:
            controller.tell(f"Not added back. Your words were: {text}")

    ask(node, ConfirmScreen(f"Someone removed this piece while you were editing it. Add your words back "
                            f"as a new piece in {group.name}?", yes="add back"), add_back)


class PieceList(ItemList):
    HELP_TITLE = "Pieces list (up from the capture line)"
    BINDINGS = [Binding("n", "item('note')", "note")]


class PieceColumn(CaptureColumn):
    """One group: its name and count, its pieces, and the line to type the next piece."""

    HELP_TITLE = "Typing a piece"
    HELP = (
        "  type, Enter           save the piece; the line is ready for the next\n"
        "  paste several lines   each line becomes a piece, up to the group's limit\n"
        "  up                    to the pieces list (edit, note, remove, reorder)\n"
    )
    placeholder = "type a piece, then Enter"

    def make_list(self) -> ItemList:
        return PieceList()

    def group(self, session):
        return session.group(self.where)

    def heading(self, session) -> Text:
        group = self.group(session)
        limit = session.settings.max_pieces
        heading = Text(group.name)
        count = f"  {len(group.pieces)}/{limit}"
        heading.append(count + (" full" if len(group.pieces) >= limit else ""))
        typing = self.controller.typing_elsewhere(self.where)  # another note-taker in this group
        if typing:
            heading.append(f"  {', '.join(typing)} typing", "italic")
        return heading

    def labels(self, session) -> list[Text]:
        ascii_only = self.controller.ascii_only
        mark = " [note]" if ascii_only else " \u270e note"
        return [number_label(n, p.text, mark if p.note else "")
                for n, p in enumerate(self.group(session).pieces, 1)]

    def add_op(self, text: str):
        from ...core.ops import AddPiece  # ops load on the first change: a faster first screen

        return AddPiece(self.where, text)

    def short_name(self, session) -> str:
        return self.group(session).name

    def piece(self, index: int):
        return self.group(self.controller.session).pieces[index]

    def move_op(self, index: int, to: int):
        from ...core.ops import MovePiece

        return MovePiece(self.piece(index).id, to)

    def remove_op(self, index: int):
        from ...core.ops import RemovePiece

        return RemovePiece(self.piece(index).id)

    def edit_item(self, index: int, what: str) -> None:
        from ..dialogs import PieceEditor, ask

        piece = self.piece(index)

        title = f"Piece {index + 1} of {self.group(self.controller.session).name}"

        group_id = self.where

        def save(answer):
            save_piece_edit(self, group_id, piece, answer, f"piece {index + 1}")

        ask(self, PieceEditor(title, piece.text, piece.note, focus_note=what == "note", keep=save), save)


class GroupsStage(ColumnsStage):
    BINDINGS = [
        Binding("tab", "next_column(1)", "next group"),
        Binding("shift+tab", "next_column(-1)", "previous group", show=False),
        Binding("ctrl+g", "add_group", "add group"),
        Binding("ctrl+r", "rename_group", "rename"),
        # t for timer; not ctrl+b (the Meditation stage's), which tmux takes for itself.
        Binding("ctrl+t", "breakout", "timer", tooltip="start the breakout timer every screen shows "
                "(again while it runs: a new end)"),
        Binding("f8", "remove_group", "remove group", show=False),
    ]
    HELP_PARTS = (PieceColumn, PieceList)
    name_strip = True
    empty_text = "No groups yet: ctrl+g adds one (a breakout group names up to 12 pieces)."

    def keys(self, session) -> list[str]:
        only = self.controller.only_group  # the note-taker view: that group alone
        return [g.id for g in session.groups if only is None or g.id == only]

    def make_column(self, key: str) -> CaptureColumn:
        return PieceColumn(self.controller, key)

    def commands(self):
        return [
            ("Add group", "A new breakout group (ctrl+g)", self.action_add_group),
            ("Rename group", "Rename the current group (ctrl+r)", self.action_rename_group),
            ("Remove group", "Remove the current group and its pieces (F8; undo brings it back)",
             self.action_remove_group),
        ]

    def outside_view(self) -> bool:
        """In the note-taker view, say so before a question is asked whose answer would be refused."""
        if self.controller.only_group or self.controller.read_only:
            self.controller.refuse_outside_view()
            return True
        return False

    def action_breakout(self) -> None:
        if not self.outside_view():
            self.screen.action_breakout()

    def current_group(self):
        column = self.focused_column()
        if column is None:
            return None
        try:
            return self.controller.session.group(column.where)
        except Exception:
            return None

    def action_add_group(self) -> None:
        from ...core.ops import AddGroup
        from ..dialogs import PromptScreen, ask

        if self.outside_view():
            return

        async def add(name):
            op = AddGroup(name)
            if self.controller.apply(op):  # the new column is mounted by session_changed
                await self.show_new_column(op.id)
                added = self.controller.session.group(op.id).name
                self.controller.tell(f"Added the group {added}: type its pieces (Tab: the other groups).")

        n = len(self.controller.session.groups) + 1
        ask(self, PromptScreen("Name of the new group", hint=f"e.g. Group {n}, GPs, Carers"), add)

    def action_rename_group(self) -> None:
        from ...core.ops import RenameGroup
        from ..dialogs import PromptScreen, ask

        if self.outside_view():
            return

        group = self.current_group()
        if group is None:
            self.controller.tell("No group to rename: ctrl+g adds one.")
            return

        def rename(name):
            if name != group.name and self.controller.apply(RenameGroup(group.id, name)):
                renamed = self.controller.session.group(group.id).name
                self.controller.tell(f"Renamed {group.name} to {renamed}.")

        ask(self, PromptScreen("Rename group", group.name), rename)

    def action_remove_group(self) -> None:
        from ...core.ops import RemoveGroup
        from ..dialogs import ConfirmScreen, ask

        if self.outside_view():
            return

        group = self.current_group()
        if group is None:
            return

        def remove(sure):
            if self.controller.apply(RemoveGroup(group.id)):
                self.controller.tell(f"Removed {group.name} (ctrl+z brings it back).")

        ask(self, ConfirmScreen(
            f"Remove the group {group.name!r} and its {len(group.pieces)} pieces?",
            "ctrl+z (undo) brings it back.", yes="remove it"), remove)
