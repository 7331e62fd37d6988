"""The session model: plain frozen dataclasses, no I/O, no Textual.

A session is an immutable value. Operations (ops.py) return new sessions, which makes
undo, comparison and concurrent re-application simple and safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from .errors import JigsawError

# 2 added reflections, links and the `related` theme kind; 3 the breakout timer. A
# session is written with the lowest version that holds what it uses, so an earlier
# jigsaw keeps reading it (codec.file_version).
SCHEMA_VERSION = 3
DEFAULT_MAX_PIECES = 12

# Limits, documented in README.md. A piece is a short phrase; longer thoughts go in its note.
MAX_PIECE_CHARS = 200
MAX_NOTE_CHARS = 2000
MAX_TITLE_CHARS = 300
MAX_NAME_CHARS = 80
MAX_LINE_CHARS = 500  # view answers, check-in items, actions, questions
MAX_MEDITATION_CHARS = 2000
MAX_GROUPS = 12
MIN_MEDITATION_SECONDS, MAX_MEDITATION_SECONDS = 10, 3600
MAX_PIECES_LIMIT = 24  # the highest max_pieces a session may set
MAX_REFLECTIONS_CHARS = 5000  # the seed's reflections passage is about 1,300
MAX_URL_CHARS = 1000
MAX_LINKS = 40
MIN_BREAKOUT_MINUTES, MAX_BREAKOUT_MINUTES = 1, 180

# same: one thing in other words; overlap: close, as a conversation may agree; related:
# different priorities whose activities are similar (docs/matching.md).
THEME_KINDS = ("same", "overlap", "related")
LINK_SCHEMES = ("https", "http", "mailto")

DEFAULT_MEDITATION_TEXT = (
    "Let's arrive. Sit comfortably, feet on the floor. Breathe in slowly, hold, "
    "and breathe out a little longer than you breathed in. Notice three things you "
    "can hear. Then: what makes you smile?"
)
DEFAULT_MEDITATION_SECONDS = 60
# The shared views' questions of a new session: for any topic. (The toolkit's example
# session asks them of networking; the app offers its three as a template.)
DEFAULT_QUESTIONS = (
    "Why does this matter to us?",
    "What gets in the road?",
    "What would make the most difference?",
)


class InvalidInput(JigsawError, ValueError):
    """Text or a change that the session cannot take; the message says why, for a person."""


@dataclass(frozen=True)
class Piece:
    id: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Theme:
    """Pieces from different groups that name the same thing (or overlap)."""

    id: str
    name: str
    kind: str  # one of THEME_KINDS
    pieces: tuple[str, ...]  # piece ids


@dataclass(frozen=True)
class Action:
    id: str
    text: str
    theme: str = ""  # theme id, or "" for a stand-alone action
    owner: str = ""
    due: str = ""
    done: bool = False


def when_words(due: str) -> str:
    """An action's 'by when' as it reads: 'by 1 March', but 'before budget setting' and
    'end of June' as typed (no 'by before ...')."""
    first = due.split()[0].casefold() if due.split() else ""
    return due if first in WHEN_WORDS else f"by {due}"


WHEN_WORDS = {"by", "before", "after", "until", "till", "in", "on", "at", "end", "next", "within", "asap",
              "this", "every", "each", "during", "from", "soon", "now", "today", "tomorrow", "when", "ongoing"}


@dataclass(frozen=True)
class View:
    """An open question put to the whole room, with the answers captured."""

    id: str
    question: str
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A titled link for the end of the report (a video, the slides, an event): shown,
    never opened."""

    id: str
    url: str
    title: str = ""


@dataclass(frozen=True)
class Settings:
    max_pieces: int = DEFAULT_MAX_PIECES
    meditation_text: str = DEFAULT_MEDITATION_TEXT
    meditation_seconds: int = DEFAULT_MEDITATION_SECONDS


# Where text is typed, as drafts and the ops name it: a group id, a question (view) id,
# the check-in line, a theme id (its actions) or the stand-alone actions.
CHECKIN = "checkin"
STANDALONE_ACTIONS = "actions"


@dataclass(frozen=True)
class Line:
    """A place where text is typed: the stage it is on and its key (`Draft.where`)."""

    stage: str  # "meditation", "views", "groups" or "actions"
    key: str

    @staticmethod
    def of(session: "Session", key: str) -> "Line | None":
        """The line a draft key names in this session (None: it is gone, e.g. its group)."""
        if key == CHECKIN:
            return Line("meditation", key)
        if key == STANDALONE_ACTIONS or any(t.id == key for t in session.themes):
            return Line("actions", key)
        if any(g.id == key for g in session.groups):
            return Line("groups", key)
        if any(v.id == key for v in session.views):
            return Line("views", key)
        return None


