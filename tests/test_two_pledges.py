"""The whole cycle on both shipped pledges, every output read back.

The second pledge (the fictional Sampleshire Compact) must never show the
bundled pledge's area, bodies or sector: not in text, headers, footers,
properties, sheet cells, file names or email drafts.
"""

import email
import re
import zipfile
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from docx_read import all_text, heading_levels
from pledge_office.cli import cli
from pledge_office.documents.sample_return import fill_as_officer, fill_progress_as_officer, load_answers
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.office.resources import example_files

FORBIDDEN = re.compile(r"Staffordshire|VCSE", re.IGNORECASE)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def every_text(path: Path) -> str:
    """All the words a file holds: document parts, headers, footers, properties, cells, email parts."""
    if path.suffix == ".eml":
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        parts = [str(message["Subject"]), str(message["From"] or ""), str(message["To"])]
        for part in message.walk():
            if part.get_content_type() in ("text/plain", "text/html"):
                parts.append(part.get_content())
            if part.get_filename():
                parts.append(part.get_filename())
        return "\n".join(parts)
    with zipfile.ZipFile(path) as package:
        xml = " ".join(package.read(name).decode("utf-8", "replace") for name in package.namelist()
                       if name.endswith((".xml", ".rels")))
    return re.sub(r"<[^>]+>", " ", xml)


def cycle(tmp_path: Path, example: str) -> dict:
    """Run every step on a named example; return the files written, by step."""
    pledge_file, council = example_files(example)
    pledge_args = ["--pledge", pledge_file] if pledge_file else []
    pledge = load_pledge(pledge_file)
    out = tmp_path / example
    run("adoption-pack", council, "-o", out / "pack", *pledge_args)
    review = out / "review.xlsx"
    run("review-workbook", council, "-o", review, "--email", out / "review.eml", *pledge_args)
    returned = fill_as_officer(review, out / "returned.xlsx", load_answers(council, pledge))
    run("check", returned, "--council", council, *pledge_args)
    run("action-plan", returned, "-o", out / "plan.docx", "--council", council, *pledge_args)
    progress = out / "progress.xlsx"
    run("progress-workbook", council, returned, "-o", progress, "--email", out / "progress.eml", *pledge_args)
    progressed = fill_progress_as_officer(progress, out / "progressed.xlsx", load_answers(council, pledge))
    run("progress-report", progressed, "-o", out / "progress.docx", "--council", council, *pledge_args)
    run("summary", returned, "-o", out / "summary.xlsx", "--docx", out / "summary.docx", *pledge_args)
    run("demo", out / "demo", "--example", example)
    return {"out": out, "pledge": pledge, "council": council, "returned": returned}


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    return cycle(tmp_path_factory.mktemp("cycle"), "sampleshire")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return cycle(tmp_path_factory.mktemp("cycle"), "exampleshire")


def test_no_output_of_the_second_pledge_names_the_bundled_pledges_area_bodies_or_sector(second):
    files = sorted(p for p in second["out"].rglob("*") if p.is_file())
    assert len(files) >= 20
    for path in files:
        assert not FORBIDDEN.search(path.name), path
        found = FORBIDDEN.search(every_text(path))
        assert not found, f"{path.name} says '{found.group(0)}'"


def test_second_pledges_files_are_named_for_it(second):
    names = {p.name for p in (second["out"] / "pack").iterdir()}
    assert names == {"sampleton-sampleshire-compact-report.docx", "sampleton-sampleshire-compact-signing-copy.docx"}


def group_order(pledge):
    """The group headings and commitment texts, in the order the documents should show them."""
    order = []
    for group in pledge.groups:
        order += [group.heading] + [c.text for c in group.commitments]
    return order


def in_order(text: str, items) -> bool:
    at = 0
    for item in items:
        at = text.find(item, at)
        if at < 0:
            return False
        at += len(item)
    return True


