"""The council file's fields, declared once.

This one table feeds the council-file loader (which fields exist, so a
misspelt one is named with a suggestion), the councils sheet's columns (for
'batch'), and the commented file 'pledge-office init' writes. Adding a field
here adds it to all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, Tuple


@dataclass(frozen=True)
class CouncilField:
    """One field of the council file, and how the councils sheet and the init file show it."""

    path: str              # dotted, with [] for list items: 'meeting.date', 'signatories[].name'
    kind: str = "text"     # text | date | yesno | list | section | people | mapping
    required: bool = False
    example: object = None  # what the init file shows; None leaves the field out of it
    help: str = ""          # a comment in the init file and the input message on the sheet
    column: str = ""        # the councils sheet's header; '' keeps it off the sheet
    width: int = 22
    commented: bool = False  # shown in the init file as a commented-out line, to uncomment if wanted

    @property
    def parent(self) -> str:
        return self.path.rpartition(".")[0]

    @property
    def name(self) -> str:
        return self.path.rpartition(".")[2]


PERSON_FIELDS = ("name", "role", "job_title", "phone", "email")
IMPLICATIONS = ("financial", "legal", "equality", "risk", "climate", "council_plan")
SHEET_SIGNATORIES = 4  # numbered signatory columns on the councils sheet
SHEET_COUNTS = {"signatories": SHEET_SIGNATORIES, "co_signatories": 2, "partners": 3}  # numbered columns per list

F = CouncilField
FIELDS: Tuple[CouncilField, ...] = (
    F("council", "section"),
    F("council.name", required=True, example="Exampleshire County Council", column="Council name", width=32,
      help="as it should appear on the documents"),
    F("council.short_name", required=True, example="Exampleshire", column="Short name", width=16,
      help="used in file and folder names"),
    F("council.logo", required=True, example="logo.png", column="Logo file", width=26,
      help="PNG or JPEG, in the same folder as this file"),
    F("council.website", example="https://www.exampleshire.example", column="Website", width=28),

    F("meeting", "section"),
    F("meeting.body", required=True, example="Cabinet", column="Deciding body", width=18,
      help="Cabinet, Full Council or a named committee"),
    F("meeting.date", "date", required=True, example="2027-02-10", column="Meeting date", width=14,
      help="the date of the meeting"),

    F("report", "section"),
    F("report.title", example="Adoption of the Pledge", commented=True,
      help="leave out for 'Adoption of the' and the pledge's title"),
    F("report.report_of", example="Director of Communities", column="Report of", width=24,
      help="the director the report is from"),
    F("report.author", "section"),
    F("report.author.name", example="Jordan Sample", column="Report author"),
    F("report.author.job_title", example="Community Partnerships Manager", column="Report author job title",
      width=26),
    F("report.portfolio_holder", example="Councillor Alex Placeholder, Cabinet Member for Communities",
      column="Portfolio holder", width=30),
    F("report.wards_affected", example="All wards", column="Wards affected", width=16),
    F("report.key_decision", "yesno", example="no", column="Key decision", width=12, help="yes or no"),
    F("report.exempt", "yesno", example="no", column="Exempt", width=10,
      help="yes if the report is exempt from publication"),
    F("report.background_papers", "list", example=["None"]),
    F("report.reasons", example="Adopting the Pledge makes public ...", commented=True,
      help="the report has standard wording for these; write your own to replace it"),
    F("report.alternatives", example="Not adopting the Pledge ...", commented=True),
    F("report.consultation", example="The umbrella body has been consulted ...", commented=True),
    F("report.implications", "section", commented=True),
    *(F(f"report.implications.{key}", example="...", commented=True) for key in IMPLICATIONS),
    F("report.agenda_item", example="7", column="Agenda item", width=10,
      help="the report's item number on the meeting's agenda"),
    F("report.forward_plan_reference", example="FP/2027/014", column="Forward plan reference", width=18,
      commented=True,
      help="a key decision's reference in the forward plan; leave out if there is none"),
    F("report.call_in", "yesno", example="yes", column="Subject to call-in", width=12, commented=True,
      help="yes if the decision can be called in; leave out for yes at Cabinet, not applicable elsewhere"),
    F("report.exemption_paragraph", example="3", commented=True,
      help="an exempt report: the paragraph of Schedule 12A to the Local Government Act 1972 that applies"),
    F("report.finance_officer", example="Pat Ledger, Chief Finance Officer", column="Finance officer", width=26,
      help="who comments on the financial implications"),
    F("report.monitoring_officer", example="Robin Statute, Monitoring Officer", column="Monitoring officer",
      width=26, help="who comments on the legal implications"),
    F("report.council_plan_priority", example="Strong, connected communities", column="Council plan priority",
      width=26, help="the council plan priority that adopting the Pledge supports"),
    F("report.delegate_to", example="Director of Communities", column="Action plan delegated to", width=24,
      help="the post that prepares and keeps the action plan, in consultation with the portfolio holder"),
    F("report.equality_screening", example="An equality impact screening found no negative impact on people "
      "with protected characteristics; a full assessment is not needed.", commented=True,
      column="Equality screening", width=40,
      help="whether an equality impact screening was done and what it found, in a sentence; "
           "without it the report marks the point [To fill in]"),
    F("report.appendices", "list", example=["Equality impact screening"], commented=True,
      help="further appendices, after Appendix A (the Pledge); each a title"),

    F("contact_officer", "section"),
    F("contact_officer.name", example="Jordan Sample", column="Contact officer"),
    F("contact_officer.job_title", example="Community Partnerships Manager", column="Contact job title", width=26),
    F("contact_officer.phone", example="01632 960000", column="Contact phone", width=16, help="use a real extension"),
    F("contact_officer.email", example="jordan.sample@exampleshire.example", column="Contact email", width=30),

    F("signatories", "people", required=True,
      example=[{"name": "Councillor Alex Placeholder", "role": "Leader of the Council"},
               {"name": "Sam Exemplar", "role": "Chief Executive"}],
      help="everyone who signs the Pledge at the meeting, in the order they sign"),
    F("signatories[].name", column="Signatory {n} name", width=26, help="someone who signs the Pledge at the meeting"),
    F("signatories[].role", column="Signatory {n} role", width=26, help="e.g. Leader of the Council"),
    F("signatories[].job_title"), F("signatories[].phone"), F("signatories[].email"),

    F("co_signatories", "people", commented=True,
      example=[{"name": "Casey Umbrella", "role": "Chief Executive", "organisation": "Exampleshire Voluntary Action"}],
      help="people from partner organisations who sign beside the council (optional): name, role, organisation"),
    F("co_signatories[].name", column="Co-signatory {n} name", width=26,
      help="someone from a partner organisation who signs beside the council"),
    F("co_signatories[].role", column="Co-signatory {n} role", width=24, help="e.g. Chief Executive"),
    F("co_signatories[].organisation", column="Co-signatory {n} organisation", width=28,
      help="the organisation they sign for"),

    F("partners", "people", commented=True, example=[{"name": "Partner Body", "logo": "partner-logo.png"}],
      help="partner bodies whose logos sit beside the council's; leave out to use the pledge's own "
           "(PLACEHOLDER logos, drawn for testing: ask the bodies for their real logos)"),
    F("partners[].name", column="Partner {n} name", width=26,
      help="a partner body whose logo sits beside the council's; leave every partner blank for the "
           "pledge's own (placeholder) logos"),
    F("partners[].logo", column="Partner {n} logo", width=24, help="its logo file (PNG or JPEG), in the same "
      "folder as this sheet"),

    F("review", "section", help="the periodic review of the Pledge against day-to-day practice"),
    F("review.period", example="2026/27", column="Review period", width=14, help="e.g. 2026/27"),
    F("review.due", "date", example="2027-03-31", column="Review due", width=14,
      help="the date the workbook is due back"),
    F("review.officer", "section", help="the nominated council officer who fills in the review"),
    F("review.officer.name", example="Jordan Sample", column="Review officer"),
    F("review.officer.job_title", example="Community Partnerships Manager", column="Review officer job title",
      width=26),
    F("review.officer.email", example="jordan.sample@exampleshire.example", column="Review officer email", width=30),
    F("review.return_to", "section", help="who the workbook goes back to"),
    F("review.return_to.name", example="Casey Umbrella", column="Return to"),
    F("review.return_to.job_title", example="Partnership Officer", column="Return to job title", width=26),
    F("review.return_to.email", example="casey.umbrella@umbrella.example", column="Return to email", width=30),

    F("monitoring", "section", help="how the action plan is approved and monitored (optional); until "
      "approved_on is given the plan says Draft"),
    F("monitoring.approved_by", example="Cabinet", column="Plan approved by", width=20,
      help="the body that approves the action plan"),
    F("monitoring.approved_on", "date", example="2027-06-09", commented=True, help="fill in once it is approved"),
    F("monitoring.reported_to", example="Communities Overview and Scrutiny Committee", column="Progress reported to",
      width=30, help="where progress on the plan is reported"),
    F("monitoring.frequency", example="every six months", column="Progress reported how often", width=18,
      help="how often progress is reported"),
    F("monitoring.next_update", "date", example="2027-10-14", column="Next progress update", width=14,
      help="the date of the next progress update"),
    F("monitoring.next_review", "date", example="2028-03-31", column="Next review", width=14,
      help="the date of the next full review"),

    F("templates", "mapping", commented=True,
      example={"report": "our-report-template.docx", "signing_copy": "our-signing-copy.docx",
               "action_plan": "our-action-plan.docx", "progress_report": "our-progress-report.docx"},
      help="your own Word templates, if the council has a house style (optional)"),
    F("templates.report", column="Report template", width=24,
      help="the council's own report template (.docx), in the same folder as this sheet (optional)"),
    F("templates.signing_copy", column="Signing copy template", width=24,
      help="the council's own signing copy template (.docx) (optional)"),
    F("templates.action_plan", column="Action plan template", width=24,
      help="the council's own action plan template (.docx) (optional)"),
)
del F

# Person-shaped fields take any of PERSON_FIELDS, whether or not each is listed above.
_PEOPLE = ("report.author", "contact_officer", "signatories[]", "co_signatories[]", "review.officer",
           "review.return_to")


def known_fields() -> Dict[str, Tuple[str, ...]]:
    """Return, for each parent ('' for the top), the names of the fields it may hold."""
    known: Dict[str, list] = {}
    for item in FIELDS:
        known.setdefault(item.parent, [])
        if item.name not in known[item.parent]:
            known[item.parent].append(item.name)
    for person in _PEOPLE:
        known[person] = list(dict.fromkeys([*known.get(person, []), *PERSON_FIELDS]))
    return {parent: tuple(names) for parent, names in known.items()}


def field(path: str) -> CouncilField:
    """Return the field declared at ``path`` ('signatories[].name')."""
    return next(item for item in FIELDS if item.path == path)


def sheet_fields() -> Iterator[Tuple[str, str, CouncilField, bool]]:
    """Yield (header, council-file path, field, required) for each councils-sheet column, in order.

    A list of people gets numbered columns ('Signatory 1 name', 'Signatory 1 role', ...);
    when the list is required, its first name is.
    """
    for item in FIELDS:
        if item.kind == "people":
            columns = [c for c in FIELDS if c.parent == f"{item.path}[]" and c.column]
            for n in range(1, SHEET_COUNTS.get(item.path, SHEET_SIGNATORIES) + 1):
                for column in columns:
                    required = item.required and n == 1 and column.name == "name"
                    yield column.column.format(n=n), f"{item.path}[{n}].{column.name}", column, required
        elif item.column and "[]" not in item.path:
            yield item.column, item.path, item, item.required


def example_people() -> frozenset:
    """The names, phone numbers and emails 'init' writes as examples: left in, they would be published."""
    found = set()
    for item in FIELDS:
        if isinstance(item.example, str) and item.name in ("name", "phone", "email"):
            found.add(item.example)
        elif item.kind == "people" and isinstance(item.example, list):
            found.update(entry["name"] for entry in item.example if isinstance(entry, dict) and "name" in entry)
    return frozenset(found)
