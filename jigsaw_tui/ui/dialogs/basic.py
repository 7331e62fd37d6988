"""Small modal screens: a message, a yes/no question, a one-line prompt, a piece editor.

Every dialog can be closed without Esc (Esc arrives late on slow links): each has keys
shown on screen and an explicit choice.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..lines import CaptureInput



class FieldInput(CaptureInput):
    """A line of a form: left, it shows its text from the start (a long title would show
    only its end, its first letters hidden, as the cursor left it)."""

    def on_blur(self) -> None:
        self.scroll_to(x=0, animate=False)


def close_for_letters(dialog, answer):
    """A letter typed into a question or a message that is not one of its keys: the
    person did not see it open (a laggy link) and goes on typing. The dialog closes
    with `answer` (a question's "no, keep it") and the letter goes to the line below."""
    dialog.dismiss(answer)
    below = dialog.app.screen
    return below.focused if below is not dialog else None


class MessageScreen(ModalScreen[None]):
    """Text to read (help, about, lines not added); Enter, Esc, q or F1 closes it."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("enter,escape,q,f1", "dismiss", "close"),
    ]

    def __init__(self, title: str, body: Text, wide: bool = False):
        super().__init__()
        self.title_text = title
        self.body = body
        self.wide = wide

    def compose(self):
        with Vertical() as box:
            if self.wide:
                box.styles.width = 100
            yield Static(Text(self.title_text), classes="title")
            yield Static(Text("Enter or q: close    up/down, pgup/pgdn: scroll"), classes="hint")
            with VerticalScroll():
                yield Static(self.body)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(VerticalScroll))

    def on_resize(self, event) -> None:
        # The text scrolls within the box: its height less the border, title and hint
        # rows, or its last lines would lie under the box's edge, never reached.
        self.query_one(VerticalScroll).styles.max_height = max(1, event.size.height - 4)

    def action_dismiss(self) -> None:
        self.dismiss(None)

    def line_for_letters(self):
        return close_for_letters(self, None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question. y confirms; n, Esc or Enter keep things as they are."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        Binding("y", "answer(True)", "yes"),
        Binding("n,escape,enter", "answer(False)", "no, keep it"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "yes"):
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self):
        with Vertical():
            yield Static(Text(self.question), classes="title")
            if self.detail:
                yield Static(Text(self.detail))
            yield Static(Text(f"y: {self.yes}    n or Enter: no, keep it"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def line_for_letters(self):
        return close_for_letters(self, False)


class PromptScreen(ModalScreen["str | None"]):
    """One line of text. Enter saves; ctrl+c or Esc cancels (both shown)."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [Binding("escape,ctrl+c", "cancel", "cancel", priority=True)]

    def __init__(self, title: str, value: str = "", hint: str = ""):
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint

    def compose(self):
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield CaptureInput(value=self.value, enter=self.save)
            yield Static(Text((self.hint + "\n" if self.hint else "") + "Enter: save    ctrl+c or Esc: cancel"),
                         classes="hint")

    def save(self) -> None:
        self.dismiss(self.query_one(CaptureInput).value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def note_area(text: str):
    """A note's text area that takes typed text in turn with the other keys (keys.py).
    Made here, when a note is edited: TextArea is not loaded before (a faster start)."""
    from textual.widgets import TextArea

    class NoteArea(TextArea):
        enter_is_text = True  # Enter is a new line in a note, not a binding

        def type_text(self, text: str) -> None:
            if not self.read_only:
                self.replace(text, *self.selection)

    return NoteArea(text, id="note", soft_wrap=True, show_line_numbers=False)


class PieceEditor(ModalScreen["tuple[str, str] | None"]):
    """A piece's words and its note. ctrl+s saves both; Enter in the words line saves too."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"

    BINDINGS = [
        # Not priority: it must run after the keys typed before it, or their text is lost.
        Binding("ctrl+s", "save", "save"),
        Binding("escape,ctrl+c", "cancel", "cancel", priority=True),
    ]

    def __init__(self, title: str, text: str, note: str, focus_note: bool = False, keep=None):
        super().__init__()
        self.title_text = title
        self.text = text
        self.note = note
        self.focus_note = focus_note
        self.keep = keep  # called with (words, note) if the app must close with this open

    def keep_typed(self) -> None:
        """The link dropped (or the app is quitting) mid-edit: save what is typed, as ctrl+s would."""
        from textual.widgets import TextArea  # loaded with the note area: see note_area

        answer = (self.query_one("#words", Input).value, self.query_one("#note", TextArea).text)
        if self.keep is not None and answer != (self.text, self.note):
            self.keep(answer)

    def compose(self):
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield CaptureInput(value=self.text, id="words", enter=self.action_save)
            yield Static(Text("Note (optional, several lines):"))
            note = note_area(self.note)
            note.cursor_blink = False
            yield note
            yield Static(Text("ctrl+s: save    Tab: words/note    ctrl+c or Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#note" if self.focus_note else "#words"))

    def action_save(self) -> None:
        from textual.widgets import TextArea  # loaded with the note area: see note_area

        self.dismiss((self.query_one("#words", Input).value, self.query_one("#note", TextArea).text))

    def action_cancel(self) -> None:
        self.dismiss(None)
