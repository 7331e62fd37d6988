"""How the app says a history entry (core/history.py): its time, and the entry in a line.

Plain Python, no Textual: the controller's undo notice uses it as the history view does.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def when(at: str, now: datetime | None = None) -> str:
    """An entry's UTC time as local time, as near as it is: '19:02' today, 'yesterday
    19:02', '3 Mar 19:02' this year, '2024-03-03 19:02' before. A time jigsaw did not
    write is shown as it is."""
    try:
        moment = datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).astimezone()
    except ValueError:
        return at[:16]
    now = (now or datetime.now(timezone.utc)).astimezone()
    clock = moment.strftime("%H:%M")
    if moment.date() == now.date():
        return clock
    if moment.date() == now.date() - timedelta(days=1):
        return f"yesterday {clock}"
    if moment.year == now.year:
        return f"{moment.day} {moment.strftime('%b')} {clock}"
    return moment.strftime("%Y-%m-%d %H:%M")


def was(entry) -> str:
    """The text the change removed or overwrote, in a few words: " (was 'Time')"."""
    texts = [" ".join(lost.get("text", "").split()) for lost in entry.lost if lost.get("text")]
    if not texts:
        return ""
    more = f" and {len(texts) - 1} more" if len(texts) > 1 else ""
    return f" (was {texts[0]!r}{more})"
