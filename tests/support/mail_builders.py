"""Outlook ``.msg`` files and ``winmail.dat`` (TNEF) attachments, built in code for tests.

Why this exists: returned review workbooks often arrive inside Outlook messages,
and some mail systems wrap attachments in a ``winmail.dat``.  The tests need such
files, but downloaded samples would be opaque, licence-encumbered and full of real
people's data, and nothing on PyPI *writes* either format (``extract-msg`` and
``tnefparse`` only read them).  So this module writes just enough of each format,
following the published specifications, for those readers to return exactly what
was put in:

* ``build_msg``  - [MS-OXMSG] property streams inside a [MS-CFB] compound file.
* ``build_tnef`` - an [MS-OXTNEF] stream with message- and attachment-level attributes.

Use fictional people and ``example.org`` / ``.example`` addresses only.
"""

from __future__ import annotations

import mimetypes
import struct
from datetime import datetime, timezone
from email.utils import getaddresses, parseaddr
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

__all__ = ["build_msg", "build_tnef"]

Attachments = Sequence[Tuple[str, bytes]]

# --------------------------------------------------------------------------------------
# Compound File Binary ([MS-CFB]), version 3
# --------------------------------------------------------------------------------------

SECTOR = 512  # version 3 files use 512-byte sectors ...
MINI_SECTOR = 64  # ... and 64-byte mini sectors for small streams
MINI_CUTOFF = 4096  # streams shorter than this live in the mini stream

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
DIFSECT = 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF

_HEADER_DIFAT = 109  # FAT sector numbers held in the header itself
_PER_SECTOR = SECTOR // 4  # 32-bit entries per FAT, MiniFAT or DIFAT sector
_DIR_ENTRY = struct.Struct("<64sHBBIII16sIQQIQ")  # 128 bytes
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1

# A storage is a dict of name -> bytes (a stream) or name -> dict (a sub-storage).
Tree = Dict[str, Union[bytes, "Tree"]]


class _Entry:
    """One directory entry while the file is laid out."""

    def __init__(self, name: str, kind: int, data: bytes = b"", children: Optional[List["_Entry"]] = None):
        if len(name) > 31:
            raise ValueError(f"CFB names are at most 31 characters: {name!r}")
        self.name, self.kind, self.data = name, kind, data
        self.children = children or []
        self.sid = -1
        self.left = self.right = self.child = NOSTREAM
        self.color = _BLACK
        self.start, self.size = 0, 0


def _cfb_order(entry: _Entry) -> Tuple[int, str]:
    """[MS-CFB] 2.6.4: siblings compare by name length first, then by upper-cased name."""
    return len(entry.name), entry.name.upper()


def _link_siblings(entries: List[_Entry], depth: int, placed: List[Tuple[_Entry, int]]) -> int:
    """Make a balanced binary search tree of sorted siblings; return the root's id.

    Splitting at the middle keeps every empty child slot on the last two levels,
    so colouring only the deepest level red gives a valid red-black tree: every
    path from the root has the same number of black nodes and no red node has a
    red child.  Readers only need the ordering, but a valid tree costs nothing.
    """
    if not entries:
        return NOSTREAM
    middle = len(entries) // 2
    node = entries[middle]
    placed.append((node, depth))
    node.left = _link_siblings(entries[:middle], depth + 1, placed)
    node.right = _link_siblings(entries[middle + 1:], depth + 1, placed)
    return node.sid


def _entries(tree: Tree) -> List[_Entry]:
    """Flatten the tree into directory order (root first) and link each storage's children."""
    def make(name: str, value) -> _Entry:
        if isinstance(value, dict):
            return _Entry(name, _STORAGE, children=[make(k, v) for k, v in value.items()])
        return _Entry(name, _STREAM, data=bytes(value))

    root = _Entry("Root Entry", _ROOT, children=[make(k, v) for k, v in tree.items()])
    flat: List[_Entry] = []
    pending = [root]
    while pending:
        entry = pending.pop(0)
        entry.sid = len(flat)
        flat.append(entry)
        pending.extend(entry.children)
    for entry in flat:
        names = [c.name.upper() for c in entry.children]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate names (case-insensitive) in storage {entry.name!r}")
        placed: List[Tuple[_Entry, int]] = []
        entry.child = _link_siblings(sorted(entry.children, key=_cfb_order), 0, placed)
        deepest = max((d for _, d in placed), default=0)
        for node, depth in placed:
            node.color = _RED if depth == deepest and depth > 0 else _BLACK
    return flat


