"""A logo that has been checked, ready to place in a document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class Logo:
    """A logo file that has been checked, with the alternative text it carries."""

    path: Path
    alt: str
    width_px: int
    height_px: int
    converted: Optional[bytes] = None  # a PNG copy, when Word could not show the file as it is

    def source(self):
        """What to put in a document: the file itself, or its converted copy."""
        import io

        return io.BytesIO(self.converted) if self.converted else str(self.path)

    @property
    def aspect(self) -> float:
        return self.width_px / self.height_px