@dataclass(frozen=True)
class Draft:
    """Half-typed text kept when the app is closed mid-typing (e.g. a dropped SSH link)."""

    where: str  # a Line's key: a group id, a view id, CHECKIN, a theme id, STANDALONE_ACTIONS
    text: str
    # Which running app kept it (a random tag): two people typing into the same line
    # each keep their own draft, so neither overwrites the other's half-typed text.
    by: str = ""


@dataclass(frozen=True)
class Session:
    title: str
    date: str = ""
    facilitator: str = ""
    settings: Settings = field(default_factory=Settings)
    checkin: tuple[str, ...] = ()
    views: tuple[View, ...] = ()
    groups: tuple[Group, ...] = ()
    themes: tuple[Theme, ...] = ()
    actions: tuple[Action, ...] = ()
    dismissed: tuple[tuple[str, str], ...] = ()  # suggestion pairs not to offer again
    reflections: str = ""  # the facilitator's words after the comparison (several lines)
    links: tuple[Link, ...] = ()
    # The breakout timer every open view shows: when it ends (UTC, "2025-03-04T10:40:00Z")
    # and the minutes it was set for. "" and 0 while none was started.
    breakout_ends: str = ""
    breakout_minutes: int = 0
    drafts: tuple[Draft, ...] = ()
    schema_version: int = SCHEMA_VERSION

    # -- lookups -------------------------------------------------------------

    def group(self, group_id: str) -> Group:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise InvalidInput(f"no group with id {group_id!r}")

    def group_by_name(self, name: str) -> Group | None:
        wanted = " ".join(strip_controls(name).split()).casefold()  # as names are stored
        for group in self.groups:
            if group.name.casefold() == wanted:
                return group
        return None

    def find_piece(self, piece_id: str) -> tuple[Group, Piece]:
        for group in self.groups:
            for piece in group.pieces:
                if piece.id == piece_id:
                    return group, piece
        raise InvalidInput(f"no piece with id {piece_id!r} (it may have been removed)")

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise InvalidInput(f"no theme with id {theme_id!r}")

    def theme_of(self, piece_id: str) -> Theme | None:
        for theme in self.themes:
            if piece_id in theme.pieces:
                return theme
        return None

    def action(self, action_id: str) -> Action:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise InvalidInput(f"no action with id {action_id!r}")

    def view(self, view_id: str) -> View:
        for view in self.views:
            if view.id == view_id:
                return view
        raise InvalidInput(f"no question with id {view_id!r}")

    def link(self, link_id: str) -> Link:
        for link in self.links:
            if link.id == link_id:
                return link
        raise InvalidInput(f"no link with id {link_id!r}")

    def draft(self, where: str, by: str | None = None) -> str:
        """The text kept for a line: one app's (`by`), or everyone's joined with ' / '."""
        return " / ".join(d.text for d in self.drafts if d.where == where and by in (None, d.by))

    def all_ids(self) -> set[str]:
        ids = {g.id for g in self.groups} | {t.id for t in self.themes}
        ids |= {a.id for a in self.actions} | {v.id for v in self.views} | {k.id for k in self.links}
        ids |= {p.id for g in self.groups for p in g.pieces}
        return ids

    def piece_count(self) -> int:
        return sum(len(g.pieces) for g in self.groups)

    def theme_groups(self, theme: Theme) -> list[Group]:
        """The groups that named a theme, in session order."""
        members = set(theme.pieces)
        return [g for g in self.groups if any(p.id in members for p in g.pieces)]


def new_session(title: str, group_names=(), max_pieces: int = DEFAULT_MAX_PIECES,
                date: str = "", facilitator: str = "", questions=DEFAULT_QUESTIONS) -> Session:
    """A fresh session with the given questions (the default ones) and groups."""
    session = Session(
        title=clean_line(title, "title", MAX_TITLE_CHARS),
        date=clean_line(date, "date", MAX_NAME_CHARS, allow_empty=True),
        facilitator=clean_line(facilitator, "facilitator", MAX_NAME_CHARS, allow_empty=True),
        settings=Settings(max_pieces=check_max_pieces(max_pieces)),
    )
    views = []
    for question in questions:
        question = clean_line(question, "question", MAX_LINE_CHARS)
        views.append(View(id=new_id("v", session, views), question=question))
    groups: list[Group] = []
    group_names = list(group_names)
    if len(group_names) > MAX_GROUPS:  # the same limits as a session read from its file
        raise InvalidInput(f"a session has at most {MAX_GROUPS} groups")
    for name in group_names:
        name = clean_line(name, "group name", MAX_NAME_CHARS)
        if any(g.name.casefold() == name.casefold() for g in groups):
            raise InvalidInput(f"two groups are both called {name!r}")
        groups.append(Group(id=new_id("g", session, groups + views), name=name))
    return replace(session, views=tuple(views), groups=tuple(groups))


