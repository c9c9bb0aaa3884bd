"""Everything local is data: no place, body or sector name in the package's code or templates.

Only the bundled pledge file (pledge_office/data/pledge.yaml) and the samples
may name an area, its bodies or its sector; the code and the Word templates
take every such name from the pledge file.
"""

import re
import zipfile
from pathlib import Path

import pytest

from pledge_office.inputs.pledge_file import load_pledge

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pledge_office"
ALLOWED = {PACKAGE / "data" / "pledge.yaml"}
SECOND_PLEDGE = ROOT / "samples" / "sampleshire-compact.yaml"


def local_names():
    """The names that belong to the two shipped pledges' areas, bodies and sectors."""
    names = {"Staffordshire", "VCSE"}
    for pledge in (load_pledge(), load_pledge(SECOND_PLEDGE)):
        names |= {pledge.endorsed_by, pledge.umbrella.name, pledge.sector.abbreviation, pledge.sector.name}
        names |= {p.name for p in pledge.partners}
    return sorted(n for n in names if n)


def code_and_template_texts():
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path not in ALLOWED and path.suffix in (".py", ".yaml", ".yml", ".txt", ".md", ".json"):
            yield path.relative_to(ROOT), path.read_text(encoding="utf-8")
    for path in (ROOT / "tools" / "build_templates.py",):
        yield path.relative_to(ROOT), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "templates").glob("*.docx")):
        with zipfile.ZipFile(path) as package:
            text = " ".join(package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml"))
        yield path.relative_to(ROOT), re.sub(r"<[^>]+>", "", text)


def test_the_local_names_cover_both_pledges():
    names = local_names()
    assert "Support Staffordshire" in names and "Team Staffordshire" in names
    assert "VCS" in names and "Sampleshire Council for Voluntary Service" in names


@pytest.mark.parametrize("where,text", list(code_and_template_texts()), ids=lambda v: str(v)[:60])
def test_no_local_name_in_code_or_templates(where, text):
    for name in local_names():
        pattern = r"\b" + re.escape(name) + r"\b"
        found = re.search(pattern, text, flags=re.IGNORECASE if len(name) > 4 else 0)
        assert not found, f"{where} names '{name}': put it in the pledge file instead"
