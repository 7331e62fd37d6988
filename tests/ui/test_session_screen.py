"""The session screen: stage keys, typed text kept, drafts, changes on disk, help, about."""

from __future__ import annotations

from jigsaw_tui import CREDIT
from jigsaw_tui.core.ops import AddPiece
from jigsaw_tui.ui.dialogs import MessageScreen
from jigsaw_tui.ui.notice import Notice
from jigsaw_tui.ui.session_screen import SessionScreen, StageBar
from jigsaw_tui.ui.stages.groups import PieceColumn

from .tui_helpers import GROUP_ONE, GROUP_TWO, NAME, copy_example, notice, pilot, plain, session_app, workers_done


def capture(app, group_id=GROUP_ONE):
    return next(c for c in app.screen.query(PieceColumn) if c.where == group_id).capture


@pilot
async def test_every_stage_is_one_key_and_the_bar_shows_where_you_are(store):
    async with session_app(store) as (app, pilot):
        order = ["meditation", "views", "groups", "themes", "lid", "actions"]
        for stage in order + ["meditation"]:  # and back from the last to the first
            number = order.index(stage) + 2
            await pilot.press(f"f{number}")
            await pilot.pause()
            assert app.screen.current == stage
            bar = str(app.screen.query_one(StageBar).render())
            assert f"[F{number} {stage.capitalize()}]" in bar


