"""The command palette (ctrl+p): every action by name, plus the current stage's own."""

from __future__ import annotations

from textual.app import SystemCommand

from .stages import STAGES


EXPORTS = (("pdf", "PDF (lids, table, actions)"), ("md", "Markdown flash report"),
           ("csv", "CSV comparison table"))


def export_now(screen, fmt: str) -> None:
    """Write an export beside the session file and say where (the export code loads now)."""
    from ..export import ExportError, export
    from ..store import StoreError

    controller = screen.controller
    try:
        target = controller.store.path_for(controller.ref).with_suffix("." + fmt)
        path = export(controller.session, fmt, target)
    except (ExportError, StoreError, OSError) as error:
        controller.tell(f"Could not export: {error}", "error")
        return
    controller.tell(f"Wrote {path}")


def commands_for(app, screen):
    from .session_screen import SessionScreen

    if isinstance(screen, SessionScreen):
        for n, info in enumerate(STAGES):
            yield SystemCommand(f"Go to {info.label}", f"Stage {n + 1} (F{n + 2})",
                                lambda key=info.key: screen.run_action(f"stage('{key}')"))
        yield SystemCommand("Undo", "Undo the last change (ctrl+z)", screen.action_undo)
        yield SystemCommand("Redo", "Redo what was undone (ctrl+y)", screen.action_redo)
        yield SystemCommand("Save again", "Write the session back if its file was deleted (ctrl+s)",
                            screen.action_save_again)
        yield SystemCommand("Sessions", "Back to the list of sessions (ctrl+o)", screen.action_sessions)
        from .stages.lid import export_commands  # PDF, Markdown, CSV: from any stage

        for title, help_text, callback in export_commands(screen, screen.controller):
            yield SystemCommand(title, help_text, callback)
        for fmt, what in EXPORTS:
            yield SystemCommand(f"Export {what}", f"Write it beside the session file ({fmt})",
                                lambda fmt=fmt: export_now(screen, fmt))
        stage = screen.current_stage()
        if stage is not None:
            for title, help_text, callback in stage.commands():
                yield SystemCommand(title, help_text, callback)
    yield SystemCommand("Help", "Every key (F1)", app.action_help)
    yield SystemCommand("About", "About jigsaw-tui and the Jigsaw toolkit by COPE Scotland", app.action_about)
    yield SystemCommand("Quit", "Leave jigsaw; everything is saved (ctrl+q)", app.action_quit)
