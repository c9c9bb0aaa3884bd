"""The commented council file 'pledge-office init' writes, made from the declared fields."""

from __future__ import annotations

import json
import textwrap
from typing import List

from pledge_office.model.council_fields import FIELDS, CouncilField

HEADER = """\
# Council file for pledge-office.
# Every value below is an EXAMPLE for the fictional Exampleshire County Council:
# replace each one (names, dates, phone, email) with your council's own, then run:
#   pledge-office adoption-pack THIS_FILE -o OUTPUT_FOLDER
# Paths (logos, templates) are relative to the folder this file is in.
# Dates may be written 2027-02-10 or 10/02/2027 (day first).
# Lines starting with # are optional: remove the # (and the space after it) to use them.
"""


def council_file_text() -> str:
    """Return the council file to fill in: every field, with an example and a comment."""
    lines: List[str] = [HEADER]
    for item in FIELDS:
        if "[]" in item.path or (item.example is None and item.kind not in ("section",)):
            continue
        depth = item.path.count(".")
        if depth == 0:
            lines.append("")
        lines.extend(_field_lines(item, "  " * depth))
    return "\n".join(lines).rstrip() + "\n"


def _field_lines(item: CouncilField, indent: str) -> List[str]:
    comment = "# " if item.commented or _inside_commented(item) else ""
    wide = item.help and (item.kind in ("section", "people", "mapping", "list") or item.commented)
    help_line = textwrap.wrap(f"{item.help[:1].upper()}{item.help[1:]}.", 100 - len(indent),
                              initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# ") if wide else []
    key = f"{indent}{comment}{item.name}:"
    if item.kind == "section":
        return help_line + [key]
    if item.kind in ("people", "list", "mapping"):
        return help_line + [key] + _nested(item.example, indent + "  ", comment)
    remark = f"  # {item.help}" if item.help and not help_line else ""
    return help_line + [f"{key} {_scalar(item.example)}{remark}"]


def _inside_commented(item: CouncilField) -> bool:
    parents = {f.path: f for f in FIELDS}
    parent = item.parent
    while parent:
        if parents.get(parent) and parents[parent].commented:
            return True
        parent = parent.rpartition(".")[0]
    return False


def _nested(example: object, indent: str, comment: str) -> List[str]:
    if isinstance(example, dict):
        return [f"{indent}{comment}{key}: {_scalar(value)}" for key, value in example.items()]
    lines: List[str] = []
    for entry in example or []:
        if isinstance(entry, dict):
            first = True
            for key, value in entry.items():
                lead = "- " if first else "  "
                lines.append(f"{indent}{comment}{lead}{key}: {_scalar(value)}")
                first = False
        else:
            lines.append(f"{indent}{comment}- {_scalar(entry)}")
    return lines


def _scalar(value: object) -> str:
    """Write a value as YAML would read it back as the same text."""
    text = str(value)
    plain = text and not text[0] in "-?:,[]{}#&*!|>'\"%@`" and ": " not in text and " #" not in text
    return text if plain else json.dumps(text, ensure_ascii=False)
