"""Restyle and edit a Word document through LibreOffice Writer from the tests, as an officer would.

The work is done by ``uno_restyle.py`` under Debian's ``/usr/bin/python3``: only that Python
can ``import uno``. See that script's docstring for the steps.

    restyle_with_libreoffice(src, dst, [
        {"op": "font", "name": "Georgia", "size": 12},
        {"op": "move_paragraph", "containing": "{{ logos.council }}", "to": "after",
         "after_containing": "{{ report.title }}"},
        {"op": "retype", "containing": "1.1 To ask", "text": "1.1 This report asks ..."},
    ])
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from office_fill import SYSTEM_PYTHON, _kill_soffice_group, uno_available  # noqa: F401

SCRIPT = Path(__file__).resolve().parent / "uno_restyle.py"
DOCX = "MS Word 2007 XML"


class OfficeRestyleError(RuntimeError):
    """LibreOffice could not carry out the steps; the message holds the script's stderr."""


def restyle_with_libreoffice(src: Path, dst: Path, steps: list, timeout: int = 180, *,
                             filter: str = DOCX) -> dict:
    """Open a private copy of ``src`` in LibreOffice Writer, apply ``steps``, store ``dst``.

    ``filter`` is "MS Word 2007 XML" (docx, the default), "writer8" (odt) or "MS Word 97"
    (doc). ``src`` is never modified. Returns the script's summary, e.g.
    ``{"steps": [{"op": "replace", "replaced": 2}, ...]}``.
    """
    instructions = {"src": str(Path(src).resolve()), "dst": str(Path(dst).resolve()),
                    "filter": filter, "steps": list(steps),
                    # the script's own watchdog fires first and cleans up after itself
                    "timeout": max(10, timeout - 20)}
    with tempfile.TemporaryDirectory(prefix="office-restyle-") as folder:
        path = Path(folder) / "instructions.json"
        pidfile = Path(folder) / "soffice.pid"
        instructions["pidfile"] = str(pidfile)
        path.write_text(json.dumps(instructions, ensure_ascii=False), encoding="utf-8")
        process = subprocess.Popen([SYSTEM_PYTHON, str(SCRIPT), str(path)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   encoding="utf-8")
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            _kill_soffice_group(pidfile)
            raise OfficeRestyleError(f"LibreOffice restyle timed out after {timeout} s: "
                                     f"{stderr.strip()}") from None
    if process.returncode != 0:
        raise OfficeRestyleError(f"LibreOffice restyle failed (exit {process.returncode}): "
                                 f"{stderr.strip() or stdout.strip()}")
    try:
        return json.loads(stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {}
