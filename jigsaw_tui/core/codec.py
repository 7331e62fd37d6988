"""Session <-> TOML-ready dict, with strict validation and messages a person can act on.

Pure: no disk access. `store.py` adds the file name to every message.
"""

from __future__ import annotations

from .errors import JigsawError
from .model import (
    MAX_GROUPS,
    MAX_LINE_CHARS,
    MAX_MEDITATION_CHARS,
    MAX_MEDITATION_SECONDS,
    MIN_MEDITATION_SECONDS,
    MAX_NAME_CHARS,
    MAX_LINKS,
    MAX_PIECE_CHARS,
    MAX_REFLECTIONS_CHARS,
    MAX_TITLE_CHARS,
    SCHEMA_VERSION,
    THEME_KINDS,
    Action,
    Draft,
    Group,
    InvalidInput,
    Link,
    Piece,
    Session,
    Settings,
    Theme,
    View,
    check_breakout_minutes,
    check_max_pieces,
    clean_line,
    clean_note,
    clean_url,
    strip_controls,
    utc_text,
    utc_time,
)


class FormatError(JigsawError, ValueError):
    """The file's contents are not a session this version can read."""


# -- writing -------------------------------------------------------------------


def _drop_empty(table: dict, *keys: str) -> dict:
    """Leave out optional fields at their default, to keep files short to read and edit."""
    return {k: v for k, v in table.items() if not (k in keys and v in ("", False))}


def file_version(session: Session) -> int:
    """The lowest version that holds what the session uses (3: a breakout timer; 2:
    reflections, links, a `related` theme; else 1): an earlier jigsaw reads it as before,
    and one that cannot read it says "update jigsaw" (not "a typo?")."""
    if session.breakout_ends:
        return 3
    newer = session.reflections or session.links or any(t.kind == "related" for t in session.themes)
    return 2 if newer else 1


def session_to_dict(session: Session) -> dict:
    s = session.settings
    data = {
        "schema_version": file_version(session),
        "title": session.title,
        "date": session.date,
        "facilitator": session.facilitator,
        "checkin": list(session.checkin),
        "dismissed": [list(pair) for pair in session.dismissed],
    }
    if session.reflections:  # reflections and links: left out while there are none
        data["reflections"] = session.reflections
    if session.breakout_ends:  # only once a breakout was started: older files stay as they were
        data["breakout_ends"] = session.breakout_ends
        data["breakout_minutes"] = session.breakout_minutes
    data |= {
        "settings": {
            "max_pieces": s.max_pieces,
            "meditation_seconds": s.meditation_seconds,
            "meditation_text": s.meditation_text,
        },
        "views": [{"id": v.id, "question": v.question, "answers": list(v.answers)} for v in session.views],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "pieces": [_drop_empty({"id": p.id, "text": p.text, "note": p.note}, "note") for p in g.pieces],
            }
            for g in session.groups
        ],
        "themes": [{"id": t.id, "name": t.name, "kind": t.kind, "pieces": list(t.pieces)} for t in session.themes],
        "actions": [
            _drop_empty(
                {"id": a.id, "text": a.text, "theme": a.theme, "owner": a.owner, "due": a.due, "done": a.done},
                "theme", "owner", "due", "done",
            )
            for a in session.actions
        ],
    }
    if session.links:
        data["links"] = [_drop_empty({"id": k.id, "url": k.url, "title": k.title}, "title") for k in session.links]
    data["drafts"] = [{"where": d.where, "text": d.text} | ({"by": d.by} if d.by else {}) for d in session.drafts]
    return data


# -- reading -------------------------------------------------------------------


