#!/usr/bin/python3
"""Restyle and edit a Word document through LibreOffice Writer, as an officer would.

Run with Debian's ``/usr/bin/python3`` (the only Python that can ``import uno``)::

    /usr/bin/python3 tests/uno_restyle.py instructions.json

The instruction file is JSON::

    {"src": "report.docx", "dst": "restyled.docx",
     "filter": "MS Word 2007 XML",   # optional: or "writer8" (odt), "MS Word 97" (doc)
     "timeout": 150,   # optional seconds: then soffice is killed and the restyle fails
     "pidfile": "optional: where to write soffice's process group id while it runs",
     "steps": [
        {"op": "font", "name": "Georgia", "size": 12},
        {"op": "style_font", "style": "Heading 1", "name": "Georgia", "size": 20,
         "color": "8B0000"},
        {"op": "move_paragraph", "containing": "{{ logos.council }}", "to": "after",
         "after_containing": "Report to"},
        {"op": "align", "containing": "{{ meeting.date }}", "align": "right"},
        {"op": "retype", "containing": "1.1 To ask", "text": "1.1 This report asks ...",
         "curly_quotes": true, "bold": "This report"},
        {"op": "replace", "search": "Pledge", "replace": "Charter"}]}

Steps, in order:

``font``
    "Select all, change font": the font ``name`` (and ``size`` in points, optional) is set as
    direct character formatting on all the body text, tables included, as Ctrl+A and the font
    box do (headers and footers are not part of that selection). As in Word, a ``size`` given
    here is direct formatting on the headings too, so it overrides their styles' sizes.
    LibreOffice then leaves out a run's direct font where it equals its paragraph style's.
    With ``"scope": "styles"``
    every paragraph style in use is changed instead (and the body is left alone).
``style_font``
    Change one paragraph style: ``style`` as Word names it ("Normal", "Heading 1", "Title",
    "List Bullet"; LibreOffice's own names also work), with any of ``name``, ``size`` (points),
    ``color`` ("RRGGBB"), ``bold`` and ``italic``.
``move_paragraph``
    Cut the first paragraph whose text contains ``containing`` (with its inline images and
    its paragraph formatting) and paste it at the ``"start"`` or ``"end"`` of the document, or
    ``"after"`` the first paragraph containing ``after_containing``. The cut and paste go
    through the view's clipboard object (``getTransferable``/``insertTransferable``).
``align``
    ``"left"``, ``"center"``, ``"right"`` or ``"justify"`` the first paragraph containing
    ``containing``.
``retype``
    Select the whole text of the first paragraph containing ``containing`` and type ``text``
    over it with the text cursor, in ``pieces`` (default 2) separate ``insertString`` calls
    (near equal, at word ends), or broken before each string of ``split_at`` (a list of parts
    of ``text``: ``["pledge.title"]`` types "... {{ " and then "pledge.title }} ...").
    ``bold`` (a part of ``text``) is then made bold, as a person would select it and press
    Ctrl+B; that splits the text into runs around it. ``split_runs`` (default true) gives every
    other piece a (redundant) direct language attribute, the same language, so that each
    piece is a run of its own in the saved file, the way Word's revision ids and proofing
    marks leave typed text in several runs: a tag typed across a piece boundary is split
    across runs, as Word does. ``curly_quotes`` turns the typed
    straight quotes into curly ones as Word's AutoCorrect does ('x' -> ‘x’, "x" -> “x”,
    it's -> it’s): LibreOffice's AutoCorrect is not applied to text put in through the API.
``replace``
    Find and replace all (``search``, ``replace``; ``regex`` and ``case_sensitive`` optional,
    case-sensitive by default; with ``regex`` the replacement refers to groups as ``$1``).
    It fails when nothing matches unless ``"allow_none": true``.

Paragraphs are looked for in the body and in its tables, in document order. ``src`` is never
opened in place: a private copy is; one that LibreOffice does not open as a Word or Writer
document (it would open any text file as one) is refused. On success a JSON summary is printed on stdout
(``{"steps": [{"op": ..., ...}, ...]}``, e.g. the number of replacements).

Like ``uno_fill.py`` (whose process handling it reuses) it starts its own soffice with its
own fresh profile and pipe name, so several can run at once, always shuts it down and removes
the profile, and a watchdog kills that soffice (its own process group only) when ``timeout``
passes. Exit status 0 on success, 2 with a message on stderr on failure.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    import uno
    from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK
    from com.sun.star.beans.PropertyState import DIRECT_VALUE
except ImportError as exc:  # pragma: no cover - depends on the interpreter
    sys.exit(f"uno_restyle: cannot import uno ({exc}); run this with /usr/bin/python3 "
             "and install python3-uno")

from uno_fill import (  # noqa: E402
    FillError, checked_paths, checked_run, office_session, prop, run_script, step_named,
)

FILTERS = ("MS Word 2007 XML", "writer8", "MS Word 97")
# Import filters that mean LibreOffice read src as a Word (or Writer) document, not as text.
WORD_FILTERS = {"MS Word 2007 XML", "MS Word 2007 XML Template", "Office Open XML Text",
                "Office Open XML Text Template", "MS Word 97", "MS Word 97 Vorlage",
                "MS Word 2003 XML", "Rich Text Format", "writer8", "writer8_template"}
ALIGN = {"left": "LEFT", "right": "RIGHT", "center": "CENTER", "centre": "CENTER",
         "justify": "BLOCK"}
# Word's names for built-in styles that LibreOffice names differently (its programmatic names).
WORD_STYLE_NAMES = {"normal": "Standard", "default paragraph style": "Standard"}
# Paragraph formatting a pasted paragraph (cut with its paragraph mark) carries with it.
PARA_PROPS = ("ParaAdjust", "ParaLeftMargin", "ParaRightMargin", "ParaFirstLineIndent",
              "ParaTopMargin", "ParaBottomMargin", "ParaLineSpacing", "ParaKeepTogether",
              "ParaSplit", "ParaOrphans", "ParaWidows", "ParaTabStops", "ParaBackColor")


class RestyleError(FillError):
    pass


# --------------------------------------------------------------------------- finding paragraphs


def paragraphs(text):
    """Paragraphs of a text in document order, descending into tables (cells row by row)."""
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            yield element
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in cell_names(element):
                yield from paragraphs(element.getCellByName(name).getText())


def cell_names(table):
    """Cell names in reading order (getCellNames() is not guaranteed to be)."""
    def key(name):
        match = re.fullmatch(r"([A-Za-z]+)(\d+)((?:\.\d+)*)", name)
        if not match:
            return (0, 0, name)
        letters, row, rest = match.groups()
        col = 0
        for ch in letters:
            # LibreOffice names columns A..Z then a..z, then AA...
            col = col * 52 + (ord(ch) - 65 if ch.isupper() else ord(ch) - 97 + 26) + 1
        return (int(row), col, rest)
    return sorted(table.getCellNames(), key=key)


def find_paragraph(doc, needle, what="containing"):
    if not isinstance(needle, str) or not needle:
        raise RestyleError(f"{what!r} must be a non-empty string, not {needle!r}")
    for para in paragraphs(doc.getText()):
        if needle in para.getString():
            return para
    raise RestyleError(f"no paragraph contains {needle!r}")


# --------------------------------------------------------------------------- steps


def colour(value) -> int:
    if not isinstance(value, str) or not re.fullmatch(r"#?[0-9A-Fa-f]{6}", value):
        raise RestyleError(f"'color' must be RRGGBB hex such as 8B0000, not {value!r}")
    return int(value.lstrip("#"), 16)


def points(value, what="size") -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 1 <= value <= 1638:
        raise RestyleError(f"{what!r} must be a number of points, not {value!r}")
    return float(value)


def font_name(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RestyleError(f"'name' must be a font name, not {value!r}")
    return value


def char_props(step, allowed=("name", "size", "color", "bold", "italic")) -> dict:
    props = {}
    if "name" in step and "name" in allowed:
        props["CharFontName"] = font_name(step["name"])
    if step.get("size") is not None and "size" in allowed:
        props["CharHeight"] = points(step["size"])
    if step.get("color") is not None and "color" in allowed:
        props["CharColor"] = colour(step["color"])
    if step.get("bold") is not None and "bold" in allowed:
        props["CharWeight"] = 150.0 if step["bold"] else 100.0  # FontWeight BOLD / NORMAL
    if step.get("italic") is not None and "italic" in allowed:
        props["CharPosture"] = uno.Enum("com.sun.star.awt.FontSlant",
                                        "ITALIC" if step["italic"] else "NONE")
    if not props:
        raise RestyleError(f"nothing to change: give any of {', '.join(allowed)}")
    return props


def set_props(target, props: dict) -> None:
    for name, value in props.items():
        target.setPropertyValue(name, value)


def op_font(doc, step) -> dict:
    props = char_props(step, ("name", "size"))
    if "CharFontName" not in props:
        raise RestyleError("'name' is required")
    scope = step.get("scope", "all")
    if scope == "all":
        # Ctrl+A: one selection from the start of the body to its end, which (measured on
        # LibreOffice 7.4) formats the text in the body's tables as well.
        cursor = doc.getText().createTextCursor()
        cursor.gotoStart(False)
        cursor.gotoEnd(True)
        set_props(cursor, props)
        return {"scope": "all"}
    if scope == "styles":
        family = doc.getStyleFamilies().getByName("ParagraphStyles")
        changed = []
        for i in range(family.getCount()):
            style = family.getByIndex(i)
            if style.isInUse():
                set_props(style, props)
                changed.append(style.getName())
        return {"styles": changed}
    raise RestyleError(f"'scope' must be 'all' or 'styles', not {scope!r}")


def find_style(doc, name):
    if not isinstance(name, str) or not name.strip():
        raise RestyleError(f"'style' must be a style name, not {name!r}")
    family = doc.getStyleFamilies().getByName("ParagraphStyles")
    wanted = WORD_STYLE_NAMES.get(name.strip().lower(), name.strip())
    if family.hasByName(wanted):
        return family.getByName(wanted)
    folded = wanted.lower().replace(" ", "")
    names = []
    for i in range(family.getCount()):
        style = family.getByIndex(i)
        display = style.getPropertyValue("DisplayName")
        names.append(display)
        if folded in (style.getName().lower().replace(" ", ""), display.lower().replace(" ", "")):
            return style
    in_use = sorted(n for i, n in enumerate(names) if family.getByIndex(i).isInUse())
    raise RestyleError(f"no paragraph style {name!r} (styles in use: {', '.join(in_use)})")


def op_style_font(doc, step) -> dict:
    style = find_style(doc, step.get("style"))
    set_props(style, char_props(step))
    return {"style": style.getName()}


def op_align(doc, step) -> dict:
    align = step.get("align")
    if align not in ALIGN:
        raise RestyleError(f"'align' must be one of {', '.join(ALIGN)}, not {align!r}")
    para = find_paragraph(doc, step.get("containing"))
    para.setPropertyValue("ParaAdjust", uno.Enum("com.sun.star.style.ParagraphAdjust", ALIGN[align]))
    return {}


def op_move_paragraph(doc, step) -> dict:
    to = step.get("to")
    if to not in ("start", "end", "after"):
        raise RestyleError(f"'to' must be 'start', 'end' or 'after', not {to!r}")
    if to == "after" and not isinstance(step.get("after_containing"), str):
        raise RestyleError("'to': 'after' needs 'after_containing'")
    para = find_paragraph(doc, step.get("containing"))
    text = para.getText()
    if text != doc.getText():
        raise RestyleError("moving a paragraph out of a table cell is not supported")

    # The paragraph formatting the cut paragraph takes with it (its paragraph mark).
    style_name = para.getPropertyValue("ParaStyleName")
    carried = {name: para.getPropertyValue(name) for name in PARA_PROPS
               if para.getPropertyState(name) == DIRECT_VALUE}

    # Select the paragraph's content, as a triple click does, and cut it.
    controller = doc.getCurrentController()
    view = controller.getViewCursor()
    view.gotoRange(para.getStart(), False)
    view.gotoRange(para.getEnd(), True)
    clip = controller.getTransferable()
    if clip is None:
        raise RestyleError("LibreOffice gave no clipboard content for the selection")
    view.collapseToStart()
    para.dispose()  # deletes the paragraph, mark and all (what the cut of a whole paragraph does)

    # Make the empty paragraph to paste into.
    body = doc.getText()
    if to == "after":
        anchor = find_paragraph(doc, step["after_containing"], "after_containing")
        if anchor.getText() != body:
            raise RestyleError("moving a paragraph into a table cell is not supported")
        cursor = body.createTextCursorByRange(anchor.getEnd())
    elif to == "end":
        cursor = body.createTextCursor()
        cursor.gotoEnd(False)
    else:
        cursor = body.createTextCursor()
        cursor.gotoStart(False)
    if to == "start":
        body.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        cursor.gotoStart(False)  # the new, empty paragraph is now the first one
    else:
        body.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)  # cursor is in the new one
    target = cursor.getStart()
    new_para = next_paragraph_at(body, target)
    # the new paragraph copied the formatting of the one it was split from: reset it, then give
    # it the moved paragraph's own
    new_para.setPropertyValue("ParaStyleName", style_name)
    for name in PARA_PROPS:
        if name in carried:
            new_para.setPropertyValue(name, carried[name])
        else:
            try:
                new_para.setPropertyToDefault(name)
            except Exception:
                pass
    for name in ("CharFontName", "CharHeight", "CharWeight", "CharColor"):
        try:
            new_para.setPropertyToDefault(name)
        except Exception:
            pass

    view.gotoRange(target, False)
    controller.insertTransferable(clip)
    return {"style": style_name}


def next_paragraph_at(body, position):
    """The paragraph that holds ``position`` (a collapsed range in the body)."""
    compare = body  # XTextRangeCompare
    for para in paragraphs(body):
        if para.getText() != body:
            continue
        if (compare.compareRegionStarts(para, position) >= 0
                and compare.compareRegionEnds(para, position) <= 0):
            return para
    raise RestyleError("lost the paragraph made for the paste")


OPENERS = " \t\n\r([{<\u2014\u2013-/"


def curly(text: str) -> str:
    """Word's AutoCorrect "straight quotes with smart quotes" on typed text."""
    out = []
    for i, ch in enumerate(text):
        before = text[i - 1] if i else ""
        opening = before == "" or before in OPENERS or before in "\u201c\u2018"
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
        elif ch == "'":
            out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def split_points(text: str, pieces: int):
    """Where to break ``text`` into ``pieces`` chunks: near equal, preferring word ends."""
    cuts = []
    for k in range(1, pieces):
        at = round(len(text) * k / pieces)
        space = text.rfind(" ", cuts[-1] + 1 if cuts else 1, at + 1)
        if space > 0 and at - space < 12:
            at = space + 1
        if (not cuts or at > cuts[-1]) and 0 < at < len(text):
            cuts.append(at)
    return cuts


