"""The `jigsaw` command. No subcommand opens the TUI; the rest work without it.

argparse (standard library) rather than click: nothing more to import at start-up, and
`jigsaw list` / `show` must start fast over SSH. Output is plain `print`: user text is
never interpreted as markup, and control characters were removed when it was stored.
Errors are one line on stderr: exit 2 for usage, 1 for everything else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..core.model import DEFAULT_MAX_PIECES, InvalidInput
from ..core.errors import JigsawError
from ..core.store import Store, StoreError, default_folder
from .errors import UsageError
# Each command imports what it needs in its own function: `jigsaw list` and `show` must
# start fast over SSH, without Textual, fpdf, the ops or the matching code.



class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        raise UsageError(f"{message} (see: {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="jigsaw",
        description="Run a Jigsaw lid session from the keyboard. The Jigsaw toolkit was created "
        "by COPE Scotland. With no command, opens the full-screen app.",
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    _add_global_options(parser, default=None)
    _add_tui_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("new", help="create a session and print its file path")
    p.add_argument("title")
    p.add_argument("--group", action="append", default=[], metavar="NAME", help="a breakout group (repeatable)")
    p.add_argument("--max-pieces", type=int, default=DEFAULT_MAX_PIECES, metavar="N",
                   help=f"pieces per group (default {DEFAULT_MAX_PIECES})")
    p.add_argument("--facilitator", default="")
    p.add_argument("--date", default=None, help="default: today")

    p = sub.add_parser("list", help="list sessions: title, groups, pieces, last change")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("add", help="add pieces to a group from the shell (creates the group if missing)")
    p.add_argument("session")
    p.add_argument("--group", required=True, metavar="NAME")
    p.add_argument("pieces", nargs="+", metavar="PIECE")

    p = sub.add_parser("show", help="print a session")
    p.add_argument("session")
    p.add_argument("--json", action="store_true", help="the whole session as JSON, with ids")

    p = sub.add_parser("open", help="open a session in the full-screen app")
    p.add_argument("session")
    p.add_argument("--group", metavar="NAME",
                   help="the note-taker view: that group's capture line alone; the rest read-only (F12 switches)")
    _add_tui_options(p)

    p = sub.add_parser("lid", help="draw lids in the terminal: every group's and the shared lid, or one")
    p.add_argument("session")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--group", metavar="NAME", help="only this group's lid")
    which.add_argument("--shared", action="store_true", help="only the shared lid (themes named by 2+ groups)")
    which.add_argument("--blank", action="store_true", help="a blank lid to complete by hand")
    p.add_argument("--ascii", action="store_true", default=argparse.SUPPRESS, help="draw with ASCII only")
    p.add_argument("--width", type=int, metavar="N", help="columns to draw in (default: the terminal's)")

    p = sub.add_parser("export", help="write the PDF lids, the Markdown flash report, the CSV table or JSON",
                       description="With no format: the PDF, the Markdown and the CSV, beside the session file.")
    p.add_argument("session")
    p.add_argument("--pdf", nargs="?", const="", metavar="FILE",
                   help="lids, shared lid, table, actions, blank lid, instructions "
                   "(no FILE: beside the session file, as the app writes it)")
    p.add_argument("--paper", default="A4", type=_paper, metavar="A4|A3|letter",
                   help="paper size for the PDF, landscape (default A4; A3 for a poster)")
    p.add_argument("--md", nargs="?", const="", metavar="FILE",
                   help="the flash report in Markdown ('-' for the screen)")
    p.add_argument("--csv", nargs="?", const="", metavar="FILE",
                   help="the comparison table as CSV, and the actions beside it as FILE-actions.csv "
                   "('-': the table only, to the screen)")
    p.add_argument("--json", nargs="?", const="", metavar="FILE",
                   help="the whole session as JSON, as in show --json")

    from .matching import add_parsers as add_matching_parsers  # argparse only: cheap

    add_matching_parsers(sub)  # suggest, match, unmatch
    from .report import add_parsers as add_report_parsers  # argparse only: cheap

    add_report_parsers(sub)  # reflections, links
    from .history import add_parsers as add_history_parsers  # argparse only: cheap

    add_history_parsers(sub)  # history
    from .share import add_parsers as add_share_parsers  # argparse only: cheap

    add_share_parsers(sub)  # share

    p = sub.add_parser("completion", help="print a shell completion script: eval \"$(jigsaw completion bash)\"")
    p.add_argument("shell", nargs="?", choices=("bash", "zsh"))
    p.add_argument("--sessions", action="store_true", help=argparse.SUPPRESS)  # names, for the script

    for command in _commands_in(sub):  # keep last: every command, however added
        _add_global_options(command, default=argparse.SUPPRESS)
    return parser


def _commands_in(sub) -> list[argparse.ArgumentParser]:
    """Every command's parser, and those of commands within a command (`links add`)."""
    found = []
    for parser in dict.fromkeys(sub.choices.values()):
        found.append(parser)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found += _commands_in(action)
    return found


