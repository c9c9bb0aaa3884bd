"""Checks of what the accessibility regulations (WCAG 2.2 AA) ask of published documents.

The rules are those of Word's Accessibility Checker and of PDF/UA, as far as
they can be read from the file: a title, UK English, headings in order,
alternative text on images, marked table headers, no merged cells or spacer
rows in data tables, enough colour contrast, meaningful link text; for PDFs,
tags, language, the title shown, figures' alternative text, header cells.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Dict, List, Optional

from pledge_office.findings import Finding
from pledge_office.office.ooxml import W, WP
from pledge_office.errors import UnsafeFile

VAGUE_LINKS = {"click here", "here", "link", "more", "read more", "this link", "this"}
MIN_CONTRAST = 4.5


def _failure(rule: str, where: str, fix: str) -> Finding:
    """A rule the document fails, where, and how to fix it."""
    return Finding(None, where, rule, "error", fix)


def check_file(path: Path) -> List[Finding]:
    """Check a .docx or .pdf; return every rule it fails (empty when it passes)."""
    path = Path(path)
    from pledge_office.office.files import check_regular

    check_regular(path, 10**12, "a Word document or PDF")  # a FIFO or device: one line, no hang
    with open(path, "rb") as handle:
        head = handle.read(5)
    if head.startswith(b"%PDF"):
        return check_pdf(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise UnsafeFile("is a workbook; 'accessibility' checks Word documents (.docx) and PDFs", file=path)
    from pledge_office.office.safe_zip import check_office_zip

    check_office_zip(path, kind="a Word document (.docx)", main_part="word/document.xml")
    return check_docx(path)


# -- Word ---------------------------------------------------------------------------

def check_docx(path: Path) -> List[Finding]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist() if n.endswith(".xml")}
    body = etree.fromstring(parts["word/document.xml"], parser)
    styles = etree.fromstring(parts["word/styles.xml"], parser) if "word/styles.xml" in parts else None
    core = parts.get("docProps/core.xml", b"")
    failures: List[Finding] = []
    failures += _title(core)
    failures += _language(styles, parts)
    failures += _headings(body, styles)
    failures += _images(body, parts["word/document.xml"])
    failures += _tables(body)
    failures += _contrast(body, styles)
    failures += _contrast_on_page(body, styles)
    failures += _links(body)
    return failures


def _title(core: bytes) -> List[Finding]:
    match = re.search(rb"<dc:title>([^<]*)</dc:title>", core)
    if match and match.group(1).strip():
        return []
    return [_failure("the document has no title", "document properties",
                    "set one in File > Info > Properties > Title")]


def _language(styles, parts: Dict[str, bytes]) -> List[Finding]:
    failures = []
    default = None
    if styles is not None:
        found = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        default = found.get(f"{W}val") if found is not None else None
    if default != "en-GB":
        failures.append(_failure(f"the document language is {default or 'not set'}, not English (United Kingdom)",
                                "default language", "in Word: Review > Language > Set Proofing Language > "
                                "English (United Kingdom), with 'Set as Default'"))
    for name in ("word/document.xml", "word/styles.xml"):
        if re.search(rb'w:lang [^>]*w:val="en-US"', parts.get(name, b"")):
            failures.append(_failure("some text is marked as English (United States)", name,
                                    "select all and set the language to English (United Kingdom)"))
    return failures


def _style_names(styles) -> Dict[str, str]:
    names = {}
    if styles is None:
        return names
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None:
            names[style.get(f"{W}styleId")] = name.get(f"{W}val", "")
    return names


def _heading_level(paragraph, names: Dict[str, str]) -> Optional[int]:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    if style is None:
        return None
    name = names.get(style.get(f"{W}val"), style.get(f"{W}val", "")).lower()
    match = re.fullmatch(r"heading ?(\d)", name)
    return int(match.group(1)) if match else None


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _headings(body, styles) -> List[Finding]:
    names = _style_names(styles)
    failures, previous = [], 0
    levels = []
    for paragraph in body.iter(f"{W}p"):
        level = _heading_level(paragraph, names)
        if level is None:
            failures += _visual_heading(paragraph)
            continue
        text = _text(paragraph).strip()[:50]
        if level > previous + 1:
            failures.append(_failure(f"heading level {level} follows level {previous or 'none'}, skipping a level",
                                    f"heading '{text}'", f"use Heading {previous + 1} here, or add the missing level"))
        previous = level
        levels.append(level)
    if not levels:
        failures.append(_failure("the document has no headings", "whole document",
                                "give section titles the Heading 1, Heading 2 ... styles"))
    return failures


def _visual_heading(paragraph) -> List[Finding]:
    """Large bold body text standing alone reads as a heading but is not one."""
    if next(paragraph.iterancestors(f"{W}tc"), None) is not None:
        return []
    runs = [r for r in paragraph.iter(f"{W}r") if (_text(r) or "").strip()]
    if not runs:
        return []
    sizes = [r.find(f"{W}rPr/{W}sz") for r in runs]
    bold = all(r.find(f"{W}rPr/{W}b") is not None for r in runs)
    large = all(s is not None and int(s.get(f"{W}val", "0")) >= 28 for s in sizes)
    text = _text(paragraph).strip()
    if bold and large and len(text) < 100:
        return [_failure("large bold text looks like a heading but is not one", f"paragraph '{text[:50]}'",
                        "give it a heading style (Heading 1, 2 ...) or the Subtitle style")]
    return []


def _images(body, xml: bytes) -> List[Finding]:
    failures = []
    for doc_pr in body.iter(f"{WP}docPr"):
        decorative = any(el.tag.endswith("}decorative") and el.get("val") in ("1", "true")
                         for el in doc_pr.iter())
        if not (doc_pr.get("descr") or "").strip() and not decorative:
            failures.append(_failure("an image has no alternative text", f"image '{doc_pr.get('name', '')}'",
                                    "right-click it > View Alt Text, and say what it shows (e.g. whose logo)"))
    return failures


def _tables(body) -> List[Finding]:
    failures = []
    for number, table in enumerate(body.iter(f"{W}tbl"), start=1):
        rows = table.findall(f"{W}tr")
        first = rows[0] if rows else None
        header = first is not None and first.find(f"{W}trPr/{W}tblHeader") is not None
        if not header and not _layout_table(table):
            failures.append(_failure("a data table has no marked header row", f"table {number}",
                                    "select its first row > Table Properties > Row > 'Repeat as header row'"))
            continue
        if not header:
            continue
        if table.find(f".//{W}gridSpan") is not None or table.find(f".//{W}vMerge") is not None:
            failures.append(_failure("a data table has merged cells", f"table {number}",
                                    "split the merged cells (Table Layout > Split Cells)"))
        for index, row in enumerate(rows, start=1):
            if not _text(row).strip() and row.find(f".//{W}drawing") is None:
                failures.append(_failure("a data table has an empty row (used for spacing?)",
                                        f"table {number}, row {index}", "delete the row; use cell spacing instead"))
    return failures


def _layout_table(table) -> bool:
    """A table without borders is laid out for looks, not data (e.g. signature blocks)."""
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    if borders is None:
        return False
    return all(side.get(f"{W}val") in ("nil", "none") for side in borders)


def _contrast(body, styles) -> List[Finding]:
    failures = []
    default = _default_colour(styles)
    for cell in body.iter(f"{W}tc"):
        shade = cell.find(f"{W}tcPr/{W}shd")
        fill = shade.get(f"{W}fill") if shade is not None else None
        if not fill or not re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
            continue
        for run in cell.iter(f"{W}r"):
            if not (_text(run) or "").strip():
                continue
            colour = run.find(f"{W}rPr/{W}color")
            ink = colour.get(f"{W}val") if colour is not None else default
            if ink in (None, "auto"):
                ink = "000000" if _luminance(fill) > 0.18 else "FFFFFF"
            ratio = contrast(ink, fill)
            if ratio < MIN_CONTRAST:
                failures.append(_failure(f"text '{_text(run).strip()[:30]}' on a #{fill} fill has a contrast of "
                                        f"{ratio:.1f}:1, below 4.5:1", "a table cell",
                                        "use a lighter fill or a darker (or lighter) text colour"))
                break
    return failures


def _contrast_on_page(body, styles) -> List[Finding]:
    """Text colours of styles and of runs outside shaded cells, against the white page."""
    failures = []
    if styles is not None:
        for style in styles.iter(f"{W}style"):
            colour = style.find(f"{W}rPr/{W}color")
            value = colour.get(f"{W}val") if colour is not None else None
            if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value) and contrast(value, "FFFFFF") < MIN_CONTRAST:
                name = style.find(f"{W}name")
                label = name.get(f"{W}val") if name is not None else style.get(f"{W}styleId")
                label = label[:1].upper() + label[1:]  # Word shows 'heading 1' as 'Heading 1'
                if _style_in_use(body, style.get(f"{W}styleId")):
                    failures.append(_failure(f"the {label} style's text colour #{value} has a contrast of "
                                            f"{contrast(value, 'FFFFFF'):.1f}:1 on white, below 4.5:1", f"style '{label}'",
                                            "choose a darker colour for the style"))
    for run in body.iter(f"{W}r"):
        colour = run.find(f"{W}rPr/{W}color")
        value = colour.get(f"{W}val") if colour is not None else None
        if not value or not re.fullmatch(r"[0-9A-Fa-f]{6}", value) or not (_text(run) or "").strip():
            continue
        if next(run.iterancestors(f"{W}tc"), None) is not None and _cell_fill(run):
            continue  # checked against its cell's fill
        if contrast(value, "FFFFFF") < MIN_CONTRAST:
            failures.append(_failure(f"text '{_text(run).strip()[:30]}' in #{value} has a contrast of "
                                    f"{contrast(value, 'FFFFFF'):.1f}:1 on white, below 4.5:1", "a paragraph",
                                    "choose a darker text colour"))
            break
    return failures


def _style_in_use(body, style_id: Optional[str]) -> bool:
    return any(el.get(f"{W}val") == style_id for el in body.iter(f"{W}pStyle", f"{W}rStyle"))


def _cell_fill(run) -> Optional[str]:
    cell = next(run.iterancestors(f"{W}tc"), None)
    shade = cell.find(f"{W}tcPr/{W}shd") if cell is not None else None
    fill = shade.get(f"{W}fill") if shade is not None else None
    return fill if fill and fill != "auto" else None


def _default_colour(styles) -> Optional[str]:
    if styles is None:
        return None
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}styleId") == "Normal":
            colour = style.find(f"{W}rPr/{W}color")
            return colour.get(f"{W}val") if colour is not None else None
    return None


def _luminance(hex_colour: str) -> float:
    def channel(value: str) -> float:
        c = int(value, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(hex_colour[i:i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio of two colours given as RRGGBB."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _links(body) -> List[Finding]:
    failures = []
    for link in body.iter(f"{W}hyperlink"):
        text = _text(link).strip()
        if text.lower() in VAGUE_LINKS or not text:
            failures.append(_failure(f"a link's text ('{text}') does not say where it goes", "a hyperlink",
                                    "make the link text name its destination"))
    return failures


# -- PDF ----------------------------------------------------------------------------

def check_pdf(path: Path) -> List[Finding]:
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except Exception as exc:
        raise UnsafeFile(f"cannot be read as a PDF ({type(exc).__name__})", file=path) from None
    with pdf:
        root = pdf.Root
        failures = []
        marked = root.get("/MarkInfo", {}).get("/Marked", False) if "/MarkInfo" in root else False
        if "/StructTreeRoot" not in root or not bool(marked):
            return [_failure("the PDF is not tagged", "whole PDF",
                            "make it again with tags: in Word, Save As PDF > Options > 'Document structure tags "
                            "for accessibility'; or use pledge-office's --pdf")]
        lang = str(root.get("/Lang", ""))
        if not lang.lower().startswith("en-gb"):
            failures.append(_failure(f"the PDF's language is '{lang or 'not set'}', not en-GB", "document catalogue",
                                    "set the document language to English (United Kingdom) before making the PDF"))
        prefs = root.get("/ViewerPreferences", {})
        if not bool(prefs.get("/DisplayDocTitle", False)):
            failures.append(_failure("the PDF does not show its title in the window's title bar", "viewer preferences",
                                    "make the PDF with 'display document title' (pledge-office's --pdf does)"))
        metadata = pdf.open_metadata()
        if not str(metadata.get("dc:title", "") or "").strip():
            failures.append(_failure("the PDF has no title", "metadata", "set the document title before making the PDF"))
        if not metadata.get("pdfuaid:part"):
            failures.append(_failure("the PDF does not declare PDF/UA", "metadata",
                                    "make it with PDF/UA compliance (LibreOffice: Universal Accessibility (PDF/UA))"))
        try:
            elements = _struct_elements(root.StructTreeRoot.get("/K"), _role_map(root.StructTreeRoot), path)
        except _TreeProblem as exc:
            return failures + [_failure(f"the PDF's tag tree refers back to an element it has already reached "
                                        f"({exc}), so it cannot be read in order", "structure tree",
                                        "make the PDF again from the Word document")]
        failures += _pdf_figures(elements) + _pdf_headings(elements) + _pdf_tables(elements)
        return failures


def _role_map(tree) -> Dict[str, str]:
    roles = tree.get("/RoleMap", {})
    return {str(k): str(v) for k, v in roles.items()} if roles else {}


MAX_STRUCT_DEPTH = 100        # a real document's tags nest a dozen deep
MAX_STRUCT_NODES = 200_000    # a 500-page report has tens of thousands


class _TreeProblem(Exception):
    """The structure tree loops back on itself or shares a branch: the PDF is damaged or hostile."""


def _struct_elements(node, roles: Dict[str, str], path: Path = Path("")) -> List[tuple]:
    """Walk the structure tree once, without recursion: every element is visited once at most.

    A tree that points back to itself (a cycle) or reaches one element twice (a shared
    branch) would take forever or exponential time to walk; both are refused.
    """
    import pikepdf

    found: List[tuple] = []
    seen = set()
    stack = [(node, 0)]
    count = 0
    while stack:
        item, depth = stack.pop()
        if item is None:
            continue
        count += 1
        if count > MAX_STRUCT_NODES:
            raise UnsafeFile(f"has more than {MAX_STRUCT_NODES:,} tagged elements, far more than any real "
                             "document; it may be hostile", file=path)
        if depth > MAX_STRUCT_DEPTH:
            raise UnsafeFile(f"has tags nested more than {MAX_STRUCT_DEPTH} deep; it may be damaged or hostile",
                             file=path)
        if isinstance(item, (pikepdf.Array, pikepdf.Dictionary)) and item.is_indirect:
            key = item.objgen
            if key in seen:
                raise _TreeProblem(f"object {key[0]}")
            seen.add(key)
        if isinstance(item, pikepdf.Array):
            stack.extend((child, depth + 1) for child in reversed(list(item)))
            continue
        if not isinstance(item, pikepdf.Dictionary):
            continue
        kind = item.get("/S")
        if kind is not None:
            name = str(kind)
            found.append((roles.get(name, name), item))
        stack.append((item.get("/K"), depth + 1))
    return found


def _pdf_figures(elements) -> List[Finding]:
    return [_failure("a figure has no alternative text", f"figure {n}", "add alternative text to the image before "
                    "making the PDF")
            for n, (kind, node) in enumerate([e for e in elements if e[0] == "/Figure"], start=1)
            if not str(node.get("/Alt", "")).strip()]


def _pdf_headings(elements) -> List[Finding]:
    failures, previous = [], 0
    for kind, _ in elements:
        match = re.fullmatch(r"/H(\d)", kind)
        if not match:
            continue
        level = int(match.group(1))
        if level > previous + 1:
            failures.append(_failure(f"heading level {level} follows level {previous or 'none'}", "PDF headings",
                                    "fix the heading levels in the Word document and make the PDF again"))
        previous = level
    return failures


def _pdf_tables(elements) -> List[Finding]:
    kinds = [kind for kind, _ in elements]
    if "/Table" in kinds and "/TH" not in kinds:
        return [_failure("a table has no header cells", "PDF tables",
                        "mark the table's header row as a header row in Word and make the PDF again")]
    return []
