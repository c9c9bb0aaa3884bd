"""Reading a council file (or a councils-sheet row) into a Council, every error located."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pledge_office.errors import CouncilFileError
from pledge_office.inputs.logos import check_logo
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.inputs.yaml_file import load_yaml_with_lines, value_at
from pledge_office.model.council import (
    IMPLICATIONS, KNOWN_FIELDS, MAX_SIGNATURE_ROWS, MAX_SIGNATURES, Council, Monitoring, Partner, Person,
    signature_rows,
)
from pledge_office.model.dates import DateProblem, parse_uk_date
from pledge_office.model.pledge import Pledge
from pledge_office.office.text import clean_text

NAME_LIMIT = 150    # a council name names files and folders: file systems allow 255 bytes
TEXT_LIMIT = 20_000  # any other field: several paragraphs of the report at most


def load_inputs(council_file: Path, pledge_file: Optional[Path] = None) -> Tuple[Council, Pledge]:
    """Load and check the council file and the pledge before anything is written."""
    pledge = load_pledge(pledge_file)
    council = load_council(council_file)
    return council, pledge


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
        report_title=reader.text("report.title"),
        report_of=reader.text("report.report_of"),
        report_author=reader.person("report.author"),
        portfolio_holder=reader.text("report.portfolio_holder"),
        wards_affected=reader.text("report.wards_affected") or "All wards",
        key_decision=reader.yes_no("report.key_decision"),
        exempt=reader.yes_no("report.exempt"),
        background_papers=tuple(reader.text_list("report.background_papers")),
        contact_officer=reader.person("contact_officer"),
        signatories=tuple(_signatories(reader)),
        partners=_partners(reader, folder, path) if folder else None,
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
        monitoring=_monitoring(reader),
        agenda_item=reader.text("report.agenda_item"),
        forward_plan_reference=reader.text("report.forward_plan_reference"),
        call_in=None if reader.get("report.call_in") in (None, "") else reader.yes_no("report.call_in"),
        exemption_paragraph=_exemption(reader),
        finance_officer=reader.text("report.finance_officer"),
        monitoring_officer=reader.text("report.monitoring_officer"),
        council_plan_priority=reader.text("report.council_plan_priority"),
        delegate_to=reader.text("report.delegate_to"),
        equality_screening=reader.text("report.equality_screening"),
        appendices=tuple(reader.text_list("report.appendices")),
        co_signatories=tuple(_co_signatories(reader)),
    )


def _exemption(reader: "_Fields") -> str:
    """An exempt report names the paragraph of Schedule 12A that makes it so."""
    paragraph = reader.text("report.exemption_paragraph")
    if reader.yes_no("report.exempt") and not paragraph:
        reader.fail("report.exempt", "is yes, so give report.exemption_paragraph: the paragraph of Schedule 12A "
                                     "to the Local Government Act 1972 that applies (1 to 7)")
    return paragraph


def _signatories(reader: "_Fields") -> List[Person]:
    people = reader.people("signatories", required=True)
    _refuse_too_many(reader, "signatories", len(people), len(reader.get("co_signatories") or []))
    return people


def _refuse_too_many(reader: "_Fields", key: str, signatories: int, co_signatories: int) -> None:
    """The signing copy is one page with legible type: refuse, naming the maximum, what would not fit."""
    if signature_rows(signatories, co_signatories) > MAX_SIGNATURE_ROWS:
        also = f" and {co_signatories} co-signatories" if co_signatories else ""
        reader.fail(key, f"lists {signatories} signatories{also}; the signing copy holds at most "
                         f"{MAX_SIGNATURES} signatures, two to a row ({MAX_SIGNATURE_ROWS} rows, co-signatories "
                         "starting a row of their own), on one page with type no smaller than 12 pt on A3 and "
                         "9 pt on A4: list fewer, and have the others sign a second copy")


def _co_signatories(reader: "_Fields") -> List[Person]:
    people = reader.people("co_signatories")
    for number, person in enumerate(people, start=1):
        if not person.organisation:
            reader.fail(f"co_signatories[{number}]", "needs 'organisation': the partner body they sign for")
    return people


def _monitoring(reader: "_Fields") -> Monitoring:
    """Read how the action plan is approved and monitored (all optional)."""
    if reader.get("monitoring") is not None and not isinstance(reader.get("monitoring"), dict):
        reader.fail("monitoring", "must have fields such as 'approved_by', 'reported_to' and 'next_update'")
    return Monitoring(
        approved_by=reader.text("monitoring.approved_by"),
        approved_on=reader.date("monitoring.approved_on"),
        reported_to=reader.text("monitoring.reported_to"),
        frequency=reader.text("monitoring.frequency"),
        next_update=reader.date("monitoring.next_update"),
        next_review=reader.date("monitoring.next_review"),
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


def _partners(reader: "_Fields", folder: Path, path: Path) -> Optional[Tuple[Partner, ...]]:
    """Return the council file's partner bodies, or None to use the pledge file's."""
    raw = reader.get("partners")
    if raw is None:
        return None
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
        reader.fail("templates", "must map a document (report, signing_copy, action_plan, progress_report) to a .docx file")
    return {str(k): folder / str(v) for k, v in raw.items() if v}


_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def is_email_address(text: str) -> bool:
    """Return whether ``text`` could be sent to: one address, no spaces, a domain with a dot."""
    return bool(_EMAIL.fullmatch(text.strip()))


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
        return value_at(self.data, key)

    def text(self, key: str, required: bool = False) -> str:
        value = self.get(key)
        if isinstance(value, (dict, list)):
            self.fail(key, "must be a single value, not a list or mapping")
        text = "" if value is None else " ".join(clean_text(str(value)).split())
        if required and not text:
            self.fail(key, "is missing or empty; fill it in (see 'pledge-office init' for an example)")
        limit = NAME_LIMIT if key in ("council.name", "council.short_name") else TEXT_LIMIT
        if len(text) > limit:
            self.fail(key, f"is {len(text):,} characters long; the most it can be is {limit:,} "
                           "(it names files and headings); shorten it")
        return text

    def text_list(self, key: str) -> List[str]:
        value = self.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.fail(key, "must be a list of texts")
        texts = [" ".join(clean_text(str(v)).split()) for v in value if v is not None and str(v).strip()]
        if any(len(t) > TEXT_LIMIT for t in texts):
            self.fail(key, f"has an item over {TEXT_LIMIT:,} characters long; shorten it")
        return texts

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
            email=self.email(f"{key}.email"),
            organisation=self.text(f"{key}.organisation"),
        )

    def email(self, key: str) -> str:
        """Return an email address, refusing one that could not be sent to ('tom at example')."""
        value = self.text(key)
        if "<" in value:  # 'Jo Bloggs <jo@council.gov.uk>', as copied from an email: keep the address
            from email.utils import parseaddr

            value = parseaddr(value)[1] or value
        if value and not _EMAIL.fullmatch(value):
            self.fail(key, f"'{value}' is not an email address; write it as name@council.gov.uk, with no spaces")
        return value

    def people(self, key: str, required: bool = False) -> List[Person]:
        value = self.get(key)
        if not value and required:
            self.fail(key, "must list at least one person, each with 'name' and 'role'")
        if value and not isinstance(value, list):
            self.fail(key, "must be a list of people, each with 'name' and 'role'")
        return [self.person(f"{key}[{i}]", required=True) for i in range(1, len(value or []) + 1)]
