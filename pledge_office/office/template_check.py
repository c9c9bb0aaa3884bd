"""Checking (and, where unambiguous, repairing) a template an officer edited in Word.

Word splits ``{{ council.name }}`` across runs when text near it is edited and
turns quotes curly; a misspelt field renders as nothing. This finds each of
those, says where it is in words an officer can follow, and repairs what can
be repaired without guessing.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple

from pledge_office.findings import Finding
from pledge_office.office.ooxml import W


# Names Jinja itself provides inside templates.
JINJA_NAMES = {"loop", "range", "lipsum", "dict", "cycler", "joiner", "namespace", "true", "false", "none",
               "True", "False", "None"}

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
OPENERS = re.compile(r"\{\{|\{%")
CURLY = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
PART = re.compile(r"word/(document|header\d*|footer\d*)\.xml$")


def _found(severity: str, where: str, message: str) -> Finding:
    return Finding(None, where, message, severity)


@dataclass
class TemplateReport:
    """Everything found in one template, and the repaired document when repairs were made."""

    template: Path
    document: str
    findings: List[Finding] = field(default_factory=list)
    repaired: Optional[bytes] = None

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def check_template(path: Path, document: Optional[str], context_for: Callable[[str], dict]) -> TemplateReport:
    """Check a template for broken, split or unknown tags; repair what is unambiguous.

    ``context_for(document)`` gives the context the template will be rendered with, so
    fields it does not supply are found; ``document`` is guessed from the tags when None.
    """
    from pledge_office.office.safe_zip import TEMPLATE_LIMITS, check_office_zip

    path = Path(path)
    check_office_zip(path, kind="a Word template (.docx)", main_part="word/document.xml", limits=TEMPLATE_LIMITS)
    parts = _read_parts(path)
    report = TemplateReport(path, document or "")
    changed = {name: _repair_part(xml, _part_label(name), report) for name, xml in parts.items()}
    if any(new is not None for new in changed.values()):
        report.repaired = _rewrite(path, {n: x for n, x in changed.items() if x is not None})
    sources = {name: changed[name] if changed[name] is not None else xml for name, xml in parts.items()}
    used = _check_syntax_and_collect(sources, report)
    if not used and not report.errors:
        report.findings.append(_found("error", "the whole document", "has no fields ({{ ... }}) at all: it looks "
                                      "like a finished document, not a template; start from 'pledge-office "
                                      "templates export' and restyle that"))
        report.document = document or "this"
        return report
    report.document = document or guess_document(used)
    _check_fields(used, report, context_for(report.document))
    looks_like = guess_document(used)
    unknown = [f for f in report.errors if "is not supplied for" in f.message]
    if len(unknown) >= 5 and looks_like != report.document:  # one line that says why, not dozens of fields
        wanted, other = report.document.replace("-", " "), looks_like.replace("-", " ")
        article = "an" if wanted[0] in "aeiou" else "a"
        report.findings.insert(0, _found("error", "the whole document", f"looks like a template for the {other}, "
                                         f"not the {wanted} ({len(unknown)} of its fields are not the {wanted}'s); "
                                         f"give {article} {wanted} template, e.g. from 'pledge-office templates "
                                         "export'"))
    return report


def template_kind(path: Path) -> str:
    """Return which document a template is for ('report', 'signing-copy', ...), from the fields it uses."""
    from pledge_office.office.safe_zip import check_office_zip

    check_office_zip(Path(path), kind="a Word template (.docx)", main_part="word/document.xml")
    report = TemplateReport(Path(path), "")
    return guess_document(_check_syntax_and_collect(_read_parts(Path(path)), report))


def flatten(value: Any, prefix: str = "") -> Iterator[Tuple[str, Any]]:
    """Yield (dotted path, value) for every leaf; list items appear once, as 'name[]'."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        if value and isinstance(value[0], dict):
            yield from flatten(value[0], prefix + "[]")
        else:
            yield prefix + "[]", value[0] if value else ""
    else:
        yield prefix, value


def guess_document(used: Iterable[Tuple[str, ...]]) -> str:
    """Guess which document a template is for, from the fields it uses."""
    names = {use[0].split(".")[0].split("[")[0] for use in used}
    if names & {"progress", "status_summary", "completed", "moved", "status_sentence"}:
        return "progress-report"
    if names & {"actions", "summary", "evidence", "changes", "ratings_sentence"}:
        return "action-plan"
    if "signatory_rows" in names or ("signatories" in names and not names & {"implications", "contact"}):
        return "signing-copy"
    return "report"


