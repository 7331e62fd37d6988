"""The comparison table: one column per group, matched themes on one row each, then
every unmatched piece on a row of its own (the layout of the seed flash report).

One pure function used by the PDF, Markdown and CSV exports and by the in-app table,
so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Piece, Session, Theme


@dataclass(frozen=True)
class Row:
    """One row of the table. `cells` has one entry per group, in session order; a cell
    holds the pieces that group put on this row (usually none or one)."""

    theme: Theme | None  # None: a piece that only one group named
    cells: tuple[tuple[Piece, ...], ...]

    @property
    def groups_named(self) -> int:
        return sum(1 for cell in self.cells if cell)

    def texts(self, joiner: str = "; ") -> list[str]:
        """Each cell as plain text ("" when the group did not name it); a piece's note
        follows it in brackets, as in the seed report's table."""
        return [joiner.join(piece_with_note(p) for p in cell) for cell in self.cells]


def theme_label(theme: Theme) -> str:
    """A theme as the tables name it: 'Shared purpose', 'Trust (overlap)', 'X (related)'.
    No mark is the same thing in other words; `kind_note` says what the marks mean."""
    return theme.name if theme.kind == "same" else f"{theme.name} ({theme.kind})"


_KIND_MEANING = {"overlap": "in conversation it may be agreed they overlap",
                 "related": "different priorities whose activities are similar"}


def kind_note(session: Session) -> str:
    """What the marks after theme names mean, for the kinds this session uses ("" when
    every theme is the same thing in other words: then there is no mark to explain)."""
    used = [k for k in _KIND_MEANING if any(t.kind == k for t in session.themes)]
    if not used:
        return ""
    marks = "; ".join(f"({k}): {_KIND_MEANING[k]}" for k in used)
    return f"A theme's name alone: the same thing in other words; {marks}."


def piece_with_note(piece: Piece) -> str:
    note = " ".join(piece.note.split())
    return f"{piece.text} [{note}]" if note else piece.text


def comparison_rows(session: Session) -> list[Row]:
    """Themes first (in session order), then unmatched pieces group by group."""
    column = {p.id: i for i, g in enumerate(session.groups) for p in g.pieces}
    pieces = {p.id: p for g in session.groups for p in g.pieces}
    width = len(session.groups)
    rows: list[Row] = []
    for theme in session.themes:
        cells: list[list[Piece]] = [[] for _ in range(width)]
        for piece_id in theme.pieces:
            if piece_id in column:
                cells[column[piece_id]].append(pieces[piece_id])
        rows.append(Row(theme, tuple(tuple(c) for c in cells)))
    matched = {p for t in session.themes for p in t.pieces}
    for i, group in enumerate(session.groups):
        for piece in group.pieces:
            if piece.id not in matched:
                cells = tuple((piece,) if j == i else () for j in range(width))
                rows.append(Row(None, cells))
    return rows


def shared_themes(session: Session) -> list[tuple[Theme, int]]:
    """The shared lid: themes named by two or more groups, with how many named each."""
    out = []
    for theme in session.themes:
        named = len(session.theme_groups(theme))
        if named >= 2:
            out.append((theme, named))
    return out


def groups_label(named: int, total: int) -> str:
    return f"{named} of {total} groups"
