"""Reading a pledge file: the bundled Pledge, a revised one, or another area's.

A pledge file comes from anywhere, so it is read like any other untrusted
input: bounded YAML, every error naming the line and field, a misspelt field
named with a suggestion, logos checked and kept inside the file's folder.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pledge_office.errors import PledgeFileError
from pledge_office.inputs.yaml_file import load_yaml_with_lines, value_at
from pledge_office.model.pledge import (
    ABOUT, INTRODUCTION_KINDS, Clause, Contact, Partner, Pledge, Sector, Umbrella, slug,
)
from pledge_office.office.resources import BUNDLED_PLEDGE

SHORT_TITLE_LIMIT = 80
CONTACT_FIELDS = ("name", "role", "email", "phone")
COMMITMENT_FIELDS = ("ref", "short_title", "text")
KNOWN_FIELDS: Dict[str, Tuple[str, ...]] = {
    "": ("version", "title", "short_name", "called", "summary", "endorsed_by", "umbrella", "sector", "partners",
         "introduction", "commitments_heading", "commitments"),
    "endorsed_by": ("name", "about"),
    "umbrella": ("name", "website", "logo", "signs", "contact", "signatory"),
    "umbrella.contact": CONTACT_FIELDS,
    "umbrella.signatory": ("name", "role"),
    "sector": ("name", "short", "abbreviation"),
    "partners[]": ("name", "logo", "signs", "signatory"),
    "partners[].signatory": ("name", "role"),
    "introduction[]": ("ref", "kind", "text"),
    "commitments[]": COMMITMENT_FIELDS + ("group", "commitments"),
    "commitments[].commitments[]": COMMITMENT_FIELDS,
}


def load_pledge(path: Optional[Path] = None) -> Pledge:
    """Load a pledge file; the bundled pledge when no path is given."""
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
    fields = _Fields(data, lines, path)
    fields.refuse_unknown()
    title = fields.text("title", required=True)
    umbrella = _umbrella(fields)
    partners = _partners(fields, umbrella)
    if fields.get("umbrella.logo") is not None:
        umbrella = replace(umbrella, logo=partners[-1].logo.path)
    return Pledge(
        version=fields.text("version"),
        title=title,
        short_name=_short_name(fields, title),
        called=fields.text("called") or "the Pledge",
        summary=fields.text("summary"),
        endorsed_by=fields.text("endorsed_by.name") if isinstance(data.get("endorsed_by"), dict)
        else fields.text("endorsed_by"),
        endorsed_by_about=fields.text("endorsed_by.about") if isinstance(data.get("endorsed_by"), dict) else "",
        umbrella=umbrella,
        sector=_sector(fields),
        partners=partners,
        introduction=_introduction(fields),
        commitments_heading=fields.text("commitments_heading") or "Commitments",
        commitments=_commitments(fields),
        source=path,
    )


def _short_name(fields: "_Fields", title: str) -> str:
    value = fields.text("short_name")
    if value and not slug(value):
        fields.fail("short_name", "must contain letters or digits; it names the files, e.g. 'area-compact'")
    return slug(value or title)


def _umbrella(fields: "_Fields") -> Umbrella:
    if fields.get("umbrella") is None:
        return Umbrella("the umbrella body")
    fields.mapping("umbrella")
    return Umbrella(
        name=fields.text("umbrella.name", required=True),
        contact=_contact(fields, "umbrella.contact"),
        website=fields.text("umbrella.website"),
    )


def _sector(fields: "_Fields") -> Sector:
    if fields.get("sector") is None:
        return Sector("voluntary and community sector", "voluntary and community sector", "")
    fields.mapping("sector")
    name = fields.text("sector.name", required=True)
    abbreviation = fields.text("sector.abbreviation")
    return Sector(name=name, short=fields.text("sector.short") or abbreviation or name, abbreviation=abbreviation)


def _contact(fields: "_Fields", key: str) -> Contact:
    if fields.get(key) is None:
        return Contact()
    fields.mapping(key)
    return Contact(**{name: fields.text(f"{key}.{name}") for name in CONTACT_FIELDS})


def _partners(fields: "_Fields", umbrella: Umbrella) -> Tuple[Partner, ...]:
    """Return the default partner bodies of the signing copy: the partners listed, then the umbrella body."""
    raw = fields.get("partners")
    if raw is not None and not isinstance(raw, list):
        fields.fail("partners", "must be a list of partner bodies, each with 'name' and 'logo'")
    partners = [_partner(fields, f"partners[{i}]") for i in range(1, len(raw or []) + 1)]
    if fields.get("umbrella.logo") is not None:
        partners.append(_partner(fields, "umbrella"))
    names = [p.name.lower() for p in partners]
    for i, name in enumerate(names):
        if name in names[:i]:
            fields.fail(f"partners[{i + 1}].name", f"'{partners[i].name}' is listed twice; list each body once")
    return tuple(partners)


def _partner(fields: "_Fields", key: str) -> Partner:
    from pledge_office.inputs.logos import check_logo

    fields.mapping(key)
    name = fields.text(f"{key}.name", required=True)
    logo = fields.text(f"{key}.logo", required=True)
    signatory = fields.get(f"{key}.signatory")
    if signatory is not None:
        fields.mapping(f"{key}.signatory")
    return Partner(
        name=name,
        logo=check_logo(logo, fields.path.parent, fields.path, fields.located(f"{key}.logo"), alt=f"{name} logo",
                        owner="pledge file"),
        signs=fields.yes_no(f"{key}.signs"),
        signatory=Contact(name=fields.text(f"{key}.signatory.name"), role=fields.text(f"{key}.signatory.role")),
    )


def _introduction(fields: "_Fields") -> Tuple[Clause, ...]:
    items = fields.get("introduction")
    if items is None:
        return ()
    fields.items_list("introduction", items)
    clauses: List[Clause] = []
    for number in range(1, len(items) + 1):
        key = f"introduction[{number}]"
        ref, text = _ref_and_text(fields, key, clauses)
        kind = fields.text(f"{key}.kind").lower() or ABOUT
        if kind not in INTRODUCTION_KINDS:
            fields.fail(f"{key}.kind", f"'{kind}' is not a kind of paragraph; use 'about' (describes the pledge, "
                                       "summarised in the report) or 'process' (a note to councils, left out)")
        clauses.append(Clause(ref=ref, text=text, kind=kind))
    return tuple(clauses)


def _commitments(fields: "_Fields") -> Tuple[Clause, ...]:
    """Read the commitments, flat or in groups: every ref first, then every short title."""
    items = fields.get("commitments")
    fields.items_list("commitments", items)
    places: List[Tuple[str, str]] = []  # (field, group heading)
    groups: List[str] = []
    for number, item in enumerate(items, start=1):
        key = f"commitments[{number}]"
        if isinstance(item, dict) and "group" in item:
            heading = fields.text(f"{key}.group", required=True)
            if heading.lower() in groups:
                fields.fail(f"{key}.group", f"'{heading}' is used twice; give each group once, with all its commitments")
            groups.append(heading.lower())
            inner = fields.get(f"{key}.commitments")
            fields.items_list(f"{key}.commitments", inner)
            places += [(f"{key}.commitments[{n}]", heading) for n in range(1, len(inner) + 1)]
        else:
            places.append((key, ""))
    grouped = [bool(group) for _, group in places]
    if any(grouped) and not all(grouped):
        key = places[grouped.index(False)][0]
        fields.fail(key, "is outside any group while other commitments are in groups; "
                         "put every commitment in a group, or none")
    refs: List[Clause] = []
    for key, group in places:
        ref, text = _ref_and_text(fields, key, refs)
        refs.append(Clause(ref=ref, text=text, group=group))
    clauses: List[Clause] = []
    for (key, _), clause in zip(places, refs):
        clauses.append(Clause(ref=clause.ref, text=clause.text, group=clause.group,
                              short_title=_short_title(fields, key, clauses)))
    return tuple(clauses)


def _short_title(fields: "_Fields", key: str, before: List[Clause]) -> str:
    if isinstance(fields.get(f"{key}.short_title"), (dict, list)):
        fields.fail(f"{key}.short_title", "must be a few words of text")
    title = fields.text(f"{key}.short_title")
    if not title:
        fields.fail(f"{key}.short_title", "is missing; give each commitment a short title of a few plain words, "
                                          "used in action plans and progress reports")
    if len(title) > SHORT_TITLE_LIMIT:
        fields.fail(f"{key}.short_title", f"is {len(title)} characters; keep it to {SHORT_TITLE_LIMIT} or fewer")
    same = next((c for c in before if c.short_title.lower() == title.lower()), None)
    if same is not None:
        fields.fail(f"{key}.short_title", f"'{title}' is also the short title of commitment '{same.ref}'; "
                                          "give each commitment its own")
    return title


def _ref_and_text(fields: "_Fields", key: str, before: List[Clause]) -> Tuple[str, str]:
    if not isinstance(fields.get(key), dict):
        fields.fail(key, "must have 'ref' and 'text'")
    ref = fields.text(f"{key}.ref").rstrip(".").strip()
    if not ref:
        fields.fail(f"{key}.ref", "is missing; give each item a ref such as 'a', '1' or '2.1'")
    text = fields.text(f"{key}.text")
    if not text:
        fields.fail(f"{key}.text", "is missing or empty")
    if any(c.ref.lower() == ref.lower() for c in before):
        fields.fail(f"{key}.ref", f"ref '{ref}' is used twice; each ref must be unique")
    return ref, text


class _Fields:
    """Typed access to the pledge file's fields, each error naming field and line."""

    def __init__(self, data: dict, lines: Dict[str, int], path: Path) -> None:
        self.data, self.lines, self.path = data, lines, path

    def where(self, key: str) -> Optional[str]:
        """Return 'line N' for a field, or for the nearest field above it that has a line."""
        probe = key
        while probe and probe not in self.lines:
            shorter = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", probe)
            probe = "" if shorter == probe else shorter
        line = self.lines.get(probe)
        return f"line {line}" if line else None

    def located(self, key: str) -> str:
        """Return 'line N: field 'key'', for messages made elsewhere (logos)."""
        line = self.where(key)
        return f"{line}: field '{key}'" if line else f"field '{key}'"

    def fail(self, key: str, message: str) -> None:
        raise PledgeFileError(f"field '{key}' {message}", file=self.path, where=self.where(key))

    def get(self, key: str):
        return value_at(self.data, key)

    def text(self, key: str, required: bool = False) -> str:
        value = self.get(key)
        if isinstance(value, (dict, list)):
            self.fail(key, "must be a single text value, not a list or mapping")
        text = "" if value is None else " ".join(str(value).split())
        if required and not text:
            self.fail(key, "is missing or empty; give it a text value")
        return text

    def yes_no(self, key: str) -> bool:
        value = self.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if text in ("yes", "y", "true", "no", "n", "false", ""):
            return text in ("yes", "y", "true")
        self.fail(key, f"must be yes or no, not '{value}'")

    def mapping(self, key: str) -> None:
        if not isinstance(self.get(key), dict):
            self.fail(key, "must be a group of fields (name: ..., and so on), not a single value")

    def items_list(self, key: str, items) -> None:
        if not isinstance(items, list) or not items:
            state = "is an empty list" if isinstance(items, list) else "must be a list"
            self.fail(key, f"{state}: give a list of items, each with 'ref' and 'text'")

    def refuse_unknown(self) -> None:
        """A misspelt field would be silently ignored: name it, and suggest the right one."""
        for key, line in self.lines.items():
            parent, _, name = re.sub(r"\[\d+\]", "[]", key).rpartition(".")
            if name.endswith("[]"):
                continue
            known = KNOWN_FIELDS.get(parent)
            if known is None or name in known:
                continue
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known fields here: {', '.join(known)}"
            raise PledgeFileError(f"unknown field '{key}'{hint}", file=self.path, where=f"line {line}")
