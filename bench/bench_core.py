"""Matching (issue 4), the text lid and the PDF (issue 5): in-process, on the large session.

Each module is measured only once it exists; until then its figure says "not measured
yet". References, timed in the same run:
- matching: a plain fuzzy score (rapidfuzz token_set_ratio) of every cross-group pair;
- text lid: a Rich Table of the same labels rendered at the same size;
- PDF: the same texts as plain lines in an fpdf2 document with the same font family.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, Figure, child_env, median, not_measured, time_calls
from bench.fixtures import big_session

MATCHING = "Matching (issue 4)"
LID = "Lid and PDF (issue 5)"


def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def cold_call_ms(code: str) -> float:
    """Milliseconds for `code` in a fresh interpreter: imports and first call included."""
    timed = f"import time\n_t = time.perf_counter()\n{code}\nprint((time.perf_counter() - _t) * 1000)\n"
    done = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True, check=True,
                          env=child_env())
    return float(done.stdout.strip().splitlines()[-1])


# -- matching -----------------------------------------------------------------------------


def fuzzy_all_pairs(session) -> int:
    from rapidfuzz import fuzz

    hits = 0
    groups = session.groups
    for i, group in enumerate(groups):
        for other in groups[i + 1:]:
            for a in group.pieces:
                for b in other.pieces:
                    hits += fuzz.token_set_ratio(a.text, b.text) > 80
    return hits


def bench_matching(repeat: int) -> list[Figure]:
    name = "suggest(), 12 groups x 12 pieces, 30 themes"
    if not available("jigsaw_tui.matching"):
        return [not_measured(MATCHING, name, "ms", "< 50 ms", "jigsaw_tui.matching is not there yet")]
    from jigsaw_tui.matching import suggest

    # A fresh session for every call: no cache of an earlier call can help.
    sessions = [big_session(seed=seed) for seed in range(repeat)]
    suggest(big_session(seed=1000))  # imports and one-off tables, paid once per process
    samples, found = [], 0
    for session in sessions:
        start = time.perf_counter()
        found = len(suggest(session))
        samples.append(time.perf_counter() - start)
    reference = median(time_calls(lambda: fuzzy_all_pairs(sessions[0]), repeat))
    cold = cold_call_ms(
        "from bench.fixtures import big_session\ns = big_session()\n_t = time.perf_counter()\n"
        "from jigsaw_tui.matching import suggest\nsuggest(s)"
    )
    return [Figure(
        MATCHING, name, median(samples) * 1000, "ms",
        refs=[("rapidfuzz token_set_ratio of every cross-group pair", reference * 1000)],
        target="< 50 ms", max_value=50.0,
        note=f"median of {repeat} fresh sessions, {found} suggestions; first use in a new process "
             f"(import + call): {cold:.0f} ms",
    )]


# -- the text lid -----------------------------------------------------------------------------


def render_ms(renderable, width: int, height: int, repeat: int) -> float:
    """Median ms to render to terminal output at width x height, as the app's screen does."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, height=height, force_terminal=True,
                      color_system="256", legacy_windows=False)
    options = console.options.update_dimensions(width, height)
    return median(time_calls(lambda: list(console.render(renderable, options)), repeat)) * 1000


def bench_lid(repeat: int) -> list[Figure]:
    name = "text lid render at 200x60 (12 pieces)"
    if not available("jigsaw_tui.lid"):
        return [not_measured(LID, name, "ms", "< 20 ms", "jigsaw_tui.lid is not there yet")]
    from rich.table import Table

    from jigsaw_tui.lid import TextLid

    session = big_session()
    group = session.groups[0]
    labels = [p.text for p in group.pieces]
    table = Table(title=group.name)
    table.add_column("piece")
    for label in labels:
        table.add_row(label)
    reference = render_ms(table, 200, 60, repeat)
    figures = []
    for ascii_only in (False, True):
        lid = TextLid(group.name, labels, selected=0, ascii_only=ascii_only)
        figures.append(Figure(
            LID, name + (" --ascii" if ascii_only else ""), render_ms(lid, 200, 60, repeat), "ms",
            refs=[("a Rich Table of the same labels", reference)], target="< 20 ms", max_value=20.0,
            note=f"median of {repeat}" if not ascii_only else "",
        ))
    return figures


# -- the PDF ------------------------------------------------------------------------------------


def bench_pdf(work: Path, repeat: int) -> list[Figure]:
    names = ("PDF export, 12 groups: time", "PDF export, 12 groups: size")
    if not available("jigsaw_tui.export.pdf"):
        why = "jigsaw_tui.export.pdf is not there yet"
        return [not_measured(LID, names[0], "ms", "< 1000 ms", why),
                not_measured(LID, names[1], "KB", "< 500 KB", why)]
    raise NotImplementedError  # written against the module's API once it lands


def run(work: Path, repeat: int = 15) -> list[Figure]:
    work.mkdir(parents=True, exist_ok=True)
    return bench_matching(repeat) + bench_lid(repeat) + bench_pdf(work, max(3, repeat // 3))


QUICK = {"repeat": 2}
