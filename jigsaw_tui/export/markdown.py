"""The flash report in Markdown, in the session's order: the check-in, the shared views,
the lids as lists, the comparison table, the reflections, the actions, the links, credit.

Written to be sent the same day: it reads well as plain text in an email too.
"""

from __future__ import annotations

import re

from .. import CREDIT
from ..core.compare import comparison_rows, groups_label, kind_note, shared_themes, theme_label

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # what can change meaning mid-line
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")  # what can change it at a line's start


def md(text: str) -> str:
    """User text, shown literally: Markdown punctuation escaped, HTML neutralised.
    Only what could change the meaning is escaped, so the report reads well as plain text."""
    text = _SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    text = _LINE_START.sub(_escape_start, text)
    return text.replace("<", "&lt;")


def _escape_start(match) -> str:
    indent, mark = match.group(1), match.group(2)
    if mark[0].isdigit():  # "1." becomes "1\." (a backslash before a digit would show)
        return indent + mark[:-1] + "\\" + mark[-1]
    return indent + "\\" + mark


def flash_report(session) -> str:
    out: list[str] = [f"# {md(session.title)}", ""]
    details = [x for x in (session.date, session.facilitator and f"facilitated by {session.facilitator}") if x]
    if details:
        out += [md(" · ".join(details)), ""]
    out += [f"*{CREDIT}*", ""]
    if session.checkin:
        out += ["## What makes us smile", ""] + [f"- {md(x)}" for x in session.checkin] + [""]
    answered = [v for v in session.views if v.answers]
    if answered:
        out += ["## Shared views", ""]
        for view in answered:
            out += [f"### {md(view.question)}", ""] + [f"- {md(a)}" for a in view.answers] + [""]
    out += _lids(session)
    out += _table(session)
    out += _reflections(session)
    out += _actions(session)
    out += _links(session)
    out += ["---", "", CREDIT, ""]
    return "\n".join(out)


def _lids(session) -> list[str]:
    out = ["## The lids", "",
           "Each group's picture of what good looks like. On paper each lid is a circle: "
           "no piece comes first.", ""]
    for group in session.groups:
        out += [f"### {md(group.name)} ({len(group.pieces)} of {session.settings.max_pieces} pieces)", ""]
        if not group.pieces:
            out.append("*No pieces yet.*")
        for piece in group.pieces:
            out.append(f"- {md(piece.text)}")
            out += [f"  - {md(line)}" for line in piece.note.splitlines() if line.strip()]
        out.append("")
    shared = shared_themes(session)
    out += ["### Shared lid", "", "Themes named by two or more groups: where the shared work starts.", ""]
    if not shared:
        out.append("*No themes matched yet.*")
    total = len(session.groups)
    for theme, named in shared:
        kind = "" if theme.kind == "same" else f"{theme.kind}, "
        members = "; ".join(
            f"{md(g.name)}: {md(p.text)}" for g, p in (session.find_piece(pid) for pid in theme.pieces)
        )
        out.append(f"- **{md(theme.name)}** ({kind}{groups_label(named, total)}): {members}")
    return out + [""]


def _table(session) -> list[str]:
    rows = comparison_rows(session)
    if not rows:
        return []  # nothing to compare yet
    out = ["## Comparison table", "",
           "Matched themes first, one to a row, then the pieces only one group named. "
           "All views are equal: the order is not a ranking.", ""]
    out.append("| Theme | " + " | ".join(md(g.name) for g in session.groups) + " |")
    out.append("|" + "---|" * (len(session.groups) + 1))
    for row in rows:
        cells = [md(t) for t in row.texts()]
        theme = ""
        if row.theme is not None:
            theme = md(theme_label(row.theme))
            cells = [f"**{c}**" if c else c for c in cells]
        out.append("| " + " | ".join([theme] + cells) + " |")
    note = " ".join(x for x in ("Bold rows are themes the groups share.", kind_note(session)) if x)
    return out + ["", note, ""]


def _reflections(session) -> list[str]:
    if not session.reflections:
        return []
    out = ["## Reflections", ""]
    for paragraph in session.reflections.split("\n\n"):
        lines = [md(line.strip()) for line in paragraph.splitlines() if line.strip()]
        if lines:  # a line break kept as typed: two spaces at its end (invisible in an email)
            out += ["  \n".join(lines), ""]
    return out


def _links(session) -> list[str]:
    """Each link's URL written out, never as a Markdown link: what is read is what is there."""
    if not session.links:
        return []
    out = ["## Links and resources", ""]
    for link in session.links:
        url = f"<{link.url}>"  # an autolink: shown as it is (clean_url allows no < > or spaces)
        out.append(f"- {md(link.title)}: {url}" if link.title else f"- {url}")
    return out + [""]


def _actions(session) -> list[str]:
    out = ["## Actions", ""]
    if not session.actions:
        return out + ["*No actions recorded yet.*", ""]
    names = {t.id: t.name for t in session.themes}
    for action in session.actions:
        mark = "[x]" if action.done else "[ ]"
        extra = [x for x in (action.owner and f"who: {action.owner}", action.due and f"by: {action.due}",
                             names.get(action.theme) and f"theme: {names[action.theme]}") if x]
        out.append(f"- {mark} {md(action.text)}" + (f" ({md('; '.join(extra))})" if extra else ""))
    return out + [""]
