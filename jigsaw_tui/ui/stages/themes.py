"""The Themes stage: lay the lids side by side, match what they share, keep the rest in view.

Groups' pieces sit in columns (two at 80 columns; [ and ] change which group a column
shows). space picks a piece, s or o makes the picked pieces one theme (same or
overlap), named after its shortest piece. Suggestions from matching.py come one at a
time with their reason: y takes one, x turns it down for good. The sentence model behind
them loads in a worker the first time this stage is shown (never at the app's start);
until it is ready the suggestion line says so and everything else works. The themes list says
how many groups named each theme, then what only one group named, with no ranking.
t shows the comparison table of the seed report instead of the columns.

All letter keys are safe: nothing in this stage takes typed text.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static
from textual.widgets.option_list import Option

from ...core.compare import groups_label
from ...core.matching import (
    WORDS_WANTED, NeedsConfirmation, candidates, chosen_scorer, fall_back, match_op, scorer_chosen, suggest,
)
from ...core.model import THEME_KINDS, InvalidInput
from ...core.ops import Dismiss, EditTheme, RemoveFromTheme, Unmatch
from ..dialogs import ConfirmScreen, PromptScreen, ask
from ..dialogs.candidates import CandidatesScreen
from ..keys import focus_now
from . import Stage
from .theme_parts import (
    MIN_COLUMN_WIDTH, GroupColumn, ThemeList, ThemesState, comparison_table, cut, plural,
)


# More new piece texts than this (a session changed by another app, say) are embedded in a
# worker; fewer cost a few milliseconds each, here.
EMBED_HERE = 8


class ThemesStage(Stage):
    BINDINGS = [  # in the key bar's order: what a facilitator needs most comes first
        Binding("y", "accept", "accept"),
        Binding("x", "dismiss_suggestion", "dismiss"),
        Binding("space", "pick", "pick"),
        Binding("s", "match('same')", "same"),
        Binding("o", "match('overlap')", "overlap"),
        Binding("u", "unmatch", "unmatch"),
        Binding("d", "take_out", "take out of theme", show=False),
        Binding("t", "table", "table"),
        Binding("r", "rename", "rename"),
        Binding("n", "next_suggestion(1)", "next suggestion"),
        Binding("p", "next_suggestion(-1)", "previous suggestion", show=False),
        Binding("k", "switch_kind", "kind: same, overlap, related", show=False),
        Binding("c", "candidates", "closest 3", show=False),
        Binding("right_square_bracket", "change_group(1)", "other group", key_display="]"),
        Binding("left_square_bracket", "change_group(-1)", "other group", show=False, key_display="["),
        Binding("tab", "app.focus_next", "next list", show=False),
        Binding("shift+tab", "app.focus_previous", "previous list", show=False),
        Binding("backspace", "clear_picks", "clear picks", show=False),
    ]
    HELP = (
        "  a match, step by step  space on a piece, move to its partner in another group\n"
        "                         (left/right or Tab), s: same theme, o: overlap\n"
        "  merge two themes       pick a piece of each, then s (you are asked first)\n"
        "  in the themes list     u unmatch, r or Enter rename, k next kind\n"
        "  d on a piece           take just that piece out of its theme\n"
        "  Enter on a piece       picks it, as space does\n"
    )

    def __init__(self, controller, **kwargs):
        super().__init__(controller, **kwargs)
        self.state = ThemesState()  # what is picked, shown and suggested: drawn by `draw`
        self._stale = False

    def compose(self):
        yield Static(id="head")
        session = self.controller.session
        self.state.slots = [g.id for g in session.groups][: self.fit(session)]
        with Horizontal(id="columns"):  # built here, so the first key finds a column focused
            for group_id in self.state.slots:
                yield GroupColumn(group_id, enter=self.action_pick)
        with VerticalScroll(id="table"):
            yield Static(id="table-body")
        yield ThemeList(id="theme-list", enter=self.action_rename)
        yield Static(id="suggestion")

    def on_mount(self) -> None:
        self.set_class(self.controller.ascii_only, "-ascii")
        self.session_changed(self.controller.session)

    def shown(self) -> None:
        if self._stale:
            self.session_changed(self.controller.session)

    def on_resize(self) -> None:
        if len(self.state.slots) != self.fit(self.controller.session):
            self.session_changed(self.controller.session)

    # -- what is where ---------------------------------------------------------------------

    def fit(self, session) -> int:
        width = self.size.width or self.app.size.width or 80  # a stage spans the screen
        return min(len(session.groups), max(1, width // MIN_COLUMN_WIDTH))

    def columns(self) -> list[GroupColumn]:
        return list(self.query_one("#columns").query_children(GroupColumn))

    def focused_column(self) -> GroupColumn | None:
        focused = self.screen.focused if self.is_attached else None
        return next((c for c in self.columns() if focused is not None and focused.parent is c), None)

    def current_piece(self) -> str | None:
        column = self.focused_column()
        return column.current() if column else None

    def current_theme(self):
        session = self.controller.session
        themes = self.query_one(ThemeList)
        if self.screen.focused is themes and themes.option_count:
            # (just focused: its cursor is put on the first theme a moment later)
            option_id = themes.get_option_at_index(themes.highlighted or 0).id
            return next((t for t in session.themes if t.id == option_id), None)
        piece = self.current_piece()
        return session.theme_of(piece) if piece else None

    def suggestion(self):
        return self.state.suggestion()

    # -- drawing ------------------------------------------------------------------------------

    def session_changed(self, session) -> None:
        if not self.display:  # behind another stage: catch up when shown, not on every piece typed
            self._stale = True
            return
        self._stale = False
        ids = {p.id for g in session.groups for p in g.pieces}
        self.state.picked = [p for p in self.state.picked if p in ids]
        self.refresh_suggestions(session)
        self.place_columns(session)
        self.draw(session)

    def scorer(self):
        """The scorer to use now, or None while the sentence model gets ready in a worker."""
        if self.state.loading:
            return None
        if not scorer_chosen():
            self.prepare_scorer()
            return None
        scorer, _ = chosen_scorer()
        if getattr(scorer, "missing", None) and scorer.missing(self.controller.session) > EMBED_HERE:
            self.prepare_scorer()
            return None
        return scorer

    def prepare_scorer(self) -> None:
        """Load the model (the first time) and embed the session's pieces, off the screen's thread."""
        self.state.loading = True
        session = self.controller.session

        def work() -> None:
            try:
                scorer, why_not = chosen_scorer()
                if getattr(scorer, "missing", None):
                    scorer.score_pairs(session, [])  # embeds every piece of the session
            except Exception as error:  # whatever the runtime does, words take over
                why_not = f"the sentence model failed ({type(error).__name__}: {error})"[:200]
                fall_back(why_not)
            self.app.call_from_thread(self.scorer_ready, why_not)

        self.run_worker(work, thread=True, group="scorer", exit_on_error=False)

    def scorer_ready(self, why_not: str | None) -> None:
        self.state.loading = False
        if why_not and why_not != WORDS_WANTED and not getattr(self.app, "told_scorer", False):
            self.app.told_scorer = True  # once a run: the About screen says it too
            self.controller.tell(f"Suggestions by words only: {why_not}.")
        self.session_changed(self.controller.session)

    def refresh_suggestions(self, session) -> None:
        shown = self.suggestion()
        scorer = self.scorer()
        self.state.suggestions = suggest(session, scorer=scorer) if scorer else []
        keys = [(s.a, s.b) for s in self.state.suggestions]
        if shown and (shown.a, shown.b) in keys:
            self.state.at = keys.index((shown.a, shown.b))
        else:
            self.state.at = min(self.state.at, max(0, len(self.state.suggestions) - 1))

    def place_columns(self, session) -> None:
        groups = [g.id for g in session.groups]
        fit = self.fit(session)
        slots = [g for g in self.state.slots if g in groups][:fit]
        slots += [g for g in groups if g not in slots][: fit - len(slots)]
        self.state.slots = slots
        row = self.query_one("#columns")
        columns = self.columns()
        for column in columns[len(slots):]:
            column.remove()
        for n, group_id in enumerate(slots):
            if n < len(columns):
                columns[n].group_id = group_id
            else:
                row.mount(GroupColumn(group_id, enter=self.action_pick))

    def draw(self, session) -> None:
        numbers = {t.id: n for n, t in enumerate(session.themes, 1)}
        shown = self.suggestion()
        pair = {shown.a, shown.b} if shown else set()
        for column in self.columns():
            group = next((g for g in session.groups if g.id == column.group_id), None)
            if group is None or not column.is_mounted:
                self.call_after_refresh(self.draw, self.controller.session)
                continue
            in_themes = sum(1 for p in group.pieces if session.theme_of(p.id))
            heading = Text(group.name)
            heading.append(f"  {in_themes}/{len(group.pieces)} in themes")
            labels = [self.piece_label(session, p, numbers, pair) for p in group.pieces]
            column.show(heading, [p.id for p in group.pieces], labels)
        self.draw_head(session)
        self.draw_themes(session, numbers)
        self.draw_suggestion(session)
        if self.has_class("-table"):
            self.draw_table(session)

    def piece_label(self, session, piece, numbers: dict, pair: set):
        """'*T1  words': picked (*) or suggested (>), its theme's number, then the words,
        wrapped under themselves."""

        theme = session.theme_of(piece.id)
        mark = "*" if piece.id in self.state.picked else (">" if piece.id in pair else " ")
        tag = f"T{numbers[theme.id]}" if theme else ""
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{mark}{tag}"), Text(piece.text, "bold" if piece.id in self.state.picked else ""))
        return grid

    def draw_head(self, session) -> None:
        head = Text(no_wrap=True, overflow="ellipsis")
        total = len(session.groups)
        if total < 2:
            head.append("Themes join pieces of different groups: add a second group first (F4).")
        else:
            head.append(f"{plural(len(session.themes), 'theme')}, {plural(len(self.state.suggestions), 'suggestion')}")
            if len(self.state.slots) < total:
                head.append(f"   {len(self.state.slots)} of {total} groups shown: [ ] changes a column")
            else:
                head.append("   space picks, s or o matches, t table")
        if self.state.picked:
            head.append(f"   picked {len(self.state.picked)}", "bold")
        self.query_one("#head", Static).update(head)

    def draw_themes(self, session, numbers: dict) -> None:
        total = len(session.groups)
        options = []
        width = max(20, (self.size.width or 80) - 3)
        for theme in session.themes:
            label = Text(f"T{numbers[theme.id]} ")
            label.append(theme.name, "bold")
            label.append(f"  {theme.kind}, {groups_label(len(session.theme_groups(theme)), total)}: ")
            label.append(" / ".join(session.find_piece(p)[1].text for p in theme.pieces))
            cut(label, width, self.controller.ascii_only)  # one line each: the list stays short
            options.append(Option(label, id=theme.id))
        if not session.themes:
            options.append(Option(Text("No themes yet: pick a piece (space), then its partner, then s."),
                                  disabled=True))
        for group in session.groups:
            alone = [p.text for p in group.pieces if session.theme_of(p.id) is None]
            if alone:
                label = Text(f"Only in {group.name}: ", "italic")
                label.append("; ".join(alone))
                options.append(Option(label, disabled=True))
        themes = self.query_one(ThemeList)
        keep = themes.highlighted
        themes.set_options(options)
        if keep is not None and themes.option_count:
            themes.highlighted = min(keep, themes.option_count - 1)

    def draw_suggestion(self, session) -> None:
        """Two lines, each cut to the width: the pair, then why and the keys."""
        shown = self.suggestion()
        first, second = Text(), Text()
        if self.state.loading:
            first.append("Suggestions: reading the pieces in the room's own words...")
            second.append("  meanwhile: space picks pieces, s or o matches them")
        elif shown is None:
            first.append("No suggestions left" if session.themes else "No suggestions")
            first.append(": c shows a piece's 3 closest candidates in other groups.")
        else:
            (ga, a), (gb, b) = session.find_piece(shown.a), session.find_piece(shown.b)
            first.append(f"Suggestion {self.state.at + 1} of {len(self.state.suggestions)}: ", "bold")
            first.append(f"{a.text} ({ga.name}) ~ {b.text} ({gb.name})")
            second.append(f"  {shown.score:.2f} {shown.reason}   y take it, x not a match, n next")
        width = max(20, (self.size.width or 80) - 2)
        for line in (first, second):
            cut(line, width, self.controller.ascii_only)
        self.query_one("#suggestion", Static).update(Text("\n").join((first, second)))

    def draw_table(self, session) -> None:
        table = comparison_table(session, self.controller.ascii_only, self.state.slots)
        self.query_one("#table-body", Static).update(table)

    # -- picking and matching --------------------------------------------------------------------

    def action_pick(self) -> None:
        piece = self.current_piece()
        if piece is None:
            self.controller.tell("Move to a piece in a group's column first (Tab).")
            return
        if piece in self.state.picked:
            self.state.picked.remove(piece)
        else:
            self.state.picked.append(piece)
        self.draw(self.controller.session)

    def action_clear_picks(self) -> None:
        self.state.picked = []
        self.draw(self.controller.session)

    def action_match(self, kind: str) -> None:
        ids = list(self.state.picked)
        piece = self.current_piece()
        if piece and piece not in ids:
            ids.append(piece)
        if len(ids) < 2:
            self.controller.tell("Pick a piece (space), move to its partner in another group, then s or o.")
            return
        self.match(ids, kind)

    def match(self, ids: list[str], kind: str, allow_same_group=False, merge=False) -> bool:
        session = self.controller.session
        try:
            op = match_op(session, ids, kind=kind, allow_same_group=allow_same_group, merge=merge)
        except NeedsConfirmation as question:
            same = question.what == "same group"
            detail = ("A theme usually joins different groups' pieces." if same
                      else "Merging makes them one theme (ctrl+z undoes it).")

            ask(self, ConfirmScreen(
                f"{question.sentence()[:-1]}. Match them anyway?", detail,
                yes="match them" if same else "merge them"),
                lambda yes: self.match(ids, kind, allow_same_group or same, merge or not same))
            return False
        except InvalidInput as error:
            self.controller.tell(error.sentence(), "warning")
            return False
        if not self.controller.apply(op):
            return False
        self.state.picked = []
        session = self.controller.session
        theme = session.theme_of(ids[0])
        self.controller.tell(
            f"T{session.themes.index(theme) + 1} '{theme.name}' ({theme.kind}, "
            f"{groups_label(len(session.theme_groups(theme)), len(session.groups))}): r renames it")
        self.draw(session)
        return True

    def action_unmatch(self) -> None:
        theme = self.current_theme()
        if theme is None:
            self.controller.tell("Move to a piece in a theme, or to a theme in the list below, then u.")
            return
        if self.controller.apply(Unmatch(theme.id)):
            self.controller.tell(f"Unmatched '{theme.name}': its pieces stand alone (ctrl+z undoes).")

    def action_take_out(self) -> None:
        """Take just this piece out of its theme (a theme of two comes apart)."""
        piece = self.current_piece()
        theme = self.controller.session.theme_of(piece) if piece else None
        if theme is None:
            self.controller.tell("Move to a piece in a theme, then d to take it out of the theme.")
            return
        if self.controller.apply(RemoveFromTheme(theme.id, piece)):
            text = self.controller.session.find_piece(piece)[1].text
            self.controller.tell(f"'{text}' is out of '{theme.name}' (ctrl+z undoes).")

    def action_rename(self) -> None:
        theme = self.current_theme()
        if theme is None:
            self.controller.tell("Move to a piece in a theme, or to a theme in the list below, then r.")
            return

        def rename(name):
            if name.strip() and name != theme.name:
                self.controller.apply(EditTheme(theme.id, name=name))

        ask(self, PromptScreen("Name of the theme", theme.name, hint="The group's own words stay as they are."),
            rename)

    def action_switch_kind(self) -> None:
        theme = self.current_theme()
        if theme is None:
            self.controller.tell("Move to a piece in a theme, or to a theme in the list, then k.")
            return
        kind = THEME_KINDS[(THEME_KINDS.index(theme.kind) + 1) % len(THEME_KINDS)]  # same, overlap, related
        if self.controller.apply(EditTheme(theme.id, kind=kind)):
            self.controller.tell(f"'{theme.name}' is now '{kind}'.")

    # -- suggestions -----------------------------------------------------------------------------

    def action_accept(self) -> None:
        shown = self.suggestion()
        if shown is None and self.state.loading:
            self.controller.tell("Suggestions are on their way (a moment): nothing taken.")
            return
        if shown is None:
            self.controller.tell("No suggestion to take: pick pieces yourself (space, then s).")
            return
        self.match([shown.a, shown.b], "same")

    def action_dismiss_suggestion(self) -> None:
        shown = self.suggestion()
        if shown is None:
            return
        if self.controller.apply(Dismiss(shown.a, shown.b)):
            self.controller.tell("Not a match: it will not be suggested again (ctrl+z undoes).")

    def action_next_suggestion(self, step: int) -> None:
        if not self.state.suggestions:
            self.controller.tell("No suggestions left.")
            return
        self.state.at = (self.state.at + step) % len(self.state.suggestions)
        self.show_pair(self.state.suggestions[self.state.at].a, self.state.suggestions[self.state.at].b)

    def show_pair(self, a: str, b: str) -> None:
        """Bring both pieces' groups into view and put the cursor on them."""
        session = self.controller.session
        group_a, group_b = session.find_piece(a)[0].id, session.find_piece(b)[0].id
        slots = list(self.state.slots)
        if group_a not in slots:
            slots[0] = group_a
        if group_b not in slots and len(slots) > 1:
            slots[1 if slots[0] == group_a else 0] = group_b
        self.state.slots = slots
        self.place_columns(session)
        self.draw(session)
        for column in self.columns():
            column.highlight(a)
            column.highlight(b)

    def action_candidates(self) -> None:
        piece = self.current_piece()
        if piece is None:
            self.controller.tell("Move to a piece first, then c for its closest candidates.")
            return
        session = self.controller.session
        scorer = self.scorer()
        if scorer is None:
            self.controller.tell("The closest candidates are on their way (a moment): press c again.")
            return
        found = candidates(session, piece, scorer=scorer)

        ask(self, CandidatesScreen(session, piece, found), lambda chosen: self.match([piece, chosen[0]], chosen[1]))

    # -- views and groups ----------------------------------------------------------------------

    def action_table(self) -> None:
        self.toggle_class("-table")
        if self.has_class("-table"):
            self.draw_table(self.controller.session)
            focus_now(self.query_one("#table"))
        else:
            self.focus_first()

    def action_change_group(self, step: int) -> None:
        session = self.controller.session
        column = self.focused_column() or (self.columns()[0] if self.columns() else None)
        if column is None or len(session.groups) <= len(self.state.slots):
            self.controller.tell("Every group is on screen already.")
            return
        groups = [g.id for g in session.groups]
        at = groups.index(column.group_id)
        others = set(self.state.slots) - {column.group_id}
        for n in range(1, len(groups)):
            candidate = groups[(at + step * n) % len(groups)]
            if candidate not in others:
                break
        self.state.slots[self.state.slots.index(column.group_id)] = candidate
        column.group_id = candidate
        self.draw(session)
        focus_now(column.options)

    def first_focus(self):
        columns = self.columns()
        return columns[0].options if columns and columns[0].is_mounted and columns[0].children else None

    def focus_first(self) -> None:
        if not self.display:
            return  # another stage was chosen meanwhile: the keys belong to it
        widget = self.first_focus()
        if widget is not None:
            self.screen.set_focus(widget, scroll_visible=False)  # now, not a frame later
        elif self.controller.session.groups:
            self.call_after_refresh(self.focus_first)  # the columns are still mounting

    def commands(self):
        return [
            ("Match as the same theme", "The picked pieces become one theme (s)", lambda: self.action_match("same")),
            ("Match as an overlap", "The picked pieces become an overlapping theme (o)",
             lambda: self.action_match("overlap")),
            ("Unmatch theme", "Take the current theme apart (u)", self.action_unmatch),
            ("Take piece out of theme", "Only the current piece leaves its theme (d)", self.action_take_out),
            ("Rename theme", "Name the current theme (r)", self.action_rename),
            ("Comparison table", "One column per group, one row per theme (t)", self.action_table),
            ("Closest candidates", "The current piece's 3 closest pieces in other groups (c)",
             self.action_candidates),
        ]