# -- reading and writing the package ----------------------------------------------

def _read_parts(path: Path) -> Dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if PART.match(n)}


def _rewrite(path: Path, replacements: Dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, replacements.get(item.filename, src.read(item.filename)))
    return buffer.getvalue()


def _part_label(name: str) -> str:
    kind = PART.match(name).group(1)
    return "the body" if kind == "document" else f"the page {re.sub(r'[0-9]', '', kind)}"


# -- split tags and curly quotes ---------------------------------------------------

def _repair_part(xml: bytes, label: str, report: TemplateReport) -> Optional[bytes]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml, parser)
    changed = False
    for index, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        where = _where(paragraph, index, label)
        texts = [t for t in paragraph.iter(f"{W}t")]
        joined = "".join(t.text or "" for t in texts)
        if not OPENERS.search(joined):
            continue
        changed |= _rescue_page_break(paragraph, joined, where, report)
        _report_unclosed(joined, where, report)
        for match in reversed(list(TAG.finditer(joined))):
            changed |= _repair_tag(texts, match, where, report)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else None


def _where(paragraph, index: int, label: str) -> str:
    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip()
    snippet = text if len(text) <= 50 else text[:47] + "..."
    cell = next((a for a in paragraph.iterancestors(f"{W}tc")), None)
    place = f"a table cell in {label}" if cell is not None else f"{label}, paragraph {index}"
    return f"{place} ('{snippet}')"


def _rescue_page_break(paragraph, text: str, where: str, report: TemplateReport) -> bool:
    """A {%p %} paragraph is removed when rendering, and a page break inside it with it:
    move the break to the start of the next paragraph (word processors put it there on saving)."""
    if not re.fullmatch(r"\s*\{%p .*%\}\s*", text, re.S):
        return False
    breaks = [br for br in paragraph.iter(f"{W}br") if br.get(f"{W}type") == "page"]
    following = paragraph.getnext()
    while following is not None and following.tag != f"{W}p":
        following = following.getnext()
    if not breaks or following is None:
        return False
    for br in breaks:
        br.getparent().remove(br)
    from lxml import etree

    ppr = following.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.SubElement(following, f"{W}pPr")
        following.insert(0, ppr)
    if ppr.find(f"{W}pageBreakBefore") is None:
        marker = etree.Element(f"{W}pageBreakBefore")
        style = ppr.find(f"{W}pStyle")
        (style.addnext(marker) if style is not None else ppr.insert(0, marker))
    report.findings.append(_found("repaired", where, "a page break inside this tag's paragraph would be "
                                   "lost when rendering; it was moved to the next paragraph"))
    return True


def _report_unclosed(text: str, where: str, report: TemplateReport) -> None:
    stripped = TAG.sub("", text)
    if OPENERS.search(stripped):
        report.findings.append(_found("error", where, "a tag is opened with '{{' or '{%' but not closed in "
                                       "the same paragraph; close it with '}}' or '%}'"))


def _repair_tag(texts, match, where: str, report: TemplateReport) -> bool:
    start, end = match.span()
    spans, offset = [], 0
    for t in texts:
        length = len(t.text or "")
        if offset < end and offset + length > start:
            spans.append((t, offset))
        offset += length
    tag = match.group(0)
    straight = "".join(CURLY.get(ch, ch) for ch in tag)
    if len(spans) == 1 and straight == tag:
        return False
    if len({_container(t) for t, _ in spans}) > 1:
        report.findings.append(_found("error", where, f"the tag {tag} is split across a hyperlink, field or "
                                       "tracked change; retype it in one go"))
        return False
    first, first_offset = spans[0]
    last, last_offset = spans[-1]
    prefix = (first.text or "")[: start - first_offset]
    suffix = (last.text or "")[end - last_offset:]
    for t, _ in spans:
        t.text = ""
    first.text = prefix + straight + (suffix if last is first else "")
    if last is not first:
        last.text = suffix
    for t, _ in spans:
        t.set(XML_SPACE, "preserve")
    if len(spans) > 1:
        report.findings.append(_found("repaired", where, f"the tag {straight} was split by Word's editing; "
                                       "it was joined"))
    if straight != tag:
        report.findings.append(_found("repaired", where, f"curly quotes in the tag {tag} were straightened"))
    return True


