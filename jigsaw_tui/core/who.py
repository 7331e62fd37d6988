"""Who is at the keyboard: the Unix user name, for the history and for drafts.

Its own module so that the app can name its user at start without loading the history
and the ops behind it (they load on the first change).
"""

from __future__ import annotations

import os

from .model import strip_controls


def user_name() -> str:
    """The Unix user name, as the process knows it (what it says, not a proof)."""
    import getpass

    try:
        name = getpass.getuser()
    except Exception:  # no name in the environment and none for this uid in the password file
        name = f"uid {os.getuid()}"
    return strip_controls(name)[:64]
