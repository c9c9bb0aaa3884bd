"""Reading a returned review workbook, as officers' files really are.

Columns are found by their header text, rows by their Ref; dates are read the
British way; every problem is reported with its file, sheet and cell.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pledge_office.model.dates import DateProblem, from_excel_serial, parse_uk_date
from pledge_office.errors import NotAReviewWorkbook, ReviewHasErrors, UnsafeFile
from pledge_office.model.pledge import Pledge
from pledge_office.model.review import Action, Entry, Problem, Review
from pledge_office.model.review_checks import answer_warnings, suggest_rating
from pledge_office.office.cell_text import decode_escapes
from pledge_office.office.text import clean_text
from pledge_office.office.sheets import HEADER_SEARCH_ROWS, Table, TableTooLong, table_from_rows
from pledge_office.model.review_schema import (
    COLUMNS, IDENTITY_PROPERTY_PREFIX, IDENTITY_SHEET, INSTRUCTIONS_SHEET, PREVIOUS_COLUMNS,
    RATING_LABELS, REFERENCE_LABEL, REVIEW_SHEET, ReviewIdentity, rating_by_label,
)

_REFERENCE = re.compile(re.escape(REFERENCE_LABEL) + r"\s*(\S+)")


def read_review(path: Path, pledge: Pledge, *, strict: bool = False, data: Optional[bytes] = None) -> Review:
    """Read a returned workbook; problems are collected, only unreadable files raise.

    ``data`` is the workbook's bytes when it is not a file of its own (an email
    attachment, a decrypted copy kept in memory); ``path`` then names it.
    """
    return _WorkbookReader(Path(path), pledge, strict, data).read()


def read_review_strictly(path: Path, pledge: Pledge) -> Review:
    """Read a workbook and raise the first error, for commands that cannot go on."""
    return without_errors(read_review(path, pledge), path)


def without_errors(returned, path: Path):
    """Return a read workbook (a review or a progress return), or raise its first error."""
    if returned.errors:
        raise ReviewHasErrors(str(returned.errors[0]).split(": ", 1)[1], file=path)
    return returned


def normalise_header(text) -> str:
    return " ".join(str(text or "").split()).lower().rstrip(":*")


def clean_cell_text(value) -> str:
    """Return a cell's text with openpyxl's _xHHHH_ escapes decoded and spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(decode_escapes(str(value))).strip()


