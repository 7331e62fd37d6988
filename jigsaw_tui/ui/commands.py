"""The command palette (ctrl+p): every action by name, plus the current stage's own."""

from __future__ import annotations

from textual.app import SystemCommand

from .exports import export_commands  # PDF, Markdown, CSV: from any stage
from .session_screen import SessionScreen
from .stages import STAGES


def commands_for(app, screen):
    if isinstance(screen, SessionScreen):
        for n, info in enumerate(STAGES):
            yield SystemCommand(f"Go to {info.label}", f"Stage {n + 1} (F{n + 2})",
                                lambda key=info.key: screen.run_action(f"stage('{key}')"))
        yield SystemCommand("Undo", "Undo the last change (ctrl+z)", screen.action_undo)
        yield SystemCommand("Redo", "Redo what was undone (ctrl+y)", screen.action_redo)
        yield SystemCommand("Save again", "Write the session back if its file was deleted (ctrl+s)",
                            screen.action_save_again)
        yield SystemCommand("Sessions", "Back to the list of sessions (ctrl+o)", screen.action_sessions)
        yield SystemCommand("Start breakout timer", "Minutes every screen of this session shows "
                            "(ctrl+t on Groups; again while it runs: a new end)", screen.action_breakout)
        yield SystemCommand("Stop breakout timer", "Take the breakout timer off every screen",
                            screen.action_stop_breakout)
        yield SystemCommand("History: recent changes", "Who changed what, newest first; b brings back "
                            "what a change removed (ctrl+f)", screen.action_history)
        yield SystemCommand("Session details", "Title, facilitator, date, pieces per group (F9)",
                            screen.action_details)
        for title, help_text, callback in export_commands(screen, screen.controller):
            yield SystemCommand(title, help_text, callback)
        stage = screen.current_stage()
        if stage is not None:
            for title, help_text, callback in stage.commands():
                yield SystemCommand(title, help_text, callback)
    yield SystemCommand("Help", "Every key (F1)", app.action_help)
    yield SystemCommand("About", "About jigsaw-tui and the Jigsaw toolkit by COPE Scotland", app.action_about)
    yield SystemCommand("Quit", "Leave jigsaw; everything is saved (ctrl+q)", app.action_quit)
