"""The council file: who is adopting the Pledge, at which meeting, who signs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pledge_office.model.council_fields import IMPLICATIONS, known_fields  # noqa: F401 (IMPLICATIONS: re-exported)
from pledge_office.model.logo import Logo
from pledge_office.model.pledge import Partner, Pledge, slug


@dataclass(frozen=True)
class Person:
    """Someone named in the documents: an officer, a councillor, a signatory."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    organisation: str = ""  # a co-signatory's: the partner body they sign for


@dataclass(frozen=True)
class Monitoring:
    """How the action plan is governed: who approves it, where progress goes, and when."""

    approved_by: str = ""           # the body that approves the plan, e.g. Cabinet
    approved_on: Optional[date] = None
    reported_to: str = ""           # e.g. Communities Overview and Scrutiny Committee
    frequency: str = ""             # e.g. every six months
    next_update: Optional[date] = None
    next_review: Optional[date] = None


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
    report_title: str = ""  # '' means "Adoption of the" and the pledge's title
    report_of: str = ""
    report_author: Person = Person("")
    portfolio_holder: str = ""
    wards_affected: str = "All wards"
    key_decision: bool = False
    exempt: bool = False
    background_papers: Tuple[str, ...] = ()
    contact_officer: Person = Person("")
    signatories: Tuple[Person, ...] = ()
    partners: Optional[Tuple[Partner, ...]] = None  # None: the pledge's own partner bodies
    review_officer: Person = Person("")
    review_period: str = ""
    review_due: Optional[date] = None
    review_return_to: Person = Person("")
    templates: Dict[str, Path] = field(default_factory=dict)
    reasons: str = ""
    alternatives: str = ""
    consultation: str = ""
    implications: Dict[str, str] = field(default_factory=dict)
    monitoring: Monitoring = Monitoring()
    agenda_item: str = ""
    forward_plan_reference: str = ""
    call_in: Optional[bool] = None  # None: yes at Cabinet, not applicable at other meetings
    exemption_paragraph: str = ""
    finance_officer: str = ""
    monitoring_officer: str = ""
    council_plan_priority: str = ""
    delegate_to: str = ""
    equality_screening: str = ""
    appendices: Tuple[str, ...] = ()
    co_signatories: Tuple[Person, ...] = ()

    def partners_for(self, pledge: Pledge) -> Tuple[Partner, ...]:
        """Return the partner bodies on the signing copy: the council file's, else the pledge's."""
        return pledge.partners if self.partners is None else self.partners

    def uses_placeholder_logos(self, pledge: Pledge) -> bool:
        """True when a partner logo on the signing copy is a placeholder shipped with pledge-office."""
        from pledge_office.office.resources import is_placeholder_logo

        return any(p.logo and is_placeholder_logo(p.logo.path) for p in self.partners_for(pledge))

    def title_for(self, pledge: Pledge) -> str:
        """Return the report's title: the council file's, else 'Adoption of' the pledge."""
        return self.report_title or f"Adoption of the {pledge.title}"

    def report_gaps(self) -> List[str]:
        """Return the council-file fields the report marks [To fill in] because only the council knows them."""
        given = {"report.equality_screening": self.equality_screening, "report.finance_officer": self.finance_officer,
                 "report.monitoring_officer": self.monitoring_officer}
        return [name for name, value in given.items() if not (value or "").strip()]

    def example_values_left(self) -> List[str]:
        """Return the example names, phones and emails from 'pledge-office init' still in this council's file."""
        from pledge_office.model.council_fields import example_people

        people = [self.report_author, self.contact_officer, self.review_officer, self.review_return_to,
                  *self.signatories, *self.co_signatories]
        values = [v for p in people for v in (p.name, p.phone, p.email)]
        examples = example_people()
        return list(dict.fromkeys(v for v in values if v and v in examples))

    @property
    def file_stem(self) -> str:
        """Return the short name made safe for a file name: 'Exampleshire CC' -> 'exampleshire-cc'."""
        stem = slug(self.short_name) or "council"
        # Names Windows reserves for devices cannot be folders on a council's shared drive.
        if stem in WINDOWS_RESERVED:
            stem += "-council"
        return stem


# The signing copy holds this many rows of two signature blocks on one page, A3 or
# A4, with its type above a legible floor (signing_copy.FLOOR_PT); the
# co-signatories start a row of their own. Measured with LibreOffice.
MAX_SIGNATURE_ROWS = 5
MAX_SIGNATURES = 2 * MAX_SIGNATURE_ROWS


def signature_rows(signatories: int, co_signatories: int) -> int:
    """Return how many rows of two the signature blocks take."""
    return (signatories + 1) // 2 + (co_signatories + 1) // 2

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}

KNOWN_FIELDS = known_fields()
