"""Exports: PDF lids (pdf.py), the Markdown flash report (markdown.py) and the
comparison table as CSV (table_csv.py). Nothing heavy is imported here: fpdf is
imported only when a PDF is made.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core.errors import JigsawError
from ..core.store import file_mode  # as the sessions they come from

FORMATS = ("pdf", "md", "csv", "json")


class ExportError(JigsawError):
    """An export that could not be written, worded for the person at the keyboard."""


def write_file(path: str | os.PathLike, data: bytes) -> Path:
    """Write all of `data` or nothing: a temp file beside the target, then a rename."""
    target = Path(path).expanduser()
    folder = target.parent
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder; give a file name")
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"cannot write {target}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, file_mode(folder))
        os.replace(tmp, target)
    except OSError as error:
        _remove(tmp)
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        _remove(tmp)
        raise
    return target


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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


def export(session, fmt: str, path, paper: str = "A4") -> Path:
    data = render(session, fmt, paper)
    if fmt == "csv":
        data = "\ufeff".encode("utf-8") + data  # the BOM tells spreadsheets it is UTF-8
    return write_file(path, data)
