"""The report's own parts, edited from the Actions stage: the reflections (ctrl+r) and the
links and resources (ctrl+l). What is typed is checked here, before the dialog closes,
so a refused link or a too long text stays on screen to be mended: nothing is lost.
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.model import InvalidInput
from ..lines import CaptureInput
from .basic import note_area

Check = Callable[..., "str | None"]  # what is wrong with an answer, for a person (None: nothing)


def problem(make_op, session) -> str | None:
    """Why the op `make_op()` would be refused on `session`, or None: the dialog's check."""
    try:
        make_op().apply(session)
    except InvalidInput as error:
        return error.sentence()
    return None


class ReflectionsEditor(ModalScreen["str | None"]):
    """The reflections: a few paragraphs after the comparison. ctrl+s saves."""

    CSS_PATH = ["dialogs.tcss", "report.tcss"]
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        # Not priority: it must run after the keys typed before it, or their text is lost.
        Binding("ctrl+s", "save", "save"),
        Binding("escape,ctrl+c", "cancel", "cancel", priority=True),
    ]

    def __init__(self, text: str, check: Check, keep=None):
        super().__init__()
        self.text = text
        self.check = check  # the text -> what is wrong with it, or None
        self.keep = keep  # called with the text if the app must close with this open

    def compose(self):
        with Vertical():
            yield Static(Text("Reflections (printed after the comparison table)"), classes="title")
            yield Static(Text("Where the groups agree, where they may overlap, where they differ, and what "
                              "that means for what comes next. A blank line starts a new paragraph."),
                         classes="hint")
            area = note_area(self.text)
            area.cursor_blink = False
            yield area
            yield Static(Text(""), classes="problem")
            yield Static(Text("ctrl+s: save    ctrl+c or Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#note"))

    def typed(self) -> str:
        from textual.widgets import TextArea  # loaded with the note area: see note_area

        return self.query_one("#note", TextArea).text

    def keep_typed(self) -> None:
        """The link dropped (or the app is quitting) mid-edit: save what is typed, as ctrl+s would."""
        if self.keep is not None and self.typed() != self.text and self.check(self.typed()) is None:
            self.keep(self.typed())

    def action_save(self) -> None:
        text = self.typed()
        wrong = self.check(text)
        if wrong is not None:  # too long: said here, the text stays to be shortened
            self.query_one(".problem", Static).update(Text("! " + wrong))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkEditor(ModalScreen["tuple[str, str] | None"]):
    """A link's title and address. Enter in either line saves, once the address is one
    jigsaw takes (https://, http://, mailto:); Tab moves between them."""

    CSS_PATH = ["dialogs.tcss", "report.tcss"]
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [Binding("escape,ctrl+c", "cancel", "cancel", priority=True)]

    def __init__(self, heading: str, title: str, url: str, check: Check):
        super().__init__()
        self.heading = heading
        self.values = (title, url)
        self.check = check  # (title, url) -> what is wrong, or None

    def compose(self):
        with Vertical():
            yield Static(Text(self.heading), classes="title")
            yield Static(Text("Title (what it is, e.g. \"Slides of the session\")"))
            yield CaptureInput(value=self.values[0], id="title", enter=self.save)
            yield Static(Text("Address (https://..., http://... or mailto:...)"))
            yield CaptureInput(value=self.values[1], id="url", enter=self.save)
            yield Static(Text(""), classes="problem")
            yield Static(Text("Enter: save    Tab: next line    ctrl+c or Esc: cancel\n"
                              "The address is printed as it is; jigsaw never opens it."), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#title" if not self.values[0] else "#url", Input))

    def save(self) -> None:
        answer = tuple(self.query_one(f"#{i}", Input).value for i in ("title", "url"))
        wrong = self.check(*answer)
        if wrong is not None:  # said here; what was typed stays in the lines to be mended
            self.query_one(".problem", Static).update(Text("! " + wrong))
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkList(OptionList):
    """Enter edits the link under the cursor, at once (OptionList's own Enter posts a message)."""

    def action_select(self) -> None:
        self.screen.action_edit()


class LinksScreen(ModalScreen[None]):
    """The links and resources printed at the end of the report: a adds, e edits, d
    removes, shift+up/down move; every change is an op, saved at once."""

    CSS_PATH = ["dialogs.tcss", "report.tcss"]
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("a", "add", "add"),
        Binding("e", "edit", "edit"),
        Binding("d,delete", "remove", "remove"),
        Binding("shift+up,ctrl+up,minus", "move(-1)", "move up"),
        Binding("shift+down,ctrl+down,plus", "move(1)", "move down"),
        Binding("ctrl+z", "undo", "undo"),
        Binding("ctrl+y", "redo", "redo"),
        Binding("escape,q,ctrl+c", "close", "close"),
    ]

    def __init__(self, controller):
        super().__init__()
        self.controller = controller

    def compose(self):
        with Vertical():
            yield Static(Text("Links and resources (printed at the end of the report)"), classes="title")
            yield LinkList()
            yield Static(Text(""), classes="problem")
            yield Static(Text("a: add    e or Enter: edit    d: remove    shift+up/down: move\n"
                              "ctrl+z: undo    q or Esc: close"), classes="hint")

    def on_mount(self) -> None:
        self.show_links()
        self.set_focus(self.query_one(LinkList))

    def show_links(self, at: int | None = None) -> None:
        links = self.controller.session.links
        options = self.query_one(LinkList)
        keep = options.highlighted if at is None else at
        options.clear_options()
        if not links:
            options.add_option(Option(Text("No links yet: a adds one (a video, the slides, an event)."),
                                      disabled=True))
            return
        for n, link in enumerate(links, 1):
            label = Text(f"{n:>2}. ")
            label.append(link.title or "(no title)")
            label.append(f"\n    {link.url}", "dim")  # literal text: never markup, never opened
            options.add_option(Option(label, id=link.id))
        options.highlighted = min(keep or 0, len(links) - 1)

    def say(self, text: str) -> None:
        self.query_one(".problem", Static).update(Text(text))

    def current(self):
        links = self.controller.session.links
        at = self.query_one(LinkList).highlighted
        return links[at] if links and at is not None and at < len(links) else None

    def apply(self, op, done: str, at: int | None = None) -> None:
        if self.controller.apply(op):
            self.say(done)
        else:
            self.say("! Not saved: the notice line below says why.")
        self.show_links(at)

    def action_add(self) -> None:
        from ...core.ops import AddLink

        def check(title, url):
            return problem(lambda: AddLink(url, title), self.controller.session)

        def added(answer):
            if answer is not None:
                self.apply(AddLink(answer[1], answer[0]), "Added.", len(self.controller.session.links))

        self.app.push_screen(LinkEditor("Add a link", "", "", check), added)

    def action_edit(self) -> None:
        from ...core.ops import EditLink

        link = self.current()
        if link is None:
            self.action_add()
            return

        def check(title, url):
            return problem(lambda: EditLink(link.id, url, title), self.controller.session)

        def edited(answer):
            if answer is not None and answer != (link.title, link.url):
                self.apply(EditLink(link.id, url=answer[1], title=answer[0]), "Saved.")

        self.app.push_screen(LinkEditor("Edit the link", link.title, link.url, check), edited)

    def action_remove(self) -> None:
        from ...core.ops import RemoveLink

        link = self.current()
        if link is not None:
            self.apply(RemoveLink(link.id), "Removed (ctrl+z brings it back).")

    def action_move(self, step: int) -> None:
        from ...core.ops import MoveLink

        link = self.current()
        links = self.controller.session.links
        if link is not None and 0 <= links.index(link) + step < len(links):
            self.apply(MoveLink(link.id, links.index(link) + step), "Moved.", links.index(link) + step)

    def action_undo(self) -> None:
        self.controller.undo()
        self.say("")
        self.show_links()

    def action_redo(self) -> None:
        self.controller.redo()
        self.say("")
        self.show_links()

    def action_close(self) -> None:
        self.dismiss(None)
