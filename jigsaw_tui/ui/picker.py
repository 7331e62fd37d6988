"""The first screen of `jigsaw`: the sessions in the folder. Type to filter, Enter opens."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .dialogs import ConfirmScreen
from .keybar import KeyBar
# The new-session dialog and the templates load when first used (the list is a first screen).
from .lines import CaptureInput
from .notice import Notice

FIRST_READ = 12  # sessions read before the first paint: a screenful at 80x24 and more


def entry_label(entry) -> Text:
    """Two lines per session; an unreadable file shows its error instead of breaking the list."""
    if entry.session is None:
        label = Text("! ")
        label.append(entry.name, "bold")
        label.append(" cannot be read\n   ")
        label.append(entry.error)
        return label
    session = entry.session
    label = Text()
    label.append(session.title, "bold")
    groups = ", ".join(g.name for g in session.groups) or "no groups yet"
    details = [session.date or "no date", f"{len(session.groups)} groups ({groups})",
               f"{session.piece_count()} pieces", entry.name]
    label.append("\n   " + " | ".join(details))
    return label


class SessionList(OptionList):
    """The sessions. Enter (or a click) opens the one chosen, before the next key is read."""

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.screen.open_selected()


class PickerScreen(Screen):
    BINDINGS = [
        Binding("down", "move(1)", "next", show=False),
        Binding("up", "move(-1)", "previous", show=False),
        Binding("ctrl+n", "new", "new", priority=True),
        Binding("ctrl+t", "template", "copy as template", priority=True),
        Binding("ctrl+g", "note_taker", "as note-taker", priority=True),
        Binding("f8", "delete", "delete", priority=True),
        Binding("f1", "app.help", "help", priority=True),
        Binding("question_mark", "app.help", "help", show=False),
    ]

    def __init__(self, store):
        super().__init__()
        self.store = store
        self.entries = []
        self._reading = 0
        self._resumed_before = False

    def compose(self):
        yield Static(Text("Jigsaw sessions: type to filter, Enter opens"), id="picker-title")
        with Horizontal(id="filter-row"):
            yield Static(Text("find> "), id="filter-prompt")
            yield CaptureInput(id="filter", placeholder="type part of a title, group or file name",
                               enter=self.open_selected)
        yield SessionList(id="sessions")
        yield Notice(id="notice")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.set_focus(self.query_one("#filter"))

    def on_screen_resume(self) -> None:
        self.app.set_terminal_title()  # no session open: just "jigsaw"
        if self._resumed_before:  # back from a session; the first time, mounting read it all
            self.reload()
        self._resumed_before = True

    def say(self, message: str, severity: str = "information") -> None:
        self.query_one(Notice).say(message, severity)

    # -- the list ---------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """The newest sessions at once (a screenful), the older ones read in a thread: a
        folder of hundreds of sessions still shows its list as soon as the app starts."""
        files = self.store.session_files()
        self.entries = [self.store.entry(*f) for f in files[:FIRST_READ]]
        self._reading += 1  # an older reading still under way is no longer wanted
        self.refilter(select)
        if len(files) > FIRST_READ:  # after the paint: the thread would slow it down
            self.call_after_refresh(self.read_older, files[FIRST_READ:], self._reading)

    @work(thread=True, exclusive=True, group="older sessions")
    def read_older(self, files, reading: int) -> None:
        older = [self.store.entry(*f) for f in files]
        self.app.call_from_thread(self.older_read, older, reading)

    def older_read(self, older, reading: int) -> None:
        if reading == self._reading and self.is_attached:
            self.entries += older
            self.refilter()

    def visible(self) -> list:
        words = self.query_one("#filter", Input).value.casefold().split()
        found = []
        for entry in self.entries:
            hay = entry.name.casefold()
            if entry.session is not None:
                hay += " " + entry.session.title.casefold() + " " + " ".join(
                    g.name.casefold() for g in entry.session.groups)
            if all(w in hay for w in words):
                found.append(entry)
        return found

    def refilter(self, select: str | None = None) -> None:
        listing = self.query_one("#sessions", OptionList)
        if select is None and self.selected() is not None:
            select = self.selected().name  # the list grew or changed: the cursor stays put
        shown = self.visible()
        listing.clear_options()
        listing.add_options([Option(entry_label(e), id=e.name) for e in shown])
        if not self.entries:
            self.say(f"No sessions in {self.store.folder} yet: ctrl+n creates one.")
        elif not shown:
            self.say("No session matches the filter.")
        if shown:
            names = [e.name for e in shown]
            listing.highlighted = names.index(select) if select in names else 0

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.refilter()

    def selected(self):
        listing = self.query_one("#sessions", OptionList)
        if listing.highlighted is None:
            return None
        name = listing.get_option_at_index(listing.highlighted).id
        return next((e for e in self.entries if e.name == name), None)

    def action_move(self, step: int) -> None:
        listing = self.query_one("#sessions", OptionList)
        if listing.option_count:
            current = listing.highlighted if listing.highlighted is not None else -step
            listing.highlighted = max(0, min(listing.option_count - 1, current + step))

    # -- opening ----------------------------------------------------------------------

    def open_selected(self) -> None:
        """Enter (in the filter or the list): open it now, so the keys typed next reach it."""
        self.open(self.selected())

    def open(self, entry) -> None:
        if entry is None:
            self.say("No session to open: ctrl+n creates one.", "warning")
            return
        if entry.session is None:
            self.say(f"{entry.name} cannot be read: {entry.error}", "error")
            return
        self.app.open_session(entry.name)

    def action_note_taker(self) -> None:
        """Open the chosen session as one group's note-taker: asks which group."""
        from .dialogs import PromptScreen, ask

        entry = self.selected()
        if entry is None or entry.session is None or not entry.session.groups:
            self.say("Choose a readable session with groups to take notes for.", "warning")
            return
        names = ", ".join(g.name for g in entry.session.groups)
        ask(self, PromptScreen("Take notes for which group?", entry.session.groups[0].name,
                               hint=f"Its groups: {names}"), lambda name: self.open_as(entry, name))

    def open_as(self, entry, name: str) -> None:
        group = entry.session.group_by_name(name)
        if group is None:
            self.say(f"No group called {name!r} in {entry.session.title}.", "warning")
            return
        self.app.open_session(entry.name, "groups", only_group=group.id)

    # -- new, template, delete -----------------------------------------------------------

    def action_new(self) -> None:
        from .dialogs.new_session import NewSessionScreen

        self.app.push_screen(NewSessionScreen(self.store), self.created)

    def created(self, answer: str | None) -> None:
        if answer:
            self.query_one("#filter", Input).value = ""
            self.reload(select=answer)
            self.app.open_session(answer)

    def action_template(self) -> None:
        """Copy the chosen session's shape (groups, questions, settings) under a new title,
        asked first: a copy is for another session, which deserves its own name."""
        from .dialogs import PromptScreen, ask

        entry = self.selected()
        if entry is None or entry.session is None:
            self.say("Choose a readable session to copy.", "warning")
            return
        ask(self, PromptScreen("Title of the copy (same groups and questions, nothing typed)",
                               entry.session.title, hint="Change it to what the new session is about."),
            lambda title: self.copy(entry, title))

    def copy(self, entry, title: str) -> None:
        from datetime import date

        from ..core.model import InvalidInput
        from ..core.store import StoreError
        from .templates import as_template

        try:
            path = self.store.create(as_template(entry.session, date.today().isoformat(), title))
        except (InvalidInput, StoreError) as error:
            self.say(error.sentence(), "error" if isinstance(error, StoreError) else "warning")
            return
        self.query_one("#filter", Input).value = ""
        self.reload(select=path.stem)
        self.say(f"Copied as {path.stem} (groups and questions, nothing typed): Enter opens it.")

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        title = entry.session.title if entry.session else entry.name
        self.app.push_screen(ConfirmScreen(
            f"Delete the session {title!r}?",
            f"The file {entry.path.name} is removed for good (undo cannot bring it back).",
            yes="delete it"), lambda sure: self.delete(entry, sure))

    def delete(self, entry, sure: bool) -> None:
        from ..core.store import StoreError

        if not sure:
            self.say("Nothing deleted.")
            return
        try:
            self.store.delete(entry.name)
        except StoreError as error:
            self.say(error.sentence(), "error")
            return
        self.reload()
        self.say(f"Deleted {entry.name}.")
