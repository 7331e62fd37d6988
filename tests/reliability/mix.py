"""A random mix of every kind of operation, chosen so that concurrent writers never
interfere: writer `w` owns the ids that start with `w{w}` (its group, pieces, themes,
actions, question, links, draft) and only adds to what is shared (check-in lines).
So the final file can be checked exactly: applying each writer's acknowledged ops, one
writer after another, must give the same session, compared by id.
"""

from __future__ import annotations

import random
from collections import Counter

from jigsaw_tui.core import ops
from jigsaw_tui.core.model import CHECKIN, Session

MAX_OWN_PIECES = 18  # under the session's max_pieces (24), so no add is refused
MAX_OWN_LINKS = 4  # 8 writers x 4 stays under the session's 40
SPARE_GROUP_WRITERS = 4  # 8 main groups + 4 spares = 12, the most a session holds


class Writer:
    """Chooses writer `w`'s next op from the latest session it got back from the store."""

    def __init__(self, w: int, seed: int):
        self.w, self.rng, self.n = w, random.Random(seed), 0

    def new(self, kind: str) -> str:
        self.n += 1
        return f"w{self.w}{kind}{self.n}"

    def mine(self, ids) -> list[str]:
        return sorted(i for i in ids if i.startswith(f"w{self.w}"))

    def next_op(self, s: Session) -> ops.Op:
        main = f"w{self.w}g"
        if not any(g.id == main for g in s.groups):
            return ops.AddGroup(f"writer {self.w}", id=main)
        while True:
            op = self._try(s, main)
            if op is not None:
                return op

    def _try(self, s: Session, main: str):  # noqa: C901 (one branch per kind of op)
        rng, w = self.rng, self.w
        groups = [g for g in s.groups if g.id.startswith(f"w{w}")]
        pieces = [p for g in groups for p in g.pieces]
        ids = [p.id for p in pieces]
        themed = {p for t in s.themes for p in t.pieces}
        free = [i for i in ids if i not in themed]
        themes = [t for t in s.themes if t.id.startswith(f"w{w}")]
        actions = self.mine(a.id for a in s.actions)
        views = [v for v in s.views if v.id.startswith(f"w{w}")]
        links = self.mine(k.id for k in s.links)
        spare = next((g for g in groups if g.id != main), None)
        kind = rng.choice([
            "add", "add", "add", "edit", "note", "remove", "move", "move-group", "spare",
            "rename", "match", "edit-theme", "unmatch", "add-to-theme", "out-of-theme",
            "merge", "dismiss", "action", "edit-action", "remove-action", "question",
            "edit-question", "remove-question", "answer", "edit-answer", "remove-answer",
            "move-answer", "checkin", "link", "edit-link", "move-link", "remove-link", "draft",
        ])
        if kind == "add" and len(pieces) < MAX_OWN_PIECES:
            group = rng.choice(groups)
            return ops.AddPiece(group.id, f"piece {self.n} of writer {w}", id=self.new("p"),
                                index=rng.choice([None, 0, 1]))
        if kind == "edit" and ids:
            return ops.EditPiece(rng.choice(ids), text=f"edited {self.n} by {w}")
        if kind == "note" and ids:
            return ops.EditPiece(rng.choice(ids), note=f"note {self.n}\nsecond line")
        if kind == "remove" and ids:
            return ops.RemovePiece(rng.choice(ids))
        if kind == "move" and ids:
            return ops.MovePiece(rng.choice(ids), rng.randrange(4))
        if kind == "move-group" and spare and ids:
            piece = rng.choice(ids)
            target = main if piece in {p.id for p in spare.pieces} else spare.id
            return ops.MovePiece(piece, 0, group_id=target)
        if kind == "spare" and w < SPARE_GROUP_WRITERS:
            if spare is None:
                return ops.AddGroup(f"spare {self.n} of {w}", id=self.new("g"))
            return ops.RemoveGroup(spare.id)
        if kind == "rename":
            return ops.RenameGroup(rng.choice(groups).id, f"writer {w} ({self.n})")
        if kind == "match" and len(free) >= 2:
            return ops.MatchPieces(tuple(rng.sample(free, 2)), kind=rng.choice(["same", "overlap", "related"]),
                                   id=self.new("t"), allow_same_group=True)
        if kind == "edit-theme" and themes:
            return ops.EditTheme(rng.choice(themes).id, name=f"theme {self.n}", kind=rng.choice(["same", "overlap"]))
        if kind == "unmatch" and themes:
            return ops.Unmatch(rng.choice(themes).id)
        if kind == "add-to-theme" and themes and free:
            return ops.AddToTheme(rng.choice(themes).id, (rng.choice(free),), allow_same_group=True)
        if kind == "out-of-theme" and themes:
            theme = rng.choice(themes)
            return ops.RemoveFromTheme(theme.id, rng.choice(theme.pieces))
        if kind == "merge" and len(themes) >= 2:
            a, b = rng.sample(themes, 2)
            return ops.MergeThemes(a.id, b.id, allow_same_group=True)
        if kind == "dismiss" and len(ids) >= 2:
            return ops.Dismiss(*rng.sample(ids, 2))
        if kind == "action":
            theme = rng.choice(themes).id if themes and rng.random() < 0.5 else ""
            return ops.AddAction(f"action {self.n} of {w}", theme=theme, owner=f"w{w}", id=self.new("a"))
        if kind == "edit-action" and actions:
            return ops.EditAction(rng.choice(actions), text=f"action edited {self.n}", done=rng.random() < 0.5)
        if kind == "remove-action" and actions:
            return ops.RemoveAction(rng.choice(actions))
        if kind == "question":
            return ops.AddQuestion(f"question {self.n} of {w}?", id=self.new("v"))
        if kind == "edit-question" and views:
            return ops.EditQuestion(rng.choice(views).id, f"question {self.n} edited?")
        if kind == "remove-question" and views:
            return ops.RemoveQuestion(rng.choice(views).id)
        if kind == "answer" and views:
            return ops.AddItem(rng.choice(views).id, f"answer {self.n} of {w}")
        answered = [v for v in views if v.answers]
        if kind in ("edit-answer", "remove-answer", "move-answer") and answered:
            view = rng.choice(answered)
            index = rng.randrange(len(view.answers))
            if kind == "edit-answer":
                return ops.EditItem(view.id, index, view.answers[index], f"answer {self.n} edited")
            if kind == "remove-answer":
                return ops.RemoveItem(view.id, index, view.answers[index])
            return ops.MoveItem(view.id, index, view.answers[index], 0)
        if kind == "checkin":  # shared: appended by everyone at once
            return ops.AddItem(CHECKIN, f"check-in {self.n} of writer {w}")
        if kind == "link" and len(links) < MAX_OWN_LINKS:
            return ops.AddLink(f"https://example.org/{w}/{self.n}", title=f"link {self.n}", id=self.new("k"))
        if kind == "edit-link" and links:
            return ops.EditLink(rng.choice(links), title=f"link {self.n} edited")
        if kind == "move-link" and links:
            return ops.MoveLink(rng.choice(links), rng.randrange(3))
        if kind == "remove-link" and links:
            return ops.RemoveLink(rng.choice(links))
        if kind == "draft":
            return ops.SetDraft(main, rng.choice(["", f"half-typed {self.n}"]), by=f"w{w}")
        return None


def by_id(s: Session) -> dict:
    """What the check compares: every item by its id, lists whose order is theirs alone
    in order, lists everyone appends to (check-in, dismissed, drafts) as multisets."""
    return {
        "title": s.title,
        "settings": s.settings,
        "groups": {g.id: (g.name, g.pieces) for g in s.groups},
        "themes": {t.id: t for t in s.themes},
        "actions": {a.id: a for a in s.actions},
        "views": {v.id: v for v in s.views},
        "links": {k.id: k for k in s.links},
        "checkin": Counter(s.checkin),
        "dismissed": Counter(s.dismissed),
        "drafts": Counter(s.drafts),
        "reflections": s.reflections,
    }


def missing(expected: dict, actual: dict) -> int:
    """How many expected items (by id, or check-in lines, ...) the actual session lacks."""
    lost = 0
    for key, value in expected.items():
        if isinstance(value, (dict, Counter)):
            lost += sum(1 for item in value if item not in actual[key])
    return lost


def replay(start: Session, acknowledged: list[list[ops.Op]]) -> Session:
    """Every writer's acknowledged ops, one writer after the other."""
    session = start
    for writer_ops in acknowledged:
        for op in writer_ops:
            session = op.apply(session)
    return session
