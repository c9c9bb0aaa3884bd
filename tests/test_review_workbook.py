"""The review workbook as an officer receives it, opened with openpyxl."""

from datetime import date

import pytest
from openpyxl import load_workbook

from review_factory import blank_workbook
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.model.review_schema import RATINGS, REQUIRED_HEADERS


@pytest.fixture
def book(tmp_path):
    return load_workbook(blank_workbook(tmp_path))


def test_sheets_instructions_first(book):
    assert book.sheetnames[:2] == ["Instructions", "Review"]
    assert book.worksheets[0].title == "Instructions"
    assert book["pledge-office"].sheet_state == "hidden"


def test_headers_in_order_and_one_row_per_commitment(book):
    ws = book["Review"]
    assert tuple(c.value for c in ws[5][:9]) == REQUIRED_HEADERS
    pledge = load_pledge()
    for row, clause in enumerate(pledge.commitments, start=6):
        assert ws.cell(row, 1).value == clause.ref
        assert ws.cell(row, 2).value == clause.text
    assert ws.cell(14, 1).value is None


def test_locked_and_unlocked_cells_and_protection(book):
    ws = book["Review"]
    assert ws.protection.sheet and not ws.protection.password
    for row in range(6, 14):
        assert ws.cell(row, 1).protection.locked and ws.cell(row, 2).protection.locked
        for column in range(3, 10):
            assert not ws.cell(row, column).protection.locked
    # False in the file format means "allowed while protected"
    assert ws.protection.insertRows is False
    assert ws.protection.formatColumns is False and ws.protection.formatRows is False
    assert ws.protection.formatCells is False


def test_rating_list_and_date_validations(book):
    ws = book["Review"]
    by_type = {dv.type: dv for dv in ws.data_validations.dataValidation if dv.type}
    ratings = by_type["list"]
    assert ratings.formula1 == '"Fully met,Partly met,Not met,Not applicable"'
    assert "C6" in ratings.sqref and "C13" in ratings.sqref
    assert ratings.showErrorMessage and ratings.showInputMessage and ratings.prompt
    dates = by_type["date"]
    assert "G6" in dates.sqref and dates.showErrorMessage and "DD/MM/YYYY" in dates.prompt
    assert ws["G6"].number_format.upper() == "DD/MM/YYYY"


def test_rating_colours_are_conditional_formats(book):
    ws = book["Review"]
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    fills = {rule.formula[0].split('"')[1]: rule.dxf.fill.fgColor.rgb[-6:] for rule in rules}
    assert fills == {"fully met": "C6EFCE", "partly met": "FFEB9C", "not met": "FFC7CE", "not applicable": "E7E6E6"}


def _luminance(hex_colour):
    def channel(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(hex_colour[i:i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("rating", RATINGS, ids=lambda r: r.label)
def test_rating_colours_have_enough_contrast(rating):
    light, dark = sorted((_luminance(rating.fill), _luminance(rating.font)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_print_setup(book):
    ws = book["Review"]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    # Issue 15: no longer shrunk to one page width (about 5 pt type); printed at a legible scale across
    # page widths instead, with the Ref repeated (tests/test_review_print.py checks the type size).
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale >= 90
    assert ws.print_title_cols == "$A:$A"
    assert ws.print_title_rows == "$5:$5"
    assert "Exampleshire County Council" in ws.oddFooter.left.text
    assert "&P" in ws.oddFooter.right.text
    assert ws.freeze_panes == "C6"


def test_identity_in_three_places(book):
    hidden = {r[0].value: r[1].value for r in book["pledge-office"].iter_rows(min_row=2) if r[0].value}
    review_id = hidden["review_id"]
    assert hidden["council"] == "Exampleshire County Council"
    assert (hidden["pledge_version"] or "") == load_pledge().version  # issue 15: the bundled Pledge has no version (an empty cell)
    assert hidden["generated"] == date.today().isoformat()
    assert hidden["fingerprint a"] == load_pledge().commitments[0].fingerprint
    props = {p.name: p.value for p in book.custom_doc_props}
    assert props["pledge-office review_id"] == review_id
    assert book["Review"]["B3"].value.endswith(review_id)


def test_instructions_say_how_to_add_a_further_action_and_where_to_return(book):
    text = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "Leave 'Ref' blank" in text
    assert "31 March 2027" in text and "casey.umbrella@support.example" in text
    for rating in RATINGS:
        assert rating.label in text and rating.meaning in text


def test_options_override_council_file(tmp_path):
    path = blank_workbook(tmp_path, officer="Robin Test", due=date(2027, 5, 1), period="Spring 2027")
    book = load_workbook(path)
    text = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "Robin Test" in text and "1 May 2027" in text and "Spring 2027" in text


def test_text_starting_with_equals_is_stored_as_text(tmp_path):
    from pledge_office.documents.review_workbook import review_settings, write_review_workbook
    from pledge_office.inputs.council_file import load_council
    from review_factory import SAMPLE

    council = load_council(SAMPLE)
    out = tmp_path / "r.xlsx"
    write_review_workbook(council, load_pledge(), out, review_settings(council, officer="=HYPERLINK(\"x\")"))
    import zipfile
    xml = b"".join(zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/worksheets"))
    assert b"<f>" not in xml


def test_previous_actions_over_a_cells_limit_are_named_not_cut(tmp_path):
    """Issue 14: joined into one cell, last review's actions were cut at 32,767 characters without a word."""
    from click.testing import CliRunner

    from pledge_office.cli import cli
    from review_factory import fill

    def long_actions(book, ws):
        for offset in range(3):
            ws.insert_rows(8)
            ws["E8"], ws["F8"] = f"Action {offset} " + "x" * 15_000, "Alex Test"
    previous = fill(blank_workbook(tmp_path, period="2025/26"), then=long_actions)
    out = tmp_path / "next.xlsx"
    result = CliRunner().invoke(cli, ["review-workbook", "samples/exampleshire.yaml", "-o", str(out),
                                      "--previous", str(previous)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Review"]
    header = [c.value for c in sheet[5]]
    cell = sheet.cell(7, header.index("Previous open actions") + 1).value
    assert len(cell) <= 32_767
    assert "more action(s), or the rest of this one, not shown: a cell holds 32,767 characters" in cell
