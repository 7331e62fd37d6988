"""Run every benchmark and print each figure beside its references and target.

    sh bench/run.sh [--only cli,store,tui,core,typing,ssh] [--runs N] [--quick] [--json FILE] [--markdown FILE]

Everything is measured in one run on one machine: each figure is shown as a ratio of a
reference measured alongside it, because absolute times on a shared machine drift.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `jigsaw_tui` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import bench_cli, bench_core, bench_live, bench_semantic, bench_ssh_compression, bench_store, bench_tui, bench_typing  # noqa: E402
from bench.common import ROOT, Figure, combine_runs, format_markdown, format_report  # noqa: E402

def machine() -> str:
    """What the figures were measured on; load shows how busy the machine was."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} CPUs ({cpu}); "
            f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}")


SUITES = {"cli": bench_cli, "store": bench_store, "tui": bench_tui, "core": bench_core, "typing": bench_typing,
          "ssh": bench_ssh_compression, "semantic": bench_semantic, "live": bench_live}


def run_suites(chosen: list[str], quick: bool) -> list[Figure]:
    figures = []
    work = Path(tempfile.mkdtemp(prefix="jigsaw-bench-"))
    try:
        for name in chosen:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            suite_started = time.perf_counter()
            try:
                figures += SUITES[name].run(work / name, **(SUITES[name].QUICK if quick else {}))
            except Exception as error:  # one broken suite must not hide the others' figures
                figures.append(Figure(name, "the whole suite", None, "", note=f"failed: {error!r}"[:300]))
            print(f"  {name}: {time.perf_counter() - suite_started:.0f} s", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="jigsaw-tui benchmarks")
    parser.add_argument("--only", default=",".join(SUITES), help="comma-separated: " + ",".join(SUITES))
    parser.add_argument("--runs", type=int, default=1, metavar="N",
                        help="repeat the whole run N times and report the median of each figure")
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a rough look, not for the README")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--markdown", metavar="FILE", help="also write the figures as a Markdown table")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SUITES]
    if unknown:
        parser.error(f"unknown suite(s): {', '.join(unknown)}")

    print(machine(), flush=True)
    # Measured programs run the checkout's code. Compile it first, as an installed copy is
    # (and as Python does on a first run unless PYTHONDONTWRITEBYTECODE is set): otherwise
    # every start would compile the project from source, which no user pays twice.
    compileall.compile_dir(str(ROOT / "jigsaw_tui"), quiet=1)
    started = time.perf_counter()
    runs = [run_suites(chosen, args.quick) for _ in range(max(1, args.runs))]
    figures = combine_runs(runs) if len(runs) > 1 else runs[0]
    print(format_report(figures))
    print(f"(whole run: {time.perf_counter() - started:.0f} s; load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    if args.json:
        Path(args.json).write_text(json.dumps([f.as_dict() for f in figures], indent=2) + "\n")
    if args.markdown:
        Path(args.markdown).write_text(format_markdown(figures) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
