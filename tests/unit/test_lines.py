"""Where text is typed (core.model.Line): every kind of draft key names its stage, so a
session reopens where typing was cut off, whichever line that was."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jigsaw_tui.core.model import CHECKIN, STANDALONE_ACTIONS, Draft, Line
from jigsaw_tui.core.store import Store
from tests.conftest import EXAMPLE


@pytest.fixture
def session(tmp_path):
    store = Store(tmp_path)
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    return store.load(EXAMPLE.stem)


def test_every_kind_of_key_names_its_stage(session):
    assert Line.of(session, CHECKIN) == Line("meditation", CHECKIN)
    assert Line.of(session, session.views[0].id).stage == "views"
    assert Line.of(session, session.groups[1].id).stage == "groups"
    assert Line.of(session, session.themes[0].id).stage == "actions"
    assert Line.of(session, STANDALONE_ACTIONS).stage == "actions"
    assert Line.of(session, "gone0") is None  # e.g. a group removed since


@pytest.mark.parametrize("where, stage", [(CHECKIN, "meditation"), (STANDALONE_ACTIONS, "actions"),
                                          ("theme", "actions"), ("view", "views"), ("group", "groups")])
def test_a_session_reopens_where_a_draft_was_left(session, where, stage):
    from jigsaw_tui.ui.session_screen import SessionScreen

    key = {"theme": session.themes[0].id, "view": session.views[0].id, "group": session.groups[0].id}.get(where, where)
    drafted = replace(session, drafts=(Draft("gone0", "lost line"), Draft(key, "half a thought")))
    assert SessionScreen.pick_first_stage(drafted) == stage


def test_an_actions_when_reads_as_typed_when_it_says_how_itself():
    from jigsaw_tui.core.model import when_words

    assert when_words("1 March") == "by 1 March"
    assert when_words("before budget setting") == "before budget setting"  # not "by before ..."
    assert when_words("By Friday") == "By Friday"
    assert when_words("end of June") == "end of June"
