"""Shared helpers for the TUI tests: a fixed example session and an app that does not
touch signals (pytest owns them)."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from jigsaw_tui.ui.app import JigsawApp

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "effective-networks.toml"
NAME = "effective-networks"
GROUP_ONE = "gkbchb"  # ids fixed in the example file
GROUP_TWO = "gkuqtv"


def copy_example(store, name: str = NAME) -> str:
    store.folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, store.folder / f"{name}.toml")
    return name


def make_app(store, session: str | None = NAME, **kwargs) -> JigsawApp:
    kwargs.setdefault("animate", False)
    return JigsawApp(store, session, watch_signals=False, **kwargs)


STAGE_KEYS = {"meditation": "f2", "views": "f3", "groups": "f4", "themes": "f5", "lid": "f6", "actions": "f7"}


@contextlib.asynccontextmanager
async def session_app(store, stage: str | None = None, size=(80, 24), session: str | None = None, **kwargs):
    """`async with session_app(store, stage="groups") as (app, pilot):` the example session
    (copied into the store first) at `size`, on `stage`: its F-key pressed and the stage
    shown with the focus in it. `session` opens one already in the store instead, as it is
    (nothing copied); no `stage` presses nothing. `kwargs` go to make_app."""
    if session is None:
        session = copy_example(store)
    app = make_app(store, session, **kwargs)
    async with app.run_test(size=size) as pilot:
        if stage is not None:
            await pilot.press(STAGE_KEYS[stage])
            for _ in range(10):  # the stage mounts (on a first visit), then takes the focus
                await pilot.pause()
                if has_focus(app, stage):
                    break
        yield app, pilot


def has_focus(app, stage: str) -> bool:
    """The stage is the one shown and the focus is inside it."""
    screen, focused = app.screen, app.focused
    return (getattr(screen, "current", None) == stage and focused is not None
            and screen.current_stage() in focused.ancestors_with_self)


async def keys(pilot, *names):
    """Press keys one at a time, letting each one's effect happen (not a burst)."""
    for name in names:
        await pilot.press(name)
        await pilot.pause()


def notice(app) -> str:
    from jigsaw_tui.ui.notice import Notice

    return str(app.screen.query_one(Notice).render())


def pilot(fn):
    """Run an async Pilot test under plain pytest (no async plugin needed)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def run(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return run


def plain(renderable, width: int = 200) -> str:
    """A Rich renderable (an option's prompt) as the plain text a person would read."""
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text().rstrip()


async def workers_done(app) -> None:
    """Wait for the app's workers (an export, a load) but the file watch, which runs as
    long as its session screen does."""
    others = [w for w in app.workers if w.group != "watch"]
    if others:  # (an empty list would mean "all of them" to Textual)
        await app.workers.wait_for_complete(others)
