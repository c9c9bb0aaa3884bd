"""The .msg and winmail.dat builders write files the real readers return exactly.

Other tests trust ``mail_builders`` to stand in for mail that councils forward,
so these round trips pin it down: extract-msg and tnefparse (the readers
pledge-office uses) read back what was written, and olefile finds a clean
compound file.  All names and addresses are fictional.
"""

from __future__ import annotations

import random
import struct
from datetime import datetime, timezone

import extract_msg
import olefile
import pytest
import tnefparse

from mail_builders import build_msg, build_tnef

SUBJECT = "Review – Exampleshire"
SENDER = "Alex Example <alex.example@example.org>"
TO = ["Sam Sample <sam.sample@council.example>", "pledge@exampleshire.example"]
BODY = "Dear Sam,\r\n\r\nPlease find our annual review attached.\r\n\r\nAlex"
SENT = datetime(2024, 3, 1, 9, 30, 15, tzinfo=timezone.utc)
RED, BLACK = 0, 1  # directory entry colours, [MS-CFB] 2.6.1


def xlsx_like(size: int, seed: int = 1) -> bytes:
    """Bytes that start like a workbook (a zip) and are otherwise arbitrary; ends in NULs to catch stripping."""
    return b"PK\x03\x04" + random.Random(seed).randbytes(size - 6) + b"\0\0"


ATTACHMENTS = [
    ("Exampleshire review 2024.xlsx", xlsx_like(20_000, 1)),  # regular sectors
    ("big.xlsx", xlsx_like(200_000, 2)),  # several FAT sectors' worth
    ("notes.txt", b"small, in the mini stream"),
    ("edge-4095.bin", xlsx_like(4095, 3)),  # the largest mini-stream stream
    ("edge-4096.bin", xlsx_like(4096, 4)),  # the smallest regular stream
    ("empty.txt", b""),
]


@pytest.fixture
def msg_path(tmp_path):
    return build_msg(tmp_path / "returned.msg", subject=SUBJECT, sender=SENDER, to=TO, body=BODY,
                     attachments=ATTACHMENTS, sent=SENT)


def test_extract_msg_reads_back_everything(msg_path):
    message = extract_msg.openMsg(str(msg_path))
    try:
        assert isinstance(message, extract_msg.Message)
        assert message.classType == "IPM.Note"
        assert message.subject == SUBJECT
        assert message.sender == SENDER
        assert message.to == "Sam Sample <sam.sample@council.example>; " \
                             "pledge@exampleshire.example <pledge@exampleshire.example>"
        assert message.body == BODY
        assert message.date == SENT
        assert message.receivedTime == SENT
        got = [(a.longFilename, a.data) for a in message.attachments]
        assert got == ATTACHMENTS
        assert message.attachments[0].shortFilename == "EXAMPL~1.XLS"
    finally:
        message.close()


def test_extract_msg_reads_bytes_too(msg_path):
    """pledge-office hands extract-msg the file's bytes, not its path."""
    message = extract_msg.openMsg(msg_path.read_bytes())
    try:
        assert message.subject == SUBJECT
        assert [a.data for a in message.attachments] == [data for _, data in ATTACHMENTS]
    finally:
        message.close()


def test_without_date_or_sender_name(tmp_path):
    path = build_msg(tmp_path / "plain.msg", subject="", sender="alex.example@example.org",
                     to="Sam Sample <sam.sample@council.example>", body="", attachments=[])
    message = extract_msg.openMsg(str(path))
    try:
        assert message.date is None
        assert message.sender == "alex.example@example.org"
        assert message.attachments == []
    finally:
        message.close()


def _check_directory_tree(ole: olefile.OleFileIO) -> int:
    """Each storage's children form a binary search tree in [MS-CFB] order that is also a red-black tree."""
    entries = ole.direntries
    storages = 0

    def walk(sid, names):
        """In-order walk; returns the black height of this subtree."""
        if sid == olefile.NOSTREAM:
            return 1
        entry = entries[sid]
        left = walk(entry.sid_left, names)
        names.append(entry.name)
        right = walk(entry.sid_right, names)
        assert left == right, f"unequal black heights under {entry.name!r}"
        if entry.color == RED:
            for child in (entry.sid_left, entry.sid_right):
                assert child == olefile.NOSTREAM or entries[child].color == BLACK
        return left + (entry.color == BLACK)

    for entry in entries:
        if entry is not None and entry.entry_type in (olefile.STGTY_ROOT, olefile.STGTY_STORAGE):
            storages += 1
            names = []
            walk(entry.sid_child, names)
            if entry.sid_child != olefile.NOSTREAM:
                assert entries[entry.sid_child].color == BLACK
            keys = [(len(n), n.upper()) for n in names]
            assert keys == sorted(keys) and len(set(keys)) == len(keys), names
    return storages


