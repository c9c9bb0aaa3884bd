"""The fields each template can use, listed from the very contexts that are rendered.

``example_context`` calls the same functions the document writers call, on the
bundled sample council and review, so the list cannot drift from what is
rendered; only the descriptions are written here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List

from pledge_office.office.template_check import flatten

DOCUMENTS = {"report": "report.docx", "signing-copy": "signing-copy.docx", "action-plan": "action-plan.docx",
             "progress-report": "progress-report.docx"}
DESCRIPTIONS = {
    "council.name": "The council's full name",
    "council.short_name": "The council's short name (used in file names)",
    "council.website": "The council's website address",
    "pledge.title": "The Pledge's title",
    "pledge.version": "The version of the pledge text",
    "pledge.endorsed_by": "Who endorsed the Pledge",
    "pledge.introduction[].ref": "Number of an introduction clause (1.1 to 1.5)",
    "pledge.introduction[].text": "Text of an introduction clause",
    "pledge.process_notes_left_out": "A sentence naming the introduction paragraphs left out as notes for councils",
    "pledge.commitments_heading": "Heading above the commitments",
    "pledge.commitments[].ref": "Letter of a commitment (a to h)",
    "pledge.commitments[].text": "Text of a commitment, word for word",
    "pledge.commitments[].short_title": "A commitment's short title, a few plain words",
    "pledge.commitments[].group": "The heading of the commitment's group ('' when the pledge has no groups)",
    "pledge.groups[].heading": "A group's heading ('' for a pledge without groups: one group, no heading)",
    "pledge.groups[].commitments[].ref": "Ref of a commitment in the group",
    "pledge.groups[].commitments[].text": "Text of a commitment in the group, word for word",
    "pledge.groups[].commitments[].short_title": "Short title of a commitment in the group",
    "pledge.groups[].commitments[].group": "The group's heading again",
    "pledge.called": "How a sentence names the pledge: 'the Pledge', 'the Compact'",
    "pledge.called_start": "The same, to start a sentence: 'The Compact'",
    "pledge.endorsed_by_about": "One line saying what the endorsing partnership is",
    "pledge.umbrella.name": "The umbrella body that runs the reviews (a CVS or similar)",
    "pledge.umbrella.website": "The umbrella body's website",
    "pledge.umbrella.contact": "The umbrella body's contact for reviews",
    "pledge.umbrella.email": "The contact's email address",
    "pledge.umbrella.phone": "The contact's telephone",
    "pledge.sector.name": "The sector in full, as the pledge names it at first mention",
    "pledge.sector.short": "The sector at later mentions",
    "pledge.sector.abbreviation": "The sector's abbreviation",
    "co_signatories[].organisation": "A partner body that co-signs the pledge",
    "co_signatories[].name": "Who signs for it, when the pledge file names them",
    "co_signatories[].role": "Their role",
    "summary[].group": "The heading of the group this commitment opens ('' otherwise)",
    "evidence[].group": "The heading of the group this commitment opens ('' otherwise)",
    "grouped": "True when the pledge's commitments are in groups",
    "meeting.body": "The deciding body: Cabinet, Full Council or a committee",
    "meeting.date": "Date of the meeting, e.g. 10 February 2027",
    "report.title": "Title of the committee report",
    "report.report_of": "Whose report it is (a director or head of service)",
    "report.author": "Report author, with job title",
    "report.portfolio_holder": "Portfolio holder",
    "report.wards_affected": "Wards affected",
    "report.key_decision": "Yes or No",
    "report.status": "Open or Exempt",
    "report.background_papers[]": "One background paper",
    "contact.name": "Contact officer's name",
    "contact.role": "Contact officer's job title",
    "contact.phone": "Contact officer's telephone",
    "contact.email": "Contact officer's email address",
    "signatories[].name": "A signatory's name",
    "signatories[].role": "A signatory's role",
    "signatories_sentence": "All signatories in a sentence: 'A (Leader) and B (Chief Executive)'",
    "partners[].name": "A partner body's name",
    "signatory_rows[].left.name": "Signature blocks two a row: the left signatory's name",
    "signatory_rows[].left.role": "The left signatory's role",
    "signatory_rows[].right.name": "The right signatory's name (the row's right block is empty when there is none)",
    "signatory_rows[].right.role": "The right signatory's role",
    "co_signatory_rows[].left.name": "Co-signatories two a row: the left one's name",
    "co_signatory_rows[].left.role": "The left co-signatory's role and organisation",
    "co_signatory_rows[].right.name": "The right co-signatory's name (empty when there is none)",
    "co_signatory_rows[].right.role": "The right co-signatory's role and organisation",
    "co_signatory_rows[]": "Co-signatories from partner organisations, two a row (none in the sample)",
    "logos.placeholder": "The bodies whose logos are placeholders, in a sentence; empty when all are real",
    "partners_sentence": "All partner bodies in a sentence",
    "review.officer": "The nominated officer for reviews, with job title",
    "review.period": "The review period or label, e.g. 2026/27",
    "review.due": "The date the review workbook is due back",
    "review.reference": "The review's reference, as in the workbook",
    "implications.financial": "Financial implications paragraph",
    "implications.legal": "Legal implications paragraph",
    "implications.equality": "Equality implications paragraph",
    "implications.risk": "Risk implications paragraph",
    "implications.climate": "Climate and environment implications paragraph",
    "implications.council_plan": "How adopting supports the council plan, a paragraph",
    "implication_sections[].heading": "An implication's heading: Financial, Legal, Equality, Risk, ...",
    "implication_sections[].text": "An implication's paragraph (the council file can replace each)",
    "implication_sections[].signed": "Whose comments these are (finance and monitoring officers), or empty",
    "meeting.body_in_sentence": "The meeting as a sentence names it: 'Cabinet', 'the Wellbeing Select Committee'",
    "meeting.body_start": "The same, to start a sentence: 'The Wellbeing Select Committee'",
    "heading[].label": "A line of the report's heading block: Meeting, Agenda item, Key decision, ...",
    "heading[].value": "Its value: 'Cabinet', '7', 'Not applicable: not a key decision', ...",
    "reporting.reported_to": "Where progress on the action plan is reported (monitoring.reported_to)",
    "reporting.frequency": "How often progress is reported (monitoring.frequency)",
    "delegate_to": "The post the action plan is delegated to, e.g. 'the Director of Communities'",
    "sector.name": "The sector in full, as the pledge file names it at first mention",
    "sector.short": "The sector in short, as the pledge file names it at later mentions",
    "umbrella": "The body that runs the reviews with the council",
    "summary_paragraphs[]": "A paragraph of the report's summary",
    "recommendations[]": "A recommendation, completing 'It is recommended that Cabinet:'",
    "reason_paragraphs[]": "A reason for the recommendations, one paragraph each",
    "options[].number": "An option's number (1 is the recommended one)",
    "options[].title": "What the option is",
    "options[].recommended": "True for the recommended option",
    "options[].benefits": "What the option would achieve",
    "options[].risks": "The option's risks",
    "options[].verdict": "Whether it is recommended, and why not",
    "other_options": "Further options from the council file (report.alternatives), or empty",
    "background_paragraphs[]": "A paragraph of background, summarising the Pledge in the report's own words",
    "appendices[].letter": "An appendix's letter: A is the Pledge",
    "appendices[].title": "An appendix's title",
    "background_papers.sentence": "The background papers under section 100D, or 'No background papers ...'",
    "background_papers.list[]": "One background paper",
    "co_signatories_sentence": "Partner organisations' co-signatories in a sentence, or empty",
    "consultation": "Consultation paragraph",
    "reasons": "Reasons for the recommendations paragraph",
    "alternatives": "Alternative options considered paragraph",
    "logos.council": "The council's logo (an image, with its alternative text)",
    "logos.partners[]": "A partner body's logo (an image, with its alternative text)",
    "logos.gap": "Space between logos in a row",
    "generated": "Date the action plan was made",
    "governance.status": "Draft, or Approved once the council file gives monitoring.approved_on",
    "governance.approved": "Who approved the plan and when (or 'Not yet approved')",
    "governance.reported_to": "Where progress is reported, e.g. an overview and scrutiny committee",
    "governance.frequency": "How often progress is reported",
    "governance.reported_to_in_sentence": "Where progress is reported, as a sentence names it: 'the ... Committee'",
    "governance.route_in_sentence": "Where and how often progress is reported, as a sentence names it",
    "governance.route": "Where and how often progress is reported, in one line",
    "governance.next_update": "Date of the next progress update",
    "governance.next_review": "Date of the next review",
    "governance.contact": "Contact officer: name, post, phone and email",
    "ratings_sentence": "Ratings in a sentence: 'Of the 8 commitments: 3 fully met, ...'",
    "overdue_sentence": "How many actions are overdue, in a sentence",
    "summary[].ref": "Commitment letter, in the ratings summary",
    "summary[].commitment": "The commitment's short title, in the ratings summary",
    "summary[].rating": "The commitment's rating, in words",
    "summary[].fill": "The rating's colour (hex), for {% cellbg %}",
    "summary[].actions": "Number of actions for the commitment, or 'To be agreed'",
    "changes[].ref": "Commitment letter, in the changes table",
    "changes[].commitment": "The commitment's short title, in the changes table",
    "changes[].previous": "Rating at the previous review",
    "changes[].current": "Rating now",
    "changes[].change": "Improved, Worse, No change or Changed",
    "actions[].number": "Action number, in target date order",
    "actions[].action_ref": "The action's ref, e.g. g2 (commitment g's second action): the same in the progress workbook",
    "actions[].ref": "Letter of the action's commitment (in the progress report, the action's ref, e.g. b1)",
    "actions[].commitment": "The action's commitment: its letter and short title",
    "actions[].group": "In the progress report, the heading of the group starting at this action ('' if none)",
    "action_ref_example": "An action ref from this plan, explained: 'g2: commitment g’s second action'",
    "actions_order": "How the progress report's list of every action is ordered, in a sentence",
    "actions[].text": "What will be done (or 'Action to be agreed')",
    "actions[].lead": "Lead officer: name and post",
    "actions[].outcome": "The action's outcome or measure of success (or 'To be agreed')",
    "actions[].status": "The action's status in words: Not started, On track, At risk, Off track or Complete",
    "actions[].status_fill": "The status's colour (hex), for {% cellbg %}",
    "actions[].target": "Target date, e.g. 31 March 2027",
    "actions[].overdue": "True when the target date has passed",
    "actions[].support": "Support requested",
    "evidence[].ref": "Commitment letter, in the evidence appendix",
    "evidence[].short": "The commitment's short title, for a heading",
    "evidence[].commitment": "Commitment text in full",
    "evidence[].rating": "The commitment's rating",
    "evidence[].evidence": "Evidence of current practice",
    "evidence[].comments": "Comments",
    "progress.number": "The progress update's number: 1, 2, ...",
    "progress.period": "The review period the action plan came from",
    "progress.reference": "The progress workbook's reference",
    "progress.review_reference": "The reference of the review the plan came from",
    "progress.officer": "The officer who reported progress",
    "progress.as_of": "The date progress is reported as at",
    "progress.returned": "The date the return was emailed, when it came by email",
    "status_sentence": "Statuses in a sentence: 'Of the 5 actions: 1 complete, 2 on track ...'",
    "status_summary[].status": "A status, in words (or 'No status given')",
    "status_summary[].fill": "The status's colour (hex), for {% cellbg %}",
    "status_summary[].count": "How many actions are at that status",
    "status_summary[].meaning": "What the status means",
    "completed_sentence": "How many actions were completed since the last update, in a sentence",
    "moved_sentence": "How many target dates moved, in a sentence",
    "overdue[].ref": "An overdue action's ref, e.g. b1 (each list below has the same fields as actions[])",
    "completed[].ref": "A completed action's ref",
    "moved[].ref": "The ref of an action whose target date moved",
    "actions[].revised": "The revised target date, if any",
    "actions[].due": "The date the action is now due: the revised date, or the target",
    "actions[].moved": "How far the target date moved: '3 months later'",
    "actions[].days_overdue": "Days past the date it is due, when overdue",
    "actions[].last_status": "The status at the last update",
    "actions[].progress": "The progress update",
    "actions[].evidence": "Evidence of completion",
    "actions[].comments": "Comments",
}


@dataclass(frozen=True)
class Field:
    """One field a template can use: how to write it, what it is, an example."""

    path: str
    description: str
    example: str


def example_context(document: str) -> Dict[str, Any]:
    """Build the context a document is rendered with, for the bundled sample."""
    from pledge_office.inputs.council_file import load_inputs
    from pledge_office.office.resources import example_files
    from pledge_office.documents.report import report_context
    from pledge_office.documents.signing_copy import signing_context

    contexts = []
    for pledge_file, council_file in (example_files("exampleshire"), example_files("sampleshire")):
        council, pledge = load_inputs(council_file, pledge_file)
        if document == "report":
            contexts.append(report_context(council, pledge))
        elif document == "signing-copy":
            contexts.append(signing_context(council, pledge))
        elif document in ("action-plan", "progress-report"):  # made from the bundled sample's returns
            return (_example_plan_context if document == "action-plan" else _example_progress_context)(council, pledge)
        else:
            raise KeyError(document)
    return merge_examples(*contexts)


def merge_examples(first: Dict[str, Any], second: Dict[str, Any]) -> Dict[str, Any]:
    """Return the first example, with any list it leaves empty taken from the second.

    The bundled pledge has no co-signatories; the second example has, so every
    field shows with an example.
    """
    merged = dict(first)
    for key, value in first.items():
        if isinstance(value, dict) and isinstance(second.get(key), dict):
            merged[key] = merge_examples(value, second[key])
        elif value == [] and second.get(key):
            merged[key] = second[key]
    return merged


def _example_progress_context(council, pledge) -> Dict[str, Any]:
    from pledge_office.documents.progress_report import progress_context
    from pledge_office.documents.progress_workbook import example_progress

    return progress_context(example_progress(council, pledge), pledge, council, date(2027, 7, 1))


def _example_plan_context(council, pledge) -> Dict[str, Any]:
    from pledge_office.documents.action_plan import plan_context
    from pledge_office.office.resources import SAMPLE_RETURNED_FILE, sample_file
    from pledge_office.inputs.review_reader import read_review

    review = copy.deepcopy(read_review(sample_file(SAMPLE_RETURNED_FILE), pledge))
    for entry in review.entries:  # so the 'changes' fields have an example too
        entry.previous_rating = entry.previous_rating or "Not met"
    return plan_context(review, pledge, council, date(2027, 4, 1))


def fields(document: str) -> List[Field]:
    """List every field of a document's context, with description and example."""
    return [Field(path, _description(path), _example(value)) for path, value in flatten(example_context(document))]


def _description(path: str) -> str:
    """Describe a field; the progress report's lists of actions share the fields of actions[]."""
    if path in DESCRIPTIONS:
        return DESCRIPTIONS[path]
    head, _, rest = path.partition("[].")
    if head in ("overdue", "completed", "moved") and f"actions[].{rest}" in DESCRIPTIONS:
        return f"{DESCRIPTIONS['actions[].' + rest]} (in the list of {head} actions)"
    return ""


def _example(value: Any) -> str:
    from pledge_office.office.word import Picture

    if isinstance(value, Picture):
        return f"[image: {value.logo.alt}]"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
