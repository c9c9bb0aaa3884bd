"""Shared factories: council files, logos and LibreOffice, built in code under tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

# Test helpers (factories, LibreOffice and UNO drivers, mail builders) live in tests/support/.
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).parent / "fixtures"


def sample_council_data() -> dict:
    return yaml.safe_load((SAMPLES / "exampleshire.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def make_council(tmp_path):
    """Write a council file (the sample, with changes) and its logo; return its path.

    ``changes`` maps dotted field names to values; a value of None removes the field.
    """

    def make(name: str = "council.yaml", **changes) -> Path:
        data = sample_council_data()
        for dotted, value in changes.items():
            _set(data, dotted.replace("__", "."), value)
        folder = tmp_path / "council"
        folder.mkdir(exist_ok=True)
        shutil.copy(SAMPLES / "exampleshire-logo.png", folder / "exampleshire-logo.png")
        path = folder / name
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path

    return make


def _set(data: dict, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    if value is None:
        data.pop(last, None)
    else:
        data[last] = value


def soffice_path():
    from pledge_office.office.libreoffice import find_soffice

    return find_soffice()


@pytest.fixture(scope="session")
def soffice():
    """The LibreOffice binary; CI sets PLEDGE_OFFICE_REQUIRE_OFFICE=1 so these tests never skip."""
    path = soffice_path()
    if not path:
        if os.environ.get("PLEDGE_OFFICE_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice is required (PLEDGE_OFFICE_REQUIRE_OFFICE=1) but not installed")
        pytest.skip("LibreOffice is not installed; run tests/install-office.sh")
    return path


def convert(soffice: str, files, out_dir: Path, target: str = "pdf") -> None:
    """Convert files with one LibreOffice run (the package's own runner), and insist each was made."""
    from pledge_office.office.libreoffice import convert as run_libreoffice

    run_libreoffice([Path(f) for f in files], Path(out_dir), target, timeout=240, program=soffice)
    extension = target.split(":")[0]
    missing = [f for f in files if not (Path(out_dir) / (Path(f).stem + "." + extension)).exists()]
    assert not missing, f"LibreOffice did not convert {missing}"


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture(scope="session")
def uno():
    """LibreOffice driven through python3-uno (typing into cells, restyling in Writer)."""
    from office_fill import uno_available

    if not uno_available():
        if os.environ.get("PLEDGE_OFFICE_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice with python3-uno is required (PLEDGE_OFFICE_REQUIRE_OFFICE=1) "
                        "but /usr/bin/python3 cannot import uno or soffice is not on PATH")
        pytest.skip("needs LibreOffice and python3-uno (tests/install-office.sh installs them)")
