"""Every change to a session is an operation: a small frozen dataclass with `apply`.

`apply(session)` returns a new session or raises `InvalidInput` with a message for a
person. `inverse(before, after)` builds the op that undoes a change: a batch of
primitive puts and deletes touching only what that change touched, so an undo applied
to a file that someone else has changed since does not undo their work.

Ids are chosen when an op is made (not when applied), so applying the same op to the
latest file under the store's lock is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from .model import (
    CHECKIN,
    MAX_GROUPS,
    MAX_MEDITATION_SECONDS,
    MIN_MEDITATION_SECONDS,
    MAX_LINE_CHARS,
    MAX_LINKS,
    MAX_MEDITATION_CHARS,
    MAX_NAME_CHARS,
    MAX_PIECE_CHARS,
    MAX_TITLE_CHARS,
    MAX_REFLECTIONS_CHARS,
    THEME_KINDS,
    Action,
    Draft,
    Group,
    InvalidInput,
    Link,
    Piece,
    Session,
    Theme,
    View,
    breakout_end,
    check_max_pieces,
    clean_line,
    clean_note,
    clean_url,
    new_id,
    strip_controls,
    utc_text,
    utc_time,
)


class Op:
    """Base: subclasses implement `change`; `apply` also tidies dangling references."""

    def change(self, session: Session) -> Session:
        raise NotImplementedError

    def apply(self, session: Session) -> Session:
        return tidy(self.change(session))

    def describe(self) -> str:
        """A few words for notices and the undo history."""
        return type(self).__name__


def _id(prefix: str):
    return field(default_factory=lambda: new_id(prefix))


def _upsert(items: tuple, item, index: int | None, move_only: bool = False) -> tuple:
    """Put `item` at `index` (end if None), replacing any item with the same id."""
    existing = next((x for x in items if x.id == item.id), None)
    if move_only and existing is not None:
        item = existing
    rest = [x for x in items if x.id != item.id]
    index = len(rest) if index is None else max(0, min(index, len(rest)))
    rest.insert(index, item)
    return tuple(rest)


def _without(items: tuple, item_id: str) -> tuple:
    return tuple(x for x in items if x.id != item_id)


def _replace_item(items: tuple, new) -> tuple:
    return tuple(new if x.id == new.id else x for x in items)


def _check_new_id(session: Session, item_id: str) -> None:
    if item_id in session.all_ids():
        raise InvalidInput(f"id {item_id!r} is already used in this session; please try again")


def tidy(session: Session) -> Session:
    """Drop references to things that are gone: a theme needs two pieces to exist."""
    piece_ids = {p.id for g in session.groups for p in g.pieces}
    themes = []
    for theme in session.themes:
        kept = tuple(p for p in theme.pieces if p in piece_ids)
        if len(kept) >= 2:
            themes.append(theme if kept == theme.pieces else replace(theme, pieces=kept))
    theme_ids = {t.id for t in themes}
    actions = tuple(
        a if not a.theme or a.theme in theme_ids else replace(a, theme="")
        for a in session.actions
    )
    dismissed = tuple(pair for pair in session.dismissed if set(pair) <= piece_ids)
    drafts = tuple(d for d in session.drafts if d.text)
    if (len(themes), actions, dismissed, drafts) == (
        len(session.themes), session.actions, session.dismissed, session.drafts
    ) and all(a is b for a, b in zip(themes, session.themes)):
        return session
    return replace(session, themes=tuple(themes), actions=actions,
                   dismissed=dismissed, drafts=drafts)


def _with_group(session: Session, group: Group) -> Session:
    return replace(session, groups=_replace_item(session.groups, group))


# -- groups ------------------------------------------------------------------


@dataclass(frozen=True)
class AddGroup(Op):
    name: str
    id: str = _id("g")
    index: int | None = None

    def change(self, session):
        name = clean_line(self.name, "group name", MAX_NAME_CHARS)
        if session.group_by_name(name):
            raise InvalidInput(f"there is already a group called {name!r}")
        if len(session.groups) >= MAX_GROUPS:
            raise InvalidInput(f"a session has at most {MAX_GROUPS} groups")
        _check_new_id(session, self.id)
        groups = _upsert(session.groups, Group(self.id, name), self.index)
        return replace(session, groups=groups)

    def describe(self):
        return f"add group {self.name!r}"


@dataclass(frozen=True)
class RenameGroup(Op):
    group_id: str
    name: str

    def change(self, session):
        name = clean_line(self.name, "group name", MAX_NAME_CHARS)
        other = session.group_by_name(name)
        if other and other.id != self.group_id:
            raise InvalidInput(f"there is already a group called {name!r}")
        return _with_group(session, replace(session.group(self.group_id), name=name))

    def describe(self):
        return f"rename group to {self.name!r}"


@dataclass(frozen=True)
class RemoveGroup(Op):
    group_id: str

    def change(self, session):
        session.group(self.group_id)
        return replace(session, groups=_without(session.groups, self.group_id))

    def describe(self):
        return "remove group"


# -- pieces ------------------------------------------------------------------


def _room_for(session: Session, group: Group, extra: int = 1) -> None:
    limit = session.settings.max_pieces
    if len(group.pieces) + extra > limit:
        raise InvalidInput(
            f"{group.name} already has {len(group.pieces)} of {limit} pieces: "
            "the lid is full (remove one first)"
        )


@dataclass(frozen=True)
class AddPiece(Op):
    group_id: str
    text: str
    note: str = ""
    id: str = _id("p")
    index: int | None = None

    def change(self, session):
        group = session.group(self.group_id)
        piece = Piece(self.id, clean_line(self.text, "piece", MAX_PIECE_CHARS), clean_note(self.note))
        _room_for(session, group)
        _check_new_id(session, self.id)
        return _with_group(session, replace(group, pieces=_upsert(group.pieces, piece, self.index)))

    def describe(self):
        return f"add piece {self.text!r}"


@dataclass(frozen=True)
class EditPiece(Op):
    piece_id: str
    text: str | None = None
    note: str | None = None

    def change(self, session):
        group, piece = session.find_piece(self.piece_id)
        if self.text is not None:
            piece = replace(piece, text=clean_line(self.text, "piece", MAX_PIECE_CHARS))
        if self.note is not None:
            piece = replace(piece, note=clean_note(self.note))
        return _with_group(session, replace(group, pieces=_replace_item(group.pieces, piece)))

    def describe(self):
        return "edit piece" if self.text is not None else "edit note"


@dataclass(frozen=True)
class RemovePiece(Op):
    piece_id: str

    def change(self, session):
        group, _ = session.find_piece(self.piece_id)
        return _with_group(session, replace(group, pieces=_without(group.pieces, self.piece_id)))

    def describe(self):
        return "remove piece"


@dataclass(frozen=True)
class MovePiece(Op):
    """Move a piece within its group, or to another group (`group_id`)."""

    piece_id: str
    index: int
    group_id: str | None = None

    def change(self, session):
        source, piece = session.find_piece(self.piece_id)
        target_id = self.group_id or source.id
        if target_id == source.id:
            return _with_group(session, replace(source, pieces=_upsert(source.pieces, piece, self.index)))
        target = session.group(target_id)
        _room_for(session, target)
        session = _with_group(session, replace(source, pieces=_without(source.pieces, piece.id)))
        return _with_group(session, replace(target, pieces=_upsert(target.pieces, piece, self.index)))

    def describe(self):
        return "move piece"


# -- themes ------------------------------------------------------------------


def _check_theme_pieces(session: Session, piece_ids, allow_same_group: bool, theme_id: str = ""):
    groups = []
    for piece_id in piece_ids:
        group, _ = session.find_piece(piece_id)
        other = session.theme_of(piece_id)
        if other and other.id != theme_id:
            raise InvalidInput(f"that piece is already in the theme {other.name!r}: merge the themes instead")
        groups.append(group.id)
    if not allow_same_group and len(set(groups)) < len(groups):
        raise InvalidInput("two of these pieces come from the same group: confirm to match them anyway")


def _theme_name(session: Session, name: str, piece_ids) -> str:
    if name.strip():
        return clean_line(name, "theme name", MAX_PIECE_CHARS)
    texts = [session.find_piece(p)[1].text for p in piece_ids]
    return min(texts, key=len)  # the shortest member's words, as the method suggests


def _check_kind(kind: str) -> str:
    if kind not in THEME_KINDS:
        raise InvalidInput(f"a theme's kind is one of {', '.join(THEME_KINDS)}, not {kind!r}")
    return kind


@dataclass(frozen=True)
class MatchPieces(Op):
    piece_ids: tuple[str, ...]
    kind: str = "same"
    name: str = ""
    id: str = _id("t")
    allow_same_group: bool = False

    def change(self, session):
        ids = tuple(dict.fromkeys(self.piece_ids))
        if len(ids) < 2:
            raise InvalidInput("a theme needs at least two pieces")
        _check_theme_pieces(session, ids, self.allow_same_group)
        _check_new_id(session, self.id)
        theme = Theme(self.id, _theme_name(session, self.name, ids), _check_kind(self.kind), ids)
        return replace(session, themes=session.themes + (theme,))

    def describe(self):
        return "match pieces"


@dataclass(frozen=True)
class AddToTheme(Op):
    theme_id: str
    piece_ids: tuple[str, ...]
    allow_same_group: bool = False

    def change(self, session):
        theme = session.theme(self.theme_id)
        ids = tuple(dict.fromkeys(theme.pieces + tuple(self.piece_ids)))
        _check_theme_pieces(session, ids, self.allow_same_group, theme.id)
        return replace(session, themes=_replace_item(session.themes, replace(theme, pieces=ids)))

    def describe(self):
        return "add to theme"


@dataclass(frozen=True)
class RemoveFromTheme(Op):
    theme_id: str
    piece_id: str

    def change(self, session):
        theme = session.theme(self.theme_id)
        pieces = tuple(p for p in theme.pieces if p != self.piece_id)
        return replace(session, themes=_replace_item(session.themes, replace(theme, pieces=pieces)))

    def describe(self):
        return "take piece out of theme"


@dataclass(frozen=True)
class Unmatch(Op):
    theme_id: str

    def change(self, session):
        session.theme(self.theme_id)
        return replace(session, themes=_without(session.themes, self.theme_id))

    def describe(self):
        return "unmatch theme"


@dataclass(frozen=True)
class EditTheme(Op):
    theme_id: str
    name: str | None = None
    kind: str | None = None

    def change(self, session):
        theme = session.theme(self.theme_id)
        if self.name is not None:
            theme = replace(theme, name=_theme_name(session, self.name, theme.pieces))
        if self.kind is not None:
            theme = replace(theme, kind=_check_kind(self.kind))
        return replace(session, themes=_replace_item(session.themes, theme))

    def describe(self):
        return "edit theme"


@dataclass(frozen=True)
class MergeThemes(Op):
    into_id: str
    from_id: str
    allow_same_group: bool = False

    def change(self, session):
        into, other = session.theme(self.into_id), session.theme(self.from_id)
        if into.id == other.id:
            raise InvalidInput("a theme cannot be merged with itself")
        session = replace(session, themes=_without(session.themes, other.id))
        merged = replace(into, pieces=tuple(dict.fromkeys(into.pieces + other.pieces)))
        _check_theme_pieces(session, merged.pieces, self.allow_same_group, into.id)
        actions = tuple(replace(a, theme=into.id) if a.theme == other.id else a for a in session.actions)
        return replace(session, themes=_replace_item(session.themes, merged), actions=actions)

    def describe(self):
        return "merge themes"


@dataclass(frozen=True)
class Dismiss(Op):
    """A suggested match the facilitator turned down: not offered again."""

    a: str
    b: str

    def change(self, session):
        session.find_piece(self.a), session.find_piece(self.b)
        pair = tuple(sorted((self.a, self.b)))
        if pair in session.dismissed:
            return session
        return replace(session, dismissed=session.dismissed + (pair,))

    def describe(self):
        return "dismiss suggestion"


# -- actions -----------------------------------------------------------------


def _check_theme_ref(session: Session, theme_id: str) -> str:
    if theme_id:
        session.theme(theme_id)
    return theme_id


@dataclass(frozen=True)
class AddAction(Op):
    text: str
    theme: str = ""
    owner: str = ""
    due: str = ""
    id: str = _id("a")

    def change(self, session):
        _check_new_id(session, self.id)
        action = Action(
            self.id,
            clean_line(self.text, "action", MAX_LINE_CHARS),
            _check_theme_ref(session, self.theme),
            clean_line(self.owner, "owner", MAX_NAME_CHARS, allow_empty=True),
            clean_line(self.due, "due date", MAX_NAME_CHARS, allow_empty=True),
        )
        return replace(session, actions=session.actions + (action,))

    def describe(self):
        return f"add action {self.text!r}"


@dataclass(frozen=True)
class EditAction(Op):
    action_id: str
    text: str | None = None
    theme: str | None = None
    owner: str | None = None
    due: str | None = None
    done: bool | None = None

    def change(self, session):
        action = session.action(self.action_id)
        if self.text is not None:
            action = replace(action, text=clean_line(self.text, "action", MAX_LINE_CHARS))
        if self.theme is not None:
            action = replace(action, theme=_check_theme_ref(session, self.theme))
        if self.owner is not None:
            action = replace(action, owner=clean_line(self.owner, "owner", MAX_NAME_CHARS, allow_empty=True))
        if self.due is not None:
            action = replace(action, due=clean_line(self.due, "due date", MAX_NAME_CHARS, allow_empty=True))
        if self.done is not None:
            action = replace(action, done=bool(self.done))
        return replace(session, actions=_replace_item(session.actions, action))

    def describe(self):
        return "edit action"


@dataclass(frozen=True)
class RemoveAction(Op):
    action_id: str

    def change(self, session):
        session.action(self.action_id)
        return replace(session, actions=_without(session.actions, self.action_id))

    def describe(self):
        return "remove action"


# -- shared views and the check-in ---------------------------------------------


@dataclass(frozen=True)
class AddQuestion(Op):
    question: str
    id: str = _id("v")

    def change(self, session):
        _check_new_id(session, self.id)
        view = View(self.id, clean_line(self.question, "question", MAX_LINE_CHARS))
        return replace(session, views=session.views + (view,))

    def describe(self):
        return "add question"


@dataclass(frozen=True)
class EditQuestion(Op):
    view_id: str
    question: str

    def change(self, session):
        view = replace(session.view(self.view_id), question=clean_line(self.question, "question", MAX_LINE_CHARS))
        return replace(session, views=_replace_item(session.views, view))

    def describe(self):
        return "edit question"


@dataclass(frozen=True)
class RemoveQuestion(Op):
    view_id: str

    def change(self, session):
        session.view(self.view_id)
        return replace(session, views=_without(session.views, self.view_id))

    def describe(self):
        return "remove question"




def _get_list(session: Session, where: str) -> tuple[str, ...]:
    return session.checkin if where == CHECKIN else session.view(where).answers


def _set_list(session: Session, where: str, items: tuple[str, ...]) -> Session:
    if where == CHECKIN:
        return replace(session, checkin=items)
    view = replace(session.view(where), answers=items)
    return replace(session, views=_replace_item(session.views, view))


def _locate(items: tuple[str, ...], index: int, expected: str) -> int:
    """Find the item someone saw at `index`, even if others have changed the list since."""
    if 0 <= index < len(items) and items[index] == expected:
        return index
    if expected in items:
        return items.index(expected)
    raise InvalidInput("that line was changed or removed by someone else; look again")


@dataclass(frozen=True)
class AddItem(Op):
    """Add a line to the check-in list or to a view question's answers."""

    where: str
    text: str
    index: int | None = None

    def change(self, session):
        items = list(_get_list(session, self.where))
        text = clean_line(self.text, "answer", MAX_LINE_CHARS)
        items.insert(len(items) if self.index is None else max(0, min(self.index, len(items))), text)
        return _set_list(session, self.where, tuple(items))

    def describe(self):
        return f"add {self.text!r}"


