"""Files that ship with pledge-office: templates, samples, the bundled pledge and logos.

Installed, they are package data; in a source checkout, the top-level
``templates/`` and ``samples/`` folders. Every lookup goes through here.
"""

from __future__ import annotations

import functools
from pathlib import Path

PACKAGE_FOLDER = Path(__file__).resolve().parent.parent
DATA_FOLDER = PACKAGE_FOLDER / "data"
BUNDLED_PLEDGE = DATA_FOLDER / "pledge.yaml"
BUNDLED_LOGOS = DATA_FOLDER / "logos"
PLEDGE_TEMPLATE = DATA_FOLDER / "pledge-template.yaml"  # what 'init --pledge' writes
SAMPLE_COUNCIL_FILE = "exampleshire.yaml"
SAMPLE_RETURNED_FILE = "exampleshire-returned.xlsx"
# Named examples for 'pledge-office demo --example': (pledge file or None for the bundled one, council file).
EXAMPLES = {
    "exampleshire": (None, SAMPLE_COUNCIL_FILE),
    "sampleshire": ("sampleshire-compact.yaml", "sampleton.yaml"),
}


@functools.lru_cache(maxsize=None)
def _packaged(package: str, name: str, checkout_folder: str) -> Path:
    """Return an installed package-data file, or the same file in a source checkout (looked up once)."""
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


def is_placeholder_logo(path: Path) -> bool:
    """True for a logo shipped with pledge-office: drawn as a placeholder, never a body's real mark."""
    return Path(path).resolve().parent in _placeholder_folders()


@functools.lru_cache(maxsize=None)
def _placeholder_folders() -> frozenset:
    return frozenset({BUNDLED_LOGOS.resolve(), sample_council_file().parent.resolve()})


def example_files(name: str):
    """Return a named example's pledge file (None: the bundled pledge) and sample council file."""
    pledge_name, council_name = EXAMPLES[name]
    return (sample_file(pledge_name) if pledge_name else None), sample_file(council_name)
