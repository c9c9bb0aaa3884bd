"""A cell's text as the officer saw it on screen, from its value and number format.

An office suite converts what is typed into a General cell: ``£5,000`` becomes the
number 5000 shown as ``£5,000.00``, ``10%`` becomes 0.1 shown as ``10.00%``,
``01/04/2025`` a date, ``TRUE`` a boolean. ``str(value)`` would put ``5000``,
``0.1`` or ``2025-04-01 00:00:00`` into a plan; this renders what was on screen.
Only the number-format features officers' suites produce are handled: sections
(positive;negative;zero), literals and quoted text, currency codes such as
``[$£-809]``, thousands separators, fixed decimals, percent, scientific, and
date/time codes. Anything else falls back to the General rendering.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Optional

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]")
_DATE_CODES = re.compile(r"(yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p)", re.I)
_MAX_FORMAT = 200  # longer formats are not what a suite writes: render as General


def decode_escapes(text: str) -> str:
    """Decode openpyxl's ``_xHHHH_`` escapes (how control characters are stored)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def cell_text(value, number_format: Optional[str] = "General") -> str:
    """Return the text a cell shows for ``value`` under ``number_format``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return decode_escapes(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = number_format or "General"
    if len(fmt) > _MAX_FORMAT:
        fmt = "General"
    if isinstance(value, (datetime, date, time, timedelta)):
        return _date_text(value, fmt)
    if isinstance(value, (int, float)):
        return _number_text(value, fmt)
    return str(value)


def general(value) -> str:
    """Render a number the way General does: integers whole, at most 15 significant digits."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}E{exponent[0]}{exponent[1:].lstrip('0').rjust(2, '0')}"
    return text


# -- sections ---------------------------------------------------------------------

def _split_sections(fmt: str):
    """Split a format at unquoted ';' into its sections."""
    sections, current, quoted, escaped = [], "", False, False
    for ch in fmt:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\":
            current += ch
            escaped = True
        elif ch == '"':
            quoted = not quoted
            current += ch
        elif ch == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return sections


def _section_for(value, fmt: str):
    """Choose the section for a number; True in the result means 'the minus sign is in the format'."""
    sections = _split_sections(fmt)
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        return sections[1], True
    if value == 0 and len(sections) >= 3 and sections[2].strip():
        return sections[2], True
    return sections[0], False


