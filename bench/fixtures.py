"""Realistic sessions to measure with: the largest a facilitator can make, and a full folder.

Built through the project's own operations, so the files are exactly what the app writes.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddAction, AddItem, AddPiece, MatchPieces
from jigsaw_tui.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "effective-networks.toml"

# Phrases of the kind groups name; the seed session's words and their near relatives,
# so that matching has real work to do.
WORDS = (
    "Trust", "Time, location, and pace", "Shared purpose", "Common goal", "Psychological safety",
    "Listening to each other", "Clear roles", "Respect for lived experience", "Funding that lasts",
    "Good communication", "Feeling valued", "Open and honest conversation", "Kindness",
    "Regular meetings", "A safe space to disagree", "Equal voices", "Local knowledge",
    "Follow through on actions", "Sharing information", "Accessible venues", "Flexible times",
    "Peer support", "Celebrating small wins", "Less red tape", "Training for volunteers",
    "Someone to coordinate", "Welcoming new members", "Clear next steps", "Humour",
    "Patience with each other", "Joined-up working", "Knowing who to call",
)


def piece_text(rng: random.Random) -> str:
    # The same ideas in slightly different words across groups, as in a real room.
    base = rng.choice(WORDS)
    extra = rng.choice(("", "", " for everyone", " in the community", " between services"))
    return f"{base}{extra}"[:60]


def big_session(groups: int = 12, pieces: int = 12, themes: int = 30, seed: int = 7):
    """`groups` x `pieces`, `themes` themes of 2-4 pieces from different groups, some actions."""
    rng = random.Random(seed)
    session = new_session(
        "Pieces which support effective networks (large)",
        [f"Group {n + 1}" for n in range(groups)],
        date="2026-01-15", facilitator="Bench",
    )
    for group in session.groups:
        for _ in range(pieces):
            session = AddPiece(group.id, piece_text(rng)).apply(session)
    for view in session.views:
        for n in range(5):
            session = AddItem(view.id, f"{rng.choice(WORDS)} ({n})").apply(session)
    # Each theme takes unused pieces from 2-4 distinct groups.
    free = {g.id: [p.id for p in g.pieces] for g in session.groups}
    for _ in range(themes):
        candidates = [g for g, left in free.items() if left]
        chosen = rng.sample(candidates, k=min(len(candidates), rng.randint(2, 4)))
        ids = tuple(free[g].pop(rng.randrange(len(free[g]))) for g in chosen)
        session = MatchPieces(ids, kind=rng.choice(("same", "overlap"))).apply(session)
    for theme in session.themes[:10]:
        session = AddAction(f"Follow up on {theme.name[:40]}", theme=theme.id, owner="Bench").apply(session)
    return session


def make_store(folder: Path, big: bool = True, example: bool = True) -> Store:
    """A sessions folder holding the large session ('large') and the example one."""
    store = Store(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if big:
        store.create(big_session(), name="large")
    if example:
        shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return store


def make_folder(folder: Path, count: int) -> Store:
    """`count` session files: mostly example-sized, one in ten the large size."""
    store = Store(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    large = big_session()
    example = EXAMPLE.read_bytes()
    for n in range(count):
        if n % 10 == 0:
            store.create(large, name=f"large-{n}")
        else:
            (folder / f"session-{n}.toml").write_bytes(example)
    return store
