"""TUI (issue 3): the app as a person over SSH meets it, from a real pty at 80x24 and 200x60.

Every figure stands beside the same figure for `bench/minimal_app.py` (Header, Input,
Footer: the least a Textual app with an input can be), measured in the same run, with
runs of the two apps interleaved so that a busy machine slows both alike.

What is measured, per app:
- start: exec to the first usable screen (all its `ready` texts on screen);
- bytes per typed character in the piece input (median), at 80x24 and at 200x60;
- idle bytes/s on the piece input (nothing changes on screen);
- a full repaint of the current screen (forced by a resize): the yardstick for a stage switch;
- jigsaw only: bytes for one stage switch, bytes/s while the meditation timer runs;
- peak resident memory (VmHWM) at the end of the run.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from bench.common import ROOT, Figure, child_env, median
from bench.ptyterm import PtyApp, output_parts, rows_drawn

GROUP = "TUI (issue 3)"
PIECE = "Trust and time to talk"  # typed a key at a time; not in the bench session
PAUSE_SECONDS = 3.0  # longer than the app's 2 s wait before it keeps a half-typed draft


@dataclass
class Driver:
    """How to start one app and reach each thing to measure (keys and what then shows)."""

    name: str
    argv: list[str]
    env: dict
    ready: tuple[str, ...]  # all on screen = first usable screen
    to_input: tuple[str, ...] = ()  # keys from the first screen to the piece input
    input_ready: tuple[str, ...] = ()  # on screen once there
    # Stage switches from the piece input, in turn: (label, keys, texts then on screen).
    stage_switches: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()
    meditation: tuple[str, ...] = ()  # keys that show the meditation with its timer running
    meditation_ready: tuple[str, ...] = ()
    quit: tuple[str, ...] = ("ctrl+q",)
    save: tuple[str, ...] = ()  # keys that save the typed piece (jigsaw only)
    prepare: Callable[[], object] | None = None  # run before each start: the same state every run


@dataclass
class Run:
    """What one run of one app measured; None where a step could not be reached."""

    start_s: float | None = None
    first_output_s: float | None = None  # imports and set-up done: the first byte on the terminal
    idle_bps: float | None = None
    typed_pause_bytes: int | None = None  # in the seconds after typing half a piece
    save_bytes: int | None = None  # for the Enter that saves the typed piece
    per_char: list[int] = field(default_factory=list)
    key_rows: list[tuple[int, ...]] = field(default_factory=list)  # rows each typed key redrew
    full_repaint: int | None = None
    switches: dict[str, bytes] = field(default_factory=dict)  # label -> what the switch wrote
    meditation_bps: float | None = None
    rss_mb: float | None = None
    problems: list[str] = field(default_factory=list)


def tui_env(sessions: Path) -> dict:
    """The user's environment minus anything that would change how either app draws."""
    env = child_env(TERM="xterm-256color", JIGSAW_SESSIONS_DIR=str(sessions))
    return {k: v for k, v in env.items() if k != "NO_COLOR" and not k.startswith("TEXTUAL")}


def minimal_driver(env: dict) -> Driver:
    from bench.minimal_app import READY_TEXT

    return Driver("minimal Textual app", [sys.executable, str(ROOT / "bench" / "minimal_app.py")], env,
                  ready=(READY_TEXT, "palette"), input_ready=(READY_TEXT,))


def jigsaw_driver(env: dict, sessions: Path) -> Driver:
    """Keys from the app's own bindings: F2..F7 are the stages (see jigsaw_tui/ui/stages)."""
    from bench.bench_cli import jigsaw_command

    return Driver(
        "jigsaw open", jigsaw_command() + ["open", "bench"], env,
        # A session with pieces opens on Groups, with the cursor in the piece input and its
        # keys at the bottom (as the minimal app's footer must show "palette").
        ready=("F4 Groups", "Shared purpose", "type a piece", "F1 help"), input_ready=("type a piece",),
        stage_switches=(("Groups -> Views, first visit", ("f3",), ("Why does this matter to us?",)),
                        ("Views -> Groups, a return", ("f4",), ("[F4 Groups]", PIECE))),
        meditation=("f2", "tab", "space"), meditation_ready=("Let's arrive", "0:5"),  # counting down
        save=("enter",),
        prepare=lambda: make_session(sessions),  # no draft or piece left by an earlier run
    )


