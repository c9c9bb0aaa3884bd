"""Text made safe for every place it goes: Word and Excel (XML 1.0), JSON, email, a terminal."""

from __future__ import annotations

import re

# XML 1.0 forbids these; Word calls a file holding one "unreadable content", openpyxl refuses it.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# A vertical tab is Word's line break inside a paragraph (pasted from Word it reaches Calc as
# _x000B_); a form feed a page break; BEL is docxtpl's paragraph mark. All mean "new line".
_BREAKING = re.compile("[\x07\x0b\x0c\u2028\u2029]")
# Terminal escapes (ESC [ ... ) and every other control character, C1 included.
_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Return pasted text safe for Word, Excel, JSON and email: line breaks kept, control characters gone."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _BREAKING.sub("\n", value)
    return _FORBIDDEN.sub("", value)


def clean_line(value: str) -> str:
    """Return text for one line (a header, a name, alt text): every line break becomes a space."""
    return " ".join(clean_text(value).split()) if isinstance(value, str) else value


def printable(value) -> str:
    """Escape control characters (terminal escapes, new lines) in a name before it is printed."""
    return _TERMINAL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", str(value))
