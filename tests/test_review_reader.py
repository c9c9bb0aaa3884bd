"""Returned workbooks as they really come back: each case with its exact outcome."""

import json
import shutil
import zipfile
from pathlib import Path
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from review_factory import GOOD_ANSWERS, blank_workbook, fill
from pledge_office.errors import NotAReviewWorkbook, UnsafeFile
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.inputs.review_reader import read_review

PLEDGE = load_pledge()


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    return blank_workbook(tmp_path_factory.mktemp("blank"))


def returned(tmp_path, blank, then=None, answers=None):
    copy = tmp_path / "review.xlsx"
    shutil.copy(blank, copy)
    return fill(copy, answers=answers, then=then)


def lines(review):
    return [f"{p.where}: {p.severity}: {p.message}" for p in review.problems]


def test_good_workbook_reads_every_value(tmp_path, blank):
    review = read_review(returned(tmp_path, blank), PLEDGE)
    assert review.problems == []
    assert [e.ref for e in review.entries] == list("abcdefgh")
    b = review.entry("b")
    assert b.rating == "Partly met"
    assert b.evidence == "Joint aims agreed with two forums."
    assert [(a.text, a.lead, a.target_date, a.support) for a in b.actions] == [
        ("Agree joint aims with the health forum", "Jordan Sample", date(2027, 6, 30), "Facilitation of a workshop")]
    assert review.entry("c").comments == "Some notice periods are short."
    assert review.identity.council == "Exampleshire County Council"


def set_cell(ref, value):
    return lambda book, ws: ws.__setitem__(ref, value)


# (case id, edit made after the good answers, expected value of b's target date or rating)
DATE_CASES = [
    ("real date", datetime(2027, 3, 31, 0, 0), date(2027, 3, 31)),
    ("date-time", datetime(2027, 3, 31, 14, 30), date(2027, 3, 31)),
    ("serial in General", 46477, date(2027, 3, 31)),
    ("slashes", "31/03/2027", date(2027, 3, 31)),
    ("dots", "31.03.2027", date(2027, 3, 31)),
    ("long month", "31 March 2027", date(2027, 3, 31)),
    ("short month two-digit year", "31 Mar 27", date(2027, 3, 31)),
    ("ISO", "2027-03-31", date(2027, 3, 31)),
    ("day first, never month first", "03/04/2027", date(2027, 4, 3)),
    ("spaces around", "  31/03/2027 ", date(2027, 3, 31)),
]