@dataclass(frozen=True)
class EditItem(Op):
    where: str
    index: int
    expected: str
    text: str

    def change(self, session):
        items = list(_get_list(session, self.where))
        items[_locate(tuple(items), self.index, self.expected)] = clean_line(self.text, "answer", MAX_LINE_CHARS)
        return _set_list(session, self.where, tuple(items))

    def describe(self):
        return "edit line"


@dataclass(frozen=True)
class RemoveItem(Op):
    where: str
    index: int
    expected: str

    def change(self, session):
        items = list(_get_list(session, self.where))
        del items[_locate(tuple(items), self.index, self.expected)]
        return _set_list(session, self.where, tuple(items))

    def describe(self):
        return "remove line"


@dataclass(frozen=True)
class MoveItem(Op):
    where: str
    index: int
    expected: str
    to_index: int

    def change(self, session):
        items = list(_get_list(session, self.where))
        text = items.pop(_locate(tuple(items), self.index, self.expected))
        items.insert(max(0, min(self.to_index, len(items))), text)
        return _set_list(session, self.where, tuple(items))

    def describe(self):
        return "move line"


# -- the report: reflections and links -------------------------------------------


@dataclass(frozen=True)
class SetReflections(Op):
    """The facilitator's reflections after the comparison ("" clears them)."""

    text: str

    def change(self, session):
        return replace(session, reflections=clean_note(self.text, MAX_REFLECTIONS_CHARS, "the reflections text"))

    def describe(self):
        return "edit reflections"


