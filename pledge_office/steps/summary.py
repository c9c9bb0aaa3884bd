"""The 'summary' command: every expected council, where it stands, and its latest review."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.errors import PledgeOfficeError
from pledge_office.model.county import CountyView, Expected


def summarise(paths: List[Path], out: Path, *, docx: Optional[Path], pledge_file: Optional[Path],
              as_of: Optional[date], password=None, force: bool = False, councils: Optional[Path] = None,
              documents: Optional[Path] = None, umbrella_name: str = "", umbrella_logo: Optional[Path] = None,
              mixed_pledges: bool = False) -> Tuple[List[Path], List[str], CountyView]:
    """Read the returns, account for every council, and write the overview; return paths, messages and the view.

    A file that cannot be used never stops the others: it is named, with why,
    in the messages and on the 'Not included' sheet.
    """
    from pledge_office.documents.summary_report import write_summary_docx
    from pledge_office.documents.summary_workbook import write_summary
    from pledge_office.inputs.pledge_file import load_pledge
    from pledge_office.model.county import county_view
    from pledge_office.office.outputs import check_can_write
    from pledge_office.steps.check import read_returns

    check_can_write([out] + ([docx] if docx else []), force)
    pledge = load_pledge(pledge_file)
    expected, messages = expected_councils(councils, documents) if councils else (None, [])
    returns = read_returns(paths, pledge, strict=False, password=password)
    mixed = pledges_mixed(returns.reviews, pledge)
    if mixed and not mixed_pledges:
        raise PledgeOfficeError(f"{mixed}; summarise each pledge's returns on their own, or give --mixed-pledges "
                                "to go on with this pledge's returns only", file=mixed_file(returns.reviews, pledge))
    if not returns.reviews and not expected:
        first = returns.problems[0] if returns.problems else None
        raise PledgeOfficeError(f"no returned workbook could be read{': ' + first.message if first else ''}; "
                                "run 'pledge-office check' on the files", file=first.file if first else paths[0])
    view = county_view(returns.reviews, returns.left_out, pledge, as_of or date.today(), expected)
    messages += _messages(returns.problems, view, expected is not None)
    written = [write_summary(view, pledge, out, force)]
    if docx:
        umbrella = _umbrella(pledge, umbrella_name, umbrella_logo)
        written.append(write_summary_docx(view, pledge, docx, umbrella, force))
        missing = "commentary" + ("" if umbrella.contact else " and contact")
        messages.append(f"Note: {docx.name} has a {missing} section marked [To fill in]: write it in Word "
                        "before the summary is published (a PDF made now shows the marker)")
    return written, messages, view


def expected_councils(sheet: Path, documents: Optional[Path]) -> Tuple[List[Expected], List[str]]:
    """Return the councils on the councils sheet (bad rows are named, and still expected by name).

    Logos are not looked at: a summary shows none, and a missing logo must not hide a council.
    """
    from pledge_office.inputs.councils_sheet import read_councils

    expected, messages = [], []
    for row in read_councils(sheet, check_logos=False):
        if row.council is None:
            kept = f"; {row.name} is still listed as expected" if row.name else (
                "; this row names no council, so it is not listed: give its name in the Council name column")
            cause = row.cause
            where = [str(cause.file or sheet)] + ([cause.where] if cause.where else [])
            messages.append(": ".join(where + [f"warning: {cause.message}{kept}"]))
            if row.name:
                expected.append(Expected(row.name, due=row.due, period=row.period))
            continue
        council = row.council
        folder = documents / council.file_stem if documents else None
        first = next((e for e in expected if e.short_name and e.folder is not None and e.folder == folder), None)
        if first is not None:  # 'batch' refuses the second of two councils with one short name: its folder is not theirs
            messages.append(f"{sheet}: {row.label}: warning: its short name '{council.short_name}' is also "
                            f"{first.name}'s, so 'batch' wrote no documents for it; give each council its own "
                            "short name")
            folder = None
        expected.append(Expected(council.name, council.short_name, council.review_due, council.review_period,
                                 folder))
    return expected, messages


def pledges_mixed(reviews, pledge) -> str:
    """Say which returns were made with another pledge, or another version of this one ('' when none were)."""
    others = [r for r in reviews if _made_for(r) and _made_for(r) != _plain(pledge.title)]
    if others:
        return "; ".join(f"{r.files[0].name} was made for the {r.identity.pledge}" for r in others[:3]) + (
            f", not the {pledge.title}")
    versions = {}
    for review in reviews:
        if review.identity.pledge_version:
            versions.setdefault(review.identity.pledge_version, review.files[0].name)
    if len(versions) > 1:
        listed = ", ".join(f"version {v} ({name})" for v, name in sorted(versions.items()))
        return f"the returns were made with different versions of the {pledge.title}: {listed}"
    return ""


def mixed_file(reviews, pledge) -> Optional[Path]:
    other = next((r for r in reviews if _made_for(r) and _made_for(r) != _plain(pledge.title)), None)
    return other.files[0] if other else None


def _made_for(review) -> str:
    return _plain(review.identity.pledge)


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


def _umbrella(pledge, name: str, logo: Optional[Path]):
    """The umbrella body for the Word summary: the options, else the pledge file's umbrella (name, logo, contact)."""
    from pledge_office.documents.summary_report import UmbrellaBody

    body = getattr(pledge, "umbrella", None)
    named = getattr(body, "name", "") if body else ""
    contact = getattr(body, "contact", None)
    lines = [getattr(contact, key, "") for key in ("name", "role", "email", "phone")] if contact else []
    return UmbrellaBody(name or ("" if named == "the umbrella body" else named),
                        logo or (getattr(body, "logo", None) if body else None), [x for x in lines if x])


def _messages(problems, view: CountyView, with_sheet: bool) -> List[str]:
    from pledge_office.model.county import OVERDUE

    lines = list(dict.fromkeys(str(p) for p in problems))
    for item in view.left_out:  # those the county view set aside: older reviews, returns with errors
        if str(item.note()) not in lines:
            lines.append(str(item.note()))
            lines += [f"    {problem}" for problem in item.problems]
    for line in view.lines:
        said = [str(p) for p in (line.review.problems if line.review else []) if p.severity != "error"]
        lines += [text for text in dict.fromkeys(said) if text not in lines]
        if line.status == OVERDUE:
            due = line.due.strftime("%d/%m/%Y") if line.due else ""
            lines.append(f"{line.council}: overdue: its review was due back on {due} and has not been returned")
        if with_sheet and not line.expected:
            lines.append(f"{line.council}: warning: returned a review but is not on the councils sheet")
    if not with_sheet:
        lines.append("Note: without --councils, councils that have not returned a review are not listed; "
                     "give the councils sheet to account for every council")
    return lines