def _literal_parts(section: str):
    """Yield (kind, text) pieces: 'lit' for literal text, 'code' for format code."""
    section = _CURRENCY.sub(lambda m: '"' + m.group(1).replace('"', "") + '"', section)
    section = _BRACKETS.sub("", section)  # colours, conditions, locale ids
    out, i = [], 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append(("lit", section[i + 1:end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_":
            out.append(("lit", " "))  # "_)" leaves the width of ')' as a space
            i += 2
        elif ch == "*":
            i += 2  # fill character: nothing to print in text
        else:
            out.append(("code", ch))
            i += 1
    return out


# -- numbers ----------------------------------------------------------------------

def _number_text(value, fmt: str) -> str:
    section, signed = _section_for(value, fmt)
    if section.strip().lower() in ("general", ""):
        return general(-value if signed else value)
    parts = _literal_parts(section)
    code = "".join(t for k, t in parts if k == "code")
    if section.strip() == "@":
        return general(value)
    if _looks_like_date(code):
        try:
            return _date_text(_serial_to_datetime(float(value)), section)
        except (OverflowError, ValueError):
            return general(value)
    if not any(c in code for c in "0#?"):
        # text-only section such as "TRUE" (LibreOffice's boolean format)
        return "".join(t for k, t in parts if k == "lit") or general(value)
    number = abs(value) if (signed or value < 0) else value
    if "%" in code:
        number = number * 100 ** code.count("%")
    body = _digits(number, code)
    # Put the literal text around the first and after the last digit placeholder.
    first = next(i for i, (k, t) in enumerate(parts) if k == "code" and t in "0#?")
    last = max(i for i, (k, t) in enumerate(parts) if k == "code" and t in "0#?Ee+-.," )
    last = max(last, max((i for i, (k, t) in enumerate(parts) if k == "code" and t == "%"), default=-1))
    prefix = "".join(t if k == "lit" else ("" if t in "0#?.,%" else t) for k, t in parts[:first])
    suffix = "".join(t if k == "lit" else ("%" if t == "%" else ("" if t in "0#?.,Ee+-" else t))
                     for k, t in parts[last + 1:])
    middle_pct = "%" * sum(1 for k, t in parts[first:last + 1] if k == "code" and t == "%")
    inner = parts[first:last + 1]
    if any(k == "lit" for k, _ in inner) and not any(k == "code" and t in ".Ee" for k, t in inner):
        body = _fill_pattern(str(int(_half_up(number, 0))), inner)  # e.g. 00000" "000000 for a phone
    minus = "-" if value < 0 and not signed else ""
    if minus and prefix.startswith("-"):
        minus = ""
    return f"{minus}{prefix}{body}{middle_pct}{suffix}"


def _fill_pattern(digits: str, parts) -> str:
    """Place digits right to left into placeholders with literal text between them."""
    out, remaining = [], list(digits)
    placeholders = [i for i, (k, t) in enumerate(parts) if k == "code" and t in "0#?"]
    for index in range(len(parts) - 1, -1, -1):
        kind, text = parts[index]
        if kind == "lit":
            out.append(text)
        elif text in "0#?":
            if remaining:
                digit = remaining.pop()
                if index == placeholders[0]:
                    digit = "".join(remaining) + digit
                    remaining = []
                out.append(digit)
            else:
                out.append({"0": "0", "?": " "}.get(text, ""))
    return "".join(reversed(out))


def _digits(number: float, code: str) -> str:
    """Format the digits: thousands separators, fixed decimals, scientific."""
    core = "".join(c for c in code if c in "0#?.,Ee+-")
    if "E" in core.upper():
        mant = core.upper().split("E")[0]
        decimals = len(mant.split(".")[1]) if "." in mant else 0
        text = f"{number:.{decimals}E}"
        mantissa, exponent = text.split("E")
        return f"{mantissa}E{exponent[0]}{exponent[1:].lstrip('0').rjust(2, '0')}"
    integer, _, fraction = core.partition(".")
    # trailing commas scale by thousands; a comma between digits groups them
    while integer.endswith(","):
        number /= 1000
        integer = integer[:-1]
    grouped = "," in integer
    fixed = sum(1 for c in fraction if c == "0")
    optional = sum(1 for c in fraction if c in "#?")
    rounded = _half_up(number, fixed + optional)
    text = f"{rounded:,.{fixed + optional}f}" if grouped else f"{rounded:.{fixed + optional}f}"
    if optional and "." in text:
        whole, dec = text.split(".")
        dec = dec[:fixed] + dec[fixed:].rstrip("0")
        text = f"{whole}.{dec}" if dec else whole
    if "." in text and not fraction:
        text = text.split(".")[0]
    zeros = integer.count("0")
    whole = text.split(".")[0]
    if len(whole.lstrip("-").replace(",", "")) < zeros:  # '000' shows 7 as 007
        text = whole.zfill(zeros) + text[len(whole):]
    if integer and not integer.replace(",", "").count("0") and text.split(".")[0].lstrip("-") in ("0",) and "." in text:
        text = text.replace("0.", ".", 1)  # '#.00' shows .50, not 0.50
    return text


def _half_up(number: float, places: int):
    """Round half away from zero, as spreadsheets do (Python rounds half to even)."""
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

    with localcontext() as context:
        context.prec = 400  # a number of any size, to any number of places a format asks for
        try:
            return Decimal(repr(float(number))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except (InvalidOperation, ValueError, OverflowError):
            return float(number)


# -- dates and times --------------------------------------------------------------

def _looks_like_date(code: str) -> bool:
    stripped = code.lower()
    return any(c in stripped for c in "ymdhs") and not any(c in stripped for c in "0#?")


def _serial_to_datetime(serial: float) -> datetime:
    if not -1 < serial < 2958466:
        raise ValueError(serial)
    base = datetime(1899, 12, 30) if serial >= 60 else datetime(1899, 12, 31)
    return base + timedelta(days=serial)


def _date_text(value, fmt: str) -> str:
    if fmt.strip().lower() == "general" or not _looks_like_date(
            "".join(t for k, t in _literal_parts(_split_sections(fmt)[0]) if k == "code")):
        return _default_date_text(value)
    if isinstance(value, timedelta):
        value = datetime(1899, 12, 30) + value
    if isinstance(value, time):
        value = datetime.combine(date(1899, 12, 30), value)
    elif not isinstance(value, datetime):
        value = datetime.combine(value, time())
    section = _split_sections(fmt)[0]
    parts = _literal_parts(section)
    out = []
    codes = "".join(t if k == "code" else "\0" for k, t in parts)
    twelve_hour = "am/pm" in codes.lower() or "a/p" in codes.lower()
    tokens = _tokens(parts)
    for index, (kind, token) in enumerate(tokens):
        if kind == "lit":
            out.append(token)
            continue
        out.append(_date_token(token, value, tokens, index, twelve_hour))
    return "".join(out)


def _tokens(parts):
    tokens = []
    for kind, text in parts:
        if kind == "lit":
            tokens.append(("lit", text))
        else:
            if tokens and tokens[-1][0] == "code":
                tokens[-1] = ("code", tokens[-1][1] + text)
            else:
                tokens.append(("code", text))
    out = []
    for kind, text in tokens:
        if kind == "lit":
            out.append((kind, text))
            continue
        pos = 0
        for match in _DATE_CODES.finditer(text):
            if match.start() > pos:
                out.append(("lit", text[pos:match.start()]))
            out.append(("code", match.group(0)))
            pos = match.end()
        if pos < len(text):
            out.append(("lit", text[pos:]))
    return out


def _is_minute(tokens, index: int) -> bool:
    """'m' means minutes right after an hour or right before seconds, as in Excel."""
    before = [t.lower() for k, t in tokens[:index] if k == "code"]
    after = [t.lower() for k, t in tokens[index + 1:] if k == "code"]
    return bool((before and before[-1][0] == "h") or (after and after[0][0] == "s"))


def _date_token(token: str, value: datetime, tokens, index: int, twelve_hour: bool) -> str:
    low = token.lower()
    if low in ("am/pm", "a/p"):
        am = value.hour < 12
        text = ("AM" if am else "PM") if low == "am/pm" else ("A" if am else "P")
        return text if token[0].isupper() else text.lower()
    if low[0] == "y":
        return f"{value.year % 100:02d}" if len(low) <= 2 else f"{value.year:04d}"
    if low[0] == "d":
        return {1: str(value.day), 2: f"{value.day:02d}", 3: value.strftime("%a")}.get(len(low), value.strftime("%A"))
    if low[0] == "h":
        hour = value.hour % 12 or 12 if twelve_hour else value.hour
        return f"{hour:02d}" if len(low) == 2 else str(hour)
    if low[0] == "s":
        return f"{value.second:02d}" if len(low) == 2 else str(value.second)
    if low[0] == "m":
        if len(low) <= 2 and _is_minute(tokens, index):
            return f"{value.minute:02d}" if len(low) == 2 else str(value.minute)
        return {1: str(value.month), 2: f"{value.month:02d}", 3: value.strftime("%b")}.get(
            len(low), value.strftime("%B"))
    return token


def _default_date_text(value) -> str:
    if isinstance(value, datetime):
        if value.time() == time():
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M:%S" if value.second else "%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return str(value)
