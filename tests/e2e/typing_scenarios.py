"""What a room types on each stage, and how a slow link may deliver it.

A scenario is a session to start from, the keys typed (as units: a piece and its Enter,
a Tab, a stage key) and what the session file must hold afterwards. `run` starts the
real `jigsaw` in a pseudo-terminal, writes the units in the chunks of a chunking with
a gap between writes, quits with ctrl+q typed behind them (applied after every key
before it, like any other key) and compares the file. Used by the test suite (a few
combinations) and by `bench/typing_order.py` (all of them, many times).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.store import Store

from .terminal import KEYS, Terminal

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "effective-networks.toml"
CHUNKINGS = ("all-at-once", "per-unit", "per-key")
GAPS_MS = (0, 5, 20, 50)
SLOW_SAVE_SECONDS = 0.05

K = KEYS


def keys_of(unit: str) -> list[str]:
    """A unit split into the keys a terminal sends one by one (escape sequences whole)."""
    out, i = [], 0
    while i < len(unit):
        if unit[i] == "\x1b":
            end = i + 2
            while end < len(unit) and not (unit[end].isalpha() or unit[end] == "~"):
                end += 1
            out.append(unit[i:end + 1])
            i = end + 1
        else:
            out.append(unit[i])
            i += 1
    return out


def chunks(units: list[str], chunking: str) -> list[str]:
    if chunking == "all-at-once":
        return ["".join(units)]
    if chunking == "per-unit":
        return list(units)
    return [key for unit in units for key in keys_of(unit)]


@dataclass
class Scenario:
    name: str
    make: Callable[[Store], str]  # creates the session; returns its name
    units: Callable[[Store, str], list[str]]
    expect: Callable[[Store, str], object]  # what must be read back...
    actual: Callable[[Store, str], object]  # ...and how it is read
    ready: str = "F2 Meditation"  # on screen before the keys are typed
    picker: bool = False  # start at the list of sessions, not in the session


def run(scenario: Scenario, folder: Path, chunking: str, gap_ms: int, slow_saves: bool = False,
        terminal=Terminal) -> tuple[object, object, str]:
    """(expected, actual, the screen at the end) for one run."""
    store = Store(folder)
    name = scenario.make(store)
    args = ["--sessions-dir", str(folder)] + ([] if scenario.picker else ["open", name])
    argv = slow_command(args) if slow_saves else None
    term = terminal(*args, argv=argv)
    try:
        term.wait_for(scenario.ready)
        units = scenario.units(store, name) + [K["ctrl+q"]]
        term.feed(chunks(units, chunking), gap_ms / 1000)
        term.wait_exit()
        screen = term.text()
    finally:
        term.close()
    return scenario.expect(store, name), scenario.actual(store, name), screen


def slow_command(args: list[str]) -> list[str]:
    """jigsaw with every fsync 50 ms slower: a save takes ~100 ms while keys keep coming."""
    code = ("import os, sys, time\n"
            "real = os.fsync\n"
            f"os.fsync = lambda fd: (time.sleep({SLOW_SAVE_SECONDS}), real(fd))[1]\n"
            "from jigsaw_tui.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    return [sys.executable, "-c", code, *args]


# -- the scenarios ------------------------------------------------------------------------

GROUPS = ("Carers", "Nurses", "Drivers")


def said(group: str, n: int) -> str:
    return f"{group} piece {n} said in the room"


def three_groups(store: Store) -> str:
    store.create(new_session("Carers network", list(GROUPS)), name="typing")
    return "typing"


def example(store: Store) -> str:
    store.folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, store.folder / EXAMPLE.name)
    return EXAMPLE.stem


def pieces_and_drafts(store: Store, name: str):
    session = store.load(name)
    return ({g.name: [p.text for p in g.pieces] for g in session.groups},
            sorted((session.group(d.where).name, d.text) for d in session.drafts))


def groups_units(store, name):
    """Twelve pieces and a thirteenth (refused: its text stays in the line), Tab, five more
    in each of the other groups."""
    units = [K["f4"]]
    for n in range(1, 14):
        units.append(said("Carers", n) + K["enter"])
    for group in GROUPS[1:]:
        units.append(K["tab"])
        units += [said(group, n) + K["enter"] for n in range(1, 6)]
    return units


def groups_expect(store, name):
    return ({"Carers": [said("Carers", n) for n in range(1, 13)],
             "Nurses": [said("Nurses", n) for n in range(1, 6)],
             "Drivers": [said("Drivers", n) for n in range(1, 6)]},
            [("Carers", said("Carers", 13))])


CHECKINS = ["Sunshine on the way here", "s: my grandchildren laughing", "A cup of tea, quietly"]


def meditation_units(store, name):
    # The check-in line has the cursor; Tab goes to the guide (whose 's' would skip to
    # Views) and Tab comes back: the letters after it are typed, not taken as keys.
    return [CHECKINS[0] + K["enter"], K["tab"], K["tab"]] + [c + K["enter"] for c in CHECKINS[1:]]


def checkins(store, name):
    return list(store.load(name).checkin)


def views_units(store, name):
    units = [K["f3"]]
    for q in range(3):
        if q:
            units.append(K["tab"])
        units += [f"Answer {n} to question {q + 1}, a friendly face who projects" + K["enter"]
                  for n in range(1, 4)]
    return units


def views_expect(store, name):
    return [[f"Answer {n} to question {q + 1}, a friendly face who projects" for n in range(1, 4)]
            for q in range(3)]


def views_actual(store, name):
    return [list(v.answers) for v in store.load(name).views]


# Themes: the example's first two pieces of Group one are each in a theme; r renames it.
THEME_NAMES = ("Time together at our own pace", "A purpose we all share")


def themes_units(store, name):
    units = [K["f5"]]
    for n, new_name in enumerate(THEME_NAMES):
        if n:
            units.append(K["down"])
        units.append("r" + K["ctrl+u"] + new_name + K["enter"])
    return units


def themes_expect(store, name):
    session = store.load(name)
    group = session.groups[0]
    ids = [session.theme_of(p.id).id for p in group.pieces[:2]]
    return sorted(zip(ids, THEME_NAMES))


def themes_actual(store, name):
    session = store.load(name)
    group = session.groups[0]
    return sorted((t.id, t.name) for t in (session.theme_of(p.id) for p in group.pieces[:2]))


ACTIONS = ("Book a room for March who: Hilda when: 1 March", "Ask the GPs to join who: Ana",
           "Write it up; send it to all")


def actions_units(store, name):
    units = [K["f7"]]
    for n, action in enumerate(ACTIONS):
        if n:
            units.append(K["tab"])
        units.append(action + K["enter"])
    return units


def actions_expect(store, name):
    from jigsaw_tui.ui.stages.actions import action_keys, parse_action

    columns = action_keys(store.load(name))
    return [(columns[n] if columns[n] != "actions" else "", *parse_action(a)) for n, a in enumerate(ACTIONS)]


def actions_actual(store, name):
    return [(a.theme, a.text, a.owner, a.due) for a in store.load(name).actions]


def new_session_units(store, name):
    return [K["ctrl+n"], "Loneliness in older people" + K["enter"], "Carers, Nurses" + K["enter"],
            K["f4"], "A friendly face" + K["enter"], K["tab"], "Someone to call" + K["enter"]]


def new_session_expect(store, name):
    return ("Loneliness in older people", {"Carers": ["A friendly face"], "Nurses": ["Someone to call"]})


def new_session_actual(store, name):
    sessions = [store.load(p.stem) for p in store.folder.glob("*.toml") if p.stem != name]
    return [(s.title, {g.name: [p.text for p in g.pieces] for g in s.groups}) for s in sessions][0] \
        if sessions else None


def prompts_units(store, name):
    """Rename the group, type a piece, edit it in the editor, then a note of two lines."""
    return [K["f4"], K["ctrl+r"], K["ctrl+u"] + "Unpaid carers" + K["enter"],
            "piece typed after the rename" + K["enter"],
            K["up"], "e", K["ctrl+u"] + "edited in the editor" + K["enter"],
            "a", "typed after the edit" + K["enter"],
            K["up"], "n", "first line of the note" + K["enter"] + "second line" + K["ctrl+s"],
            "a", "the last piece" + K["enter"]]


def prompts_expect(store, name):
    return {"name": "Unpaid carers",
            "pieces": [("edited in the editor", ""),
                       ("typed after the edit", "first line of the note\nsecond line"),
                       ("the last piece", "")]}


def prompts_actual(store, name):
    group = store.load(name).groups[0]
    return {"name": group.name, "pieces": [(p.text, p.note) for p in group.pieces]}


SCENARIOS = {
    "groups": Scenario("groups", three_groups, groups_units, groups_expect, pieces_and_drafts),
    "meditation": Scenario("meditation", three_groups, meditation_units,
                           lambda s, n: CHECKINS, checkins),
    "views": Scenario("views", three_groups, views_units, views_expect, views_actual),
    "themes": Scenario("themes", example, themes_units, themes_expect, themes_actual, ready="F5 Themes"),
    "actions": Scenario("actions", example, actions_units, actions_expect, actions_actual, ready="F7 Actions"),
    "new-session": Scenario("new-session", three_groups, new_session_units, new_session_expect,
                            new_session_actual, ready="Jigsaw sessions", picker=True),
    "prompts": Scenario("prompts", three_groups, prompts_units, prompts_expect, prompts_actual),
}