def big_driver(env: dict, sessions: Path) -> Driver:
    """The same start with a session of twelve groups of twelve pieces (30 themes): a
    facilitator reopening a full session; one group is shown at 80x24."""
    from bench.bench_cli import jigsaw_command

    from bench.fixtures import big_session

    session = big_session()

    def prepare():
        from jigsaw_tui.core.store import Store

        sessions.mkdir(parents=True, exist_ok=True, mode=0o700)
        Store(sessions).save("big", session)

    first_piece = session.groups[0].pieces[0].text[:16]  # the pieces are on screen too
    return Driver("jigsaw open (12 groups)", jigsaw_command() + ["open", "big"], env,
                  ready=("F4 Groups", first_piece, "type a piece", "F1 help"), prepare=prepare)


def picker_driver(env: dict, work: Path) -> Driver:
    """`jigsaw` with no session: the list of sessions, in a folder of 500 of them."""
    from bench.bench_cli import jigsaw_command

    folder = work / "many-sessions"

    def prepare():
        if not folder.exists():
            from bench.fixtures import make_folder

            make_folder(folder, 500)

    return Driver("jigsaw (500 sessions)", jigsaw_command(), dict(env, JIGSAW_SESSIONS_DIR=str(folder)),
                  ready=("Jigsaw sessions", "pieces", "F1 help"), prepare=prepare)


def make_session(folder: Path) -> None:
    """`bench`: a session mid-way, as a facilitator reopens it: two groups, a few pieces."""
    from jigsaw_tui.core.model import new_session
    from jigsaw_tui.core.ops import AddPiece
    from jigsaw_tui.core.store import Store

    session = new_session("Bench session", ["Group one", "Group two"], date="2026-01-15")
    one, two = session.groups
    for group, text in ((one, "Shared purpose"), (one, "Time, location, and pace"), (two, "Common goal")):
        session = AddPiece(group.id, text).apply(session)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    Store(folder).save("bench", session)


def start(driver: Driver, cols: int, rows: int, run: Run) -> PtyApp | None:
    if driver.prepare:
        driver.prepare()
    app = PtyApp(driver.argv, cols, rows, driver.env)
    if app.wait_until(lambda: app.bytes_out > 0, 20.0):  # the app has imported and begun to draw
        run.first_output_s = app.last_output - app.started
    if not app.wait_until(lambda: all(t in app.text for t in driver.ready), 20.0):
        last = [line.strip() for line in app.screen.display if line.strip()][-1:] or ["(blank)"]
        run.problems.append(f"first screen never showed {driver.ready}; last line: {last[0][:100]}")
        app.close(driver.quit)
        return None
    run.start_s = app.last_output - app.started
    app.settle(timeout=1.0)  # short: a first screen that animates is never still
    return app


def reach(app: PtyApp, keys: tuple[str, ...], texts: tuple[str, ...], what: str, run: Run) -> bool:
    app.press(*keys)
    if app.wait_until(lambda: all(t in app.text for t in texts), 5.0):
        app.settle(timeout=2.0)
        return True
    run.problems.append(f"could not reach {what} (keys {keys}, looking for {texts})")
    return False


def type_piece(app: PtyApp, run: Run) -> None:
    try:
        outputs = app.type_measured(PIECE)
    except TimeoutError as error:
        run.problems.append(str(error).splitlines()[0])
        return
    run.per_char = [len(out) for out in outputs]
    run.key_rows = [tuple(rows_drawn(out)) for out in outputs]


