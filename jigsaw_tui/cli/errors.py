"""The command line's own error: words that make no command (exit status 2)."""

from ..core.errors import JigsawError


class UsageError(JigsawError):
    pass
