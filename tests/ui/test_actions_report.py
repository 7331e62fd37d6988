"""The Actions stage's new keys: a ; stays in the words, t moves an action to another
theme, ctrl+r the reflections, ctrl+l the links (checked before the dialog closes)."""

from __future__ import annotations

from jigsaw_tui.core.ops import AddAction, AddLink
from jigsaw_tui.ui.dialogs.action_editor import ThemeChooser
from jigsaw_tui.ui.dialogs.report import LinkEditor, LinksScreen, ReflectionsEditor
from jigsaw_tui.ui.stages.actions import STANDALONE, ActionsStage

from .test_actions import PURPOSE_THEME, TIME_THEME, type_line
from .tui_helpers import keys, notice, pilot, session_app

CHARS = {" ": "space", ";": "semicolon", ":": "colon", "/": "slash", ".": "full_stop", "-": "minus",
         "@": "at", "\n": "enter", "?": "question_mark", "=": "equals_sign",
         "[": "left_square_bracket", "]": "right_square_bracket"}


async def type_text(pilot, text: str):
    await pilot.press(*[CHARS.get(c, c) for c in text])
    await pilot.pause()


@pilot
async def test_a_semicolon_stays_in_the_words_and_labels_are_said_back(store, example):
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await type_line(pilot, "Book the hall; tea; and biscuits")
        action = store.load(example).actions[-1]
        assert (action.text, action.owner, action.due) == ("Book the hall; tea; and biscuits", "", "")
        await type_line(pilot, "Ask the GP who: Sam when: May")
        action = store.load(example).actions[-1]
        assert (action.text, action.owner, action.due) == ("Ask the GP", "Sam", "May")
        assert "who: Sam; when: May" in notice(app)


@pilot
async def test_t_moves_an_action_to_another_theme_and_ctrl_z_moves_it_back(store, example):
    store.apply(example, AddAction("Write the purpose down", theme=TIME_THEME))
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        stage = app.screen.query_one(ActionsStage)
        await keys(pilot, "up", "t")
        assert isinstance(app.screen, ThemeChooser)
        await keys(pilot, "down", "enter")  # from T1 Time to T2 Shared purpose
        assert store.load(example).actions[0].theme == PURPOSE_THEME
        assert "Moved to Shared purpose" in notice(app)
        assert app.focused is stage.column(TIME_THEME).capture  # its list is empty now: typing
        await keys(pilot, "ctrl+z")
        assert store.load(example).actions[0].theme == TIME_THEME
        await keys(pilot, "up", "t", "end", "enter")  # the last choice: no theme at all
        assert store.load(example).actions[0].theme == ""
        assert STANDALONE in stage.keys(store.load(example))


@pilot
async def test_t_then_escape_changes_nothing(store, example):
    store.apply(example, AddAction("Stay", theme=TIME_THEME))
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await keys(pilot, "up", "t", "down", "escape")
        assert not isinstance(app.screen, ThemeChooser)
        assert store.load(example).actions[0].theme == TIME_THEME


@pilot
async def test_ctrl_r_writes_the_reflections_and_ctrl_z_takes_them_back(store, example):
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await keys(pilot, "ctrl+r")
        assert isinstance(app.screen, ReflectionsEditor)
        await type_text(pilot, "Shared purpose and common goal: the same.\n\n[bold]Trust[/bold] overlaps.")
        await keys(pilot, "ctrl+s")
        assert not isinstance(app.screen, ReflectionsEditor)
        assert store.load(example).reflections == (
            "Shared purpose and common goal: the same.\n\n[bold]Trust[/bold] overlaps.")
        await keys(pilot, "ctrl+z")
        assert store.load(example).reflections == ""


@pilot
async def test_reflections_too_long_stay_in_the_editor(store, example):
    from jigsaw_tui.core.model import MAX_REFLECTIONS_CHARS

    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await keys(pilot, "ctrl+r")
        editor = app.screen
        editor.query_one("#note").text = "x" * (MAX_REFLECTIONS_CHARS + 1)
        await keys(pilot, "ctrl+s")
        assert app.screen is editor  # not closed: what was typed is still there to shorten
        assert "limit" in str(editor.query_one(".problem").render())
        assert store.load(example).reflections == ""


@pilot
async def test_ctrl_l_adds_edits_moves_and_removes_links(store, example):
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LinksScreen)
        await keys(pilot, "a")
        assert isinstance(app.screen, LinkEditor)
        await type_text(pilot, "Slides")
        await keys(pilot, "tab")
        await type_text(pilot, "www.example.org/slides")
        await keys(pilot, "enter")
        editor = app.screen
        assert isinstance(editor, LinkEditor)  # refused, said in the dialog, text kept
        assert "https://" in str(editor.query_one(".problem").render())
        await keys(pilot, "home")
        await type_text(pilot, "https://")
        await keys(pilot, "enter")
        assert isinstance(app.screen, LinksScreen)
        assert [(k.title, k.url) for k in store.load(example).links] == [("Slides", "https://www.example.org/slides")]
        await keys(pilot, "a")
        await type_text(pilot, "Email")
        await keys(pilot, "tab")
        await type_text(pilot, "mailto:admin@example.org")
        await keys(pilot, "enter", "shift+up")
        assert [k.title for k in store.load(example).links] == ["Email", "Slides"]
        await keys(pilot, "down", "e")  # the cursor starts in the address: it has a title
        await type_text(pilot, " 2")
        await keys(pilot, "enter")
        assert "no spaces" in str(app.screen.query_one(".problem").render())
        await keys(pilot, "backspace", "backspace")
        await type_text(pilot, "?p=2")
        await keys(pilot, "enter")
        assert store.load(example).links[1].url == "https://www.example.org/slides?p=2"
        await keys(pilot, "d")
        assert [k.title for k in store.load(example).links] == ["Email"]
        await keys(pilot, "ctrl+z")
        assert [k.title for k in store.load(example).links] == ["Email", "Slides"]
        await keys(pilot, "q")
        assert not isinstance(app.screen, LinksScreen)


@pilot
async def test_links_are_shown_literally(store, example):
    store.apply(example, AddLink("https://example.org/[red]x[/red]", "[bold]Not markup[/bold]"))
    async with session_app(store, stage="actions", session=example) as (app, pilot):
        await keys(pilot, "ctrl+l")
        options = app.screen.query_one("LinkList")
        shown = str(options.get_option_at_index(0).prompt)
        assert "[bold]Not markup[/bold]" in shown and "https://example.org/[red]x[/red]" in shown