# -- ids ---------------------------------------------------------------------

_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to read aloud and type


def new_id(prefix: str, session: Session | None = None, extra=()) -> str:
    """A short id like 'p7k2m', unique within the session: typed in CLI commands."""
    import secrets  # here: it loads hashlib, which reading a session never needs

    taken = session.all_ids() if session is not None else set()
    taken |= {getattr(x, "id", x) for x in extra}
    while True:
        candidate = prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(5))
        if candidate not in taken:
            return candidate


# -- text hygiene --------------------------------------------------------------

# Escape sequences (CSI, OSC, other ESC-introduced) and the remaining C0/C1 controls.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"[\r\n\t\u2028\u2029]+")


def strip_controls(text: str, keep_newlines: bool = False) -> str:
    """Remove terminal escape sequences and control characters: never sent to a terminal."""
    text = _ESCAPES.sub("", text)
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        return _CONTROLS.sub("", text)
    text = _NEWLINES.sub(" ", text)
    return _CONTROLS.sub("", text.replace("\n", " "))


def clean_line(text: str, what: str, limit: int, allow_empty: bool = False) -> str:
    """One line of user text, cleaned and checked. Rich markup is kept as literal text."""
    if not isinstance(text, str):
        raise InvalidInput(f"{what} must be text")
    cleaned = " ".join(strip_controls(text).split())
    if not cleaned and not allow_empty:
        raise InvalidInput(f"{what} is empty: type some words first")
    if len(cleaned) > limit:
        raise InvalidInput(
            f"{what} is {len(cleaned):,} characters; the limit is {limit:,}"
            + (" (put the rest in the piece's note)" if what == "piece" else "")
        )
    return cleaned


def clean_note(text: str, limit: int = MAX_NOTE_CHARS, what: str = "note") -> str:
    cleaned = strip_controls(text, keep_newlines=True).strip()
    if len(cleaned) > limit:
        raise InvalidInput(f"{what} is {len(cleaned):,} characters; the limit is {limit:,}")
    return cleaned


def clean_url(text: str) -> str:
    """A link as it will be printed: http(s) with a host, or mailto with an address.
    Anything else (javascript:, file:, a bare name) is refused, saying what to type."""
    from urllib.parse import urlsplit  # here: reading a session without links never needs it

    url = clean_line(text, "link", MAX_URL_CHARS)
    if " " in url:
        raise InvalidInput("a link has no spaces in it: put the words in its title")
    if any(ch in url for ch in '<>"'):
        raise InvalidInput("a link cannot hold < > or \" as they are: copy it again from the browser's address bar")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    scheme = parts.scheme.lower() if parts else ""
    if scheme not in LINK_SCHEMES:
        hint = " (add https:// in front)" if not scheme and "." in url else ""
        raise InvalidInput(f"{url[:60]!r} is not a link jigsaw takes: it must start with https://, "
                           f"http:// or mailto:{hint}")
    if scheme != "mailto" and not parts.hostname:
        raise InvalidInput(f"{url[:60]!r} has no site name after {scheme}://")
    if scheme == "mailto" and "@" not in parts.path:
        raise InvalidInput(f"{url[:60]!r} has no e-mail address after mailto:")
    return url


def check_breakout_minutes(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not (
            MIN_BREAKOUT_MINUTES <= value <= MAX_BREAKOUT_MINUTES):
        raise InvalidInput(f"a breakout lasts a whole number of minutes from {MIN_BREAKOUT_MINUTES} "
                           f"to {MAX_BREAKOUT_MINUTES}")
    return value


# -- the breakout timer's times: UTC, to the second ----------------------------------


def utc_text(moment: datetime) -> str:
    """'2025-03-04T10:40:00Z': what the session file holds (any machine's clock zone)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_time(text: str) -> datetime:
    """The moment a `utc_text` names; InvalidInput for anything else (a hand edit)."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise InvalidInput(f"{str(text)[:40]!r} is not a time like 2025-03-04T10:40:00Z")
    return moment.astimezone(timezone.utc)


def breakout_end(start: datetime, minutes: int) -> str:
    return utc_text(start + timedelta(minutes=check_breakout_minutes(minutes)))


def breakout_seconds_left(session: Session, now: datetime) -> float:
    """Seconds until the session's breakout ends: 0 when none runs (or it is over)."""
    if not session.breakout_ends:
        return 0.0
    return max(0.0, (utc_time(session.breakout_ends) - now).total_seconds())


def check_max_pieces(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_PIECES_LIMIT:
        raise InvalidInput(f"max pieces must be a whole number from 1 to {MAX_PIECES_LIMIT}")
    return value
