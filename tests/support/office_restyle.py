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
from pathlib import Path

from office_fill import run_uno_script, uno_available  # noqa: F401 (uno_available is re-exported)

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
    stdout = run_uno_script(SCRIPT, instructions, timeout, OfficeRestyleError, "restyle")
    try:
        return json.loads(stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {}
