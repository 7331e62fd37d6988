"""Benchmark: theme suggestions for 12 groups x 12 pieces (the most a session holds).

Run: .venv/bin/python bench/matching.py
Prints the time of a cold `suggest` (fresh process state, nothing cached), a warm one,
and their ratio to a reference measured in the same run (building the session's list
of cross-group pairs, the least any scorer must do), so numbers from different
machines can be compared. The goal: under 50 ms cold.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jigsaw_tui.model import new_session  # noqa: E402
from jigsaw_tui.ops import AddPiece  # noqa: E402

WORDS = ("trust time shared purpose common goal safety inclusion equity access accessible carers "
         "respite breaks money stigma community green space nature peer support training awareness "
         "crisis helpline hope listening voice funding housing transport cycling waste recycling "
         "emissions food sleep exercise friends family digital online leadership diversity").split()


def big_session(seed: int = 7):
    """Dense on purpose: pieces drawn from 45 words, so most pairs share a word."""
    rng = random.Random(seed)
    session = new_session("Twelve lids", [f"Group {n}" for n in range(1, 13)])
    for group in session.groups:
        for _ in range(12):
            text = " ".join(rng.sample(WORDS, rng.randint(1, 5))).capitalize()
            session = AddPiece(group.id, text).apply(session)
    return session


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def main() -> None:
    session = big_session()
    from jigsaw_tui import matching

    found, cold = timed(lambda: matching.suggest(session))
    _, warm = timed(lambda: matching.suggest(session))
    _, top3 = timed(lambda: matching.suggest(session, top=3))
    pairs, reference = timed(lambda: list(matching._cross_group_pairs(session)))
    print(f"suggest, 12 groups x 12 pieces, {len(pairs)} pairs, {len(found)} offered (dense worst case)")
    print(f"  first call, with imports and the word table: {cold * 1000:.1f} ms")
    print(f"  later calls: {warm * 1000:.1f} ms; with --top 3: {top3 * 1000:.1f} ms")
    print(f"  ratio to listing the pairs ({reference * 1000:.2f} ms): {warm / reference:.0f}x")
    print("  goal: under 50 ms")


if __name__ == "__main__":
    main()
