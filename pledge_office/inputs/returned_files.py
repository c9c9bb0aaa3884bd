"""Whatever the mail brings back: workbooks inside emails, encrypted, or in other formats.

``collect_workbooks`` turns one file an officer saved (an .xlsx, an .eml or
Outlook .msg with attachments, a winmail.dat, a password-protected workbook,
an .xls or .ods) into the .xlsx workbooks it carries, in memory. Decrypted
workbooks are never written to disk.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, List, Optional

from pledge_office.errors import PledgeOfficeError, UnsafeFile
from pledge_office.office.safe_zip import MAX_FILE_BYTES, OLE_SIGNATURE, is_encrypted_office_file

MAX_EMAIL_BYTES = 60_000_000
MAX_DEPTH = 4  # a forwarded email inside an email inside ...; deeper is not honest mail
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"
_HEADER_LINE = re.compile(rb"^(From|To|Subject|Date|MIME-Version|Received|Return-Path|Message-ID|Content-Type|X-[\w-]+):",
                          re.I | re.M)
PasswordProvider = Callable[[Path], Optional[str]]


class NeedsPassword(PledgeOfficeError):
    """A workbook is encrypted and no password was given."""


@dataclass
class ReturnedWorkbook:
    """One .xlsx workbook found in what was returned, with where it came from."""

    label: Path                  # shown in messages: 'reply.eml: review.xlsx'
    data: bytes
    source: Path                 # the file the officer saved
    sent: Optional[datetime] = None
    sender: str = ""
    notes: List[str] = field(default_factory=list)
    saved_by: str = ""                   # the workbook's 'last modified by' property
    saved_at: Optional[datetime] = None  # the workbook's 'last saved' property
    file_time: Optional[datetime] = None  # the time of the file the officer saved


def collect_workbooks(path: Path, password: Optional[PasswordProvider] = None) -> List[ReturnedWorkbook]:
    """Return every workbook in ``path``; raise a clear error when there is none."""
    path = Path(path)
    data = _read(path)
    found = _from_bytes(data, path, path, password, depth=0, sent=None, sender="")
    file_time = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    for workbook in found:
        workbook.saved_by, workbook.saved_at = saved_properties(workbook.data)
        workbook.file_time = file_time
    return found


def saved_properties(data: bytes):
    """Return who last saved a workbook and when, from its document properties ('' and None if unknown)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("docProps/core.xml")
            if info.file_size > 256_000:
                return "", None
            xml = z.read(info)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(xml, parser)
    except Exception:  # no properties, or damaged ones: the reader says what is wrong with the file
        return "", None
    by = " ".join((root.findtext(f"{{{_CP}}}lastModifiedBy") or "").split())
    made_by = " ".join((root.findtext("{http://purl.org/dc/elements/1.1/}creator") or "").split())
    at = root.findtext("{http://purl.org/dc/terms/}modified")
    # The workbook as pledge-office wrote it names its maker as its last editor too: no officer has saved it.
    return ("" if by == made_by else by), _iso_moment(at)


_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def _iso_moment(text: Optional[str]) -> Optional[datetime]:
    try:
        moment = datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _read(path: Path) -> bytes:
    from pledge_office.office.files import check_regular

    if not path.is_dir():
        check_regular(path, 10**12, "a workbook or email")  # a FIFO or device: one line, no hang
    try:
        if path.stat().st_size > MAX_EMAIL_BYTES:
            raise UnsafeFile(f"is {path.stat().st_size // 1_000_000} MB, too large to be a returned review", file=path)
        return path.read_bytes()
    except FileNotFoundError:
        raise UnsafeFile("file not found; check the name and folder", file=path) from None
    except IsADirectoryError:
        raise UnsafeFile("is a folder, not a workbook or email", file=path) from None


