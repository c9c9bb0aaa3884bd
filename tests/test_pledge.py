import re
from pathlib import Path

import pytest

from pledge_office.errors import PledgeFileError
from pledge_office.inputs.pledge_file import load_pledge

SEED = Path(__file__).parent / "fixtures" / "pledge-seed.txt"


def seed_commitments():
    text = SEED.read_text(encoding="utf-8")
    return dict(re.findall(r"^- ([a-h])\. (.+)$", text, flags=re.M))


def test_bundled_pledge_has_commitments_a_to_h_word_for_word():
    pledge = load_pledge()
    seed = seed_commitments()
    assert [c.ref for c in pledge.commitments] == list("abcdefgh")
    for c in pledge.commitments:
        assert c.text == seed[c.ref]


def test_bundled_pledge_has_introduction_1_1_to_1_5():
    pledge = load_pledge()
    assert [c.ref for c in pledge.introduction] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert "VCSE sectors role" in pledge.introduction[1].text  # the seed's wording, kept
    assert pledge.title == "VCSE Pledge for Local Authorities"
    assert pledge.version == ""  # issue 15: the Pledge's text has no version number, so none is invented


def test_a_pledge_file_may_give_a_version(tmp_path):
    path = tmp_path / "pledge.yaml"
    path.write_text("version: '2'\ntitle: x\ncommitments: [{ref: a, short_title: s, text: t}]\n", encoding="utf-8")
    assert load_pledge(path).version == "2"
    path.write_text("title: x\ncommitments: [{ref: a, short_title: s, text: t}]\n", encoding="utf-8")
    assert load_pledge(path).version == ""


BAD_PLEDGES = [
    ("version: 1\ncommitments: [{ref: a, short_title: s, text: t}]\n", "field 'title' is missing"),
    ("version: 1\ntitle: x\n", "field 'commitments' must be a list: give a list"),
    ("version: 1\ntitle: x\ncommitments: [{text: t}]\n", "field 'commitments[1].ref' is missing"),
    ("version: 1\ntitle: x\ncommitments: [{ref: a}]\n", "field 'commitments[1].text' is missing"),
    ("version: 1\ntitle: x\ncommitments: [{ref: a, text: t}, {ref: A, text: u}]\n", "ref 'A' is used twice"),
    ("title: x\ncommitments: [{ref: a, short_title: s, text: t}, {ref: b, short_title: S, text: u}]\n",
     "field 'commitments[2].short_title' 'S' is also the short title of commitment 'a'"),
    ("title: x\ncomitments: [{ref: a, short_title: s, text: t}]\n", "unknown field 'comitments'; did you mean 'commitments'?"),
    ("title: x\numbrella: {nme: CVS}\ncommitments: [{ref: a, short_title: s, text: t}]\n",
     "unknown field 'umbrella.nme'; did you mean 'name'?"),
    ("title: x\nintroduction: [{ref: '1', kind: notes, text: t}]\ncommitments: [{ref: a, short_title: s, text: t}]\n",
     "'notes' is not a kind of paragraph"),
    ("title: x\ncommitments:\n  - group: G\n    commitments: [{ref: a, short_title: s, text: t}]\n"
     "  - {ref: b, short_title: u, text: t}\n", "is outside any group while other commitments are in groups"),
    ("title: x\ncommitments:\n  - group: G\n    commitments:\n      - {ref: '1', short_title: s, text: t}\n"
     "  - group: H\n    commitments:\n      - {ref: '1', short_title: u, text: t}\n",
     "line 8: field 'commitments[2].commitments[1].ref' ref '1' is used twice"),

    ("- just a list\n", "is not a YAML mapping"),
    ("version: [1\n", "line"),
]


@pytest.mark.parametrize("text,expected", BAD_PLEDGES)
def test_malformed_pledge_is_refused_naming_the_field(tmp_path, text, expected):
    path = tmp_path / "pledge.yaml"
    path.write_text(text)
    with pytest.raises(PledgeFileError) as info:
        load_pledge(path)
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_fingerprint_ignores_line_wrapping_but_not_words():
    c = load_pledge().commitments[0]
    from pledge_office.model.pledge import Clause

    assert Clause("a", c.text.replace(" ", "  ")).fingerprint == c.fingerprint
    assert Clause("a", c.text + " too").fingerprint != c.fingerprint


def test_bundled_pledge_names_each_commitment_by_a_short_title():
    pledge = load_pledge()
    titles = [c.short_title for c in pledge.commitments]
    assert all(titles) and len(set(titles)) == 8
    assert pledge.commitment("g").title == "Fair commissioning with social value"
    assert all(len(t) <= 60 for t in titles)


def test_short_title_is_required_and_trimmed(tmp_path):
    # Issue 18 refuses a commitment with no short title (it was optional, with the opening words instead).
    path = tmp_path / "pledge.yaml"
    path.write_text("version: 1\ntitle: x\ncommitments:\n  - {ref: a, text: one two three}\n")
    with pytest.raises(PledgeFileError) as info:
        load_pledge(path)
    assert "line 4" in str(info.value) and "field 'commitments[1].short_title' is missing" in str(info.value)
    path.write_text("version: 1\ntitle: x\ncommitments:\n  - {ref: b, short_title: '  Short   one ', text: t}\n")
    assert load_pledge(path).commitments[0].title == "Short one"