def measure_full(driver: Driver, idle_seconds: float) -> Run:
    """One run at 80x24: start, idle, typing, full repaint, stage switch, meditation, memory."""
    run = Run()
    app = start(driver, 80, 24, run)
    if app is None:
        return run
    with app:
        if reach(app, driver.to_input, driver.input_ready, "the piece input", run):
            app.settle(0.3, timeout=1.0)  # a blinking cursor is never quiet for long
            run.idle_bps = app.bytes_during(idle_seconds) / idle_seconds
            type_piece(app, run)
            if run.per_char:  # the room pauses mid-piece: anything drawn now is on a timer
                run.typed_pause_bytes = app.bytes_during(PAUSE_SECONDS)
            save_piece(driver, app, run)
        for label, keys, texts in driver.stage_switches:
            app.record()
            if reach(app, keys, texts, label, run):
                run.switches[label] = app.record()
        app.resize(79, 24)
        app.settle()
        before = app.bytes_out
        app.resize(80, 24)
        app.settle()
        run.full_repaint = app.bytes_out - before
        if driver.meditation and reach(app, driver.meditation, driver.meditation_ready, "the meditation", run):
            run.meditation_bps = app.bytes_during(idle_seconds) / idle_seconds
        rss = app.peak_rss_kb()
        run.rss_mb = rss / 1024 if rss else None
        app.close(driver.quit)
    return run


def measure_typing(driver: Driver, cols: int, rows: int) -> Run:
    run = Run()
    app = start(driver, cols, rows, run)
    if app is None:
        return run
    with app:
        if reach(app, driver.to_input, driver.input_ready, "the piece input", run):
            type_piece(app, run)
            save_piece(driver, app, run)
        app.close(driver.quit)
    return run


def save_piece(driver: Driver, app: PtyApp, run: Run) -> None:
    """Enter after the typed piece: it goes into the list, the count and the line change."""
    if driver.save and run.per_char:
        app.record()
        app.press(*driver.save, quiet=0.3)
        run.save_bytes = len(app.record())


def measure_start(driver: Driver) -> Run:
    run = Run()
    app = start(driver, 80, 24, run)
    if app is not None:
        app.close(driver.quit)
    return run


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \| +([\w.]+)")


def import_times(driver: Driver, report: Path) -> dict[str, float]:
    """Milliseconds each module took to import (its own share) until the first screen.

    Textual draws on stderr, where `-X importtime` also writes, so both go to `report`:
    the app is given time to draw its first screen (its output stops growing), then quits.
    """
    argv = driver.argv[1:] if driver.argv[0] == sys.executable else driver.argv
    if driver.prepare:
        driver.prepare()
    with PtyApp([sys.executable, "-X", "importtime", *argv], 80, 24, driver.env, str(report)) as app:
        sizes = [-1]

        def still() -> bool:
            sizes.append(report.stat().st_size if report.exists() else 0)
            return sizes[-1] > 0 and sizes[-1] == sizes[-7 if len(sizes) > 7 else 0]

        app.wait_until(still, 10.0)  # checked every 0.05 s: still for 0.3 s
        app.close(driver.quit)
    text = report.read_text(errors="replace")
    return {m.group(2): int(m.group(1)) / 1000 for m in _IMPORT_LINE.finditer(text)}


def extra_imports(minimal: Driver, jigsaw: Driver, work: Path, count: int = 5) -> str:
    """What jigsaw imports before its first screen that the minimal app does not, by package."""
    base = import_times(minimal, work / "minimal.importtime")
    ours = import_times(jigsaw, work / "jigsaw.importtime")
    by_package: Counter = Counter()
    for name, ms in ours.items():
        if name not in base:
            by_package[".".join(name.split(".")[:2])] += ms
    total = sum(by_package.values())
    top = ", ".join(f"{name} {ms:.0f} ms" for name, ms in by_package.most_common(count))
    return f"imports not in the minimal app: {total:.0f} ms ({top})"


def first_screen_widgets(sessions: Path) -> str:
    """How many widgets each app's first screen holds (Textual's test harness, 80x24)."""
    import asyncio

    from bench.minimal_app import MinimalApp
    from jigsaw_tui.core.store import Store
    from jigsaw_tui.ui.app import JigsawApp

    async def count(app) -> int:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return len(app.screen.query("*"))

    make_session(sessions)
    try:
        ours = asyncio.run(count(JigsawApp(Store(sessions), "bench")))
        base = asyncio.run(count(MinimalApp()))
    except Exception as error:  # the app's constructor may change; this is only a hint
        return f"widgets not counted ({error!r:.60})"
    return f"first screen holds {ours} widgets (minimal app {base})"


# -- figures ------------------------------------------------------------------------------


