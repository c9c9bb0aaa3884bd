"""Reading a pledge file: the bundled Pledge, a revised one, or another area's."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

from pledge_office.errors import PledgeFileError
from pledge_office.inputs.yaml_file import load_yaml_with_lines
from pledge_office.model.pledge import Clause, Pledge
from pledge_office.office.resources import BUNDLED_PLEDGE


def load_pledge(path: Optional[Path] = None) -> Pledge:
    """Load a pledge file; the bundled VCSE Pledge when no path is given."""
    path = Path(path) if path else BUNDLED_PLEDGE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (str(path.resolve()) if stamp is not None else str(path), stamp)
    if key not in _LOADED:  # a batch asks for the same pledge for every council
        _LOADED[key] = _read_pledge(path)
    return _LOADED[key]


_LOADED: dict = {}


def _read_pledge(path: Path) -> Pledge:
    data, lines = load_yaml_with_lines(path, PledgeFileError)
    return Pledge(
        version=_required_text(data, "version", path, lines),
        title=_required_text(data, "title", path, lines),
        endorsed_by=str(data.get("endorsed_by") or "").strip(),
        introduction=_clauses(data, "introduction", path, lines, required=False),
        commitments_heading=str(data.get("commitments_heading") or "The Pledge").strip(),
        commitments=_clauses(data, "commitments", path, lines, required=True),
        source=path,
    )


def _line(lines: dict, field: str):
    """Return 'line N' for a field of the pledge file, for messages."""
    line = lines.get(field) or lines.get(field.split("[")[0])
    return f"line {line}" if line else None


def _required_text(data: dict, field: str, path: Path, lines: dict) -> str:
    value = data.get(field)
    if value is None or not str(value).strip() or isinstance(value, (dict, list)):
        raise PledgeFileError(
            f"field '{field}' is missing or empty; give it a text value", file=path, where=_line(lines, field)
        )
    return str(value).strip()


def _clauses(data: dict, field: str, path: Path, lines: dict, required: bool) -> Tuple[Clause, ...]:
    items = data.get(field)
    if items is None and not required:
        return ()
    if not isinstance(items, list) or not items:
        state = "is an empty list" if isinstance(items, list) else "must be a list"
        raise PledgeFileError(
            f"field '{field}' {state}: give a list of items, each with 'ref' and 'text'",
            file=path, where=_line(lines, field),
        )
    clauses: List[Clause] = []
    for number, item in enumerate(items, start=1):
        where = f"{field}[{number}]"
        if not isinstance(item, dict):
            raise PledgeFileError(f"field '{where}' must have 'ref' and 'text'", file=path, where=_line(lines, where))
        # '1.' and '1' are one ref (a list copied from a document keeps its full stops); the
        # workbook shows and the reader matches the ref without it
        ref = str(item.get("ref") or "").strip().rstrip(".").strip()
        text = " ".join(str(item.get("text") or "").split())
        if not ref:
            raise PledgeFileError(f"field '{where}.ref' is missing; give each item a ref such as 'a'", file=path,
                                  where=_line(lines, where))
        if not text:
            raise PledgeFileError(f"field '{where}.text' is missing or empty", file=path, where=_line(lines, where))
        if any(c.ref.lower() == ref.lower() for c in clauses):
            raise PledgeFileError(f"field '{where}.ref': ref '{ref}' is used twice; each ref must be unique",
                                  file=path, where=_line(lines, where))
        clauses.append(Clause(ref=ref, text=text, short_title=_short_title(item, where, path, lines)))
    return tuple(clauses)


SHORT_TITLE_LIMIT = 80


def _short_title(item: dict, where: str, path: Path, lines: dict) -> str:
    """Return an item's optional short title, one line of at most SHORT_TITLE_LIMIT characters."""
    value = item.get("short_title")
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise PledgeFileError(f"field '{where}.short_title' must be a few words of text", file=path,
                              where=_line(lines, where))
    title = " ".join(str(value).split())
    if len(title) > SHORT_TITLE_LIMIT:
        raise PledgeFileError(
            f"field '{where}.short_title' is {len(title)} characters; keep it to {SHORT_TITLE_LIMIT} or fewer",
            file=path, where=_line(lines, where),
        )
    return title
