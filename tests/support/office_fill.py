"""Fill in a workbook through LibreOffice from the tests, as an officer would.

The work is done by ``uno_fill.py`` under Debian's ``/usr/bin/python3``: only that Python can
``import uno``, and the project's own (virtual environment) Python cannot. See that script's
docstring for the steps, and for how typed dates are parsed.

    fill_with_libreoffice(src, dst, [
        {"op": "type", "sheet": "Review", "cell": "C6", "text": "Partly met"},
        {"op": "insert_row_after", "sheet": "Review", "row": 6},
    ])
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).resolve().parent / "uno_fill.py"
XLSX = "Calc MS Excel 2007 XML"


class OfficeFillError(RuntimeError):
    """LibreOffice could not carry out the steps; the message holds the script's stderr."""


def uno_available() -> bool:
    """True when /usr/bin/python3 can import uno and soffice is on PATH."""
    if not (shutil.which("soffice") and os.access(SYSTEM_PYTHON, os.X_OK)):
        return False
    try:
        result = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                                timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def fill_with_libreoffice(src: Path, dst: Path, steps: list, filter: str = XLSX,
                          password: Optional[str] = None, timeout: int = 180, *,
                          locale: Optional[str] = None,
                          src_password: Optional[str] = None) -> None:
    """Open a private copy of ``src`` in LibreOffice, apply ``steps``, store it at ``dst``.

    ``filter`` is "Calc MS Excel 2007 XML" (xlsx), "calc8" (ods) or "MS Excel 97" (xls);
    ``password`` encrypts ``dst``; ``locale`` (e.g. "en-GB") sets the fresh profile's locale;
    ``src_password`` opens an encrypted ``src``. ``src`` is never modified.
    """
    instructions = {"src": str(Path(src).resolve()), "dst": str(Path(dst).resolve()),
                    "filter": filter, "steps": list(steps),
                    # the script's own watchdog fires first and cleans up after itself
                    "timeout": max(10, timeout - 20)}
    if password is not None:
        instructions["password"] = password
    if locale is not None:
        instructions["locale"] = locale
    if src_password is not None:
        instructions["src_password"] = src_password
    run_uno_script(SCRIPT, instructions, timeout, OfficeFillError, "fill")


def run_uno_script(script: Path, instructions: dict, timeout: int, error, what: str) -> str:
    """Run one of the uno helper scripts under Debian's Python; return its standard output.

    On a timeout the soffice it started (its process group id is in a pidfile) is killed too.
    """
    with tempfile.TemporaryDirectory(prefix=f"office-{what}-") as folder:
        path = Path(folder) / "instructions.json"
        pidfile = Path(folder) / "soffice.pid"
        instructions["pidfile"] = str(pidfile)
        path.write_text(json.dumps(instructions, ensure_ascii=False), encoding="utf-8")
        process = subprocess.Popen([SYSTEM_PYTHON, str(script), str(path)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   encoding="utf-8")
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            _kill_soffice_group(pidfile)
            raise error(f"LibreOffice {what} timed out after {timeout} s: {stderr.strip()}") from None
    if process.returncode != 0:
        raise error(f"LibreOffice {what} failed (exit {process.returncode}): {stderr.strip() or stdout.strip()}")
    return stdout


def _kill_soffice_group(pidfile: Path) -> None:
    """Kill the soffice process group that uno_fill.py started (its id is in the pidfile)."""
    try:
        pgid = int(pidfile.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
