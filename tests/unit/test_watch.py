"""The file watch: another process's save is noticed from the kernel's notification,
one call per save, and only for this session's file."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from jigsaw_tui.core.model import new_session
from jigsaw_tui.ui.watch import watch
from tests.conftest import ROOT

SAVE = """
import sys
from jigsaw_tui.core.store import Store
from jigsaw_tui.core.ops import AddPiece
store = Store(sys.argv[1])
session = store.load(sys.argv[2])
store.apply(sys.argv[2], AddPiece(session.groups[0].id, sys.argv[3]))
"""


def save_elsewhere(store, name: str, text: str) -> None:
    subprocess.run([sys.executable, "-c", SAVE, str(store.folder), name, text], check=True, cwd=ROOT)


def test_a_save_by_another_process_is_noticed_once_and_only_for_this_file(store):
    path = store.create(new_session("Watched", ["Carers"]))
    other = store.create(new_session("Another", ["Nurses"]))
    calls: list[str] = []

    async def scenario():
        task = asyncio.create_task(watch(path, lambda: calls.append("changed")))
        await asyncio.sleep(0.2)  # the watch is in place
        await asyncio.to_thread(save_elsewhere, store, other.stem, "not ours")
        await asyncio.sleep(0.3)
        assert calls == []  # another session's file in the same folder
        for n in range(3):
            await asyncio.to_thread(save_elsewhere, store, path.stem, f"piece {n}")
            for _ in range(200):  # generous: a busy machine
                if len(calls) == n + 1:
                    break
                await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        task.cancel()
        return task

    asyncio.run(scenario())
    assert calls == ["changed"] * 3
    assert [p.text for p in store.load(path.stem).groups[0].pieces] == ["piece 0", "piece 1", "piece 2"]


def test_without_notification_the_watch_says_why_and_returns(store, monkeypatch):
    monkeypatch.setitem(sys.modules, "asyncinotify", None)
    path = store.create(new_session("Watched", ["Carers"]))
    reason = asyncio.run(watch(path, lambda: None))
    assert reason.startswith("no file notification here")
