"""Matching (issue 4), text lid and PDF (issue 5): filled in as those modules land."""

from __future__ import annotations

from pathlib import Path

from bench.common import Figure, not_measured

QUICK: dict = {}


def run(work: Path) -> list[Figure]:
    return [
        not_measured("Matching (issue 4)", "suggest(), 12 groups x 12 pieces", "ms", "< 50 ms",
                     "jigsaw_tui.matching is not there yet"),
        not_measured("Lid and PDF (issue 5)", "text lid render at 200x60", "ms", "< 20 ms",
                     "jigsaw_tui.lid is not there yet"),
        not_measured("Lid and PDF (issue 5)", "PDF export, 12 groups", "ms", "< 1000 ms",
                     "jigsaw_tui.export.pdf is not there yet"),
    ]
