"""The council file: who is adopting the Pledge, at which meeting, who signs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pledge_office.dates import DateProblem, parse_uk_date
from pledge_office.errors import CouncilFileError
from pledge_office.logos import Logo, bundled_logo, check_logo
from pledge_office.yamlfile import load_yaml_with_lines

COUNCIL_TEMPLATE = Path(__file__).parent / "data" / "council-template.yaml"


@dataclass(frozen=True)
class Person:
    """Someone named in the documents: an officer, a councillor, a signatory."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Partner:
    """A partner body whose logo sits beside the council's on the signing copy."""

    name: str
    logo: Logo


@dataclass(frozen=True)
class Council:
    """Everything the documents need to know about one council."""

    name: str
    short_name: str
    logo: Logo
    source: Path
    website: str = ""
    meeting_body: str = "Cabinet"
    meeting_date: Optional[date] = None
    report_title: str = "Adoption of the VCSE Pledge"
    report_of: str = ""
    report_author: Person = Person("")
    portfolio_holder: str = ""
    wards_affected: str = "All wards"
    key_decision: bool = False
    exempt: bool = False
    background_papers: Tuple[str, ...] = ()
    contact_officer: Person = Person("")
    signatories: Tuple[Person, ...] = ()
    partners: Tuple[Partner, ...] = ()
    review_officer: Person = Person("")
    review_period: str = ""
    review_due: Optional[date] = None
    review_return_to: Person = Person("")
    templates: Dict[str, Path] = field(default_factory=dict)
    reasons: str = ""
    alternatives: str = ""
    consultation: str = ""
    implications: Dict[str, str] = field(default_factory=dict)

    @property
    def uses_placeholder_logos(self) -> bool:
        """True when the partner logos are the bundled placeholders, not the bodies' own."""
        from pledge_office.logos import BUNDLED_LOGOS

        return any(p.logo.path.parent == BUNDLED_LOGOS for p in self.partners)

    @property
    def file_stem(self) -> str:
        """Return the short name made safe for a file name: 'Exampleshire CC' -> 'exampleshire-cc'."""
        stem = re.sub(r"[^a-z0-9]+", "-", self.short_name.lower()).strip("-") or "council"
        # Names Windows reserves for devices cannot be folders on a council's shared drive.
        if stem in WINDOWS_RESERVED:
            stem += "-council"
        return stem


WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}

DEFAULT_PARTNERS = (
    ("Team Staffordshire", "team-staffordshire.png"),
    ("Support Staffordshire", "support-staffordshire.png"),
)


PERSON_FIELDS = ("name", "role", "job_title", "phone", "email")
IMPLICATIONS = ("financial", "legal", "equality", "risk", "climate")
KNOWN_FIELDS = {
    "council": ("name", "short_name", "logo", "website"),
    "meeting": ("body", "date"),
    "report": ("title", "report_of", "author", "portfolio_holder", "wards_affected", "key_decision",
               "exempt", "background_papers", "reasons", "alternatives", "consultation", "implications"),
    "report.implications": IMPLICATIONS,
    "report.author": PERSON_FIELDS,
    "contact_officer": PERSON_FIELDS,
    "signatories[]": PERSON_FIELDS,
    "partners[]": ("name", "logo"),
    "review": ("period", "due", "officer", "return_to"),
    "review.officer": PERSON_FIELDS,
    "review.return_to": PERSON_FIELDS,
    "": ("council", "meeting", "report", "contact_officer", "signatories", "partners", "review", "templates"),
}


def load_council(path: Path, check_logos: bool = True) -> Council:
    """Read and check a council file, including (unless told not to) that every logo is a safe image."""
    path = Path(path)
    data, lines = load_yaml_with_lines(path, CouncilFileError)
    return council_from_mapping(data, {k: f"line {v}" for k, v in lines.items()}, path, path.parent, check_logos)


def council_from_mapping(data: dict, locations: Dict[str, str], source: Path, folder: Path,
                         check_logos: bool = True) -> Council:
    """Build a council from its fields, wherever they were read (a council file, a councils sheet).

    ``locations`` says where each field was, for messages: 'line 5' or 'Councils!C7'.
    """
    path = source
    reader = _Fields(data, locations, path)
    _refuse_unknown_fields(locations, path)
    if not check_logos:
        reader.data = {**data, "council": {**(data.get("council") or {}), "logo": None}, "partners": None}
        return _council(reader, path, None)
    return _council(reader, path, folder)


def _council(reader: "_Fields", path: Path, folder: Optional[Path]) -> Council:
    """Build the Council; with no folder, logos are not looked at (e.g. for 'check')."""
    name = reader.text("council.name", required=True)
    return Council(
        name=name,
        short_name=reader.text("council.short_name", required=True),
        logo=check_logo(
            reader.text("council.logo", required=True), folder, path,
            reader.where("council.logo"), alt=f"{name} logo",
        ) if folder else None,
        source=path,
        website=reader.text("council.website"),
        meeting_body=reader.text("meeting.body", required=True),
        meeting_date=reader.date("meeting.date", required=True),
        report_title=reader.text("report.title") or "Adoption of the VCSE Pledge",
        report_of=reader.text("report.report_of"),
        report_author=reader.person("report.author"),
        portfolio_holder=reader.text("report.portfolio_holder"),
        wards_affected=reader.text("report.wards_affected") or "All wards",
        key_decision=reader.yes_no("report.key_decision"),
        exempt=reader.yes_no("report.exempt"),
        background_papers=tuple(reader.text_list("report.background_papers")),
        contact_officer=reader.person("contact_officer"),
        signatories=tuple(reader.people("signatories", required=True)),
        partners=_partners(reader, folder, path) if folder else (),
        review_officer=reader.person("review.officer"),
        review_period=reader.text("review.period"),
        review_due=reader.date("review.due"),
        review_return_to=reader.person("review.return_to"),
        templates=_templates(reader, folder or path.parent),
        reasons=reader.text("report.reasons"),
        alternatives=reader.text("report.alternatives"),
        consultation=reader.text("report.consultation"),
        implications={key: reader.text(f"report.implications.{key}") for key in IMPLICATIONS
                      if reader.text(f"report.implications.{key}")},
    )


