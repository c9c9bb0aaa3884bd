"""Writing outputs so that nothing is ever lost or left half-written."""

from __future__ import annotations

import contextvars
import errno
import glob
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional

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
    _remove_stale_parts(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private; give the output the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        try:
            yield tmp
            _move_into_place(tmp, path, force)
        except OSError as exc:  # a full disk above all: one line naming the output, never a traceback
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
            raise PledgeOfficeError(
                f"cannot be written ({exc.strerror or type(exc).__name__}); nothing was written or replaced; "
                + ("free some space and run it again" if full else "check the folder and run it again"),
                file=path) from None
    finally:
        if tmp.exists():
            tmp.unlink()


def write_json(data, out: Path, force: bool = False) -> Path:
    """Write ``data`` to ``out`` as indented UTF-8 JSON, all or nothing, for other tools."""
    import json

    with atomic_output(out, force) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return out


# -- several outputs of one command: all of them or none ---------------------------------

_GROUP: "contextvars.ContextVar[Optional[list]]" = contextvars.ContextVar("pledge_office_outputs", default=None)


@contextmanager
def all_or_none() -> Iterator[None]:
    """Outputs written inside this block stay only if the block finishes.

    A document written before its JSON, email or PDF fails is removed again, and a file it
    replaced (with --force) is put back, so a command leaves all its outputs or none.
    """
    outer = _GROUP.get()  # a block inside another (one council of a batch) hands its files to it
    done: list = []
    token = _GROUP.set(done)
    try:
        yield
    except BaseException as exc:
        if not _is_clean_exit(exc):
            _roll_back(done)
            done = []
        raise
    finally:
        _GROUP.reset(token)
        if outer is not None:
            outer.extend(done)
        else:
            for _, backup in done:
                if backup is not None:
                    backup.unlink(missing_ok=True)


def start_worker_process() -> None:
    """In a worker process, blocks of outputs are outermost.

    A forked worker inherits the command's block as a copy: a council's block would hand
    its replaced files' backups to that copy, which nobody ever clears, and they would stay
    beside the documents as hidden '.previous.part' files.
    """
    _GROUP.set(None)


def _is_clean_exit(exc: BaseException) -> bool:
    """sys.exit() or click's exit after the work is done (e.g. 'batch' with failed rows): keep what was written."""
    return isinstance(exc, SystemExit) or type(exc).__name__ == "Exit"


def _roll_back(done: list) -> None:
    for path, backup in reversed(done):
        try:
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass


def _move_into_place(tmp: Path, path: Path, force: bool) -> None:
    """Rename the finished file into place; without --force, only if nobody else has written it meanwhile."""
    group = _GROUP.get()
    backup = None
    if force:
        if group is not None and path.exists():
            backup = path.with_name(f".{path.name}.{os.getpid()}.previous.part")
            os.replace(path, backup)
        os.replace(tmp, path)
    else:
        _create_exclusively(tmp, path)
    if group is not None:
        group.append((path, backup))


def _create_exclusively(tmp: Path, path: Path) -> None:
    """Two runs on one folder cannot both write a file: a hard link fails if the name exists."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise OutputExists("was written by another run meanwhile; nothing was replaced "
                           "(add --force to replace it)", file=path) from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        if path.exists():
            raise OutputExists("appeared while writing; nothing was replaced", file=path) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def _remove_stale_parts(path: Path) -> None:
    """Remove temporary files a killed run left beside this output (their process is gone)."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        parts = stale.name[len(path.name) + 2:].split(".")
        pid = int(parts[0]) if parts and parts[0].isdigit() else None
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        try:
            stale.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _make_folder(folder: Path) -> None:
    blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise PledgeOfficeError(f"cannot be written: {blocking} is a file, not a folder; choose another place",
                                file=folder)
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
