"""The `terminals` fixture: start `jigsaw` in pseudo-terminals, all ended after the test."""

from __future__ import annotations

import pytest

from .terminal import Terminal


@pytest.fixture
def terminals():
    opened = []

    def start(*args, **kwargs):
        terminal = Terminal(*args, **kwargs)
        opened.append(terminal)
        return terminal

    yield start
    for terminal in opened:
        terminal.close()
