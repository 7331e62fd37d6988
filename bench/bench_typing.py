"""Every key lands where it was typed (issue 9): the full matrix, many runs, in real ptys.

Every stage that takes text (tests/e2e/typing_scenarios.py) is typed with every
chunking (one write, one per piece, one per key) and every gap (0, 5, 20, 50 ms),
`repeat` times, then again while saves are slow: with `strace` where it is installed
(fsync delayed 50 ms in the kernel's view of the process), else with fsync made 50 ms
slower inside the process. The figure is the number of runs whose session file is not
exactly what was typed; the reference beside it is the number of runs.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench.common import ROOT, Figure

sys.path.insert(0, str(ROOT))
from tests.e2e.terminal import Terminal  # noqa: E402
from tests.e2e.typing_scenarios import CHUNKINGS, GAPS_MS, SCENARIOS, run as run_one  # noqa: E402

GROUP = "Every key lands where it was typed (issue 9)"


def strace_command(args: list[str]) -> list[str] | None:
    """jigsaw under strace, every fsync delayed 50 ms as it enters the kernel."""
    strace = shutil.which("strace")
    if strace is None:
        return None
    return [strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync", "-e", "inject=fsync:delay_enter=50000",
            sys.executable, "-m", "jigsaw_tui.cli", *args]


class StracedTerminal(Terminal):
    def __init__(self, *args, env=None, argv=None, **kwargs):
        super().__init__(*args, env=env, argv=strace_command(list(args)), **kwargs)


def matrix(work: Path, repeat: int, slow: str) -> tuple[int, int, list[str]]:
    """(runs, wrong runs, what went wrong) for every scenario, chunking and gap."""
    runs = wrong = 0
    failures = []
    for name, scenario in SCENARIOS.items():
        for chunking in CHUNKINGS:
            for gap in (GAPS_MS if chunking != "all-at-once" else (0,)):
                for n in range(repeat):
                    folder = work / f"{slow}-{name}-{chunking}-{gap}-{n}" / "sessions"
                    kwargs = {}
                    if slow == "strace":
                        kwargs["terminal"] = StracedTerminal
                    elif slow == "in-process":
                        kwargs["slow_saves"] = True
                    try:
                        expected, actual, _ = run_one(scenario, folder, chunking, gap, **kwargs)
                        ok = expected == actual
                    except Exception as error:  # a run that hangs or crashes is a wrong run
                        ok, actual = False, repr(error)
                    runs += 1
                    if not ok:
                        wrong += 1
                        failures.append(f"{name} {chunking} {gap} ms ({slow}): {str(actual)[:120]}")
                    print(f"  {name:<12} {chunking:<12} {gap:>2} ms {slow:<10} {'ok' if ok else 'WRONG'}",
                          file=sys.stderr, flush=True)
    return runs, wrong, failures


def run(work: Path, repeat: int = 3) -> list[Figure]:
    figures = []
    slow_kind = "strace" if shutil.which("strace") else "in-process"
    for slow, label in (("", "saves as fast as the disk"), (slow_kind, f"every save ~100 ms slower ({slow_kind})")):
        runs, wrong, failures = matrix(work, repeat, slow)
        figures.append(Figure(
            GROUP, f"runs with a wrong session file, {label}", wrong, "runs", [("runs", runs)],
            target="0", max_value=0,
            note="; ".join(failures[:3]) or f"{len(SCENARIOS)} stages x {len(CHUNKINGS)} chunkings x gaps "
                 f"{', '.join(map(str, GAPS_MS))} ms x {repeat}"))
    return figures


QUICK = {"repeat": 1}
