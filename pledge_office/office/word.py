"""Rendering Word documents from docxtpl templates, safely.

Every document goes through ``render_document``: the context is cleaned of
characters Word cannot read, the template runs in Jinja's sandbox with
autoescaping, images get alternative text, and the result is re-read strictly
before it is renamed into place.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Protocol

from pledge_office.errors import TemplateProblem
from pledge_office.office.ooxml import (
    APPLICATION, LANGUAGE, W, FileProperties, app_properties, put_word_part_in_order, written_at,
)
from pledge_office.office.outputs import atomic_output
from pledge_office.office.resources import shipped_template
from pledge_office.office.text import clean_line, clean_text  # noqa: F401 (clean_text used by callers)



RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml$|docProps/core\.xml$|"
                            r"word/_rels/document\.xml\.rels$")


class Image(Protocol):
    """What a picture needs from a logo: its alternative text, shape and bytes."""

    alt: str

    @property
    def aspect(self) -> float: ...

    def source(self) -> Any: ...


@dataclass(frozen=True)
class Picture:
    """A logo to place in a document at a given height, with its alt text."""

    logo: Image
    height_cm: float


@dataclass(frozen=True)
class Preparation:
    """A change to a template's parts that rendering never touches, named by ``key``.

    The same change to the same shipped template is made once per process and
    kept (the signing copy's styles scaled to the page, for example).
    """

    key: tuple
    change: Callable[[Any], None]


def is_rendered_part(partname: str) -> bool:
    """True for the parts docxtpl renders: the body, headers, footers and footnotes."""
    return bool(_RENDERED_PARTNAMES.match(str(partname)))


_RENDERED_PARTNAMES = re.compile(r"^/word/(document|header\d*|footer\d*|footnotes)\.xml$")


def clean_context(value: Any) -> Any:
    """Apply ``clean_text`` to every string in a nested context."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean_context(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_context(v) for v in value]
    return value


def render_document(
    template: Path,
    context: Dict[str, Any],
    out: Path,
    *,
    title: str,
    subject: str,
    document: str,
    force: bool = False,
    finish: Optional[Callable[[Any], None]] = None,
    prepare: Optional[Preparation] = None,
    author: str = "",
    company: str = "",
) -> Path:
    """Render ``template`` with ``context`` into ``out``, atomically.

    A template that is not one of ours is checked first: it must not use
    fields the tool does not supply, and tags Word split are joined. The
    author and company default to the council named in the context.
    ``prepare`` changes the template's parts that are not rendered (styles,
    numbering) before rendering; ``finish`` changes the rendered document.
    """
    source = template if is_shipped(template) else _checked_user_template(template, document, context)
    tpl = _open_template(template, source)
    tpl.preparation = prepare
    context = _with_pictures(tpl, clean_context(context))
    _render(tpl, template, context)
    document = tpl.docx
    council = (context.get("council") or {}).get("name", "") if isinstance(context.get("council"), dict) else ""
    company = company or council
    if finish:
        finish(document)
    finish_document(document, FileProperties(clean_text(title), clean_text(subject),
                                             clean_text(author or company), clean_text(company)))
    check_rendered(document, template)
    with atomic_output(out, force) as tmp:
        tpl.save(str(tmp))
    return out


def is_shipped(template: Path) -> bool:
    """True for the templates that ship with pledge-office (checked by its tests)."""
    global _SHIPPED_FOLDER
    if _SHIPPED_FOLDER is None:
        _SHIPPED_FOLDER = shipped_template("report.docx").resolve().parent
    return Path(template).resolve().parent == _SHIPPED_FOLDER


_SHIPPED_FOLDER = None


def check_user_template(template: Path, document: str, context: Dict[str, Any]) -> None:
    """Refuse an officer's template as rendering it would, before any document is written (e.g. once for a batch)."""
    if not is_shipped(template):
        _checked_user_template(template, document, context)


def _checked_user_template(template: Path, document: str, context: Dict[str, Any]):
    """Check an officer's template; return it, or its repaired copy in memory."""
    import io

    from pledge_office.office.template_check import check_template

    report = check_template(template, document, context_for=lambda _document: context)
    _refuse_another_councils_document(template, context)
    if report.errors:
        first = report.errors[0]
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        raise TemplateProblem(f"{first.where}: {first.message}{more}; 'pledge-office templates check' "
                              "lists every problem", file=template)
    return io.BytesIO(report.repaired) if report.repaired else template


def _refuse_another_councils_document(template: Path, context: Dict[str, Any]) -> None:
    """A finished report given as a template would put one council's words in another's document."""
    from pledge_office.office.template_check import other_councils_named

    council = context.get("council") if isinstance(context.get("council"), dict) else {}
    name = str(council.get("name") or "")
    others = other_councils_named(template, name) if name else []
    if others:
        raise TemplateProblem(f"names {others[0]} in its own text, but this document is for {name}: it looks "
                              "like a finished document for another council, not a template; start from "
                              "'pledge-office templates export' and restyle that", file=template)


def _open_template(template: Path, source=None):
    pass

    from pledge_office.office.safe_zip import TEMPLATE_LIMITS, check_office_zip

    if not is_shipped(template):  # ours are checked by the tests; an officer's file is checked every time
        check_office_zip(template, kind="a Word template (.docx)", main_part="word/document.xml",
                         limits=TEMPLATE_LIMITS)
    try:
        return _CachingTemplate()(source if source is not None and not isinstance(source, Path) else str(template))
    except Exception as exc:  # python-docx raises several types for a bad package
        raise TemplateProblem(f"cannot be opened as a Word document ({exc})", file=template) from None


def _render(tpl, template: Path, context: Dict[str, Any]) -> None:
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError, TemplateSyntaxError

    from lxml.etree import XMLSyntaxError

    env = _sandbox()
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except XMLSyntaxError as exc:  # the body, a header or a footer came out unbalanced
        raise TemplateProblem(f"rendering produced a broken document part ({exc}); check the template's "
                              "{% %} tags: an {% if %} or {% for %} and its end must be at the same level "
                              "({%p %} around paragraphs, {%tr %} around table rows)",
                              file=template) from None
    except SecurityError:
        raise TemplateProblem(
            "the template tries to reach Python internals, which is not allowed; "
            "use only the fields listed by 'pledge-office templates fields'",
            file=template,
        ) from None
    except TemplateSyntaxError as exc:
        near = " ".join(getattr(exc, "docx_context", None) or [])
        near = re.sub(r"\s+", " ", near).strip()[:80]
        raise TemplateProblem(
            f"template tag error: {exc.message}" + (f" near '{near}'" if near else "")
            + "; fix the {{ }} or {% %} tag in Word",
            file=template,
        ) from None
    except TemplateError as exc:
        raise TemplateProblem(f"template error: {exc}; fix the tag in Word", file=template) from None


_SANDBOX = None
_TEMPLATE_CLASS = None
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# A tab, line break, \a or \f inside a w:t's text (which never holds '<'): the only places
# docxtpl's listing pass changes; pretty-printed picture XML has line breaks between tags.
_LISTING_CHARACTERS = re.compile("<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")


def _CachingTemplate():
    """docxtpl's template, remembering how it prepared each part's XML for Jinja.

    The preparation (a dozen regular expressions over the whole document) gives
    the same result for the same template, council after council.
    """
    global _TEMPLATE_CLASS
    if _TEMPLATE_CLASS is None:
        from docxtpl import DocxTemplate

        class CachingTemplate(DocxTemplate):
            prepared: Dict[str, str] = {}
            pristine: Dict[tuple, Any] = {}

            preparation: Optional[Preparation] = None

            def init_docx(self, reload: bool = True):
                # A shipped template is parsed (and prepared) once per process and
                # copied for each document: copying the tree takes half the time of
                # parsing it again, which a batch did three times per council.
                if self.docx and not (self.is_rendered and reload):
                    return
                key = _shipped_key(self.template_file)
                if key is None:
                    super().init_docx(reload)
                    if self.preparation:
                        self.preparation.change(self.docx)
                    return
                import copy

                self.docx = copy.deepcopy(self._kept(key, self.preparation))
                self.is_rendered = False

            def _kept(self, key: tuple, preparation: Optional[Preparation]):
                """The template as parsed (and prepared), kept for this process."""
                import copy

                from docx import Document

                full = key + (preparation.key if preparation else None,)
                if full not in self.pristine:
                    if len(self.pristine) > 32:
                        self.pristine.clear()
                    for older in [k for k in self.pristine if k[0] == key[0] and k[1:3] != key[1:3]]:
                        del self.pristine[older]  # only the current version of each file
                    if preparation is None:
                        self.pristine[full] = Document(self.template_file)
                    else:
                        document = copy.deepcopy(self._kept(key, None))
                        preparation.change(document)
                        self.pristine[full] = document
                return self.pristine[full]

            def patch_xml(self, src_xml):
                if len(self.prepared) > 256:
                    self.prepared.clear()
                if src_xml not in self.prepared:
                    self.prepared[src_xml] = super().patch_xml(src_xml)
                return self.prepared[src_xml]

            def fix_tables(self, xml):
                # docxtpl parses the rendered body with lxml's recovering parser, which
                # silently drops what a broken tag left unbalanced: parse it strictly first.
                from lxml import etree

                etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
                return super().fix_tables(xml)

            def render_footnotes(self, context, jinja_env=None):
                # docxtpl walks every part of the package once per section looking for
                # footnotes; most documents have none.
                if any(part.content_type == _FOOTNOTES for part in self.docx.part.package.iter_parts()):
                    super().render_footnotes(context, jinja_env)

            def resolve_listing(self, xml):
                # docxtpl turns tabs, line breaks, \a and \f in text into Word's own
                # elements, rebuilding every run of the document with regular
                # expressions; with none of them in any text that changes nothing.
                if not _LISTING_CHARACTERS.search(xml):
                    return xml
                return super().resolve_listing(xml)

        _TEMPLATE_CLASS = CachingTemplate
    return _TEMPLATE_CLASS


def _shipped_key(template_file) -> Optional[tuple]:
    """Identify a shipped template's current version on disk (None for anything else)."""
    if not isinstance(template_file, str) or not is_shipped(Path(template_file)):
        return None
    stat = Path(template_file).stat()
    return template_file, stat.st_mtime_ns, stat.st_size


def _sandbox():
    """One sandboxed Jinja environment that compiles each template source once.

    A batch renders the same templates for every council; compiling their XML
    again each time was most of the cost of a document.
    """
    global _SANDBOX
    if _SANDBOX is None:
        from jinja2.sandbox import SandboxedEnvironment

        class CompilingOnce(SandboxedEnvironment):
            compiled: Dict[str, Any] = {}

            def from_string(self, source, globals=None, template_class=None):
                if globals or template_class or len(self.compiled) > 512:
                    return super().from_string(source, globals, template_class)
                if source not in self.compiled:
                    self.compiled[source] = super().from_string(source)
                return self.compiled[source]

        _SANDBOX = CompilingOnce(autoescape=True)
    return _SANDBOX


def _with_pictures(tpl, value: Any) -> Any:
    if isinstance(value, Picture):
        return _AltTextImage(tpl, value.logo, value.height_cm)
    if isinstance(value, dict):
        return {k: _with_pictures(tpl, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_pictures(tpl, v) for v in value]
    return value


def _AltTextImage(tpl, logo: Image, height_cm: float):
    from docx.shared import Cm
    from docxtpl import InlineImage

    class AltTextImage(InlineImage):
        """docxtpl's InlineImage, with the alternative text screen readers need."""

        def _insert_image(self):
            inline = self.tpl.current_rendering_part.new_pic_inline(
                self.image_descriptor, self.width, self.height
            )
            inline.docPr.set("descr", clean_line(logo.alt))
            inline.docPr.set("name", clean_line(logo.alt))
            return (
                "</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % inline.xml
            )

    return AltTextImage(tpl, logo.source(), height=Cm(height_cm), width=Cm(height_cm * logo.aspect))


def finish_document(document, properties: FileProperties) -> None:
    """Set what a Word document says about itself, and put its XML in the order Word insists on.

    Dated when written (not python-docx's 2013), no template comment, not in
    Compatibility Mode, English (UK) throughout.
    """
    from docx.oxml.ns import qn

    props = document.core_properties
    props.title, props.subject, props.keywords = properties.title, properties.subject, properties.keywords
    props.author = props.last_modified_by = properties.author or properties.company or APPLICATION
    props.language = LANGUAGE
    props.comments = ""
    props.created = props.modified = written_at()
    props.revision = 1
    for setting in document.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 and later: no "Compatibility Mode"
    # The document language: the styles' defaults, so every paragraph inherits it.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), LANGUAGE)
    _replace_app_properties(document, properties.company)
    # Only the body, headers and footers hold sections, cells and rows; the large styles part
    # is left as the libraries write it (reordering it doubled the time of a document).
    seen = set()
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None and id(element) not in seen and _ORDERED_PARTS.search(str(part.partname)):
            seen.add(id(element))
            put_word_part_in_order(element)


_ORDERED_PARTS = re.compile(r"^/word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _replace_app_properties(document, company: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    blob = app_properties(company)
    for rel in package.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.EXTENDED_PROPERTIES and not rel.is_external:
            rel.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"),
                "application/vnd.openxmlformats-officedocument.extended-properties+xml", blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)


def check_docx_readable(path: Path, template: Path) -> None:
    """Re-read a written document strictly; refuse what Word would call corrupt."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if RENDERED_PARTS.match(name):  # the others come from the checked template unchanged
                _check_tables(_parse_strictly(package.read(name), name, template), template)


def check_rendered(document, template: Path) -> None:
    """Refuse a rendered document Word would call corrupt, before it is saved.

    The parts python-docx holds as XML trees are well formed by construction
    (the body was parsed strictly in ``fix_tables``); what is left is their
    table structure, and any part docxtpl keeps as rendered text (footnotes).
    """
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        name = str(part.partname).lstrip("/")
        if not RENDERED_PARTS.match(name):
            continue  # the others come from the checked template unchanged
        _check_tables(element if element is not None else _parse_strictly(part.blob, name, template), template)


def _parse_strictly(data, name: str, template: Path):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, parser)
    except etree.XMLSyntaxError as exc:
        raise TemplateProblem(
            f"rendering produced a broken document part {name} ({exc}); check the template's tags",
            file=template,
        ) from None


def _check_tables(root, template: Path) -> None:
    w = W
    for tbl in root.iter(f"{w}tbl"):
        if tbl.find(f"{w}tr") is None:
            raise TemplateProblem("rendering left a table with no rows; check the {%tr %} tags", file=template)
    for tc in root.iter(f"{w}tc"):
        if tc.find(f"{w}p") is None:
            raise TemplateProblem("rendering left a table cell with no paragraph; check the template's tags",
                                  file=template)
