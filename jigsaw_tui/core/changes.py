"""What changed between two versions of a session, in a few words for a notice.

When another note-taker saves, each open view says so in one short line ("ana, Group
two: +1 piece"); the words come from here. Counts, not lists: a burst of twelve pieces
is "+12 pieces", one line.
"""

from __future__ import annotations

from collections import Counter

from .model import Session


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _diff(old: dict, new: dict) -> tuple[int, int, int]:
    added = sum(1 for k in new if k not in old)
    removed = sum(1 for k in old if k not in new)
    edited = sum(1 for k in new if k in old and new[k] != old[k])
    return added, removed, edited


def changes(old: Session, new: Session) -> Counter:
    """{(place, what): count}: place is a group's name, or "" for the session as a whole;
    what is "piece added", "theme removed", "piece changed", ..."""
    counts: Counter = Counter()
    old_groups = {g.id: g for g in old.groups}
    was_in = {p.id: g.id for g in old.groups for p in g.pieces}
    now_in = {p.id for g in new.groups for p in g.pieces}
    for group in new.groups:
        before = old_groups.get(group.id)
        if before is None:
            counts[("", "group added")] += 1
            counts[(group.name, "piece added")] += len(group.pieces)
            continue
        if before.name != group.name:
            counts[(group.name, "group renamed")] += 1
        added, _, edited = _diff({p.id: p for p in before.pieces}, {p.id: p for p in group.pieces})
        moved_in = sum(1 for p in group.pieces if was_in.get(p.id, group.id) != group.id)
        counts[(group.name, "piece added")] += added - moved_in
        counts[(group.name, "piece moved in")] += moved_in
        counts[(group.name, "piece changed")] += edited
        counts[(group.name, "piece removed")] += sum(1 for p in before.pieces if p.id not in now_in)
    new_ids = {g.id for g in new.groups}
    counts[("", "group removed")] += sum(1 for g in old.groups if g.id not in new_ids)
    for what, a, b in (("theme", old.themes, new.themes), ("action", old.actions, new.actions),
                       ("link", old.links, new.links)):
        added, removed, edited = _diff({x.id: x for x in a}, {x.id: x for x in b})
        counts[("", f"{what} added")] += added
        counts[("", f"{what} removed")] += removed
        counts[("", f"{what} changed")] += edited
    old_answers = {v.id: v.answers for v in old.views}
    answers = sum(max(0, len(v.answers) - len(old_answers.get(v.id, ()))) for v in new.views)
    counts[("", "view answer added")] += answers
    counts[("", "check-in added")] += max(0, len(new.checkin) - len(old.checkin))
    counts[("", "suggestion dismissed")] += max(0, len(new.dismissed) - len(old.dismissed))
    for field, words in (("title", "title changed"), ("reflections", "reflections changed")):
        if getattr(old, field) != getattr(new, field):
            counts[("", words)] += 1
    return +counts  # drop the zeros


def summary(counts: Counter, width: int = 60) -> str:
    """'Group two: +3 pieces; +1 theme' from `changes`, grouped by place, in a short line."""
    by_place: dict[str, list[str]] = {}
    for (place, what), n in counts.items():
        thing, _, verb = what.rpartition(" ")
        if verb == "added":
            text = f"+{plural(n, thing)}"
        elif verb == "removed":
            text = f"-{plural(n, thing)}"
        elif verb == "in":  # "piece moved in"
            text = f"{plural(n, 'piece')} moved in"
        else:
            text = f"{plural(n, thing)} {verb}" if n > 1 else f"{thing} {verb}"
        by_place.setdefault(place, []).append(text)
    parts = [f"{place}: {', '.join(items)}" if place else ", ".join(items) for place, items in by_place.items()]
    text = "; ".join(parts)
    return text if len(text) <= width else text[: width - 1] + "…"