@pytest.mark.parametrize("label,value,expected", DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_target_dates_read_the_british_way(tmp_path, blank, label, value, expected):
    def then(book, ws):
        ws["G7"] = value
        if isinstance(value, int):
            ws["G7"].number_format = "General"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    assert review.entry("b").actions[0].target_date == expected


BAD_CELLS = [
    ("impossible date", "G7", "31/02/2027", "Review!G7: error: Target date '31/02/2027' is not a real date"),
    ("words for a date", "G7", "end of June", "Review!G7: error: Target date 'end of June' is not a date; write it as DD/MM/YYYY"),
    ("rating not on the scale", "C7", "Mostly", "Review!C7: error: 'Mostly' is not a rating; use one of: Fully met, Partly met, Not met, Not applicable"),
    ("unknown ref", "A7", "z", "Review!A7: error: Ref 'z' is not a commitment of the pledge (a, b, c, d, e, f, g, h)"),
    ("duplicate ref", "A8", "b", "Review!A8: error: Ref 'b' appears twice"),
    ("commitment text edited", "B7", "We share aims.", "Review!B7: warning: the text of commitment 'b' was changed; the pledge's own text is used"),
    ("lead without action", "F6", "Someone", "Review!E6: warning: a lead officer or target date is given but no action"),
    ("edited header", "D5", "Evidence", "Review!D5: error: the heading should read 'Evidence of current practice'"),
    ("header removed", "I5", None, "Review!5:5: error: the column 'Comments' is missing"),
]


@pytest.mark.parametrize("label,cell,value,expected", BAD_CELLS, ids=[c[0] for c in BAD_CELLS])
def test_mistakes_are_reported_at_their_cell(tmp_path, blank, label, cell, value, expected):
    review = read_review(returned(tmp_path, blank, set_cell(cell, value)), PLEDGE)
    assert any(line.startswith(expected) for line in lines(review)), lines(review)


def test_a_date_in_error_is_not_also_warned_of_as_missing(tmp_path, blank):
    review = read_review(returned(tmp_path, blank, set_cell("G7", "31/02/2027")), PLEDGE)
    at_g7 = [line for line in lines(review) if line.startswith("Review!G7:")]
    assert len(at_g7) == 1 and "is not a real date" in at_g7[0], at_g7


def test_ratings_ignore_case_and_spaces(tmp_path, blank):
    review = read_review(returned(tmp_path, blank, set_cell("C7", "  PARTLY met ")), PLEDGE)
    assert review.entry("b").rating == "Partly met" and review.errors == []


def test_blank_rating_is_a_warning_or_with_strict_an_error(tmp_path, blank):
    path = returned(tmp_path, blank, set_cell("C7", None))
    assert lines(read_review(path, PLEDGE)) == ["Review!C7: warning: no rating for commitment 'b'; pick one from the list"]
    assert lines(read_review(path, PLEDGE, strict=True))[0].startswith("Review!C7: error: no rating")


def test_columns_found_wherever_they_moved(tmp_path, blank):
    def then(book, ws):
        ws.insert_cols(3)  # a column inserted before Rating
        ws["C5"] = "Officer notes"
        ws["C6"] = "ignore me"
        ws.column_dimensions["E"].hidden = True
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    assert review.entry("b").rating == "Partly met"
    assert review.entry("b").actions[0].target_date == date(2027, 6, 30)


def test_rows_found_by_ref_in_any_order(tmp_path, blank):
    def then(book, ws):
        rows = [[c.value for c in ws[r]] for r in range(6, 14)]
        for offset, values in enumerate(reversed(rows)):
            for column, value in enumerate(values, start=1):
                ws.cell(6 + offset, column).value = value
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    assert [e.ref for e in review.entries] == list("abcdefgh")
    assert review.entry("f").rating == "Not met"


def test_blank_ref_row_is_a_further_action(tmp_path, blank):
    def then(book, ws):
        ws.insert_rows(8)  # below b (row 7)
        ws["E8"], ws["F8"], ws["G8"] = "Second action for b", "Alex Test", "30/09/2027"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    assert [a.text for a in review.entry("b").actions] == ["Agree joint aims with the health forum", "Second action for b"]
    assert review.entry("b").actions[1].target_date == date(2027, 9, 30)
    assert review.entry("c").actions[0].text == "Publish a consultation calendar"


def test_blank_ref_row_above_all_commitments(tmp_path, blank):
    def then(book, ws):
        ws.insert_rows(6)
        ws["E6"] = "An orphan action"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert lines(review)[0].startswith("Review!A6: error: this row has no Ref and no commitment above it")


def test_deleted_commitment_row_is_an_error_naming_it(tmp_path, blank):
    review = read_review(returned(tmp_path, blank, lambda book, ws: ws.delete_rows(9)), PLEDGE)
    assert lines(review) == ["Review: error: commitment 'd' is missing (its row was deleted?); add a row with Ref 'd' below the headings in row 5"]


def test_review_sheet_renamed_is_read_with_a_warning(tmp_path, blank):
    def then(book, ws):
        ws.title = "Our review"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    assert lines(review)[0].startswith("Our review: warning: the 'Review' sheet has been renamed to 'Our review'")
    assert review.problems[0].where == "Our review"


def test_review_sheet_deleted(tmp_path, blank):
    path = returned(tmp_path, blank, lambda book, ws: book.remove(ws))
    with pytest.raises(NotAReviewWorkbook, match="has no 'Review' sheet"):
        read_review(path, PLEDGE)


def test_header_row_gone(tmp_path, blank):
    def then(book, ws):
        for cell in ws[5]:
            cell.value = None
    with pytest.raises(NotAReviewWorkbook, match="no header row with 'Ref' and 'Commitment'"):
        read_review(returned(tmp_path, blank, then), PLEDGE)


def test_empty_workbook(tmp_path):
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    with pytest.raises(NotAReviewWorkbook, match="has no 'Review' sheet"):
        read_review(path, PLEDGE)


def test_some_other_workbook_with_a_review_sheet(tmp_path):
    path = tmp_path / "other.xlsx"
    book = Workbook()
    book.active.title = "Review"
    book.active.append(["Ref", "Commitment", "Rating"])
    book.save(path)
    with pytest.raises(NotAReviewWorkbook, match="has no pledge-office review reference"):
        read_review(path, PLEDGE)


def test_text_file_renamed(tmp_path):
    path = tmp_path / "review.xlsx"
    path.write_text("Ref,Commitment,Rating\n")
    with pytest.raises(UnsafeFile, match="not an Office file at all"):
        read_review(path, PLEDGE)


def test_word_document_renamed(tmp_path):
    from docx import Document

    path = tmp_path / "review.xlsx"
    Document().save(path)
    with pytest.raises(UnsafeFile, match=r"is a Word document \(perhaps renamed\), not an Excel workbook"):
        read_review(path, PLEDGE)


def test_hidden_identity_sheet_deleted_is_survivable(tmp_path, blank):
    review = read_review(returned(tmp_path, blank, lambda book, ws: book.remove(book["pledge-office"])), PLEDGE)
    assert review.errors == []
    assert review.identity.council == "Exampleshire County Council"
    assert review.identity.review_id


def test_identity_that_disagrees_is_an_error(tmp_path, blank):
    review = read_review(returned(tmp_path, blank, set_cell("B3", "Review reference: OTHER-123")), PLEDGE)
    assert "the review reference differs between places" in lines(review)[0]


def test_control_character_escapes_are_decoded(tmp_path, blank):
    review = read_review(returned(tmp_path, blank, set_cell("D6", "Line one_x000B_line two")), PLEDGE)
    # issue 14: a vertical tab (Word's line break) is read as the line break it is, so it can go
    # into Word, Excel, JSON and email (before, it crashed 'summary' and '--previous')
    assert review.entry("a").evidence == "Line one\nline two"


def test_formula_without_a_saved_value(tmp_path, blank):
    review = read_review(returned(tmp_path, blank, set_cell("G7", "=DATE(2027,3,31)")), PLEDGE)
    assert lines(review)[0].startswith("Review!G7: error: this cell holds a formula with no saved value")


def test_reading_never_changes_the_file(tmp_path, blank):
    path = returned(tmp_path, blank)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_review(path, PLEDGE)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_any_extension_is_read_by_content(tmp_path, blank):
    path = returned(tmp_path, blank)
    renamed = path.with_suffix(".attachment")
    path.rename(renamed)
    assert read_review(renamed, PLEDGE).errors == []


def test_macro_workbook_values_read_and_macros_ignored(tmp_path, blank):
    path = returned(tmp_path, blank)
    xlsm = tmp_path / "review.xlsm"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(xlsm, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\x00fake macro project")
    review = read_review(xlsm, PLEDGE)
    assert review.errors == []
    assert lines(review) == [": warning: the workbook contains macros; they were ignored and never run"]
    assert review.entry("b").rating == "Partly met"


RATING_MISTAKES = [
    ("Partly Met.", "Partly met", None),
    ("N/A", "Not applicable", None),
    ("Partly mett", None, "'Partly mett' is not a rating (did you mean 'Partly met'?)"),
]


@pytest.mark.parametrize("typed,read,message", RATING_MISTAKES)
def test_ratings_typed_loosely(tmp_path, blank, typed, read, message):
    review = read_review(returned(tmp_path, blank, set_cell("C7", typed)), PLEDGE)
    assert review.entry("b").rating == read
    if message:
        assert any(message in line for line in lines(review))


def test_implausible_target_date_is_a_warning(tmp_path, blank):
    def then(book, ws):
        ws["G7"] = 5
        ws["G7"].number_format = "General"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert "Review!G7: warning: Target date 05/01/1900 looks wrong" in lines(review)[0]


def test_unfilled_workbook_gives_no_action_plan(tmp_path, blank):
    from click.testing import CliRunner

    from pledge_office.cli import cli

    copy = tmp_path / "unfilled.xlsx"
    shutil.copy(blank, copy)
    result = CliRunner().invoke(cli, ["action-plan", str(copy), "-o", str(tmp_path / "p.docx")])
    assert result.exit_code == 1 and "no commitment has been rated yet" in result.stderr
    assert not (tmp_path / "p.docx").exists()


# -- issue 14: nothing moved or dropped without a word -----------------------------

def test_further_action_after_a_long_blank_gap_is_read(tmp_path, blank):
    def then(book, ws):
        ws["E60"], ws["F60"] = "An action far below", "Alex Test"  # 46 blank rows after h (row 13)
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    assert [a.text for a in review.entry("h").actions] == ["An action far below"]


def test_content_below_the_limit_is_refused_not_cut(tmp_path, blank):
    from pledge_office.office.sheets import MAX_TABLE_ROWS

    def then(book, ws):
        ws.cell(MAX_TABLE_ROWS + 5, 5).value = "lost?"
    with pytest.raises(UnsafeFile, match=f"has something in row {MAX_TABLE_ROWS + 5}, below the {MAX_TABLE_ROWS:,} rows"):
        read_review(returned(tmp_path, blank, then), PLEDGE)


def test_value_in_an_inserted_column_is_a_warning_with_its_cells(tmp_path, blank):
    def then(book, ws):
        ws["L5"], ws["L6"], ws["L8"] = "Budget", "£2,000", "£500"
        ws["M7"] = "no heading here"
        ws["DA9"] = "far to the right"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    found = lines(review)
    assert ("Review!L6: warning: the column 'Budget' is not one the tool reads, so what is in it (L6, L8) "
            "is not in the plan; move it into Evidence, Action needed or Comments") in found
    assert any(line.startswith("Review!M7: warning: a column with no heading") for line in found)
    assert any(line.startswith("Review!DA9: warning:") and "(DA9)" in line for line in found)


def test_sorted_rows_name_each_further_action_with_its_commitment(tmp_path, blank):
    def then(book, ws):
        ws.insert_rows(9)  # under c (row 8)
        ws["E9"] = "Second action for c"
        # then the officer sorts and c's row and g's row change places; the further action stays
        for col in range(1, 10):
            ws.cell(8, col).value, ws.cell(13, col).value = ws.cell(13, col).value, ws.cell(8, col).value
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.errors == []
    assert any(line.startswith("Review!A9: warning: the rows are no longer in commitment order (sorted?), "
                               "so this further action was read as belonging to commitment 'g'")
               for line in lines(review))


def test_further_action_in_pledge_order_gives_no_sort_warning(tmp_path, blank):
    def then(book, ws):
        ws.insert_rows(9)
        ws["E9"] = "Second action for c"
        ws["F9"], ws["G9"] = "Priya Example", "30/06/2027"  # an action without them is now warned of (issue 16)
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.problems == []


def test_general_serial_in_a_1904_workbook(tmp_path, blank):
    def then(book, ws):
        book.epoch = __import__("openpyxl").utils.datetime.CALENDAR_MAC_1904
        ws["G7"].value = 45000  # General serial: 1904 system
        ws["G7"].number_format = "General"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    assert review.entry("b").actions[0].target_date == date(2027, 3, 16)  # 15/03/2027 in the 1900 system


# -- issue 14: tests for mutants that survived mutmut and would change what a plan says ----------------

def test_evidence_and_comments_on_a_further_action_row_reach_the_entry(tmp_path, blank):
    def then(book, ws):
        ws.insert_rows(8)  # below b
        ws["C8"], ws["D8"], ws["E8"], ws["I8"] = "Not met", "More evidence", "Second action", "More comments"
    review = read_review(returned(tmp_path, blank, then), PLEDGE)
    b = review.entry("b")
    assert b.rating == "Partly met"
    assert b.evidence == "Joint aims agreed with two forums.\nMore evidence"
    assert b.comments == "More comments"
    assert [a.text for a in b.actions] == ["Agree joint aims with the health forum", "Second action"]
    assert b.actions[1].source.endswith("Review!8")
    assert ("Review!C8: warning: a rating on a further action row is ignored; "
            "rate commitment 'b' on its own row") in lines(review)


def test_merging_keeps_every_department_s_words(tmp_path, blank):
    from pledge_office.model.review_merge import merge_reviews

    one = returned(tmp_path, blank, lambda book, ws: ws.__setitem__("I7", "Housing view"))
    (tmp_path / "two").mkdir()
    two = returned(tmp_path / "two", blank, lambda book, ws: (
        ws.__setitem__("D7", "Forum minutes, 2026"), ws.__setitem__("I7", "Housing view"),
        ws.__setitem__("E6", "Map VCSE services"), ws.__setitem__("C8", "Partly met"),
        ws.__setitem__("E8", "publish a consultation calendar")))  # c's action again, other case
    merged = merge_reviews([read_review(one, PLEDGE), read_review(two, PLEDGE)])
    b = merged.entry("b")
    assert b.evidence == ("Joint aims agreed with two forums. (returned-review.xlsx)\n"
                          "Forum minutes, 2026 (returned-review.xlsx)")
    assert b.comments == "Housing view"  # the same words from both: once, without file names
    assert [a.text for a in merged.entry("a").actions] == ["Map VCSE services"]
    assert [a.text for a in merged.entry("c").actions] == ["Publish a consultation calendar"]
    assert merged.entry("c").rating == "Partly met"
    assert not [p for p in merged.problems if "rated differently" in p.message]
    assert merged.entry("e").evidence == "" and merged.entry("h").rating == "Fully met"


def test_merging_when_nobody_rated_a_commitment(tmp_path, blank):
    from pledge_office.model.review_merge import merge_reviews

    answers = {ref: ("",) + values[1:] if ref == "d" else values for ref, values in GOOD_ANSWERS.items()}
    one = returned(tmp_path, blank, answers=answers)
    (tmp_path / "two").mkdir()
    two = returned(tmp_path / "two", blank, answers=answers)
    merged = merge_reviews([read_review(one, PLEDGE), read_review(two, PLEDGE)])
    assert merged.entry("d").rating is None


def test_previous_workbook_with_an_error_is_one_line_naming_the_cell(tmp_path, blank):
    from click.testing import CliRunner

    from pledge_office.cli import cli

    bad = returned(tmp_path, blank, lambda book, ws: ws.__setitem__("C7", "Mostly"))
    result = CliRunner().invoke(cli, ["review-workbook", "samples/exampleshire.yaml", "-o",
                                      str(tmp_path / "next.xlsx"), "--previous", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {bad}: Review!C7: error: 'Mostly' is not a rating; use one of: "
                                     "Fully met, Partly met, Not met, Not applicable")


@pytest.mark.parametrize("serial, expected", [
    (1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)), (2958465, date(9999, 12, 31)),
])
def test_excel_serial_boundaries(serial, expected):
    from pledge_office.model.dates import DateProblem, from_excel_serial

    assert from_excel_serial(serial) == expected
    with pytest.raises(DateProblem):
        from_excel_serial(0.5)
    with pytest.raises(DateProblem):
        from_excel_serial(2958466)
    assert from_excel_serial(1, epoch1904=True) == date(1904, 1, 2)