def test_report_and_signing_copy_show_commitments_in_order_under_their_groups(second):
    pledge = second["pledge"]
    assert [g.heading for g in pledge.groups] == ["Working together", "Funding and commissioning",
                                                 "Volunteering and resources"]
    for name in ("sampleton-sampleshire-compact-report.docx", "sampleton-sampleshire-compact-signing-copy.docx"):
        path = second["out"] / "pack" / name
        text = all_text(path)
        assert in_order(text, group_order(pledge)), name
        headings = [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]
        assert all(g.heading in headings for g in pledge.groups), name
        levels = heading_levels(path)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), name


def test_report_speaks_of_the_compact_its_sector_and_umbrella_body(second):
    text = all_text(second["out"] / "pack" / "sampleton-sampleshire-compact-report.docx")
    assert "will work with the local voluntary and community sector (VCS)" in text
    assert "sign the Compact on behalf of Sampleton District Council" in text
    assert "working with Sampleshire Council for Voluntary Service" in text
    assert "A council adopts the Compact by a decision" not in text  # a process note, left out
    doc = Document(str(second["out"] / "pack" / "sampleton-sampleshire-compact-report.docx"))
    assert doc.core_properties.title == "Adoption of the Sampleshire Compact: Sampleton District Council"


def test_signing_copy_has_every_organisations_logo_and_signature_block(second):
    path = second["out"] / "pack" / "sampleton-sampleshire-compact-signing-copy.docx"
    from docx_read import image_alt_texts

    assert image_alt_texts(path) == ["Sampleton District Council logo", "NHS Sampleshire Integrated Care Board logo",
                                     "Sampleshire VCS Assembly logo", "Sampleshire Council for Voluntary Service logo"]
    text = all_text(path)
    for organisation in ("NHS Sampleshire Integrated Care Board", "Sampleshire VCS Assembly",
                         "Sampleshire Council for Voluntary Service"):
        assert in_order(text, ["Signed on behalf of partner organisations", organisation, "Signature"]), organisation
    assert text.count("Signature") == 5  # the council's two signatories and three co-signatories


def test_review_workbook_lists_commitments_under_group_rows_and_names_the_umbrella_body(second):
    book = load_workbook(second["out"] / "review.xlsx")
    sheet = book["Review"]
    rows = [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(6, sheet.max_row + 1)
            if sheet.cell(r, 2).value]
    expected = []
    for group in second["pledge"].groups:
        expected += [(None, group.heading)] + [(c.ref, c.text) for c in group.commitments]
    assert rows == expected
    instructions = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "by email to Robin Compact, Sampleshire Council for Voluntary Service (compact@sampleshire-cvs.example)" \
        in instructions


def test_returned_workbook_reads_back_every_commitment(second):
    from pledge_office.inputs.review_reader import read_review

    review = read_review(second["returned"], second["pledge"])
    assert review.errors == []
    assert [e.ref for e in review.entries] == [str(n) for n in range(1, 13)]
    assert review.entry("6").actions[1].text.startswith("Give three months' notice")


def test_email_draft_comes_from_and_goes_back_to_the_umbrella_body(second):
    message = email.message_from_bytes((second["out"] / "review.eml").read_bytes(), policy=policy.default)
    assert message["From"] == "Robin Compact <compact@sampleshire-cvs.example>"
    body = message.get_body(("plain",)).get_content()
    assert "Sampleshire Compact" in body and body.rstrip().endswith("Robin Compact\nSampleshire Council for Voluntary Service")


def test_action_plan_shows_groups_in_order(second):
    path = second["out"] / "plan.docx"
    text = all_text(path)
    headings = [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]
    assert in_order("\n".join(headings), [g.heading for g in second["pledge"].groups])
    assert "carried out with Sampleshire Council for Voluntary Service" in text
    levels = heading_levels(path)
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_bundled_pledge_still_names_its_own_bodies(bundled):
    text = all_text(bundled["out"] / "pack" / "exampleshire-vcse-pledge-report.docx")
    assert "working with Support Staffordshire" in text
    assert "voluntary, community and social enterprise (VCSE) sector" in text
    names = {p.name for p in (bundled["out"] / "demo").iterdir()}
    assert "exampleshire-vcse-pledge-signing-copy.docx" in names


