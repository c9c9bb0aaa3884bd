"""Writing outputs so that nothing is ever lost or left half-written."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from pledge_office.errors import OutputExists, PledgeOfficeError


def check_can_write(paths: Iterable[Path], force: bool) -> None:
    """Refuse before any work is done if an output exists and --force was not given."""
    for path in paths:
        if Path(path).exists() and not force:
            raise OutputExists(
                "already exists; choose another name, or add --force to replace it",
                file=path,
            )


@contextmanager
def atomic_output(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success.

    A crash or error leaves any previous file untouched and no partial output.
    """
    path = Path(path)
    check_can_write([path], force)
    _make_folder(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private; give the output the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        try:
            yield tmp
            if not force and path.exists():
                raise OutputExists("appeared while writing; nothing was replaced", file=path)
            os.replace(tmp, path)
        except OSError as exc:  # a full disk above all: one line naming the output, never a traceback
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
            raise PledgeOfficeError(
                f"cannot be written ({exc.strerror or type(exc).__name__}); nothing was written or replaced; "
                + ("free some space and run it again" if full else "check the folder and run it again"),
                file=path) from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PledgeOfficeError(
            f"cannot create the output folder ({exc.strerror}); choose another place", file=folder
        ) from None
    if not os.access(folder, os.W_OK):
        raise PledgeOfficeError(
            "the output folder is not writable; choose another place", file=folder
        )
