"""Pure helpers for the session picker (no Textual): templates and one-line summaries."""

from __future__ import annotations

from dataclasses import replace

from ..core.model import MAX_TITLE_CHARS, Session


def as_template(session: Session, date: str = "") -> Session:
    """A fresh session shaped like `session`: same groups, questions and settings, nothing typed.

    Ids are kept: they are unique within a file, and a copy is a separate file.
    """
    title = (session.title + " (copy)")[:MAX_TITLE_CHARS]
    return replace(
        session,
        title=title,
        date=date,
        checkin=(),
        views=tuple(replace(v, answers=()) for v in session.views),
        groups=tuple(replace(g, pieces=()) for g in session.groups),
        themes=(),
        actions=(),
        dismissed=(),
        drafts=(),
    )


def split_names(text: str) -> list[str]:
    """'Group one, Group two' -> ['Group one', 'Group two'] (commas or semicolons)."""
    parts = text.replace(";", ",").split(",")
    return [p.strip() for p in parts if p.strip()]
