"""The committee report's own wording: the form English councils use, with standard text the council file can replace.

Compared with published report templates and report-writing guides of
district, borough and unitary councils (see /docs and the README): a heading
block a meeting system expects, a summary, recommendations that delegate the
follow-up and set how progress comes back, at least three options each with
benefits and risks, signed-off implications, appendices and background papers
under section 100D of the Local Government Act 1972.

One apostrophe style throughout: the typographic one (’).
"""

from __future__ import annotations

from typing import Any, Dict, List

from pledge_office.documents.context import (
    DEFAULT_FREQUENCY, DEFAULT_REPORTED_TO, body_in_sentence, co_signatories_sentence, join_names,
)
from pledge_office.model.council import Council
from pledge_office.model.council_fields import IMPLICATIONS
from pledge_office.model.dates import format_uk
from pledge_office.model.pledge import Pledge

# Shown, and named by the command, when the council file does not give the screening's outcome.
SCREENING_TO_FILL_IN = ("[To fill in: whether an equality impact screening of this proposal was done and what it "
                        "found, or why none was needed]")

# Shown when the council file does not name the officer who commented: a report never claims a comment nobody gave.
COMMENTED_TO_FILL_IN = "[To fill in: name and job title of the {} who commented]"

SCHEDULE_12A = "Part 1 of Schedule 12A to the Local Government Act 1972"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_the(post: str) -> str:
    """Return a post as a sentence names it: 'the Director of Communities'."""
    return post if post.lower().startswith("the ") else f"the {post}"


def sector(pledge: Pledge) -> Dict[str, str]:
    """The sector the pledge is made to, as the pledge file names it."""
    return {"name": pledge.sector.name, "short": pledge.sector.short}


def umbrella(council: Council, pledge: Pledge) -> str:
    """The body that runs the reviews with the council, as the pledge file names it."""
    return pledge.umbrella.name or "the local umbrella body"


def report_fields(council: Council, pledge: Pledge) -> Dict[str, Any]:
    """The report's heading block, recommendations, options, implications and closing lists."""
    body = body_in_sentence(council.meeting_body)
    words = _Words(council, pledge)
    reasons = [council.reasons] if council.reasons else words.reasons()
    sections = words.implications()
    return {
        "meeting": {"body": council.meeting_body, "body_in_sentence": body, "body_start": capitalised(body)},
        "heading": words.heading(),
        "reporting": {"reported_to": words.reported_to, "frequency": words.frequency},
        "delegate_to": words.delegate_to,
        "sector": words.sector,
        "umbrella": words.umbrella,
        "summary_paragraphs": words.summary(),
        "recommendations": words.recommendations(),
        "reason_paragraphs": reasons,
        "reasons": " ".join(reasons),  # one paragraph, for templates made before the report had several
        "options": words.options(),
        "other_options": council.alternatives,
        "background_paragraphs": words.background(),
        "implication_sections": sections,
        "implications": {key: section["text"] for key, section in zip(IMPLICATIONS, sections)},
        "appendices": [{"letter": "A", "title": pledge.title}] + [
            {"letter": chr(ord("B") + i), "title": title} for i, title in enumerate(council.appendices[:24])],
        "background_papers": _background_papers(council),
        "co_signatories_sentence": co_signatories_sentence(council, pledge),
    }


def _background_papers(council: Council) -> Dict[str, Any]:
    papers = [p for p in council.background_papers if p.strip().rstrip(".").lower() not in ("none", "")]
    if not papers:
        return {"sentence": "No background papers, as defined in section 100D of the Local Government Act "
                            "1972, were relied on in writing this report.", "list": []}
    return {"sentence": "The following background papers, as defined in section 100D of the Local Government "
                        "Act 1972, were relied on in writing this report and are available for inspection:",
            "list": papers}




