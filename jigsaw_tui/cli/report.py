"""`jigsaw reflections` and `jigsaw links`: the flash report's own parts from the shell.

Only argparse at import (the parser is built on every `jigsaw` run); the ops load when
one of these commands runs. Every change goes through the store's ops, applied to the
latest file under its lock, as the app's are: ctrl+z in the app does not undo them
(they are another process's), and `jigsaw show --json` prints both parts.
"""

from __future__ import annotations

import json
import sys

from ..core.store import Store
from .errors import UsageError


def add_parsers(sub) -> None:
    """Called by cli.build_parser: only argparse here, nothing heavy."""
    p = sub.add_parser("reflections", help="print or set the reflections printed after the comparison table",
                       description="With no TEXT and no --file: print the reflections. A blank line in "
                       "the text starts a new paragraph.")
    p.add_argument("session")
    text = p.add_mutually_exclusive_group()
    text.add_argument("text", nargs="?", help="the new reflections (replaces the old)")
    text.add_argument("--file", metavar="FILE", help="read the new reflections from FILE ('-': standard input)")
    text.add_argument("--clear", action="store_true", help="remove the reflections")

    p = sub.add_parser("links", help="list, add, edit or remove the links printed at the end of the report",
                       description="With no subcommand: list the links with their ids. Addresses must "
                       "start with https://, http:// or mailto:; they are printed, never opened.")
    p.add_argument("session")
    p.add_argument("--json", action="store_true", help="the list as JSON: [{\"id\", \"title\", \"url\"}]")
    do = p.add_subparsers(dest="link_command", metavar="add|edit|remove")
    q = do.add_parser("add", help="add a link at the end (or --at N)")
    q.add_argument("url")
    q.add_argument("title", nargs="?", default="", help="what it is, e.g. \"Slides of the session\"")
    q.add_argument("--at", type=int, metavar="N", help="its place in the list, from 1")
    q = do.add_parser("edit", help="change a link's address or title")
    q.add_argument("link", metavar="LINK_ID")
    q.add_argument("--url")
    q.add_argument("--title")
    q = do.add_parser("remove", help="remove a link")
    q.add_argument("link", metavar="LINK_ID")


def reflections_command(args, store: Store) -> int:
    from ..core.ops import SetReflections

    if args.clear:
        text = ""
    elif args.file is not None:
        text = _read(args.file)
    elif args.text is not None:
        text = args.text
        if not text.strip():
            raise UsageError("the reflections given are empty: use --clear to remove them")
    else:
        reflections = store.load(args.session).reflections
        print(reflections or f"No reflections yet. Write them: jigsaw reflections {args.session} \"TEXT\" "
              "(or --file FILE)")
        return 0
    session, _ = store.apply(args.session, SetReflections(text))
    words = len(session.reflections.split())
    print(f"Reflections saved ({words} words): they follow the table in the PDF and Markdown."
          if session.reflections else "Reflections removed.")
    return 0


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as error:
        from ..core.errors import JigsawError

        reason = error.strerror if isinstance(error, OSError) and error.strerror else "it is not UTF-8 text"
        raise JigsawError(f"cannot read {path}: {reason}") from None


def links_command(args, store: Store) -> int:
    from ..core.ops import AddLink, EditLink, RemoveLink

    command = args.link_command
    if command is None:
        return _list_links(args, store)
    if command == "add":
        at = None if args.at is None else max(0, args.at - 1)
        op = AddLink(args.url, args.title, index=at)
        session, _ = store.apply(args.session, op)
        print(f"Added: {_describe(session.link(op.id))}")
        return 0
    if command == "edit":
        if args.url is None and args.title is None:
            raise UsageError("say what to change: --url URL and/or --title TITLE")
        session, _ = store.apply(args.session, EditLink(args.link, url=args.url, title=args.title))
        print(f"Saved: {_describe(session.link(args.link))}")
        return 0
    link = store.load(args.session).link(args.link)
    store.apply(args.session, RemoveLink(args.link))
    print(f"Removed: {_describe(link)}")
    return 0


def _list_links(args, store: Store) -> int:
    links = store.load(args.session).links
    if args.json:
        print(json.dumps([{"id": k.id, "title": k.title, "url": k.url} for k in links], indent=2,
                         ensure_ascii=False))
        return 0
    if not links:
        print(f"No links yet. Add one: jigsaw links {args.session} add https://... \"Title\"")
    for n, link in enumerate(links, 1):
        print(f"{n:2}. {_describe(link)}")
    return 0


def _describe(link) -> str:
    return f"{link.title or '(no title)'}  {link.url}  [{link.id}]"


def run(args, store: Store) -> int:
    return {"reflections": reflections_command, "links": links_command}[args.command](args, store)

