"""The email round trip: the draft sent out, and whatever the mail brings back."""

import email
import io
from datetime import datetime
from email import policy
from email.message import EmailMessage

import pytest
from click.testing import CliRunner

from mail_builders import build_msg, build_tnef
from review_factory import blank_workbook, fill
from pledge_office.cli import cli
from pledge_office.inputs.pledge_file import load_pledge
from pledge_office.steps.check import read_all
from pledge_office.inputs.review_reader import read_review

PLEDGE = load_pledge()
SAMPLE = "samples/exampleshire.yaml"
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    return fill(blank_workbook(tmp_path_factory.mktemp("returned")))


@pytest.fixture(scope="module")
def expected(returned):
    return [e.to_json() for e in read_review(returned, PLEDGE).entries]


def entries_of(path, password=None):
    reviews, problems = read_all([path], PLEDGE, strict=False, password=(lambda label: password))
    assert [p for p in problems if p.severity == "error"] == []
    assert len(reviews) == 1
    return [e.to_json() for e in reviews[0].entries]


def reply(path, workbook_name, data, sender="Jordan Sample <jordan.sample@exampleshire.example>",
          sent="Tue, 02 Mar 2027 10:00:00 +0000", extra=()):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Casey Umbrella <casey.umbrella@support.example>"
    message["Subject"] = "RE: VCSE Pledge review"
    message["Date"] = sent
    message.set_content("Please find the review attached.")
    if data is not None:
        message.add_attachment(data, maintype=XLSX[0], subtype=XLSX[1], filename=workbook_name)
    for name, content in extra:
        message.add_attachment(content, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(bytes(message))
    return path


def forward(inner, path):
    """Save an email that forwards ``inner`` as an attachment, as Outlook's 'Forward as attachment' does."""
    outer = EmailMessage()
    outer["From"], outer["To"], outer["Subject"] = "a@example.org", "b@example.org", "FW: review"
    outer.set_content("Forwarding.")
    outer.add_attachment(email.message_from_bytes(inner.read_bytes(), policy=policy.default))
    path.write_bytes(bytes(outer))
    return path


def test_draft_email_parses_back(tmp_path):
    result = run("review-workbook", SAMPLE, "-o", tmp_path / "review.xlsx", "--email", tmp_path / "review.eml")
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes((tmp_path / "review.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "Jordan Sample <jordan.sample@exampleshire.example>"
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == ("VCSE Pledge for Local Authorities review 2026/27 for Exampleshire County Council: "
                                  "please return by 31 March 2027")
    plain = message.get_body(("plain",)).get_content()
    rich = message.get_body(("html",)).get_content()
    assert "31 March 2027" in plain and "31 March 2027" in rich and "Instructions" in plain
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "review.xlsx"
    assert attachment.get_content_type() == "/".join(XLSX)
    assert attachment.get_content() == (tmp_path / "review.xlsx").read_bytes()


def test_draft_needs_the_officers_email(tmp_path, make_council):
    council = make_council(**{"review.officer": {"name": "No Address"}})
    result = run("review-workbook", council, "-o", tmp_path / "r.xlsx", "--email", tmp_path / "r.eml")
    assert result.exit_code == 1 and "review.officer.email" in result.stderr
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "r.eml").exists()


def test_eml_reply_reads_like_the_workbook(tmp_path, returned, expected):
    path = reply(tmp_path / "reply.eml", "Exampleshire review FINAL.xlsx", returned.read_bytes())
    assert entries_of(path) == expected


def test_forwarded_email_inside_an_email(tmp_path, returned, expected):
    forward(reply(tmp_path / "inner.eml", "review.xlsx", returned.read_bytes()), tmp_path / "fw.eml")
    assert entries_of(tmp_path / "fw.eml") == expected


def test_winmail_dat_in_an_eml(tmp_path, returned, expected):
    tnef = build_tnef(attachments=[("review.xlsx", returned.read_bytes())], subject="Review")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "review"
    message.set_content("See attached.")
    message.add_attachment(tnef, maintype="application", subtype="ms-tnef", filename="winmail.dat")
    (tmp_path / "rtf.eml").write_bytes(bytes(message))
    assert entries_of(tmp_path / "rtf.eml") == expected


def test_outlook_msg(tmp_path, returned, expected):
    path = build_msg(tmp_path / "reply.msg", subject="RE: VCSE Pledge review – Exampleshire",
                     sender="Jordan Sample <jordan.sample@exampleshire.example>", to="casey.umbrella@support.example",
                     body="Attached.", attachments=[("notes.txt", b"hello"), ("review.xlsx", returned.read_bytes())],
                     sent=datetime(2027, 3, 2, 10, 0))
    assert entries_of(path) == expected
    result = run("check", path)
    assert result.exit_code == 0 and "reply.msg: review.xlsx" in result.stderr


def test_msg_with_winmail_dat(tmp_path, returned, expected):
    tnef = build_tnef(attachments=[("review.xlsx", returned.read_bytes())])
    path = build_msg(tmp_path / "rtf.msg", subject="RE: review", sender="a@example.org", to="b@example.org",
                     body="Attached.", attachments=[("winmail.dat", tnef)])
    assert entries_of(path) == expected


def test_email_without_a_workbook_lists_what_it_carries(tmp_path):
    path = reply(tmp_path / "oops.eml", None, None, extra=[("minutes.pdf", b"%PDF-1.4"), ("photo.jpg", b"\xff\xd8")])
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stdout.strip() == (f"{path}: error: is an email with no workbook attached (it carries: minutes.pdf, "
                                     "photo.jpg); save the email that has the review workbook attached")


def test_a_zipped_workbook_is_named_as_a_zip_to_unzip(tmp_path, returned):
    import io
    import zipfile

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("review.xlsx", returned.read_bytes())
    path = reply(tmp_path / "zipped.eml", None, None, extra=[("review.zip", packed.getvalue())])
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stdout.strip() == (f"{path}: error: is an email with no workbook attached, only a zip file "
                                     "(review.zip); unzip it and give the workbook inside")


def test_an_eml_file_with_no_attachment_is_called_an_email(tmp_path):
    path = tmp_path / "bare.eml"
    path.write_bytes(b"From: a\n\nPlease find attached\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert "is an email with no workbook attached (it carries: no attachments at all)" in result.stdout


def encrypted(returned, password="Pledge-2027"):
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(returned.read_bytes())).encrypt(password, out)
    return out.getvalue()


def test_encrypted_workbook_with_password(tmp_path, returned, expected):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(encrypted(returned))
    assert entries_of(path, "Pledge-2027") == expected
    result = run("check", path, "--password", "Pledge-2027")
    assert result.exit_code == 0
    assert not any(p.name.startswith("locked") and p != path for p in tmp_path.iterdir())  # nothing decrypted on disk


def test_encrypted_workbook_wrong_or_no_password(tmp_path, returned):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(encrypted(returned))
    wrong = run("check", path, "--password", "guess")
    assert wrong.exit_code == 1
    assert f"{path}: error: the password is not right for this workbook" in wrong.stdout
    none = run("check", path)
    assert none.exit_code == 1 and "is protected with a password; give it with --password" in none.stdout


def test_encrypted_workbook_attached_to_an_email(tmp_path, returned, expected):
    path = reply(tmp_path / "locked.eml", "review.xlsx", encrypted(returned))
    assert entries_of(path, "Pledge-2027") == expected


def test_csv_is_refused_with_how_to_save(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text("Ref,Commitment,Rating\na,We recognise,Fully met\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert "is a CSV file" in result.stdout and "Excel Workbook (.xlsx)" in result.stdout


def test_the_later_return_of_the_same_review_wins(tmp_path, returned):
    from openpyxl import load_workbook

    book = load_workbook(returned)
    book["Review"]["C7"] = "Fully met"
    book.save(tmp_path / "corrected.xlsx")
    first = reply(tmp_path / "first.eml", "review.xlsx", returned.read_bytes(), sent="Tue, 02 Mar 2027 10:00:00 +0000")
    second = reply(tmp_path / "second.eml", "review.xlsx", (tmp_path / "corrected.xlsx").read_bytes(),
                   sent="Wed, 03 Mar 2027 09:30:00 +0000")
    result = run("action-plan", second, first, "-o", tmp_path / "plan.docx", "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    assert "second.eml: review.xlsx: note: used this return of review" in result.stderr
    assert "sent 03/03/2027 09:30, rather than" in result.stderr and "first.eml: review.xlsx, sent 02/03/2027 10:00" in result.stderr
    import json

    data = json.loads((tmp_path / "r.json").read_text())
    assert next(c for c in data["commitments"] if c["ref"] == "b")["rating"] == "Fully met"


@pytest.mark.office
def test_xls_and_ods_saved_by_libreoffice_read_the_same(soffice, tmp_path, returned, expected):
    from conftest import convert

    convert(soffice, [returned], tmp_path, "xls:MS Excel 97")
    convert(soffice, [returned], tmp_path, "ods")
    assert entries_of(tmp_path / returned.with_suffix(".xls").name) == expected
    assert entries_of(tmp_path / returned.with_suffix(".ods").name) == expected


@pytest.mark.office
def test_workbook_encrypted_by_libreoffice_reads_the_same(uno, tmp_path, returned, expected):
    from office_fill import fill_with_libreoffice

    fill_with_libreoffice(returned, tmp_path / "lo-locked.xlsx", [], password="Calc-Secret-1")
    assert (tmp_path / "lo-locked.xlsx").read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    assert entries_of(tmp_path / "lo-locked.xlsx", "Calc-Secret-1") == expected


def test_two_workbooks_in_one_email_are_merged_not_replaced(tmp_path, returned):
    from openpyxl import load_workbook

    book = load_workbook(returned)
    book["Review"]["C7"] = "Not met"
    book.save(tmp_path / "other-dept.xlsx")
    path = reply(tmp_path / "both.eml", "housing.xlsx", returned.read_bytes(),
                 extra=[("other-dept.xlsx", (tmp_path / "other-dept.xlsx").read_bytes())])
    reviews, problems = read_all([path], PLEDGE, strict=False)
    assert len(reviews) == 2 and not [p for p in problems if p.severity == "note"]


def test_forwarded_email_reads_its_workbook_once(tmp_path, returned):
    forward(reply(tmp_path / "inner.eml", "review.xlsx", returned.read_bytes()), tmp_path / "fw.eml")
    reviews, problems = read_all([tmp_path / "fw.eml"], PLEDGE, strict=False)
    assert len(reviews) == 1 and problems == []


def test_winmail_dat_saved_on_its_own(tmp_path, returned, expected):
    (tmp_path / "winmail.dat").write_bytes(build_tnef(attachments=[("review.xlsx", returned.read_bytes())]))
    assert entries_of(tmp_path / "winmail.dat") == expected


def test_officer_named_on_the_command_line_needs_an_address(tmp_path):
    result = run("review-workbook", SAMPLE, "-o", tmp_path / "r.xlsx", "--officer", "Pat Other", "--email",
                 tmp_path / "r.eml")
    assert result.exit_code == 2 and "--officer-email" in result.output
    assert not (tmp_path / "r.xlsx").exists()
    result = run("review-workbook", SAMPLE, "-o", tmp_path / "r.xlsx", "--officer", "Pat Other",
                 "--officer-email", "pat.other@exampleshire.example", "--email", tmp_path / "r.eml")
    assert result.exit_code == 0
    message = email.message_from_bytes((tmp_path / "r.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "Pat Other <pat.other@exampleshire.example>"


# -- issue 14: corrections replace, damaged parts do not hide good ones, names cannot spoof -----

def _corrected(tmp_path, returned):
    from openpyxl import load_workbook

    book = load_workbook(returned)
    book["Review"]["C7"] = "Fully met"
    book.save(tmp_path / "corrected.xlsx")
    return (tmp_path / "corrected.xlsx").read_bytes()


def test_correction_that_forwards_the_original_replaces_it(tmp_path, returned):
    original = reply(tmp_path / "first.eml", "review.xlsx", returned.read_bytes())
    message = EmailMessage()
    message["From"] = "Jordan Sample <jordan.sample@exampleshire.example>"
    message["To"], message["Subject"] = "casey.umbrella@support.example", "FW: corrected review"
    message["Date"] = "Thu, 04 Mar 2027 11:00:00 +0000"
    message.set_content("Corrected copy attached; my first email is below.")
    message.add_attachment(_corrected(tmp_path, returned), maintype=XLSX[0], subtype=XLSX[1], filename="review.xlsx")
    message.add_attachment(email.message_from_bytes(original.read_bytes(), policy=policy.default))
    (tmp_path / "correction.eml").write_bytes(bytes(message))
    reviews, problems = read_all([tmp_path / "correction.eml"], PLEDGE, strict=False)
    assert len(reviews) == 1  # before: the forwarded original was merged with the correction
    assert reviews[0].entry("b").rating == "Fully met"


def test_same_address_under_another_display_name_replaces_the_first(tmp_path, returned):
    first = reply(tmp_path / "first.eml", "review.xlsx", returned.read_bytes(),
                  sender="Jordan Sample <jordan.sample@exampleshire.example>")
    second = reply(tmp_path / "second.eml", "review.xlsx", _corrected(tmp_path, returned),
                   sender='"Sample, Jordan (Communities)" <Jordan.Sample@exampleshire.example>',
                   sent="Wed, 03 Mar 2027 09:30:00 +0000")
    reviews, _ = read_all([first, second], PLEDGE, strict=False)
    assert len(reviews) == 1 and reviews[0].entry("b").rating == "Fully met"


def test_damaged_winmail_dat_beside_a_good_workbook(tmp_path, returned):
    path = reply(tmp_path / "reply.eml", "review.xlsx", returned.read_bytes(),
                 extra=[("winmail.dat", build_tnef(attachments=[("r.xlsx", b"PK" + b"x" * 500)])[:20])])
    reviews, problems = read_all([path], PLEDGE, strict=False)
    assert len(reviews) == 1 and not [p for p in problems if p.severity == "error"]
    assert any("winmail.dat (could not be read" in p.message for p in reviews[0].problems)


def test_emails_nested_deeply_are_one_line(tmp_path, returned):
    inner = reply(tmp_path / "0.eml", "review.xlsx", returned.read_bytes())
    for depth in range(1, 60):
        inner = forward(inner, tmp_path / f"{depth}.eml")
    result = run("check", inner)
    assert result.exit_code == 1
    assert "nested too deeply" in result.output and "unexpected problem" not in result.output


def test_attachment_name_cannot_spoof_the_output(tmp_path, returned):
    from openpyxl import load_workbook

    book = load_workbook(returned)
    book["Review"]["C7"] = "Mostly"
    book.save(tmp_path / "bad.xlsx")
    path = reply(tmp_path / "reply.eml", "PLACEHOLDER.xlsx", (tmp_path / "bad.xlsx").read_bytes())
    # a name with a new line and terminal escapes, encoded as mail allows (RFC 2231)
    data = path.read_bytes()
    assert b'filename="PLACEHOLDER.xlsx"' in data
    path.write_bytes(data.replace(b'filename="PLACEHOLDER.xlsx"',
                                  b"filename*=utf-8''review.xlsx%0AOK%3A%20all%20fine%1B%5B2K%1B%5B1A.xlsx"))
    result = run("check", path)
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert not any(line.startswith("OK:") for line in result.output.splitlines())


def test_address_written_with_a_display_name_becomes_a_proper_header(tmp_path, make_council):
    """Issue 14: 'Jo Bloggs <jo@...>' in the council file made a broken To: header."""
    council = make_council(**{"review.officer": {"name": "Jo Bloggs\nSenior Officer",
                                                  "email": "Jo Bloggs <jo.bloggs@exampleshire.example>"}})
    result = run("review-workbook", council, "-o", tmp_path / "r.xlsx", "--email", tmp_path / "r.eml")
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes((tmp_path / "r.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "Jo Bloggs Senior Officer <jo.bloggs@exampleshire.example>"
    assert message["To"].addresses[0].addr_spec == "jo.bloggs@exampleshire.example"