def test_msg_is_a_clean_compound_file(msg_path):
    data = msg_path.read_bytes()
    assert olefile.isOleFile(data)
    # Raise on every defect olefile knows, even the merely doubtful ones.
    with olefile.OleFileIO(data, raise_defects=olefile.DEFECT_UNSURE) as ole:
        assert ole.parsing_issues == []
        assert (ole.dll_version, ole.sector_size, ole.mini_sector_size, ole.minisectorcutoff) == (3, 512, 64, 4096)
        assert len(data) % 512 == 0
        # root, nameid, two recipients, six attachments
        assert _check_directory_tree(ole) == 10
        for number, (name, payload) in enumerate(ATTACHMENTS):
            stream = ["__attach_version1.0_#%08X" % number, "__substg1.0_37010102"]
            assert ole.get_size(stream) == len(payload)
            assert ole.openstream(stream).read() == payload
        nameid = sorted(p[1] for p in ole.listdir() if p[0] == "__nameid_version1.0")
        assert nameid == ["__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"]
        header = ole.openstream("__properties_version1.0").read()[:32]
        assert struct.unpack("<8xIIII8x", header) == (2, 6, 2, 6)
        attach_props = ole.openstream(["__attach_version1.0_#00000000", "__properties_version1.0"]).read()
        assert struct.pack("<II", 0x37050003, 6) + struct.pack("<II", 1, 0) in attach_props


def test_very_large_attachment_needs_difat_sectors(tmp_path):
    """Past ~7 MB the header's 109 FAT sector slots run out and DIFAT sectors take over."""
    payload = xlsx_like(8_000_000, 5)
    path = build_msg(tmp_path / "huge.msg", subject="Huge", sender=SENDER, to=TO, body="",
                     attachments=[("huge.xlsx", payload)])
    with olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_UNSURE) as ole:
        assert ole.num_difat_sectors >= 1 and ole.parsing_issues == []
    message = extract_msg.openMsg(str(path))
    try:
        assert message.attachments[0].data == payload
    finally:
        message.close()


def _check_checksums(tnef: tnefparse.TNEF):
    assert tnef.objects and all(obj.good_checksum for obj in tnef.objects)


def test_tnefparse_reads_back_attachments():
    attachments = [
        ("Exampleshire review 2024.xlsx", xlsx_like(20_000, 6)),
        ("Résumé – draft.xlsx", xlsx_like(300, 7)),
        ("empty.txt", b""),
    ]
    data = build_tnef(attachments=attachments, subject=SUBJECT)
    assert data[:4] == b"\x78\x9f\x3e\x22"  # 0x223E9F78, little-endian
    tnef = tnefparse.TNEF(data, do_checksum=True)
    _check_checksums(tnef)
    assert [(a.name, a.long_filename(), a.data) for a in tnef.attachments] == \
           [(name, name, payload) for name, payload in attachments]
    props = {obj.name_str: obj.data for obj in tnef.msgprops}
    assert props["Subject"] == SUBJECT


def test_tnef_without_attachments_or_subject():
    tnef = tnefparse.TNEF(build_tnef(attachments=[]))
    _check_checksums(tnef)
    assert tnef.attachments == []


def test_winmail_dat_inside_a_msg(tmp_path):
    """The shape Outlook produces when it wraps a workbook for a non-Outlook recipient."""
    workbook = ("review.xlsx", xlsx_like(9_000, 8))
    path = build_msg(tmp_path / "wrapped.msg", subject=SUBJECT, sender=SENDER, to=TO, body=BODY,
                     attachments=[("winmail.dat", build_tnef(attachments=[workbook], subject=SUBJECT))])
    message = extract_msg.openMsg(str(path))
    try:
        [attachment] = message.attachments
        assert attachment.longFilename == "winmail.dat"
        inner = tnefparse.TNEF(attachment.data)
    finally:
        message.close()
    assert [(a.long_filename(), a.data) for a in inner.attachments] == [workbook]
