"""The command line's rough edges (issue 13): options after the command, `export` with
no format, `--version`, shell completion, and what `suggest` says when it finds nothing."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from jigsaw_tui.cli import build_parser, main
from jigsaw_tui.cli.matching import nothing_found_message
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddPiece, Dismiss, MatchPieces

ROOT = Path(__file__).resolve().parents[2]


def jigsaw(*argv, capsys):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- global options after the command --------------------------------------------------


def test_sessions_dir_is_accepted_after_the_command(store, example, capsys):
    code, out, err = jigsaw("list", "--sessions-dir", str(store.folder), capsys=capsys)
    assert (code, err) == (0, "") and out.startswith("effective-networks ")
    code, out, _ = jigsaw("show", example, "--json", "--sessions-dir", str(store.folder), capsys=capsys)
    assert code == 0 and json.loads(out)["title"] == "Pieces which support effective networks"


def test_a_sessions_dir_given_before_the_command_is_not_clobbered(store, example, tmp_path, capsys):
    code, out, _ = jigsaw("--sessions-dir", str(store.folder), "list", "--json", capsys=capsys)
    assert code == 0 and [row["name"] for row in json.loads(out)] == ["effective-networks"]
    empty = tmp_path / "empty"
    code, out, _ = jigsaw("--sessions-dir", str(store.folder), "list", "--sessions-dir", str(empty), capsys=capsys)
    assert code == 0 and f"No sessions in {empty}" in out  # the later one wins


def commands(parser):
    """Every command's parser, nested ones (`links add`) included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                yield command
                yield from commands(command)


def test_every_command_takes_the_global_options():
    found = list(commands(build_parser()))
    assert len(found) >= 12
    for parser in found:
        (option,) = (a for a in parser._actions if "--sessions-dir" in a.option_strings)
        assert option.default is argparse.SUPPRESS, parser.prog


# -- export with no format ---------------------------------------------------------------


def test_export_with_no_format_writes_pdf_markdown_and_csv_beside_the_session(run, store, example):
    code, out, err = run("export", example)
    assert (code, err) == (0, "")
    paths = [store.folder / f"{example}.{suffix}" for suffix in ("pdf", "md", "csv")]
    lines = out.splitlines()  # each path on its own line (the CSV may come with its actions file)
    assert all(line.startswith("Wrote ") and Path(line[6:]).is_file() for line in lines)
    assert [line for line in lines if line[6:] in map(str, paths)] == [f"Wrote {path}" for path in paths]
    assert paths[0].read_bytes().startswith(b"%PDF")
    assert "Shared purpose" in paths[1].read_text() and "Shared purpose" in paths[2].read_text()
    assert not (store.folder / f"{example}.json").exists()


# -- --version --------------------------------------------------------------------------


