"""The screen of one open session: a stage bar, the current stage, a notice line, the key bar.

Stages are created on first visit. Switching keeps every stage (and its typed text)
alive. Half-typed text is written as a draft two seconds after the last keystroke, when
leaving the session, and when the link drops (SIGHUP), so nothing typed is ever lost.
"""

from __future__ import annotations

import os

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.geometry import Region
from textual.screen import Screen
from textual.containers import Container
from textual.widgets import Input, Static

from ..core.model import Line
from .breakout import BreakoutTicker, ask_and_start, stop as stop_breakout
from .keybar import KeyBar
from .lines import CaptureInput
from .textual_api import NoFocusRepaint
from .notice import Notice
from .widgets import show_if
from .stages import STAGES, Stage, stage_class

DRAFT_DELAY_SECONDS = 2.0
POLL_SECONDS = 1.0
MIN_WIDTH, MIN_HEIGHT = 60, 16


def _stage_bindings() -> list[Binding]:
    # F2..F7 only. alt+1..6 arrive as ESC+digit, which Textual reads as the macOS Option
    # characters (¡ ™ £ ¢ ∞ §): as bindings they never fire and would type £ into a piece.
    return [Binding(f"f{n + 2}", f"stage('{info.key}')", f"go to {info.label}", show=False, priority=True)
            for n, info in enumerate(STAGES)]


def stage_bar(title: str, current: str, width: int, ascii_only: bool = False, clock=()) -> Text:
    """The stage bar for `width` columns: the six stages with their keys, the current one
    in brackets and reverse video, and the session's title (F9 changes it) in the room
    left, shortened. Where the names do not fit, the other stages show their keys only,
    so the current stage is always there, whole. `clock`, the breakout timer's long and
    short words (ui/breakout.py), comes first: the long words where the stages keep the
    room they would have with the short; the title has what room is left."""
    def stages(names: bool) -> Text:
        bar = Text(no_wrap=True, overflow="crop")
        for n, info in enumerate(STAGES):
            label = f"F{n + 2} {info.label}"
            if bar:
                bar.append(" ")
            if info.key == current:
                bar.append(f"[{label}]", "bold reverse")
            else:
                bar.append(label if names else f"F{n + 2}")
        return bar

    tail = clock[-1] if clock else ""
    reserve = len(tail) + 2 if tail else 0  # the timer and two spaces
    bar = stages(names=True)
    if bar.cell_len + 1 + reserve > width:
        bar = stages(names=False)
    if bar.cell_len + 1 + reserve > width:  # narrower still: where you are, and nothing else
        info = next((i for i in STAGES if i.key == current), None)
        bar = Text(f"[F{STAGES.index(info) + 2} {info.label}]" if info else "", "bold reverse")
    if clock and bar.cell_len + 1 + len(clock[0]) + 2 <= width:
        tail = clock[0]
        reserve = len(tail) + 2
    # The timer first: Textual sends a repainted row from the widget's left edge to the
    # last changed cell, so a minute less sends these few cells only.
    line = Text(" " + (tail + "  " if tail else ""), no_wrap=True, overflow="crop")
    room = width - bar.cell_len - len(" F9 ") - 2 - reserve
    if room >= 8:  # the title only where a few words of it fit: the stages matter more
        dots = "..." if ascii_only else "\u2026"
        line.append("F9 ")
        line.append(title if len(title) <= room else title[: room - len(dots)].rstrip() + dots, "bold")
        line.append("  ")
    line.append_text(bar)
    return line


class StageBar(Static):
    """One row: the session title and the six stages with their keys; the current one
    marked; the breakout timer while one runs."""

    _shown: Text | None = None

    def show(self, title: str, current: str, clock=()) -> None:
        line = stage_bar(title, current, self.size.width or 80, getattr(self.app, "ascii_only", False), clock)
        old, self._shown = self._shown, line
        if line == old:  # unchanged (a resize to the same width, a tick): nothing is sent
            return
        cells = changed_cells(old, line)
        if cells is None:
            self.refresh()  # always one row: no layout pass
        else:  # the timer's minutes: only the cells that changed are repainted
            self.refresh(Region(cells[0], 0, cells[1] - cells[0], 1))

    def render(self) -> Text:
        return self._shown or Text()


def changed_cells(old: Text | None, new: Text) -> tuple[int, int] | None:
    """The columns [start, end) where `new` differs from `old` in its characters only
    (same length, same styles); None when more than that changed."""
    if old is None or len(old.plain) != len(new.plain) or old.spans != new.spans:
        return None
    a, b = old.plain, new.plain
    first = next(i for i in range(len(a)) if a[i] != b[i])
    last = next(i for i in range(len(a) - 1, -1, -1) if a[i] != b[i]) + 1
    return Text(b[:first]).cell_len, Text(b[:last]).cell_len


