"""The comparison table as CSV: a Theme column, then one column per group; after a
blank row, the credit to COPE Scotland. And the actions, as a second file beside it:
what, who, when, done, theme.

Named table_csv (not csv) so it never shadows the standard library's csv module.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import CREDIT
from ..core.compare import comparison_rows, theme_label

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A spreadsheet must not run a cell as a formula: prefix those with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _table(heading: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in heading])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    writer.writerow([])
    writer.writerow([CREDIT])  # every export credits COPE Scotland: last, apart from the table
    return out.getvalue()


def comparison_csv(session) -> str:
    rows = ([theme_label(row.theme) if row.theme is not None else ""] + row.texts()
            for row in comparison_rows(session))
    return _table(["Theme"] + [g.name for g in session.groups], rows)


def actions_csv(session) -> str:
    """One action a row, in the session's order; Theme empty for a stand-alone action."""
    themes = {t.id: theme_label(t) for t in session.themes}
    rows = ([a.text, a.owner, a.due, "yes" if a.done else "", themes.get(a.theme, "")] for a in session.actions)
    return _table(["What", "Who", "When", "Done", "Theme"], rows)


def actions_path(path: Path) -> Path:
    """The actions file beside the comparison table: table.csv -> table-actions.csv."""
    return path.with_name(f"{path.stem}-actions{path.suffix or '.csv'}")
