"""The county-wide view over many councils' returned reviews."""


import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from conftest import pdf_pages, pdf_text
from review_factory import GOOD_ANSWERS, blank_workbook, fill
from pledge_office.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def returns(tmp_path_factory):
    """Three councils' returned workbooks, each rated a little differently, plus an older review."""
    folder = tmp_path_factory.mktemp("returns")
    paths = []
    for name, change in (("Northshire", {"a": "Not met"}), ("Southmoor", {}), ("Eastvale", {"h": "Partly met"})):
        council = folder / f"{name}.yaml"
        (folder.parent / "x").exists()
        sample = open("samples/exampleshire.yaml", encoding="utf-8").read()
        council.write_text(sample.replace("Exampleshire County Council", f"{name} District Council")
                           .replace("short_name: Exampleshire", f"short_name: {name}"), encoding="utf-8")
        (folder / "exampleshire-logo.png").write_bytes(open("samples/exampleshire-logo.png", "rb").read())
        answers = {ref: ((change.get(ref),) + values[1:]) if ref in change else values
                   for ref, values in GOOD_ANSWERS.items()}
        paths.append(fill(blank_workbook(folder, f"{name}.xlsx", council_file=council), answers=answers))
    return paths


def test_summary_matrix_counts_and_actions(returns, tmp_path):
    result = run("summary", *returns, "-o", tmp_path / "summary.xlsx", "--as-of", "01/06/2027")
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "summary.xlsx")
    ratings = book["Ratings"]
    headers = [c.value for c in ratings[1]]
    assert headers[:4] == ["Council", "Review", "Returned", "Commitment a"]
    rows = {r[0].value: [c.value for c in r] for r in ratings.iter_rows(min_row=2) if r[0].value}
    assert sorted(rows) == ["Eastvale District Council", "Northshire District Council", "Southmoor District Council"]
    north = rows["Northshire District Council"]
    assert north[3] == "Not met" and north[headers.index("Commitment b")] == "Partly met"
    assert north[headers.index("Actions")] == 3 and north[headers.index("Overdue actions")] == 1  # 31/05/2027
    # Counts per rating moved to their own sheet, so that Ratings prints legibly on one page's width.
    counts = book["Counts"]
    count_headers = [c.value for c in counts[1]]
    north_counts = next([c.value for c in r] for r in counts.iter_rows(min_row=2) if r[0].value.startswith("North"))
    assert north_counts[count_headers.index("Fully met")] == 2 and north_counts[count_headers.index("Not met")] == 2
    assert ratings["D2"].fill.fgColor.rgb.endswith(("FFC7CE", "C6EFCE"))
    actions = book["Actions"]
    assert "Actions" in actions.tables
    assert sum(1 for r in actions.iter_rows(min_row=2) if r[0].value) == 9
    chart = ratings._charts[0]
    assert chart.grouping == "stacked" and len(chart.series) == 5
    data = book["Chart data"]
    assert [c.value for c in data[2]] == ["a", 2, None, 1, None, None]  # empty segments carry no "0" label


