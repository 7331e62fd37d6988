"""The command line's own error: words that make no command (exit status 2)."""


class UsageError(Exception):
    pass
