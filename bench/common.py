"""What every benchmark shares: a figure with its references and target, and timing helpers.

A figure is never printed alone: beside it stand one or more references measured in the
same run on the same machine, so a busy or slow machine moves both and the ratio holds.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_env(**extra: str) -> dict:
    """Environment for measured programs: they import jigsaw_tui from this same checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS", "LINES")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


@dataclass
class Figure:
    """One measured number, its references, and the target it is held to.

    `value` is None when the thing to measure does not exist yet: printed as
    "not measured yet", never as a made-up number.
    """

    group: str  # e.g. "CLI (issue 2)"
    name: str
    value: float | None
    unit: str  # "ms", "B", "B/s", "MB", "KB"
    refs: list[tuple[str, float]] = field(default_factory=list)  # (what, value in `unit`)
    target: str = ""  # for people, e.g. "< 250 ms" or "<= 1.15x minimal app"
    max_value: float | None = None  # absolute limit, in `unit`
    max_ratio: float | None = None  # limit on value / refs[0]
    min_value: float | None = None  # a floor, in `unit` (a share found right, say)
    note: str = ""

    def ratio(self, index: int = 0) -> float | None:
        if self.value is None or len(self.refs) <= index or not self.refs[index][1]:
            return None
        return self.value / self.refs[index][1]

    @property
    def met(self) -> bool | None:
        """True / False against the target; None when there is no target or no value."""
        if self.value is None or (self.max_value is None and self.max_ratio is None and self.min_value is None):
            return None
        if self.min_value is not None and self.value < self.min_value:
            return False
        if self.max_value is not None and self.value > self.max_value:
            return False
        if self.max_ratio is not None:
            ratio = self.ratio()
            if ratio is None:  # a zero reference: only a zero value can stay within a ratio
                return self.value == 0
            return ratio <= self.max_ratio
        return True

    def as_dict(self) -> dict:
        return {
            "group": self.group, "name": self.name, "value": self.value, "unit": self.unit,
            "refs": [{"what": w, "value": v, "ratio": self.ratio(i)} for i, (w, v) in enumerate(self.refs)],
            "target": self.target, "met": self.met, "note": self.note,
        }


# -- statistics -----------------------------------------------------------------


def median(values) -> float:
    return statistics.median(values)


def percentile(values, fraction: float) -> float:
    """Nearest-rank percentile: p95 of 300 samples is the 285th smallest."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def time_calls(function, repeat: int) -> list[float]:
    """Seconds taken by each of `repeat` calls of `function()`."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


# -- printing -------------------------------------------------------------------


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured yet"
    if unit in ("B", "B/s", "KB", "modules", "runs") or abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    if abs(value) >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def format_report(figures: list[Figure]) -> str:
    """A plain-text report that fits in 80 columns: one block per figure."""
    lines: list[str] = []
    group = None
    for fig in figures:
        if fig.group != group:
            group = fig.group
            lines += ["", f"== {group} =="]
        status = {True: "ok", False: "MISSED", None: ""}[fig.met]
        head = f"{fig.name}: {format_value(fig.value, fig.unit)}"
        tail = f"target {fig.target}  {status}".rstrip() if fig.target else status
        lines.append(f"{head}   [{tail}]" if tail else head)
        for i, (what, ref) in enumerate(fig.refs):
            ratio = fig.ratio(i)
            shown = f"{ratio:.2f}x" if ratio is not None else "-"
            lines.append(f"    {shown:>8} of {what} ({format_value(ref, fig.unit)})")
        if fig.note:
            lines.append(f"    note: {fig.note}")
    missed = [f for f in figures if f.met is False]
    pending = [f for f in figures if f.value is None]
    lines += ["", f"{len(figures)} figures, {len(missed)} targets missed, {len(pending)} not measured yet"]
    return "\n".join(lines)


def hot_spots(function, count: int = 3) -> str:
    """Where one call of `function()` spends its time, in the project's own code (cProfile)."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(function)
    stats = pstats.Stats(profile).stats  # (file, line, name) -> (calls, _, own s, cumulative s, _)
    ours = [(key, value) for key, value in stats.items() if "jigsaw_tui" in key[0]]
    ours.sort(key=lambda item: -item[1][2])
    return ", ".join(
        f"{Path(file).stem}.{name} {own * 1000:.0f} ms own in {calls:,} calls"
        for (file, _line, name), (calls, _prim, own, _cum, _callers) in ours[:count]
    )


def format_markdown(figures: list[Figure]) -> str:
    """The same figures as a Markdown table, for bench/README.md."""
    rows = ["| figure | measured | reference (same run) | ratio | target | |", "|---|---|---|---|---|---|"]
    for fig in figures:
        ref = f"{fig.refs[0][0]}: {format_value(fig.refs[0][1], fig.unit)}" if fig.refs else ""
        ratio = f"{fig.ratio():.2f}x" if fig.ratio() is not None else ""
        status = {True: "ok", False: "**MISSED**", None: ""}[fig.met]
        name = f"{fig.group.split(' (')[0]}: {fig.name}".replace("|", "/")
        rows.append(f"| {name} | {format_value(fig.value, fig.unit)} | {ref} | {ratio} | {fig.target} | {status} |")
    return "\n".join(rows)


def combine_runs(runs: list[list[Figure]]) -> list[Figure]:
    """One figure per measurement: the median over whole runs, with their spread in the note."""
    combined = []
    for same in zip(*runs):
        values = [f.value for f in same if f.value is not None]
        if not values:
            combined.append(same[0])
            continue
        middle = median(values)
        closest = min((f for f in same if f.value is not None), key=lambda f: abs(f.value - middle))
        refs = [(what, median([f.refs[i][1] for f in same if len(f.refs) > i]))
                for i, (what, _) in enumerate(closest.refs)]
        spread = f"{len(values)} runs: {format_value(min(values), closest.unit)} to " \
                 f"{format_value(max(values), closest.unit)}"
        note = f"{spread}; {closest.note}" if closest.note else spread
        combined.append(replace(closest, value=middle, refs=refs, note=note))
    return combined