def op_retype(doc, step) -> dict:
    raw = step.get("text")
    if not isinstance(raw, str):
        raise RestyleError(f"'text' must be a string, not {raw!r}")
    if "\n" in raw or "\r" in raw:
        raise RestyleError("'text' must be one paragraph (no line breaks)")
    # curly() changes characters one for one, so places found in the raw text hold in it
    typed = curly(raw) if step.get("curly_quotes") else raw
    pieces = step.get("pieces", 2)
    if not isinstance(pieces, int) or isinstance(pieces, bool) or pieces < 1:
        raise RestyleError(f"'pieces' must be a positive whole number, not {pieces!r}")
    bold = step.get("bold")
    if bold is not None and (not isinstance(bold, str) or not bold or bold not in raw):
        raise RestyleError(f"'bold' must be a part of the text, not {bold!r}")
    split_at = step.get("split_at")
    if split_at is not None:
        if (not isinstance(split_at, list)
                or not all(isinstance(part, str) and part and part in raw for part in split_at)):
            raise RestyleError(f"'split_at' must be a list of parts of the text, not {split_at!r}")
        cuts = sorted({raw.index(part) for part in split_at} - {0})
    else:
        cuts = split_points(typed, pieces) if typed else []
    chunks = [typed[a:b] for a, b in zip([0] + cuts, cuts + [len(typed)])] if typed else [""]
    starts = [sum(map(len, chunks[:n])) for n in range(len(chunks))]

    para = find_paragraph(doc, step.get("containing"))
    text = para.getText()
    cursor = text.createTextCursorByRange(para.getStart())
    cursor.gotoRange(para.getEnd(), True)  # the whole text, as a triple click selects it
    locale = None
    for n, chunk in enumerate(chunks):
        text.insertString(cursor, chunk, n == 0)  # the first replaces the selection
        cursor.collapseToEnd()
        if n == 0:
            locale = para.getPropertyValue("CharLocale")
    if para.getString() != typed:
        raise RestyleError(f"the paragraph reads {para.getString()!r} after typing, "
                           f"not {typed!r}")

    def select(offset, length):
        sel = text.createTextCursorByRange(para.getStart())
        sel.goRight(offset, False)  # counts characters (code points), as Python does
        sel.goRight(length, True)
        if sel.getString() != typed[offset:offset + length]:
            raise RestyleError(f"could not select {typed[offset:offset + length]!r} "
                               f"(got {sel.getString()!r})")
        return sel

    if step.get("split_runs", True) and len(chunks) > 1 and locale is not None:
        # Word leaves typed text in several runs (rsid, proofing marks); LibreOffice merges
        # runs with the same formatting, so mark every other piece with its (unchanged)
        # language as direct formatting: a run boundary at each piece, nothing visible.
        for n in range(1, len(chunks), 2):
            if chunks[n]:
                select(starts[n], len(chunks[n])).setPropertyValue("CharLocale", locale)
    if bold:
        select(raw.index(bold), len(bold)).setPropertyValue("CharWeight", 150.0)
    return {"pieces": chunks}


