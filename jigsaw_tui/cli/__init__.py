"""The `jigsaw` command: main.py parses and runs it, matching.py has the matching
commands (suggest, match, unmatch), errors.py the usage error."""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