def test_version_comes_from_the_package_metadata_without_loading_the_app():
    code = (
        "import sys\nfrom jigsaw_tui.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as done:\n    code = done.code\n"
        "print('HEAVY=' + ','.join(m for m in ('textual', 'fpdf', 'rapidfuzz') if m in sys.modules))\n"
        "sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"jigsaw {version('jigsaw-tui')}", "HEAVY="]


# -- shell completion ---------------------------------------------------------------------


@pytest.fixture
def on_path(tmp_path):
    """A `jigsaw` on PATH that runs this checkout, as the script calls it for session names."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "jigsaw").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m jigsaw_tui.cli "$@"\n')
    (bin_dir / "jigsaw").chmod(0o755)
    return dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT))


def complete(script: str, words: list[str], env: dict, cwd: Path) -> list[str]:
    """What bash's completion offers for the last of `words` (the one being typed)."""
    driver = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _jigsaw; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    path = cwd / "completion.bash"
    path.write_text(script)
    done = subprocess.run(["bash", "-c", driver, "bash", str(path), "jigsaw", *words],
                          capture_output=True, text=True, env=env, cwd=cwd, check=True)
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_commands_options_values_and_session_names(run, store, example, on_path, tmp_path):
    code, script, _ = run("completion", "bash")
    assert code == 0 and "complete -F _jigsaw jigsaw" in script
    where = ["--sessions-dir", str(store.folder)]
    assert complete(script, ["ex"], on_path, tmp_path) == ["export"]
    assert complete(script, [*where, "op"], on_path, tmp_path) == ["open"]
    assert complete(script, [*where, "open", ""], on_path, tmp_path) == [example]
    assert complete(script, ["show", *where, "eff"], on_path, tmp_path) == [example]  # after the command too
    assert complete(script, ["list", "--s"], on_path, tmp_path) == ["--sessions-dir"]
    assert complete(script, ["export", example, "--paper", ""], on_path, tmp_path) == ["A4", "A3", "letter"]
    assert "--no-animation" in complete(script, ["open", example, "--"], on_path, tmp_path)
    assert complete(script, ["add", example, "--group", ""], on_path, tmp_path) == []  # free text


def test_session_names_for_completion_are_the_files_in_the_folder(run, store, example):
    (store.folder / "not a session.txt").write_text("x")
    assert run("completion", "--sessions") == (0, f"{example}\n", "")


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_the_zsh_script_is_valid_zsh_and_loads(run, tmp_path):
    code, script, _ = run("completion", "zsh")
    assert code == 0 and "bashcompinit" in script
    path = tmp_path / "completion.zsh"
    path.write_text(script)
    done = subprocess.run(["zsh", "-f", "-c", f'source {path} && print -r -- "$_comps[jigsaw]"'],
                          capture_output=True, text=True, env=dict(os.environ, HOME=str(tmp_path)))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "_jigsaw" in done.stdout  # registered with zsh's own completion system


def test_completion_without_a_shell_is_a_usage_error(run):
    code, _, err = run("completion")
    assert code == 2 and "jigsaw completion bash" in err


# -- what suggest says when it finds nothing ----------------------------------------------


def two_groups(*texts_per_group):
    session = new_session("Unrelated", ["Group one", "Group two"])
    ids = []
    for group, texts in zip(session.groups, texts_per_group):
        for text in texts:
            op = AddPiece(group.id, text)
            session = op.apply(session)
            ids.append(op.id)
    return session, ids


def test_suggest_says_nothing_was_found_when_nothing_is_settled_or_dismissed(store, capsys):
    session, _ = two_groups(["Apples"], ["Zebra crossings"])
    store.save("unrelated", session)
    code, out, _ = jigsaw("--sessions-dir", str(store.folder), "suggest", "unrelated", capsys=capsys)
    assert code == 0
    assert "theme already" not in out and "dismissed." not in out
    assert out.startswith("No likely matches found: no two pieces of different groups have enough in common")
    assert "no piece is in a theme yet, and no suggestion was dismissed" in out


def test_the_message_counts_what_is_settled_and_dismissed():
    session, (a, b, c, d) = two_groups(["Apples", "Pears"], ["Zebra crossings", "Traffic lights"])
    themed = MatchPieces((a, c), name="x").apply(session)
    text = nothing_found_message(themed, "s", None)
    assert "among the pieces still open (2 of 4 pieces are in 1 theme)" in text and "--top 3" in text
    both = Dismiss(b, d).apply(themed)
    assert "(2 of 4 pieces are in 1 theme and 1 suggested pair was dismissed)" in nothing_found_message(both, "s", 2)
    assert "(1 suggested pair was dismissed)" in nothing_found_message(Dismiss(b, d).apply(session), "s", None)
    settled = MatchPieces((b, d), name="y").apply(themed)
    assert nothing_found_message(settled, "s", None) == (
        "Nothing left to suggest: all 4 pieces are in themes already (2 themes).")


def test_the_message_says_when_only_one_group_has_pieces():
    session, _ = two_groups(["Apples"], [])
    assert "1 group has pieces so far" in nothing_found_message(session, "s", None)