def _container(t) -> object:
    run = t.getparent()
    return run.getparent() if run is not None else None


# -- syntax and fields --------------------------------------------------------------

def _check_syntax_and_collect(sources: Dict[str, bytes], report: TemplateReport) -> List[Tuple[str, str, bool]]:
    """Return each field used: (path, where, whether an {% if %} on that field guards it)."""
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(autoescape=True)
    used: List[Tuple[str, str, bool]] = []
    for name, xml in sources.items():
        source = _jinja_source(xml)
        label = _part_label(name)
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            opened = _unclosed_block(source) if "needs to be closed" in (exc.message or "") else None
            if opened:  # Jinja names the end of the document; the officer needs the tag that was never closed
                keyword, line = opened
                report.findings.append(_found("error", _line_where(source, line, label),
                                               f"tag error: this '{{% {keyword} %}}' is never closed; add "
                                               f"'{{% end{keyword} %}}' where its part should end"))
                continue
            report.findings.append(_found("error", _line_where(source, exc.lineno, label),
                                           f"tag error: {exc.message}; fix the {{{{ }}}} or {{% %}} tag"))
            continue
        for path, lineno, guarded in _used_paths(tree):
            used.append((path, _line_where(source, lineno, label), guarded))
    return used


_BLOCK_TAG = re.compile(r"\{%-?\s*(?:[pr]\s+)?(if|for|endif|endfor)\b")


def _unclosed_block(source: str) -> Optional[Tuple[str, int]]:
    """Return the keyword and line of the innermost {% if %} or {% for %} left open at the end, if any."""
    stack: List[Tuple[str, int]] = []
    for number, line in enumerate(source.split("\n"), start=1):
        for match in _BLOCK_TAG.finditer(line):
            keyword = match.group(1)
            if keyword.startswith("end"):
                if stack and stack[-1][0] == keyword[3:]:
                    stack.pop()
            else:
                stack.append((keyword, number))
    return stack[-1] if stack else None


def _jinja_source(xml: bytes) -> str:
    """Turn a part into the Jinja source docxtpl renders, one paragraph per line."""
    from docxtpl import DocxTemplate

    text = xml.decode("utf-8")
    patched = DocxTemplate.patch_xml(DocxTemplate.__new__(DocxTemplate), text)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


def _line_where(source: str, lineno: Optional[int], label: str) -> str:
    lines = source.split("\n")
    if not lineno or lineno > len(lines):
        return label
    before = "\n".join(lines[: lineno - 1])
    in_cell = before.count("<w:tc>") + len(re.findall(r"<w:tc ", before)) > before.count("</w:tc>")
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    snippet = text if len(text) <= 50 else text[:47] + "..."
    # Each paragraph starts a line (_jinja_source): count them, as the repairs count paragraphs.
    number = sum(1 for line in lines[:lineno] if line.startswith(("<w:p ", "<w:p>")))
    if not number:
        return label
    place = f"a table cell in {label}" if in_cell else f"{label}, paragraph {number}"
    return f"{place} ('{snippet}')"


