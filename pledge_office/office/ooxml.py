"""Raw Office Open XML: namespaces, qualified names, and children in the order Word insists on.

Word reads element order strictly in many places; an element appended in the
wrong place can make it offer to "repair" the file, and the repair may drop it.
Everything that adds raw XML to a document goes through here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Dict, Iterable, Optional, Sequence, Tuple

NAMESPACES: Dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
W = "{%s}" % NAMESPACES["w"]
WP = "{%s}" % NAMESPACES["wp"]
A = "{%s}" % NAMESPACES["a"]

# The schema's sequences (ECMA-376 Part 1), for the containers we add children to.
TC_PR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
               "tcPrChange")
TR_PR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
               "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange")
TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                "tblCaption", "tblDescription", "tblPrChange")


def qn(tag: str) -> str:
    """Return Clark notation for a prefixed name: 'w:tcW' -> '{http://...main}tcW'."""
    prefix, _, name = tag.partition(":")
    return "{%s}%s" % (NAMESPACES[prefix], name)


def local_name(element: Any) -> str:
    return element.tag.rpartition("}")[2]


def insert_in_order(parent: Any, child: Any, order: Sequence[str]) -> Any:
    """Put ``child`` into ``parent`` where the schema's sequence ``order`` wants it.

    An existing child of the same name is replaced, so each property appears once.
    """
    name = local_name(child)
    for existing in parent.findall(child.tag):
        parent.remove(existing)
    rank = order.index(name)
    later = next((c for c in parent if local_name(c) in order and order.index(local_name(c)) > rank), None)
    if later is not None:
        later.addprevious(child)
    else:
        parent.append(child)
    return child


def element(tag: str, **attributes: str) -> Any:
    """Make a WordprocessingML element with w: attributes: element('w:shd', val='clear')."""
    from docx.oxml import OxmlElement

    made = OxmlElement(tag)
    for key, value in attributes.items():
        made.set(qn(f"w:{key}"), value)
    return made


def shade_cell(cell: Any, fill: str) -> None:
    """Fill a python-docx table cell with a colour (hex, 'RRGGBB'), in schema order."""
    insert_in_order(cell._tc.get_or_add_tcPr(), element("w:shd", val="clear", color="auto", fill=fill), TC_PR_ORDER)


def mark_header_row(row: Any) -> None:
    """Mark a table row as its header: repeated on every page, announced by screen readers, never split."""
    tr_pr = row._tr.get_or_add_trPr()
    insert_in_order(tr_pr, element("w:cantSplit"), TR_PR_ORDER)
    insert_in_order(tr_pr, element("w:tblHeader"), TR_PR_ORDER)  # on/off: bare means on


def keep_row_together(row: Any) -> None:
    """Never split a row across pages."""
    insert_in_order(row._tr.get_or_add_trPr(), element("w:cantSplit"), TR_PR_ORDER)


# -- Whole files: properties, and parts put in order after rendering -----------------
#
# python-docx, docxtpl and openpyxl each write a few things in an order or form
# the schema does not allow (docxtpl's cellbg puts w:shd before w:tcW; openpyxl
# writes a font's name first); these put them right, so the files validate as
# cleanly as the libraries' own empty documents.

W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SECTION_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                 "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
                 "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
                 W15 + "footnoteColumns", "sectPrChange")
# Excel writes a font's children in this order, and the SDK expects it; openpyxl writes 'name' first.
FONT_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
              "name", "family", "charset", "scheme")
# Properties that are on or off and take no 'true': the bare element means on.
ON_OFF_ONLY = ("tblHeader", "cantSplit", "hidden", "noWrap", "tcFitText", "hideMark", "bidiVisual")

LANGUAGE = "en-GB"
APPLICATION = "pledge-office"


@dataclass(frozen=True)
class FileProperties:
    """What a file says about itself in File > Info (Word, Excel) and in a website's document list."""

    title: str
    subject: str
    author: str
    company: str = ""
    keywords: str = ""
    # A form sent out to be filled in says no one has saved it yet: whoever saves it next is who
    # returned it (the readers tell returns apart by it). None: the author.
    last_modified_by: Optional[str] = None


def written_at() -> datetime:
    """Return when a file is written (naive UTC): now, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def put_word_part_in_order(root) -> None:
    """Put section and cell properties in the schema's order; write on/off properties as the bare element."""
    for section in root.iter(W + "sectPr"):
        _reorder(section, SECTION_ORDER, W)
    for cell in root.iter(W + "tcPr"):
        _reorder(cell, TC_PR_ORDER, W)
    value = W + "val"
    for element in root.iter(*(W + name for name in ON_OFF_ONLY)):
        setting = element.get(value)
        if setting in ("true", "1", "on"):
            del element.attrib[value]
        elif setting in ("false", "0"):
            element.set(value, "off")


def put_fonts_in_order(styles_root) -> None:
    """Put each font's children in Excel's order (openpyxl writes the name first)."""
    for font in styles_root.iter(X + "font"):
        _reorder(font, FONT_ORDER, X)


def _reorder(parent, order: Sequence[str], namespace: str) -> None:
    rank = _ranks(tuple(order), namespace)
    children = list(parent)
    ordered = sorted(children, key=lambda child: rank.get(child.tag, len(order)))
    if ordered != children:
        for child in children:
            parent.remove(child)
        parent.extend(ordered)


@lru_cache(maxsize=None)
def _ranks(order: Tuple[str, ...], namespace: str) -> Dict[str, int]:
    """Each tag's place in ``order``, worked out once (a table has thousands of cells to put in order)."""
    return {(name if name.startswith("{") else namespace + name): i for i, name in enumerate(order)}


def app_properties(company: str, extra: Iterable[str] = ()) -> bytes:
    """Return docProps/app.xml naming the tool and the company, not 'Microsoft Macintosh Word'."""
    from xml.sax.saxutils import escape

    fields = [f"<Application>{APPLICATION}</Application>", *extra]
    if company:
        fields.append(f"<Company>{escape(company)}</Company>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            + "".join(fields) + "</Properties>").encode("utf-8")
