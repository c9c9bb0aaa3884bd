"""Property-based tests: mangled inputs give a result or the tool's own error, nothing else."""

import re
import shutil
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from openpyxl import load_workbook

from review_factory import SAMPLE, blank_workbook, fill
from pledge_office.inputs.council_file import load_council
from pledge_office.errors import PledgeOfficeError
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.inputs.review_reader import read_review

PLEDGE = load_pledge()
# derandomize: CI must give the same verdict on every run; a failure found once stays found
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    return fill(blank_workbook(tmp_path_factory.mktemp("fuzz")))


def read_or_own_error(path):
    try:
        return read_review(path, PLEDGE)
    except PledgeOfficeError as exc:
        assert str(exc).startswith(str(path))
        return None


cell_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.sampled_from(["Ref", "Commitment", "Rating", "a", "b", "h", "Fully met", "=1/0", "31/02/2027",
                     "Target date", "Review reference: X", "_x000B_"]),
    st.integers(-10**6, 10**7),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2200, 1, 1)),
)
edits = st.lists(st.tuples(st.integers(1, 20), st.integers(1, 12), cell_values), max_size=12)
structural = st.sampled_from(["none", "delete_row", "insert_col", "rename", "drop_identity", "delete_header"])


@FUZZ
@given(edits=edits, change=structural)
def test_mangled_cells_never_crash_the_reader(tmp_path_factory, valid, edits, change):
    book = load_workbook(valid)
    ws = book["Review"]
    for row, column, value in edits:
        for merged in [r for r in ws.merged_cells.ranges if (row, column) in r.cells]:
            ws.unmerge_cells(str(merged))  # as an officer must before typing into a merged title line
        ws.cell(row, column).value = value
    if change == "delete_row":
        ws.delete_rows(7)
    elif change == "insert_col":
        ws.insert_cols(2)
    elif change == "rename":
        ws.title = "Renamed"
    elif change == "drop_identity":
        book.remove(book["pledge-office"])
    elif change == "delete_header":
        ws.delete_rows(5)
    path = tmp_path_factory.mktemp("m") / "mangled.xlsx"
    book.save(path)
    review = read_or_own_error(path)
    if review is not None:
        assert all(p.severity in ("error", "warning") for p in review.problems)


@FUZZ
@given(flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=8),
       cut=st.one_of(st.none(), st.floats(0.05, 0.99)))
def test_corrupted_bytes_never_crash_the_reader(tmp_path_factory, valid, flips, cut):
    data = bytearray(valid.read_bytes())
    for where, mask in flips:
        data[int(where * (len(data) - 1))] ^= mask
    if cut is not None:
        data = data[: int(len(data) * cut)]
    path = tmp_path_factory.mktemp("b") / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    read_or_own_error(path)


@FUZZ
@given(position=st.floats(0, 1), insert=st.text(max_size=20), delete=st.integers(0, 30))
def test_mangled_council_files_give_a_council_or_a_clear_error(tmp_path_factory, position, insert, delete):
    text = SAMPLE.read_text()
    at = int(position * len(text))
    folder = tmp_path_factory.mktemp("c")
    shutil.copy(SAMPLE.with_name("exampleshire-logo.png"), folder)
    path = folder / "council.yaml"
    path.write_bytes((text[:at] + insert + text[at + delete:]).encode("utf-8", "replace"))
    try:
        council = load_council(path)
        assert council.name
    except PledgeOfficeError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)


# -- issue 14: any value and format renders; any text typed reaches every output -----------------------

formats = st.one_of(
    st.sampled_from(["General", "@", "0", "0.00", "#,##0", "#,##0.00;[RED]\\-#,##0.00", "0%", "0.00E+00",
                     "dd/mm/yy", "DD/MM/YYYY hh:mm", "hh:mm:ss", "[$£-809]#,##0.00", '"TRUE";"TRUE";"FALSE"',
                     '00000" "000000', "mmm-yy", "h:mm AM/PM", "#,##0;(#,##0);\"-\"", "[h]:mm", ";;;"]),
    st.text(alphabet='0#?.,;%E+-"$[]\\@dmyhs: £', max_size=30),
)
numbers = st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False, width=64),
                    st.booleans(), st.dates(), st.datetimes(), st.times())


@FUZZ
@given(value=numbers, fmt=formats)
def test_any_value_under_any_format_gives_text(value, fmt):
    from pledge_office.office.cell_text import cell_text

    assert isinstance(cell_text(value, fmt), str)


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@example(texts=["0", "0", "0", "0", "=0"])
@given(texts=st.lists(st.text(min_size=1, max_size=60), min_size=5, max_size=5))
def test_any_text_typed_reaches_the_plan_summary_and_next_review(tmp_path_factory, valid, texts):
    """Control characters, XML-illegal code points, ... in every free-text column: every output is written."""
    from click.testing import CliRunner

    from pledge_office.cli import cli

    folder = tmp_path_factory.mktemp("t")
    book = load_workbook(valid)
    ws = book["Review"]
    for letter, text in zip("DEFHI", texts):  # evidence, action, lead, support, comments of row b
        # stored as Excel and Calc store control characters: _xHHHH_
        cell = ws[f"{letter}7"]
        cell.value = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", text)
        # typed text, as Excel keeps "=0" typed after an apostrophe: without this openpyxl
        # would store it as a formula with no saved value, which no office suite writes
        cell.data_type = "s"
    path = folder / "r.xlsx"
    book.save(path)
    runner = CliRunner()
    for args in (["action-plan", path, "-o", folder / "p.docx", "--json", folder / "p.json"],
                 ["summary", path, "-o", folder / "s.xlsx"],
                 ["review-workbook", "samples/exampleshire.yaml", "-o", folder / "n.xlsx", "--previous", path,
                  "--period", "2099/00"]):
        result = runner.invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, (args[0], result.output)