@pilot
async def test_moving_between_stages_keeps_typed_text(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f4", *"half a thought")
        await pilot.press("f3", *"an answer in progress", "f2", "f4")
        await pilot.pause()
        assert app.focused is capture(app)
        assert app.focused.value == "half a thought"
        await pilot.press("f3")
        await pilot.pause()
        assert app.focused.value == "an answer in progress"


@pilot
async def test_opens_where_there_are_pieces_and_at_meditation_when_new(store):
    from jigsaw_tui.core.model import new_session

    store.create(new_session("Fresh", ["A"]), name="fresh")
    async with session_app(store) as (app, _):
        assert app.screen.current == "groups"
    async with session_app(store, session="fresh") as (app, _):
        assert app.screen.current == "meditation"


@pilot
async def test_a_change_on_disk_shows_without_touching_typed_text(store):
    async with session_app(store) as (app, pilot):
        await pilot.press(*"still typing")
        store.apply(NAME, AddPiece(GROUP_ONE, "Added from the shell"))
        app.screen.controller.poll()
        await pilot.pause()
        column = next(c for c in app.screen.query(PieceColumn) if c.where == GROUP_ONE)
        labels = [plain(o.prompt) for o in column.items.options]
        assert labels[-1].endswith("Added from the shell")
        assert capture(app).value == "still typing"


@pilot
async def test_a_deleted_file_is_reported_and_ctrl_s_saves_it_again(store):
    async with session_app(store) as (app, pilot):
        store.path_for(NAME).unlink()
        app.screen.controller.poll()
        await pilot.pause()
        assert "deleted" in notice(app) and "ctrl+s" in notice(app)
        await pilot.press(*"typed while gone", "enter")
        await pilot.pause()
        assert capture(app).value == "typed while gone"  # refused, not lost
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.load(NAME).group(GROUP_ONE).pieces
        await pilot.press("enter")
        await pilot.pause()
        assert store.load(NAME).group(GROUP_ONE).pieces[-1].text == "typed while gone"


@pilot
async def test_half_typed_text_is_kept_as_a_draft_and_offered_back(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("tab", *"Psychological sa")
        await app.action_quit()
    assert store.load(NAME).draft(GROUP_TWO) == "Psychological sa"
    async with session_app(store, session=NAME) as (app, pilot):
        await pilot.pause()
        assert app.focused is capture(app, GROUP_TWO)  # back where typing was cut off
        assert app.focused.value == "Psychological sa"
        assert "half-typed" in notice(app)
        await pilot.press(*"fety", "enter")
        await pilot.pause()
    session = store.load(NAME)
    assert session.group(GROUP_TWO).pieces[-1].text == "Psychological safety"
    assert session.draft(GROUP_TWO) == ""


@pilot
async def test_hang_up_keeps_the_draft_and_exits(store):
    async with session_app(store) as (app, pilot):
        await pilot.press(*"cut off mid")
        app.hang_up()
        await pilot.pause()
    assert app.return_code == 0
    assert store.load(NAME).draft(GROUP_ONE) == "cut off mid"


@pilot
async def test_a_tiny_terminal_says_so_and_recovers(store):
    async with session_app(store) as (app, pilot):
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "Too small: 40x12" in notice(app)
        await pilot.press(*"still works", "enter")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert store.load(NAME).group(GROUP_ONE).pieces[-1].text == "still works"
        assert "fits again" in notice(app)


@pilot
async def test_help_lists_every_stage_and_key(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        body = plain(app.screen.body)
        for words in ("ctrl+z", "ctrl+y", "F2 ", "F7 ", "Groups stage", "ctrl+g",
                      "Meditation stage", "ctrl+q", "paste several lines", "Pieces list"):
            assert words in body, words
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


@pilot
async def test_question_mark_types_in_inputs_but_opens_help_elsewhere(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert capture(app).value == "?"
        await pilot.press("f2", "tab")  # the breathing guide has focus, not an input
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)


@pilot
async def test_about_credits_cope_scotland(store):
    async with session_app(store) as (app, pilot):
        app.action_about()
        await pilot.pause()
        assert CREDIT in str(app.screen.body)


@pilot
async def test_palette_has_stage_and_group_commands(store):
    async with session_app(store) as (app, pilot):
        from jigsaw_tui.ui.commands import commands_for

        titles = [c.title for c in commands_for(app, app.screen)]
        for title in ("Go to Groups", "Go to Lid", "Undo", "Redo", "Add group", "About", "Help"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to Views", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.current == "views"


@pilot
async def test_ctrl_c_does_not_quit_and_says_how(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f2", "ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert "ctrl+q" in notice(app)


@pilot
async def test_palette_exports_beside_the_session_file(store):
    from jigsaw_tui.ui.commands import commands_for

    async with session_app(store) as (app, pilot):
        (markdown,) = [c for c in commands_for(app, app.screen) if c.title == "Export flash report (Markdown)"]
        markdown.callback()
        await workers_done(app)
        await pilot.pause()
        written = store.folder / f"{NAME}.md"
        assert written.exists() and "COPE Scotland" in written.read_text()
        assert f"{NAME}.md" in notice(app)  # the name on the line, the whole path in the help
        assert f"Wrote the flash report: {written}" in app.screen.query_one(Notice).history


@pilot
async def test_ascii_mode_draws_without_non_ascii_symbols(store):
    async with session_app(store, ascii_only=True) as (app, pilot):
        await pilot.press("tab")  # Group two: its first piece has a note
        await pilot.pause()
        column = next(c for c in app.screen.query(PieceColumn) if c.where == GROUP_TWO)
        first = plain(column.items.get_option_at_index(0).prompt)
        assert first == " 1. Time, location, and pace [note]"
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query_one("MessageScreen > Vertical").styles.border_top[0] == "ascii"


@pilot
async def test_a_note_being_typed_when_the_link_drops_is_saved(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f4", "up", "n")  # the last piece's note, in the editor
        await pilot.pause()
        await pilot.press(*"half a thought")
        await pilot.pause()
        app.hang_up()
        await pilot.pause()
    assert app.return_code == 0
    assert store.load(NAME).group(GROUP_ONE).pieces[-1].note == "half a thought"


@pilot
async def test_ascii_mode_palette_and_scrollbars_are_plain_ascii(store):
    from jigsaw_tui.ui.ascii import AsciiScrollBarRender
    from jigsaw_tui.ui.dialogs.palette import Palette

    async with session_app(store, ascii_only=True) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, Palette)
        assert app.screen.query_one("Palette > Vertical").styles.border_top[0] == "ascii"
        await pilot.press(*"About")  # it still finds commands
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
    for position in (0, 3.3, 7.5, 30):  # a thumb anywhere (Textual's own has a glyph at 3.3)
        bar = AsciiScrollBarRender.render_bar(size=20, virtual_size=50, window_size=20, position=position)
        assert len(bar.segments) == 20 and all(segment.text.isascii() for segment in bar.segments)


def test_jigsaw_ascii_installs_the_ascii_scrollbars(store, monkeypatch):
    from textual.scrollbar import ScrollBar

    from jigsaw_tui.ui import app as app_module
    from jigsaw_tui.ui.ascii import AsciiScrollBarRender

    monkeypatch.setattr(ScrollBar, "renderer", ScrollBar.renderer)  # restored after the test
    monkeypatch.setattr(app_module.JigsawApp, "run", lambda self, **kwargs: None)
    copy_example(store)
    app_module.run_app(store, NAME, ascii_only=True)
    assert ScrollBar.renderer is AsciiScrollBarRender