def _used_paths(tree) -> List[Tuple[str, int, bool]]:
    """Return each field a template uses: (path, line, whether an {% if %} on that field guards it)."""
    from jinja2 import nodes

    found: List[Tuple[str, int, bool]] = []
    guards: List[Set[str]] = [set()]  # the fields tested by the {% if %} blocks around the node visited

    def path_of(node, aliases) -> Optional[str]:
        if isinstance(node, nodes.Name):
            return aliases.get(node.name, node.name)
        if isinstance(node, nodes.Getattr):
            base = path_of(node.node, aliases)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            base = path_of(node.node, aliases)
            return f"{base}.{node.arg.value}" if base else None
        return None

    def visit(node, aliases: Dict[str, str], local: Set[str]) -> None:
        if isinstance(node, nodes.If):
            tested = {path_of(n, aliases) for n in [node.test, *node.test.find_all(
                (nodes.Name, nodes.Getattr, nodes.Getitem))]}
            guards.append(guards[-1] | {p for p in tested if p})
            visit(node.test, aliases, local)
            for child in node.body:
                visit(child, aliases, local)
            guards.pop()
            for child in node.elif_ + node.else_:
                visit(child, aliases, local)
            return
        if isinstance(node, nodes.For):
            visit(node.iter, aliases, local)
            loop = path_of(node.iter, aliases)
            inner = dict(aliases)
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [node.target]:
                if loop:
                    inner[target.name] = loop + "[]"
            for child in node.body + node.else_ + ([node.test] if node.test else []):
                visit(child, inner, local)
            return
        if isinstance(node, nodes.Assign):
            local |= {n.name for n in node.target.find_all(nodes.Name)} | (
                {node.target.name} if isinstance(node.target, nodes.Name) else set())
            visit(node.node, aliases, local)
            return
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            visit(node.node.node, aliases, local)  # a method call such as name.upper()
            for child in node.args + [k.value for k in node.kwargs]:
                visit(child, aliases, local)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            path = path_of(node, aliases)
            root = path.split(".")[0].split("[")[0] if path else ""
            if path and root not in JINJA_NAMES and root not in local and (
                    not isinstance(node, nodes.Name) or node.name not in aliases):
                found.append((path, node.lineno, path in guards[-1]))
                return
            if path and isinstance(node, nodes.Name):
                return
        for child in node.iter_child_nodes():
            visit(child, aliases, local)

    visit(tree, {}, set())
    return found


def _empty_lists(value: Any, prefix: str = "") -> Iterator[str]:
    """Yield the path of every empty list: their items' fields cannot be known, and are rendered no times."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _empty_lists(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        if not value:
            yield prefix + "[]"
        elif isinstance(value[0], dict):
            yield from _empty_lists(value[0], prefix + "[]")


def _check_fields(used: List[Tuple[str, str, bool]], report: TemplateReport, context: dict) -> None:
    # A first-year review has no 'changes': a template that loops over them is still right.
    empty = tuple(f"{path}." for path in _empty_lists(context))
    used = [use for use in used if not use[0].startswith(empty)]
    values = dict(flatten(context))
    known: Set[str] = set()
    for path in values:
        parts = path.split(".")
        known |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        known |= {p[:-2] for p in known if p.endswith("[]")}
    # An empty list (no previous review, nothing overdue) has no items to name its fields: a field
    # inside its loop renders nothing this time and cannot be judged ('templates check' does, on the example).
    empty = tuple(p + "." for p, value in values.items() if p.endswith("[]") and value == "")
    reported: Set[str] = set()
    for path, where, guarded in used:
        if path in reported or path.startswith(empty):
            continue
        if any(part.startswith("_") for part in path.split(".")):
            reported.add(path)
            report.findings.append(_found("error", where, f"'{path}' tries to reach Python internals, "
                                           "which is not allowed in a template"))
        elif path not in known:
            reported.add(path)
            close = difflib.get_close_matches(path, sorted(values), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else "; see 'pledge-office templates fields'"
            report.findings.append(_found("error", where, f"the field '{path}' is not supplied for "
                                           f"the {report.document} template{hint}"))
        elif values.get(path) == "" and "[]" not in path and not guarded:
            # (a list item differs item by item; a field under '{% if field %}' is meant to vanish when blank)
            reported.add(path)
            report.findings.append(_found("warning", where, f"the field '{path}' would render empty "
                                           "(it is blank in the council file or review)"))


_COUNCIL_NAME = re.compile(r"\b((?:[A-Z][\w'’-]+ )+(?:County|District|Borough|City|Town|Parish|Metropolitan Borough) "
                           r"Council)\b")


def other_councils_named(path: Path, council_name: str) -> List[str]:
    """Return the names of councils other than ``council_name`` written into a template's own text."""
    parts = _read_parts(Path(path))
    text = "\n".join(_plain_text(xml) for name, xml in parts.items())
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text)
    found = dict.fromkeys(m.group(1) for m in _COUNCIL_NAME.finditer(text))
    return [name for name in found if name.lower() != council_name.lower() and
            not council_name.lower().endswith(name.lower())]


def _plain_text(xml: bytes) -> str:
    """The text of a part, runs joined within a paragraph (tags split across runs come back whole)."""
    paragraphs = re.split(rb"</w:p>", xml)
    texts = []
    for paragraph in paragraphs:
        runs = re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)
        texts.append(b"".join(runs).decode("utf-8", "replace"))
    return "\n".join(texts)
