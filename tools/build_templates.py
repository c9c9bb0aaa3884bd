"""Build the Word templates that ship in templates/.

Run: python tools/build_templates.py
The built .docx files are committed so officers can open and restyle them in
Word; this script is how they are reviewed and regenerated. Text in {{ }} and
{% %} is filled in by pledge-office (see `pledge-office templates fields`).
"""

import sys
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).parent))
import docx_build as b  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "templates"


def build_report(path):
    doc = b.new_document(font="Arial", size=11)
    section = b.set_page(doc, b.A4, margins_cm=2.2)
    b.header_text(section, "{{ council.name }}")
    b.page_number_footer(section, prefix_text="{{ report.title }}  |  ")
    b.para(doc, "{{ logos.council }}", align="right", space_after=6)
    b.para(doc, "Report to {{ meeting.body }}", bold=True, size=13, space_after=0)
    b.para(doc, "{{ meeting.date }}", size=13, space_after=12)
    b.para(doc, "{{ report.title }}", style="Title")

    widths = (5.0, 11.6)
    t = b.table(doc, ("Item", "Details"), widths)
    for label, value in (
        ("Meeting", "{{ meeting.body }}"),
        ("Date of meeting", "{{ meeting.date }}"),
        ("Report of", "{{ report.report_of }}"),
        ("Portfolio holder", "{{ report.portfolio_holder }}"),
        ("Report author", "{{ report.author }}"),
        ("Wards affected", "{{ report.wards_affected }}"),
        ("Key decision", "{{ report.key_decision }}"),
        ("Open or exempt", "{{ report.status }}"),
    ):
        b.add_row(t, (label, value), widths, bold_first=True)
    b.table_description(t, "Report details", "Meeting, date, report of, portfolio holder, wards affected, key decision and whether the report is open or exempt.")

    doc.add_heading("1. Purpose of the report", level=1)
    b.para(doc, "1.1 To ask {{ meeting.body }} to adopt the {{ pledge.title }} (Appendix A): "
                "a public commitment by {{ council.name }} to work in collaboration with the local "
                "voluntary, community and social enterprise (VCSE) sector.")

    doc.add_heading("2. Recommendations", level=1)
    b.para(doc, "It is recommended that {{ meeting.body }}:")
    b.para(doc, "2.1 Adopts the {{ pledge.title }} set out at Appendix A.")
    b.para(doc, "2.2 Authorises {{ signatories_sentence }} to sign the Pledge on behalf of "
                "{{ council.name }}.")
    b.para(doc, "2.3 Notes that the commitments in the Pledge will be reviewed periodically "
                "against the council’s day-to-day practice, working with Support Staffordshire, "
                "and that this may result in an action plan.")

    doc.add_heading("3. Background", level=1)
    b.para(doc, "{%p for clause in pledge.introduction %}")
    b.para(doc, "3.{{ loop.index }} {{ clause.text }}")
    b.para(doc, "{%p endfor %}")

    doc.add_heading("4. Proposal", level=1)
    b.para(doc, "4.1 {{ council.name }} adopts the Pledge at Appendix A, and it is signed at this "
                "meeting on a large-format copy carrying the council’s logo alongside those of "
                "{{ partners_sentence }}.")
    b.para(doc, "4.2 The Pledge’s eight commitments (a to h) are reviewed periodically against the "
                "council’s day-to-day practice by {{ review.officer }} with Support Staffordshire, "
                "and any areas for development are set out in an action plan.")

    doc.add_heading("5. Implications", level=1)
    for heading, key in (("Financial", "financial"), ("Legal", "legal"), ("Equality", "equality"),
                         ("Risk", "risk"), ("Climate change", "climate")):
        doc.add_heading(f"5.{('financial legal equality risk climate'.split()).index(key) + 1} {heading}", level=2)
        b.para(doc, "{{ implications.%s }}" % key)

    doc.add_heading("6. Consultation", level=1)
    b.para(doc, "6.1 {{ consultation }}")

    doc.add_heading("7. Contact officer", level=1)
    b.labelled(doc, "Name", "{{ contact.name }}")
    b.labelled(doc, "Job title", "{{ contact.role }}")
    b.labelled(doc, "Telephone", "{{ contact.phone }}")
    b.labelled(doc, "Email", "{{ contact.email }}")

    doc.add_heading("8. Background papers", level=1)
    b.para(doc, "{%p for paper in report.background_papers %}")
    b.para(doc, "{{ paper }}", style="List Bullet")
    b.para(doc, "{%p endfor %}")

    appendix = doc.add_heading("Appendix A: {{ pledge.title }}", level=1)
    appendix.paragraph_format.page_break_before = True
    b.para(doc, "{%p for clause in pledge.introduction %}")
    b.para(doc, "{{ clause.ref }} {{ clause.text }}")
    b.para(doc, "{%p endfor %}")
    doc.add_heading("{{ pledge.commitments_heading }}", level=2)
    b.para(doc, "{%p for c in pledge.commitments %}")
    p = b.para(doc, "{{ c.ref }}.\t{{ c.text }}")
    p.paragraph_format.left_indent = Cm(0.9)
    p.paragraph_format.first_line_indent = Cm(-0.9)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))
    b.para(doc, "{%p endfor %}")
    b.core_properties(doc, "{{ report.title }}: {{ council.name }}", "Report to {{ meeting.body }}")
    doc.save(path)


