import os

import pytest

from pledge_office.inputs.council_file import load_council
from pledge_office.errors import CouncilFileError, LogoProblem


def test_sample_council_loads_with_default_partners(make_council):
    from pledge_office.inputs.pledge_file import load_pledge

    council = load_council(make_council())
    assert council.name == "Exampleshire County Council"
    # Issue 18: the default partners are the pledge file's, no longer written in the code.
    assert council.partners is None
    assert [p.name for p in council.partners_for(load_pledge())] == ["Team Staffordshire", "Support Staffordshire"]
    assert council.logo.alt == "Exampleshire County Council logo"
    assert council.meeting_date.isoformat() == "2027-02-10"
    assert council.file_stem == "exampleshire"


def test_british_meeting_date_is_day_first(make_council):
    council = load_council(make_council(**{"meeting.date": "03/04/2027"}))
    assert council.meeting_date.isoformat() == "2027-04-03"



@pytest.mark.parametrize("typed, hint", [("03/13/2027", True), ("2027-13-01", False), ("31/02/2027", False)])
def test_an_impossible_date_explains_day_first_only_when_it_was_typed_month_first(typed, hint):
    from pledge_office.model.dates import DateProblem, parse_uk_date

    with pytest.raises(DateProblem) as info:
        parse_uk_date(typed)
    assert "is not a real date" in str(info.value)
    assert ("dates are read day first (DD/MM/YYYY)" in str(info.value)) is hint


BAD = [
    ({"council.name": None}, CouncilFileError, "field 'council.name': is missing"),
    ({"council.name": ""}, CouncilFileError, "field 'council.name': is missing"),
    ({"council.logo": "missing.png"}, LogoProblem, "logo file 'missing.png' not found"),
    ({"council.logo": "../outside.png"}, LogoProblem, "must be inside the council file's folder"),
    ({"meeting.date": "31/02/2027"}, CouncilFileError, "not a real date"),
    ({"meeting.date": "next Tuesday"}, CouncilFileError, "is not a date"),
    ({"signatories": []}, CouncilFileError, "field 'signatories'"),
    ({"signatories": [{"role": "Leader"}]}, CouncilFileError, "field 'signatories[1].name'"),
    ({"report.key_decision": "perhaps"}, CouncilFileError, "must be yes or no"),
    ({"partners": [{"name": "Other Body", "logo": "nope.png"}]}, LogoProblem, "field 'partners[1].logo'"),
]


@pytest.mark.parametrize("changes,error,expected", BAD)
def test_bad_council_file_names_file_field_and_line(make_council, changes, error, expected):
    path = make_council(**changes)
    with pytest.raises(error) as info:
        load_council(path)
    message = str(info.value)
    assert expected in message
    assert message.startswith(str(path))
    assert "line " in message


def test_logo_that_is_not_an_image(make_council):
    path = make_council(**{"council.logo": "fake.png"})
    (path.parent / "fake.png").write_text("not a picture")
    with pytest.raises(LogoProblem, match="not a readable image"):
        load_council(path)


def test_logo_link_outside_folder_is_refused(make_council, tmp_path):
    path = make_council(**{"council.logo": "linked.png"})
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes((path.parent / "exampleshire-logo.png").read_bytes())
    os.symlink(outside, path.parent / "linked.png")
    with pytest.raises(LogoProblem, match="link to a file outside"):
        load_council(path)


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    lines.append("council: {name: *a11}")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines))
    with pytest.raises(CouncilFileError, match="too many YAML aliases"):
        load_council(path)


