"""The one finding type: what every check reports ('check', 'templates check', 'accessibility').

A finding is not an exception: checks collect them all, so an officer sees
every problem at once. Each is located as precisely as possible (file, then
sheet and cell, paragraph or page) and, where it helps, says how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

SEVERITIES = ("error", "warning", "repaired")


@dataclass
class Finding:
    """One thing a check found: where, what, how serious, and how to fix it."""

    file: Optional[Path]
    where: str           # e.g. "Review!C7", "paragraph 12", "page 2", or "" for the whole file
    message: str
    severity: str = "error"  # error | warning | repaired
    fix: str = ""

    def __str__(self) -> str:
        parts = [str(self.file)] if self.file is not None else []
        if self.where:
            parts.append(self.where)
        parts.append(f"{self.severity}: {self.message}" + (f"; {self.fix}" if self.fix else ""))
        return ": ".join(parts)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