def _add_global_options(parser: argparse.ArgumentParser, default) -> None:
    """Options accepted before the command and after it (`jigsaw list --sessions-dir X`).

    After it, the default is SUPPRESS: a command's parser then sets nothing unless the
    option is given, so it never clobbers a value given before the command.
    """
    parser.add_argument("--sessions-dir", metavar="DIR", default=default,
                        help="where sessions live (default: ./sessions if it exists, else your data folder; "
                        "or set JIGSAW_SESSIONS_DIR)")


class _Version(argparse.Action):
    """--version read from the package metadata only when asked: it costs ~25 ms of imports."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        from .. import __version__

        try:
            number = version("jigsaw-tui")
        except PackageNotFoundError:  # run from a checkout that was never installed
            number = __version__
        print(f"jigsaw {number}")  # on stdout, as argparse's own version action does
        parser.exit()


def _paper(value: str) -> str:
    sizes = {"a4": "A4", "a3": "A3", "letter": "letter"}
    if value.lower() not in sizes:
        raise argparse.ArgumentTypeError(f"paper must be A4, A3 or letter, not {value!r}")
    return sizes[value.lower()]


def _add_tui_options(parser: argparse.ArgumentParser) -> None:
    default = argparse.SUPPRESS if parser.prog != "jigsaw" else False
    parser.add_argument("--ascii", action="store_true", default=default, help="draw with ASCII only")
    parser.add_argument("--no-animation", action="store_true", default=default, help="a static breathing guide")
    parser.add_argument("--no-mouse", action="store_true", default=default, help="ignore the mouse")


# -- the commands ----------------------------------------------------------------


def cmd_new(args, store: Store) -> int:
    from datetime import date

    from ..core.model import new_session

    session = new_session(
        args.title, args.group, max_pieces=args.max_pieces,
        date=args.date if args.date is not None else date.today().isoformat(),
        facilitator=args.facilitator,
    )
    print(store.create(session))
    return 0


def cmd_list(args, store: Store) -> int:
    entries = store.list()
    if args.json:
        rows = [_list_row(e) for e in entries]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print(f"No sessions in {store.folder} yet. Create one: jigsaw new \"Title\" --group \"Group one\"")
        return 0
    for e in entries:
        if e.session is None:
            print(f"{e.name}  ! cannot be read: {e.error}")
            continue
        s = e.session
        groups = ", ".join(g.name for g in s.groups) or "no groups yet"
        print(f"{e.name}  {s.title}  ({s.date or 'no date'}; {len(s.groups)} groups: {groups}; "
              f"{s.piece_count()} pieces; changed {_when(e.modified)})")
    return 0


def _list_row(e) -> dict:
    row = {"name": e.name, "path": str(e.path), "modified": _when(e.modified)}
    if e.session is None:
        return row | {"error": e.error}
    s = e.session
    return row | {
        "title": s.title, "date": s.date, "groups": [g.name for g in s.groups],
        "pieces": s.piece_count(), "themes": len(s.themes),
    }


def _when(timestamp: float) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(timestamp).isoformat(sep=" ", timespec="minutes")


def cmd_add(args, store: Store) -> int:
    from ..core.ops import AddGroup, AddPiece

    session = store.load(args.session)
    group = session.group_by_name(args.group)
    if group is None:
        session, _ = store.apply(args.session, AddGroup(args.group))
        group = session.group_by_name(args.group)
    added, refused = 0, []
    for text in args.pieces:
        try:
            session, _ = store.apply(args.session, AddPiece(group.id, text))
            added += 1
        except InvalidInput as error:
            refused.append((text, str(error)))
    print(f"Added {added} piece(s) to {group.name}: {len(session.group(group.id).pieces)}/"
          f"{session.settings.max_pieces}.")
    for text, why in refused:
        print(f"jigsaw: not added: {text[:80]!r}: {why}", file=sys.stderr)
    return 1 if refused else 0


def cmd_show(args, store: Store) -> int:
    from ..core.codec import session_to_dict

    session = store.load(args.session)
    if args.json:
        print(json.dumps(session_to_dict(session), indent=2, ensure_ascii=False))
        return 0
    print(format_session(session))
    return 0


def format_session(session) -> str:
    """A readable plain-text view of a whole session, for `show` and for slow links."""
    out = [session.title, "=" * min(len(session.title), 78)]
    details = ", ".join(x for x in (session.date, session.facilitator) if x)
    if details:
        out.append(details)
    if session.checkin:
        out += ["", "Check-in (what makes you smile?)"] + [f"  - {x}" for x in session.checkin]
    for view in session.views:
        if view.answers:
            out += ["", view.question] + [f"  - {x}" for x in view.answers]
    for group in session.groups:
        out += ["", f"{group.name}  [{group.id}]  {len(group.pieces)}/{session.settings.max_pieces} pieces"]
        for n, piece in enumerate(group.pieces, 1):
            out.append(f"  {n:2}. {piece.text}  [{piece.id}]")
            if piece.note:
                out += [f"        {line}" for line in piece.note.splitlines()]
    if session.themes:
        out += ["", "Themes (shared across groups)"]
        for theme in session.themes:
            names = [session.find_piece(p) for p in theme.pieces]
            out.append(f"  {theme.name} ({theme.kind}; {len(session.theme_groups(theme))} of "
                       f"{len(session.groups)} groups)  [{theme.id}]")
            out += [f"      {g.name}: {p.text}" for g, p in names]
    if session.actions:
        out += ["", "Actions"]
        for action in session.actions:
            mark = "[x]" if action.done else "[ ]"
            extra = ", ".join(x for x in (action.owner, action.due) if x)
            out.append(f"  {mark} {action.text}" + (f" ({extra})" if extra else "") + f"  [{action.id}]")
    return "\n".join(out)


def cmd_open(args, store: Store) -> int:
    group_id = None
    if args.group is not None:
        loaded = store.load(args.session)
        group = loaded.group_by_name(args.group)
        if group is None:
            names = ", ".join(g.name for g in loaded.groups) or "none yet"
            raise InvalidInput(f"no group called {args.group!r} in {args.session} (its groups: {names})")
        group_id = group.id
    return run_tui(args, store, session=args.session, only_group=group_id)


def run_tui(args, store: Store, session: str | None = None, only_group: str | None = None) -> int:
    if session is not None:
        store.load(session)  # a clear error before the screen changes
    from ..ui.app import run_app

    return run_app(
        store, session=session, ascii_only=args.ascii, animate=not args.no_animation
        and os.environ.get("TEXTUAL_ANIMATIONS", "").lower() != "none", mouse=not args.no_mouse,
        only_group=only_group,
    )


def cmd_lid(args, store: Store) -> int:
    """Lids in the terminal; plain text with no escape codes when not printing to one."""
    import shutil

    from ..core.lid import TextLid, choose_lids, default_height, render_plain

    session = store.load(args.session)
    lids = choose_lids(session, group=args.group, shared=args.shared, blank=args.blank)
    tty = sys.stdout.isatty()
    size = shutil.get_terminal_size((80, 24))
    width = args.width or (size.columns if tty else 80)
    if not 20 <= width <= 1000:  # a huge width would build a canvas of gigabytes
        raise UsageError("--width must be from 20 to 1000")
    height = min(default_height(width), size.lines - 2) if tty and not args.width else default_height(width)
    console = None
    if tty:
        from rich.console import Console

        console = Console(width=width, highlight=False)
    for n, content in enumerate(lids):
        if n:
            print()
        print(_one_line(f"{content.heading} - {session.title}", width, getattr(args, "ascii", False)))
        lid = TextLid(content.title, content.labels, ascii_only=getattr(args, "ascii", False), height=height)
        if console is not None:
            console.print(lid)
        else:
            print(render_plain(lid, width, height))
    import textwrap

    from .. import CREDIT

    print("\n" + textwrap.fill(CREDIT, width))  # printed lids get pasted into emails: credit them
    return 0


def cmd_matching(args, store: Store) -> int:
    from .matching import run  # matching loads the stemmer: only for these commands

    return run(args, store)


def cmd_report(args, store: Store) -> int:
    from .report import run  # the ops load only for these commands

    return run(args, store)


def cmd_history(args, store: Store) -> int:
    from .history import run  # the history and the ops load only for this command

    return run(args, store)


def cmd_share(args, store: Store) -> int:
    from .share import run  # only for this command

    return run(args, store)


def _one_line(text: str, width: int, ascii_only: bool = False) -> str:
    """Shortened to the width, so a long title never pushes the lid off the screen."""
    from rich.cells import cell_len, set_cell_size

    cut = "..." if ascii_only else "…"
    return text if cell_len(text) <= width else set_cell_size(text, width - len(cut)) + cut


def cmd_export(args, store: Store) -> int:
    """Write one or more exports; '-' sends text formats to standard output."""
    from ..export import ExportError, export_files, render

    wanted = [(fmt, getattr(args, fmt)) for fmt in ("pdf", "md", "csv", "json") if getattr(args, fmt) is not None]
    if not wanted:  # what a facilitator hands out: the three the app's palette writes
        wanted = [("pdf", ""), ("md", ""), ("csv", "")]
    session = store.load(args.session)
    for fmt, path in wanted:  # an ExportError is said by main, as every other error is
        if path == "-":
            if fmt == "pdf" and sys.stdout.isatty():
                raise ExportError("a PDF is not for the screen: give a file name")
            sys.stdout.flush()
            sys.stdout.buffer.write(render(session, fmt, args.paper))
            sys.stdout.buffer.flush()
        else:
            path = path or store.path_for(args.session).with_suffix("." + fmt)  # beside the session
            for written in export_files(session, fmt, path, args.paper):  # CSV: the actions beside it
                print(f"Wrote {written}")
    return 0


def cmd_completion(args, store: Store) -> int:
    from .completion import run  # only when asked: not on the path of any other command

    return run(args, store, build_parser())


COMMANDS = {"new": cmd_new, "list": cmd_list, "add": cmd_add, "show": cmd_show, "open": cmd_open,
            "lid": cmd_lid, "suggest": cmd_matching, "match": cmd_matching, "unmatch": cmd_matching,
            "reflections": cmd_report, "links": cmd_report, "export": cmd_export, "completion": cmd_completion,
            "history": cmd_history, "share": cmd_share}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        folder = Path(args.sessions_dir).expanduser() if args.sessions_dir else default_folder()
        store = Store(folder)
        handler = COMMANDS.get(args.command)
        if handler is None:
            return run_tui(args, store)
        code = handler(args, store)
        if store.last_history_error:  # the change is saved; only its history entry is not
            print(f"jigsaw: {store.last_history_error}", file=sys.stderr)
        return code
    except UsageError as error:
        print(f"jigsaw: {error}", file=sys.stderr)
        return 2
    except JigsawError as error:  # every error worded for a person: one line, exit 1
        print(f"jigsaw: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
