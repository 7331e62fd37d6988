"""Shared helpers for the TUI tests: a fixed example session and an app that does not
touch signals (pytest owns them)."""

from __future__ import annotations

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


def drive(app, script, size=(80, 24)) -> None:
    """Run `script(pilot)` against the app (no async test plugin needed)."""
    import asyncio

    async def main():
        async with app.run_test(size=size) as pilot:
            await script(pilot)

    asyncio.run(main())


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