def _median_of(runs: list[Run], attr: str) -> float | None:
    values = [getattr(r, attr) for r in runs if getattr(r, attr) is not None]
    return median(values) if values else None


def _median_chars(runs: list[Run]) -> float | None:
    sizes = [size for r in runs for size in r.per_char]
    return median(sizes) if sizes else None


def _rows_note(runs: list[Run]) -> str:
    """The rows a typed key most often redraws, e.g. '3 rows (rows 2, 3, 4)'."""
    rows = Counter(r for run in runs for r in run.key_rows)
    if not rows:
        return "?"
    common = rows.most_common(1)[0][0]
    if not common:
        return "no rows"
    if len(common) == 1:
        return f"1 row (row {common[0]})"
    return f"{len(common)} rows (rows {', '.join(map(str, common))})"


def _switch_note(drawn: bytes, own_repaint: float | None) -> str:
    """Which rows a switch redrew and where its bytes went; cells over 1x mean rows painted twice."""
    rows = len(rows_drawn(drawn))
    parts = output_parts(drawn)
    cells = parts["text"] + parts["spaces"]
    note = f"redraws {rows} of 24 rows"
    if rows:
        note += f", writing {cells:,} cells ({cells / (rows * 80):.1f}x those rows)"
    note += "; bytes: " + ", ".join(f"{what} {n:,}" for what, n in parts.items())
    note += "; reference: the minimal app's repaint after a resize"
    return note + (f" (jigsaw's: {own_repaint:,.0f} B)" if own_repaint else "")


def _why_missing(runs: list[Run]) -> str:
    problems = [p for r in runs for p in r.problems]
    return problems[0].splitlines()[0] if problems else "not reached"


def figures_from(minimal: dict[str, list[Run]], jigsaw: dict[str, list[Run]], repeat: int) -> list[Figure]:
    ref_name = "minimal Textual app"
    figures = []

    def add(name, unit, value, ref, target="", max_value=None, max_ratio=None, note="", runs=()):
        if value is None:
            note = f"not measured yet: {_why_missing(list(runs))}"
        refs = [(ref_name, ref)] if ref is not None else []
        figures.append(Figure(GROUP, name, value, unit, refs=refs, target=target,
                              max_value=max_value, max_ratio=max_ratio, note=note))

    starts = lambda runs: _median_of(runs, "start_s")
    ms = lambda s: s * 1000 if s is not None else None
    m_start, j_start = minimal["full"] + minimal["start"], jigsaw["full"] + jigsaw["start"]
    first = lambda runs: ms(_median_of(runs, "first_output_s"))
    split = ""
    if first(j_start) is not None and first(m_start) is not None and starts(j_start) and starts(m_start):
        split = (f"; first byte written at {first(j_start):.0f} ms (minimal app {first(m_start):.0f}), "
                 f"then {ms(starts(j_start)) - first(j_start):.0f} ms to a usable screen "
                 f"(minimal app {ms(starts(m_start)) - first(m_start):.0f})")
    add("cold start to first usable screen (80x24)", "ms", ms(starts(j_start)), ms(starts(m_start)),
        "<= 1.15x minimal app", max_ratio=1.15, note=f"median of {len(j_start)} starts{split}", runs=j_start)
    add("bytes per typed character, 80x24 (median)", "B", _median_chars(jigsaw["full"]),
        _median_chars(minimal["full"]), "<= 200 B", max_value=200, runs=jigsaw["full"],
        note=f"{len(PIECE)} keys x {repeat} runs; a key redraws {_rows_note(jigsaw['full'])} "
             f"(minimal app: {_rows_note(minimal['full'])})")
    add("bytes per typed character, 200x60 (median)", "B", _median_chars(jigsaw["wide"]),
        _median_chars(minimal["wide"]), "grows little with width", runs=jigsaw["wide"],
        note=f"a key redraws {_rows_note(jigsaw['wide'])} (minimal app: {_rows_note(minimal['wide'])})")
    narrow = _median_chars(jigsaw["full"])
    if figures[-1].value is not None and narrow:
        # "Grows little" read as: at most a quarter more than at 80x24.
        figures[-1].refs.append(("jigsaw at 80x24", narrow))
        figures[-1].target = "<= 1.25x the 80x24 figure (grows little with width)"
        figures[-1].max_value = 1.25 * narrow
    add("idle, on the piece input", "B/s", _median_of(jigsaw["full"], "idle_bps"),
        _median_of(minimal["full"], "idle_bps"), "0 B/s", max_value=0, runs=jigsaw["full"])
    add(f"bytes in a {PAUSE_SECONDS:.0f} s pause after typing (unsaved text)", "B",
        _median_of(jigsaw["full"], "typed_pause_bytes"), _median_of(minimal["full"], "typed_pause_bytes"),
        runs=jigsaw["full"], note="no target: anything drawn when the half-typed piece is kept as a draft")
    m_repaint = _median_of(minimal["full"], "full_repaint")
    for size, runs in (("80x24", jigsaw["full"]), ("200x60", jigsaw["wide"])):
        add(f"bytes to save a typed piece (Enter), {size}", "B", _median_of(runs, "save_bytes"),
            m_repaint, runs=runs,
            note="no target; reference: the minimal app's full repaint after a resize at 80x24")
    add("meditation timer running", "B/s", _median_of(jigsaw["full"], "meditation_bps"),
        _median_of(minimal["full"], "idle_bps"), "< 200 B/s", max_value=200, runs=jigsaw["full"],
        note="reference: the minimal app idle (its blinking cursor)")
    j_repaint = _median_of(jigsaw["full"], "full_repaint")
    for label, _keys, _texts in jigsaw_driver({}, Path()).stage_switches:
        drawn = [r.switches[label] for r in jigsaw["full"] if label in r.switches]
        value = median([len(d) for d in drawn]) if drawn else None
        add(f"one stage switch ({label})", "B", value, m_repaint, "<= one full repaint (the minimal app's)",
            max_ratio=1.0, runs=jigsaw["full"], note=_switch_note(drawn[0], j_repaint) if drawn else "")
    add("peak memory (RSS)", "MB", _median_of(jigsaw["full"], "rss_mb"), _median_of(minimal["full"], "rss_mb"),
        "<= 1.3x minimal app", max_ratio=1.3, runs=jigsaw["full"])
    return figures


