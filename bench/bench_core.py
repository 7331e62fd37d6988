"""Matching (issue 4), the text lid and the PDF (issue 5): in-process, on the large session.

References, timed in the same run:
- matching: a plain fuzzy score (rapidfuzz token_set_ratio) of every cross-group pair;
- text lid: a Rich Table of the same labels rendered at the same size;
- PDF: the same texts as plain lines in an fpdf2 document with the same font family.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, Figure, child_env, hot_spots, median, time_calls
from bench.fixtures import big_session

MATCHING = "Matching (issue 4)"
LID = "Lid and PDF (issue 5)"


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
    from jigsaw_tui.core.matching import suggest

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
        "from jigsaw_tui.core.matching import suggest\nsuggest(s)"
    )
    figure = Figure(
        MATCHING, name, median(samples) * 1000, "ms",
        refs=[("rapidfuzz token_set_ratio of every cross-group pair", reference * 1000)],
        target="< 50 ms", max_value=50.0,
        note=f"median of {repeat} fresh sessions, {found} suggestions; first use in a new process "
             f"(import + call): {cold:.0f} ms",
    )
    if figure.met is False:
        figure.note += "; hot spots: " + hot_spots(lambda: suggest(big_session(seed=2000)))
    return [figure]


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
    from rich.table import Table

    from jigsaw_tui.core.lid import TextLid

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
        figure = Figure(
            LID, name + (" --ascii" if ascii_only else ""), render_ms(lid, 200, 60, repeat), "ms",
            refs=[("a Rich Table of the same labels", reference)], target="< 20 ms", max_value=20.0,
            note=f"median of {repeat}" if not ascii_only else "",
        )
        if figure.met is False:
            figure.note += ("; " if figure.note else "") + "hot spots: " + hot_spots(
                lambda: lid.lines(200, 60))
        figures.append(figure)
    return figures


# -- the PDF ------------------------------------------------------------------------------------


PLAIN_PDF = """
from fpdf import FPDF
from jigsaw_tui.export.pdf import font_path

def plain_pdf(session):
    pdf = FPDF(orientation="landscape")
    pdf.add_font("noto", fname=font_path())
    pdf.set_font("noto", size=14)
    for group in session.groups:
        pdf.add_page()
        pdf.multi_cell(0, 8, group.name + "\\n" + "\\n".join(p.text for p in group.pieces))
    return bytes(pdf.output())
"""


def bench_pdf(repeat: int) -> list[Figure]:
    names = ("PDF export, 12 groups: first in a new process", "PDF export, 12 groups: again",
             "PDF export, 12 groups: size")
    targets = ("< 1000 ms", "< 1000 ms", "< 500 KB")
    from jigsaw_tui.export.pdf import session_pdf

    session = big_session()
    plain: dict = {}
    exec(PLAIN_PDF, plain)
    made = session_pdf(session)  # the first call pays for imports and font loading
    plain_bytes = plain["plain_pdf"](session)
    again = median(time_calls(lambda: session_pdf(session), repeat)) * 1000
    plain_again = median(time_calls(lambda: plain["plain_pdf"](session), repeat)) * 1000
    setup = "from bench.fixtures import big_session\ns = big_session()\n_t = time.perf_counter()\n"
    first = median([cold_call_ms(setup + "from jigsaw_tui.export.pdf import session_pdf\nsession_pdf(s)")
                     for _ in range(repeat)])
    plain_first = median([cold_call_ms(setup + PLAIN_PDF + "plain_pdf(s)") for _ in range(repeat)])
    plain_ref = "the same texts as plain pages, same font (fpdf2)"
    figures = [
        Figure(LID, names[0], first, "ms", refs=[(plain_ref + ", new process", plain_first)],
               target=targets[0], max_value=1000.0,
               note=f"median of {repeat}; includes importing fpdf2 and loading the font"),
        Figure(LID, names[1], again, "ms", refs=[(plain_ref, plain_again)], target=targets[1], max_value=1000.0),
        Figure(LID, names[2], len(made) / 1024, "KB", refs=[(plain_ref, len(plain_bytes) / 1024)],
               target=targets[2], max_value=500.0, note=f"{_page_count(made)} pages"),
    ]
    if figures[1].met is False:
        figures[1].note = "hot spots: " + hot_spots(lambda: session_pdf(session))
    return figures


def _page_count(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def run(work: Path, repeat: int = 15) -> list[Figure]:
    work.mkdir(parents=True, exist_ok=True)
    return bench_matching(repeat) + bench_lid(repeat) + bench_pdf(max(3, repeat // 3))


QUICK = {"repeat": 2}