@dataclass(frozen=True)
class AddLink(Op):
    url: str
    title: str = ""
    id: str = _id("k")
    index: int | None = None

    def change(self, session):
        if len(session.links) >= MAX_LINKS:
            raise InvalidInput(f"a session has at most {MAX_LINKS} links")
        _check_new_id(session, self.id)
        link = Link(self.id, clean_url(self.url), clean_line(self.title, "title", MAX_LINE_CHARS, allow_empty=True))
        return replace(session, links=_upsert(session.links, link, self.index))

    def describe(self):
        return "add link"


@dataclass(frozen=True)
class EditLink(Op):
    link_id: str
    url: str | None = None
    title: str | None = None

    def change(self, session):
        link = session.link(self.link_id)
        if self.url is not None:
            link = replace(link, url=clean_url(self.url))
        if self.title is not None:
            link = replace(link, title=clean_line(self.title, "title", MAX_LINE_CHARS, allow_empty=True))
        return replace(session, links=_replace_item(session.links, link))

    def describe(self):
        return "edit link"


@dataclass(frozen=True)
class RemoveLink(Op):
    link_id: str

    def change(self, session):
        session.link(self.link_id)
        return replace(session, links=_without(session.links, self.link_id))

    def describe(self):
        return "remove link"


@dataclass(frozen=True)
class MoveLink(Op):
    link_id: str
    index: int

    def change(self, session):
        link = session.link(self.link_id)
        return replace(session, links=_upsert(session.links, link, self.index))

    def describe(self):
        return "move link"


