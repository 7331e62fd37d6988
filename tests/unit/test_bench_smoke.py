"""The benchmarks must not rot: import them all and run the cheapest measurement once.

No timing is asserted here (that is bench/run.py's job); only that the code runs and
returns figures of the right shape.
"""

from __future__ import annotations

from bench import bench_cli, bench_core, bench_store, bench_tui, run  # noqa: F401
from bench.common import Figure, combine_runs, format_report, percentile
from bench.fixtures import big_session


def test_store_bench_runs_on_tiny_input(tmp_path):
    figures = bench_store.run(tmp_path, apply_count=3, list_files=3, list_repeat=1)
    assert [f.unit for f in figures] == ["ms", "ms", "ms"]
    for figure in figures:
        assert isinstance(figure, Figure)
        assert figure.value is not None and figure.value > 0
        assert figure.refs and all(value > 0 for _, value in figure.refs)
        assert figure.ratio() is not None
    assert "files" in figures[-1].name
    assert "Store (issue 2)" in format_report(figures)


def test_large_session_has_the_size_the_targets_speak_of():
    session = big_session()
    assert len(session.groups) == 12
    assert {len(g.pieces) for g in session.groups} == {12}
    assert len(session.themes) == 30


def test_a_missing_measurement_is_said_not_invented():
    figure = Figure("G", "thing", None, "ms", refs=[("ref", 2.0)], target="< 1 ms", max_value=1.0)
    assert figure.met is None and figure.ratio() is None
    assert "not measured yet" in format_report([figure])


def test_targets_and_percentiles():
    assert Figure("G", "x", 3.0, "ms", refs=[("r", 2.0)], max_ratio=1.15).met is False
    assert Figure("G", "x", 2.0, "ms", refs=[("r", 2.0)], max_ratio=1.15).met is True
    assert Figure("G", "x", 0.0, "B/s", refs=[("r", 0.0)], max_value=0).met is True
    assert percentile(range(1, 101), 0.95) == 95
    assert percentile([5.0], 0.5) == 5.0


def test_runs_combine_to_the_median_figure():
    runs = [[Figure("G", "x", value, "ms", refs=[("r", ref)], max_value=10.0)]
            for value, ref in ((5.0, 1.0), (30.0, 3.0), (7.0, 2.0))]
    (combined,) = combine_runs(runs)
    assert combined.value == 7.0 and combined.refs == [("r", 2.0)]
    assert combined.met is True and "3 runs" in combined.note


def test_terminal_output_is_split_into_rows_and_parts():
    from bench.ptyterm import key, output_parts, rows_drawn

    output = b"\x1b[22;3H\x1b[38;5;253mab c\x1b[0m\x1b[2;1H  "
    assert rows_drawn(output) == [2, 22]
    assert output_parts(output) == {"style": 15, "escapes": 13, "text": 3, "spaces": 3}
    assert key("ctrl+q") == b"\x11" and key("f3") == b"\x1bOR" and key("x") == b"x"
