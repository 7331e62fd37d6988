"""The comparison table as CSV: a Theme column, then one column per group; after a
blank row, the credit to COPE Scotland.

Named table_csv (not csv) so it never shadows the standard library's csv module.
"""

from __future__ import annotations

import csv
import io

from .. import CREDIT
from ..core.compare import comparison_rows

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A spreadsheet must not run a cell as a formula: prefix those with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def comparison_csv(session) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Theme"] + [safe_cell(g.name) for g in session.groups])
    for row in comparison_rows(session):
        theme = ""
        if row.theme is not None:
            theme = row.theme.name + (" (overlap)" if row.theme.kind == "overlap" else "")
        writer.writerow([safe_cell(theme)] + [safe_cell(t) for t in row.texts()])
    writer.writerow([])
    writer.writerow([CREDIT])  # every export credits COPE Scotland: last, apart from the table
    return out.getvalue()
