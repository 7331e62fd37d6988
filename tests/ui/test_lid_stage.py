"""The Lid stage by keyboard: round the circle, edit, switch lids, export the PDF."""

from __future__ import annotations

from jigsaw_tui.core.ops import AddPiece, EditPiece
from jigsaw_tui.ui.dialogs import PieceEditor, PromptScreen
from jigsaw_tui.ui.notice import Notice
from jigsaw_tui.ui.stages.lid import LidStage, LidView

from .tui_helpers import GROUP_ONE, GROUP_TWO, keys, make_app, notice, pilot, session_app, workers_done

SHARED_PURPOSE = "p6d7vf"


async def open_lid(pilot) -> LidStage:
    await pilot.press("f6")
    await pilot.pause()
    return pilot.app.screen.query_one(LidStage)


def detail(app) -> str:
    return str(app.screen.query_one("#lid-detail").render())



@pilot
async def test_arrows_go_round_the_circle_and_show_the_whole_piece(store, example):
    async with session_app(store, stage="lid", session=example) as (app, pilot):
        stage = app.screen.query_one(LidStage)
        assert stage.which == "group" and stage.group_id == GROUP_ONE
        assert stage.selected == 0 and "Piece 1 of 8: Time" in detail(app)
        assert "In the theme: Time" in detail(app)
        assert isinstance(app.focused, LidView)
        await keys(pilot, "right")
        assert stage.selected == 1 and "Shared purpose" in detail(app)
        await keys(pilot, "left", "left")  # round past the start: no first place
        assert stage.selected == 7
        full = store.load(example).group(GROUP_ONE).pieces[6].text
        await keys(pilot, "up")
        assert stage.selected == 6
        assert full in detail(app).replace("\n", " ")  # never shortened beside the lid
        await keys(pilot, "down")
        assert stage.selected == 7


@pilot
async def test_switch_groups_shared_and_blank(store, example):
    async with session_app(store, stage="lid", session=example) as (app, pilot):
        stage = app.screen.query_one(LidStage)
        await keys(pilot, "g")
        assert stage.group_id == GROUP_TWO and stage.content.labels[0] == "Time, location, and pace"
        await keys(pilot, "g")
        assert stage.group_id == GROUP_ONE  # round again
        await keys(pilot, "G")
        assert stage.group_id == GROUP_TWO
        await keys(pilot, "s")
        assert stage.which == "shared" and stage.content.labels[0] == "Time (2 of 2 groups)"
        assert "Group two: Time, location, and pace" in detail(app)
        await keys(pilot, "b")
        assert stage.which == "blank" and stage.selected is None
        assert len(stage.content.labels) == 12 and "blank lid" in detail(app)
        await keys(pilot, "right", "enter")  # nothing to select or edit on a blank lid
        assert stage.selected is None and "Nothing to edit" in notice(app)


@pilot
async def test_enter_edits_the_piece_through_an_op_and_undo_restores_it(store, example):
    async with session_app(store, stage="lid", session=example) as (app, pilot):
        stage = app.screen.query_one(LidStage)
        await keys(pilot, "right", "enter")
        assert isinstance(app.screen, PieceEditor)
        await keys(pilot, "end", "space", "t", "o", "o", "enter")
        assert store.load(example).find_piece(SHARED_PURPOSE)[1].text == "Shared purpose too"
        assert stage.content.labels[1] == "Shared purpose too" and stage.selected == 1
        assert isinstance(app.focused, LidView)
        await keys(pilot, "ctrl+z")
        assert store.load(example).find_piece(SHARED_PURPOSE)[1].text == "Shared purpose"


@pilot
async def test_enter_on_the_shared_lid_names_the_theme(store, example):
    async with session_app(store, stage="lid", session=example) as (app, pilot):
        await keys(pilot, "s", "enter")
        assert isinstance(app.screen, PromptScreen)
        await keys(pilot, "ctrl+u", *"Time and pace", "enter")
        assert store.load(example).theme("tc7ypc").name == "Time and pace"


@pilot
async def test_changes_from_elsewhere_keep_the_selected_piece(store, example):
    async with session_app(store, stage="lid", session=example) as (app, pilot):
        stage = app.screen.query_one(LidStage)
        await keys(pilot, "right", "right")  # No Hierarchy
        chosen = stage.content.ids[2]
        store.apply(example, AddPiece(GROUP_ONE, "Kindness", index=0))  # another person, another process
        store.apply(example, EditPiece(chosen, text="No hierarchy at all"))
        app.screen.controller.poll()
        await pilot.pause()
        assert stage.content.labels[0] == "Kindness"
        assert stage.content.ids[stage.selected] == chosen
        assert "No hierarchy at all" in detail(app)


