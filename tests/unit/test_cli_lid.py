"""`jigsaw lid`: lids printed in the terminal, plain text when piped."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_every_group_then_the_shared_lid(run, example):
    code, out, err = run("lid", example, "--width", "120")
    assert code == 0 and err == ""
    headings = [line for line in out.splitlines() if line.endswith(" - Pieces which support effective networks")]
    assert [h.split(" - ")[0] for h in headings] == [
        "Group one's lid (8 of 12 pieces)",
        "Group two's lid (11 of 12 pieces)",
        "Shared lid (4 themes named by two or more groups)",
    ]
    assert "\x1b" not in out  # not a terminal: no escape codes
    assert "Open Mindedness" in out and "Psychological" in out


def test_one_group_ascii_at_a_width(run, example):
    code, out, _ = run("lid", example, "--group", "group TWO", "--ascii", "--width", "100")
    assert code == 0 and out.isascii()
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "Common goal" in out and "Time" in out and "Trust" not in out


def test_shared_and_blank(run, example):
    _, out, _ = run("lid", example, "--shared")
    assert "Time (2 of 2 groups)" in out
    _, out, _ = run("lid", example, "--blank", "--width", "40")
    assert out.count("- ______________") == 12  # too narrow for a circle: a list


def test_a_long_title_never_wraps_the_heading(run, store):
    from jigsaw_tui.core.model import new_session

    path = store.create(new_session("A title " * 30, ["Carers"]))
    _, out, _ = run("lid", path.stem, "--width", "80")
    first = out.splitlines()[0]
    assert first.startswith("Carers' lid (0 of 12 pieces) - A title") and len(first) == 80
    assert first.endswith("…")


def test_a_session_without_groups_shows_the_blank_lid(run, store):
    from jigsaw_tui.core.model import new_session

    path = store.create(new_session("Just started", max_pieces=6))
    code, out, _ = run("lid", path.stem, "--width", "80")
    assert code == 0
    assert out.splitlines()[0] == "Blank lid (6 pieces to fill in) - Just started"
    assert out.count("______________") == 6


def test_unknown_group_is_one_clear_line(run, example):
    code, out, err = run("lid", example, "--group", "Nobody")
    assert code == 1 and out == ""
    assert err == "jigsaw: no group called 'Nobody' (groups: Group one, Group two)\n"


def test_lid_runs_without_textual(example, store):
    code = (
        "import sys\nfrom jigsaw_tui.cli import main\n"
        f"rc = main(['--sessions-dir', {str(store.folder)!r}, 'lid', {example!r}])\n"
        "sys.stdout.write('\\nHEAVY=' + ','.join(m for m in ('textual', 'fpdf') if m in sys.modules))\n"
        "sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("HEAVY=")


@pytest.mark.parametrize("width", ["19", "1001", "100000"])
def test_a_width_out_of_range_is_a_usage_error(run, example, width):
    code, out, err = run("lid", example, "--blank", "--width", width)
    assert code == 2 and out == ""
    assert "--width must be from 20 to 1000" in err


def test_printed_lids_credit_cope_scotland(run, example):
    from jigsaw_tui import CREDIT

    code, out, _ = run("lid", example, "--shared", "--width", "60")
    assert code == 0
    assert " ".join(out.split()).endswith(CREDIT)
    assert max(len(line) for line in out.splitlines()) <= 60