def run(work: Path, repeat: int = 3, extra_starts: int = 4, idle_seconds: float = 3.0) -> list[Figure]:
    sessions = work / "sessions"
    env = tui_env(sessions)
    drivers = {"minimal": minimal_driver(env), "jigsaw": jigsaw_driver(env, sessions)}
    runs = {name: {"full": [], "wide": [], "start": []} for name in drivers}
    for _ in range(repeat):  # interleaved: a busy moment on the machine hits both apps
        for name, driver in drivers.items():
            runs[name]["full"].append(measure_full(driver, idle_seconds))
            runs[name]["wide"].append(measure_typing(driver, 200, 60))
    others = {"a session of 12 groups x 12 pieces": big_driver(env, sessions),
              "the list of sessions, 500 in the folder": picker_driver(env, work)}
    other_starts: dict[str, list[Run]] = {label: [] for label in others}
    for n in range(max(extra_starts, repeat)):
        for name, driver in drivers.items():
            if n < extra_starts:
                runs[name]["start"].append(measure_start(driver))
        for label, driver in others.items():
            other_starts[label].append(measure_start(driver))
    figures = figures_from(runs["minimal"], runs["jigsaw"], repeat)
    ref = _median_of(runs["minimal"]["full"] + runs["minimal"]["start"], "start_s")
    for at, (label, starts) in enumerate(other_starts.items(), 1):
        value = _median_of(starts, "start_s")
        figures.insert(at, Figure(
            GROUP, f"cold start, {label} (80x24)", value and value * 1000, "ms",
            refs=[("minimal Textual app", ref * 1000)] if ref else [], target="<= 1.15x minimal app",
            max_ratio=1.15, note=f"median of {len(starts)} starts" if value else
            f"not measured yet: {_why_missing(starts)}"))
    if figures[0].met is False:  # the start is slow: say which imports make it so
        figures[0].note += "; " + extra_imports(drivers["minimal"], drivers["jigsaw"], work)
        figures[0].note += "; " + first_screen_widgets(sessions)
    return figures


QUICK = {"repeat": 1, "extra_starts": 0, "idle_seconds": 1.0}