class _Words:
    """The standard wording, built from the council file; each piece the council file can replace."""

    def __init__(self, council: Council, pledge: Pledge) -> None:
        self.council, self.pledge = council, pledge
        self.called, self.called_start = pledge.called, capitalised(pledge.called)
        self.body = body_in_sentence(council.meeting_body)
        self.sector = sector(pledge)
        self.umbrella = umbrella(council, pledge)
        self.delegate_to = with_the(council.delegate_to or council.report_of or "relevant director")
        monitoring = council.monitoring
        self.reported_to = body_in_sentence((monitoring.reported_to if monitoring else "") or DEFAULT_REPORTED_TO)
        self.frequency = (monitoring.frequency if monitoring else "") or DEFAULT_FREQUENCY
        holder = council.portfolio_holder
        self.with_holder = (f"in consultation with the portfolio holder ({holder})" if holder
                            else "in consultation with the relevant portfolio holder")

    def heading(self) -> List[Dict[str, str]]:
        c = self.council
        executive = self.body.lower() in ("cabinet", "executive", "the executive")
        if c.call_in is None:
            call_in = "Yes" if executive else "Not applicable: not an executive decision"
        else:
            call_in = "Yes" if c.call_in else "No"
        if c.key_decision:
            forward_plan = c.forward_plan_reference or "To be confirmed"
        else:
            forward_plan = c.forward_plan_reference or "Not applicable: not a key decision"
        status = (f"Exempt: paragraph {c.exemption_paragraph} of {SCHEDULE_12A}" if c.exempt else "Open")
        rows = [
            ("Meeting", c.meeting_body), ("Date of meeting", _date(c)),
            ("Agenda item", c.agenda_item or "To be confirmed"),
            ("Report of", c.report_of), ("Portfolio holder", c.portfolio_holder),
            ("Report author", ", ".join(x for x in (c.report_author.name, c.report_author.role) if x)),
            ("Wards affected", c.wards_affected), ("Key decision", "Yes" if c.key_decision else "No"),
            ("Forward plan reference", forward_plan), ("Open or exempt", status),
            ("Subject to call-in", call_in),
        ]
        return [{"label": label, "value": value or "To be confirmed"} for label, value in rows]

    def summary(self) -> List[str]:
        p, c, s = self.pledge, self.council, self.sector
        return [
            f"This report asks {self.body} to adopt the {p.title}: a short, public statement of how "
            f"{c.name} will work with the local {s['name']}. {self.called_start} would be signed at the meeting.",
            f"It also proposes how the council will show that {self.called} makes a difference: a periodic "
            f"review of the council’s practice with {self.umbrella}, an action plan kept by "
            f"{self.delegate_to}, and a report on progress to {self.reported_to} {self.frequency}.",
        ]

    def recommendations(self) -> List[str]:
        p, c = self.pledge, self.council
        signers = join_names([f"{x.name} ({x.role})" if x.role else x.name for x in c.signatories])
        partners = co_signatories_sentence(c, p)
        return [
            f"adopts the {p.title} set out at Appendix A;",
            f"authorises {signers} to sign {self.called} on behalf of {c.name}"
            + (f", alongside {partners}" if partners else "") + ";",
            f"delegates to {self.delegate_to}, {self.with_holder}, authority to agree with {self.umbrella} "
            f"a periodic review of the council’s practice against {self.called}, and to prepare and keep up to "
            "date an action plan for the areas the review finds can be developed;",
            f"asks for a report on progress against the action plan to {self.reported_to} {self.frequency}.",
        ]

    def reasons(self) -> List[str]:
        s = self.sector
        return [
            f"Adopting {self.called} makes public the council’s commitment to work with the local {s['name']}, "
            "which provides local services, brings local knowledge and routes into communities, and is part "
            "of the local economy.",
            "The delegation and the reporting route turn the commitment into practice: the review shows "
            "where the council’s day-to-day practice falls short, the action plan says what will be done "
            "and by whom, and members see progress at regular intervals.",
        ]

    def options(self) -> List[Dict[str, Any]]:
        s = self.sector["short"]
        return [
            {"number": 1, "title": f"Adopt and sign {self.called}, with a periodic review and an action plan",
             "recommended": True,
             "benefits": f"A public commitment that the {s} can hold the council to, and a practical way "
                         "to improve through the review and the action plan. The cost is officer time within "
                         "existing budgets.",
             "risks": "The council could be seen to fall short of a commitment it made in public. The "
                      "commitments are framed ‘where possible’ and ‘where appropriate’, and the progress "
                      "reports show where practice is improving.",
             "verdict": "This option is recommended."},
            {"number": 2, "title": f"Endorse {self.called} without signing it or reviewing practice against it",
             "recommended": False,
             "benefits": f"It signals support for the aims of {self.called} and needs no officer time.",
             "risks": f"The {s} would have no signed commitment to rely on, and nothing would check whether "
                      "practice changes; it could be read as a gesture.",
             "verdict": "Not recommended: it gives the appearance of a commitment without the means to keep it."},
            {"number": 3, "title": f"Do nothing: do not adopt {self.called}",
             "recommended": False,
             "benefits": "It avoids the small amount of officer time that the review and action plan need.",
             "risks": f"Working relationships with the {s} may weaken, and there would be no shared, public "
                      "statement of how the council works with it.",
             "verdict": "Not recommended: the relationship would continue without any agreed basis."},
        ]

    def background(self) -> List[str]:
        """Summarise the pledge: what it is, the pledge file's own summary of it, and its commitments."""
        p, s = self.pledge, self.sector
        endorsed = ""
        if p.endorsed_by:
            endorsed = f", endorsed by {p.endorsed_by}" + (f" ({p.endorsed_by_about})" if p.endorsed_by_about else "") + ","
        groups = [g.heading for g in p.groups if g.heading]
        covering = f", in {len(groups)} groups: {join_names(groups)}" if groups else ""
        return [
            f"The {p.title}{endorsed} is a public statement of how a council will work with the local "
            f"{s['name']}." + (f" {p.summary}" if p.summary else ""),
            f"A council adopts it at a meeting and signs a large-format copy. It has {len(p.commitments)} "
            f"commitments{covering}. Its full text is at Appendix A.",
        ]

    def implications(self) -> List[Dict[str, str]]:
        c, own = self.council, self.council.implications
        finance = c.finance_officer or COMMENTED_TO_FILL_IN.format("finance officer")
        monitoring = c.monitoring_officer or COMMENTED_TO_FILL_IN.format("monitoring officer")
        # Whether a screening was done, and what it found, is a fact only the council knows:
        # without it the report says what is missing rather than claim a finding.
        screening = c.equality_screening or SCREENING_TO_FILL_IN
        priority = c.council_plan_priority
        return [
            {"heading": "Financial", "text": own.get("financial") or (
                "There are no direct financial implications. The review and the action plan will be carried "
                "out within existing budgets; any action that needs new money will be reported separately."),
             "signed": f"Comments of the finance officer: {finance}"},
            {"heading": "Legal", "text": own.get("legal") or (
                f"The council may adopt {self.called} under the general power of competence in section 1 of the "
                f"Localism Act 2011. {self.called_start} is a voluntary statement of intent: it creates no contractual "
                "or other legal obligation, and commissioning and procurement remain subject to the council’s "
                "contract procedure rules and the Procurement Act 2023."),
             "signed": f"Comments of the monitoring officer: {monitoring}"},
            {"heading": "Equality", "text": own.get("equality") or (
                f"In taking this decision {self.body} must have due regard to the public sector equality duty "
                "in section 149 of the Equality Act 2010: the need to eliminate unlawful discrimination, "
                "harassment and victimisation, to advance equality of opportunity, and to foster good "
                "relations between people who share a protected characteristic and those who do not. "
                + screening), "signed": ""},
            {"heading": "Risk", "text": own.get("risk") or (
                "Adopting: the council could be seen to fall short of a public commitment. This is managed by "
                "the periodic review, the action plan and the progress reports. Not adopting: working "
                f"relationships with the {self.sector['short']} may weaken, and the council would lose a "
                "shared basis for resolving disagreements with it."), "signed": ""},
            {"heading": "Climate and environment", "text": own.get("climate") or (
                "There are no direct climate or environmental implications. Where an action plan includes "
                "joint work on climate action, it will be assessed then."), "signed": ""},
            {"heading": "Council plan", "text": own.get("council_plan") or (
                f"Adopting {self.called} supports the council plan priority ‘{priority}’ by setting out how the "
                "council works with the organisations that serve local communities." if priority else
                f"Adopting {self.called} supports the council plan’s aims for working with local communities and "
                "the organisations that serve them."), "signed": ""},
        ]


def _date(council: Council) -> str:
    return format_uk(council.meeting_date)
