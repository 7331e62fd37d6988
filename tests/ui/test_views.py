"""Shared views: quick answers under each open question; questions editable."""

from __future__ import annotations

from jigsaw_tui.ui.stages.columns import AnswerColumn

from .tui_helpers import NAME, pilot, session_app

FIRST, SECOND = "ve9fva", "v4zuvr"  # ids fixed in the example


def answers(store, view_id):
    return list(store.load(NAME).view(view_id).answers)


@pilot
async def test_answers_are_captured_under_the_current_question(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f3", *"Learning from each other", "enter")
        await pilot.pause()
        assert answers(store, FIRST)[-1] == "Learning from each other"
        await pilot.press("tab", *"Too many meetings", "enter")
        await pilot.pause()
        assert answers(store, SECOND)[-1] == "Too many meetings"


@pilot
async def test_edit_remove_and_move_an_answer(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f3", "up")  # last answer
        await pilot.press("shift+up")
        await pilot.pause()
        assert answers(store, FIRST)[-2] == "Finding innovative ideas and viewpoints"
        await pilot.press("e", "ctrl+u", *"Ideas", "enter")
        await pilot.pause()
        assert answers(store, FIRST)[-2] == "Ideas"
        await pilot.press("d")
        await pilot.pause()
        assert "Ideas" not in answers(store, FIRST)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Ideas" in answers(store, FIRST)


@pilot
async def test_add_edit_and_remove_a_question(store):
    async with session_app(store) as (app, pilot):
        await pilot.press("f3", "ctrl+g", *"What would help?", "enter")
        await pilot.pause()
        views = store.load(NAME).views
        assert views[-1].question == "What would help?"
        column = app.focused.parent.parent
        assert isinstance(column, AnswerColumn) and column.where == views[-1].id
        await pilot.press("ctrl+r", "ctrl+u", *"What would help most?", "enter")
        await pilot.pause()
        assert store.load(NAME).views[-1].question == "What would help most?"
        await pilot.press("f8", "y")
        await pilot.pause()
        questions = [v.question for v in store.load(NAME).views]
        assert "What would help most?" not in questions and len(questions) == 3
