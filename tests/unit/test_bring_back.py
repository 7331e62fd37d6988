"""Bring back from the history (core/bring_back.py): what a change removed or overwrote
goes back into the session as it is now, and nothing of anyone's is overwritten."""

from __future__ import annotations

import pytest

from jigsaw_tui.core import history
from jigsaw_tui.core.bring_back import bring_back
from jigsaw_tui.core.model import CHECKIN, InvalidInput
from jigsaw_tui.core.ops import (AddGroup, AddItem, AddPiece, EditPiece, RemoveGroup, RemoveItem, RemovePiece,
                                 RemoveQuestion,
                                 RenameGroup, SetReflections)


def last_entry(store, name):
    return history.read(store.path_for(name)).entries[-1]


def back(store, name, entry):
    op, cannot = bring_back(entry, store.load(name))
    session, _ = store.apply(name, op)
    return session, cannot


def test_a_removed_group_comes_back_with_its_id_and_its_pieces_in_it(store, example):
    group = store.load(example).groups[0]
    store.apply(example, RemoveGroup(group.id))
    session, cannot = back(store, example, last_entry(store, example))
    again = session.group(group.id)  # the same id: what was in it finds it again
    assert again.name == group.name and [p.text for p in again.pieces] == [p.text for p in group.pieces]
    assert [p.note for p in again.pieces] == [p.note for p in group.pieces]
    assert cannot == [] or all("theme" in why for why in cannot)  # its themes are made again by matching


def test_a_renamed_group_is_renamed_back_and_an_overwritten_piece_comes_back_beside(store, example):
    group = store.load(example).groups[0]
    store.apply(example, RenameGroup(group.id, "Someone else's name"))
    session, _ = back(store, example, last_entry(store, example))
    assert session.group(group.id).name == group.name and len(session.groups) == len(store.load(example).groups)
    piece = session.group(group.id).pieces[0]
    store.apply(example, EditPiece(piece.id, text="Their words"))
    session, _ = back(store, example, last_entry(store, example))
    texts = [p.text for p in session.group(group.id).pieces]
    assert "Their words" in texts and piece.text in texts  # both kept, nobody's words lost


def test_an_old_note_comes_back_onto_its_piece(store, example):
    group = store.load(example).groups[0]
    store.apply(example, AddPiece(group.id, "Quiet rooms", note="the first floor"))
    piece = store.load(example).group(group.id).pieces[-1]
    store.apply(example, EditPiece(piece.id, note="the basement"))
    session, _ = back(store, example, last_entry(store, example))
    assert session.find_piece(piece.id)[1].note == "the first floor"
    assert [p.text for p in session.group(group.id).pieces].count("Quiet rooms") == 1


def test_a_piece_whose_group_is_gone_goes_into_the_first_group(store, example):
    groups = store.load(example).groups
    store.apply(example, AddGroup("Extra"))
    extra = store.load(example).group_by_name("Extra")
    store.apply(example, AddPiece(extra.id, "Lonely piece"))
    piece = store.load(example).group(extra.id).pieces[0]
    store.apply(example, RemovePiece(piece.id))
    removal = last_entry(store, example)
    store.apply(example, RemoveGroup(extra.id))
    session, _ = back(store, example, removal)
    assert "Lonely piece" in [p.text for p in session.group(groups[0].id).pieces]


def test_an_answer_waits_for_its_question_and_then_finds_it(store, example):
    view = store.load(example).views[0]
    store.apply(example, AddItem(view.id, "Because we care"))
    store.apply(example, RemoveQuestion(view.id))
    removal = last_entry(store, example)
    answer_only = history.Entry("2025-01-01T00:00:00Z", "ana", "remove",
                                lost=({"kind": "line", "where": view.id, "text": "Because we care"},))
    with pytest.raises(InvalidInput, match="bring the question back first"):
        bring_back(answer_only, store.load(example))
    session, _ = back(store, example, removal)  # the question and its answers, as one step
    assert session.view(view.id).question == view.question
    assert "Because we care" in session.view(view.id).answers


def test_check_in_lines_and_reflections_are_added_to_what_is_there(store, example):
    store.apply(example, AddItem(CHECKIN, "Sunshine"))
    at = store.load(example).checkin.index("Sunshine")
    store.apply(example, RemoveItem(CHECKIN, at, "Sunshine"))
    store.apply(example, AddItem(CHECKIN, "Rain"))
    session, _ = back(store, example, history.read(store.path_for(example)).entries[-2])
    assert session.checkin[-2:] == ("Rain", "Sunshine")
    store.apply(example, SetReflections("First thoughts"))
    store.apply(example, SetReflections("Second thoughts"))
    session, _ = back(store, example, last_entry(store, example))
    assert session.reflections == "Second thoughts\n\nFirst thoughts"


def test_what_is_there_again_and_ids_not_made_by_jigsaw_are_not_trusted(store, example):
    group = store.load(example).groups[0]
    store.apply(example, RemovePiece(group.pieces[-1].id))
    removal = last_entry(store, example)
    back(store, example, removal)
    with pytest.raises(InvalidInput, match="in the session again"):
        bring_back(removal, store.load(example))
    planted = history.Entry("2025-01-01T00:00:00Z", "ana", "remove group",
                            lost=({"kind": "group", "id": "../../etc", "text": "Planted"},))
    session, _ = back(store, example, planted)
    assert session.group_by_name("Planted").id != "../../etc"
