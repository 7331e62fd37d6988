"""A program in a pseudo-terminal, seen through a VT emulator, with every output byte counted.

This is what the user's terminal sees over SSH: the bytes counted here are the bytes on
the wire, and `pyte` tells us what is on the screen (so we know when it is usable).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

import pyte

KEYS = {
    "enter": b"\r", "tab": b"\t", "shift+tab": b"\x1b[Z", "backspace": b"\x7f", "space": b" ",
    "up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D",
    "home": b"\x1b[H", "end": b"\x1b[F", "pageup": b"\x1b[5~", "pagedown": b"\x1b[6~",
    "delete": b"\x1b[3~", "f1": b"\x1bOP", "f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS",
    "f5": b"\x1b[15~", "f6": b"\x1b[17~", "f7": b"\x1b[18~", "f8": b"\x1b[19~",
    "f9": b"\x1b[20~", "f10": b"\x1b[21~",
}


def key(name: str) -> bytes:
    """Bytes a terminal sends for a key: 'enter', 'ctrl+q', 'f2', 'alt+g', or one character."""
    if name in KEYS:
        return KEYS[name]
    if name.startswith("ctrl+") and len(name) == 6:
        return bytes([ord(name[5].upper()) & 0x1F])
    if name.startswith("alt+") and len(name) == 5:
        return b"\x1b" + name[4].encode()
    if len(name) == 1:
        return name.encode()
    raise ValueError(f"unknown key {name!r}")


_CURSOR_TO = re.compile(rb"\x1b\[(\d+);(\d+)H")


def rows_drawn(output: bytes) -> list[int]:
    """The screen rows (1-based) that `output` moves the cursor to: what was redrawn."""
    return sorted({int(match.group(1)) for match in _CURSOR_TO.finditer(output)})


_SGR = re.compile(rb"\x1b\[[0-9;:]*m")
_OTHER_ESCAPE = re.compile(rb"\x1b\[[0-9;?$]*[A-Za-z]|\x1b[^\[]")


def output_parts(output: bytes) -> dict[str, int]:
    """Where the bytes go: colour/style changes, other escapes (cursor moves), text, blanks."""
    sgr = sum(len(m) for m in _SGR.findall(output))
    without_sgr = _SGR.sub(b"", output)
    escapes = sum(len(m) for m in _OTHER_ESCAPE.findall(without_sgr))
    text = _OTHER_ESCAPE.sub(b"", without_sgr)
    return {"style": sgr, "escapes": escapes, "text": len(text) - text.count(b" "), "spaces": text.count(b" ")}


class _AnsweringScreen(pyte.Screen):
    """Answers terminal queries (device attributes, cursor position) as a terminal would."""

    def __init__(self, cols: int, rows: int, answer):
        super().__init__(cols, rows)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data.encode())


class PtyApp:
    """Start `argv` in a pty of `cols` x `rows`; read its output into a screen; type keys."""

    def __init__(self, argv: list[str], cols: int = 80, rows: int = 24, env: dict | None = None,
                 stderr_path: str | None = None):
        self.screen = _AnsweringScreen(cols, rows, self.send)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_out = 0
        self.recorded = bytearray()  # output since the last `record()`, to see what was drawn
        self.last_output = time.monotonic()
        self.exited = False
        self.closed = False
        self.started = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if stderr_path:  # e.g. -X importtime's report, kept off the screen
                    os.dup2(os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
                os.execve(argv[0], argv, env if env is not None else os.environ)
            finally:
                os._exit(127)
        os.set_blocking(self.fd, False)

    # -- output -----------------------------------------------------------------

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float) -> None:
        """Read one chunk of output if some arrives within `timeout`."""
        if self.exited:
            time.sleep(timeout)
            return
        if not select.select([self.fd], [], [], max(0.0, timeout))[0]:
            return
        try:
            chunk = os.read(self.fd, 65536)
        except BlockingIOError:
            return
        except OSError:  # EIO: the program has closed the terminal
            chunk = b""
        if not chunk:
            self.exited = True
            return
        self.bytes_out += len(chunk)
        self.recorded += chunk
        self.last_output = time.monotonic()
        self.stream.feed(chunk)

    def wait_until(self, condition, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0 or self.exited:
                return condition()
            self.pump(min(left, 0.05))
        return True

    def wait_for(self, text: str, timeout: float = 10.0) -> bool:
        return self.wait_until(lambda: text in self.text, timeout)

    def settle(self, quiet: float = 0.15, timeout: float = 5.0) -> bool:
        """Wait until nothing has been written for `quiet` seconds."""
        self.last_output = max(self.last_output, time.monotonic())
        return self.wait_until(lambda: time.monotonic() - self.last_output >= quiet, timeout)

    def record(self) -> bytes:
        """Output since the previous call."""
        data, self.recorded = bytes(self.recorded), bytearray()
        return data

    def bytes_during(self, seconds: float) -> int:
        """Bytes written over the next `seconds`, whatever is on screen."""
        before = self.bytes_out
        self.wait_until(lambda: False, seconds)
        return self.bytes_out - before

    # -- input --------------------------------------------------------------------

    def send(self, data: bytes) -> None:
        deadline = time.monotonic() + 2.0
        while data and not self.exited and time.monotonic() < deadline:
            if select.select([], [self.fd], [], 0.05)[1]:
                try:
                    data = data[os.write(self.fd, data):]
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    self.exited = True

    def press(self, *names: str, quiet: float = 0.15, timeout: float = 2.0) -> int:
        """Press keys, wait (up to `timeout`) until the screen is still; returns the bytes that caused."""
        before = self.bytes_out
        for name in names:
            self.send(key(name))
        self.settle(quiet, timeout)
        return self.bytes_out - before

    def type_measured(self, text: str, quiet: float = 0.05, timeout: float = 5.0) -> list[bytes]:
        """Type `text` one key at a time; the output each key caused, until the screen is still.

        A key counts once its character is on screen (so a slow repaint is not missed).
        """
        outputs = []
        for index, char in enumerate(text):
            before = self.bytes_out
            self.record()
            self.send(char.encode())
            shown = text[: index + 1]
            if not self.wait_until(lambda: self.bytes_out > before and shown in self.text, timeout):
                raise TimeoutError(f"typed {shown!r} but it did not appear on screen:\n{self.text}")
            self.settle(quiet, 1.0)
            outputs.append(self.record())
        return outputs

    def resize(self, cols: int, rows: int) -> None:
        self.screen.resize(rows, cols)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    # -- the process ----------------------------------------------------------------

    def peak_rss_kb(self) -> int | None:
        """VmHWM: the most resident memory the program has had (reset by exec, so it is its own)."""
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            return None
        return None

    def close(self, quit_keys: tuple[str, ...] = ("ctrl+q",)) -> None:
        """Ask the program to quit; if it does not, end it (only this pid, then its group)."""
        if self.closed:
            return
        self.closed = True
        for name in quit_keys:
            self.send(key(name))
        if not self._reaped(2.0):
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    break
                if self._reaped(2.0):
                    break
        try:
            os.close(self.fd)
        except OSError:
            pass

    def _reaped(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            try:
                pid, _status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return True
            if pid:
                return True
            if time.monotonic() > deadline:
                return False
            self.pump(0.02)  # keep draining, or a program blocked on writing never exits

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(quit_keys=())
