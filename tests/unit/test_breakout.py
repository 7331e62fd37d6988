"""The breakout timer in the session: its ops and their undo, the file, older files."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone

import pytest
import tomli_w

from jigsaw_tui.core import op_codec
from jigsaw_tui.core.codec import FormatError, file_version, session_from_dict, session_to_dict
from jigsaw_tui.core.model import InvalidInput, breakout_seconds_left, new_session
from jigsaw_tui.core.ops import AddPiece, StartBreakout, StopBreakout, inverse
from jigsaw_tui.core.store import dumps

from ..conftest import EXAMPLE

START = "2025-03-04T10:30:00Z"


def fresh():
    return new_session("Breakouts", ["Group one", "Group two"])


def test_start_sets_the_end_from_the_moment_the_op_was_made():
    op, base = StartBreakout(10, START), fresh()
    session = op.apply(base)
    assert (session.breakout_ends, session.breakout_minutes) == ("2025-03-04T10:40:00Z", 10)
    # Applied again to a later file (the store re-reads it under the lock): the same end.
    later = AddPiece(base.groups[0].id, "Time").apply(base)
    assert op.apply(later).breakout_ends == "2025-03-04T10:40:00Z"


def test_a_new_start_while_one_runs_is_a_new_end():
    session = StartBreakout(10, START).apply(fresh())
    session = StartBreakout(3, "2025-03-04T10:35:00Z").apply(session)
    assert (session.breakout_ends, session.breakout_minutes) == ("2025-03-04T10:38:00Z", 3)


@pytest.mark.parametrize("minutes", [0, -5, 181, True, "10"])
def test_minutes_are_1_to_180(minutes):
    with pytest.raises(InvalidInput, match="1 to 180"):
        StartBreakout(minutes, START).apply(fresh())


def test_a_start_time_without_its_zone_is_refused():
    with pytest.raises(InvalidInput, match="not a time"):
        StartBreakout(10, "2025-03-04T10:30:00").apply(fresh())


def test_start_and_stop_each_undo_only_the_timer():
    before = fresh()
    started = StartBreakout(10, START)
    after = started.apply(before)
    undo = inverse(started, before, after)
    # Someone adds a piece meanwhile: undoing the start keeps it.
    theirs = AddPiece(after.groups[1].id, "Kindness").apply(after)
    undone = undo.apply(theirs)
    assert (undone.breakout_ends, undone.breakout_minutes) == ("", 0)
    assert [p.text for p in undone.groups[1].pieces] == ["Kindness"]

    stopped = StopBreakout().apply(after)
    assert (stopped.breakout_ends, stopped.breakout_minutes) == ("", 0)
    back = inverse(StopBreakout(), after, stopped).apply(stopped)
    assert (back.breakout_ends, back.breakout_minutes) == ("2025-03-04T10:40:00Z", 10)


def test_the_ops_and_their_undo_go_into_the_history_and_back():
    before = fresh()
    for op in (StartBreakout(10, START), StopBreakout()):
        after = op.apply(before)
        for stored in (op, inverse(op, before, after)):
            assert op_codec.decode(op_codec.encode(stored)) == stored
        before = after


def test_seconds_left_count_down_to_zero_and_stay_there():
    session = StartBreakout(10, START).apply(fresh())
    at = datetime(2025, 3, 4, 10, 33, 30, tzinfo=timezone.utc)
    assert breakout_seconds_left(session, at) == 6.5 * 60
    assert breakout_seconds_left(session, at + timedelta(hours=1)) == 0
    assert breakout_seconds_left(fresh(), at) == 0


def test_a_session_with_a_breakout_round_trips_as_version_3():
    session = StartBreakout(25, START).apply(fresh())
    text = dumps(session)
    assert 'breakout_ends = "2025-03-04T10:55:00Z"' in text and "breakout_minutes = 25" in text
    assert "schema_version = 3" in text and file_version(session) == 3
    assert session_from_dict(tomllib.loads(text)) == session


def test_a_file_without_a_breakout_is_written_byte_for_byte_as_before():
    """Stopped (or never started): no field, and the version of what the session holds,
    so an earlier jigsaw reads it, and the example file is what it always was."""
    original = EXAMPLE.read_text()
    session = session_from_dict(tomllib.loads(original))
    assert dumps(session) == original
    stopped = StopBreakout().apply(StartBreakout(10, START).apply(session))
    assert dumps(stopped) == original
    assert "breakout" not in dumps(fresh()) and file_version(fresh()) == 1


def test_an_end_in_another_zone_is_read_as_utc():
    data = session_to_dict(fresh()) | {"breakout_ends": "2025-03-04T11:40:00+01:00", "breakout_minutes": 10}
    assert session_from_dict(tomllib.loads(tomli_w.dumps(data))).breakout_ends == "2025-03-04T10:40:00Z"


@pytest.mark.parametrize("fields, message", [
    ({"breakout_ends": "2025-03-04T10:40:00Z"}, "go together"),
    ({"breakout_minutes": 10}, "go together"),
    ({"breakout_ends": "soon", "breakout_minutes": 10}, "breakout_ends: 'soon' is not a time"),
    ({"breakout_ends": "2025-03-04T10:40:00Z", "breakout_minutes": 500}, "breakout_minutes: .*1 to 180"),
    ({"breakout_ends": "2025-03-04T10:40:00Z", "breakout_minutes": "10"}, "should be a whole number"),
])
def test_a_broken_breakout_in_a_hand_edited_file_names_the_field(fields, message):
    data = session_to_dict(fresh()) | fields
    with pytest.raises(FormatError, match=message):
        session_from_dict(tomllib.loads(tomli_w.dumps(data)))