def test_python_tags_are_not_executed(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("council: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(CouncilFileError, match="line 1"):
        load_council(path)


def test_misspelt_field_is_named_with_a_suggestion(make_council):
    path = make_council(**{"council.nmae": "Typo Council"})
    with pytest.raises(CouncilFileError) as info:
        load_council(path)
    assert "unknown field 'council.nmae'; did you mean 'name'?" in str(info.value)
    assert "line " in str(info.value)


def test_init_file_has_only_known_fields_and_loads(tmp_path):
    import shutil
    from pledge_office.documents.council_template import council_file_text

    (tmp_path / "c.yaml").write_text(council_file_text(), encoding="utf-8")
    from conftest import SAMPLES
    shutil.copy(SAMPLES / "exampleshire-logo.png", tmp_path / "logo.png")
    assert load_council(tmp_path / "c.yaml").name == "Exampleshire County Council"


def test_short_name_reserved_by_windows_gets_a_safe_folder_name(make_council):
    assert load_council(make_council(**{"council.short_name": "CON"})).file_stem == "con-council"


def test_every_declared_field_is_in_the_init_file_and_read_by_the_loader(tmp_path):
    """The init file, the loader and the councils sheet come from one table of fields."""
    import re
    import shutil

    import yaml
    from conftest import SAMPLES
    from pledge_office.documents.council_template import council_file_text
    from pledge_office.model.council_fields import FIELDS

    text = council_file_text()
    # every optional line switched on, items of a commented list of texts too
    uncommented = re.sub(r"^(\s*)# (?=(?:- |\s*)[a-z_]+:|- \S)", r"\1", text, flags=re.M)
    (tmp_path / "c.yaml").write_text(uncommented, encoding="utf-8")
    shutil.copy(SAMPLES / "exampleshire-logo.png", tmp_path / "logo.png")
    shutil.copy(SAMPLES / "exampleshire-logo.png", tmp_path / "partner-logo.png")
    data = yaml.safe_load(uncommented)
    for item in FIELDS:
        if item.example is None or "[]" in item.path:
            continue
        value = data
        for part in item.path.split("."):
            value = value[part]
        assert value is not None, item.path
    council = load_council(tmp_path / "c.yaml")
    assert council.implications["climate"] == "..."
    assert [p.name for p in council.partners] == ["Partner Body"]
    assert council.review_return_to.role == "Partnership Officer"


def test_councils_sheet_columns_come_from_the_declared_fields():
    from pledge_office.inputs.councils_sheet import COLUMNS, REQUIRED_HEADERS
    from pledge_office.model.council_fields import FIELDS

    on_sheet = {c.field for c in COLUMNS}
    assert {f.path for f in FIELDS if f.column and "[]" not in f.path} <= on_sheet
    assert "signatories[4].role" in on_sheet and "review.return_to.job_title" in on_sheet
    assert {"monitoring.reported_to", "monitoring.frequency"} <= on_sheet  # or batch reports name no committee
    assert REQUIRED_HEADERS == ("Council name", "Short name", "Logo file", "Deciding body", "Meeting date",
                                "Signatory 1 name")


def test_example_values_left_from_init_are_named_before_publishing(tmp_path, make_council):
    """An unedited init file would publish 'Jordan Sample' and '01632 960000': the tool says so."""
    import shutil

    from click.testing import CliRunner
    from conftest import SAMPLES

    from pledge_office.cli import cli
    from pledge_office.documents.council_template import council_file_text

    (tmp_path / "mine.yaml").write_text(council_file_text(), encoding="utf-8")
    shutil.copy(SAMPLES / "exampleshire-logo.png", tmp_path / "logo.png")
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "mine.yaml"), "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 0
    assert "Note: mine.yaml still has example values from 'pledge-office init' (Jordan Sample, 01632 960000, " \
           "jordan.sample@exampleshire.example and " in result.stderr
    edited = make_council(**{"contact_officer.name": "Robin Realname", "contact_officer.phone": "01632 111111",
                             "contact_officer.email": "robin@council.example", "report.author.name": "Robin Realname",
                             "signatories": [{"name": "Councillor Kim Other", "role": "Leader"}],
                             "review.officer.name": "Robin Realname", "review.officer.email": "robin@council.example",
                             "review.return_to.name": "Ash Umbrella", "review.return_to.email": "ash@cvs.example"})
    assert load_council(edited).example_values_left() == []


def test_accented_letters_keep_their_letter_in_file_names(make_council):
    council = load_council(make_council(**{"council.short_name": "Bryn-y-Môr & Llanfair"}))
    assert council.file_stem == "bryn-y-mor-llanfair"