def build_signing_copy(path):
    doc = b.new_document(font="Arial", size=15, heading_sizes=(30, 18, 15))
    section = b.set_page(doc, b.A3, margins_cm=2.0)
    b.page_number_footer  # the signing copy is one page: no page numbers
    foot = section.footer.paragraphs[0]
    foot.text = "{{ pledge.title }} (version {{ pledge.version }}), endorsed by {{ pledge.endorsed_by }}"
    foot.runs[0].font.size = Pt(10)
    foot.alignment = 1

    logos = b.para(doc, "{{ logos.council }}{% for logo in logos.partners %}{{ logos.gap }}{{ logo }}{% endfor %}",
                   align="center", space_after=18)
    title = doc.add_heading("{{ pledge.title }}", level=1)
    title.alignment = 1
    b.para(doc, "{{ council.name }}", align="center", size=22, bold=True, space_after=18)
    b.para(doc, "{{ council.name }} makes this public commitment to work in collaboration with the "
                "local voluntary, community and social enterprise (VCSE) sector.", space_after=12)
    doc.add_heading("Our commitments", level=2)
    b.para(doc, "{%p for c in pledge.commitments %}")
    p = b.para(doc, "{{ c.ref }}.\t{{ c.text }}", space_after=8)
    p.paragraph_format.left_indent = Cm(1.2)
    p.paragraph_format.first_line_indent = Cm(-1.2)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(1.2))
    b.para(doc, "{%p endfor %}")

    heading = doc.add_heading("Signed on behalf of {{ council.name }}", level=2)
    heading.paragraph_format.space_before = Pt(18)
    b.para(doc, "Adopted by {{ meeting.body }} on {{ meeting.date }}", bold=True, space_after=10)
    widths = (9.5, 10.5, 5.7)
    t = b.table(doc, ("Name and role", "Signature", "Date"), widths, font_size=13)
    row = b.add_row(t, ("{%tr for s in signatories %}", "", ""), widths)
    row = t.add_row()
    cells = row.cells
    cells[0].paragraphs[0].add_run("{{ s.name }}").bold = True
    cells[0].add_paragraph("{{ s.role }}")
    for cell, width in zip(cells, widths):
        cell.width = Cm(width)
    row.height = Cm(2.2)
    b.add_row(t, ("{%tr endfor %}", "", ""), widths)
    b.table_description(t, "Signatures", "One row for each signatory: name and role, signature, and date.")
    b.core_properties(doc, "{{ pledge.title }}: {{ council.name }}", "Signing copy for {{ meeting.body }}, {{ meeting.date }}")
    doc.save(path)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, build in (("report.docx", build_report), ("signing-copy.docx", build_signing_copy)):
        build(OUT / name)
        print("wrote", OUT / name)