def op_replace(doc, step) -> dict:
    search, replace = step.get("search"), step.get("replace")
    if not isinstance(search, str) or not search:
        raise RestyleError(f"'search' must be a non-empty string, not {search!r}")
    if not isinstance(replace, str):
        raise RestyleError(f"'replace' must be a string, not {replace!r}")
    descriptor = doc.createReplaceDescriptor()
    descriptor.setSearchString(search)
    descriptor.setReplaceString(replace)
    descriptor.setPropertyValue("SearchCaseSensitive", bool(step.get("case_sensitive", True)))
    descriptor.setPropertyValue("SearchRegularExpression", bool(step.get("regex", False)))
    count = doc.replaceAll(descriptor)
    if count == 0 and not step.get("allow_none"):
        raise RestyleError(f"{search!r} was not found (add \"allow_none\": true to allow that)")
    return {"replaced": count}


OPS = {"font": op_font, "style_font": op_style_font, "move_paragraph": op_move_paragraph,
       "align": op_align, "retype": op_retype, "replace": op_replace}


def apply_step(doc, step) -> dict:
    if not isinstance(step, dict) or "op" not in step:
        raise RestyleError(f"a step must be an object with 'op', not {step!r}")
    op = OPS.get(step["op"])
    if op is None:
        raise RestyleError(f"unknown op {step['op']!r} (known: {', '.join(OPS)})")
    return {"op": step["op"], **op(doc, step)}


