"""The committee report in the form councils use, read back as Word and as a tagged PDF."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from docx_read import heading_levels
from pledge_office.errors import CouncilFileError
from pledge_office.documents.report import write_report
from pledge_office.inputs.council_file import load_council
from pledge_office.inputs.pledge_file import load_pledge


@pytest.fixture
def pledge():
    return load_pledge()


@pytest.fixture
def report(make_council, pledge, tmp_path):
    """Write the report for the sample council, with changes; return its path."""

    def write(**changes):
        return write_report(load_council(make_council(**changes)), pledge, tmp_path / "report.docx", force=True)

    return write


def all_text(path) -> str:
    """Every paragraph's text, tabs included, one per line."""
    doc = Document(str(path))
    return "\n".join("".join("\t" if el.tag == qn("w:tab") else (el.text or "")
                              for el in p.iter(qn("w:t"), qn("w:tab")))
                      for p in doc.element.body.iter(qn("w:p")))


def headings(path):
    doc = Document(str(path))
    return [(int(p.style.name.split()[-1]), p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def body_before_appendix(path) -> str:
    text = all_text(path)
    return text[:text.index("Appendix A: VCSE Pledge for Local Authorities\n")]


def test_sections_in_the_order_councils_use(report):
    out = report()
    titles = [text for level, text in headings(out) if level == 2]
    assert titles == ["1. Summary", "2. Recommendations", "3. Reasons for the recommendations",
                      "4. Alternative options considered", "5. Background", "6. Proposal", "7. Implications",
                      "8. Consultation", "9. Appendices", "10. Background papers", "11. Contact officer",
                      "Appendix A: VCSE Pledge for Local Authorities"]


def test_the_title_is_the_one_level_1_heading(report):
    out = report()
    assert headings(out)[0] == (1, "Adoption of the VCSE Pledge")
    assert heading_levels(out).count(1) == 1
    levels = heading_levels(out)
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_heading_block_a_meeting_system_expects(report):
    doc = Document(str(report(**{"report.forward_plan_reference": "FP/2027/014", "report.key_decision": "yes"})))
    rows = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows[1:]}
    assert rows == {
        "Meeting": "Cabinet", "Date of meeting": "10 February 2027", "Agenda item": "7",
        "Report of": "Director of Communities",
        "Portfolio holder": "Councillor Alex Placeholder, Cabinet Member for Communities",
        "Report author": "Jordan Sample, Community Partnerships Manager", "Wards affected": "All wards",
        "Key decision": "Yes", "Forward plan reference": "FP/2027/014", "Open or exempt": "Open",
        "Subject to call-in": "Yes",
    }


def test_an_exempt_report_names_its_paragraph_of_schedule_12a(report, make_council):
    doc = Document(str(report(**{"report.exempt": "yes", "report.exemption_paragraph": "3"})))
    rows = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows[1:]}
    assert rows["Open or exempt"] == "Exempt: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
    with pytest.raises(CouncilFileError, match="report.exemption_paragraph"):
        load_council(make_council("exempt.yaml", **{"report.exempt": "yes"}))


@pytest.mark.parametrize("body, named, call_in", [
    ("Cabinet", "Cabinet", "Yes"),
    ("Full Council", "Full Council", "Not applicable: not an executive decision"),
    ("Wellbeing Select Committee", "the Wellbeing Select Committee", "Not applicable: not an executive decision"),
])
def test_grammar_fits_any_meeting_body(report, body, named, call_in):
    out = report(**{"meeting.body": body})
    text = all_text(out)
    assert f"This report asks {named} to adopt the VCSE Pledge for Local Authorities" in text
    assert f"It is recommended that {named}:" in text
    assert f"In taking this decision {named} must have due regard" in text
    assert f"Report to {body}, 10 February 2027" in text
    rows = {row.cells[0].text: row.cells[1].text for row in Document(str(out)).tables[0].rows[1:]}
    assert rows["Subject to call-in"] == call_in
    assert "the the " not in text.lower() and "ask Wellbeing" not in text


