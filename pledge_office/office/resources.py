"""Files that ship with pledge-office: templates, samples, the bundled pledge and logos.

Installed, they are package data; in a source checkout, the top-level
``templates/`` and ``samples/`` folders. Every lookup goes through here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_FOLDER = Path(__file__).resolve().parent.parent
DATA_FOLDER = PACKAGE_FOLDER / "data"
BUNDLED_PLEDGE = DATA_FOLDER / "pledge.yaml"
BUNDLED_LOGOS = DATA_FOLDER / "logos"
SAMPLE_COUNCIL_FILE = "exampleshire.yaml"
SAMPLE_RETURNED_FILE = "exampleshire-returned.xlsx"


def _packaged(package: str, name: str, checkout_folder: str) -> Path:
    """Return an installed package-data file, or the same file in a source checkout."""
    try:
        from importlib.resources import files

        path = Path(str(files(package).joinpath(name)))
        if path.is_file():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return PACKAGE_FOLDER.parent / checkout_folder / name


def shipped_template(name: str) -> Path:
    """Return the path of a Word template that ships with pledge-office."""
    return _packaged("pledge_office.templates", name, "templates")


def sample_file(name: str) -> Path:
    """Return a bundled sample file (installed, or in a source checkout)."""
    return _packaged("pledge_office.samples", name, "samples")


def sample_council_file() -> Path:
    """Return the fictional sample council's file."""
    return sample_file(SAMPLE_COUNCIL_FILE)
