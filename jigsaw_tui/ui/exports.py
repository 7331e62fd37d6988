"""Exports started from the app (the Lid stage's p, the palette anywhere in a session):
written in a worker thread beside the session file. The notice line names the file,
which always fits at 80 columns; the full path is in the F1 help ("Said lately")."""

from __future__ import annotations

_WHAT = {"pdf": "PDF", "md": "flash report", "csv": "comparison table"}


def export_path(controller, fmt: str):
    """Beside the session file, named after it: easy to find, replaced by the next export."""
    return controller.store.path_for(controller.ref).with_suffix("." + fmt)


NAME_ROOM = 50  # of the notice line's 78 columns: the rest is "Wrote the PDF (A4): " and the hint


def short_name(name: str, room: int = NAME_ROOM) -> str:
    """A file name that fits `room`, its start and its end kept ('effective-...-2.pdf')."""
    if len(name) <= room:
        return name
    tail = (room - 3) // 2
    return name[: room - 3 - tail] + "..." + name[-tail:]


def export_session(node, controller, fmt: str, paper: str = "A4") -> None:
    """Write an export in a worker thread; the notice line says where it went."""
    session = controller.session
    path = export_path(controller, fmt)
    what = f"PDF ({paper})" if fmt == "pdf" else _WHAT[fmt]
    controller.tell(f"Writing the {what}...")

    def write() -> None:
        from ..export import ExportError, export  # fpdf and the rest: only when written

        detail = ""
        try:
            written = export(session, fmt, path, paper)
            message, severity = f"Wrote the {what}: {short_name(written.name)} (F1: where)", "information"
            detail = f"Wrote the {what}: {written}"
        except ExportError as error:
            message, severity = error.sentence(), "error"
        except Exception as error:  # a bug must not take the session down: say it
            message, severity = f"Could not write the {what}: {error}", "error"
        node.app.call_from_thread(controller.tell, message, severity, detail)

    node.run_worker(write, thread=True, group="export", exit_on_error=False)


def export_commands(node, controller) -> list:
    """(title, help, callback) for the command palette."""
    def go(fmt, paper="A4"):
        return lambda: export_session(node, controller, fmt, paper)

    return [
        ("Export PDF (A4)", "Lids, shared lid, table, actions, blank lid, notes; beside the session file",
         go("pdf")),
        ("Export PDF (A3 poster)", "The same on A3, to put on a wall", go("pdf", "A3")),
        ("Export PDF (US letter)", "The same on US letter paper", go("pdf", "letter")),
        ("Export flash report (Markdown)", "Lids as lists, the table, actions: to email", go("md")),
        ("Export comparison table (CSV)", "One column per group, for a spreadsheet", go("csv")),
    ]
