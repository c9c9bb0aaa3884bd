"""The fields templates can use, built in one place for every document.

``templates fields`` lists what these functions return, so the list of fields
cannot drift from what is rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from pledge_office.model.council import Council, Person
from pledge_office.model.dates import format_uk
from pledge_office.model.pledge import ABOUT, Clause, Pledge, capitalised
from pledge_office.office.resources import shipped_template

# Meetings named without "the": "Cabinet resolved", "Full Council agreed".
_NO_ARTICLE = {"cabinet", "council", "full council", "executive", "county council", "city council",
               "borough council", "district council"}


# Where and how often progress goes when the council file does not say: the adoption report
# recommends this, so the plan and progress documents say the same.
DEFAULT_REPORTED_TO = "the relevant overview and scrutiny committee"
DEFAULT_FREQUENCY = "once a year"


def body_in_sentence(body: str) -> str:
    """Return the meeting as a sentence names it: 'Cabinet', 'Full Council', 'the Wellbeing Select Committee'."""
    body = body.strip()
    lowered = body.lower()
    if lowered.startswith("the ") or lowered in _NO_ARTICLE:
        return body
    return f"the {body}"


def default_implications(pledge: Pledge) -> Dict[str, str]:
    """Return the report's standard implications, naming this pledge and its sector."""
    called, sector = pledge.called, pledge.sector.short
    return {
        "financial": f"There are no direct financial implications arising from adopting {called}. "
        "Any actions arising from a review will be met from existing budgets or reported separately.",
        "legal": f"There are no direct legal implications. {capitalised(called)} is a voluntary statement of "
        "intent and does not create contractual obligations; procurement remains subject to the "
        "council's contract procedure rules and the Procurement Act 2023.",
        "equality": f"Adopting {called} is expected to have a positive impact, helping the council "
        f"engage with communities of place, interest and identity through the {sector}. No "
        "negative impacts on groups with protected characteristics have been identified.",
        "risk": f"Not adopting {called} risks weaker working relationships with the {sector}. "
        "The commitments are framed 'where possible' and 'where appropriate', limiting the risk "
        "of commitments the council cannot meet.",
        "climate": "There are no direct climate change implications.",
    }


def default_reasons(pledge: Pledge) -> str:
    return (
        f"Adopting {pledge.called} makes public the council's commitment to work with the local "
        f"{pledge.sector.name}, which provides local services, local intelligence "
        "and routes into communities, and is part of the local economy. A periodic review gives a "
        "practical way to check that the commitment is met in day-to-day practice."
    )


def default_alternatives(pledge: Pledge) -> str:
    return (
        f"Not adopting {pledge.called}. This is not recommended: the council's relationship with the sector "
        "would continue without a shared public statement of how the council will work with it."
    )


def default_consultation(pledge: Pledge) -> str:
    endorsed = (f"{pledge.endorsed_by}, {pledge.endorsed_by_about}," if pledge.endorsed_by_about
                else pledge.endorsed_by)
    first = (f"{capitalised(endorsed)} has reviewed and endorsed the text of {pledge.called}. " if pledge.endorsed_by
             else f"{capitalised(pledge.called)} has been prepared with the local {pledge.sector.short}. ")
    return first + (f"{pledge.umbrella.name} has been consulted on this report and will work with the "
                    "council on the periodic review.")


def join_names(names: Sequence[str]) -> str:
    """Return 'A', 'A and B', or 'A, B and C'."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def tally_sentence(counts: Sequence[Tuple[str, int]], total: int, noun: str, nothing: str) -> str:
    """Return 'Of the 8 commitments: 3 fully met and 5 partly met.', leaving out counts of 0 (else ``nothing``)."""
    parts = [f"{count} {label}" for label, count in counts if count]
    return f"Of the {total} {noun}: {join_names(parts)}." if parts else nothing


def person_line(person: Person) -> str:
    """Return 'Name, Role' or just the name."""
    return ", ".join(part for part in (person.name, person.role) if part)


def pledge_fields(pledge: Pledge) -> Dict[str, Any]:
    """Fields describing the pledge text itself."""
    umbrella = pledge.umbrella
    return {
        "title": pledge.title,
        "version": pledge.version,
        "called": pledge.called,
        "called_start": capitalised(pledge.called),
        "endorsed_by": pledge.endorsed_by,
        "endorsed_by_about": pledge.endorsed_by_about,
        "umbrella": {"name": umbrella.name, "website": umbrella.website, "contact": umbrella.contact.name,
                     "email": umbrella.contact.email, "phone": umbrella.contact.phone},
        "sector": {"name": pledge.sector.name, "short": pledge.sector.short,
                   "abbreviation": pledge.sector.abbreviation},
        "introduction": [{"ref": c.ref, "text": c.text} for c in pledge.about],
        "process_notes_left_out": process_notes_sentence(pledge),
        "commitments_heading": pledge.commitments_heading,
        "commitments": [_commitment(c) for c in pledge.commitments],
        "groups": [{"heading": g.heading, "commitments": [_commitment(c) for c in g.commitments]}
                   for g in pledge.groups],
    }


def process_notes_sentence(pledge: Pledge) -> str:
    """Say which introduction paragraphs the documents leave out, so a gap in the numbering is explained."""
    refs = [c.ref for c in pledge.introduction if c.kind != ABOUT]
    if not refs:
        return ""
    if len(refs) == 1:
        return f"Paragraph {refs[0]}, a note for councils on adopting and reviewing {pledge.called}, is not reproduced here."
    return (f"Paragraphs {join_names(refs)}, notes for councils on adopting and reviewing {pledge.called}, "
            "are not reproduced here.")


def _commitment(clause: Clause) -> Dict[str, str]:
    return {"ref": clause.ref, "text": clause.text, "short_title": clause.title, "group": clause.group}


def co_signatories(council: Council, pledge: Pledge) -> List[Dict[str, str]]:
    """Return who signs beside the council: the council file's co-signatories, else the pledge's partners that sign."""
    if council.co_signatories:
        return [{"organisation": p.organisation, "name": p.name, "role": p.role} for p in council.co_signatories]
    return [{"organisation": p.name, "name": p.signatory.name, "role": p.signatory.role}
            for p in council.partners_for(pledge) if p.signs]


def co_signatories_sentence(council: Council, pledge: Pledge) -> str:
    """Return them in a sentence: 'Casey Umbrella (Chief Executive, Area CVS) and the Chair of the Assembly'."""
    def one(signer: Dict[str, str]) -> str:
        if signer["name"]:
            return f"{signer['name']} ({', '.join(x for x in (signer['role'], signer['organisation']) if x)})"
        return f"the {signer['role']} of {signer['organisation']}" if signer["role"] else signer["organisation"]

    return join_names([one(s) for s in co_signatories(council, pledge)])


def council_fields(council: Council) -> Dict[str, Any]:
    """Fields naming the council, shared by every document."""
    return {"name": council.name, "short_name": council.short_name, "website": council.website}


def returned_council_fields(council: Optional[Council], identity, unknown: str = "") -> Dict[str, Any]:
    """Fields naming the council: from its file when given, else as the returned workbook's identity names it."""
    if council:
        return council_fields(council)
    return {"name": identity.council or unknown, "short_name": identity.council_short, "website": ""}


