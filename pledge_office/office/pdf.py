"""PDFs of the Word documents, made by LibreOffice in one run for any number of files.

The PDFs are tagged (PDF/UA), so they keep the documents' headings, language,
alternative text and table headers for screen readers.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import List, Sequence

from pledge_office.errors import PledgeOfficeError
from pledge_office.office.libreoffice import LibreOfficeTimeout, convert, find_soffice
from pledge_office.office.outputs import atomic_output, check_can_write

PDF_FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"PDFUACompliance":{"type":"boolean","value":"true"},'
              '"ExportBookmarks":{"type":"boolean","value":"true"}}')
SECONDS_PER_DOCUMENT = 60


class NoLibreOffice(PledgeOfficeError):
    """PDFs were asked for, but LibreOffice is not installed."""


def pdf_paths(documents: Sequence[Path]) -> List[Path]:
    return [Path(d).with_suffix(".pdf") for d in documents]


def require_libreoffice() -> str:
    """Return LibreOffice's program, or say clearly that PDFs need it."""
    program = find_soffice()
    if not program:
        raise NoLibreOffice("LibreOffice is not installed, so no PDF can be made; install it (Debian/Ubuntu: "
                            "apt install libreoffice-writer-nogui) or save the .docx as PDF from Word")
    return program


def write_pdfs(documents: Sequence[Path], force: bool = False) -> List[Path]:
    """Write a PDF beside each document, starting LibreOffice once for them all."""
    if not documents:
        return []
    program = require_libreoffice()
    targets = pdf_paths(documents)
    check_can_write(targets, force)
    with tempfile.TemporaryDirectory(prefix="pledge-office-pdf-") as work:
        work_dir = Path(work)
        names = _stage(documents, work_dir / "in")
        _convert(program, names, work_dir)
        for staged, target in zip(names, targets):
            made = work_dir / "out" / staged.with_suffix(".pdf").name
            if not made.exists():
                raise PledgeOfficeError("LibreOffice could not make a PDF of it; open it in Word and save as PDF",
                                        file=staged)
            with atomic_output(target, force) as tmp:
                shutil.copyfile(made, tmp)
    return targets


def _stage(documents: Sequence[Path], folder: Path) -> List[Path]:
    """Copy the documents under unique names: documents of many councils may share a name."""
    folder.mkdir(parents=True)
    staged = []
    for number, document in enumerate(documents):
        copy = folder / f"{number:05d}-{Path(document).name}"
        shutil.copyfile(document, copy)
        staged.append(copy)
    return staged


def _convert(program: str, files: List[Path], work: Path) -> None:
    try:
        convert(files, work / "out", PDF_FILTER, timeout=60 + SECONDS_PER_DOCUMENT * len(files), program=program)
    except LibreOfficeTimeout:
        raise PledgeOfficeError("LibreOffice took too long to make the PDFs; try again, or fewer at a time") from None
