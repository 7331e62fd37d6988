"""The six stages of a session, one widget each. This docstring is the contract.

A stage is a widget class in its own module here:

    meditation.py  MeditationStage     themes.py   ThemesStage
    views.py       ViewsStage          lid.py      LidStage
    groups.py      GroupsStage         actions.py  ActionsStage

- It is constructed as `XStage(controller)` (see `jigsaw_tui/ui/controller.py`) and
  subclasses `Stage` below. `self.controller.session` is the latest session.
- It changes the session only through ops: `self.controller.apply(op) -> bool`
  (False means refused; a notice was shown, nothing was lost). Undo/redo is global.
- `session_changed(session)` is called after every change, its own or another
  stage's or another process's (file changed on disk). It must keep what the person
  is typing: never clear or replace an Input's value there.
- Its own `BINDINGS` are shown in the key bar while focus is inside it. No bare-letter
  binding may fire while an Input has focus: put letter keys on the non-Input widget
  that uses them, and use F-keys or ctrl+ keys that Input does not claim
  (free: ctrl+b ctrl+g ctrl+l ctrl+n ctrl+o ctrl+r ctrl+t) at stage level.
  Global keys, taken before any stage: F1 help, F2..F7 stages (not alt+digits: Textual
  reads ESC+digit as the macOS Option characters),
  ctrl+p palette, ctrl+z undo, ctrl+y redo, ctrl+s save again, ctrl+o sessions, ctrl+q quit,
  F9 the session's details, ctrl+f the history.
- The F1 help (`jigsaw_tui/ui/help.py`) lists every class's own `BINDINGS` (a binding's
  `tooltip`, where given, says more than the key bar's word) and its `HELP` rows ("keys,
  two spaces, what"); `HELP_PARTS` names the widgets inside whose keys it lists too,
  each under its `HELP_TITLE`.
- A notice (`controller.tell`) is for the moment: the next action clears it. Say what
  a change did when nothing else on screen shows it (a group added, a note saved).
- Enter never moves to another stage (a double Enter must not skip one).
- Optional hooks: `commands()` returns `(title, help, callback)` for the command
  palette; `pending_text()` returns `(where, text)` pairs of half-typed text, kept as
  drafts when the link drops (the default finds every `CaptureInput` inside);
  `first_focus()` returns the widget where typing should go when the stage is shown.
- Keys are applied in order by the app (`jigsaw_tui/ui/keys.py`); what a key causes
  must be done before its handler returns: move the focus with `focus_now` (never
  `Widget.focus()`), ask with `dialogs.ask(self, dialog, apply)`, await a widget
  you mount before focusing it (`settle()` waits for what `session_changed` mounts),
  and let Enter on a list call the stage (no message for a parent to handle later).
  `shown()` is called as the stage is shown, before it takes the focus.
- Styles go in a .tcss file beside the module (read by the app; see ui/app.tcss).
- Stages are created on first visit (their modules are imported then), so the first
  screen starts fast: keep heavy imports (fpdf, rapidfuzz) inside functions.
- Text from a session is never markup: build `rich.text.Text`, never f-strings of markup.
  Use `self.controller.ascii_only` to draw without box-drawing or other non-ASCII.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable, NamedTuple

from textual.containers import Vertical

from ..lines import CaptureInput


class StageInfo(NamedTuple):
    key: str  # also the widget id
    label: str
    module: str
    cls: str


STAGES = (
    StageInfo("meditation", "Meditation", "meditation", "MeditationStage"),
    StageInfo("views", "Views", "views", "ViewsStage"),
    StageInfo("groups", "Groups", "groups", "GroupsStage"),
    StageInfo("themes", "Themes", "themes", "ThemesStage"),
    StageInfo("lid", "Lid", "lid", "LidStage"),
    StageInfo("actions", "Actions", "actions", "ActionsStage"),
)


def stage_class(info: StageInfo) -> type:
    return getattr(import_module(f"{__name__}.{info.module}"), info.cls)


class Stage(Vertical):
    """Base of every stage: holds the controller; override what you need."""


    def __init__(self, controller, **kwargs):
        super().__init__(**kwargs)
        self.controller = controller

    def session_changed(self, session) -> None:
        """Called after every change; redraw what depends on the session."""

    async def settle(self) -> None:
        """Wait for widgets a change is still adding or removing (a group's column), so
        that the focus can be put where the person goes on typing."""

    def shown(self) -> None:
        """Called as the stage is shown, before it takes the focus (not a Show event,
        which comes later: a key typed right after the stage key must find it drawn)."""

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return []

    def pending_text(self) -> list[tuple[str, str]]:
        return [(i.draft_key, i.value) for i in self.query(CaptureInput) if i.draft_key and i.value.strip()]

    def first_focus(self):
        """The widget where typing should go when the stage is shown (None: the first focusable)."""
        for widget in self.query("*"):
            if widget.focusable and widget.display:
                return widget
        return None

    def focus_first(self) -> None:
        # set_focus at once (not widget.focus(), which waits a frame): one repaint, not two
        widget = self.first_focus()
        if widget is not None:
            self.screen.set_focus(widget, scroll_visible=False)
