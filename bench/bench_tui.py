"""TUI (issue 3): measured from a real pty against a minimal Textual app. Harness to come."""

from __future__ import annotations

from pathlib import Path

from bench.common import Figure, not_measured

QUICK: dict = {}


def run(work: Path) -> list[Figure]:
    return [not_measured("TUI (issue 3)", "cold start to first usable screen", "ms",
                         "<= 1.15x minimal app", "the pty harness is not written yet")]
