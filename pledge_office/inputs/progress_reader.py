"""Reading a returned progress workbook, as robustly as a returned review.

The same reader underneath (safe opening, bounds, cells located in every
message); columns are found by their header text, rows by their Action ref,
so a sorted, filtered or re-saved workbook reads the same.
"""

from __future__ import annotations

import difflib
import json
import re
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional

from pledge_office.errors import NotAReviewWorkbook
from pledge_office.inputs.review_reader import WorkbookReader, clean_cell_text, normalise_header, without_errors
from pledge_office.model.dates import parse_iso
from pledge_office.model.pledge import Pledge
from pledge_office.model.progress import ActionProgress, ProgressReturn
from pledge_office.model.progress_schema import (
    DONE_STATUS, PROGRESS_COLUMNS, PROGRESS_FORMAT_NAME, PROGRESS_REFERENCE_LABEL, PROGRESS_SHEET, STATUS_LABELS,
    PlannedAction, ProgressIdentity, status_by_label,
)
from pledge_office.model.review_checks import before_issue
from pledge_office.model.review_schema import IDENTITY_PROPERTY_PREFIX, IDENTITY_SHEET, INSTRUCTIONS_SHEET
from pledge_office.office.sheets import HEADER_SEARCH_ROWS

_REFERENCE = re.compile(re.escape(PROGRESS_REFERENCE_LABEL) + r"\s*(\S+)")
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')
REQUIRED_KEYS = ("action_ref", "status", "update", "revised_date", "evidence", "comments")


def workbook_kind(data: bytes) -> str:
    """Return 'progress' for a progress workbook, else 'review' (whose reader then says what is wrong)."""
    from io import BytesIO
    from zipfile import ZipFile

    try:
        with ZipFile(BytesIO(data)) as package:
            info = package.getinfo("xl/workbook.xml")
            if info.file_size > 5_000_000:
                return "review"
            names = {n.decode("utf-8", "replace").strip().lower() for n in _SHEET_NAME.findall(package.read(info))}
    except Exception:  # not a zip, no workbook part: the review reader names the problem
        return "review"
    return "progress" if PROGRESS_SHEET.lower() in names and "review" not in names else "review"


def read_progress(path: Path, pledge: Pledge, *, strict: bool = False, data: Optional[bytes] = None) -> ProgressReturn:
    """Read a returned progress workbook; problems are collected, only unreadable files raise."""
    return _ProgressReader(Path(path), pledge, strict, data).read_progress()


def read_progress_strictly(path: Path, pledge: Pledge) -> ProgressReturn:
    """Read a progress workbook and raise its first error."""
    return without_errors(read_progress(path, pledge), path)


