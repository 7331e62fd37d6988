"""The session's history (ctrl+f, or "History: recent changes" in the palette).

Recent changes by anyone, newest first: when, who, what. `b` brings back what the
highlighted change removed or overwrote (core/bring_back.py says how), as one change of
this app's, saved at once (ctrl+z undoes it). A damaged history is said in one line;
the session is never affected by it.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core import history
from ...core.errors import JigsawError
from ..history_text import was, when
from .basic import close_for_letters

SHOWN = 500  # the newest entries listed (a log keeps at most 2,000)
WHEN, WHO = 16, 10  # columns: "yesterday 19:02", a user name


class HistoryList(OptionList):
    """The entries; the line under the list follows the highlighted one."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self.is_attached and isinstance(self.screen, HistoryScreen):
            self.screen.show_detail()

    def action_select(self) -> None:  # Enter closes (OptionList's own Enter posts a message)
        self.screen.action_close()


class HistoryScreen(ModalScreen[None]):
    """Recent changes, newest first; b brings back what one removed or overwrote."""

    CSS_PATH = ["dialogs.tcss", "history.tcss"]
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("b", "bring_back", "bring back what the change removed or overwrote"),
        Binding("enter,escape,q", "close", "close"),
    ]

    def __init__(self, controller):
        super().__init__()
        self.controller = controller
        self.entries: list = []

    def compose(self):
        with Vertical():
            yield Static(Text("History: recent changes, newest first"), classes="title")
            yield Static(Text(""), classes="problem")
            yield HistoryList()
            yield Static(Text(""), classes="detail")
            yield Static(Text("b: bring back what it removed    up/down, pgup/pgdn: scroll\n"
                              "Enter or q: close"), classes="hint")

    def on_mount(self) -> None:
        self.show_entries()
        self.set_focus(self.query_one(HistoryList))

    def show_entries(self, keep=None) -> None:
        path = self.controller.store.path_for(self.controller.ref)
        log = history.read(path)
        self.entries = list(reversed(log.entries))[:SHOWN]
        problem = log.problem.replace(str(history.path_for(path)), history.path_for(path).name)
        if len(log.entries) > SHOWN:
            problem = (problem + "; " if problem else "") + f"the newest {SHOWN} of {len(log.entries)} shown"
        shown = self.query_one(".problem", Static)
        shown.display = bool(problem)
        shown.update(Text(f"! {problem}" if problem else "", no_wrap=True, overflow=self.overflow()))
        options = self.query_one(HistoryList)
        options.clear_options()
        if not self.entries:
            options.add_option(Option(Text("No changes recorded for this session yet."), disabled=True))
            self.show_detail()
            return
        options.add_options([Option(self.row(entry)) for entry in self.entries])
        at = self.entries.index(keep) if keep in self.entries else 0
        options.highlighted = at
        self.show_detail()

    def row(self, entry) -> Text:
        who = entry.user if cell_len(entry.user) <= WHO else set_cell_size(entry.user, WHO - 1) + self.dots()
        line = Text(no_wrap=True, overflow=self.overflow())
        line.append(f"{when(entry.at):<{WHEN}} ")
        line.append(set_cell_size(who, WHO) + " ", "bold")
        line.append(entry.what + was(entry))
        return line

    def dots(self) -> str:
        return "." if self.controller.ascii_only else "\u2026"

    def overflow(self) -> str:
        return "crop" if self.controller.ascii_only else "ellipsis"  # (--ascii: no "…" either)

    def current(self):
        at = self.query_one(HistoryList).highlighted
        return self.entries[at] if at is not None and at < len(self.entries) else None

    def show_detail(self, said: str = "") -> None:
        """Under the list: what `b` would bring back of the highlighted change (or what it did)."""
        from ...core.bring_back import can_bring_back

        entry = self.current()
        if said:
            text = said
        elif entry is None:
            text = ""
        elif not entry.lost:
            text = "It removed and overwrote nothing."
        else:
            back = can_bring_back(entry, self.controller.session)
            texts = ", ".join(repr(" ".join(lost.text.split())) for lost in back)
            text = f"b brings back {texts}" if back else "What it removed or overwrote is in the session again."
        self.query_one(".detail", Static).update(Text(text))

    def action_bring_back(self) -> None:
        from ...core.bring_back import bring_back

        entry = self.current()
        if entry is None or not entry.lost:
            self.show_detail("! That change removed nothing, so there is nothing to bring back.")
            return
        try:  # tried first, so the reason it cannot is said here, in the dialog
            op, cannot = bring_back(entry, self.controller.session)
            op.apply(self.controller.session)
        except JigsawError as error:
            self.show_detail(f"! Not brought back: {error.sentence()}")
            return
        if not self.controller.apply(op):
            self.show_detail("! Not saved: the notice line below says why.")
            return
        said = f"Brought{op.describe()[len('bring'):]} (ctrl+z undoes)."
        said += f" Not: {'; '.join(cannot)}." if cannot else ""
        self.controller.tell(said)
        self.show_entries(keep=entry)
        self.show_detail(said)

    def action_close(self) -> None:
        self.dismiss(None)

    def line_for_letters(self):
        return close_for_letters(self, None)
