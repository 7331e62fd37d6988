"""The one root of every error a person may be shown.

Each message is written for the person at the keyboard, in lower case and without a
full stop, so that it reads after "jigsaw: " on the command line; `sentence()` makes
it the sentence the app's notice line shows. Nothing else capitalises a message.
"""

from __future__ import annotations


class JigsawError(Exception):
    """Something the person can act on: bad input, a file that cannot be read or
    written, an export that failed, a command line that makes no command."""

    def sentence(self) -> str:
        return as_sentence(str(self))


def as_sentence(text: str) -> str:
    """'no such group' -> 'No such group.' (a message that ends in ., ! or ? keeps it)."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
