"""The one way pledge-office runs LibreOffice: found once, each run in its own profile.

Two headless LibreOffice runs sharing a profile fail or hang, so every run
gets a private, temporary profile; one run converts any number of files.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional, Sequence

PROGRAM_NAMES = ("soffice", "libreoffice")


class LibreOfficeTimeout(Exception):
    """LibreOffice did not finish in the time allowed."""


def find_soffice() -> Optional[str]:
    """Return the LibreOffice program on PATH, or None when it is not installed."""
    return next((found for name in PROGRAM_NAMES if (found := shutil.which(name))), None)


def convert(files: Sequence[Path], out_dir: Path, target: str, *, timeout: float,
            program: Optional[str] = None) -> None:
    """Convert ``files`` into ``out_dir`` with one LibreOffice run (``target`` as for --convert-to).

    Raises FileNotFoundError when LibreOffice is missing and LibreOfficeTimeout when it is too slow;
    the caller checks that the files it expects were made.
    """
    program = program or find_soffice()
    if not program:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    profile = Path(tempfile.mkdtemp(prefix="pledge-office-lo-"))
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(out_dir), *map(str, files)]
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise LibreOfficeTimeout(f"LibreOffice took more than {timeout:.0f} s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def version(program: Optional[str] = None) -> Optional[str]:
    """Return LibreOffice's version line ('LibreOffice 7.4.7.2 ...'), or None."""
    program = program or find_soffice()
    if not program:
        return None
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else None
