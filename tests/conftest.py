"""Shared fixtures: a store in a temporary folder, and the example session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from jigsaw_tui.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "effective-networks.toml"

# Suggestions in these tests come from the word scorer, whose reasons the tests spell
# out; tests of the sentence model (tests/unit/test_semantic.py, ...) choose it
# themselves. Set before anything imports jigsaw, and inherited by the commands the
# end-to-end tests start.
os.environ.setdefault("JIGSAW_SCORER", "words")


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "sessions")


@pytest.fixture
def example(store) -> str:
    """The effective-networks example copied into the temporary store; returns its name."""
    store.folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, store.folder / EXAMPLE.name)
    return EXAMPLE.stem


@pytest.fixture
def run(store, capsys):
    """Run the `jigsaw` command in-process on the temporary store: (exit code, out, err)."""
    from jigsaw_tui.cli import main

    def run(*argv):
        code = main(["--sessions-dir", str(store.folder), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
