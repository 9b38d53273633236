"""A program in a pseudo-terminal of a given size, for the benchmarks
that time what a terminal receives (first_screen.py, keys.py).

The size is set on the terminal in the child, before exec, so that a
program that reads it once at start (ssh sends it to the far end) sees it.
"""
import fcntl
import os
import pty
import select
import struct
import termios
import time


def spawn(argv, env, rows=30, cols=100):
    """Fork argv onto a new pseudo-terminal; return (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


def read_some(fd, timeout):
    """What arrives within timeout seconds: bytes, b"" at end of file,
    None when nothing came."""
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return None
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the other side has closed
        return b""


def until_quiet(fd, quiet, limit):
    """Read until quiet seconds pass without a byte (or limit seconds in
    all, or end of file). Return (bytes, time of the last byte or None)."""
    got = b""
    last = None
    end = time.perf_counter() + limit
    while True:
        left = end - time.perf_counter()
        if left <= 0:
            break
        chunk = read_some(fd, min(quiet, left))
        if not chunk:
            break
        last = time.perf_counter()
        got += chunk
    return got, last
