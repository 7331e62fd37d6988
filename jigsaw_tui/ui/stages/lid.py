"""The Lid stage: a group's lid drawn as a circle, the shared lid and the blank lid.

Arrow keys go round the circle (right/down clockwise), Enter edits the piece (or
names the theme on the shared lid), g / G go to the next / previous group's lid,
s shows the shared lid, b the blank lid, p writes the PDF beside the session file.
The full text of the selected piece is shown beside the lid (below it when the
terminal is narrower than 110 columns).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Container
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from ...core.lid import LidContent, TextLid, blank_lid, group_lid, layout_text_lid, place, shared_lid, wedge_box
from ...core.ops import EditTheme
from ..dialogs import PieceEditor, PromptScreen, ask
from ..exports import export_session
from . import Stage
from .groups import save_piece_edit

WIDE = 110  # from this width the detail (34 columns) sits beside the lid, not below it


class LidView(Widget, can_focus=True):
    """The text lid, sized to the widget. Keys here are shown in the key bar."""

    HELP_TITLE = "Lid stage (the lid has the cursor)"
    # Short words in the key bar, so that every key fits at 80 columns (--ascii too);
    # the F1 help says more (the tooltip).
    BINDINGS = [
        Binding("right,down", "step(1)", "round", key_display="arrows", tooltip="the next piece round the lid"),
        Binding("left,up", "step(-1)", "back round", show=False),
        Binding("enter", "edit", "edit", tooltip="edit the piece (on the shared lid: name the theme)"),
        Binding("g", "group(1)", "group", tooltip="the next group's lid"),
        Binding("G", "group(-1)", "previous group", show=False, tooltip="the previous group's lid"),
        Binding("s", "shared", "shared", tooltip="the shared lid: the themes two or more groups named"),
        Binding("b", "blank", "blank", tooltip="a blank lid, for a group to fill in by hand"),
        Binding("p", "pdf", "PDF", tooltip="write the PDF beside the session file (the notice says where)"),
    ]

    def __init__(self, stage: "LidStage", **kwargs):
        super().__init__(**kwargs)
        self.stage = stage

    def render(self):
        content, selected = self.stage.content, self.stage.selected
        return TextLid(content.title, content.labels, selected=selected,
                       ascii_only=self.stage.controller.ascii_only, height=max(1, self.size.height))

    def action_step(self, delta: int) -> None:
        self.stage.step(delta)

    def selection_moved(self, old: int | None, new: int | None) -> None:
        """Repaint only the two labels and the two wedges: few bytes per keystroke."""
        width, height = self.size.width, self.size.height
        content = self.stage.content
        layout = layout_text_lid(width, height, content.title, content.labels,
                                 self.stage.controller.ascii_only)
        if layout.mode != "circle":
            self.refresh()
            return
        slots = place(len(content.labels))
        regions = []
        for index in (old, new):
            if index is None or index >= len(slots):
                continue
            box = layout.boxes[index]
            regions.append(Region(box.x, box.y, box.width, len(box.lines)))
            x0, y0, x1, y1 = wedge_box(layout, slots[index])
            regions.append(Region(x0, y0, x1 - x0, y1 - y0))
        self.refresh(*regions)

    def action_edit(self) -> None:
        self.stage.edit()

    def action_group(self, delta: int) -> None:
        self.stage.show_group(delta)

    def action_shared(self) -> None:
        self.stage.show("shared")

    def action_blank(self) -> None:
        self.stage.show("blank")

    def action_pdf(self) -> None:
        self.stage.export("pdf")


class LidStage(Stage):
    HELP_PARTS = (LidView,)

    def __init__(self, controller, **kwargs):
        super().__init__(controller, **kwargs)
        self.which = "group"  # "group", "shared" or "blank"
        self.group_id = ""
        self.selected: int | None = None
        self.content = LidContent("", ())
        self._pick(controller.session)

    def compose(self):
        yield Static(id="lid-heading")
        with Container(id="lid-body"):
            yield LidView(self, id="lid-view")
            yield Static(id="lid-detail")

    def on_mount(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self.query_one("#lid-body").set_class(self.size.width >= WIDE, "-wide")

    def first_focus(self):
        return self.query_one(LidView)

    # -- what is shown -------------------------------------------------------------------

    def _pick(self, session) -> None:
        """Work out the lid to show from `which`, keeping the selection where it can."""
        old_id = self._selected_id()
        if self.which == "group":
            groups = {g.id: g for g in session.groups}
            if self.group_id not in groups:
                self.group_id = session.groups[0].id if session.groups else ""
            if not self.group_id:
                self.which = "shared" if session.themes else "blank"
        if self.which == "group":
            self.content = group_lid(session, session.group(self.group_id))
        elif self.which == "shared":
            self.content = shared_lid(session)
        else:
            self.content = blank_lid(session)
        count = len(self.content.labels)
        if old_id and old_id in self.content.ids:
            self.selected = self.content.ids.index(old_id)
        elif count == 0 or self.which == "blank":
            self.selected = None
        else:
            self.selected = min(self.selected or 0, count - 1)

    def _selected_id(self) -> str:
        if self.selected is None or self.selected >= len(self.content.ids):
            return ""
        return self.content.ids[self.selected]

    def session_changed(self, session) -> None:
        self._pick(session)
        if self.is_mounted:
            self._redraw()

    def _redraw(self) -> None:
        session = self.controller.session
        heading = Text(no_wrap=True, overflow="ellipsis")
        heading.append(self.content.heading or "Lid", "bold")
        if self.which == "group" and len(session.groups) > 1:
            n = [g.id for g in session.groups].index(self.group_id) + 1
            heading.append(f"   group {n} of {len(session.groups)}: g next")
        self.query_one("#lid-heading", Static).update(heading)
        self.query_one("#lid-detail", Static).update(self.detail(session))
        self.query_one(LidView).refresh()

    def detail(self, session) -> Text:
        """The whole text of what is selected: never shortened."""
        text = Text()
        if self.which == "blank":
            text.append("A blank lid: ", "bold")
            text.append(f"{len(self.content.labels)} pieces for a group to fill in by hand. "
                        "p writes the PDF, which has a blank lid page to print.")
            return text
        if self.selected is None:
            if self.which == "shared":
                text.append("No themes yet: match pieces that name the same thing in Themes (F5).")
            else:
                text.append("No pieces yet: add them in Groups (F4).")
            return text
        total = len(self.content.labels)
        if self.which == "shared":
            theme = session.theme(self.content.ids[self.selected])
            text.append(f"Theme {self.selected + 1} of {total}: ", "bold")
            text.append(self.content.labels[self.selected])
            for piece_id in theme.pieces:
                group, piece = session.find_piece(piece_id)
                text.append("\n" + group.name + ": ", "bold")
                text.append(piece.text)
            return text
        _, piece = session.find_piece(self.content.ids[self.selected])
        text.append(f"Piece {self.selected + 1} of {total}: ", "bold")
        text.append(piece.text)
        if piece.note:
            text.append("\nNote: ", "bold")
            text.append(piece.note)
        theme = session.theme_of(piece.id)
        if theme is not None:
            text.append("\nIn the theme: ", "bold")
            text.append(theme.name)
        return text

    # -- actions -----------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        count = len(self.content.labels)
        if self.which == "blank" or count == 0:
            return
        old = self.selected
        self.selected = ((self.selected or 0) + delta) % count
        self.query_one("#lid-detail", Static).update(self.detail(self.controller.session))
        self.query_one(LidView).selection_moved(old, self.selected)

    def show(self, which: str) -> None:
        self.which = which
        self.selected = 0
        self._pick(self.controller.session)
        self._redraw()

    def show_group(self, delta: int) -> None:
        groups = self.controller.session.groups
        if not groups:
            self.controller.tell("No groups yet: add them in Groups (F4).")
            return
        ids = [g.id for g in groups]
        if self.which != "group" or self.group_id not in ids:
            self.group_id = ids[0 if delta > 0 else -1]
        else:
            self.group_id = ids[(ids.index(self.group_id) + delta) % len(ids)]
        self.which = "group"
        self.selected = 0
        self._pick(self.controller.session)
        self._redraw()

    def edit(self) -> None:
        session = self.controller.session
        if self.which == "blank":
            self.controller.tell("Nothing to edit on a blank lid: g shows a group's lid.")
            return
        if self.selected is None:
            where = "match pieces in Themes (F5)" if self.which == "shared" else "add them in Groups (F4)"
            self.controller.tell(f"Nothing to edit yet: {where}.")
            return
        item_id = self.content.ids[self.selected]
        if self.which == "shared":
            self._rename_theme(session.theme(item_id))
            return
        group, piece = session.find_piece(item_id)
        title = f"Piece {self.selected + 1} of {group.name}"

        def save(answer):
            save_piece_edit(self, group.id, piece, answer, title[0].lower() + title[1:])

        ask(self, PieceEditor(title, piece.text, piece.note, keep=save), save)

    def _rename_theme(self, theme) -> None:
        def rename(name):
            if name != theme.name:
                self.controller.apply(EditTheme(theme.id, name=name))

        ask(self, PromptScreen("Name of the theme", theme.name), rename)

    # -- exports ------------------------------------------------------------------------------

    def export(self, fmt: str, paper: str = "A4") -> None:
        export_session(self, self.controller, fmt, paper)

    def commands(self):
        return [
            ("Shared lid", "The themes named by two or more groups (s)", lambda: self.show("shared")),
            ("Blank lid", "A lid for a group to complete by hand (b)", lambda: self.show("blank")),
            ("Next group's lid", "Each group's lid in turn (g)", lambda: self.show_group(1)),
        ]
