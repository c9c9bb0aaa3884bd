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
    assert north[headers.index("Fully met")] == 2 and north[headers.index("Not met")] == 2
    assert north[headers.index("Actions")] == 3 and north[headers.index("Overdue actions")] == 1  # 31/05/2027
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
    doc = Document(str(tmp_path / "s.docx"))
    # The key to the commitments and the register come first; then the ratings table.
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "a")
    assert [c.text for c in table.rows[0].cells][:3] == ["Council", "a", "b"]
    assert len(table.rows) == 4
    alt = [d.get("descr") for d in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert alt and alt[0].startswith("Bar chart of ratings per commitment across 3 councils. commitment a:")
    text = pdf_text(tmp_path / "s.pdf")
    assert "County-wide summary of reviews" in text and "Northshire District Council" in " ".join(text.split())
    assert pdf_pages(tmp_path / "s.pdf") >= 1
