"""NO_COLOR=1: the real `jigsaw` in a pseudo-terminal sends no colour escape at all (bold,
underline and reverse stay: they mark the current stage, group and row), with TERM set
to xterm-256color or to plain xterm. Without NO_COLOR it does send colour (the check
can fail). The terminal's title is the session's."""

from __future__ import annotations

import os
import re
import select

import pytest

from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store

from .terminal import Terminal

F1, F4, F6, CTRL_Q = "\x1bOP", "\x1bOS", "\x1b[17~", "\x11"


class RawTerminal(Terminal):
    """A Terminal that also keeps every byte the program sent."""

    def __init__(self, *args, **kwargs):
        self.raw = bytearray()
        super().__init__(*args, **kwargs)

    def read(self, timeout: float = 0.05) -> None:
        while select.select([self.fd], [], [], timeout)[0]:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.raw.extend(data)
            self.stream.feed(data)
            timeout = 0


def colour_escapes(raw: bytes) -> list[bytes]:
    """SGR sequences that set a colour: 30-49 (39/49 included), 90-107, 38/48/58 (256, RGB)."""
    found = []
    for params in re.findall(rb"\x1b\[([0-9;:]*)m", raw):
        codes = [int(p or 0) for p in params.replace(b":", b";").split(b";")]
        if any(30 <= c <= 49 or 90 <= c <= 107 or c == 58 for c in codes):
            found.append(params)
    return found


def run(folder, env: dict) -> RawTerminal:
    term = RawTerminal("--sessions-dir", str(folder), "open", "nc", env=env)
    try:
        term.wait_for("[F2 Meditation]")
        for key, words in ((F4, "Group one"), (F1, "Keys (F1)"), ("q", "[F4 Groups]"), (F6, "[F6 Lid]")):
            term.send(key)
            term.wait_for(words)
        term.send(CTRL_Q)
        assert term.wait_exit() == 0
    finally:
        term.close()
    return term


@pytest.fixture
def folder(tmp_path):
    store = Store(tmp_path / "sessions")
    store.create(new_session("Loneliness in older people", ["Group one", "Group two"]), name="nc")
    return store.folder


@pytest.mark.parametrize("term_name", ["xterm-256color", "xterm"])
def test_no_color_sends_no_colour_escape(folder, term_name):
    term = run(folder, {"NO_COLOR": "1", "TERM": term_name})
    assert colour_escapes(bytes(term.raw)) == []
    assert re.search(rb"\x1b\[[0-9;]*7[;m]", bytes(term.raw))  # reverse video is still there


def test_colour_without_no_color_and_the_title_on_the_terminal(folder, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)  # (the child has this environment)
    term = run(folder, {"TERM": "xterm-256color"})
    assert colour_escapes(bytes(term.raw))  # (so the check above can fail)
    assert b"\x1b]2;jigsaw: Loneliness in older people\x07" in term.raw
