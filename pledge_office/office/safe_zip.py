"""Checks on Office files (zips of XML) before any library opens them.

Files arrive by email from outside: a zip bomb, an XML entity attack, an
encrypted or renamed file must be refused quickly, with a clear message.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pledge_office.errors import UnsafeFile

MAX_FILE_BYTES = 50_000_000
MAX_UNZIPPED_BYTES = 300_000_000
MAX_MEMBER_RATIO = 200  # real Office XML compresses up to ~20-50:1
MAX_MEMBERS = 2_000
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XML_HEAD_BYTES = 4096


# What the tool reads or renders has limits of its own, far above any real file and far below
# where the libraries take minutes or gigabytes (measured: README, "Limits").
TEMPLATE_LIMITS = (  # docxtpl's render is quadratic in the XML it renders
    (re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$"), 300_000, "the template's text"),
)
WORKBOOK_LIMITS = (  # openpyxl holds every shared string in memory
    (re.compile(r"xl/sharedStrings\.xml$"), 5_000_000, "the workbook's text"),
    (re.compile(r"xl/worksheets/[^/]+\.xml$"), 5_000_000, "a sheet"),
)
MAX_SHARED_STRINGS = 20_000  # a returned review holds a few hundred


def check_office_zip(path: Path, kind: str, main_part: str, limits=()) -> None:
    """Refuse anything that is not a plausible, safe Office zip of the expected kind.

    ``limits`` is TEMPLATE_LIMITS or WORKBOOK_LIMITS for what will be rendered or read.
    """
    path = Path(path)
    _read_head(path, kind)
    check_office_bytes(path.read_bytes(), path, kind, main_part, limits)


def check_office_bytes(data: bytes, path: Path, kind: str, main_part: str, limits=()) -> None:
    """The same checks on a file already in memory (an attachment, a decrypted workbook)."""
    import io

    if not data:
        raise UnsafeFile(f"is empty (0 bytes), not {kind}; ask for it to be sent again", file=path)
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeFile(f"is {len(data) // 1_000_000} MB, too large for {kind}", file=path)
    if data.startswith(OLE_SIGNATURE):
        raise UnsafeFile(_binary_office_message(data, kind), file=path)
    if not data.startswith(b"PK"):
        raise UnsafeFile(f"is not {kind}: it is not an Office file at all", file=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_sizes(package, path)
            names = set(package.namelist())
            _check_kind(names, path, kind, main_part)
            _check_no_doctype(package, path)
            _check_limits(package, path, limits)
    except UnsafeFile:
        raise
    except Exception:  # zipfile raises many types for damaged or unusual zips

        raise UnsafeFile(
            f"is damaged or truncated, not a readable {kind.split(' ', 1)[1]}; ask for it to be sent again",
            file=path,
        ) from None


def is_encrypted_office_file(data: bytes) -> bool:
    """Tell a password-protected .xlsx/.docx (an OLE file holding 'EncryptedPackage') from an old .xls/.doc."""
    return data.startswith(OLE_SIGNATURE) and "EncryptedPackage".encode("utf-16-le") in data[:2_000_000]


def _binary_office_message(data: bytes, kind: str) -> str:
    if is_encrypted_office_file(data):
        return ("is protected with a password, so it cannot be read; open it, remove the password "
                "(Excel or Word: File > Info > Protect > Encrypt with Password, clear it) and save it again")
    return (f"is in the old binary Office format (.xls or .doc), not {kind}; open it and save it "
            "as " + ("an Excel Workbook (.xlsx)" if "Excel" in kind else "a Word Document (.docx)"))


def _read_head(path: Path, kind: str) -> bytes:
    from pledge_office.office.files import check_regular

    if not path.is_dir():
        check_regular(path, 10**12, kind)  # a FIFO or device: one line, no hang
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnsafeFile(f"is a folder, not {kind}", file=path)
        if size > MAX_FILE_BYTES:
            raise UnsafeFile(f"is {size // 1_000_000} MB, too large for {kind}", file=path)
        if size == 0:
            raise UnsafeFile(f"is empty (0 bytes), not {kind}; ask for it to be sent again", file=path)
        with path.open("rb") as handle:
            return handle.read(8)
    except FileNotFoundError:
        raise UnsafeFile("file not found; check the name and folder", file=path) from None
    except PermissionError:
        raise UnsafeFile("cannot be read (permission denied)", file=path) from None


def _check_sizes(package: zipfile.ZipFile, path: Path) -> None:
    infos = package.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeFile("contains too many parts to be an Office file; it may be hostile", file=path)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise UnsafeFile(
            f"would unpack to {total // 1_000_000} MB, far more than any real Office file (a zip bomb?)",
            file=path,
        )
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise UnsafeFile(
                f"part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1, "
                "which no real Office file is (a zip bomb?)",
                file=path,
            )


def _check_limits(package: zipfile.ZipFile, path: Path, limits) -> None:
    for info in package.infolist():
        for pattern, limit, what in limits:
            if pattern.match(info.filename) and info.file_size > limit:
                raise UnsafeFile(f"is too large to read safely: {what} ({info.filename}) is "
                                 f"{_size(info.file_size)}, over the limit of {_size(limit)}; "
                                 "if it is genuine, split it or remove what is not needed", file=path)
    if limits is WORKBOOK_LIMITS and "xl/sharedStrings.xml" in package.namelist():
        count = 0
        with package.open("xl/sharedStrings.xml") as strings:
            tail = b""
            while True:
                chunk = strings.read(1 << 20)
                if not chunk:
                    break
                count += (tail + chunk).count(b"<si") - tail.count(b"<si")
                tail = chunk[-3:]
                if count > MAX_SHARED_STRINGS:
                    raise UnsafeFile(f"holds more than {MAX_SHARED_STRINGS:,} different texts, far more than a "
                                     "review; it may be hostile and was not read", file=path)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def _check_kind(names: set, path: Path, kind: str, main_part: str) -> None:
    if main_part in names:
        return
    if "mimetype" in names and "content.xml" in names:
        raise UnsafeFile(f"is an OpenDocument file (.ods or .odt), not {kind}; open it and save it in "
                         "Microsoft format (File > Save As, 'Excel 2007-365' or 'Word 2007-365')", file=path)
    if "[Content_Types].xml" not in names:
        raise UnsafeFile(f"is a zip archive, not {kind}", file=path)
    if "word/document.xml" in names:
        actual = "a Word document"
    elif "xl/workbook.xml" in names:
        actual = "an Excel workbook"
    elif "ppt/presentation.xml" in names:
        actual = "a PowerPoint presentation"
    else:
        actual = "an Office file of another kind"
    raise UnsafeFile(f"is {actual} (perhaps renamed), not {kind}", file=path)


def _check_no_doctype(package: zipfile.ZipFile, path: Path) -> None:
    for info in package.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with package.open(info) as member:
            head = member.read(XML_HEAD_BYTES)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise UnsafeFile(
                f"part {info.filename} declares XML entities (a DOCTYPE), which Office files never do; "
                "it may be hostile and was not read",
                file=path,
            )
