"""The demo: every step of the Pledge's life, on the bundled sample council."""

from __future__ import annotations

from pathlib import Path
from typing import List

SAMPLE_COUNCIL_FILE = "exampleshire.yaml"


def sample_council_file() -> Path:
    """Return the bundled sample council file (installed, or in a source checkout)."""
    try:
        from importlib.resources import files

        path = Path(str(files("pledge_office.samples").joinpath(SAMPLE_COUNCIL_FILE)))
        if path.is_file():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "samples" / SAMPLE_COUNCIL_FILE


def run_demo(folder: Path, force: bool = False) -> List[Path]:
    """Write the sample council's adoption pack into ``folder``."""
    from pledge_office.adoption import load_inputs, write_adoption_pack

    council, pledge = load_inputs(sample_council_file())
    return write_adoption_pack(council, pledge, Path(folder), force=force)
