from jigsaw_tui.core.store import read_file

from ..conftest import EXAMPLE


def test_example_session_has_the_seed_groups_and_themes():
    session = read_file(EXAMPLE)
    assert [g.name for g in session.groups] == ["Group one", "Group two"]
    assert session.piece_count() == 19
    assert {t.name for t in session.themes} >= {"Time", "Shared purpose"}