def _from_bytes(data: bytes, label: Path, source: Path, password, depth: int, sent, sender) -> List[ReturnedWorkbook]:
    if depth > MAX_DEPTH:
        raise UnsafeFile("has emails nested too deeply to be honest mail", file=label)
    made = lambda workbook, *notes: [ReturnedWorkbook(label, workbook, source, sent, sender, list(notes))]  # noqa: E731
    if data.startswith(b"PK"):
        if _is_ods(data):
            return made(convert_with_libreoffice(data, label, ".ods"), "converted from OpenDocument (.ods) by LibreOffice")
        return made(data)
    if data.startswith(OLE_SIGNATURE):
        if is_encrypted_office_file(data):
            return made(decrypt(data, label, password), "decrypted in memory with the password given")
        if "__substg1.0_".encode("utf-16-le") in data:
            return _from_msg(data, label, source, password, depth)
        _check_old_excel(data, label)
        return made(convert_with_libreoffice(data, label, ".xls"), "converted from the old .xls format by LibreOffice")
    if _looks_like_email(data) or (label.suffix.lower() == ".eml" and not data.startswith(b"PK")):
        return _from_email(data, label, source, password, depth)
    if data[:4] == TNEF_SIGNATURE:  # a winmail.dat saved on its own
        found = _from_tnef(data, label, label, source, password, depth, sent, sender, carried := [])
        return _found_or_refuse(found, carried, label, "Outlook winmail.dat")
    if label.suffix.lower() == ".csv" or _looks_like_csv(data):
        raise UnsafeFile("is a CSV file, which loses the review's structure; open the original workbook and "
                         "send it as an Excel Workbook (.xlsx) (in Excel: File > Save As > Excel Workbook)", file=label)
    return made(data)  # the reader says clearly what it is not


# -- emails -----------------------------------------------------------------------

def _looks_like_email(data: bytes) -> bool:
    head = data[:4096]
    return len(_HEADER_LINE.findall(head)) >= 2


def _from_email(data: bytes, label: Path, source: Path, password, depth: int) -> List[ReturnedWorkbook]:
    import email
    from email import policy

    try:
        message = email.message_from_bytes(data, policy=policy.default)
        found, carried = [], []
        _email_parts(message, label, source, password, depth, found, carried, nested=0)
    except RecursionError:
        raise UnsafeFile("has emails or parts nested too deeply to be honest mail", file=label) from None
    return _found_or_refuse(found, carried, label, "email")


def _sent_and_sender(message):
    from email.utils import parsedate_to_datetime

    try:
        sent = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError, IndexError):
        sent = None
    return sent, str(message["From"] or "")


def _email_parts(message, label, source, password, depth, found, carried, nested: int) -> None:
    """Collect the attachments of an email; a forwarded email inside keeps its own date and sender.

    So a correction that forwards the original carries the original as the earlier return,
    and the later one replaces it.
    """
    if nested > MAX_DEPTH:
        raise UnsafeFile("has emails nested too deeply to be honest mail", file=label)
    sent, sender = _sent_and_sender(message)
    for part in message.iter_parts() if message.is_multipart() else [message]:
        if part.get_content_type() == "message/rfc822":
            for inner in part.iter_parts():
                _email_parts(inner, label, source, password, depth, found, carried, nested + 1)
            continue
        if part.is_multipart():
            _email_parts_same(part, label, source, password, depth, found, carried, nested, sent, sender)
            continue
        _one_part(part, label, source, password, depth, found, carried, sent, sender)


def _email_parts_same(message, label, source, password, depth, found, carried, nested, sent, sender) -> None:
    """A multipart inside the same email (alternative, related, mixed): same date and sender."""
    if nested > MAX_DEPTH * 4:
        raise UnsafeFile("has parts nested too deeply to be honest mail", file=label)
    for part in message.iter_parts():
        if part.get_content_type() == "message/rfc822":
            for inner in part.iter_parts():
                _email_parts(inner, label, source, password, depth, found, carried, nested + 1)
        elif part.is_multipart():
            _email_parts_same(part, label, source, password, depth, found, carried, nested + 1, sent, sender)
        else:
            _one_part(part, label, source, password, depth, found, carried, sent, sender)


