"""The `jigsaw` command line: new, add, list, show; one-line errors with the right exit code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jigsaw_tui.cli import main


def test_new_add_show_list(run, store):
    code, out, _ = run("new", "Unpaid carers", "--group", "Carers", "--group", "GPs")
    assert code == 0 and out.strip() == str(store.folder / "unpaid-carers.toml")
    assert run("add", "unpaid-carers", "--group", "Carers", "Respite", "Being listened to")[0] == 0
    assert run("add", "unpaid-carers", "--group", "Social work", "Clear pathways")[0] == 0

    code, out, _ = run("show", "unpaid-carers", "--json")
    data = json.loads(out)
    assert [g["name"] for g in data["groups"]] == ["Carers", "GPs", "Social work"]
    assert [p["text"] for p in data["groups"][0]["pieces"]] == ["Respite", "Being listened to"]
    assert all(p["id"].startswith("p") for g in data["groups"] for p in g["pieces"])

    code, out, _ = run("show", "unpaid-carers")
    assert "Being listened to" in out and "2/12 pieces" in out

    code, out, _ = run("list", "--json")
    (row,) = json.loads(out)
    assert row["title"] == "Unpaid carers" and row["pieces"] == 3 and len(row["groups"]) == 3


def test_new_refuses_what_could_not_be_read_back_and_writes_nothing(run, store):
    groups = [arg for n in range(13) for arg in ("--group", f"G{n}")]
    code, _, err = run("new", "Too many", *groups)
    assert code == 1 and "at most 12 groups" in err
    code, _, err = run("new", "Long date", "--date", "x" * 100)
    assert code == 1 and "date" in err
    assert not store.folder.exists() or not list(store.folder.glob("*.toml"))
    assert run("new", "Dated", "--date", "\x1b[31m2026-03-01")[0] == 0
    assert store.load("dated").date == "2026-03-01"  # the escape is gone, and it reads back


def test_add_finds_a_group_typed_with_extra_spaces(run, store):
    run("new", "Spaced", "--group", "Group one")
    assert run("add", "spaced", "--group", "  Group   one ", "Trust")[0] == 0
    session = store.load("spaced")
    assert [g.name for g in session.groups] == ["Group one"]
    assert [p.text for p in session.groups[0].pieces] == ["Trust"]


def test_the_thirteenth_piece_is_refused_and_reported(run):
    run("new", "Full", "--group", "A", "--max-pieces", "2")
    code, out, err = run("add", "full", "--group", "A", "one", "two", "three")
    assert code == 1
    assert "Added 2 piece(s) to A: 2/2" in out
    assert "not added: 'three'" in err and "2 of 2 pieces" in err


def test_markup_is_printed_literally(run):
    run("new", "Markup", "--group", "A")
    run("add", "markup", "--group", "A", "[bold red]x[/] [link=http://e.x]y")
    _, out, _ = run("show", "markup")
    assert "[bold red]x[/] [link=http://e.x]y" in out


@pytest.mark.parametrize(
    "argv, code, message",
    [
        (["show", "../../etc/x"], 1, "is not a session name"),
        (["show", "nothing-here"], 1, "no session file"),
        (["add", "x", "piece"], 2, "--group"),
        (["new", "T", "--max-pieces", "0"], 1, "max pieces"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(run, argv, code, message):
    got, out, err = run(*argv)
    assert got == code
    assert message in err and err.count("\n") == 1 and err.startswith("jigsaw: ")


def test_list_survives_a_corrupt_file(run, store):
    run("new", "Good one")
    (store.folder / "bad.toml").write_text("schema_version = 99\ntitle = 'x'\n")
    code, out, _ = run("list")
    assert code == 0 and "Good one" in out and "bad  ! cannot be read" in out and "newer jigsaw" in out


def test_the_installed_command_prints_no_traceback(store):
    result = subprocess.run(
        [sys.executable, "-m", "jigsaw_tui.cli", "--sessions-dir", str(store.folder), "show", "missing"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr and "no session file" in result.stderr


def test_sessions_dir_from_the_environment(store, monkeypatch, capsys):
    monkeypatch.setenv("JIGSAW_SESSIONS_DIR", str(store.folder))
    assert main(["new", "From env"]) == 0
    assert (store.folder / "from-env.toml").exists()