class _WorkbookReader:
    """One pass over one workbook, collecting problems as it goes."""

    def __init__(self, path: Path, pledge: Pledge, strict: bool, data: Optional[bytes] = None) -> None:
        self.path, self.pledge, self.strict, self.data = path, pledge, strict, data
        self.problems: List[Problem] = []
        self.sheet_name = REVIEW_SHEET

    # -- reporting
    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, where, message, "error"))

    def warning(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, where, message, "warning"))

    def cell(self, row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.sheet_name}!{get_column_letter(column)}{row}"

    # -- the whole read
    def read(self) -> Review:
        raw = self._load()
        table = raw.sheets[self._find_review_sheet(raw)]
        rows = table.values
        formula_rows = raw.formula_rows.get(self.sheet_name, [])
        header_row, columns = self._find_columns(rows)
        identity = self._identity(raw, table.texts[:header_row])
        if not self._same_pledge(identity):
            return Review(identity=identity, entries=[], files=[self.path], problems=self.problems)
        self.epoch1904 = raw.epoch1904
        self._report_unused_cells(table, header_row, columns)
        entries = self._entries(table, formula_rows, header_row, columns)
        warnings = answer_warnings(entries, identity, self.path, lambda row, key: self.cell(row, columns.get(key, 1)))
        # A cell already in error ('31/02/2027' is not a date) needs no second line saying it is empty.
        in_error = {p.where for p in self.problems if p.severity == "error"}
        self.problems += [w for w in warnings if w.where not in in_error]
        return Review(identity=identity, entries=entries, files=[self.path], problems=self.problems)

    def _load(self) -> "_RawWorkbook":
        """Parse the file into plain values; every parsing failure becomes one clear error.

        openpyxl parses lazily, so all reading happens here, inside one guard,
        and the rest of the reader works on plain tuples.
        """
        from io import BytesIO
        from zipfile import ZipFile

        from pledge_office.office.safe_zip import WORKBOOK_LIMITS, check_office_bytes, check_office_zip
        from pledge_office.office.sheet_values import open_values

        if self.data is None:
            check_office_zip(self.path, kind="an Excel workbook (.xlsx)", main_part="xl/workbook.xml",
                             limits=WORKBOOK_LIMITS)
        else:
            check_office_bytes(self.data, self.path, kind="an Excel workbook (.xlsx)", main_part="xl/workbook.xml",
                               limits=WORKBOOK_LIMITS)
        try:
            # Bytes, not a name: openpyxl then reads any extension, and the
            # officer's file is opened once, read-only, and never changed.
            data = self.data if self.data is not None else self.path.read_bytes()
            with ZipFile(BytesIO(data)) as package:
                if any(n.lower().endswith("vbaproject.bin") for n in package.namelist()):
                    self.warning("", "the workbook contains macros; they were ignored and never run")
            with open_values(data) as book:
                try:
                    return _RawWorkbook.extract(book, formulas=_has_formulas(data))
                except TableTooLong as exc:
                    raise UnsafeFile(exc.describe("a review workbook"), file=self.path) from None
        except UnsafeFile:
            raise
        except MemoryError:
            raise UnsafeFile("is too large to read; it may be hostile", file=self.path) from None
        except Exception as exc:  # zlib, lxml, defusedxml, openpyxl: all mean "not readable"
            unsafe = type(exc).__module__.startswith("defusedxml")
            raise UnsafeFile(
                ("contains XML that was refused as unsafe" if unsafe else
                 f"cannot be read as an Excel workbook ({type(exc).__name__})")
                + "; open it in Excel, save it as .xlsx and send it again",
                file=self.path,
            ) from None

    # -- sheets and columns
    def _find_review_sheet(self, raw: "_RawWorkbook") -> str:
        by_name = {name.strip().lower(): name for name in raw.sheets}
        if REVIEW_SHEET.lower() in by_name:
            self.sheet_name = by_name[REVIEW_SHEET.lower()]
            return self.sheet_name
        for name, table in raw.sheets.items():
            if name in (INSTRUCTIONS_SHEET, IDENTITY_SHEET):
                continue
            if _header_index(table.values) is not None:
                self.sheet_name = name
                self.warning(name, f"the '{REVIEW_SHEET}' sheet has been renamed to '{name}'; it was read anyway. "
                                   f"Rename it back to '{REVIEW_SHEET}' to silence this")
                return name
        raise NotAReviewWorkbook(
            f"has no '{REVIEW_SHEET}' sheet (sheets: {', '.join(raw.sheets) or 'none'}); "
            "send the review workbook made by 'pledge-office review-workbook'",
            file=self.path,
        )

    def _find_columns(self, rows) -> Tuple[int, Dict[str, int]]:
        header_index = _header_index(rows)
        if header_index is None:
            raise NotAReviewWorkbook(
                f"the '{self.sheet_name}' sheet has no header row with 'Ref' and 'Commitment'; "
                "restore the column headings from the original workbook",
                file=self.path, where=self.sheet_name,
            )
        found, unknown = self._header_columns(rows[header_index], header_index + 1, COLUMNS + PREVIOUS_COLUMNS)
        self._report_missing_columns(found, unknown, header_index + 1, [c for c in COLUMNS if c.required])
        return header_index, found

    def _header_columns(self, header, row: int, specs) -> Tuple[Dict[str, int], Dict[str, int]]:
        """Return the known headings' columns by key and the other headings' by name; a heading twice is an error."""
        found: Dict[str, int] = {}
        unknown: Dict[str, int] = {}
        known = {normalise_header(c.header): c for c in specs}
        for column, value in enumerate(header, start=1):
            name = normalise_header(value)
            if not name:
                continue
            spec = known.get(name)
            if spec is None:
                unknown[name] = column
            elif spec.key in found:
                self.error(self.cell(row, column),
                           f"the heading '{spec.header}' appears twice; delete or rename the extra column")
            else:
                found[spec.key] = column
        return found, unknown

    def _report_missing_columns(self, found: Dict[str, int], unknown: Dict[str, int], row: int, needed,
                                partial: bool = True) -> None:
        """Name each needed column not found: as a renamed heading when one is close, else as missing."""
        for spec in needed:
            if spec.key in found:
                continue
            close = _closest_header(normalise_header(spec.header), list(unknown), partial)
            if close:
                self.error(self.cell(row, unknown[close]),
                           f"the heading should read '{spec.header}'; restore it so the column can be read")
            else:
                self.error(f"{self.sheet_name}!{row}:{row}",
                           f"the column '{spec.header}' is missing; restore it from the original workbook")

    # -- identity
    def _identity(self, raw: "_RawWorkbook", rows_above_header) -> ReviewIdentity:
        sources: Dict[str, Dict[str, str]] = {}
        hidden = self._identity_sheet(raw)
        if hidden:
            sources["the hidden pledge-office sheet"] = hidden
        props = {name[len(IDENTITY_PROPERTY_PREFIX):]: clean_cell_text(value)
                 for name, value in raw.properties.items()
                 if name.startswith(IDENTITY_PROPERTY_PREFIX)}
        if props:
            sources["the document properties"] = props
        shown = _reference_in(rows_above_header)
        if shown:
            sources[f"the '{self.sheet_name}' sheet"] = {"review_id": shown}
        if not sources:
            raise NotAReviewWorkbook(
                "has no pledge-office review reference; is it the workbook made by "
                "'pledge-office review-workbook'? Send that one back",
                file=self.path,
            )
        return self._cross_checked(sources)

    def _same_pledge(self, identity: ReviewIdentity) -> bool:
        """Refuse a workbook made for another pledge, naming both; warn of another version of this one."""
        made_for = " ".join(identity.pledge.split()).lower()
        if made_for and made_for != " ".join(self.pledge.title.split()).lower():
            made = identity.pledge + (f" (version {identity.pledge_version})" if identity.pledge_version else "")
            self.error("", f"was made for the {made}, not the {self.pledge.identity}; read it with that "
                           f"pledge's file (--pledge), or use a workbook made for the {self.pledge.title}")
            return False
        if identity.pledge_version and self.pledge.version and identity.pledge_version != self.pledge.version:
            self.warning("", f"was made with version {identity.pledge_version} of the {self.pledge.title}, not "
                             f"version {self.pledge.version}; commitments whose text changed are read by their ref")
        return True

    def _identity_sheet(self, raw: "_RawWorkbook") -> Dict[str, str]:
        values: Dict[str, str] = {}
        table = raw.sheets.get(IDENTITY_SHEET)
        for row in table.texts if table else []:
            if len(row) >= 2 and row[0]:
                values[row[0].strip()] = row[1].strip()
        return values

    def _merged(self, sources: Dict[str, Dict[str, str]], key: str, what: str) -> Dict[str, str]:
        """Return the identity the workbook gives in all its places, the first place's values first.

        The reference (``key``) differing between places is an error: the workbook may mix two.
        """
        ids = {name: values[key] for name, values in sources.items() if values.get(key)}
        if len(set(ids.values())) > 1:
            detail = "; ".join(f"'{v}' in {k}" for k, v in ids.items())
            self.error("", f"the {what} reference differs between places in the workbook ({detail}); "
                           "it may mix two workbooks: send the original back")
        merged: Dict[str, str] = {}
        for values in reversed(list(sources.values())):
            merged.update({k: v for k, v in values.items() if v})
        return merged

    def _cross_checked(self, sources: Dict[str, Dict[str, str]]) -> ReviewIdentity:
        merged = self._merged(sources, "review_id", "review")
        for key in ("generated", "due"):
            if merged.get(key) and not _is_iso_date(merged[key]):
                self.warning("", f"the hidden value '{key}' ({merged[key][:40]!r}) is not a date; it was ignored. "
                                 "The workbook may have been edited by hand: send the original if you can")
                merged[key] = ""
        fingerprints = {k.split(" ", 1)[1]: v for k, v in merged.items() if k.startswith("fingerprint ")}
        return ReviewIdentity(
            review_id=merged.get("review_id", ""), council=merged.get("council", ""),
            council_short=merged.get("council_short", ""), pledge_version=merged.get("pledge_version", ""),
            period=merged.get("period", ""), generated=merged.get("generated", ""),
            tool_version=merged.get("tool_version", ""), fingerprints=fingerprints,
            officer=merged.get("officer", ""), due=merged.get("due", ""), pledge=merged.get("pledge", ""),
        )

    # -- rows
    def _entries(self, table: Table, formula_rows, header_index: int, columns: Dict[str, int]) -> List[Entry]:
        if any(c.key not in columns for c in COLUMNS if c.required):
            return []  # already reported: rows cannot be read without every column
        entries: Dict[str, Entry] = {}
        current: Optional[Entry] = None
        further: List[Tuple[int, str]] = []  # (row, commitment ref) of rows with a blank Ref
        for index in range(header_index + 1, len(table.values)):
            row_number = index + 1
            values = self._row_values(table.values[index], table.texts[index],
                                      formula_rows[index] if index < len(formula_rows) else (),
                                      row_number, columns)
            if not any(v not in (None, "") for v in values.values()):
                continue
            ref = clean_cell_text(values.get("ref"))
            if not ref and self._is_group_heading(values):
                current = None  # rows below a heading belong to the commitments that follow it
                continue
            if ref:
                current = self._commitment_row(ref, values, row_number, columns, entries)
            elif current is None:
                self.error(self.cell(row_number, columns["ref"]),
                           "this row has no Ref and no commitment above it; move it below the commitment it belongs to")
            else:
                self._further_action_row(current, values, row_number, columns)
                further.append((row_number, current.ref))
        self._report_sorted(entries, further, columns)
        return self._in_pledge_order(entries, header_index + 1)

    def _is_group_heading(self, values) -> bool:
        """True for a group's heading row: its heading in Commitment and nothing else filled in."""
        headings = {" ".join(g.heading.split()).lower() for g in self.pledge.groups if g.heading}
        text = " ".join(clean_cell_text(values.get("commitment")).split()).lower()
        others = [v for k, v in values.items() if k not in ("ref", "commitment") and clean_cell_text(v)]
        return bool(text) and text in headings and not others

    def _row_values(self, row, texts, formula_row, row_number: int, columns: Dict[str, int]) -> Dict[str, object]:
        """Return each column's value: the text shown in the cell, except the date's own value."""
        values: Dict[str, object] = {}
        for key, column in columns.items():
            value = row[column - 1] if column - 1 < len(row) else None
            formula = formula_row[column - 1] if column - 1 < len(formula_row) else None
            if value is None and isinstance(formula, str) and formula.startswith("="):
                self.error(self.cell(row_number, column),
                           "this cell holds a formula with no saved value; type the value instead, "
                           "or open and save the workbook in Excel")
            if key != "target_date" and value is not None:
                value = texts[column - 1]
            values[key] = value
        return values

    def _report_sorted(self, entries: Dict[str, Entry], further: List[Tuple[int, str]], columns) -> None:
        """A further-action row is tied to the commitment above it: say so when rows were reordered.

        Sorting the table (by rating, say) carries each row on its own, so a further action
        can land under another commitment. When the commitments are no longer in the pledge's
        order, every such row is named with the commitment it was read with.
        """
        order = [c.ref for c in self.pledge.commitments if c.ref in entries]
        by_row = sorted(order, key=lambda ref: int(entries[ref].source))
        if not further or by_row == order:
            return
        for row_number, ref in further:
            self.warning(self.cell(row_number, columns["ref"]),
                         f"the rows are no longer in commitment order (sorted?), so this further action "
                         f"was read as belonging to commitment '{ref}', the row above it; if it belongs to "
                         "another, move it directly below that commitment's row")

    def _report_unused_cells(self, table: Table, header_index: int, columns: Dict[str, int]) -> None:
        """Warn about values in columns the tool does not read: they would be lost without a word."""
        used = set(columns.values())
        known_unread = {normalise_header(c.header) for c in PREVIOUS_COLUMNS}
        header = table.texts[header_index] if header_index < len(table.texts) else ()
        unused: Dict[int, List[int]] = {}
        for index in range(header_index + 1, len(table.texts)):
            for column, text in enumerate(table.texts[index], start=1):
                if column in used or not text.strip():
                    continue
                heading = normalise_header(header[column - 1]) if column - 1 < len(header) else ""
                if heading in known_unread:
                    continue
                unused.setdefault(column, []).append(index + 1)
        for row_number, column in table.outside:
            if row_number > header_index + 1:
                unused.setdefault(column, []).append(row_number)
        for column, rows in sorted(unused.items()):
            cells = [self.cell(r, column).split("!", 1)[1] for r in rows]
            shown = ", ".join(cells[:5]) + (f" and {len(cells) - 5} more" if len(cells) > 5 else "")
            heading = header[column - 1].strip() if column - 1 < len(header) and header[column - 1] else ""
            what = f"the column '{heading}'" if heading else "a column with no heading"
            self.warning(self.cell(rows[0], column),
                         f"{what} is not one the tool reads, so what is in it ({shown}) is not in the plan; "
                         "move it into Evidence, Action needed or Comments")

    def _commitment_row(self, ref: str, values, row_number: int, columns, entries) -> Optional[Entry]:
        clause = self.pledge.commitment(ref)
        ref_cell = self.cell(row_number, columns["ref"])
        if clause is None:
            refs = ", ".join(c.ref for c in self.pledge.commitments)
            self.error(ref_cell, f"Ref '{ref}' is not a commitment of the pledge ({refs}); correct it, "
                                 "or leave Ref blank on a further action row")
            return None
        if clause.ref in entries:
            self.error(ref_cell, f"Ref '{clause.ref}' appears twice (first in row {entries[clause.ref].source}); "
                                 "delete the duplicate row, or leave Ref blank on a further action row")
            return None
        text = clean_cell_text(values.get("commitment"))
        if " ".join(text.split()) != clause.text:
            self.warning(self.cell(row_number, columns.get("commitment", 2)),
                         f"the text of commitment '{clause.ref}' was changed; the pledge's own text is used")
        entry = Entry(ref=clause.ref, commitment=clause.text, source=str(row_number))
        entry.rating = self._rating(values.get("rating"), row_number, columns, clause.ref)
        entry.previous_rating = clean_cell_text(values.get("previous_rating")) or None
        entry.evidence = clean_cell_text(values.get("evidence"))
        entry.comments = clean_cell_text(values.get("comments"))
        self._add_action(entry, values, row_number, columns)
        entries[clause.ref] = entry
        return entry

    def _further_action_row(self, entry: Entry, values, row_number: int, columns) -> None:
        if clean_cell_text(values.get("rating")):
            self.warning(self.cell(row_number, columns["rating"]),
                         f"a rating on a further action row is ignored; rate commitment '{entry.ref}' on its own row")
        extra = clean_cell_text(values.get("evidence"))
        if extra:
            entry.evidence = f"{entry.evidence}\n{extra}".strip()
        comment = clean_cell_text(values.get("comments"))
        if comment:
            entry.comments = f"{entry.comments}\n{comment}".strip()
        self._add_action(entry, values, row_number, columns)

    def _add_action(self, entry: Entry, values, row_number: int, columns) -> None:
        text = clean_cell_text(values.get("action"))
        lead = clean_cell_text(values.get("lead"))
        support = clean_cell_text(values.get("support"))
        outcome = clean_cell_text(values.get("outcome"))
        post = clean_cell_text(values.get("lead_post"))
        target = self._date(values.get("target_date"), row_number, columns)
        if not text and (lead or target):
            self.warning(self.cell(row_number, columns["action"]),
                         "a lead officer or target date is given but no action; describe the action")
        elif not text and (outcome or post):
            self.warning(self.cell(row_number, columns["action"]),
                         "an outcome or lead officer's post is given but no action; describe the action")
        elif not text and support:
            self.warning(self.cell(row_number, columns["action"]),
                         "support is requested but no action is described; describe the action it is for "
                         "(until then it is not counted as an action, and progress updates leave it out)")
        if text or lead or target or support or outcome or post:
            entry.actions.append(Action(text=text, lead=lead, target_date=target, support=support,
                                        source=f"{self.path.name}: {self.sheet_name}!{row_number}",
                                        outcome=outcome, lead_post=post))

    def _rating(self, value, row_number: int, columns, ref: str) -> Optional[str]:
        text = clean_cell_text(value)
        where = self.cell(row_number, columns["rating"])
        if not text:
            message = f"no rating for commitment '{ref}'; pick one from the list"
            (self.error if self.strict else self.warning)(where, message)
            return None
        rating = rating_by_label(text)
        if rating is None:
            close = suggest_rating(text)
            hint = f" (did you mean '{close}'?)" if close else ""
            self.error(where, f"'{text}' is not a rating{hint}; use one of: {', '.join(RATING_LABELS)}")
            return None
        return rating.label

    def _date(self, value, row_number: int, columns) -> Optional[date]:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        where = self.cell(row_number, columns["target_date"])
        return self.date_in_cell(value, where, "Target date")

    def date_in_cell(self, value, where: str, label: str) -> Optional[date]:
        """Read a date as the officer typed it (or Excel stored it); say so in words when it is not one."""
        try:
            if isinstance(value, datetime):
                found = value.date()
            elif isinstance(value, date):
                found = value
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                found = from_excel_serial(float(value), epoch1904=self.epoch1904)
            else:
                found = parse_uk_date(clean_cell_text(value))
        except DateProblem as exc:
            self.error(where, f"{label} {exc}")
            return None
        if not 2000 <= found.year <= 2100:
            self.warning(where, f"{label} {found.strftime('%d/%m/%Y')} looks wrong (a number typed into a "
                                "date cell?); type it as DD/MM/YYYY")
        return found

    def _in_pledge_order(self, entries: Dict[str, Entry], header_row: int) -> List[Entry]:
        ordered = []
        for clause in self.pledge.commitments:
            if clause.ref in entries:
                ordered.append(entries[clause.ref])
            else:
                self.error(f"{self.sheet_name}", f"commitment '{clause.ref}' is missing (its row was deleted?); "
                                                 f"add a row with Ref '{clause.ref}' below the headings in row {header_row}")
        return ordered


