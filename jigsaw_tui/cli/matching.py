"""`jigsaw suggest`, `jigsaw match` and `jigsaw unmatch`: comparing lids from the shell.

The parser imports this module for its subcommands; core/matching.py (the stemmer and
rapidfuzz) and the ops load only when one of these commands runs (imported in the
functions below), so `jigsaw list` stays fast. Every change goes through the store's
ops, applied to the latest file under its lock: a piece another process removed
meanwhile gives a clear message and the file is left as it was.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..core.model import THEME_KINDS, InvalidInput, Session
from ..core.store import Store
from .errors import UsageError


def add_parsers(sub) -> None:
    """Called by cli.build_parser: only argparse here, nothing heavy."""
    p = sub.add_parser("suggest", help="likely theme matches across groups, with the reason for each")
    p.add_argument("session")
    p.add_argument("--json", action="store_true",
                   help='a list of {"a": {"group", "id", "text"}, "b": {...}, "score", "reason", "scorer"}, '
                        'best first')
    p.add_argument("--top", type=_at_least_one, metavar="N",
                   help="each piece's N best candidates in other groups, however weak")

    p = sub.add_parser("match", help="make pieces from different groups one theme")
    p.add_argument("session")
    p.add_argument("pieces", nargs="+", metavar="PIECE_ID")
    p.add_argument("--kind", choices=THEME_KINDS, default=None,
                   help="same: one theme in other words (default); overlap: close, to agree in conversation; "
                   "related: different priorities whose activities are similar")
    p.add_argument("--name", default=None, help="the theme's name (default: the shortest piece's words)")
    p.add_argument("--allow-same-group", action="store_true",
                   help="allow two pieces of one group in the theme")
    p.add_argument("--merge", action="store_true",
                   help="if the pieces are in different themes already, merge those themes")

    p = sub.add_parser("unmatch", help="take a theme apart: its pieces stand alone again")
    p.add_argument("session")
    p.add_argument("theme", metavar="THEME_ID", help="a theme id (or the id of one of its pieces)")


def _at_least_one(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def run(args, store: Store) -> int:
    return {"suggest": suggest_command, "match": match_command, "unmatch": unmatch_command}[args.command](args, store)


# -- suggest -----------------------------------------------------------------------


def suggest_command(args, store: Store) -> int:
    from ..core.matching import chosen_scorer, suggest

    session = store.load(args.session)
    scorer, why_not = chosen_scorer()
    # Once, on stderr: which scorer spoke, and why not the sentence model if it did not.
    print(f"jigsaw: suggestions by {scorer.name}" + (f" ({why_not})" if why_not else ""), file=sys.stderr)
    found = suggest(session, top=args.top, scorer=scorer)
    if args.json:
        print(json.dumps([_as_json(session, s, scorer.name) for s in found], indent=2, ensure_ascii=False))
        return 0
    print(format_suggestions(session, found, args.session, args.top))
    return 0


def _piece_json(session: Session, piece_id: str) -> dict:
    group, piece = session.find_piece(piece_id)
    return {"group": group.name, "id": piece.id, "text": piece.text}


def _as_json(session: Session, s, scorer: str) -> dict:
    return {"a": _piece_json(session, s.a), "b": _piece_json(session, s.b),
            "score": round(s.score, 2), "reason": s.reason, "scorer": scorer}


def format_suggestions(session: Session, found, ref: str, top: int | None) -> str:
    """Plain text, a few lines a suggestion: readable over the slowest link."""
    if len(session.groups) < 2:
        return "Suggestions compare the lids of two or more groups; this session has fewer."
    if not found:
        return nothing_found_message(session, ref, top)
    heading = (f"Each piece's {top} closest candidates in other groups" if top
               else "Suggested matches")
    out = [f"{heading}, best first ({session.title}):", ""]
    for s in found:
        (group_a, a), (group_b, b) = session.find_piece(s.a), session.find_piece(s.b)
        out.append(f"{s.score:.2f}  {group_a.name}: {a.text}  [{a.id}]")
        out.append(f"      {group_b.name}: {b.text}  [{b.id}]")
        joins = session.theme_of(a.id) or session.theme_of(b.id)
        out.append(f"      why: {s.reason}" + (f"  (would join the theme '{joins.name}')" if joins else ""))
        out.append("")
    out.append(f"Match a pair: jigsaw match {ref} PIECE_ID PIECE_ID [--kind overlap]")
    return "\n".join(out)


# -- match and unmatch ---------------------------------------------------------------


def match_command(args, store: Store) -> int:
    from ..core.matching import NeedsConfirmation, match_op

    if len(set(args.pieces)) < 2:
        raise UsageError("a match needs at least two different piece ids")
    session = store.load(args.session)
    try:
        op = match_op(session, args.pieces, kind=args.kind, name=args.name,
                      allow_same_group=args.allow_same_group, merge=args.merge)
    except NeedsConfirmation as error:
        flag = "--allow-same-group" if error.what == "same group" else "--merge"
        raise InvalidInput(f"{error}; add {flag} to match them anyway") from None
    before = {t.id for t in session.themes}
    session, _ = store.apply(args.session, op)  # under the lock, on the latest file
    theme = session.theme_of(args.pieces[0])
    if theme.id in before:
        print(f"Added to the theme {_describe(session, theme)}")
    else:
        print(f"Matched: {_describe(session, theme)}")
        print(f"Undo: jigsaw unmatch {args.session} {theme.id}")
    return 0


def _describe(session: Session, theme) -> str:
    groups = session.theme_groups(theme)
    members = "; ".join(f"{g.name}: {p.text}" for g, p in (session.find_piece(p) for p in theme.pieces))
    return (f"'{theme.name}' [{theme.id}] ({theme.kind}; {len(groups)} of {len(session.groups)} groups)"
            f"\n  {members}")


def unmatch_command(args, store: Store) -> int:
    from ..core.ops import Unmatch

    session = store.load(args.session)
    theme = next((t for t in session.themes if t.id == args.theme), None) or session.theme_of(args.theme)
    if theme is None:
        raise InvalidInput(f"no theme with id {args.theme!r} (`jigsaw show {args.session}` lists the themes)")
    linked = sum(1 for a in session.actions if a.theme == theme.id)
    store.apply(args.session, Unmatch(theme.id))
    print(f"Unmatched '{theme.name}' [{theme.id}]: its {len(theme.pieces)} pieces stand alone again.")
    if linked:
        print(f"Its {linked} action(s) stay, as stand-alone actions.")
    return 0


# -- when nothing was found ------------------------------------------------------------


def nothing_found_message(session: Session, ref: str, top: int | None) -> str:
    """Why `suggest` found nothing, from what is true of the session: counts, no guesses.

    Suggestions leave out pairs already settled by a theme and pairs dismissed, so the
    message names those with their counts, and says plainly when there are none.
    """
    what = "candidates" if top else "likely matches"
    groups_with_pieces = sum(1 for g in session.groups if g.pieces)
    if groups_with_pieces < 2:
        return (f"No {what}: suggestions compare pieces of two or more groups, and "
                f"{_count(groups_with_pieces, 'group has', 'groups have')} pieces so far.")
    pieces = session.piece_count()
    in_themes = len({p for t in session.themes for p in t.pieces})
    if in_themes >= pieces:
        return (f"Nothing left to suggest: all {pieces} pieces are in themes already "
                f"({_count(len(session.themes), 'theme', 'themes')}).")
    settled = []
    if session.themes:
        settled.append(f"{in_themes} of {pieces} pieces are in {_count(len(session.themes), 'theme', 'themes')}")
    if session.dismissed:
        settled.append(f"{_count(len(session.dismissed), 'suggested pair was', 'suggested pairs were')} dismissed")
    common = "anything" if top else "enough"
    if settled:
        text = f"No {what} found among the pieces still open ({' and '.join(settled)})."
    else:
        text = (f"No {what} found: no two pieces of different groups have {common} in common "
                "(no piece is in a theme yet, and no suggestion was dismissed).")
    if not top:
        text += f" `jigsaw suggest {ref} --top 3` lists each piece's closest candidates, however weak."
    return text


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
