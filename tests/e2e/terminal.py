"""A child process on a pseudo-terminal, its output read through a VT emulator (pyte).

What a person's terminal does: keys are written to the pty master (in whatever chunks a
link delivers them), the program's output is fed to a screen we can read.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import pyte

COLS, ROWS = 80, 24
WAIT = 20.0  # generous: a loaded CI machine can be slow to start Python

# What a terminal (TERM=xterm-256color) sends for these keys.
KEYS = {
    "enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "backspace": "\x7f", "up": "\x1b[A",
    "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D", "end": "\x1b[F",
    "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~", "f6": "\x1b[17~", "f7": "\x1b[18~",
    "ctrl+n": "\x0e", "ctrl+q": "\x11", "ctrl+r": "\x12", "ctrl+s": "\x13", "ctrl+u": "\x15",
    "ctrl+g": "\x07", "ctrl+y": "\x19", "ctrl+z": "\x1a",
}


class Terminal:
    """A child process on a pty, its output fed into a pyte screen."""

    def __init__(self, *args: str, env: dict | None = None, argv: list[str] | None = None,
                 cols: int = COLS, rows: int = ROWS):
        """`jigsaw ARGS` (or `argv`, a whole command line) at `cols` x `rows`."""
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        command = argv or [sys.executable, "-m", "jigsaw_tui.cli", *args]
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become jigsaw
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(command[0], command, {**os.environ, "TERM": "xterm-256color", **(env or {})})
        self.pid, self.fd = pid, fd
        self.status: int | None = None

    def read(self, timeout: float = 0.05) -> None:
        while select.select([self.fd], [], [], timeout)[0]:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the child has gone
                return
            if not data:
                return
            self.stream.feed(data)
            timeout = 0

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, words: str, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{words!r} never appeared; the screen was:\n{self.text()}")
            self.read(0.05)

    def send(self, keys: str) -> None:
        data = keys.encode()
        while data:  # a pty takes a few KB at a time: the rest when the program has read some
            try:
                data = data[os.write(self.fd, data):]
            except BlockingIOError:
                pass
            if data:
                self.read(0.01)

    def feed(self, writes: list[str], gap: float) -> None:
        """Write each chunk as one write, `gap` seconds apart (reading the screen meanwhile,
        as a terminal does): how a slow link delivers what was typed."""
        for n, chunk in enumerate(writes):
            self.send(chunk)
            if gap and n < len(writes) - 1:
                self.read_for(gap)

    def read_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.read(min(left, 0.05))

    def type_piece(self, text: str) -> None:
        """Type like a person (a key at a time, each echoed) and press Enter."""
        for n in range(len(text)):
            self.send(text[n])
            self.wait_for(text[: n + 1])
        self.send("\r")

    def wait_exit(self, timeout: float = WAIT) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.fd >= 0:
                self.read(0.05)  # keep reading what it draws
            else:
                time.sleep(0.02)  # hung up: nothing left to read, only wait for the exit
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                return os.waitstatus_to_exitcode(status)
        raise AssertionError("jigsaw did not exit")

    def hang_up(self) -> None:
        """Close our side of the pty, as a dropped SSH link does: the kernel sends SIGHUP."""
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except ProcessLookupError:
                pass
        if self.fd >= 0:
            os.close(self.fd)


