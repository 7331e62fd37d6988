"""How each screen looks at 80x24 and 160x48 (pytest-textual-snapshot).

Deterministic: the example session has fixed ids and no date, timers are not started,
and nothing on screen comes from the clock. Update after a deliberate change with
`pytest tests/ui/test_snapshots_core.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest

from .tui_helpers import copy_example, make_app

SIZES = [(80, 24), (160, 48)]

SCREENS = {
    "picker": dict(session=None, press=[]),
    "new_session": dict(session=None, press=["ctrl+n", *"Unpaid carers"]),
    "meditation": dict(press=["f2"]),
    "views": dict(press=["f3", *"typed, not saved"]),
    "groups": dict(press=["f4", *"Kindne"]),
    "pieces_list": dict(press=["f4", "up", "up"]),
    "piece_editor": dict(press=["f4", "up", "n"]),
    "remove_group": dict(press=["f4", "f8"]),
    # from the picker: a session's help also lists the Themes/Lid/Actions stages, which
    # their own tests cover; this keeps these snapshots about these screens only
    "help": dict(session=None, press=["f1"]),
    "about": dict(press=["ctrl+p", *"About", "enter"]),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, store, screen, size):
    copy_example(store)
    spec = SCREENS[screen]
    app = make_app(store, spec.get("session", "effective-networks"))
    assert snap_compare(app, terminal_size=size, press=spec["press"])
