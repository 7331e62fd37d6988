"""Exports: PDF lids (pdf.py), the Markdown flash report (markdown.py) and the
comparison table and the actions as CSV (table_csv.py). Nothing heavy is imported
here: fpdf is imported only when a PDF is made.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import JigsawError
from ..core.store import WriteFailed, atomic_write

FORMATS = ("pdf", "md", "csv", "json")


class ExportError(JigsawError):
    """An export that could not be written, worded for the person at the keyboard."""


def write_file(path: str | os.PathLike, data: bytes) -> Path:
    """Write all of `data` or nothing, as sessions are saved (`atomic_write`)."""
    target = Path(path).expanduser()
    folder = target.parent
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder; give a file name")
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"cannot write {target}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    try:
        atomic_write(target, data)  # private like the sessions they come from (`file_mode`)
    except WriteFailed as failed:
        raise ExportError(f"cannot write {target}: {failed.error.strerror or failed.error}") from None
    return target


# Each format's module is imported when that format is written: fpdf only for a PDF.
def render(session, fmt: str, paper: str = "A4") -> bytes:
    """The bytes of one export of a session."""
    if fmt == "pdf":
        from .pdf import session_pdf

        return session_pdf(session, paper=paper)
    if fmt == "md":
        from .markdown import flash_report

        return flash_report(session).encode("utf-8")
    if fmt == "csv":
        from .table_csv import comparison_csv

        return comparison_csv(session).encode("utf-8")
    if fmt == "json":
        import json

        from ..core.codec import session_to_dict

        from .. import CREDIT

        data = {"credit": CREDIT} | session_to_dict(session)  # as `show --json`, with the credit
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


_BOM = "\ufeff".encode("utf-8")  # tells spreadsheets a CSV is UTF-8


def export_files(session, fmt: str, path, paper: str = "A4") -> list[Path]:
    """Write one format; every file written, the main one first. CSV is two files: the
    comparison table at `path` and the actions beside it (`table_csv.actions_path`)."""
    data = render(session, fmt, paper)
    if fmt != "csv":
        return [write_file(path, data)]
    from .table_csv import actions_csv, actions_path

    table = write_file(path, _BOM + data)
    return [table, write_file(actions_path(table), _BOM + actions_csv(session).encode("utf-8"))]


def export(session, fmt: str, path, paper: str = "A4") -> Path:
    """Write one format (for CSV, the actions file too); the main file's path."""
    return export_files(session, fmt, path, paper)[0]