class _Reader:
    """Reads one table, naming the place of any problem ("groups[2].pieces[0]")."""

    def __init__(self, table, where: str):
        if not isinstance(table, dict):
            raise FormatError(f"{where or 'the file'} should be a table")
        self.table, self.where = table, where
        self.used: set[str] = set()

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, kind: type, default=None):
        self.used.add(key)
        if key not in self.table:
            if default is None:
                raise FormatError(f"{self._name(key)} is missing")
            return default
        value = self.table[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise FormatError(f"{self._name(key)} should be {_KIND_WORDS[kind]}, not {value!r:.40}")
        return value

    def text(self, key: str, limit: int, default=None, what: str = "") -> str:
        value = self.get(key, str, default)
        try:
            return clean_line(value, what or self._name(key), limit, allow_empty=default is not None)
        except InvalidInput as error:
            raise FormatError(f"{self._name(key)}: {error}") from None

    def lines(self, key: str, limit: int) -> tuple[str, ...]:
        values = self.get(key, list, [])
        out = []
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise FormatError(f"{self._name(key)}[{i}] should be text")
            try:
                out.append(clean_line(value, f"{self._name(key)}[{i}]", limit))
            except InvalidInput as error:
                raise FormatError(str(error)) from None
        return tuple(out)

    def tables(self, key: str) -> list["_Reader"]:
        values = self.get(key, list, [])
        return [_Reader(v, f"{self._name(key)}[{i}]") for i, v in enumerate(values)]

    def done(self) -> None:
        unknown = sorted(set(self.table) - self.used)
        if unknown:
            raise FormatError(f"{self._name(unknown[0])} is not a field jigsaw knows (a typo?)")


def _or(words) -> str:
    """'same', 'overlap' or 'related'"""
    quoted = [f"'{w}'" for w in words]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


_KIND_WORDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a table"}


def session_from_dict(data: dict) -> Session:
    """Build and check a session; raises FormatError naming the first problem."""
    top = _Reader(data, "")
    version = top.get("schema_version", int)
    if version > SCHEMA_VERSION:
        raise FormatError(
            f"it was written by a newer jigsaw (schema version {version}; this one reads up to "
            f"{SCHEMA_VERSION}): update jigsaw to open it"
        )
    if version < 1:
        raise FormatError(f"schema_version {version} is not valid")
    settings_table = top.get("settings", dict, {})
    settings_reader = _Reader(settings_table, "settings")
    try:
        max_pieces = check_max_pieces(settings_reader.get("max_pieces", int, Settings.max_pieces))
    except InvalidInput as error:
        raise FormatError(f"settings.max_pieces: {error}") from None
    seconds = settings_reader.get("meditation_seconds", int, Settings.meditation_seconds)
    if not MIN_MEDITATION_SECONDS <= seconds <= MAX_MEDITATION_SECONDS:
        raise FormatError(f"settings.meditation_seconds should be from {MIN_MEDITATION_SECONDS} "
                          f"to {MAX_MEDITATION_SECONDS}")
    med_text = settings_reader.get("meditation_text", str, Settings.meditation_text)
    try:
        med_text = clean_note(med_text, MAX_MEDITATION_CHARS)
    except InvalidInput as error:
        raise FormatError(f"settings.meditation_text: {error}") from None
    settings_reader.done()

    groups = []
    for g in top.tables("groups"):
        pieces = []
        for p in g.tables("pieces"):
            note = p.get("note", str, "")
            try:
                note = clean_note(note)
            except InvalidInput as error:
                raise FormatError(f"{p.where}.note: {error}") from None
            pieces.append(Piece(p.text("id", 40), p.text("text", MAX_PIECE_CHARS, what="piece"), note))
            p.done()
        groups.append(Group(g.text("id", 40), g.text("name", MAX_NAME_CHARS), tuple(pieces)))
        g.done()
    themes = []
    for t in top.tables("themes"):
        kind = t.get("kind", str, "same")
        if kind not in THEME_KINDS:
            raise FormatError(f"{t.where}.kind should be {_or(THEME_KINDS)}, not {kind!r}")
        themes.append(Theme(t.text("id", 40), t.text("name", MAX_PIECE_CHARS), kind, t.lines("pieces", 40)))
        t.done()
    actions = []
    for a in top.tables("actions"):
        actions.append(Action(
            a.text("id", 40), a.text("text", MAX_LINE_CHARS), a.text("theme", 40, ""),
            a.text("owner", MAX_NAME_CHARS, ""), a.text("due", MAX_NAME_CHARS, ""), a.get("done", bool, False),
        ))
        a.done()
    views = []
    for v in top.tables("views"):
        views.append(View(v.text("id", 40), v.text("question", MAX_LINE_CHARS), v.lines("answers", MAX_LINE_CHARS)))
        v.done()
    drafts = []
    for d in top.tables("drafts"):
        drafts.append(Draft(d.text("where", 40), strip_controls(d.get("text", str), keep_newlines=True),
                            d.text("by", 40, "")))
        d.done()
    links = []
    for k in top.tables("links"):
        try:
            url = clean_url(k.get("url", str))
        except InvalidInput as error:
            raise FormatError(f"{k.where}.url: {error}") from None
        links.append(Link(k.text("id", 40), url, k.text("title", MAX_LINE_CHARS, "")))
        k.done()
    if len(links) > MAX_LINKS:
        raise FormatError(f"there are {len(links)} links; a session has at most {MAX_LINKS}")
    try:
        reflections = clean_note(top.get("reflections", str, ""), MAX_REFLECTIONS_CHARS, "the text")
    except InvalidInput as error:
        raise FormatError(f"reflections: {error}") from None
    breakout_ends, breakout_minutes = _breakout(top)
    dismissed = []
    for i, pair in enumerate(top.get("dismissed", list, [])):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise FormatError(f"dismissed[{i}] should be a pair of piece ids")
        dismissed.append(tuple(pair))

    session = Session(
        title=top.text("title", MAX_TITLE_CHARS, what="title"),
        date=top.text("date", MAX_NAME_CHARS, ""),
        facilitator=top.text("facilitator", MAX_NAME_CHARS, ""),
        settings=Settings(max_pieces, med_text, seconds),
        checkin=top.lines("checkin", MAX_LINE_CHARS),
        views=tuple(views),
        groups=tuple(groups),
        themes=tuple(themes),
        actions=tuple(actions),
        dismissed=tuple(dismissed),
        reflections=reflections,
        links=tuple(links),
        breakout_ends=breakout_ends,
        breakout_minutes=breakout_minutes,
        drafts=tuple(drafts),
        schema_version=SCHEMA_VERSION,
    )
    top.done()
    check_consistency(session)
    return session


def _breakout(top: _Reader) -> tuple[str, int]:
    """The breakout timer's end and minutes: both, or neither."""
    ends = top.get("breakout_ends", str, "")
    minutes = top.get("breakout_minutes", int, 0)
    if not ends and not minutes:
        return "", 0
    if not ends or not minutes:
        raise FormatError("breakout_ends and breakout_minutes go together: set both, or neither")
    try:
        ends = utc_text(utc_time(ends))  # a hand edit's "+01:00" is written back as UTC
    except InvalidInput as error:
        raise FormatError(f"breakout_ends: {error}") from None
    try:
        return ends, check_breakout_minutes(minutes)
    except InvalidInput as error:
        raise FormatError(f"breakout_minutes: {error}") from None


def check_consistency(session: Session) -> None:
    """Ids unique, references resolve, one theme per piece: what ops rely on."""
    seen: set[str] = set()
    everything = list(session.groups) + list(session.themes) + list(session.actions) + list(session.views)
    everything += list(session.links)
    everything += [p for g in session.groups for p in g.pieces]
    for item in everything:
        if item.id in seen:
            raise FormatError(f"the id {item.id!r} is used twice; every id must be unique")
        seen.add(item.id)
    if len(session.groups) > MAX_GROUPS:
        raise FormatError(f"there are {len(session.groups)} groups; a session has at most {MAX_GROUPS}")
    names = [g.name.casefold() for g in session.groups]
    if len(set(names)) < len(names):
        raise FormatError("two groups have the same name")
    piece_ids = {p.id for g in session.groups for p in g.pieces}
    themed: dict[str, str] = {}
    for theme in session.themes:
        if len(theme.pieces) < 2:
            raise FormatError(f"theme {theme.id!r} needs at least two pieces")
        for piece_id in theme.pieces:
            if piece_id not in piece_ids:
                raise FormatError(f"theme {theme.id!r} names piece {piece_id!r}, which does not exist")
            if piece_id in themed:
                raise FormatError(f"piece {piece_id!r} is in two themes ({themed[piece_id]!r} and {theme.id!r})")
            themed[piece_id] = theme.id
    theme_ids = {t.id for t in session.themes}
    for action in session.actions:
        if action.theme and action.theme not in theme_ids:
            raise FormatError(f"action {action.id!r} names theme {action.theme!r}, which does not exist")