# -- the session itself --------------------------------------------------------


@dataclass(frozen=True)
class EditSettings(Op):
    max_pieces: int | None = None
    meditation_text: str | None = None
    meditation_seconds: int | None = None

    def change(self, session):
        settings = session.settings
        if self.max_pieces is not None:
            settings = replace(settings, max_pieces=check_max_pieces(self.max_pieces))
        if self.meditation_text is not None:
            text = clean_note(self.meditation_text, MAX_MEDITATION_CHARS)
            settings = replace(settings, meditation_text=text)
        if self.meditation_seconds is not None:
            seconds = self.meditation_seconds
            if not isinstance(seconds, int) or not MIN_MEDITATION_SECONDS <= seconds <= MAX_MEDITATION_SECONDS:
                raise InvalidInput("the meditation lasts from 10 seconds to an hour")
            settings = replace(settings, meditation_seconds=seconds)
        return replace(session, settings=settings)

    def describe(self):
        return "change settings"


@dataclass(frozen=True)
class EditDetails(Op):
    """The session's title, facilitator, date and pieces per group (None: unchanged).
    The limit is never set below a group's count: it would refuse what is already there."""

    title: str | None = None
    facilitator: str | None = None
    date: str | None = None
    max_pieces: int | None = None

    def change(self, session):
        if self.title is not None:
            session = replace(session, title=clean_line(self.title, "title", MAX_TITLE_CHARS))
        if self.facilitator is not None:
            session = replace(session, facilitator=clean_line(
                self.facilitator, "facilitator", MAX_NAME_CHARS, allow_empty=True))
        if self.date is not None:
            session = replace(session, date=clean_line(self.date, "date", MAX_NAME_CHARS, allow_empty=True))
        if self.max_pieces is not None:
            limit = check_max_pieces(self.max_pieces)
            fullest = max(session.groups, key=lambda g: len(g.pieces), default=None)
            if fullest is not None and len(fullest.pieces) > limit:
                raise InvalidInput(f"{fullest.name} has {len(fullest.pieces)} pieces already: "
                                   f"the limit cannot be less than that")
            session = replace(session, settings=replace(session.settings, max_pieces=limit))
        return session

    def describe(self):
        return "change the session's details"


