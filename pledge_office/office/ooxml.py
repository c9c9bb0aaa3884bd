"""Raw Office Open XML: namespaces, qualified names, and children in the order Word insists on.

Word reads element order strictly in many places; an element appended in the
wrong place can make it offer to "repair" the file, and the repair may drop it.
Everything that adds raw XML to a document goes through here.
"""

from __future__ import annotations

from typing import Any, Dict, Sequence

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
