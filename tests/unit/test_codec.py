"""The TOML file: lossless round-trip, and clear errors for files jigsaw cannot take."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from jigsaw_tui.core.codec import FormatError, session_from_dict, session_to_dict
from jigsaw_tui.core.store import dumps

from .test_ops import histories

from ..conftest import EXAMPLE


@settings(max_examples=100, deadline=None)
@given(histories())
def test_any_session_made_by_ops_survives_save_and_load(steps):
    for _, _, session in steps:
        assert session_from_dict(tomllib.loads(dumps(session))) == session


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_any_piece_text_round_trips_once_cleaned(text):
    from jigsaw_tui.core.model import InvalidInput, new_session
    from jigsaw_tui.core.ops import AddPiece

    s = new_session("T", ["G"])
    try:
        s = AddPiece(s.groups[0].id, text).apply(s)
    except InvalidInput:
        return  # only-control-character text is refused, which other tests cover
    assert session_from_dict(tomllib.loads(dumps(s))) == s


def example_dict():
    return tomllib.loads(EXAMPLE.read_text())


def test_example_round_trips_to_the_same_dict():
    data = example_dict()
    assert session_to_dict(session_from_dict(data)) == data


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.pop("schema_version"), "schema_version is missing"),
        (lambda d: d.pop("title"), "title is missing"),
        (lambda d: d["groups"][0]["pieces"][0].pop("text"), r"groups\[0\].pieces\[0\].text is missing"),
        (lambda d: d.update(schema_version=99), "newer jigsaw"),
        (lambda d: d.update(schema_version="1"), "should be a whole number"),
        (lambda d: d.update(colour="red"), "colour is not a field"),
        (lambda d: d["themes"][0].update(kind="similar"), "'same', 'overlap' or 'related'"),
        (lambda d: d["themes"][0]["pieces"].append("pnope"), "does not exist"),
        (lambda d: d["groups"][1]["pieces"][0].update(id=d["groups"][0]["pieces"][0]["id"]), "used twice"),
        (lambda d: d["settings"].update(max_pieces=0), "max_pieces"),
        (lambda d: d["groups"][0]["pieces"][0].update(text="x" * 5000), "limit is 200"),
        (lambda d: d["groups"][1].update(name="group ONE"), "same name"),
    ],
)
def test_bad_files_name_the_problem(change, message):
    data = example_dict()
    change(data)
    with pytest.raises(FormatError, match=message):
        session_from_dict(tomllib.loads(tomli_w.dumps(data)))


def test_hand_edited_control_characters_are_removed_on_load():
    data = example_dict()
    data["groups"][0]["pieces"][0]["text"] = "Ti\x1b[2Jme\x07"
    assert session_from_dict(data).groups[0].pieces[0].text == "Time"
