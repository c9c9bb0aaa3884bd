"""The Pledge as data: one definition shared by every document and workbook."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple


@dataclass(frozen=True)
class Clause:
    """One numbered paragraph of the pledge: an introduction clause or a commitment."""

    ref: str
    text: str
    short_title: str = ""  # a few plain words a Cabinet member would recognise; commitments only

    @property
    def title(self) -> str:
        """Return the short title, or the opening words of the text when the pledge file gives none."""
        if self.short_title:
            return self.short_title
        words = self.text.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")

    @property
    def fingerprint(self) -> str:
        """Return a short hash of the text, so a reader can tell if it was edited."""
        normalised = " ".join(self.text.split())
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Pledge:
    """The pledge a council adopts: title, introduction 1.1-1.5, commitments a-h."""

    version: str
    title: str
    endorsed_by: str
    introduction: Tuple[Clause, ...]
    commitments_heading: str
    commitments: Tuple[Clause, ...]
    source: Path

    def commitment(self, ref: str) -> Optional[Clause]:
        """Return the commitment with this ref (case-insensitive), if any."""
        wanted = ref.strip().lower().rstrip(".")
        return next((c for c in self.commitments if c.ref.lower() == wanted), None)
