"""Each scenario reports one line (operations, faults injected, lost); they are shown at
the end of the run, passed or not, so they appear in CI output without `-s`."""

from __future__ import annotations

import pytest

_LINES: list[str] = []


@pytest.fixture
def report():
    """`report("8 writers x 50 ops, faults 0, lost 0")`: a summary line for this scenario."""
    return lambda line: _LINES.append("reliability: " + line)


def pytest_terminal_summary(terminalreporter):
    if _LINES:
        terminalreporter.section("reliability summary")
        for line in _LINES:
            terminalreporter.write_line(line)