def test_a_workbook_read_with_another_pledge_is_refused_naming_both(second, bundled):
    result = CliRunner().invoke(cli, ["action-plan", str(second["returned"]), "-o", str(second["out"] / "x.docx")])
    assert result.exit_code == 1
    assert "was made for the Sampleshire Compact (version 2026.1), not the VCSE Pledge for Local Authorities" \
        in result.stderr
    assert not (second["out"] / "x.docx").exists()
    check = CliRunner().invoke(cli, ["check", str(bundled["returned"]), "--pledge", str(example_files("sampleshire")[0])])
    assert check.exit_code == 1 and "was made for the VCSE Pledge for Local Authorities" in check.output


def test_summary_refuses_to_mix_pledges_unless_told(second, bundled, tmp_path):
    both = [str(bundled["returned"]), str(second["returned"])]
    refused = CliRunner().invoke(cli, ["summary", *both, "-o", str(tmp_path / "s.xlsx")])
    assert refused.exit_code == 1 and not (tmp_path / "s.xlsx").exists()
    assert "was made for the Sampleshire Compact, not the VCSE Pledge for Local Authorities" in refused.stderr
    assert "--mixed-pledges" in refused.stderr
    mixed = CliRunner().invoke(cli, ["summary", *both, "-o", str(tmp_path / "m.xlsx"), "--mixed-pledges"])
    assert (tmp_path / "m.xlsx").exists() and "was made for the Sampleshire Compact" in mixed.stderr


def test_summary_refuses_returns_of_two_versions_of_one_pledge(tmp_path):
    import shutil

    shutil.copytree("pledge_office/data/logos", tmp_path / "logos")
    text = Path("pledge_office/data/pledge.yaml").read_text(encoding="utf-8")
    council = example_files("exampleshire")[1]
    returned = []
    for version in ("2025.1", "2026.1"):
        revised = tmp_path / f"pledge-{version}.yaml"
        revised.write_text(f'version: "{version}"\n' + text, encoding="utf-8")
        blank = tmp_path / f"review-{version}.xlsx"
        run("review-workbook", council, "-o", blank, "--pledge", revised)
        returned.append(fill_as_officer(blank, tmp_path / f"returned-{version}.xlsx",
                                        load_answers(council, load_pledge(revised))))
    result = CliRunner().invoke(cli, ["summary", *map(str, returned), "-o", str(tmp_path / "s.xlsx"),
                                      "--pledge", str(revised)])
    assert result.exit_code == 1 and not (tmp_path / "s.xlsx").exists()
    assert ("different versions of the VCSE Pledge for Local Authorities: version 2025.1 (returned-2025.1.xlsx), "
            "version 2026.1 (returned-2026.1.xlsx)") in result.stderr
    assert run("summary", *returned, "-o", tmp_path / "m.xlsx", "--pledge", revised, "--mixed-pledges")


def test_numbered_commitments_actions_have_refs_that_cannot_be_confused(second):
    from pledge_office.inputs.review_reader import read_review

    review = read_review(second["returned"], second["pledge"])
    refs = [e.action_ref(a) for e in review.entries for a in e.actions if a.text]
    assert "6.1" in refs and "6.2" in refs and "11.1" in refs and "111" not in refs
    progress = load_workbook(second["out"] / "progress.xlsx")["Progress"]
    assert {progress.cell(r, 1).value for r in range(6, progress.max_row + 1)} >= {"6.1", "6.2", "11.1"}


def test_summary_names_each_commitment_with_its_group(second):
    key = load_workbook(second["out"] / "summary.xlsx")["Key"]
    rows = [[c.value for c in row] for row in key.iter_rows(min_row=1, max_col=3)]
    assert rows[0] == ["Ref", "Group", "Short title"]
    assert [r[:2] for r in rows[1:]] == [[c.ref, c.group] for c in second["pledge"].commitments]
    text = all_text(second["out"] / "summary.docx")
    assert "The commitments 1 to 12 are named in the key below." in text
    assert in_order(text, [g.heading for g in second["pledge"].groups])