def chosen_template(template: Optional[Path], council: Optional[Council], key: str, shipped: str) -> Path:
    """Return the Word template to fill: the one given, else the council file's for ``key``, else the shipped one."""
    return template or (council.templates.get(key) if council else None) or shipped_template(shipped)


def adoption_context(council: Council, pledge: Pledge) -> Dict[str, Any]:
    """Every field the adoption report and signing copy can use (logos added by each)."""
    signatories: List[Dict[str, str]] = [{"name": p.name, "role": p.role} for p in council.signatories]
    return {
        "council": council_fields(council),
        "pledge": pledge_fields(pledge),
        "meeting": {"body": council.meeting_body, "date": format_uk(council.meeting_date)},
        "report": {
            "title": council.title_for(pledge),
            "report_of": council.report_of,
            "author": person_line(council.report_author),
            "portfolio_holder": council.portfolio_holder,
            "wards_affected": council.wards_affected,
            "key_decision": "Yes" if council.key_decision else "No",
            "status": "Exempt" if council.exempt else "Open",
            "background_papers": list(council.background_papers) or ["None"],
        },
        "contact": {
            "name": council.contact_officer.name,
            "role": council.contact_officer.role,
            "phone": council.contact_officer.phone,
            "email": council.contact_officer.email,
        },
        "signatories": signatories,
        "signatories_sentence": join_names(
            [f"{p.name} ({p.role})" if p.role else p.name for p in council.signatories]),
        "partners": [{"name": p.name} for p in council.partners_for(pledge)],
        "partners_sentence": join_names([p.name for p in council.partners_for(pledge)]),
        "co_signatories": co_signatories(council, pledge),
        "review": {
            "officer": person_line(council.review_officer) or "a nominated council officer",
            "period": council.review_period,
            "due": format_uk(council.review_due),
        },
        "implications": {**default_implications(pledge), **council.implications},
        "reasons": council.reasons or default_reasons(pledge),
        "alternatives": council.alternatives or default_alternatives(pledge),
        "consultation": council.consultation or default_consultation(pledge),
    }


def governance_fields(council, as_of) -> Dict[str, str]:
    """The action plan's governance block: status, approval, reporting route, dates, contact.

    ``council`` may be None (no council file given): every line then says what is still to agree.
    """
    monitoring = council.monitoring if council else None
    approved_on = monitoring.approved_on if monitoring else None
    body = (monitoring.approved_by if monitoring else "") or ""
    if approved_on and approved_on <= as_of:
        status, approved = "Approved", f"{body or 'Approved'} on {format_uk(approved_on)}".strip()
    elif approved_on:
        status, approved = "Draft", f"To be approved by {body or 'the council'} on {format_uk(approved_on)}"
    else:
        status, approved = "Draft", f"Not yet approved (to go to {body})" if body else "Not yet approved"
    route = monitoring.reported_to if monitoring else ""
    frequency = monitoring.frequency if monitoring else ""
    if council is not None:  # what the adoption report recommends when the council file says nothing
        route, frequency = route or DEFAULT_REPORTED_TO, frequency or DEFAULT_FREQUENCY
    contact = person_line(council.contact_officer) if council else ""
    reach = ", ".join(p for p in (council.contact_officer.phone, council.contact_officer.email) if p) if council else ""
    return {
        "status": status,
        "approved": approved,
        "reported_to": route or "To be agreed",
        # as a sentence names it: "progress is reported to the Communities Overview and Scrutiny Committee"
        "reported_to_in_sentence": body_in_sentence(route) if route else "a committee still to be agreed",
        "frequency": frequency or "To be agreed",
        "route": (f"{route}, {frequency}" if route and frequency else route or frequency) or "To be agreed",
        "route_in_sentence": (f"{body_in_sentence(route)}, {frequency}" if route and frequency
                              else body_in_sentence(route) if route else frequency) or "a committee still to be agreed",
        "next_update": format_uk(monitoring.next_update) if monitoring and monitoring.next_update else "To be agreed",
        "next_review": format_uk(monitoring.next_review) if monitoring and monitoring.next_review else "To be agreed",
        "contact": (f"{contact} ({reach})" if reach else contact) or "To be confirmed",
    }
