"""CLI (issue 2): process time of `jigsaw list` / `jigsaw show`, and what they import.

References, timed in the same run and interleaved with the commands so that a busy
machine slows all of them alike: `python -c pass` (the interpreter's own start) and
`python -c "import rich"` (start plus one well-known library).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Figure, child_env, median
from bench.fixtures import make_folder, make_store

GROUP = "CLI (issue 2)"
# Modules that `list` and `show` have no use for: each costs start-up time over SSH.
HEAVY = ("textual", "fpdf", "rapidfuzz", "snowballstemmer", "rich", "PIL", "fontTools")


def jigsaw_command() -> list[str]:
    """The installed console script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).parent / "jigsaw"
    return [str(script)] if script.exists() else [sys.executable, "-m", "jigsaw_tui.cli"]


def run_quietly(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"{argv[-2:]} failed: {done.stderr.decode()[:200]}")
    return elapsed


def time_commands(commands: dict[str, tuple[list[str], dict]], repeat: int) -> dict[str, float]:
    """Median seconds per command, running them round-robin (plus one unmeasured warm-up)."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(repeat + 1):
        for name, (argv, env) in commands.items():
            elapsed = run_quietly(argv, env)
            if round_number:  # the first round only warms the file cache
                samples[name].append(elapsed)
    return {name: median(values) for name, values in samples.items()}


def imported_heavy_modules(cli_args: list[str], env: dict) -> list[str]:
    """Which of HEAVY a subcommand imports, checked in a fresh interpreter."""
    code = (
        "import contextlib, io, json, sys\n"
        "from jigsaw_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({cli_args!r})\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def slowest_imports(argv: list[str], env: dict, count: int = 4) -> list[tuple[str, float]]:
    """The modules whose own import code costs most (ms), from `python -X importtime`."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    costs = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            costs.append((parts[2].strip(), int(parts[0].split(":")[1]) / 1000))
    return sorted(costs, key=lambda c: -c[1])[:count]


def run(work: Path, repeat: int = 7, folder_files: int = 500) -> list[Figure]:
    store = make_store(work / "cli")
    for n in range(18):  # a facilitator's folder: the large session, the example, a few more
        (store.folder / f"copy-{n}.toml").write_bytes((store.folder / "effective-networks.toml").read_bytes())
    big_folder = make_folder(work / "cli-500", folder_files).folder
    env = child_env(JIGSAW_SESSIONS_DIR=str(store.folder))
    env_big = dict(env, JIGSAW_SESSIONS_DIR=str(big_folder))
    jigsaw = jigsaw_command()
    python = sys.executable
    commands = {
        "pass": ([python, "-c", "pass"], env),
        "rich": ([python, "-c", "import rich"], env),
        "list": (jigsaw + ["list"], env),
        "show": (jigsaw + ["show", "large"], env),
        "list-500": (jigsaw + ["list"], env_big),
    }
    ms = {name: s * 1000 for name, s in time_commands(commands, repeat).items()}
    refs = [("python -c pass", ms["pass"]), ('python -c "import rich"', ms["rich"])]

    def cli_figure(name: str, label: str, limit: float) -> Figure:
        fig = Figure(GROUP, label, ms[name], "ms", refs=list(refs),
                     target=f"< {limit:.0f} ms", max_value=limit, note=f"median of {repeat}")
        if fig.met is False:
            argv, run_env = commands[name]
            slow = slowest_imports(argv if argv[0] != python else argv[1:], run_env)
            fig.note += "; slowest imports (own time): " + ", ".join(f"{m} {t:.0f} ms" for m, t in slow)
        return fig

    figures = [
        cli_figure("list", f"jigsaw list ({len(list(store.folder.glob('*.toml')))} sessions)", 250),
        cli_figure("show", "jigsaw show (12 groups x 12 pieces, 30 themes)", 250),
        cli_figure("list-500", f"jigsaw list ({folder_files} sessions)", 1000),
    ]
    for args in (["list"], ["show", "large"]):
        heavy = imported_heavy_modules(args, env)
        figures.append(Figure(
            GROUP, f"heavy modules imported by `jigsaw {args[0]}`", float(len(heavy)), "modules",
            target="0 (no textual)", max_value=0.0,
            note=("imports " + ", ".join(heavy)) if heavy else "none of " + ", ".join(HEAVY),
        ))
    return figures


QUICK = {"repeat": 1, "folder_files": 50}