WorkbookReader = _WorkbookReader  # the progress reader builds on it: one way of opening returned workbooks


@dataclass
class _RawWorkbook:
    """The plain values of a workbook, read once, within bounds."""

    sheets: Dict[str, Table]
    formula_rows: Dict[str, List[tuple]]
    properties: Dict[str, str]
    epoch1904: bool = False

    @classmethod
    def extract(cls, book, formulas: bool) -> "_RawWorkbook":
        """Read every worksheet's values, and its formulas too when ``formulas`` (most returns have none)."""
        # The instructions are ours, never read back: their sheet is named but not parsed.
        sheets = {name: Table() if name == INSTRUCTIONS_SHEET else table_from_rows(book.rows(name))
                  for name in book.sheet_names}
        formula_rows = {name: table_from_rows(book.rows(name, data_only=False)).values for name in book.sheet_names
                        if name.strip().lower() != IDENTITY_SHEET and name != INSTRUCTIONS_SHEET} if formulas else {}
        return cls(sheets, formula_rows, dict(book.properties), book.epoch1904)


def _has_formulas(data: bytes) -> bool:
    """True when any sheet of the (already checked) workbook holds a formula."""
    from io import BytesIO
    from zipfile import ZipFile

    with ZipFile(BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with package.open(name) as sheet:
                    chunk, tail = b"", b""
                    while True:
                        chunk = sheet.read(1 << 16)
                        if not chunk:
                            break
                        if b"<f>" in tail + chunk or b"<f " in tail + chunk or b":f>" in tail + chunk:
                            return True
                        tail = chunk[-8:]
    return False


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _closest_header(expected: str, candidates: List[str], partial: bool = True) -> Optional[str]:
    """Return the edited heading that most likely was ``expected`` ('Evidence' for 'Evidence of ...').

    Without ``partial``, a heading that holds the expected one (or is part of it) counts only when it is close.
    """
    within = [c for c in candidates if c and (c in expected or expected in c)] if partial else []
    if within:
        return within[0]
    close = difflib.get_close_matches(expected, candidates, n=1, cutoff=0.5)
    return close[0] if close else None


def _header_index(rows) -> Optional[int]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {normalise_header(v) for v in row}
        if "ref" in names and "commitment" in names:
            return index
    return None


def _reference_in(rows) -> str:
    for row in rows:
        for value in row:
            match = _REFERENCE.search(clean_cell_text(value))
            if match:
                return match.group(1)
    return ""
