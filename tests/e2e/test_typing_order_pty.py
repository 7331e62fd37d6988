"""Every key lands where it was typed, in a real pseudo-terminal, however the link
delivers the keys: all in one write, one write per piece, one per key, with gaps, and
while every save is slow. The session file must hold exactly what was typed.

The full matrix (every gap for every chunking, many runs) is `bench/typing_order.py`;
here each stage gets every chunking, the gaps taken in turn so all of them are covered.
"""

from __future__ import annotations

import itertools

import pytest

from .terminal import Terminal
from .typing_scenarios import CHUNKINGS, GAPS_MS, SCENARIOS, chunks, keys_of, run

_gaps = itertools.cycle(GAPS_MS)
MATRIX = [(name, chunking, next(_gaps)) for name in SCENARIOS for chunking in CHUNKINGS]
SLOW = [("groups", chunking, 0) for chunking in CHUNKINGS] + [("prompts", "per-unit", 5)]


@pytest.mark.parametrize("name,chunking,gap_ms", MATRIX, ids=[f"{n}-{c}-{g}ms" for n, c, g in MATRIX])
def test_typed_text_is_saved_exactly(tmp_path, name, chunking, gap_ms):
    expected, actual, screen = run(SCENARIOS[name], tmp_path / "sessions", chunking, gap_ms)
    assert actual == expected, f"the screen at the end:\n{screen}"


@pytest.mark.parametrize("name,chunking,gap_ms", SLOW, ids=[f"{n}-{c}-{g}ms" for n, c, g in SLOW])
def test_typed_text_is_saved_exactly_while_saves_are_slow(tmp_path, name, chunking, gap_ms):
    expected, actual, screen = run(SCENARIOS[name], tmp_path / "sessions", chunking, gap_ms, slow_saves=True)
    assert actual == expected, f"the screen at the end:\n{screen}"


def test_chunkings_deliver_the_same_keys_in_the_same_order():
    units = ["Alpha\r", "\x1b[15~", "\t", "Beta\r"]
    assert keys_of("ab\x1b[15~\x1bOQc") == ["a", "b", "\x1b[15~", "\x1bOQ", "c"]
    for chunking in CHUNKINGS:
        assert "".join(chunks(units, chunking)) == "".join(units)
    assert len(chunks(units, "per-key")) == 13


def test_the_harness_sees_a_wrong_order(tmp_path):
    """The check can fail: keys typed into the wrong group are caught."""
    class Swapped(Terminal):
        def feed(self, writes, gap):
            text = "".join(writes).replace("Nurses piece 1", "Carers piece X", 1)
            super().feed([text], gap)

    expected, actual, _ = run(SCENARIOS["groups"], tmp_path / "sessions", "all-at-once", 0, terminal=Swapped)
    assert actual != expected