def _refuse_unknown_fields(lines: Dict[str, str], path: Path) -> None:
    """A misspelt field would be silently ignored: name it, and suggest the right one."""
    import difflib

    for key, line in lines.items():
        parent, _, name = re.sub(r"\[\d+\]", "[]", key).rpartition(".")
        if parent.startswith("templates") or (parent == "" and name.startswith("templates")):
            continue
        known = KNOWN_FIELDS.get(parent)
        if known is None or name.endswith("[]") or name in known:
            continue
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known fields here: {', '.join(known)}"
        raise CouncilFileError(f"unknown field '{key}'{hint}", file=path, where=line)


def _partners(reader: "_Fields", folder: Path, path: Path) -> Tuple[Partner, ...]:
    raw = reader.get("partners")
    if raw is None:
        return tuple(
            Partner(name, bundled_logo(filename, alt=f"{name} logo"))
            for name, filename in DEFAULT_PARTNERS
        )
    if not isinstance(raw, list):
        reader.fail("partners", "must be a list of partner bodies, each with 'name' and 'logo'")
    partners = []
    for i in range(1, len(raw) + 1):
        key = f"partners[{i}]"
        name = reader.text(f"{key}.name", required=True)
        logo = reader.text(f"{key}.logo", required=True)
        partners.append(Partner(name, check_logo(logo, folder, path, reader.where(f"{key}.logo"), alt=f"{name} logo")))
    return tuple(partners)


def _templates(reader: "_Fields", folder: Path) -> Dict[str, Path]:
    raw = reader.get("templates") or {}
    if not isinstance(raw, dict):
        reader.fail("templates", "must map a document (report, signing_copy, action_plan) to a .docx file")
    return {str(k): folder / str(v) for k, v in raw.items() if v}


class _Fields:
    """Typed access to the council file's fields, each error naming field and line."""

    def __init__(self, data: dict, lines: Dict[str, str], path: Path) -> None:
        self.data, self.lines, self.path = data, lines, path

    def where(self, key: str) -> str:
        location = self.lines.get(key) or self.lines.get(key.rsplit(".", 1)[0])
        return f"{location}: field '{key}'" if location else f"field '{key}'"

    def fail(self, key: str, message: str) -> None:
        raise CouncilFileError(message, file=self.path, where=self.where(key))

    def get(self, key: str):
        value = self.data
        for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
            if part.startswith("["):
                index = int(part[1:-1]) - 1
                value = value[index] if isinstance(value, list) and index < len(value) else None
            else:
                value = value.get(part) if isinstance(value, dict) else None
            if value is None:
                return None
        return value

    def text(self, key: str, required: bool = False) -> str:
        value = self.get(key)
        if isinstance(value, (dict, list)):
            self.fail(key, "must be a single value, not a list or mapping")
        text = "" if value is None else " ".join(str(value).split())
        if required and not text:
            self.fail(key, "is missing or empty; fill it in (see 'pledge-office init' for an example)")
        return text

    def text_list(self, key: str) -> List[str]:
        value = self.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.fail(key, "must be a list of texts")
        return [" ".join(str(v).split()) for v in value if v is not None and str(v).strip()]

    def date(self, key: str, required: bool = False) -> Optional[date]:
        value = self.get(key)
        if isinstance(value, date):
            return value
        if value is None or not str(value).strip():
            if required:
                self.fail(key, "is missing; give a date as YYYY-MM-DD or DD/MM/YYYY")
            return None
        try:
            return parse_uk_date(str(value))
        except DateProblem as exc:
            self.fail(key, str(exc))

    def yes_no(self, key: str) -> bool:
        value = self.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if text in ("yes", "y", "true"):
            return True
        if text in ("no", "n", "false", ""):
            return False
        self.fail(key, f"must be yes or no, not '{value}'")

    def person(self, key: str, required: bool = False) -> Person:
        value = self.get(key)
        if value is None and not required:
            return Person("")
        if not isinstance(value, dict):
            self.fail(key, "must have 'name' (and 'role', 'phone', 'email' where known)")
        return Person(
            name=self.text(f"{key}.name", required=True),
            role=self.text(f"{key}.role") or self.text(f"{key}.job_title"),
            phone=self.text(f"{key}.phone"),
            email=self.text(f"{key}.email"),
        )

    def people(self, key: str, required: bool = False) -> List[Person]:
        value = self.get(key)
        if not value and required:
            self.fail(key, "must list at least one person, each with 'name' and 'role'")
        if value and not isinstance(value, list):
            self.fail(key, "must be a list of people, each with 'name' and 'role'")
        return [self.person(f"{key}[{i}]", required=True) for i in range(1, len(value or []) + 1)]