@dataclass(frozen=True)
class SetDraft(Op):
    """Keep (or clear, with "") half-typed text so that a dropped link loses nothing.

    Only the draft of the app that keeps it (`by`) is replaced, and those it took over
    (`taking`: drafts of earlier runs, put back into its line): never another person's."""

    where: str
    text: str
    by: str = ""
    taking: tuple[str, ...] = ()

    def change(self, session):
        text = strip_controls(self.text, keep_newlines=True)[: MAX_PIECE_CHARS * 30]
        replaced = {self.by, *self.taking}
        drafts = tuple(d for d in session.drafts if not (d.where == self.where and d.by in replaced))
        if text:
            drafts += (Draft(self.where, text, self.by),)
        return replace(session, drafts=drafts)

    def describe(self):
        return "keep draft"


# -- the breakout timer ------------------------------------------------------------


def _utc_now() -> str:
    return utc_text(datetime.now(timezone.utc))


@dataclass(frozen=True)
class StartBreakout(Op):
    """A breakout timer of `minutes` from `start`, which every open view shows. Starting
    again while one runs sets a new end (more time, or less). `start` is chosen when the
    op is made, as ids are: applied again to a later file, it ends at the same moment."""

    minutes: int
    start: str = field(default_factory=_utc_now)

    def change(self, session):
        ends = breakout_end(utc_time(self.start), self.minutes)
        return replace(session, breakout_ends=ends, breakout_minutes=self.minutes)

    def describe(self):
        return f"start a {self.minutes} min breakout"