def test_summary_uses_each_councils_latest_review(returns, tmp_path):
    older = fill(blank_workbook(tmp_path, "older.xlsx"), answers={**GOOD_ANSWERS})
    result = run("summary", returns[1], older, "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 0
    councils = [r[0].value for r in load_workbook(tmp_path / "s.xlsx")["Ratings"].iter_rows(min_row=2) if r[0].value]
    assert councils == ["Exampleshire County Council", "Southmoor District Council"]


@pytest.mark.office
def test_summary_word_report_and_pdf(soffice, returns, tmp_path):
    result = run("summary", *returns, "-o", tmp_path / "s.xlsx", "--docx", tmp_path / "s.docx", "--pdf")
    assert result.exit_code == 0, result.output
    assert "Note: s.docx has a commentary" in result.output and "marked [To fill in]: write it in Word" in result.output
    doc = Document(str(tmp_path / "s.docx"))
    # The key to the commitments and the register come first; then the ratings table.
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "a")
    assert [c.text for c in table.rows[0].cells][:3] == ["Council", "a", "b"]
    assert len(table.rows) == 4
    alt = [d.get("descr") for d in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    # Issue 18: the pledge file's umbrella body has a logo, so the Word summary opens with it.
    assert alt[0] == "Support Staffordshire logo"
    assert alt[-1].startswith("Bar chart of ratings per commitment across 3 councils. commitment a:")
    text = pdf_text(tmp_path / "s.pdf")
    assert "County-wide summary of reviews" in text and "Northshire District Council" in " ".join(text.split())
    assert pdf_pages(tmp_path / "s.pdf") >= 1


# -- issue 14: summary counts every return or names the ones it does not use ---------

def _strip_identity(path, out, keep_period=True):
    """The workbook as it comes back when the hidden sheet (and maybe the properties) are gone."""
    book = load_workbook(path)
    book.remove(book["pledge-office"])
    if not keep_period:
        book.custom_doc_props.props.clear()
    book.save(out)
    return out


def _ratings_rows(path):
    return {r[0].value: [c.value for c in r] for r in load_workbook(path)["Ratings"].iter_rows(min_row=2)
            if r[0].value}


def test_workbook_keeping_only_its_visible_reference_is_counted(returns, tmp_path):
    bare = _strip_identity(returns[0], tmp_path / "bare.xlsx", keep_period=False)
    result = run("summary", bare, returns[1], returns[2], "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 0, result.output
    rows = _ratings_rows(tmp_path / "s.xlsx")
    assert len(rows) == 3  # before: a council with no name in its workbook was dropped or merged away
    assert any("bare.xlsx" in name for name in rows)


def test_two_returns_without_names_are_two_lines(returns, tmp_path):
    one = _strip_identity(returns[0], tmp_path / "one.xlsx", keep_period=False)
    two = _strip_identity(returns[1], tmp_path / "two.xlsx", keep_period=False)
    result = run("summary", one, two, "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 0, result.output
    assert len(_ratings_rows(tmp_path / "s.xlsx")) == 2


def test_this_years_return_without_its_hidden_sheet_beats_last_years(tmp_path):
    last_year = fill(blank_workbook(tmp_path, "2025.xlsx", period="2025/26"),
                     answers={**GOOD_ANSWERS, "a": ("Not met",) + GOOD_ANSWERS["a"][1:]})
    this_year = fill(blank_workbook(tmp_path, "2026.xlsx", period="2026/27"))
    bare = _strip_identity(this_year, tmp_path / "2026-bare.xlsx")
    for order in ((last_year, bare), (bare, last_year)):
        result = run("summary", *order, "-o", tmp_path / "s.xlsx", "--force")
        assert result.exit_code == 0, result.output
        row = _ratings_rows(tmp_path / "s.xlsx")["Exampleshire County Council"]
        assert row[1] == "2026/27" and row[3] == "Fully met"
        assert f"{last_year}: note: not used: it is an older review of this council (2025/26" in result.output


def test_two_reviews_of_one_period_name_the_one_not_used(tmp_path):
    first = fill(blank_workbook(tmp_path, "first.xlsx", period="2026/27"))
    second = fill(blank_workbook(tmp_path, "second.xlsx", period="2026/27"),
                  answers={**GOOD_ANSWERS, "a": ("Not met",) + GOOD_ANSWERS["a"][1:]})
    results = []
    for order in ((first, second), (second, first)):
        result = run("summary", *order, "-o", tmp_path / "s.xlsx", "--force")
        assert result.exit_code == 0, result.output
        assert "not used: it is a review of the same period as the one shown" in result.output
        results.append(_ratings_rows(tmp_path / "s.xlsx")["Exampleshire County Council"][3])
    assert results[0] == results[1]  # the choice no longer follows the order of the arguments


def test_hidden_generated_value_that_is_not_a_date(tmp_path):
    path = fill(blank_workbook(tmp_path))
    book = load_workbook(path)
    hidden = book["pledge-office"]
    for row in hidden.iter_rows():
        if row[0].value == "generated":
            row[1].value = "last Tuesday"
    book.save(path)
    result = run("summary", path, "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 0, result.output  # before: "unexpected problem (ValueError)"
    result = run("check", path)
    assert "warning: the hidden value 'generated' ('last Tuesday') is not a date; it was ignored" in result.output


def test_vertical_tab_from_word_reaches_summary_and_previous(tmp_path):
    path = fill(blank_workbook(tmp_path), then=lambda book, ws: (
        ws.__setitem__("E7", "First line_x000B_second line"), ws.__setitem__("F7", "Jo_x0001_ Bloggs")))
    result = run("summary", path, "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 0, result.output
    actions = [[c.value for c in r] for r in load_workbook(tmp_path / "s.xlsx")["Actions"].iter_rows(min_row=2)]
    assert ["First line\nsecond line", "Jo Bloggs"] in [r[3:5] for r in actions]
    result = run("review-workbook", "samples/exampleshire.yaml", "-o", tmp_path / "next.xlsx",
                 "--previous", path, "--period", "2099/00")
    assert result.exit_code == 0, result.output


def test_text_over_a_cells_limit_is_never_cut_silently(tmp_path):
    from openpyxl import Workbook

    from pledge_office.office.sheets import EXCEL_CELL_LIMIT, set_text

    sheet = Workbook().active
    set_text(sheet["A1"], "word " * 10_000)  # 50,000 characters
    value = sheet["A1"].value
    assert len(value) <= EXCEL_CELL_LIMIT
    assert value.endswith("more characters not shown: a spreadsheet cell holds 32,767. "
                          "The full text is in the returned workbook.]")