def test_summary_ratings_show_each_commitment_under_its_groups_heading(second, bundled):
    """The ratings matrix has the pledge's groups as a heading row above the commitments' columns."""
    pledge = second["pledge"]
    ratings = load_workbook(second["out"] / "summary.xlsx")["Ratings"]
    assert not ratings.merged_cells.ranges, "no merged cells: a screen reader reads each cell"
    column = 4
    for group in pledge.groups:
        span = len(group.commitments)
        assert ratings.cell(1, column).value == group.heading
        assert all(ratings.cell(1, column + i).value is None for i in range(1, span)), "it runs on across its group"
        assert not ratings.cell(1, column).alignment.wrap_text, "not wrapped, so it runs on"
        assert [ratings.cell(2, column + i).value for i in range(span)] == [
            f"Commitment {c.ref}" for c in group.commitments]
        column += span
    assert ratings.cell(2, 1).value == "Council" and ratings.cell(3, 1).value, "ratings start under the headings"
    assert ratings.print_title_rows.replace("$", "") == "1:2" and ratings.freeze_panes == "B3"
    assert ratings.auto_filter.ref.startswith("A2:")

    # The Word summary: a table under each group's heading, in the pledge's order, none with merged cells.
    doc = Document(str(second["out"] / "summary.docx"))
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Council" and len(t.rows[0].cells) > 1
              and t.rows[0].cells[1].text in [c.ref for c in pledge.commitments]]
    assert [[c.text for c in t.rows[0].cells][1:] for t in tables] == [
        [c.ref for c in g.commitments] + (["Actions", "Overdue"] if n == len(pledge.groups) - 1 else [])
        for n, g in enumerate(pledge.groups)]
    text = all_text(second["out"] / "summary.docx")
    assert in_order(text, ["Ratings by council"] + [g.heading for g in pledge.groups] + ["The commitments"])
    for table in tables:
        assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge"), "no merged cells"
    from pledge_office.office.accessibility import check_file

    assert check_file(second["out"] / "summary.docx") == [], "the accessibility check passes"
    chart = doc.inline_shapes[-1]
    assert chart.height.cm <= 13.01, "twelve commitments' chart fits a page below its heading"

    plain = load_workbook(bundled["out"] / "summary.xlsx")["Ratings"]
    assert plain.cell(1, 1).value == "Council" and not plain.merged_cells.ranges, "no groups, one heading row"


def test_progress_report_lists_every_action_under_its_group(second):
    doc = Document(str(second["out"] / "progress.docx"))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:3] == ["Ref", "Commitment", "Action and outcome"])
    group_rows = [r.cells[1].text for r in table.rows[1:] if not r.cells[0].text.strip()]
    groups = [g.heading for g in second["pledge"].groups]
    assert group_rows and all(row in groups for row in group_rows)
    assert group_rows == sorted(group_rows, key=groups.index)  # in the compact's order, each once
    assert "listed under their commitments' group headings" in all_text(second["out"] / "progress.docx")


def test_progress_workbook_has_group_rows_that_read_back_as_no_ones(second):
    from openpyxl import load_workbook

    from pledge_office.inputs.progress_reader import read_progress

    sheet = load_workbook(second["out"] / "progress.xlsx")["Progress"]
    groups = [g.heading for g in second["pledge"].groups]
    shown = [row[1].value for row in sheet.iter_rows(min_row=6) if row[0].value is None and row[1].value]
    assert shown and all(heading in groups for heading in shown)
    assert shown == sorted(shown, key=groups.index)
    progress = read_progress(second["out"] / "progressed.xlsx", second["pledge"])
    assert progress.errors == [] and all(a.ref for a in progress.actions)


def test_plan_follows_the_reports_reporting_route_and_demo_progress_is_filled_in(second):
    """Sampleton's council file says nothing of monitoring: plan and report say the same, and the demo reports."""
    plan = all_text(second["out"] / "plan.docx")
    assert "Progress is reported to the relevant overview and scrutiny committee" in plan
    report = next((second["out"] / "demo").glob("*progress-report.docx"))
    assert "with no status given" not in all_text(report)
    assert "g2: commitment g" not in plan  # the ref explained is one of this plan's own
    assert re.search(r"\d+\.\d+: commitment \d+’s \w+ action", plan), plan[:2000]