def _one_part(part, label, source, password, depth, found, carried, sent, sender) -> None:
    name = part.get_filename()
    if not name:
        return
    payload = part.get_payload(decode=True) or b""
    found += _attachment(name, payload, label, source, password, depth, sent, sender, carried)


def _from_msg(data: bytes, label: Path, source: Path, password, depth: int) -> List[ReturnedWorkbook]:
    import extract_msg

    try:
        message = extract_msg.openMsg(data)
    except Exception as exc:  # extract_msg raises many kinds for damaged files
        raise UnsafeFile(f"is an Outlook message that cannot be read ({type(exc).__name__}); "
                         "save the email again, or save its attachment and give that", file=label) from None
    try:
        sent = _aware(message.date)
        sender = str(message.sender or "")
        found, carried = [], []
        for attachment in message.attachments:
            name = getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None) or "attachment"
            payload = attachment.data
            if not isinstance(payload, (bytes, bytearray)):  # an attached email
                carried.append(f"{name} (an email)")
                continue
            found += _attachment(name, bytes(payload), label, source, password, depth, sent, sender, carried)
        return _found_or_refuse(found, carried, label, "Outlook message")
    finally:
        message.close()


def _attachment(name, payload, label, source, password, depth, sent, sender, carried) -> List[ReturnedWorkbook]:
    from pledge_office.office.text import printable

    name = printable(str(name))  # a name with new lines or terminal escapes must not spoof output
    if len(name) > 200:
        name = name[:120] + "..." + name[-60:]
    inner = Path(f"{label}: {name}")
    lower = name.lower()
    if lower == "winmail.dat" or payload[:4] == TNEF_SIGNATURE:
        try:
            return _from_tnef(payload, inner, label, source, password, depth, sent, sender, carried)
        except UnsafeFile as exc:
            # One damaged winmail.dat must not hide good workbooks beside it.
            carried.append(f"{name} (could not be read: {exc.message.split(';')[0]})")
            return []
    if lower.endswith(WORKBOOK_SUFFIXES) or lower.endswith(".eml") or _sniff_workbook(payload):
        return _from_bytes(payload, inner, source, password, depth + 1, sent, sender)
    carried.append(name)
    return []


def _from_tnef(payload, inner, label, source, password, depth, sent, sender, carried) -> List[ReturnedWorkbook]:
    import tnefparse

    try:
        tnef = tnefparse.TNEF(payload)
        parts = [(attachment.long_filename() or attachment.name or "attachment", bytes(attachment.data))
                 for attachment in tnef.attachments]
    except (Exception, RecursionError) as exc:
        raise UnsafeFile(f"has a winmail.dat attachment that cannot be read ({type(exc).__name__}); "
                         "ask for the workbook to be sent again as an ordinary attachment", file=label) from None
    if not parts:
        raise UnsafeFile("has a winmail.dat attachment with nothing readable in it (damaged?); ask for the "
                         "workbook to be sent again as an ordinary attachment", file=label)
    found = []
    for name, data in parts:
        if isinstance(name, bytes):
            name = name.decode("utf-8", "replace")
        found += _attachment(name, data, Path(f"{inner}"), source, password, depth + 1, sent, sender, carried)
    return found


def _found_or_refuse(found, carried, label: Path, what: str) -> List[ReturnedWorkbook]:
    if found:
        damaged = [c for c in carried if "could not be read" in c]
        if damaged:
            found[0].notes.append(f"also attached: {', '.join(damaged)}; the workbook(s) beside it were read")
        return found
    listing = ", ".join(carried) if carried else "no attachments at all"
    article = "an" if what[0].lower() in "aeiou" else "a"
    zipped = [c for c in carried if c.lower().split(" (")[0].endswith(".zip")]
    if zipped:  # never opened here: a zip from outside may hold anything
        raise UnsafeFile(f"is {article} {what} with no workbook attached, only a zip file ({', '.join(zipped)}); "
                         "unzip it and give the workbook inside", file=label)
    raise UnsafeFile(f"is {article} {what} with no workbook attached (it carries: {listing}); "
                     "save the email that has the review workbook attached", file=label)