class SessionScreen(NoFocusRepaint, Screen):
    # (NoFocusRepaint: Textual repaints the whole screen when focus moves; the widgets
    # involved repaint themselves, so that only doubled the bytes of every stage switch.)
    BINDINGS = _stage_bindings() + [
        # Not priority: a capture line runs them in turn with the keys typed before them
        # (a priority binding would undo before an Enter typed just earlier was handled).
        Binding("ctrl+z", "undo", "undo"),
        Binding("ctrl+y", "redo", "redo"),
        Binding("f1", "app.help", "help", key_display="F1", priority=True),
        Binding("question_mark", "app.help", "help", show=False),
        Binding("ctrl+s", "save_again", "save again (if the file was deleted)", show=False, priority=True),
        Binding("ctrl+o", "sessions", "back to the list of sessions", show=False, priority=True),
        # F9, shown on the stage bar before the title: an F-key, as the stages are, so it
        # works while typing (ctrl+ keys are the stages' own).
        Binding("f9", "details", "session details: title, facilitator, date, pieces per group",
                show=False, priority=True),
        # ctrl+f, not ctrl+h (Backspace in many terminals) nor F10/F11 (terminals' menu
        # and full screen); not priority, as ctrl+z: in turn with the keys before it.
        Binding("ctrl+f", "history", "history: recent changes by anyone; b brings back what one removed",
                show=False),
        # F12: the note-taker view (one group, the rest read-only) and the whole session.
        Binding("f12", "switch_view", "note-taker view / whole session", show=False, priority=True),
    ]


    def __init__(self, controller, first_stage: str | None = None):
        super().__init__()
        self.controller = controller
        self.first_stage = first_stage or self.pick_first_stage(controller.session)
        self.current = ""
        self._draft_timer = None
        self._last_focus: dict[str, object] = {}
        self._shown = controller.session
        self._too_small = False
        self.ticker = BreakoutTicker(self, self.show_bar)

    @staticmethod
    def pick_first_stage(session) -> str:
        """Where typing left off (a kept draft), else Groups once there are pieces, else Meditation."""
        for draft in session.drafts:
            line = Line.of(session, draft.where)
            if line is not None:
                return line.stage
        return "groups" if session.piece_count() else "meditation"

    def compose(self):
        # The first stage is built with the screen, so a key pressed while the app starts
        # (F5 at once) finds the screen complete, and the first paint has everything.
        yield StageBar(id="stagebar")
        first = next(i for i in STAGES if i.key == self.first_stage)
        with Container(id="stages"):
            yield stage_class(first)(self.controller, id=first.key)
        yield Notice(id="notice")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.set_terminal_title(self.controller.session.title)
        self.controller.set_teller(self.query_one(Notice).say)
        self.controller.subscribe(self.session_changed)
        self.set_interval(POLL_SECONDS, self.controller.poll)  # the fallback, and a check on the watch
        # After the first paint: the watch's import never delays the first usable screen.
        self.call_after_refresh(self.start_watch)
        if not self.current:  # unless a key typed during the start (F5 at once) chose a stage
            self.show_stage(self.first_stage)
        if self.controller.read_only:
            self.controller.tell("Read-only: you can follow this session, live, but not change it.", "warning")
        elif self.controller.only_group:
            self.controller.tell(f"Note-taker view for {self.controller.group_name(self.controller.only_group)}: "
                                 "type its pieces here; the rest is read-only (F12: the whole session).")

    def on_unmount(self) -> None:
        self.controller.unsubscribe(self.session_changed)

    def start_watch(self) -> None:
        if self.is_attached:  # (the coroutine is made only when it will run)
            self.run_worker(self.watch_file(), group="watch", exit_on_error=False)

    async def watch_file(self) -> None:
        """Another note-taker's save reaches this screen at once (ui/watch.py); where the
        kernel cannot tell us, the stat check once a second still does."""
        if os.environ.get("JIGSAW_WATCH", "").strip().lower() == "stat":
            return  # asked for: e.g. a network file system whose remote writes inotify misses
        from .watch import watch  # after the first paint: the start stays as fast

        await watch(self.controller.store.path_for(self.controller.ref), self.controller.poll)

    def on_resize(self, event) -> None:
        self.show_bar()
        width, height = event.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if self._too_small and not too_small:
            self.query_one(Notice).stand(None)
            self.controller.tell(f"The terminal is {width}x{height}: everything fits again.")
        self._too_small = too_small
        self._say_size()

    def _say_size(self) -> None:
        """Too small: a notice that stands (no action clears it) and says where you are."""
        if not self._too_small:
            return
        width, height = self.size
        info = next((i for i in STAGES if i.key == self.current), None)
        where = f" On {info.label} (F{STAGES.index(info) + 2});" if info else ""
        self.query_one(Notice).stand(f"Too small: {width}x{height} (needs {MIN_WIDTH}x{MIN_HEIGHT}).{where} "
                                     "typing works.")

    # -- stages ------------------------------------------------------------------------

    def stages(self) -> list[Stage]:
        return list(self.query_one("#stages").query_children(Stage))

    async def action_stage(self, key: str) -> None:
        """Show a stage: created (and its module imported) on first visit; one repaint."""
        if self.current and self.focused is not None:
            self._last_focus[self.current] = self.focused
        info = next(i for i in STAGES if i.key == key)
        if not self.query_one("#stages").query_children(f"#{key}"):
            stage = stage_class(info)(self.controller, id=key)
            stage.display = False  # shown below, with everything else, in one repaint
            await self.query_one("#stages").mount(stage)
        self.show_stage(key)

    def show_stage(self, key: str) -> None:
        with self.app.batch_update():
            for stage in self.stages():  # one shown, the rest kept (with their typed text)
                show_if(stage, stage.id == key)
                if stage.id == key:
                    stage.shown()
        self.current = key
        self.show_bar()
        self._say_size()
        widget = self._last_focus.get(key)
        if widget is not None and widget.is_attached:  # back where the cursor was
            self.set_focus(widget, scroll_visible=False)  # now, so that all of it is one repaint
        else:
            self.query_one(f"#{key}", Stage).focus_first()

    def action_switch_view(self) -> None:
        controller = self.controller
        if controller.note_taker_group is None:
            controller.tell("F12 switches a note-taker view: open one with jigsaw open SESSION --group NAME.")
            return
        if controller.only_group:
            controller.only_group = None
            controller.tell("The whole session: every group and stage can change (F12: back to "
                            f"{controller.group_name(controller.note_taker_group)} alone).")
        else:
            controller.only_group = controller.note_taker_group
            controller.tell(f"Note-taker view: {controller.group_name(controller.only_group)} alone "
                            "(F12: the whole session).")
        for stage in self.stages():
            stage.session_changed(controller.session)
        self.show_bar()

    def show_bar(self) -> None:
        """The stage bar as it is now: the title, the stages, the breakout's minutes left
        (and once a second while a breakout runs: repainted only when those change)."""
        session = self.controller.session
        title = session.title
        if self.controller.read_only:
            title = f"read-only: {title}"
        if self.controller.only_group:  # the note-taker view says so, and whose group it is
            title = f"{self.controller.group_name(self.controller.only_group)} only (F12): {title}"
        self.query_one(StageBar).show(title, self.current, self.ticker.words(session))

    def current_stage(self) -> Stage | None:
        found = self.query_one("#stages").query_children(f"#{self.current}")
        return found.first() if found else None

    # -- the session -----------------------------------------------------------------------

    def session_changed(self, session) -> None:
        previous, self._shown = self._shown, session
        if only_drafts_differ(previous, session):
            if self.others_typing(previous) == self.others_typing(session):
                return  # a draft was kept: nothing on screen changes, so nothing is sent
            stage = self.current_stage()  # someone began or stopped typing in a line: its heading
            if stage is not None:
                stage.session_changed(session)
            return
        self.show_bar()
        self.app.set_terminal_title(session.title)
        for stage in self.stages():
            stage.session_changed(session)

    def action_undo(self) -> None:
        self.controller.undo()

    def action_redo(self) -> None:
        self.controller.redo()

    def action_save_again(self) -> None:
        self.keep_drafts()
        if self.controller.missing:
            self.controller.save_again()
        else:
            self.controller.tell("Everything is saved: each change is written the moment you make it.")

    def on_screen_resume(self) -> None:
        self.app.set_terminal_title(self.controller.session.title)  # back from the list

    def action_breakout(self) -> None:
        """Start the breakout timer (or give a running one a new end): ctrl+t on Groups."""
        ask_and_start(self)

    def action_stop_breakout(self) -> None:
        stop_breakout(self)

    def action_details(self) -> None:
        from .dialogs import ask
        from .dialogs.details import DetailsScreen

        def save(op) -> None:
            if self.controller.apply(op):
                self.controller.tell("Saved the session's details (ctrl+z undoes).")

        ask(self.current_stage() or self, DetailsScreen(self.controller.session), save)

    def action_history(self) -> None:
        """Recent changes by anyone, newest first, with "bring back" (dialogs/history.py)."""
        from .dialogs import ask
        from .dialogs.history import HistoryScreen

        ask(self.current_stage() or self, HistoryScreen(self.controller))

    def action_sessions(self) -> None:
        self.keep_drafts()
        self.app.show_picker()

    # -- drafts ----------------------------------------------------------------------------

    @on(Input.Changed)
    def typing(self, event: Input.Changed) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.keep_drafts)

    def keep_drafts(self) -> None:
        """Write half-typed text as drafts (and clear drafts whose line is now empty)."""
        pending: dict[str, str] = {}
        for stage in self.stages():
            pending.update(dict(stage.pending_text()))
        lines = {i.draft_key for i in self.query(CaptureInput) if i.draft_key}
        for where in sorted(lines - set(pending)):  # only this app's drafts are cleared
            self.controller.keep_draft(where, "")
        for where, text in pending.items():
            self.controller.keep_draft(where, text)


    def others_typing(self, session) -> set:
        return {(d.where, d.by.split("/", 1)[0]) for d in session.drafts if d.by != self.controller.draft_tag}


def only_drafts_differ(a, b) -> bool:
    return replace(a, drafts=()) == replace(b, drafts=())
