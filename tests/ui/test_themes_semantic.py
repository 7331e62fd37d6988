"""The Themes stage with the sentence model: loaded in a worker when the stage first
opens (never at the app's start), a paraphrase suggested with the words behind it, and
the keys that need suggestions saying so while it loads."""

from __future__ import annotations

import threading

import pytest

from jigsaw_tui.core import matching
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddPiece
from jigsaw_tui.ui.stages.themes import ThemesStage

from .tui_helpers import keys, notice, pilot, session_app


@pytest.fixture
def paraphrases(store, monkeypatch):
    """A session whose only likely match shares no word; JIGSAW_SCORER unset, as for a user."""
    monkeypatch.delenv("JIGSAW_SCORER", raising=False)
    monkeypatch.setattr(matching, "_chosen", [])
    session = new_session("Getting about", ["Village hall", "Young farmers"])
    for group, texts in zip(session.groups, (["Lifts to appointments", "Fix the potholes"],
                                              ["Community transport", "A village choir"])):
        for text in texts:
            session = AddPiece(group.id, text).apply(session)
    return store.create(session)


async def until_ready(pilot, stage):
    for _ in range(400):  # the worker loads the model: a fraction of a second, more on a busy machine
        if not stage.state.loading:
            return
        await pilot.pause(0.02)
    raise AssertionError("the sentence model never finished loading")


@pilot
async def test_the_model_loads_only_when_themes_opens_then_suggests_a_paraphrase(store, paraphrases):
    async with session_app(store, stage="groups", session=paraphrases) as (app, pilot):
        assert not matching.scorer_chosen()  # the app started and showed a stage: no model yet
        await keys(pilot, "f5")
        stage = app.screen.query_one(ThemesStage)
        await until_ready(pilot, stage)
        line = str(app.screen.query_one("#suggestion").render())
        assert "Suggestion 1 of 1: Lifts to appointments (Village hall) ~ Community transport" in line
        assert "'lifts' ~ 'transport'" in line  # the words behind it
        assert matching.chosen_scorer()[0].name.startswith("sentence model")


@pilot
async def test_keys_that_need_suggestions_say_so_while_the_model_loads(store, paraphrases, monkeypatch):
    loaded = threading.Event()  # the model "loads" until the test says it is done
    real_choose = matching._choose
    monkeypatch.setattr(matching, "_choose", lambda: loaded.wait(30) and real_choose())
    async with session_app(store, stage="groups", session=paraphrases) as (app, pilot):
        await keys(pilot, "f5")
        stage = app.screen.query_one(ThemesStage)
        assert stage.state.loading
        assert "reading the pieces in the room's own words" in str(app.screen.query_one("#suggestion").render())
        await keys(pilot, "y")
        assert "on their way" in notice(app) and store.load(paraphrases).themes == ()  # nothing taken blindly
        await keys(pilot, "c")
        assert "on their way" in notice(app) and app.screen is stage.screen  # no dialog on nothing
        await keys(pilot, "space")  # picking works meanwhile
        assert stage.state.picked
        loaded.set()
        await until_ready(pilot, stage)
        await keys(pilot, "backspace", "y")
        assert len(store.load(paraphrases).themes) == 1