def test_recommendations_adopt_authorise_delegate_and_set_the_reporting(report):
    text = all_text(report(co_signatories=[{"name": "Casey Umbrella", "role": "Chief Executive",
                                             "organisation": "Exampleshire Voluntary Action"}]))
    assert "2.1\tadopts the VCSE Pledge for Local Authorities set out at Appendix A;" in text
    assert ("2.2\tauthorises Councillor Alex Placeholder (Leader of the Council) and Sam Exemplar (Chief Executive) "
            "to sign the Pledge on behalf of Exampleshire County Council, alongside Casey Umbrella (Chief Executive, "
            "Exampleshire Voluntary Action);") in text
    assert ("2.3\tdelegates to the Director of Communities, in consultation with the portfolio holder (Councillor "
            "Alex Placeholder, Cabinet Member for Communities), authority to agree") in text
    assert "prepare and keep up to date an action plan" in text
    assert ("2.4\tasks for a report on progress against the action plan to the Communities Overview and Scrutiny "
            "Committee every six months.") in text


def test_recommendations_have_sensible_defaults(report):
    text = all_text(report(monitoring=None, **{"report.delegate_to": None}))
    assert "delegates to the Director of Communities, in consultation with the portfolio holder" in text
    assert "to the relevant overview and scrutiny committee once a year." in text


def test_three_options_each_with_benefits_and_risks_and_the_recommended_one_marked(report):
    out = report()
    options = [text for level, text in headings(out) if text.startswith("Option ")]
    assert len(options) == 3
    assert options[0].endswith("(recommended)") and not any("recommended" in o for o in options[1:])
    assert any("Do nothing" in o for o in options)
    text = all_text(out)
    assert text.count("What it would achieve: ") == 3 and text.count("Risks: ") == 3
    assert "This option is recommended." in text and text.count("Not recommended:") == 2


def test_implications_name_the_officers_the_power_the_duty_and_the_priority(report):
    text = all_text(report())
    for phrase in ("Comments of the finance officer: Pat Ledger, Chief Finance Officer",
                   "Comments of the monitoring officer: Robin Statute, Monitoring Officer",
                   "general power of competence in section 1 of the Localism Act 2011",
                   "public sector equality duty in section 149 of the Equality Act 2010",
                   "An equality impact screening", "Adopting: ", "Not adopting: ",
                   "7.5 Climate and environment", "7.6 Council plan",
                   "supports the council plan priority ‘Strong, connected communities’"):
        assert phrase in text, phrase


def test_each_implication_and_the_screening_can_be_replaced(report):
    text = all_text(report(**{"report.implications.legal": "Our own legal text.",
                              "report.equality_screening": "Our screening found a positive impact."}))
    assert "Our own legal text." in text and "Localism Act" not in text
    assert "Our screening found a positive impact." in text and "An equality impact screening" not in text


def test_appendices_listed_and_background_papers_under_section_100d(report):
    text = all_text(report())
    assert "Appendix A: VCSE Pledge for Local Authorities" in text
    assert ("No background papers, as defined in section 100D of the Local Government Act 1972, were relied on "
            "in writing this report.") in text
    assert "\nNone\n" not in text
    text = all_text(report(**{"report.appendices": ["Equality impact screening"],
                              "report.background_papers": ["Cabinet report, 12 March 2026"]}))
    assert "Appendix B: Equality impact screening" in text
    assert "as defined in section 100D of the Local Government Act 1972, were relied on" in text
    assert "\nCabinet report, 12 March 2026\n" in text


