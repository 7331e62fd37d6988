"""The session picker: list, filter, open, new, copy as template, delete after confirming."""

from __future__ import annotations

from textual.widgets import OptionList

from jigsaw_tui.ui.dialogs import ConfirmScreen, PromptScreen
from jigsaw_tui.ui.dialogs.new_session import NewSessionScreen
from jigsaw_tui.ui.picker import PickerScreen
from jigsaw_tui.ui.session_screen import SessionScreen

from .tui_helpers import NAME, copy_example, make_app, notice, pilot, plain


def listed(app) -> list[str]:
    options = app.screen.query_one("#sessions", OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


@pilot
async def test_lists_sessions_and_shows_a_broken_file_with_its_error(store):
    copy_example(store)
    (store.folder / "broken.toml").write_text("title = [\n")
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, PickerScreen)
        assert sorted(listed(app)) == ["broken", NAME]
        options = app.screen.query_one("#sessions", OptionList)
        broken = str(options.get_option("broken").prompt)
        assert "cannot be read" in broken and "TOML" in broken
        example = str(options.get_option(NAME).prompt)
        assert "Pieces which support effective networks" in example and "19 pieces" in example


@pilot
async def test_type_to_filter_and_enter_opens(store):
    copy_example(store)
    copy_example(store, "another")
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"anoth")
        await pilot.pause()
        assert listed(app) == ["another"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.controller.ref == "another"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


@pilot
async def test_a_broken_file_does_not_open(store):
    (store.folder).mkdir(parents=True)
    (store.folder / "broken.toml").write_text("title = [\n")
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "cannot be read" in notice(app)


@pilot
async def test_new_session_form_creates_and_opens_it(store):
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "ctrl+n" in notice(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        await pilot.press("enter")  # no title yet: stays, moves on to the groups
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        assert "empty" in str(app.screen.query_one("#form-notice").render())
        await pilot.press("shift+tab", *"Unpaid carers", "enter", "ctrl+u", *"Carers; Nurses", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        session = app.screen.controller.session
        assert session.title == "Unpaid carers"
        assert [g.name for g in session.groups] == ["Carers", "Nurses"]
        assert app.screen.current == "meditation"


@pilot
async def test_copy_as_template_keeps_groups_and_questions_only(store):
    copy_example(store)
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")  # asks for the copy's title, the original's to change
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*" (copy)", "enter")
        await pilot.pause()
        copies = [n for n in listed(app) if n != NAME]
        assert len(copies) == 1
        copy = store.load(copies[0])
        original = store.load(NAME)
        assert [g.name for g in copy.groups] == [g.name for g in original.groups]
        assert [v.question for v in copy.views] == [v.question for v in original.views]
        assert copy.piece_count() == 0 and not copy.themes and not copy.checkin
        assert copy.title.endswith("(copy)")


@pilot
async def test_delete_needs_a_yes(store):
    copy_example(store)
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert store.path_for(NAME).exists()
        assert "Nothing deleted" in notice(app)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not store.path_for(NAME).exists()
        assert listed(app) == []


@pilot
async def test_new_session_groups_typed_replace_the_default_and_empty_gives_the_default(store):
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"First", "enter", *"Carers, Nurses", "enter")
        await pilot.pause()
        await pilot.pause()
        assert [g.name for g in app.screen.controller.session.groups] == ["Carers", "Nurses"]
        await pilot.press("ctrl+o", "ctrl+n")
        await pilot.pause()
        await pilot.press(*"Second", "enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.controller.session.title == "Second"
        assert [g.name for g in app.screen.controller.session.groups] == ["Group one", "Group two"]


@pilot
async def test_a_folder_of_many_sessions_lists_them_all_newest_first_and_keeps_the_cursor(store):
    import os

    from jigsaw_tui.core.model import new_session
    from jigsaw_tui.ui.picker import FIRST_READ

    count = FIRST_READ * 3
    for n in range(count):
        path = store.create(new_session(f"Session {n:02}", ["A"]), name=f"s{n:02}")
        os.utime(path, (1_700_000_000 + n, 1_700_000_000 + n))  # s00 oldest
    (store.folder / "zz-broken.toml").write_text("title = [\n")
    os.utime(store.folder / "zz-broken.toml", (1_600_000_000, 1_600_000_000))  # the oldest
    newest_first = [f"s{n:02}" for n in reversed(range(count))] + ["zz-broken"]
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()  # the older sessions are read in a thread
        await pilot.pause()
        assert listed(app) == newest_first
        await pilot.press("down", "down", "down")
        chosen = app.screen.selected().name
        assert chosen == newest_first[3]
        app.screen.reload()  # as when coming back from a session
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listed(app) == newest_first and app.screen.selected().name == chosen
        await pilot.press(*"zz")
        await pilot.pause()
        assert listed(app) == ["zz-broken"]  # the error of a file read in the thread shows too
        assert "cannot be read" in str(app.screen.query_one("#sessions", OptionList).get_option_at_index(0).prompt)


@pilot
async def test_back_from_a_session_the_list_shows_what_changed(store):
    copy_example(store)
    before = store.load(NAME).piece_count()
    app = make_app(store, session=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the only session
        await pilot.pause()
        await pilot.press(*"One more", "enter", "ctrl+o")
        await pilot.pause()
        label = plain(app.screen.query_one("#sessions", OptionList).get_option_at_index(0).prompt)
        assert f"{before + 1} pieces" in label
