"""Reading produced Word documents back the way a test (or a reader) sees them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import List

from docx import Document
from docx.oxml.ns import qn


def all_text(path: Path) -> str:
    """Body paragraphs and table cells, in order, one per line."""
    doc = Document(str(path))
    lines: List[str] = []
    for block in doc.element.body.iter(qn("w:p")):
        lines.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
    return "\n".join(lines)


def header_text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for s in doc.sections for p in s.header.paragraphs)


def image_alt_texts(path: Path) -> List[str]:
    doc = Document(str(path))
    return [el.get("descr") for el in doc.element.body.iter(qn("wp:docPr"))]


def heading_levels(path: Path) -> List[int]:
    doc = Document(str(path))
    return [int(p.style.name.split()[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def xml_parts(path: Path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".xml")}


def table_headed(doc, first_header: str):
    """Return the first table whose header row starts with ``first_header``."""
    return next(t for t in doc.tables if t.rows and t.rows[0].cells[0].text == first_header)