def _chain(table: List[int], start: int, count: int) -> None:
    """Write a contiguous chain start, start+1, ... into a FAT or MiniFAT."""
    for i in range(count):
        table[start + i] = start + i + 1 if i < count - 1 else ENDOFCHAIN


def _sectors(n_bytes: int, size: int = SECTOR) -> int:
    return -(-n_bytes // size)


def _pad(data: bytes, size: int = SECTOR) -> bytes:
    return data + b"\0" * (-len(data) % size)


def _u32s(values: Sequence[int]) -> bytes:
    return struct.pack(f"<{len(values)}I", *values)


def cfb_bytes(tree: Tree) -> bytes:
    """Serialise a tree of storages and streams as a version 3 compound file.

    Layout: [FAT][DIFAT][mini stream][large streams][MiniFAT][directory]; every
    chain is contiguous, which is allowed and keeps the tables easy to check.
    """
    entries = _entries(tree)
    streams = [e for e in entries if e.kind == _STREAM]
    small = [e for e in streams if 0 < len(e.data) < MINI_CUTOFF]
    large = [e for e in streams if len(e.data) >= MINI_CUTOFF]

    # Small streams: consecutive runs of 64-byte mini sectors.
    mini_fat: List[int] = []
    mini_stream = b""
    for e in small:
        count = _sectors(len(e.data), MINI_SECTOR)
        e.start, e.size = len(mini_fat), len(e.data)
        mini_fat += [FREESECT] * count
        _chain(mini_fat, e.start, count)
        mini_stream += _pad(e.data, MINI_SECTOR)
    for e in streams:
        if not e.data:
            e.start, e.size = ENDOFCHAIN, 0  # an empty stream owns no sectors

    # Count the sectors everything but the allocation tables needs ...
    n_mini_stream = _sectors(len(mini_stream))
    n_large = [_sectors(len(e.data)) for e in large]
    n_mini_fat = _sectors(4 * len(mini_fat))
    n_dir = _sectors(len(entries), SECTOR // _DIR_ENTRY.size)
    n_data = n_mini_stream + sum(n_large) + n_mini_fat + n_dir
    # ... then find how many FAT (and DIFAT) sectors cover them and themselves.
    n_fat = n_difat = 0
    while n_fat * _PER_SECTOR < n_data + n_fat + n_difat:
        n_fat += 1
        n_difat = _sectors(max(0, n_fat - _HEADER_DIFAT) * 4, SECTOR - 4)
    total = n_fat + n_difat + n_data

    fat = [FREESECT] * (n_fat * _PER_SECTOR)
    fat_sectors = list(range(n_fat))
    difat_sectors = list(range(n_fat, n_fat + n_difat))
    for s in fat_sectors:
        fat[s] = FATSECT
    for s in difat_sectors:
        fat[s] = DIFSECT
    cursor = n_fat + n_difat

    def allocate(count: int) -> int:
        nonlocal cursor
        if count == 0:
            return ENDOFCHAIN
        start = cursor
        _chain(fat, start, count)
        cursor += count
        return start

    root = entries[0]
    root.start, root.size = allocate(n_mini_stream), len(mini_stream)
    for e, count in zip(large, n_large):
        e.start, e.size = allocate(count), len(e.data)
    mini_fat_start = allocate(n_mini_fat)
    dir_start = allocate(n_dir)
    assert cursor == total

    directory = b""
    for e in entries:
        name = (e.name + "\0").encode("utf-16-le")
        directory += _DIR_ENTRY.pack(name, len(name), e.kind, e.color, e.left, e.right, e.child,
                                     b"\0" * 16, 0, 0, 0, e.start, e.size)
    unused = _DIR_ENTRY.pack(b"", 0, 0, _RED, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0)
    directory += unused * (n_dir * (SECTOR // _DIR_ENTRY.size) - len(entries))

    # DIFAT: the first 109 FAT sector numbers sit in the header, the rest in
    # DIFAT sectors of 127 numbers plus the number of the next DIFAT sector.
    header_difat = (fat_sectors[:_HEADER_DIFAT] + [FREESECT] * _HEADER_DIFAT)[:_HEADER_DIFAT]
    rest = fat_sectors[_HEADER_DIFAT:]
    difat = b""
    for i, sector in enumerate(difat_sectors):
        part = rest[i * (_PER_SECTOR - 1):(i + 1) * (_PER_SECTOR - 1)]
        part += [FREESECT] * (_PER_SECTOR - 1 - len(part))
        following = difat_sectors[i + 1] if i + 1 < n_difat else ENDOFCHAIN
        difat += _u32s(part + [following])

    header = struct.pack(
        "<8s16s5H6s9I",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # signature
        b"\0" * 16,  # header CLSID
        0x003E, 0x0003, 0xFFFE,  # minor version, major version 3, little-endian
        9, 6,  # sector shift (512), mini sector shift (64)
        b"\0" * 6,
        0,  # number of directory sectors: must be 0 in version 3
        n_fat, dir_start,
        0,  # transaction signature
        MINI_CUTOFF,
        mini_fat_start if mini_fat else ENDOFCHAIN, n_mini_fat,
        difat_sectors[0] if difat_sectors else ENDOFCHAIN, n_difat,
    ) + _u32s(header_difat)

    body = (_u32s(fat) + difat + _pad(mini_stream)
            + b"".join(_pad(e.data) for e in large)
            + _pad(_u32s(mini_fat + [FREESECT] * (-len(mini_fat) % _PER_SECTOR)))
            + directory)
    assert len(header) == SECTOR and len(body) == total * SECTOR
    return header + body


# --------------------------------------------------------------------------------------
# Outlook message ([MS-OXMSG])
# --------------------------------------------------------------------------------------

PT_LONG, PT_BOOLEAN, PT_UNICODE, PT_SYSTIME, PT_BINARY = 0x0003, 0x000B, 0x001F, 0x0040, 0x0102
_READABLE_WRITABLE = 0x00000006  # PROPATTR_READABLE | PROPATTR_WRITABLE
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=timezone.utc)

Props = List[Tuple[int, object]]  # (property tag = id << 16 | type, value)


def _filetime(when: datetime) -> int:
    """100-nanosecond ticks since 1601 (UTC); a naive datetime is taken as UTC."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    delta = when - _FILETIME_EPOCH
    return (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10


def _property_storage(props: Props, header: bytes) -> Tree:
    """The ``__properties_version1.0`` stream plus one ``__substg1.0_`` stream per variable-size value.

    Fixed-size values sit in the 16-byte property entry itself.  Strings and
    binaries get their own stream, and the entry records the size: for a
    PT_UNICODE string that is the byte count *plus 2* for a terminator that the
    stream itself does not hold ([MS-OXMSG] 2.4.2.2).
    """
    storage: Tree = {}
    table = b""
    for tag, value in sorted(props, key=lambda p: p[0]):
        kind = tag & 0xFFFF
        if kind == PT_UNICODE:
            raw = str(value).encode("utf-16-le")
            storage[f"__substg1.0_{tag:08X}"] = raw
            slot = struct.pack("<II", len(raw) + 2, 0)
        elif kind == PT_BINARY:
            raw = bytes(value)
            storage[f"__substg1.0_{tag:08X}"] = raw
            slot = struct.pack("<II", len(raw), 0)
        elif kind == PT_LONG:
            slot = struct.pack("<II", int(value) & 0xFFFFFFFF, 0)
        elif kind == PT_BOOLEAN:
            slot = struct.pack("<H6x", 1 if value else 0)
        elif kind == PT_SYSTIME:
            slot = struct.pack("<Q", _filetime(value))
        else:
            raise ValueError(f"property type {kind:#06x} is not supported here")
        table += struct.pack("<II", tag, _READABLE_WRITABLE) + slot
    storage["__properties_version1.0"] = header + table
    return storage


def _short_name(name: str) -> str:
    """A DOS 8.3 alias for PR_ATTACH_FILENAME; readers prefer the long name and use this only as a fallback."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    keep = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-$~!#%&'(){}@^`")
    clean_stem = "".join(c for c in stem.upper() if c in keep) or "ATTACH"
    clean_ext = "".join(c for c in ext.upper() if c in keep)
    if clean_stem != stem.upper() or len(clean_stem) > 8 or clean_ext != ext.upper() or len(ext) > 3:
        clean_stem = clean_stem[:6] + "~1"
    return clean_stem + ("." + clean_ext[:3] if clean_ext else "")


def _addresses(value: Union[str, Sequence[str]]) -> List[Tuple[str, str]]:
    """(name, address) pairs from "Name <addr>" strings; a bare address doubles as the name."""
    found = getaddresses([value] if isinstance(value, str) else list(value))
    return [(name or address, address) for name, address in found if address]


def build_msg(path: Union[str, Path], *, subject: str, sender: str, to: Union[str, Sequence[str]],
              body: str, attachments: Attachments, sent: Optional[datetime] = None) -> Path:
    """Write an Outlook message (``IPM.Note``) to ``path`` and return the path.

    ``sender`` is ``"Name <address>"`` (or a bare address); ``to`` is one such
    string, a comma-separated list, or a list of them - one recipient storage
    each, all of type To.  ``attachments`` are (file name, bytes) pairs stored
    by value (ATTACH_BY_VALUE).  ``sent`` (naive means UTC) becomes the client
    submit and delivery times; without it the message has no date.  All strings
    are written as Unicode (PT_UNICODE, UTF-16-LE).

    Reading back with extract-msg: ``subject``, ``body``, ``sender``
    (``"Name <address>"``, or the bare address if no name was given), ``to``
    (``"Name <address>"`` joined by ``"; "``), ``date`` and each attachment's
    ``longFilename`` and ``data`` come back as given.
    """
    sender_name, sender_address = parseaddr(sender)
    recipients = _addresses(to)

    message: Props = [
        (0x001A001F, "IPM.Note"),  # PR_MESSAGE_CLASS
        (0x0037001F, subject),  # PR_SUBJECT
        (0x1000001F, body),  # PR_BODY
        (0x0C1E001F, "SMTP"),  # PR_SENDER_ADDRTYPE
        (0x0C1F001F, sender_address),  # PR_SENDER_EMAIL_ADDRESS
        (0x5D01001F, sender_address),  # PR_SENDER_SMTP_ADDRESS (extract-msg reads this one)
        (0x0065001F, sender_address),  # PR_SENT_REPRESENTING_EMAIL_ADDRESS
        (0x0E04001F, "; ".join(name for name, _ in recipients)),  # PR_DISPLAY_TO
        (0x0E070003, 0x00000001),  # PR_MESSAGE_FLAGS: MSGFLAG_READ (not MSGFLAG_UNSENT)
        (0x0E1B000B, bool(attachments)),  # PR_HASATTACH
        (0x340D0003, 0x00040000),  # PR_STORE_SUPPORT_MASK: STORE_UNICODE_OK - strings are UTF-16
    ]
    if sender_name:  # without a name, extract-msg gives the bare address as the sender
        message += [(0x0C1A001F, sender_name), (0x0042001F, sender_name)]  # PR_SENDER_NAME, PR_SENT_REPRESENTING_NAME
    if sent is not None:
        message += [(0x00390040, sent), (0x0E060040, sent)]  # client submit time, delivery time

    # Top-level header: 8 reserved, next recipient id, next attachment id,
    # recipient count, attachment count, 8 reserved.
    top_header = struct.pack("<8xIIII8x", len(recipients), len(attachments), len(recipients), len(attachments))
    tree: Tree = _property_storage(message, top_header)
    tree["__nameid_version1.0"] = {  # no named properties, but the storage must exist
        "__substg1.0_00020102": b"",  # GUID stream
        "__substg1.0_00030102": b"",  # entry stream
        "__substg1.0_00040102": b"",  # string stream
    }
    for number, (name, address) in enumerate(recipients):
        tree[f"__recip_version1.0_#{number:08X}"] = _property_storage([
            (0x0C150003, 1),  # PR_RECIPIENT_TYPE: MAPI_TO
            (0x0FFE0003, 6),  # PR_OBJECT_TYPE: MAPI_MAILUSER
            (0x39000003, 0),  # PR_DISPLAY_TYPE: DT_MAILUSER
            (0x30000003, number),  # PR_ROWID
            (0x3001001F, name),  # PR_DISPLAY_NAME
            (0x3002001F, "SMTP"),  # PR_ADDRTYPE
            (0x3003001F, address),  # PR_EMAIL_ADDRESS
            (0x39FE001F, address),  # PR_SMTP_ADDRESS
            (0x5FF6001F, name),  # PR_RECIPIENT_DISPLAY_NAME
        ], b"\0" * 8)
    for number, (name, data) in enumerate(attachments):
        props: Props = [
            (0x37050003, 1),  # PR_ATTACH_METHOD: ATTACH_BY_VALUE
            (0x0E200003, len(data)),  # PR_ATTACH_SIZE
            (0x0E210003, number),  # PR_ATTACH_NUM
            (0x0FFE0003, 7),  # PR_OBJECT_TYPE: MAPI_ATTACH
            (0x370B0003, -1),  # PR_RENDERING_POSITION: not rendered in the body
            (0x3001001F, name),  # PR_DISPLAY_NAME
            (0x3707001F, name),  # PR_ATTACH_LONG_FILENAME
            (0x3704001F, _short_name(name)),  # PR_ATTACH_FILENAME (8.3)
            (0x37010102, data),  # PR_ATTACH_DATA_BIN
        ]
        extension = Path(name).suffix
        if extension:
            props.append((0x3703001F, extension))  # PR_ATTACH_EXTENSION
        mime_type = mimetypes.guess_type(name)[0]
        if mime_type:
            props.append((0x370E001F, mime_type))  # PR_ATTACH_MIME_TAG
        tree[f"__attach_version1.0_#{number:08X}"] = _property_storage(props, b"\0" * 8)

    path = Path(path)
    path.write_bytes(cfb_bytes(tree))
    return path


# --------------------------------------------------------------------------------------
# TNEF / winmail.dat ([MS-OXTNEF])
# --------------------------------------------------------------------------------------

TNEF_SIGNATURE = 0x223E9F78
LVL_MESSAGE, LVL_ATTACHMENT = 0x01, 0x02
# Attribute ids carry their type in the high word (atpString = 1, atpByte = 6,
# atpWord = 7, atpDword = 8).
ATT_TNEF_VERSION = 0x00089006
ATT_OEM_CODEPAGE = 0x00069007
ATT_MESSAGE_CLASS = 0x00078008
ATT_SUBJECT = 0x00018004
ATT_MAPI_PROPS = 0x00069003
ATT_ATTACH_REND_DATA = 0x00069002
ATT_ATTACH_TITLE = 0x00018010
ATT_ATTACH_DATA = 0x0006800F
ATT_ATTACHMENT = 0x00069005
_OEM_CODEPAGE = 1252  # the 8-bit strings (attSubject, attAttachTitle) are in this code page


def _tnef_attribute(level: int, attribute: int, data: bytes) -> bytes:
    """level, attribute id, length, data, then the checksum: the sum of the data bytes modulo 65536."""
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def _tnef_mapi(props: Props) -> bytes:
    """A MAPI property list as TNEF carries it: a count, then type, id and value for each.

    Fixed values are padded to 4 bytes; strings and binaries are written as a
    value count (1), a byte length, the bytes, and padding to 4 bytes.
    """
    out = struct.pack("<I", len(props))
    for tag, value in props:
        kind, prop_id = tag & 0xFFFF, tag >> 16
        out += struct.pack("<HH", kind, prop_id)
        if kind == PT_LONG:
            out += struct.pack("<I", int(value) & 0xFFFFFFFF)
        elif kind in (PT_UNICODE, PT_BINARY):
            raw = (str(value) + "\0").encode("utf-16-le") if kind == PT_UNICODE else bytes(value)
            out += struct.pack("<II", 1, len(raw)) + raw + b"\0" * (-len(raw) % 4)
        else:
            raise ValueError(f"property type {kind:#06x} is not supported here")
    return out


def _oem(text: str) -> bytes:
    """A NUL-terminated 8-bit string in the OEM code page (unencodable characters become '?')."""
    return text.encode(f"cp{_OEM_CODEPAGE}", "replace") + b"\0"


def build_tnef(*, attachments: Attachments, subject: str = "") -> bytes:
    """Return the bytes of a ``winmail.dat`` holding ``attachments`` ((file name, bytes) pairs).

    Message level: TNEF version, OEM code page (1252), message class, subject,
    and a MAPI property list repeating the subject as Unicode.  Each attachment:
    attAttachRendData (which starts a new attachment, so it comes first),
    attAttachTitle (the name, 8-bit), attAttachData (the bytes, verbatim), then
    attAttachment with Unicode PR_ATTACH_LONG_FILENAME and PR_ATTACH_FILENAME,
    so non-ASCII names survive.

    Reading back with tnefparse: ``.attachments[i].name``, ``.long_filename()``
    and ``.data`` come back as given; every attribute's checksum is good.
    """
    out = struct.pack("<IH", TNEF_SIGNATURE, 0x5E1F)  # signature, legacy key (any non-zero value)
    out += _tnef_attribute(LVL_MESSAGE, ATT_TNEF_VERSION, struct.pack("<I", 0x00010000))
    # The code page must precede any 8-bit string: tnefparse decodes them with it.
    out += _tnef_attribute(LVL_MESSAGE, ATT_OEM_CODEPAGE, struct.pack("<II", _OEM_CODEPAGE, 0))
    out += _tnef_attribute(LVL_MESSAGE, ATT_MESSAGE_CLASS, b"IPM.Microsoft Mail.Note\0")
    mapi: Props = [(0x001A001F, "IPM.Note")]  # PR_MESSAGE_CLASS
    if subject:
        out += _tnef_attribute(LVL_MESSAGE, ATT_SUBJECT, _oem(subject))
        mapi.append((0x0037001F, subject))  # PR_SUBJECT, in full Unicode
    out += _tnef_attribute(LVL_MESSAGE, ATT_MAPI_PROPS, _tnef_mapi(mapi))

    for name, data in attachments:
        # AttachType 1 (file), position -1, width and height 32, flags 0.
        rend = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 32, 32, 0)
        out += _tnef_attribute(LVL_ATTACHMENT, ATT_ATTACH_REND_DATA, rend)
        out += _tnef_attribute(LVL_ATTACHMENT, ATT_ATTACH_TITLE, _oem(name))
        # The bytes go in attAttachData, not in PR_ATTACH_DATA_BIN inside
        # attAttachment: tnefparse strips trailing NUL bytes from MAPI binaries.
        out += _tnef_attribute(LVL_ATTACHMENT, ATT_ATTACH_DATA, bytes(data))
        out += _tnef_attribute(LVL_ATTACHMENT, ATT_ATTACHMENT, _tnef_mapi([
            (0x37050003, 1),  # PR_ATTACH_METHOD: ATTACH_BY_VALUE
            (0x0E200003, len(data)),  # PR_ATTACH_SIZE
            (0x370B0003, -1),  # PR_RENDERING_POSITION
            (0x3707001F, name),  # PR_ATTACH_LONG_FILENAME
            # tnefparse decodes attAttachTitle as UTF-8 although it is 8-bit OEM
            # text; a Unicode PR_ATTACH_FILENAME replaces it, so .name is right
            # for any name.
            (0x3704001F, name),  # PR_ATTACH_FILENAME
        ]))
    return out
