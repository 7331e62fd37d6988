"""Operations: what each does, what it refuses, and the undo law (apply then inverse = identity)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jigsaw_tui.core.model import InvalidInput, new_session
from jigsaw_tui.core.ops import (
    CHECKIN,
    AddAction,
    AddGroup,
    AddItem,
    AddPiece,
    AddToTheme,
    Dismiss,
    EditAction,
    EditItem,
    EditPiece,
    EditSettings,
    EditTheme,
    MatchPieces,
    MergeThemes,
    MovePiece,
    RemoveFromTheme,
    RemoveGroup,
    RemoveItem,
    RemovePiece,
    RenameGroup,
    AddLink,
    EditLink,
    MoveLink,
    RemoveLink,
    SetDraft,
    SetReflections,
    Unmatch,
    inverse,
)


def two_groups(max_pieces=12):
    s = new_session("Networks", ["One", "Two"], max_pieces=max_pieces)
    return s, s.groups[0].id, s.groups[1].id


def add(s, group_id, *texts):
    for text in texts:
        s = AddPiece(group_id, text).apply(s)
    return s


def ids(s, group_id):
    return [p.id for p in s.group(group_id).pieces]


def test_add_piece_appends_in_order():
    s, one, _ = two_groups()
    s = add(s, one, "Trust", "Time")
    assert [p.text for p in s.group(one).pieces] == ["Trust", "Time"]


def test_a_draft_replaces_only_its_own_and_those_it_takes_over():
    s, one, two = two_groups()
    s = SetDraft(one, "Anna's", by="a").apply(s)
    s = SetDraft(one, "Ben's", by="b").apply(s)
    s = SetDraft(two, "elsewhere", by="a").apply(s)
    s = SetDraft(one, "Anna's, longer", by="a").apply(s)
    assert sorted((d.where, d.text) for d in s.drafts) == sorted(
        [(one, "Ben's"), (one, "Anna's, longer"), (two, "elsewhere")])
    assert s.draft(one, "b") == "Ben's" and set(s.draft(one).split(" / ")) == {"Ben's", "Anna's, longer"}
    s = SetDraft(one, "both", by="c", taking=("a", "b")).apply(s)  # put back into one line
    assert [(d.where, d.text, d.by) for d in s.drafts] == [(two, "elsewhere", "a"), (one, "both", "c")]
    assert SetDraft(one, "", by="c").apply(s).draft(one) == ""


def test_thirteenth_piece_is_refused_and_says_why():
    s, one, _ = two_groups()
    s = add(s, one, *[f"piece {n}" for n in range(12)])
    with pytest.raises(InvalidInput, match="12 of 12"):
        AddPiece(one, "one too many").apply(s)


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\x1b[31m"])
def test_empty_piece_is_refused(text):
    s, one, _ = two_groups()
    with pytest.raises(InvalidInput, match="empty"):
        AddPiece(one, text).apply(s)


def test_long_piece_is_refused_with_the_limit():
    s, one, _ = two_groups()
    with pytest.raises(InvalidInput, match="5,000 characters; the limit is 200"):
        AddPiece(one, "x" * 5000).apply(s)


def test_control_characters_and_escapes_are_stripped_markup_kept():
    s, one, _ = two_groups()
    s = AddPiece(one, "\x1b[31mRed\x1b[0m [bold red]x[/] \x07bell\x1b]0;title\x07 [link=http://e.x]y").apply(s)
    text = s.group(one).pieces[0].text
    assert text == "Red [bold red]x[/] bell [link=http://e.x]y"
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)


def test_remove_piece_dissolves_a_theme_left_with_one_piece_and_undo_restores_it():
    s, one, two = two_groups()
    s = add(s, one, "Trust")
    s = add(s, two, "Psychological safety")
    match = MatchPieces((ids(s, one)[0], ids(s, two)[0]), "overlap")
    s = match.apply(s)
    s = AddAction("Run a trust workshop", theme=match.id).apply(s)
    remove = RemovePiece(ids(s, one)[0])
    after = remove.apply(s)
    assert after.themes == () and after.actions[0].theme == ""
    assert inverse(remove, s, after).apply(after) == s


def test_theme_name_defaults_to_the_shortest_member():
    s, one, two = two_groups()
    s = add(s, one, "Shared purpose")
    s = add(s, two, "Common goal")
    s = MatchPieces((ids(s, one)[0], ids(s, two)[0])).apply(s)
    assert s.themes[0].name == "Common goal" and s.themes[0].kind == "same"


def test_matching_two_pieces_of_one_group_needs_consent():
    s, one, _ = two_groups()
    s = add(s, one, "Trust", "Honesty")
    pair = tuple(ids(s, one))
    with pytest.raises(InvalidInput, match="same group"):
        MatchPieces(pair).apply(s)
    assert len(MatchPieces(pair, allow_same_group=True).apply(s).themes) == 1


def test_a_piece_is_in_at_most_one_theme():
    s, one, two = two_groups()
    s = add(s, one, "Trust", "Time")
    s = add(s, two, "Safety", "Pace")
    a, b = ids(s, one), ids(s, two)
    s = MatchPieces((a[0], b[0])).apply(s)
    with pytest.raises(InvalidInput, match="already in the theme"):
        MatchPieces((a[0], b[1])).apply(s)


def test_matching_a_piece_removed_by_someone_else_is_a_clear_error():
    s, one, two = two_groups()
    s = add(s, one, "Trust")
    s = add(s, two, "Safety")
    a, b = ids(s, one)[0], ids(s, two)[0]
    s = RemovePiece(b).apply(s)
    with pytest.raises(InvalidInput, match="may have been removed"):
        MatchPieces((a, b)).apply(s)


def test_merging_themes_that_share_a_group_needs_consent():
    s = new_session("x", ["A", "B"])
    a, b = (g.id for g in s.groups)
    s = add(add(s, a, "Trust", "Time"), b, "Safety", "Pace")
    (trust, time), (safety, pace) = ids(s, a), ids(s, b)
    first, second = MatchPieces((trust, safety)), MatchPieces((time, pace))
    s = second.apply(first.apply(s))
    with pytest.raises(InvalidInput, match="same group"):
        MergeThemes(first.id, second.id).apply(s)
    merged = MergeThemes(first.id, second.id, allow_same_group=True).apply(s)
    assert [set(t.pieces) for t in merged.themes] == [{trust, safety, time, pace}]


def test_merge_of_themes_from_different_groups():
    s = new_session("x", ["A", "B", "C", "D"])
    g = [x.id for x in s.groups]
    for gid, text in zip(g, ["Trust", "Safety", "Honesty", "Openness"]):
        s = add(s, gid, text)
    p = [ids(s, gid)[0] for gid in g]
    first, second = MatchPieces((p[0], p[1])), MatchPieces((p[2], p[3]))
    s = second.apply(first.apply(s))
    s = AddAction("do it", theme=second.id).apply(s)
    merged = MergeThemes(first.id, second.id).apply(s)
    assert [t.pieces for t in merged.themes] == [tuple(p)]
    assert merged.actions[0].theme == first.id
    assert len(merged.theme_groups(merged.themes[0])) == 4


def test_move_piece_to_another_group_respects_the_limit():
    s, one, two = two_groups(max_pieces=1)
    s = add(s, one, "Trust")
    s = add(s, two, "Time")
    with pytest.raises(InvalidInput, match="1 of 1"):
        MovePiece(ids(s, one)[0], 0, group_id=two).apply(s)


def test_edit_item_finds_the_line_even_if_others_inserted_before_it():
    s, _, _ = two_groups()
    s = AddItem(CHECKIN, "Puppies").apply(s)
    seen = s
    s = AddItem(CHECKIN, "Hugs", index=0).apply(s)  # someone else, meanwhile
    s = EditItem(CHECKIN, 0, "Puppies", "Puppies and kittens").apply(s)
    assert s.checkin == ("Hugs", "Puppies and kittens") and seen.checkin == ("Puppies",)
    with pytest.raises(InvalidInput, match="someone else"):
        RemoveItem(CHECKIN, 0, "Puppies").apply(s)


def test_group_names_are_unique_ignoring_case():
    s, one, _ = two_groups()
    with pytest.raises(InvalidInput, match="already a group"):
        AddGroup("one").apply(s)
    with pytest.raises(InvalidInput, match="already a group"):
        RenameGroup(one, "TWO").apply(s)


def test_settings_are_checked():
    s, _, _ = two_groups()
    with pytest.raises(InvalidInput):
        EditSettings(max_pieces=0).apply(s)
    with pytest.raises(InvalidInput):
        EditSettings(meditation_seconds=5).apply(s)
    assert EditSettings(max_pieces=9).apply(s).settings.max_pieces == 9


def test_undo_of_an_add_keeps_a_piece_someone_else_added_meanwhile():
    s, one, two = two_groups()
    mine = AddPiece(one, "Trust")
    after = mine.apply(s)
    undo = inverse(mine, s, after)
    theirs = AddPiece(two, "Time").apply(after)  # another process, before my undo
    undone = undo.apply(theirs)
    assert ids(undone, one) == [] and [p.text for p in undone.group(two).pieces] == ["Time"]


# -- the undo law over random sequences of ops ------------------------------------------

WORDS = st.sampled_from(["Trust", "Time", "Shared purpose", "Common goal", "[bold]x[/]", "Pace", "Équité", "信頼"])


@st.composite
def op_for(draw, s):
    """One plausible op for session `s` (it may still be refused, which is fine)."""
    groups = [g.id for g in s.groups]
    pieces = [p.id for g in s.groups for p in g.pieces]
    themes = [t.id for t in s.themes]
    kinds = ["add", "add", "add", "group", "draft", "checkin", "reflections", "link"]
    if s.links:
        kinds += ["edit_link", "remove_link", "move_link"]
    if pieces:
        kinds += ["edit", "remove", "move", "dismiss"]
    if len(pieces) > 1:
        kinds += ["match", "match", "match"]
    if themes:
        kinds += ["unmatch", "rename_theme", "theme_out", "action", "action", "add_to", "merge"]
    if len(groups) > 2:
        kinds += ["remove_group", "rename_group"]
    if s.actions:
        kinds += ["done"]
    kind = draw(st.sampled_from(kinds))
    pick = lambda xs: draw(st.sampled_from(xs))  # noqa: E731
    if kind == "add":
        return AddPiece(pick(groups), draw(WORDS), index=draw(st.none() | st.integers(0, 12)))
    if kind == "group":
        return AddGroup(draw(WORDS) + str(draw(st.integers(0, 99))))
    if kind == "draft":
        return SetDraft(pick(groups), draw(st.sampled_from(["", "half a thou"])), by=pick(["", "a1", "b2"]))
    if kind == "checkin":
        return AddItem(CHECKIN, draw(WORDS))
    if kind == "reflections":
        return SetReflections(draw(st.sampled_from(["", "Shared purpose.\n\nTrust [bold]overlaps[/bold].", "信頼"])))
    links = [k.id for k in s.links]
    url = st.sampled_from(["https://example.org/a", "mailto:a@example.org", "javascript:x"])
    if kind == "link":
        return AddLink(draw(url), draw(st.sampled_from(["", "Slides", "[b]x[/b]"])),
                       index=draw(st.none() | st.integers(0, 3)))
    if kind == "edit_link":
        return EditLink(pick(links), url=draw(st.none() | url), title=draw(st.none() | WORDS))
    if kind == "remove_link":
        return RemoveLink(pick(links))
    if kind == "move_link":
        return MoveLink(pick(links), draw(st.integers(0, 3)))
    if kind == "edit":
        return EditPiece(pick(pieces), text=draw(WORDS), note=draw(st.sampled_from([None, "", "a\nnote"])))
    if kind == "remove":
        return RemovePiece(pick(pieces))
    if kind == "move":
        return MovePiece(pick(pieces), draw(st.integers(0, 12)), group_id=draw(st.none() | st.sampled_from(groups)))
    if kind == "match":
        return MatchPieces(tuple(draw(st.lists(st.sampled_from(pieces), min_size=2, max_size=3, unique=True))),
                           kind=pick(["same", "overlap", "related"]), allow_same_group=draw(st.booleans()))
    if kind == "dismiss":
        return Dismiss(pick(pieces), pick(pieces))
    if kind == "unmatch":
        return Unmatch(pick(themes))
    if kind == "rename_theme":
        return EditTheme(pick(themes), name=draw(WORDS))
    if kind == "theme_out":
        theme = s.theme(pick(themes))
        return RemoveFromTheme(theme.id, pick(list(theme.pieces)))
    if kind == "action":
        return AddAction(draw(WORDS), theme=pick(themes))
    if kind == "add_to":
        return AddToTheme(pick(themes), (pick(pieces),), allow_same_group=True)
    if kind == "merge":
        return MergeThemes(pick(themes), pick(themes), allow_same_group=True)
    if kind == "remove_group":
        return RemoveGroup(pick(groups))
    if kind == "rename_group":
        return RenameGroup(pick(groups), draw(WORDS) + "!")
    return EditAction(pick([a.id for a in s.actions]), done=draw(st.booleans()))


@st.composite
def histories(draw):
    s = new_session("Law", ["One", "Two", "Three"], max_pieces=draw(st.integers(1, 4)))
    steps = []
    for _ in range(draw(st.integers(1, 25))):
        op = draw(op_for(s))
        try:
            after = op.apply(s)
        except InvalidInput:
            continue
        steps.append((s, op, after))
        s = after
    return steps


@settings(max_examples=150, deadline=None)
@given(histories())
def test_every_op_is_undone_by_its_inverse(steps):
    for before, op, after in steps:
        assert inverse(op, before, after).apply(after) == before, op


@settings(max_examples=100, deadline=None)
@given(histories())
def test_undoing_everything_in_reverse_order_gets_back_to_the_start(steps):
    undos = [inverse(op, before, after) for before, op, after in steps]
    s = steps[-1][2] if steps else None
    for undo in reversed(undos):
        s = undo.apply(s)
    if steps:
        assert s == steps[0][0]