def test_the_pledge_is_summarised_in_the_body_and_given_in_full_only_in_appendix_a(report, pledge):
    out = report()
    body, text = body_before_appendix(out), all_text(out)
    for clause in pledge.introduction:
        assert clause.text not in body
        # Issue 18: the introduction's process notes to councils are left out of the documents.
        assert text.count(clause.text) == (1 if clause.kind == "about" else 0)
    assert "Its full text is at Appendix A." in body
    # The gap in the numbering is explained where it is.
    assert ("1.3 The Pledge has been reviewed" in text and "\nParagraphs 1.4 and 1.5, notes for councils on adopting "
            "and reviewing the Pledge, are not reproduced here.\n1.6 The Pledge" in text)


def test_one_apostrophe_style(report):
    body = body_before_appendix(report())
    assert re.findall(r"\w'\w", body) == []
    assert "council’s" in body


def test_body_text_is_at_least_12_point(report):
    doc = Document(str(report()))
    paragraphs = doc.paragraphs + [p for t in doc.tables for c in t._cells for p in c.paragraphs]
    used = {p.style.name: p.style for p in paragraphs}
    for style in used.values():
        size = next((s.font.size for s in _chain(style) if s.font.size), None) or doc.styles["Normal"].font.size
        assert size.pt >= 12, style.name
    for size in doc.element.body.iter(qn("w:sz")):
        assert int(size.get(qn("w:val"))) >= 24


def _chain(style):
    while style is not None:
        yield style
        style = style.base_style


@pytest.mark.office
def test_heading_levels_in_the_tagged_pdf_match_word(soffice, report, tmp_path):
    import pikepdf

    from pledge_office.office.accessibility import _role_map, _struct_elements

    from pledge_office.office.pdf import write_pdfs

    out = report()
    [pdf_path] = write_pdfs([out])
    with pikepdf.open(pdf_path) as pdf:
        tree = pdf.Root.StructTreeRoot
        kinds = [kind for kind, _ in _struct_elements(tree.get("/K"), _role_map(tree))]
    pdf_levels = [int(k[2:]) for k in kinds if re.fullmatch(r"/H\d", k)]
    assert pdf_levels == heading_levels(out)
    assert pdf_levels[0] == 1 and pdf_levels.count(1) == 1


def test_without_named_officers_the_report_claims_no_comment_and_the_command_says_so(report, make_council, tmp_path):
    from click.testing import CliRunner

    from pledge_office.cli import cli

    text = all_text(report(**{"report.finance_officer": None, "report.monitoring_officer": None}))
    assert "Comments of the finance officer: [To fill in: name and job title of the finance officer who commented]" in text
    assert ("Comments of the monitoring officer: [To fill in: name and job title of the monitoring officer who "
            "commented]") in text
    assert "Chief Finance Officer" not in text
    path = make_council("uncommented.yaml", **{"report.finance_officer": None})
    result = CliRunner().invoke(cli, ["report", str(path), "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 0, result.output
    assert ("Note: the report marks the finance officer's comment [To fill in]; add report.finance_officer to "
            "uncommented.yaml (the name and job title of who commented) and write it again.") in result.stderr


def test_without_the_screening_the_report_asks_for_it_and_claims_no_finding(report, make_council, tmp_path):
    """Whether a screening was done is a fact only the council knows: never a default claim."""
    text = all_text(report(**{"report.equality_screening": None}))
    assert ("[To fill in: whether an equality impact screening of this proposal was done and what it found, "
            "or why none was needed]") in text
    assert "found no negative impact" not in text and "public sector equality duty in section 149" in text
    from click.testing import CliRunner

    from pledge_office.cli import cli

    def note(path):
        result = CliRunner().invoke(cli, ["report", str(path), "-o", str(tmp_path / f"{path.stem}.docx")])
        assert result.exit_code == 0, result.output
        return [line for line in result.stderr.splitlines() if "[To fill in]" in line]

    missing = note(make_council("unscreened.yaml", **{"report.equality_screening": None}))
    assert missing == ["Note: the report marks the equality screening [To fill in]; add report.equality_screening "
                       "to unscreened.yaml (what the screening found, in a sentence) and write it again."]
    assert note(make_council("screened.yaml")) == []
