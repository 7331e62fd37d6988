"""`jigsaw history SESSION`: who changed what, and when, oldest first.

Newest last, as a log reads: the latest changes end up just above the prompt, where
they are seen without paging. Only argparse at import (the parser is built on every
`jigsaw` run); the log is read when the command runs.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..core.store import Store, StoreError

WIDTH = 80
WHEN, WHO = 16, 10  # "2025-03-01 10:15" and a user name's column


def add_parsers(sub) -> None:
    """Called by cli.build_parser: only argparse here, nothing heavy."""
    p = sub.add_parser("history", help="the session's changes: when, who, what (newest last)")
    p.add_argument("session")
    p.add_argument("--json", action="store_true",
                   help='the entries as a JSON list: {"at" (UTC), "user", "app", "what", "op", "undo", "lost"}')
    p.add_argument("--limit", type=_at_least_one, metavar="N", help="only the latest N changes")


def _at_least_one(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def run(args, store: Store) -> int:
    from ..core import history

    path = store.path_for(args.session)
    if not path.exists() and not history.path_for(path).exists():
        raise StoreError(f"no session file {path} (`jigsaw list` shows the sessions)")
    log = history.read(path)
    if log.problem:
        print(f"jigsaw: {log.problem}", file=sys.stderr)
    entries = log.entries[-args.limit:] if args.limit else log.entries
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2, ensure_ascii=False))
    elif entries:
        for entry in entries:
            print(format_entry(entry))
    elif not log.problem:
        print(f"No changes recorded for {path.stem} yet.")
    unreadable = log.problem and not log.entries and not log.skipped
    return 1 if unreadable else 0


def format_entry(entry, width: int = WIDTH) -> str:
    """One line: local time, user, what (with the text it removed or overwrote)."""
    from rich.cells import cell_len, set_cell_size  # as cli.main: wide characters fit

    who = entry.user if cell_len(entry.user) <= WHO else set_cell_size(entry.user, WHO - 1) + "…"
    line = f"{_local(entry.at):<{WHEN}}  {set_cell_size(who, WHO)}  {entry.what}{_was(entry)}"
    return line if cell_len(line) <= width else set_cell_size(line, width - 1) + "…"


def _was(entry) -> str:
    texts = [lost.get("text", "") for lost in entry.lost if lost.get("text")]
    if not texts:
        return ""
    more = f" and {len(texts) - 1} more" if len(texts) > 1 else ""
    return f" (was {' '.join(texts[0].split())!r}{more})"


def _local(at: str) -> str:
    """The entry's UTC time in the local time zone, to the minute (as `jigsaw list`)."""
    from datetime import datetime, timezone

    try:
        when = datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return at[:WHEN]  # a hand-edited time: shown as it is
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
