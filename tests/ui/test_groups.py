"""Group entry with Pilot at 80x24: type, Enter, saved; limits, paste, edit, undo."""

from __future__ import annotations

from jigsaw_tui.ui.stages.groups import GroupsStage, PieceColumn

from .tui_helpers import GROUP_ONE, GROUP_TWO, NAME, copy_example, notice, pilot, plain, session_app


def pieces(store, group_id=GROUP_ONE):
    return [p.text for p in store.load(NAME).group(group_id).pieces]


async def open_groups(pilot):  # (for test_key_bursts and test_keys_in_order)
    await pilot.press("f4")
    await pilot.pause()


def column(app, group_id=GROUP_ONE) -> PieceColumn:
    return next(c for c in app.screen.query(PieceColumn) if c.where == group_id)


@pilot
async def test_a_typed_piece_is_saved_on_enter_and_the_line_is_ready_again(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press(*"Listening", "enter")
        await pilot.pause()
        assert pieces(store)[-1] == "Listening"
        assert app.focused is column(app).capture and app.focused.value == ""
        assert "9/12" in str(column(app).query_one(".heading").render())


@pilot
async def test_empty_enter_and_double_enter_do_nothing(store):
    async with session_app(store, stage="groups") as (app, pilot):
        before = store.load(NAME)
        await pilot.press("enter", "enter", "space", "enter")
        await pilot.pause()
        assert store.load(NAME) == before
        assert app.screen.current == "groups"


@pilot
async def test_the_thirteenth_piece_is_refused_and_its_text_kept(store):
    async with session_app(store, stage="groups") as (app, pilot):
        for n in range(4):  # Group one has 8 of 12
            await pilot.press(*f"p{n}", "enter")
        await pilot.press(*"one too many", "enter")
        await pilot.pause()
        assert len(pieces(store)) == 12
        assert column(app).capture.value == "one too many"
        assert "12 of 12" in notice(app)
        assert "12/12 full" in str(column(app).query_one(".heading").render())


@pilot
async def test_pasting_twenty_lines_adds_up_to_the_limit_and_reports_the_rest(store):
    from textual import events

    from jigsaw_tui.ui.dialogs import MessageScreen

    async with session_app(store, stage="groups") as (app, pilot):
        lines = [f"Pasted {n}" for n in range(20)]
        column(app).capture.post_message(events.Paste("\n".join(lines)))
        await pilot.pause()
        await pilot.pause()
        assert pieces(store)[8:] == lines[:4]
        assert isinstance(app.screen, MessageScreen)
        body = str(app.screen.body)
        assert all(line in body for line in lines[4:])
        assert "16" in body
        await pilot.press("enter")  # close the list of lines not added
        await pilot.press("ctrl+z")  # one undo takes the whole paste back
        await pilot.pause()
        assert pieces(store)[8:] == []


@pilot
async def test_markup_and_escapes_are_shown_literally(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press(*"[bold]x[/bold] \\[red]", "enter")
        await pilot.pause()
        assert pieces(store)[-1] == "[bold]x[/bold] \\[red]"
        items = column(app).items
        prompt = items.get_option_at_index(items.option_count - 1).prompt
        assert plain(prompt) == " 9. [bold]x[/bold] \\[red]"


@pilot
async def test_edit_note_remove_and_reorder_from_the_list(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press("up")  # to the list, last piece highlighted
        assert app.focused is column(app).items
        await pilot.press("shift+up")
        await pilot.pause()
        assert pieces(store)[-2:] == ["Balance work, play, formal/informal activities",
                                      'Network oversight or leadership that can address challenges, help with '
                                      'conflicts, engagement of members, capturing decisions and "to dos"']
        await pilot.press("home", "e")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Time to talk", "enter")
        await pilot.pause()
        assert pieces(store)[0] == "Time to talk"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Said twice", "ctrl+s")
        await pilot.pause()
        assert store.load(NAME).group(GROUP_ONE).pieces[0].note == "Said twice"
        await pilot.press("d")
        await pilot.pause()
        assert "Time to talk" not in pieces(store)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert pieces(store)[0] == "Time to talk"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Time to talk" not in pieces(store)


@pilot
async def test_undo_redo_of_typed_pieces(store):
    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press(*"First", "enter", *"Second", "enter")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert pieces(store)[-1] == "First"
        assert "Undone" in notice(app)
        await pilot.press("ctrl+z", "ctrl+y")
        await pilot.pause()
        assert pieces(store)[-1] == "First"
        assert len(column(app).items.options) == 9


@pilot
async def test_one_group_at_a_time_at_80_columns_and_tab_moves_on(store):
    async with session_app(store, stage="groups") as (app, pilot):
        assert column(app, GROUP_ONE).display and not column(app, GROUP_TWO).display
        await pilot.press(*"half typed")
        await pilot.press("tab")
        await pilot.pause()
        assert column(app, GROUP_TWO).display and not column(app, GROUP_ONE).display
        await pilot.press(*"Belonging", "enter")
        await pilot.pause()
        assert pieces(store, GROUP_TWO)[-1] == "Belonging"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused.value == "half typed"


@pilot
async def test_hidden_groups_are_built_when_first_shown_with_their_drafts(store):
    from jigsaw_tui.core.ops import AddGroup, SetDraft
    from jigsaw_tui.ui.lines import CaptureInput

    copy_example(store)
    for n in range(3, 13):
        store.apply(NAME, AddGroup(f"Group {n}"))
    store.apply(NAME, SetDraft(GROUP_ONE, "left in group one", by="earlier"))
    store.apply(NAME, SetDraft(GROUP_TWO, "left in group two", by="earlier"))
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        assert len(app.screen.query(CaptureInput)) == 1  # one line for twelve groups
        assert app.focused is column(app, GROUP_ONE).capture and app.focused.value == "left in group one"
        assert store.load(NAME).draft(GROUP_TWO) == "left in group two"  # untouched meanwhile
        app.screen.keep_drafts()
        assert store.load(NAME).draft(GROUP_TWO) == "left in group two"
        await pilot.press("tab", *"!")  # a key right after Tab lands in the new line
        await pilot.pause()
        assert app.focused is column(app, GROUP_TWO).capture
        assert app.focused.value == "left in group two!"
        await pilot.resize_terminal(200, 24)  # wider: more columns shown, and built
        await pilot.pause()
        shown = [c for c in app.screen.query(PieceColumn) if c.display]
        assert len(shown) > 2 and all(c.query(CaptureInput) for c in shown)


@pilot
async def test_groups_side_by_side_when_wide(store):
    async with session_app(store, stage="groups", size=(160, 48)) as (app, pilot):
        assert column(app, GROUP_ONE).display and column(app, GROUP_TWO).display


@pilot
async def test_add_rename_and_remove_a_group(store):
    from jigsaw_tui.ui.dialogs import ConfirmScreen

    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press(*"Carers", "enter")
        await pilot.pause()
        session = store.load(NAME)
        carers = session.group_by_name("Carers")
        assert carers is not None
        assert app.focused is column(app, carers.id).capture
        new = column(app, carers.id)  # built once: one heading, one list, one line
        assert [type(w).__name__ for w in new.children] == ["Static", "PieceList", "Horizontal"]
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Unpaid carers", "enter")
        await pilot.pause()
        assert store.load(NAME).group(carers.id).name == "Unpaid carers"
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # Enter keeps it: only y removes
        await pilot.pause()
        assert store.load(NAME).group_by_name("Unpaid carers") is not None
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.load(NAME).group_by_name("Unpaid carers") is None
        assert len(app.screen.query_one(GroupsStage).columns()) == 2


@pilot
async def test_no_groups_says_what_to_do_and_keys_show(store):
    from jigsaw_tui.core.model import new_session

    store.create(new_session("Empty"), name=NAME)
    async with session_app(store, stage="groups", session=NAME) as (app, pilot):
        stage = app.screen.query_one(GroupsStage)
        assert "ctrl+g" in str(stage.query_one(".empty").render())
        assert app.focused is not None and stage in app.focused.ancestors
        await pilot.press("ctrl+g", *"Group A", "enter")
        await pilot.pause()
        await pilot.press(*"First piece", "enter")
        await pilot.pause()
        group = store.load(NAME).group_by_name("Group A")
        assert [p.text for p in group.pieces] == ["First piece"]


@pilot
async def test_the_list_looks_the_same_after_the_terminal_shrinks_and_grows_back(store):
    from jigsaw_tui.ui.widgets import ItemList

    def list_rows():
        items = column(app).query_one(ItemList)
        return [items.render_line(y).text.rstrip() for y in range(items.size.height)]

    async with session_app(store, stage="groups") as (app, pilot):
        await pilot.press("up")  # the list has the focus, as when a piece is being chosen
        await pilot.pause()
        before = list_rows()
        assert any("capturing decisions" in row for row in before)  # a piece that wraps at 40
        await pilot.resize_terminal(40, 12)
        for _ in range(3):
            await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert list_rows() == before


@pilot
async def test_a_list_that_no_longer_fits_scrolls_to_the_newest_piece(store):
    # group one holds 8 pieces, one of them over two rows
    async with session_app(store, stage="groups", size=(80, 16)) as (app, pilot):
        items = column(app).items
        for n in range(4):
            await pilot.press(*f"A longer piece number {n} that takes a good part of the row", "enter")
            await pilot.pause()
        await pilot.pause()
        assert items.option_count == 12
        assert items.max_scroll_y > 0 and items.scroll_y == items.max_scroll_y  # the newest in view
        assert pieces(store)[-1].endswith("number 3 that takes a good part of the row")