@dataclass(frozen=True)
class StopBreakout(Op):
    def change(self, session):
        return replace(session, breakout_ends="", breakout_minutes=0)

    def describe(self):
        return "stop the breakout timer"


# -- primitives used by inverses -------------------------------------------------


@dataclass(frozen=True)
class Put(Op):
    """Insert or replace (or with move_only, reposition) an item of a top-level list."""

    collection: str  # "groups", "themes", "actions", "views" or "links"
    item: object
    index: int | None
    move_only: bool = False

    def change(self, session):
        items = getattr(session, self.collection)
        item = self.item
        if self.collection == "groups":  # pieces are restored one by one by PutPiece
            existing = next((g for g in items if g.id == item.id), None)
            item = replace(item, pieces=existing.pieces if existing else ())
        return replace(session, **{self.collection: _upsert(items, item, self.index, self.move_only)})


@dataclass(frozen=True)
class Delete(Op):
    collection: str
    item_id: str

    def change(self, session):
        return replace(session, **{self.collection: _without(getattr(session, self.collection), self.item_id)})


@dataclass(frozen=True)
class PutPiece(Op):
    group_id: str
    piece: Piece
    index: int | None
    move_only: bool = False

    def change(self, session):
        piece = self.piece
        for group in session.groups:
            found = next((p for p in group.pieces if p.id == piece.id), None)
            if found:
                piece = found if self.move_only else piece
                session = _with_group(session, replace(group, pieces=_without(group.pieces, piece.id)))
        group = next((g for g in session.groups if g.id == self.group_id), None)
        if group is None:
            return session  # its group was removed since: nothing to put it in
        return _with_group(session, replace(group, pieces=_upsert(group.pieces, piece, self.index)))


