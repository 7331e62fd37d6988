"""A piece's closest candidates in other groups: Enter or s matches, o as an overlap."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option



class CandidateList(OptionList):
    """Enter chooses the candidate as the same theme (OptionList's own Enter did nothing here)."""

    def action_select(self) -> None:
        self.screen.action_choose("same")


class CandidatesScreen(ModalScreen):
    """A piece's three closest candidates in other groups; Enter matches, o as an overlap."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("enter,s", "choose('same')", "same theme"),
        Binding("o", "choose('overlap')", "overlap"),
        Binding("escape,q", "close", "close"),
    ]

    def __init__(self, session, piece_id: str, found):
        super().__init__()
        self.session = session
        self.piece_id = piece_id
        self.found = found

    def compose(self):
        piece = self.session.find_piece(self.piece_id)[1]
        with Vertical():
            title = Text("Closest to: ")
            title.append(piece.text, "bold")
            yield Static(title, classes="title")
            options = []
            for s in self.found:
                group, other = self.session.find_piece(s.b)
                label = Text(f"{s.score:.2f} ")
                label.append(other.text, "bold")
                label.append(f" ({group.name})\n     {s.reason}")
                options.append(Option(label, id=s.b))
            if not options:
                options.append(Option(Text("No candidates: nothing loose in other groups shares a word or a near "
                                           "meaning with it."),
                                      disabled=True))
            yield CandidateList(*options)
            yield Static(Text("Enter or s: same theme   o: overlap   q or Esc: close"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))

    def action_choose(self, kind: str) -> None:
        options = self.query_one(OptionList)
        if not self.found or options.highlighted is None:
            self.dismiss(None)
            return
        self.dismiss((self.found[options.highlighted].b, kind))

    def action_close(self) -> None:
        self.dismiss(None)
