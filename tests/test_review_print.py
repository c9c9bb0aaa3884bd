"""The review workbook printed: no text below 9 pt on A4, column titles repeated, publication stated."""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import SAMPLES, convert
from pledge_office.cli import cli
from pledge_office.documents.review_workbook import PRINT_FLOOR_PT, PUBLISHED, PUBLISHED_SHORT


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    runner = CliRunner()
    plain, previous = folder / "review.xlsx", folder / "review-previous.xlsx"
    assert runner.invoke(cli, ["review-workbook", str(SAMPLES / "exampleshire.yaml"), "-o", str(plain)]).exit_code == 0
    result = runner.invoke(cli, ["review-workbook", str(SAMPLES / "exampleshire.yaml"), "-o", str(previous),
                                 "--previous", str(SAMPLES / "exampleshire-returned.xlsx"), "--period", "2027/28"])
    assert result.exit_code == 0, result.output
    return [plain, previous]


def printed_sizes(sheet):
    """Every text's size as printed: its font size times the sheet's print scale."""
    scale = (sheet.page_setup.scale or 100) / 100
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage  # shrink-to-fit would hide the real size
    sizes = [cell.font.sz * scale for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")]
    sizes += [part.size * scale for part in (sheet.oddFooter.left, sheet.oddFooter.right) if part.text]
    return sizes


def test_no_text_below_9_pt_printed_on_a4(workbooks):
    for path in workbooks:
        book = load_workbook(path)
        for name in ("Instructions", "Review"):
            sheet = book[name]
            assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
            assert min(printed_sizes(sheet)) >= PRINT_FLOOR_PT, (path.name, name)
        review = book["Review"]
        assert review.page_setup.orientation == "landscape"
        assert review.print_title_rows == "$5:$5"  # column titles on every page
        assert review.print_title_cols == "$A:$A"  # and the Ref, on every page width


def test_both_sheets_say_what_is_written_will_be_published(workbooks):
    book = load_workbook(workbooks[0])
    instructions = [c.value for row in book["Instructions"].iter_rows() for c in row]
    assert PUBLISHED in instructions
    assert book["Review"]["B4"].value == PUBLISHED_SHORT
    assert "published action plan" in PUBLISHED and "published action plan" in PUBLISHED_SHORT


def test_rating_key_label_and_meaning_start_on_the_same_line(workbooks):
    sheet = load_workbook(workbooks[0])["Instructions"]
    rows = [row for row in sheet.iter_rows() if row[0].value in ("Fully met", "Partly met", "Not met", "Not applicable")]
    assert len(rows) == 4
    for label, meaning in (row[:2] for row in rows):
        assert label.alignment.vertical == meaning.alignment.vertical == "top"
        assert meaning.alignment.wrap_text


@pytest.mark.office
def test_libreoffice_prints_the_instructions_one_page_wide_and_every_column_title(workbooks, soffice, tmp_path):
    convert(soffice, workbooks[:1], tmp_path)
    pdf = tmp_path / "review.pdf"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "What this is for" in first and "has adopted the VCSE Pledge" in first  # both columns on page 1
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for title in ("Commitment", "Rating", "Evidence of current practice", "Action needed", "Target date"):
        assert title in text


def test_progress_workbook_prints_no_text_below_9_pt_either(tmp_path):
    """The progress workbook shares the review workbook's printing: legible on A4, titles repeated."""
    out = tmp_path / "progress.xlsx"
    result = CliRunner().invoke(cli, ["progress-workbook", str(SAMPLES / "exampleshire.yaml"),
                                      str(SAMPLES / "exampleshire-returned.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    for name in ("Instructions", "Progress"):
        assert min(printed_sizes(book[name])) >= PRINT_FLOOR_PT, name
    assert book["Progress"].print_title_cols == "$A:$A"  # the action ref on every page width


def page_texts(pdf) -> list:
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return pages.split("\f")


@pytest.mark.office
def test_lines_above_the_table_print_whole_once_never_as_fragments(workbooks, soffice, tmp_path):
    """The Ref column repeats on each page width; the title and notes above the table must not repeat cut off."""
    progress = tmp_path / "progress.xlsx"
    assert CliRunner().invoke(cli, ["progress-workbook", str(SAMPLES / "exampleshire.yaml"),
                                    str(SAMPLES / "exampleshire-returned.xlsx"), "-o", str(progress)]).exit_code == 0
    convert(soffice, [workbooks[0], progress], tmp_path)
    for pdf, ref, intro in ((tmp_path / "review.pdf", "Ref", "Review reference:"),
                            (tmp_path / "progress.pdf", "Action ref", "Progress reference:")):
        pages = [page for page in page_texts(pdf) if page.strip()]
        first = next(i for i, page in enumerate(pages) if intro in page)  # the sheet's first page, after instructions
        assert "VCSE Pledge" in pages[first] and ref in pages[first]
        later = pages[first + 1:]
        assert len(later) >= 2, f"{pdf.name}: the table runs across several pages and page widths"
        for page in later:  # above the column titles: only titles wrapped onto a second line, never the intro
            lines = page.splitlines()
            above = " ".join(lines[:next(i for i, line in enumerate(lines) if ref in line)])
            for piece in ("VCSE", "Counc", "Rate", "Give", "reference", "What you"):
                assert piece not in above, f"{pdf.name}: part of the intro repeated, cut off: {above.split()}"
