"""The full-screen app: the session picker, one screen per open session, help and about.

Built for SSH on a slow link: no animations, no blinking cursor, no clock; only what
changes is redrawn. Stages and dialogs are imported when first used.
"""

from __future__ import annotations

import os
import signal
import threading

from rich.segment import Segment
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter

from .. import CREDIT, __version__
from .keys import KeysInOrder
from .textual_api import give_result_callback, write_to_terminal
# Screens, the store, the dialogs and help are imported where they are used: this module
# is read before the first paint, and each screen brings only what it needs.

HANG_UP_READ_SECONDS = 0.25


class NoColour(LineFilter):
    """NO_COLOR: no colour escape at all; bold, underline and reverse stay (they carry
    the current stage, group and row). Textual's own NO_COLOR filter only turns colours
    grey (still 256-colour codes such as 38;5;253), or to the "default" colours."""

    def apply(self, segments, background):
        return [Segment(text, style.without_color if style else style, control)
                for text, style, control in segments]


class JigsawApp(App):
    # Every screen's styles, read at start: the first screen is not pushed, so Textual
    # would not read a CSS_PATH of its own. The dialogs read theirs when first shown.
    CSS_PATH = ["app.tcss", "widgets.tcss", "session_screen.tcss", "picker.tcss", "stages/stages.tcss",
                "stages/columns.tcss", "stages/meditation.tcss", "stages/themes.tcss", "stages/lid.tcss",
                "stages/actions.tcss"]
    TITLE = "jigsaw"
    HELP = (
        "  ctrl+p                 command palette: every command by name\n"
        "  ctrl+c                 copy selected text (it does not quit: ctrl+q does)\n"
    )
    BINDINGS = [
        Binding("ctrl+q", "quit", "quit (everything is already saved)", show=False, priority=True),
        Binding("f1", "help", "help", key_display="F1"),
        Binding("ctrl+c", "quit_hint", show=False, system=True),
    ]

    def __init__(self, store, session: str | None = None, ascii_only: bool = False,
                 animate: bool = True, watch_signals: bool = True, only_group: str | None = None):
        super().__init__()
        self.store = store
        self.start_session = session
        self.start_group = only_group  # `jigsaw open SESSION --group NAME`: the note-taker view
        self.ascii_only = ascii_only
        self.animate = animate
        self.watch_signals = watch_signals
        self.animation_level = "none"  # nothing moves unless it means something
        self.hung_up = False
        self._start_error = ""  # why the session given at start could not open
        self.set_class(ascii_only, "-ascii")  # ASCII borders on dialogs
        self.keys = KeysInOrder(self)
        self.said_notices: list = []  # notice lines said to since the last action (notice.py)
        self._no_colour = [NoColour()]
        self._terminal_title = ""

    def get_line_filters(self):
        # (Textual reads NO_COLOR into `no_color`; this replaces its filters, which still
        # send grey 256-colour codes, by one that removes every colour.)
        return self._no_colour if self.no_color else super().get_line_filters()

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        from .notice import clear_said

        clear_said(self)  # a notice belongs to the moment it was said: the next action ends it
        return await super().run_action(action, default_namespace, namespaces)

    def set_terminal_title(self, session_title: str = "") -> None:
        """The terminal's (or tab's) title: "jigsaw: " and the session open, so a facilitator
        with several windows finds the right one. The title before is put back on leaving."""
        title = f"jigsaw: {session_title}" if session_title else "jigsaw"
        title = "".join(c for c in title if c.isprintable())[:120]  # nothing can end the sequence
        if title == self._terminal_title:
            return
        if not self._terminal_title:
            write_to_terminal(self, "\x1b[22;2t")  # keep the terminal's own title (xterm's stack)
        self._terminal_title = title
        self.title = title
        write_to_terminal(self, f"\x1b]2;{title}\x07")

    def on_unmount(self) -> None:
        if self._terminal_title and not self.hung_up:
            write_to_terminal(self, "\x1b[23;2t")  # the title the terminal had before

    async def on_event(self, event) -> None:
        # Every key and paste is applied here, in the order typed, each to the end before
        # the next (keys.py says why Textual's own way reorders them on a slow link).
        if self.keys.takes(event) and await self.keys.handle(event):
            return
        await super().on_event(event)

    def get_default_screen(self):
        """The first screen is the session itself (or the picker): one screen to build, not two."""
        from .picker import PickerScreen

        screen = None
        if self.start_session is not None:
            screen = self._session_screen(self.start_session, "groups" if self.start_group else None, self.start_group)
        screen = screen or PickerScreen(self.store)
        give_result_callback(screen, self)  # so that ctrl+o can switch away from it
        return screen

    def on_mount(self) -> None:
        if self.watch_signals:
            import asyncio

            try:
                asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.on_sighup)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        if self._start_error:
            self.call_after_refresh(self.screen.say, self._start_error, "error")

    # -- screens --------------------------------------------------------------------------

    def _session_screen(self, ref: str, first_stage: str | None = None, only_group: str | None = None):
        """The screen of one session, or None (the reason kept to be said) if it cannot load."""
        from ..core.store import StoreError
        from .controller import Controller
        from .session_screen import SessionScreen

        try:
            controller = Controller(self.store, ref, ascii_only=self.ascii_only, animate=self.animate,
                                    only_group=only_group)
        except StoreError as error:
            self._start_error = error.sentence()
            return None
        return SessionScreen(controller, first_stage)

    def open_session(self, ref: str, first_stage: str | None = None, only_group: str | None = None) -> None:
        self._start_error = ""
        screen = self._session_screen(ref, first_stage, only_group)
        if screen is None:
            self.show_picker()
            self.call_after_refresh(self.screen.say, self._start_error, "error")
            return
        self.push_screen(screen)

    def show_picker(self) -> None:
        from .picker import PickerScreen
        from .session_screen import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, PickerScreen):
                while self.screen is not screen:
                    self.pop_screen()
                return
        if isinstance(self.screen, SessionScreen):  # leaving the session it was opened with
            self.switch_screen(PickerScreen(self.store))
        else:
            self.push_screen(PickerScreen(self.store))

    def session_screens(self):
        from .session_screen import SessionScreen

        return [s for s in self.screen_stack if isinstance(s, SessionScreen)]

    # -- leaving: nothing typed is lost ----------------------------------------------------------

    def keep_all_drafts(self) -> None:
        for screen in self.screen_stack:  # a piece being edited in a dialog is saved too
            if hasattr(screen, "keep_typed"):
                try:
                    screen.keep_typed()
                except Exception as error:  # never stop the app from closing
                    self.log.error(f"could not keep an edit: {error}")
        for screen in self.session_screens():
            try:
                screen.keep_drafts()
            except Exception as error:  # a draft must never stop the app from closing
                self.log.error(f"could not keep drafts: {error}")

    async def action_quit(self) -> None:
        self.keep_all_drafts()
        self.exit(0)

    def action_quit_hint(self) -> None:
        self.screen_notice("ctrl+q quits (everything is already saved).")

    def on_sighup(self) -> None:
        # With the terminal gone, shutting down can stall; never stay behind as an orphan
        # on a shared server (the drafts are on disk well before this fires).
        leave = threading.Timer(5.0, os._exit, args=(0,))
        leave.daemon = True  # a normal exit does not wait for it
        leave.start()
        self.hung_up = True  # (nothing more is drawn: the terminal is gone)
        # Keys that reached the terminal just before it went are still being read: give
        # the reader a moment, then hang up behind them, so they are applied and kept.
        self.set_timer(HANG_UP_READ_SECONDS, lambda: self.call_later(self.hang_up))

    def hang_up(self) -> None:
        """The SSH link dropped: keep what was half-typed, then leave without drawing."""
        self.hung_up = True
        try:
            self.keep_all_drafts()
        finally:
            self.exit(0)

    def screen_notice(self, message: str, severity: str = "information") -> None:
        from .notice import Notice

        found = self.screen.query(Notice)
        if found:
            found.first().say(message, severity)

    # -- help, about, palette ------------------------------------------------------------------

    def action_help(self) -> None:
        from .dialogs import MessageScreen
        from .help import help_text

        self.push_screen(MessageScreen("Keys (F1)", help_text(self.screen), wide=True))

    def action_about(self) -> None:
        from .dialogs import MessageScreen

        body = Text()
        body.append(f"jigsaw-tui {__version__}\n\n", "bold")
        body.append(CREDIT + "\n\n", "bold")
        body.append(
            "A Jigsaw lid session: each breakout group names up to twelve pieces of its "
            "picture of 'good', drawn as a circle (no top, no bottom, no hierarchy); the "
            "pieces that different groups share become themes, and themes become actions.\n"
        )
        body.append("\n" + scorer_line())
        self.push_screen(MessageScreen("About jigsaw-tui", body))

    def action_command_palette(self) -> None:
        from .commands import commands_for
        from .dialogs.palette import Palette

        if not isinstance(self.screen, Palette):
            self.push_screen(Palette(list(commands_for(self, self.screen))), self.run_command)

    async def run_command(self, command) -> None:
        if command is not None:
            result = command.callback()
            if hasattr(result, "__await__"):
                await result  # (a stage switch): done before the next key is read



def run_app(store, session=None, ascii_only=False, animate=True, mouse=True, only_group=None) -> int:
    if ascii_only:
        from .ascii import use_ascii_scrollbars

        use_ascii_scrollbars()
    app = JigsawApp(store, session, ascii_only=ascii_only, animate=animate, only_group=only_group)
    try:
        app.run(mouse=mouse)
    except OSError:
        if not app.hung_up:  # after a hang-up the terminal is gone; drafts were kept
            raise
    return app.return_code or 0


def scorer_line() -> str:
    """Which scorer makes suggestions, without loading a model to find out (About)."""
    from ..core.matching import chosen_scorer, scorer_chosen

    if not scorer_chosen():
        return "Suggestions: the sentence model loads when the Themes stage first opens."
    scorer, why_not = chosen_scorer()
    return f"Suggestions by {scorer.name}" + (f" ({why_not})." if why_not else ".")