class _ProgressReader(WorkbookReader):
    """One pass over one progress workbook, collecting problems as it goes."""

    def __init__(self, path: Path, pledge: Pledge, strict: bool, data: Optional[bytes] = None) -> None:
        super().__init__(path, pledge, strict, data)
        self.sheet_name = PROGRESS_SHEET

    def read_progress(self) -> ProgressReturn:
        raw = self._load()
        table = raw.sheets[self._find_progress_sheet(raw)]
        formula_rows = raw.formula_rows.get(self.sheet_name, [])
        self.epoch1904 = raw.epoch1904
        header_index, columns = self._progress_columns(table.values)
        identity = self._progress_identity(raw, table.texts[:header_index])
        actions = self._actions(table, formula_rows, header_index, columns, identity)
        self._check_revised_dates(actions, identity, columns)
        return ProgressReturn(identity=identity, actions=actions, files=[self.path], problems=self.problems)

    def _check_revised_dates(self, actions: List[ActionProgress], identity: ProgressIdentity, columns) -> None:
        """A revised date before the workbook was issued is a slip (or a US-set office suite): say so, as for targets."""
        issued = parse_iso(identity.generated)
        if not issued or "revised_date" not in columns:
            return
        for action in actions:
            if action.revised_date and action.revised_date < issued and action.source.isdigit():
                self.warning(self.cell(int(action.source), columns["revised_date"]),
                             before_issue(action.revised_date, issued).replace("Target date", "Revised target date", 1))

    # -- sheet and columns
    def _find_progress_sheet(self, raw) -> str:
        by_name = {name.strip().lower(): name for name in raw.sheets}
        if PROGRESS_SHEET.lower() in by_name:
            self.sheet_name = by_name[PROGRESS_SHEET.lower()]
            return self.sheet_name
        for name, table in raw.sheets.items():
            if name not in (INSTRUCTIONS_SHEET, IDENTITY_SHEET) and _progress_header(table.values) is not None:
                self.sheet_name = name
                self.warning(name, f"the '{PROGRESS_SHEET}' sheet has been renamed to '{name}'; it was read anyway. "
                                   f"Rename it back to '{PROGRESS_SHEET}' to silence this")
                return name
        raise NotAReviewWorkbook(
            f"has no '{PROGRESS_SHEET}' sheet (sheets: {', '.join(raw.sheets) or 'none'}); "
            "send the progress workbook made by 'pledge-office progress-workbook'", file=self.path)

    def _progress_columns(self, rows):
        header_index = _progress_header(rows)
        if header_index is None:
            raise NotAReviewWorkbook(
                f"the '{self.sheet_name}' sheet has no header row with 'Action ref', 'Status' and the other headings; "
                "restore the column headings from the original workbook", file=self.path, where=self.sheet_name)
        found, unknown = self._header_columns(rows[header_index], header_index + 1, PROGRESS_COLUMNS)
        # Only a close heading is taken for a renamed one here (no partial match), as this reader always did.
        self._report_missing_columns(found, unknown, header_index + 1,
                                     [c for c in PROGRESS_COLUMNS if c.key in REQUIRED_KEYS], partial=False)
        return header_index, found

    # -- identity
    def _progress_identity(self, raw, rows_above_header) -> ProgressIdentity:
        sources: Dict[str, Dict[str, str]] = {}
        hidden = self._identity_sheet(raw)
        if hidden:
            if hidden.get("format") and hidden.get("format") != PROGRESS_FORMAT_NAME:
                raise NotAReviewWorkbook(f"is a {hidden['format']}, not a progress workbook", file=self.path)
            sources["the hidden pledge-office sheet"] = hidden
        props = {name[len(IDENTITY_PROPERTY_PREFIX):]: clean_cell_text(value)
                 for name, value in raw.properties.items() if name.startswith(IDENTITY_PROPERTY_PREFIX)}
        if props.get("progress_id"):
            sources["the document properties"] = props
        shown = next((m.group(1) for row in rows_above_header for v in row
                      for m in [_REFERENCE.search(clean_cell_text(v))] if m), "")
        if shown:
            sources[f"the '{self.sheet_name}' sheet"] = {"progress_id": shown}
        if not sources:
            raise NotAReviewWorkbook("has no pledge-office progress reference; is it the workbook made by "
                                     "'pledge-office progress-workbook'? Send that one back", file=self.path)
        merged = self._merged(sources, "progress_id", "progress")
        return ProgressIdentity(
            progress_id=merged.get("progress_id", ""), review_id=merged.get("review_id", ""),
            council=merged.get("council", ""), council_short=merged.get("council_short", ""),
            pledge_version=merged.get("pledge_version", ""), period=merged.get("period", ""),
            update=merged.get("update", ""), generated=merged.get("generated", ""),
            tool_version=merged.get("tool_version", ""), officer=merged.get("officer", ""), due=merged.get("due", ""),
            governance=_prefixed(merged, "governance "), ratings=_prefixed(merged, "rating "),
            actions=tuple(self._planned(merged)),
        )

    def _planned(self, merged: Dict[str, str]) -> List[PlannedAction]:
        planned = []
        for key, value in merged.items():
            if not key.startswith("action "):
                continue
            try:
                fields = json.loads(value)
                planned.append(PlannedAction(**{k: str(v) for k, v in fields.items()
                                                if k in PlannedAction.__dataclass_fields__}))
            except (ValueError, TypeError):
                self.error(IDENTITY_SHEET, f"the record of action '{key[7:]}' is damaged; send the original workbook back")
        return planned

    # -- rows
    def _actions(self, table, formula_rows, header_index: int, columns, identity: ProgressIdentity) -> List[ActionProgress]:
        if any(key not in columns for key in REQUIRED_KEYS):
            return []
        rows = table.values
        planned = {a.ref.lower(): a for a in identity.actions}
        found: Dict[str, ActionProgress] = {}
        for index in range(header_index + 1, len(rows)):
            row_number = index + 1
            values = self._row_values(rows[index], table.texts[index],
                                      formula_rows[index] if index < len(formula_rows) else (), row_number, columns)
            if not any(v not in (None, "") for v in values.values()):
                continue
            ref = clean_cell_text(values.get("action_ref"))
            where = self.cell(row_number, columns["action_ref"])
            if not ref:
                if any(clean_cell_text(values.get(k)) for k in ("status", "update", "revised_date", "evidence", "comments")):
                    self.error(where, "this row has no Action ref; progress goes on the row of its action "
                                      "(a new action is agreed at the next review)")
                continue
            if planned and ref.lower() not in planned:
                self.error(where, f"Action ref '{ref}' is not an action of this plan "
                                  f"({', '.join(a.ref for a in identity.actions)}); restore it")
                continue
            if ref.lower() in found:
                self.error(where, f"Action ref '{ref}' appears twice (first in row {found[ref.lower()].source}); "
                                  "delete the duplicate row")
                continue
            found[ref.lower()] = self._action(planned.get(ref.lower()), ref, values, row_number, columns)
        ordered = [found[a.ref.lower()] for a in identity.actions if a.ref.lower() in found]
        for action in identity.actions:
            if action.ref.lower() not in found:
                self.error(self.sheet_name, f"action '{action.ref}' is missing (its row was deleted?); "
                                            "send the original workbook back, or restore the row")
        return ordered or list(found.values())

    def _row_values(self, row, texts, formula_row, row_number: int, columns) -> Dict[str, object]:
        """Return each column's value as shown, except dates, which keep their own value."""
        values = super()._row_values(row, texts, formula_row, row_number, columns)
        for key in ("target_date", "revised_date"):
            if key in columns:
                values[key] = row[columns[key] - 1] if columns[key] - 1 < len(row) else None
        return values

    def _action(self, plan: Optional[PlannedAction], ref: str, values, row_number: int, columns) -> ActionProgress:
        text = clean_cell_text(values.get("action"))
        if plan is not None and "action" in columns and " ".join(text.split()) != " ".join(plan.text.split()):
            self.warning(self.cell(row_number, columns["action"]),
                         f"the text of action '{plan.ref}' was changed; the plan's own text is used")
        commitment_ref = plan.commitment_ref if plan else re.sub(r"\d+$", "", ref)
        clause = self.pledge.commitment(commitment_ref)
        last_status = plan.last_status if plan else clean_cell_text(values.get("last_status"))
        status = self._status(values.get("status"), row_number, columns, ref, last_status)
        evidence = clean_cell_text(values.get("evidence"))
        if status == DONE_STATUS and last_status != DONE_STATUS and not evidence and "evidence" in columns:
            self.warning(self.cell(row_number, columns["evidence"]),
                         f"action '{ref}' is marked {DONE_STATUS} with no evidence; say in 'Evidence of "
                         "completion' what shows it is done (the report for scrutiny lists it)")
        return ActionProgress(
            ref=plan.ref if plan else ref, commitment_ref=commitment_ref,
            commitment=f"{commitment_ref}. {clause.title}" if clause else commitment_ref,
            text=plan.text if plan else text,
            outcome=plan.outcome if plan else clean_cell_text(values.get("outcome")),
            lead=plan.lead if plan else clean_cell_text(values.get("lead")),
            target_date=parse_iso(plan.target) if plan else self._a_date(values, "target_date", row_number, columns),
            last_status=last_status,
            status=status,
            update=clean_cell_text(values.get("update")),
            revised_date=self._a_date(values, "revised_date", row_number, columns),
            evidence=evidence,
            comments=clean_cell_text(values.get("comments")),
            source=str(row_number),
        )

    def _status(self, value, row_number: int, columns, ref: str, last_status: str = "") -> Optional[str]:
        text = clean_cell_text(value)
        where = self.cell(row_number, columns["status"])
        if not text and last_status == DONE_STATUS:
            # Done at the last update: a blank now means nothing changed, not 'no status' (nor overdue).
            self.warning(where, f"no status for action '{ref}'; it was {DONE_STATUS} at the last update, so it is "
                                f"taken as still {DONE_STATUS.lower()} (pick '{DONE_STATUS}' to say so)")
            return DONE_STATUS
        if not text:
            (self.error if self.strict else self.warning)(where, f"no status for action '{ref}'; pick one from the list")
            return None
        status = status_by_label(text)
        if status is None:
            close = difflib.get_close_matches(text.lower(), [s.lower() for s in STATUS_LABELS], n=1, cutoff=0.6)
            hint = f" (did you mean '{next(s for s in STATUS_LABELS if s.lower() == close[0])}'?)" if close else ""
            self.error(where, f"'{text}' is not a status{hint}; use one of: {', '.join(STATUS_LABELS)}")
            return None
        return status.label

    def _a_date(self, values, key: str, row_number: int, columns) -> Optional[date]:
        value = values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        label = next(c.header for c in PROGRESS_COLUMNS if c.key == key)
        where = self.cell(row_number, columns[key])
        return self.date_in_cell(value, where, label)


def _progress_header(rows) -> Optional[int]:
    """Return the index of the header row: 'Action ref' and at least two more of the known headings."""
    known = {normalise_header(c.header) for c in PROGRESS_COLUMNS}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {normalise_header(v) for v in row}
        if "action ref" in names and len(names & known) >= 3:
            return index
    return None


def _prefixed(values: Dict[str, str], prefix: str):
    return tuple((k[len(prefix):], v) for k, v in values.items() if k.startswith(prefix))
