"""The note-taker view: only the chosen group's pieces change from it; everything else is
refused with a notice that says how to switch, and nothing is written."""

from __future__ import annotations

from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddGroup, AddPiece, Batch, EditPiece, MatchPieces, MovePiece, RemovePiece, SetDraft
from jigsaw_tui.ui.controller import Controller


def test_only_the_groups_pieces_change_in_the_note_taker_view(store):
    session = new_session("Live", ["Carers", "Nurses"])
    for group in session.groups:
        session = AddPiece(group.id, f"{group.name} piece").apply(session)
    path = store.create(session)
    carers, nurses = session.groups
    told: list[str] = []
    view = Controller(store, path.stem, only_group=carers.id)
    view.set_teller(lambda message, severity="information": told.append(message))
    mine, theirs = carers.pieces[0].id, nurses.pieces[0].id
    allowed = [AddPiece(carers.id, "Time"), EditPiece(mine, text="Carers, edited"),
               SetDraft(nurses.id, "a draft is safe anywhere", by=view.draft_tag),
               Batch((AddPiece(carers.id, "Pace"), AddPiece(carers.id, "Trust")))]
    for op in allowed:
        assert view.apply(op), op
    refused = [AddPiece(nurses.id, "not mine"), EditPiece(theirs, text="x"), RemovePiece(theirs),
               MovePiece(mine, 0, group_id=nurses.id), AddGroup("Volunteers"), MatchPieces((mine, theirs)),
               Batch((AddPiece(carers.id, "ok"), AddPiece(nurses.id, "not ok")))]
    before = store.load(path.stem)
    for op in refused:
        told.clear()
        assert not view.apply(op), op
        assert "note-taker view for Carers" in told[0] and "F12" in told[0]
    assert store.load(path.stem) == before
    assert view.undo()  # one's own change undone: still inside the group
    view.only_group = None  # F12: the whole session
    assert view.apply(AddPiece(nurses.id, "now allowed"))


def test_open_with_an_unknown_group_says_which_there_are(run, store):
    path = store.create(new_session("Live", ["Carers", "Nurses"]))
    code, out, err = run("open", path.stem, "--group", "Volunteers")
    assert code == 1 and "no group called 'Volunteers'" in err and "Carers, Nurses" in err


def test_a_session_one_can_only_read_is_a_live_read_only_view(store, monkeypatch):
    from jigsaw_tui.core.store import Store
    from jigsaw_tui.ui import controller as controller_module

    session = new_session("Shared to read", ["Carers"])
    path = store.create(session)
    assert controller_module.can_write(path)  # the owner can
    monkeypatch.setattr(controller_module, "can_write", lambda path: False)  # (root can write anything)
    told: list[str] = []
    view = Controller(store, path.stem)
    view.set_teller(lambda message, severity="information": told.append(message))
    assert view.read_only and not view.apply(AddPiece(session.groups[0].id, "mine"))
    assert told and told[0].startswith("Read-only")
    assert not view.keep_draft(session.groups[0].id, "half")  # said nothing: quiet
    assert len(told) == 1
    Store(store.folder).apply(path.stem, AddPiece(session.groups[0].id, "the owner's"))
    assert view.poll() and [p.text for p in view.session.groups[0].pieces] == ["the owner's"]


def test_can_write_follows_the_file_and_folder_modes():
    """As another user: root checks in a forked child that becomes 'nobody' (root itself
    may write anything); in the system's temp folder, which 'nobody' can reach."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from jigsaw_tui.ui.controller import can_write

    tmp_path = Path(tempfile.mkdtemp(prefix="jigsaw-read-only-"))
    try:
        check_modes(tmp_path, can_write)
    finally:
        shutil.rmtree(tmp_path)


def check_modes(tmp_path, can_write):
    import os

    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "s.toml"
    path.write_text("x")

    def others_can_write() -> bool:
        if os.geteuid() != 0:
            return can_write(path)
        pid = os.fork()
        if pid == 0:  # the child: another user, then the answer as its exit status
            try:
                os.setresgid(65534, 65534, 65534)
                os.setresuid(65534, 65534, 65534)
                os._exit(0 if can_write(path) else 3)
            finally:
                os._exit(9)
        status = os.waitpid(pid, 0)[1]
        assert os.WEXITSTATUS(status) in (0, 3), status
        return os.WEXITSTATUS(status) == 0

    os.chmod(tmp_path, 0o755)
    if os.geteuid() != 0:  # as the owner: the file's owner bits decide
        path.chmod(0o400)
        assert not others_can_write()
        path.chmod(0o600)
        assert others_can_write()
        return
    folder.chmod(0o755)
    path.chmod(0o644)
    assert not others_can_write()  # readable, not writable: the read-only view
    folder.chmod(0o777)
    path.chmod(0o666)
    assert others_can_write()


def test_undo_from_the_history_keeps_to_the_note_takers_group(store):
    session = new_session("Live", ["Carers", "Nurses"])
    path = store.create(session)
    carers, nurses = session.groups
    Controller(store, path.stem).apply(AddPiece(nurses.id, "Nurses' piece"))  # an earlier run, whole view
    told: list[str] = []
    view = Controller(store, path.stem, only_group=carers.id)  # after a restart, as Carers' note-taker
    view.set_teller(lambda message, severity="information": told.append(message))
    assert not view.undo()
    assert "note-taker view for Carers" in told[-1]
    assert [p.text for p in store.load(path.stem).group(nurses.id).pieces] == ["Nurses' piece"]
