"""Know at once when another process saves the session: the kernel's file notification.

Every save replaces the session file by renaming a finished temp file onto it
(core/store.py), so the folder sees a "moved to" event with the file's name; a hand
edit in place is a "close after write". On Linux this asks inotify through asyncinotify
(pure Python over the kernel's own calls: no thread, no compiled code, no other
dependency), in the app's own event loop; an idle watch costs nothing. Where there is
no inotify (another system, a network file system that does not report remote writes,
the kernel's watch limit reached) `watch` returns at once and the session screen's
stat check once a second stays the only way, as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable


async def watch(path: Path, changed: Callable[[], None]) -> str:
    """Call `changed()` after each event on `path`'s name in its folder, until cancelled.
    Returns at once, with the reason, when notification cannot be had here."""
    try:
        from asyncinotify import Inotify, Mask
    except (ImportError, OSError) as error:  # not installed, or not Linux
        return f"no file notification here ({error})"
    events = Mask.MOVED_TO | Mask.CLOSE_WRITE | Mask.DELETE | Mask.MOVED_FROM
    try:
        inotify = Inotify()
        inotify.add_watch(path.parent, events | Mask.ONLYDIR)
    except OSError as error:  # e.g. the per-user watch limit
        return f"no file notification for {path.parent} ({error.strerror or error})"
    with inotify:
        async for event in inotify:
            if event.name is not None and event.name.name == path.name:
                changed()
    return "the watch ended"