@pytest.mark.parametrize("value,expected", [
    ("[1, 2]", "field 'commitments[1].short_title' must be a few words of text"),
    ("'" + "x" * 81 + "'", "field 'commitments[1].short_title' is 81 characters; keep it to 80 or fewer"),
])
def test_bad_short_title_is_refused_naming_the_field(tmp_path, value, expected):
    path = tmp_path / "pledge.yaml"
    path.write_text(f"version: 1\ntitle: x\ncommitments:\n  - ref: a\n    short_title: {value}\n    text: t\n")
    with pytest.raises(PledgeFileError) as info:
        load_pledge(path)
    assert expected in str(info.value) and "line" in str(info.value)


def test_refs_written_with_a_full_stop_are_one_ref(tmp_path):
    """Issue 14: refs like '1.' in a pledge file made every return unreadable."""
    from review_factory import blank_workbook, fill

    from pledge_office.inputs.council_file import load_council
    from pledge_office.documents.review_workbook import review_settings, write_review_workbook
    from pledge_office.inputs.review_reader import read_review

    pledge_path = tmp_path / "pledge.yaml"
    pledge_path.write_text("version: 1\ntitle: T\ncommitments:\n  - {ref: '1.', short_title: One, text: First}\n"
                           "  - {ref: '2.', short_title: Two, text: Second}\n", encoding="utf-8")
    pledge = load_pledge(pledge_path)
    assert [c.ref for c in pledge.commitments] == ["1", "2"]
    council = load_council(Path("samples/exampleshire.yaml"))
    out = write_review_workbook(council, pledge, tmp_path / "r.xlsx", review_settings(council))
    from openpyxl import load_workbook

    book = load_workbook(out)
    book["Review"]["C6"], book["Review"]["C7"] = "Fully met", "Not met"
    book["Review"]["A7"] = "2."  # typed back with its full stop
    book.save(out)
    review = read_review(out, pledge)
    assert review.errors == [] and [e.rating for e in review.entries] == ["Fully met", "Not met"]


def test_refs_one_and_one_with_a_full_stop_are_the_same_ref(tmp_path):
    path = tmp_path / "pledge.yaml"
    path.write_text("version: 1\ntitle: T\ncommitments:\n  - {ref: '1', text: x}\n  - {ref: '1.', text: y}\n")
    with pytest.raises(PledgeFileError, match="ref '1' is used twice"):
        load_pledge(path)


def test_pledge_logo_outside_its_folder_is_refused(tmp_path):
    from pledge_office.errors import LogoProblem

    path = tmp_path / "pledge.yaml"
    path.write_text("title: x\npartners: [{name: Body, logo: ../x.png}]\ncommitments: [{ref: a, short_title: s, text: t}]\n")
    with pytest.raises(LogoProblem) as info:
        load_pledge(path)
    assert "line 2: field 'partners[1].logo'" in str(info.value)
    assert "must be inside the pledge file's folder" in str(info.value)


def test_init_writes_a_commented_pledge_file_that_loads(tmp_path):
    from click.testing import CliRunner

    from pledge_office.cli import cli

    target = tmp_path / "our-compact.yaml"
    result = CliRunner().invoke(cli, ["init", "--pledge", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "# " in text and "umbrella:" in text and "short_title:" in text and "kind: process" in text
    pledge = load_pledge(target)
    assert pledge.title == "Area Compact" and pledge.file_stem == "area-compact"
    assert [g.heading for g in pledge.groups] == ["Working together", "Funding"]
    again = CliRunner().invoke(cli, ["init", "--pledge", str(target)])
    assert again.exit_code == 2 and "already exists" in again.stderr


BLANK_FIELD = re.compile(r"\w\s+[,.;:](?!\d)|\(\s*\)|\s’s\b|\bof\s+(and|by|,|\.)")


def test_a_new_pledge_file_runs_the_demo_with_no_broken_sentence_and_its_own_title(tmp_path):
    """As 'init --pledge' writes it (no logos, no co-signatories yet), the demo's documents read as whole sentences."""
    from click.testing import CliRunner

    from docx_read import all_text, header_text
    from pledge_office.cli import cli

    pledge_file = tmp_path / "our-compact.yaml"
    assert CliRunner().invoke(cli, ["init", "--pledge", str(pledge_file)]).exit_code == 0
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "out"), "--pledge", str(pledge_file)])
    assert result.exit_code == 0, result.output
    report = tmp_path / "out" / "exampleshire-area-compact-report.docx"
    assert "Adoption of the Area Compact" in all_text(report).splitlines()[:5]
    assert "VCSE Pledge" not in all_text(report) + header_text(report)
    assert "carrying the council’s logo, by the council’s signatories" in all_text(report)
    for document in (tmp_path / "out").glob("*.docx"):
        broken = [m.group(0) for m in BLANK_FIELD.finditer(all_text(document))]
        assert not broken, f"{document.name}: a sentence with a blank field: {broken}"


def test_the_second_example_pledge_loads_with_groups_partners_and_umbrella():
    from pledge_office.office.resources import example_files

    pledge = load_pledge(example_files("sampleshire")[0])
    assert [c.ref for c in pledge.commitments] == [str(n) for n in range(1, 13)]
    assert len(pledge.groups) == 3 and all(len(g.commitments) == 4 for g in pledge.groups)
    assert pledge.umbrella.name == "Sampleshire Council for Voluntary Service"
    assert pledge.sector.name == "voluntary and community sector (VCS)" and pledge.called == "the Compact"
    assert [(p.name, p.signs) for p in pledge.partners] == [
        ("NHS Sampleshire Integrated Care Board", True), ("Sampleshire VCS Assembly", True),
        ("Sampleshire Council for Voluntary Service", True)]
    assert [c.ref for c in pledge.about] == ["1", "2"]
