"""Hostile and broken files, generated in code (never downloaded)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10))
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
)


def replace_member(src: Path, dst: Path, member: str, data: bytes) -> Path:
    """Copy a zip, replacing (or adding) one member."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != member:
                zout.writestr(item, zin.read(item.filename))
        zout.writestr(member, data)
    return dst


def sheet_member(path: Path, title: str = "Review") -> str:
    """Return the zip member holding a sheet (sheet2.xml for Review in our workbooks)."""
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    return sorted(names)[1] if title == "Review" else sorted(names)[0]


def zip_bomb(dst: Path, valid: Path) -> Path:
    """A valid workbook plus one member that inflates 1000:1."""
    with zipfile.ZipFile(valid) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/media/padding.xml", b"\0" * 20_000_000)
    return dst


def declared_size_lie(dst: Path, valid: Path, size: int = 0xFFFFFFF0) -> Path:
    """A workbook whose central directory claims a 4 GB member."""
    data = bytearray(valid.read_bytes())
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, size)
    dst.write_bytes(bytes(data))
    return dst


def fake_office_zip(dst: Path, main_part: str) -> Path:
    with zipfile.ZipFile(dst, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(main_part, "<x/>")
    return dst


def corrupt_crc(dst: Path, valid: Path) -> Path:
    """Flip bytes inside the Review sheet's compressed data."""
    data = bytearray(valid.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(sheet_member(valid))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A
    dst.write_bytes(bytes(data))
    return dst


def million_rows(dst: Path, valid: Path) -> Path:
    """The Review sheet claims A1:XFD1048576 and has a cell in the last row."""
    member = sheet_member(valid)
    with zipfile.ZipFile(valid) as z:
        xml = z.read(member)
    import re

    xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml, count=1)
    xml = xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away</t></is></c></row></sheetData>')
    return replace_member(valid, dst, member, xml)


def many_shared_strings(dst: Path, valid: Path, count: int) -> Path:
    """The workbook with ``count`` different shared strings (as Excel stores text), wired in properly."""
    strings = "".join(f"<si><t>text {i:07d} {i * 7919 % 1000003:07d}</t></si>" for i in range(count))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">{strings}</sst>').encode()
    with zipfile.ZipFile(valid) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    members["xl/sharedStrings.xml"] = xml
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return dst


def tall_sheet(dst: Path, valid: Path, rows: int) -> Path:
    """The Review sheet with ``rows`` rows of further actions below the table (a sheet of several MB)."""
    member = sheet_member(valid)
    with zipfile.ZipFile(valid) as z:
        xml = z.read(member)
    import re

    last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', xml))
    extra = "".join(f'<row r="{r}"><c r="E{r}" t="inlineStr"><is><t>Action {r}</t></is></c>'
                    f'<c r="F{r}" t="inlineStr"><is><t>Lead {r % 97}</t></is></c></row>'
                    for r in range(last + 1, last + 1 + rows)).encode()
    xml = re.sub(rb'<dimension ref="[^"]*"/>', b"", xml, count=1)
    xml = xml.replace(b"</sheetData>", extra + b"</sheetData>")
    return replace_member(valid, dst, member, xml)
