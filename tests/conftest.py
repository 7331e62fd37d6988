"""Shared fixtures: a store in a temporary folder, and the example session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jigsaw_tui.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "effective-networks.toml"


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "sessions")


@pytest.fixture
def example(store) -> str:
    """The effective-networks example copied into the temporary store; returns its name."""
    store.folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, store.folder / EXAMPLE.name)
    return EXAMPLE.stem
