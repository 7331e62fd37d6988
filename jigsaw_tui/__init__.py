"""jigsaw-tui: run a Jigsaw lid session (a method created by COPE Scotland) in a terminal.

Nothing is imported here, so `jigsaw list` and `jigsaw show` start fast.
"""

__version__ = "0.1.0"
CREDIT = "The Jigsaw toolkit was created by COPE Scotland, who ask to be credited as its originator."
