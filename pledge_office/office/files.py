"""Reading an input file within bounds: a device, a FIFO or an endless file gets one line, never a hang."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pledge_office.errors import UnsafeFile


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def check_regular(path: Path, limit: int, what: str) -> int:
    """Refuse a missing, special or too large file before it is opened; return its size."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnsafeFile("file not found; check the name and folder", file=path) from None
    except PermissionError:
        raise UnsafeFile("cannot be read (permission denied)", file=path) from None
    except OSError as exc:
        raise UnsafeFile(f"cannot be read ({exc.strerror})", file=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(f"is {_kind_of(info.st_mode)}, not {what}; give a saved file", file=path)
    if info.st_size > limit:
        raise UnsafeFile(f"is {info.st_size / 1_000_000:.0f} MB, too large for {what} "
                         f"(the most is {limit / 1_000_000:.0f} MB)", file=path)
    return info.st_size


def read_input(path: Path, limit: int, what: str) -> bytes:
    """Return a file's bytes: an ordinary file of at most ``limit`` bytes, read once."""
    check_regular(path, limit, what)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise UnsafeFile("cannot be read (permission denied)", file=path) from None
    except OSError as exc:
        raise UnsafeFile(f"cannot be read ({exc.strerror})", file=path) from None
    if len(data) > limit:  # it grew while being read
        raise UnsafeFile(f"is too large for {what}", file=path)
    return data