# --------------------------------------------------------------------------- main


def restyle(instructions: dict) -> dict:
    src, dst, filter_name = checked_paths(instructions, FILTERS, RestyleError)
    timeout, pidfile, steps = checked_run(instructions, src, dst, RestyleError)

    results = []
    with office_session(src, name="uno_restyle", timeout=timeout, pidfile=pidfile, error=RestyleError) as session:
        load_args = (prop("Hidden", True), prop("ReadOnly", False), prop("MacroExecutionMode", 0))
        doc = session.open(load_args, error=RestyleError)
        if doc is None or not doc.supportsService("com.sun.star.text.TextDocument"):
            raise RestyleError(f"LibreOffice could not open {src} as a text document")
        loaded_with = {a.Name: a.Value for a in doc.getArgs()}.get("FilterName", "")
        if loaded_with not in WORD_FILTERS:
            raise RestyleError(f"LibreOffice opened {src} as {loaded_with or 'unknown'!r}, "
                               "not as a Word document")

        for number, step in enumerate(steps, 1):
            with step_named(number, step, RestyleError):
                results.append(apply_step(doc, step))

        session.store(dst, (prop("FilterName", filter_name), prop("Overwrite", True)), error=RestyleError)
    return {"steps": results}


def main(argv) -> int:
    return run_script("uno_restyle", restyle, argv, RestyleError)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