@pilot
async def test_p_writes_the_pdf_beside_the_session_in_the_background(store, example):
    target = store.folder / f"{example}.pdf"
    async with session_app(store, stage="lid", session=example) as (app, pilot):
        await keys(pilot, "p")
        await workers_done(app)
        await pilot.pause()
        assert f"Wrote the PDF (A4): {target.name}" in notice(app)
        assert f"Wrote the PDF (A4): {target}" in app.screen.query_one(Notice).history

    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o077 == 0  # private, like the session file


@pilot
async def test_an_export_that_fails_says_so_in_one_line(store, example, monkeypatch):
    async with session_app(store, stage="lid", session=example) as (app, pilot):
        stage = app.screen.query_one(LidStage)
        from jigsaw_tui.ui import exports

        monkeypatch.setattr(exports, "export_path", lambda controller, fmt: store.folder / "nowhere" / "x.md")
        stage.export("md")
        await workers_done(app)
        await pilot.pause()
        assert "Cannot write" in notice(app) and "does not exist" in notice(app)


@pilot
async def test_a_session_with_no_groups_shows_the_blank_lid(store):
    from jigsaw_tui.core.model import new_session

    path = store.create(new_session("Empty"))
    async with session_app(store, stage="lid", session=path.stem) as (app, pilot):
        stage = app.screen.query_one(LidStage)
        assert stage.which == "blank"
        await keys(pilot, "g")
        assert "No groups yet" in notice(app)


# -- how it looks ------------------------------------------------------------------


def test_snapshot_group_lid_80x24(snap_compare, store, example):
    async def before(pilot):
        await open_lid(pilot)
        await keys(pilot, "g", "right", "right", "right")

    assert snap_compare(make_app(store, example), terminal_size=(80, 24), run_before=before)


def test_snapshot_ascii_shared_lid_80x24(snap_compare, store, example):
    async def before(pilot):
        await open_lid(pilot)
        await keys(pilot, "s", "right")

    assert snap_compare(make_app(store, example, ascii_only=True), terminal_size=(80, 24), run_before=before)


def test_snapshot_wide_with_detail_beside_120x40(snap_compare, store, example):
    async def before(pilot):
        await open_lid(pilot)
        await keys(pilot, "left", "left")

    assert snap_compare(make_app(store, example), terminal_size=(120, 40), run_before=before)


@pilot
async def test_the_palette_exports_from_any_stage(store, example):
    target = store.folder / f"{example}.md"
    # from Groups, not the Lid stage
    async with session_app(store, stage="groups", session=example) as (app, pilot):
        await keys(pilot, "ctrl+p", *"flash report", "enter")
        await workers_done(app)
        await pilot.pause()
        assert f"Wrote the flash report: {target.name}" in notice(app)

    assert target.read_text(encoding="utf-8").startswith("# Pieces which support effective networks")


@pilot
async def test_twelve_forty_character_pieces_are_whole_in_the_app_at_80x24(store):
    from jigsaw_tui.core.lid import layout_text_lid
    from jigsaw_tui.core.model import new_session

    session = new_session("Pieces which support effective networks", ["Group one"])
    labels = [f"Piece {i:2} has a label of forty characters" for i in range(12)]
    for text in labels:
        session = AddPiece(session.groups[0].id, text).apply(session)
    path = store.create(session)
    async with session_app(store, stage="lid", session=path.stem) as (app, pilot):
        view = app.screen.query_one(LidView)
        width, height = view.size
        assert width == 80 and height >= 16  # bar, heading, detail, notice, key bar take the rest
        layout = layout_text_lid(width, height, "Group one", labels)
        assert layout.mode == "circle" and layout.truncated == 0
        rows = [line.text for line in view.render_lines(view.size.region)]
        assert len(layout.boxes) == len(labels)
        for box in layout.boxes:  # each label whole, on one or two lines, where the layout put it
            assert " ".join(box.lines) == " ".join(labels[box.index].split())
            for n, line in enumerate(box.lines):
                assert line in rows[box.y + n]


@pilot
async def test_empty_group_and_no_themes_say_where_to_go(store):
    from jigsaw_tui.core.model import new_session

    path = store.create(new_session("New", ["Carers", "GPs"]))
    async with session_app(store, stage="lid", session=path.stem) as (app, pilot):
        stage = app.screen.query_one(LidStage)
        assert stage.which == "group" and stage.selected is None
        assert "No pieces yet" in detail(app)
        await keys(pilot, "right", "enter")
        assert stage.selected is None and "Nothing to edit" in notice(app)
        await keys(pilot, "s")
        assert stage.content.labels == () and "No themes yet" in detail(app)
