"""Pure helpers for the session picker (no Textual): templates and one-line summaries."""

from __future__ import annotations

from dataclasses import replace

from ..core.model import DEFAULT_QUESTIONS, MAX_TITLE_CHARS, Session, clean_line

# The shared views' questions a new session can start with: for any topic (the
# default), or the three of the toolkit's own example session, on networking.
QUESTION_TEMPLATES = (
    ("for any topic", DEFAULT_QUESTIONS),
    ("effective networks (the toolkit's example)", (
        "Why do we network?",
        "What gets in the road of networking?",
        "What would increase the value of networks?",
    )),
)


def as_template(session: Session, date: str = "", title: str | None = None) -> Session:
    """A fresh session shaped like `session`: same groups, questions and settings, nothing typed.

    `title` is the copy's (checked like any title); by default the original's + " (copy)".
    Ids are kept: they are unique within a file, and a copy is a separate file.
    """
    if title is None:
        title = (session.title + " (copy)")[:MAX_TITLE_CHARS]
    return replace(
        session,
        title=clean_line(title, "title", MAX_TITLE_CHARS),
        date=date,
        checkin=(),
        views=tuple(replace(v, answers=()) for v in session.views),
        groups=tuple(replace(g, pieces=()) for g in session.groups),
        themes=(),
        actions=(),
        dismissed=(),
        reflections="",  # (the links stay: a wellbeing video or the slides serve again)
        drafts=(),
    )


def split_names(text: str) -> list[str]:
    """'Group one, Group two' -> ['Group one', 'Group two'] (commas or semicolons)."""
    parts = text.replace(";", ",").split(",")
    return [p.strip() for p in parts if p.strip()]