def _sniff_workbook(payload: bytes) -> bool:
    if payload.startswith(OLE_SIGNATURE):
        return is_encrypted_office_file(payload)
    if not payload.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as z:
            return "xl/workbook.xml" in z.namelist()
    except Exception:
        return False


def _looks_like_csv(data: bytes) -> bool:
    head = data[:2048]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = [line for line in text.splitlines() if line.strip()][:5]
    return len(lines) >= 1 and all(line.count(",") >= 2 for line in lines)


def _aware(value) -> Optional[datetime]:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


# -- encrypted and other formats ---------------------------------------------------

def decrypt(data: bytes, label: Path, password: Optional[PasswordProvider]) -> bytes:
    """Decrypt a password-protected workbook in memory, never on disk."""
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, InvalidKeyError

    secret = password(label) if password else None
    if not secret:
        raise NeedsPassword("is protected with a password; give it with --password (or run the command "
                            "at a terminal to be asked for it)", file=label)
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=secret)
        out = io.BytesIO()
        office.decrypt(out)
    except (InvalidKeyError, DecryptionError):
        raise UnsafeFile("the password is not right for this workbook; check it with whoever sent it",
                         file=label) from None
    except Exception as exc:
        raise UnsafeFile(f"is encrypted in a way that cannot be read ({type(exc).__name__}); ask for it "
                         "to be sent without a password", file=label) from None
    return out.getvalue()


def _check_old_excel(data: bytes, label: Path) -> None:
    """Only a real .xls goes to LibreOffice: it would import anything else as text."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir()}
    except Exception:
        raise UnsafeFile("is in the old binary Office format (.xls or .doc) but is damaged; open it and save "
                         "it as an Excel Workbook (.xlsx)", file=label) from None
    if not streams & {"workbook", "book"}:
        raise UnsafeFile("is in the old binary Office format (.xls or .doc) but holds no workbook (a Word "
                         ".doc?); send the review workbook as an Excel Workbook (.xlsx)", file=label)


def _is_ods(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read("mimetype").startswith(b"application/vnd.oasis.opendocument") if "mimetype" in z.namelist() else False
    except Exception:
        return False


def convert_with_libreoffice(data: bytes, label: Path, suffix: str) -> bytes:
    """Convert an .xls or .ods workbook to .xlsx with LibreOffice, in a private temporary folder."""
    from pledge_office.office.libreoffice import LibreOfficeTimeout, convert, find_soffice

    kind = "an old .xls" if suffix == ".xls" else "an OpenDocument (.ods)"
    if not find_soffice():
        raise UnsafeFile(f"is {kind} workbook; open it and save it as an Excel Workbook (.xlsx), or install "
                         "LibreOffice so that pledge-office can convert it", file=label)
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeFile(f"is too large to convert ({len(data) // 1_000_000} MB)", file=label)
    with tempfile.TemporaryDirectory(prefix="pledge-office-") as folder:
        src = Path(folder) / f"returned{suffix}"
        src.write_bytes(data)
        try:
            convert([src], Path(folder), "xlsx:Calc MS Excel 2007 XML", timeout=180)
        except LibreOfficeTimeout:
            raise UnsafeFile(f"is {kind} workbook that LibreOffice could not convert in time", file=label) from None
        out = Path(folder) / "returned.xlsx"
        if not out.exists():
            raise UnsafeFile(f"is {kind} workbook that LibreOffice could not convert; save it as .xlsx", file=label)
        return out.read_bytes()