@dataclass(frozen=True)
class DeletePiece(Op):
    piece_id: str

    def change(self, session):
        groups = tuple(replace(g, pieces=_without(g.pieces, self.piece_id)) for g in session.groups)
        return replace(session, groups=groups)


@dataclass(frozen=True)
class SetFields(Op):
    values: tuple[tuple[str, object], ...]

    def change(self, session):
        return replace(session, **dict(self.values))


@dataclass(frozen=True)
class Batch(Op):
    ops: tuple[Op, ...]
    label: str = ""

    def change(self, session):
        for op in self.ops:
            session = op.change(session)
        return session

    def describe(self):
        return self.label or ", ".join(op.describe() for op in self.ops)


_SCALAR_FIELDS = ("title", "date", "facilitator", "settings", "checkin", "dismissed", "reflections", "drafts",
                  "breakout_ends", "breakout_minutes", "schema_version")
_TOP_LISTS = ("groups", "themes", "actions", "views", "links")


def _diff_list(collection: str, target: tuple, current: tuple) -> list[Op]:
    ops: list[Op] = []
    target_ids = {x.id for x in target}
    for item in current:
        if item.id not in target_ids:
            ops.append(Delete(collection, item.id))
    current_by_id = {x.id: (i, x) for i, x in enumerate(current)}
    for index, item in enumerate(target):
        found = current_by_id.get(item.id)
        if found is None or _meta(found[1]) != _meta(item):
            ops.append(Put(collection, item, index))
        elif found[0] != index:
            ops.append(Put(collection, item, index, move_only=True))
    return ops


def _meta(item):
    return replace(item, pieces=()) if isinstance(item, Group) else item


def diff(target: Session, current: Session) -> Batch:
    """The primitive ops that turn `current` back into `target`, touching only what differs."""
    ops: list[Op] = _diff_list("groups", target.groups, current.groups)
    target_pieces = {p.id for g in target.groups for p in g.pieces}
    for group in current.groups:
        ops += [DeletePiece(p.id) for p in group.pieces if p.id not in target_pieces]
    where = {p.id: (g.id, i, p) for g in current.groups for i, p in enumerate(g.pieces)}
    for group in target.groups:
        for index, piece in enumerate(group.pieces):
            found = where.get(piece.id)
            if found is None or found[2] != piece or found[0] != group.id:
                ops.append(PutPiece(group.id, piece, index))
            elif found[1] != index:
                ops.append(PutPiece(group.id, piece, index, move_only=True))
    for collection in _TOP_LISTS[1:]:
        ops += _diff_list(collection, getattr(target, collection), getattr(current, collection))
    changed = tuple((f, getattr(target, f)) for f in _SCALAR_FIELDS if getattr(target, f) != getattr(current, f))
    if changed:
        ops.append(SetFields(changed))
    return Batch(tuple(ops))


def inverse(op: Op, before: Session, after: Session) -> Batch:
    """The op that undoes `op`, which turned `before` into `after`."""
    return Batch(diff(before, after).ops, label=f"undo {op.describe()}")
