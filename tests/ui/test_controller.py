"""The controller: ops through the store, undo/redo, changes by others, a deleted file."""

from __future__ import annotations

from jigsaw_tui.core.ops import AddPiece, RenameGroup
from jigsaw_tui.ui.controller import Controller

from .tui_helpers import GROUP_ONE, copy_example


def make(store):
    name = copy_example(store)
    controller = Controller(store, name)
    told = []
    controller.set_teller(lambda message, severity: told.append((message, severity)))
    seen = []
    controller.subscribe(seen.append)
    return controller, told, seen


def texts(session, group_id=GROUP_ONE):
    return [p.text for p in session.group(group_id).pieces]


def test_apply_saves_at_once_and_tells_listeners(store):
    controller, told, seen = make(store)
    assert controller.apply(AddPiece(GROUP_ONE, "Kindness"))
    assert texts(store.load(controller.ref))[-1] == "Kindness"
    assert seen and texts(seen[-1])[-1] == "Kindness"


def test_refused_op_says_why_and_changes_nothing(store):
    controller, told, seen = make(store)
    before = store.load(controller.ref)
    assert not controller.apply(AddPiece(GROUP_ONE, "   "))
    assert store.load(controller.ref) == before
    assert told[-1][1] == "warning" and "empty" in told[-1][0]
    assert not controller.undo_stack


def test_undo_and_redo_walk_back_and_forth(store):
    controller, told, seen = make(store)
    original = texts(controller.session)
    controller.apply(AddPiece(GROUP_ONE, "One more"))
    controller.apply(RenameGroup(GROUP_ONE, "Carers"))
    assert controller.undo() and controller.session.group(GROUP_ONE).name == "Group one"
    assert controller.undo() and texts(store.load(controller.ref)) == original
    assert not controller.undo()
    assert controller.redo() and texts(controller.session)[-1] == "One more"
    assert controller.redo() and store.load(controller.ref).group(GROUP_ONE).name == "Carers"
    assert not controller.redo()


def test_a_new_change_clears_redo(store):
    controller, told, seen = make(store)
    controller.apply(AddPiece(GROUP_ONE, "A"))
    controller.undo()
    controller.apply(AddPiece(GROUP_ONE, "B"))
    assert not controller.redo_stack


def test_undo_keeps_what_another_process_added(store):
    controller, told, seen = make(store)
    controller.apply(AddPiece(GROUP_ONE, "Mine"))
    store.apply(controller.ref, AddPiece(GROUP_ONE, "Theirs"))
    controller.undo()
    assert "Theirs" in texts(store.load(controller.ref))
    assert "Mine" not in texts(store.load(controller.ref))


def test_poll_picks_up_a_change_made_elsewhere(store):
    controller, told, seen = make(store)
    assert not controller.poll()
    store.apply(controller.ref, AddPiece(GROUP_ONE, "From the shell"))
    assert controller.poll()
    assert texts(controller.session)[-1] == "From the shell"
    assert texts(seen[-1])[-1] == "From the shell"


def test_deleted_file_is_reported_and_can_be_saved_again(store):
    controller, told, seen = make(store)
    path = store.path_for(controller.ref)
    path.unlink()
    controller.poll()
    assert controller.missing and told[-1][1] == "error" and "deleted" in told[-1][0]
    assert not controller.apply(AddPiece(GROUP_ONE, "While gone"))
    assert controller.save_again()
    assert store.load(controller.ref) == controller.session
    assert controller.apply(AddPiece(GROUP_ONE, "After"))


def test_a_broken_hand_edit_is_reported_and_not_overwritten(store):
    controller, told, seen = make(store)
    path = store.path_for(controller.ref)
    path.write_text("title = [unclosed\n")
    controller.poll()
    assert told[-1][1] == "error"
    assert not controller.apply(AddPiece(GROUP_ONE, "x"))
    assert path.read_text() == "title = [unclosed\n"


def test_drafts_are_kept_without_an_undo_step(store):
    controller, told, seen = make(store)
    assert controller.keep_draft(GROUP_ONE, "half typ")
    assert store.load(controller.ref).draft(GROUP_ONE) == "half typ"
    assert not controller.undo_stack
    controller.keep_draft(GROUP_ONE, "")
    assert store.load(controller.ref).draft(GROUP_ONE) == ""


def test_poll_ignores_its_own_writes(store):
    controller, told, seen = make(store)
    controller.apply(AddPiece(GROUP_ONE, "x"))
    count = len(seen)
    assert not controller.poll()
    assert len(seen) == count


def test_joined_changes_are_undone_and_redone_in_one_step(store):
    controller, told, seen = make(store)
    before = texts(controller.session)
    for text in ("One", "Two", "Three"):
        controller.apply(AddPiece(GROUP_ONE, text))
    controller.join_last(3, "paste of 3 lines")
    assert controller.undo()
    assert texts(controller.session) == before
    assert told[-1][0] == "Undone: paste of 3 lines."
    assert controller.redo()
    assert texts(controller.session) == before + ["One", "Two", "Three"]
    assert texts(store.load(controller.ref)) == before + ["One", "Two", "Three"]


def test_a_notice_given_before_there_is_a_notice_line_is_shown_when_there_is(store):
    name = copy_example(store)
    controller = Controller(store, name)
    controller.tell("A draft was kept", "warning")  # e.g. while the first stage is built
    told = []
    controller.set_teller(lambda message, severity: told.append((message, severity)))
    assert told == [("A draft was kept", "warning")]
    controller.tell("next")
    assert told[-1] == ("next", "information")


def test_two_people_typing_into_one_line_keep_a_draft_each(store):
    name = copy_example(store)
    anna, ben = Controller(store, name), Controller(store, name)
    assert anna.keep_draft(GROUP_ONE, "half by Anna")
    ben.poll()
    assert ben.keep_draft(GROUP_ONE, "half by Ben")
    anna.poll()
    assert anna.keep_draft(GROUP_ONE, "more by Anna")  # replaces Anna's own, not Ben's
    assert sorted(d.text for d in store.load(name).drafts) == ["half by Ben", "more by Anna"]
    # Both links drop; whoever opens the session next gets both back, in that line
    later = Controller(store, name)
    text, count = later.restore_draft(GROUP_ONE)
    assert count == 2 and set(text.split(" / ")) == {"half by Ben", "more by Anna"}
    assert later.keep_draft(GROUP_ONE, text + " and a bit")  # now one draft, this app's
    assert [d.text for d in store.load(name).drafts] == [text + " and a bit"]
    assert later.keep_draft(GROUP_ONE, "")  # saved as a piece: nothing left behind
    assert store.load(name).drafts == ()


def test_clearing_a_line_leaves_another_persons_draft_alone(store):
    name = copy_example(store)
    anna, ben = Controller(store, name), Controller(store, name)
    anna.keep_draft(GROUP_ONE, "Anna's")
    ben.poll()
    assert ben.keep_draft(GROUP_ONE, "")  # Ben's line is empty: nothing of his to clear
    assert store.load(name).draft(GROUP_ONE) == "Anna's"
