"""Build the Word templates that ship in templates/.

Run: python tools/build_templates.py
The built .docx files are committed so officers can open and restyle them in
Word; this script is how they are reviewed and regenerated. Text in {{ }} and
{% %} is filled in by pledge-office (see `pledge-office templates fields`).
"""

import sys
from pathlib import Path

from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing
from pledge_office.office import docx_build as b  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "templates"


def build_report(path):
    """The committee report, in the form English councils use (see pledge_office/documents/report_text.py)."""
    doc = b.new_document(font="Arial", size=12, heading_sizes=(20, 14, 12, 12))
    section = b.set_page(doc, b.A4, margins_cm=2.2)
    b.header_text(section, "{{ council.name }}", size=10)
    b.page_number_footer(section, prefix_text="{{ report.title }}  |  ", size=10)
    b.para(doc, "{{ logos.council }}", align="right", space_after=6)
    b.para(doc, "Report to {{ meeting.body }}, {{ meeting.date }}", bold=True, space_after=6)
    doc.add_heading("{{ report.title }}", level=1)  # the title: level 1 in the navigation pane and the PDF

    widths = (5.6, 11.0)
    t = b.table(doc, ("Item", "Details"), widths)
    b.add_row(t, ("{%tr for row in heading %}", ""), widths)
    b.add_row(t, ("{{ row.label }}", "{{ row.value }}"), widths, bold_first=True)
    b.add_row(t, ("{%tr endfor %}", ""), widths)
    b.table_description(t, "Report details", "Meeting, date, agenda item, report of, portfolio holder, author, "
                        "wards affected, key decision, forward plan reference, open or exempt, and call-in.")

    def numbered(section_number, items, intro=None):
        if intro:
            b.para(doc, intro)
        b.para(doc, "{%%p for item in %s %%}" % items)
        p = b.para(doc, "%s.{{ loop.index }}\t{{ item }}" % section_number)
        hanging(p)
        b.para(doc, "{%p endfor %}")

    def hanging(p, cm=1.1):
        p.paragraph_format.left_indent = Cm(cm)
        p.paragraph_format.first_line_indent = Cm(-cm)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(cm))

    doc.add_heading("1. Summary", level=2)
    numbered(1, "summary_paragraphs")
    doc.add_heading("2. Recommendations", level=2)
    numbered(2, "recommendations", intro="It is recommended that {{ meeting.body_in_sentence }}:")
    doc.add_heading("3. Reasons for the recommendations", level=2)
    numbered(3, "reason_paragraphs")

    doc.add_heading("4. Alternative options considered", level=2)
    b.para(doc, "Three options were considered. Option 1 is recommended.")
    b.para(doc, "{%p for o in options %}")
    doc.add_heading("Option {{ o.number }}: {{ o.title }}{% if o.recommended %} (recommended){% endif %}", level=3)
    b.labelled(doc, "What it would achieve", "{{ o.benefits }}")
    b.labelled(doc, "Risks", "{{ o.risks }}")
    b.para(doc, "{{ o.verdict }}", bold=True)
    b.para(doc, "{%p endfor %}")
    b.para(doc, "{%p if other_options %}")
    doc.add_heading("Other options", level=3)
    b.para(doc, "{{ other_options }}")
    b.para(doc, "{%p endif %}")

    doc.add_heading("5. Background", level=2)
    numbered(5, "background_paragraphs")

    doc.add_heading("6. Proposal", level=2)
    p = b.para(doc, "6.1\t{{ council.name }} adopts {{ pledge.called }}, and it is signed at this meeting on a "
                    "large-format copy carrying the council’s logo"
                    "{% if partners_sentence %} alongside those of {{ partners_sentence }}{% endif %}"
                    "{% if co_signatories_sentence %}, by the council’s signatories and by "
                    "{{ co_signatories_sentence }}{% endif %}.")
    hanging(p)
    p = b.para(doc, "6.2\tThe council’s practice is reviewed periodically against the commitments of {{ pledge.called }} by "
                    "{{ review.officer }}, working with {{ umbrella }}. Areas that can be developed go into an "
                    "action plan kept by {{ delegate_to }}, and progress is reported to "
                    "{{ reporting.reported_to }} {{ reporting.frequency }}.")
    hanging(p)

    doc.add_heading("7. Implications", level=2)
    b.para(doc, "{%p for i in implication_sections %}")
    doc.add_heading("7.{{ loop.index }} {{ i.heading }}", level=3)
    b.para(doc, "{{ i.text }}", keep_next=True)  # the officer's name stays with what they commented on
    b.para(doc, "{%p if i.signed %}")
    b.para(doc, "{{ i.signed }}", bold=True)
    b.para(doc, "{%p endif %}")
    b.para(doc, "{%p endfor %}")

    doc.add_heading("8. Consultation", level=2)
    p = b.para(doc, "8.1\t{{ consultation }}")
    hanging(p)

    doc.add_heading("9. Appendices", level=2)
    b.para(doc, "{%p for a in appendices %}")
    b.para(doc, "Appendix {{ a.letter }}: {{ a.title }}", style="List Bullet")
    b.para(doc, "{%p endfor %}")

    doc.add_heading("10. Background papers", level=2)
    b.para(doc, "{{ background_papers.sentence }}")
    b.para(doc, "{%p for paper in background_papers.list %}")
    b.para(doc, "{{ paper }}", style="List Bullet")
    b.para(doc, "{%p endfor %}")

    doc.add_heading("11. Contact officer", level=2)
    for label, value in (("Name", "{{ contact.name }}"), ("Job title", "{{ contact.role }}"),
                         ("Telephone", "{{ contact.phone }}")):
        b.labelled(doc, label, value).paragraph_format.keep_with_next = True  # the details stay together
    b.labelled(doc, "Email", "{{ contact.email }}")

    # An ordinary paragraph between a {%p %} tag and a heading that starts a page:
    # word processors may move the page break into the paragraph before it.
    b.para(doc, "", space_after=0)
    appendix = doc.add_heading("Appendix A: {{ pledge.title }}", level=2)
    appendix.paragraph_format.page_break_before = True
    b.para(doc, "{%p for clause in pledge.introduction %}")
    b.para(doc, "{{ clause.ref }} {{ clause.text }}")
    b.para(doc, "{%p endfor %}")
    b.para(doc, "{%p if pledge.process_notes_left_out %}")
    b.para(doc, "{{ pledge.process_notes_left_out }}")
    b.para(doc, "{%p endif %}")
    doc.add_heading("{{ pledge.commitments_heading }}", level=3)
    # Commitments under their group headings, where the pledge has groups.
    b.para(doc, "{%p for g in pledge.groups %}")
    b.para(doc, "{%p if g.heading %}")
    doc.add_heading("{{ g.heading }}", level=4)
    b.para(doc, "{%p endif %}")
    b.para(doc, "{%p for c in g.commitments %}")
    p = b.para(doc, "{{ c.ref }}.\t{{ c.text }}")
    hanging(p, 0.9)
    p.paragraph_format.keep_together = True  # a commitment is read whole, never split across pages
    b.para(doc, "{%p endfor %}")
    b.para(doc, "{%p endfor %}")
    b.core_properties(doc, "{{ report.title }}: {{ council.name }}", "Report to {{ meeting.body }}")
    doc.save(path)


def build_signing_copy(path):
    """The A3 display copy: commitments at 16 pt; signatories two to a row, in the order they sign."""
    doc = b.new_document(font="Arial", size=16, heading_sizes=(32, 20, 16))
    doc.styles["Normal"].paragraph_format.line_spacing = 1.05
    section = b.set_page(doc, b.A3, margins_cm=1.6)
    foot = section.footer.paragraphs[0]
    foot.text = ("{{ pledge.title }}{% if pledge.version %}, version {{ pledge.version }}{% endif %}"
                 "{% if pledge.endorsed_by %}, endorsed by {{ pledge.endorsed_by }}{% endif %}")
    foot.runs[0].font.size = Pt(12)
    foot.alignment = 1

    b.para(doc, "{{ logos.council }}{% for logo in logos.partners %}{{ logos.gap }}{{ logo }}{% endfor %}",
                   align="center", space_after=12)
    b.para(doc, "{%p if logos.placeholder %}")
    b.para(doc, "PLACEHOLDER LOGOS for {{ logos.placeholder }}: not for printing", bold=True, align="center",
           space_after=8)
    b.para(doc, "{%p endif %}")
    title = doc.add_heading("{{ pledge.title }}", level=1)
    title.alignment = 1
    b.subtitle(doc, "{{ council.name }}", size=24, align="center", space_after=12)
    b.para(doc, "{{ council.name }} makes this public commitment to work in collaboration with the "
                "local {{ pledge.sector.name }}.", space_after=10)
    doc.add_heading("Our commitments", level=2)
    b.para(doc, "{%p for g in pledge.groups %}")
    b.para(doc, "{%p if g.heading %}")
    group = doc.add_heading("{{ g.heading }}", level=3)
    group.paragraph_format.space_before = Pt(6)
    group.paragraph_format.keep_with_next = True
    b.para(doc, "{%p endif %}")
    b.para(doc, "{%p for c in g.commitments %}")
    p = b.para(doc, "{{ c.ref }}.\t{{ c.text }}", space_after=3)
    p.paragraph_format.left_indent = Cm(1.2)
    p.paragraph_format.first_line_indent = Cm(-1.2)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(1.2))
    p.paragraph_format.keep_together = True
    b.para(doc, "{%p endfor %}")
    b.para(doc, "{%p endfor %}")

    heading = doc.add_heading("Signed on behalf of {{ council.name }}", level=2)
    heading.paragraph_format.space_before = Pt(12)
    b.para(doc, "Adopted by {{ meeting.body }} on {{ meeting.date }}", bold=True, space_after=4)
    signature_rows(doc, "signatory_rows")
    # Co-signatories (the sector's representatives, a health body...): the council file or the pledge file says who.
    b.para(doc, "{%p if co_signatory_rows %}")
    heading = doc.add_heading("Signed on behalf of partner organisations", level=2)
    heading.paragraph_format.space_before = Pt(12)
    signature_rows(doc, "co_signatory_rows")
    b.para(doc, "{%p endif %}")
    end = b.para(doc, "", space_after=0)  # the last section is never empty, or it takes a page of its own
    end.paragraph_format.line_spacing = Pt(2)
    final = doc.element.body.sectPr  # the last part of the page: one column, on the same page
    from docx.oxml import OxmlElement
    kind = OxmlElement("w:type")
    kind.set(b.qn("w:val"), "continuous")
    final.find(b.qn("w:pgSz")).addprevious(kind)
    b.core_properties(doc, "{{ pledge.title }}: {{ council.name }}", "Signing copy for {{ meeting.body }}, {{ meeting.date }}")
    doc.save(path)


def signature_rows(doc, rows):
    """Signature blocks two to a row, read left to right and row by row: the order people sign in.

    Each row is its own two-column section (continuous), the right block after a
    column break: screen readers, the tagged PDF and the eye all meet 1, 2, then
    3, 4. (A layout table would be read in that order too, but is announced as a
    table of data; columns flowing down a whole list lost the order.)
    """
    from docx.enum.text import WD_BREAK

    section_end(doc, columns=1)  # what comes before the signatures is one column
    b.para(doc, "{%%p for row in %s %%}" % rows)
    for side in ("left", "right"):
        b.para(doc, "{%%p if row.%s %%}" % side)
        name = doc.add_paragraph()
        if side == "right":
            name.add_run().add_break(WD_BREAK.COLUMN)
        name.add_run("{{ row.%s.name }}" % side).bold = True
        # LibreOffice keeps the space before a paragraph that opens with a column break as well as the
        # break's own line: none there, so the two blocks of a row line up.
        name.paragraph_format.space_before = Pt(8 if side == "left" else 0)
        name.paragraph_format.space_after = Pt(0)
        name.paragraph_format.keep_with_next = True
        detail = b.para(doc, "{{ row.%s.role }}" % side, space_after=0, keep_next=True)
        # One ruled line with room above it to sign and to date: the labels sit on the line.
        line = doc.add_paragraph("Signature\tDate")
        line.runs[0].font.size = Pt(12)
        line.paragraph_format.space_before = Pt(32)
        line.paragraph_format.space_after = Pt(2)
        line.paragraph_format.right_indent = Cm(0.6)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(8.2))
        b.bottom_border(line)
        b.para(doc, "{%p endif %}")
    section_end(doc, columns=2)
    b.para(doc, "{%p endfor %}")


def section_end(doc, columns):
    """End a continuous section of ``columns`` columns here (the page, margins and footer as the document's)."""
    import copy

    from docx.oxml import OxmlElement

    final = doc.element.body.sectPr
    ending = copy.deepcopy(final)
    kind = ending.find(b.qn("w:type"))
    if kind is None:
        kind = OxmlElement("w:type")
        ending.find(b.qn("w:pgSz")).addprevious(kind)
    kind.set(b.qn("w:val"), "continuous")
    cols = ending.find(b.qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        ending.append(cols)
    cols.set(b.qn("w:num"), str(columns))
    cols.set(b.qn("w:space"), str(Cm(1.0).twips))
    holder = doc.add_paragraph()
    holder.paragraph_format.space_before = holder.paragraph_format.space_after = Pt(0)
    holder.paragraph_format.line_spacing = Pt(2)
    holder._p.get_or_add_pPr().append(ending)


def build_action_plan(path):
    from docx.enum.section import WD_SECTION

    doc = b.new_document(font="Arial", size=10.5, heading_sizes=(16, 13, 11))
    first = b.set_page(doc, b.A4, margins_cm=2.2)
    b.header_text(first, "{{ council.name }}")
    b.page_number_footer(first, prefix_text="{{ pledge.title }} action plan {{ review.period }}  |  ")

    # Title page (portrait)
    b.para(doc, "{{ logos.council }}", align="right", space_after=48)
    b.para(doc, "{{ pledge.title }}", style="Title")
    doc.add_heading("Action plan {{ review.period }}", level=1)
    b.subtitle(doc, "{{ council.name }}", size=18, space_after=24)
    about_table(doc, "About this plan", (
        ("Status", "{{ governance.status }}"),
        ("Approved by", "{{ governance.approved }}"),
        ("Progress reported to", "{{ governance.reported_to }}"),
        ("How often", "{{ governance.frequency }}"),
        ("Next progress update", "{{ governance.next_update }}"),
        ("Next review", "{{ governance.next_review }}"),
        ("Contact officer", "{{ governance.contact }}"),
        ("Review", "{{ review.period }}, by {{ review.officer }}"),
        ("Date of this plan", "{{ generated }}"),
        ("Review reference", "{{ review.reference }}"),
    ), "The plan's status, who approved it, where and how often progress is reported, the next update and review, "
       "and the contact officer.")
    b.para(doc, "", space_after=6)
    b.para(doc, "This plan comes from the periodic review of the commitments in {{ pledge.called }} against "
                "{{ council.name }}’s day-to-day practice, carried out with {{ pledge.umbrella.name }}. "
                "It lists each commitment’s rating and the actions agreed "
                "to develop it further, each with its outcome, lead, target date and status. Progress "
                "is reported to {{ governance.reported_to_in_sentence }}; the full text of each commitment and the "
                "evidence given are in the appendix.")
    b.para(doc, "{{ ratings_sentence }}")

    body = doc.add_section(WD_SECTION.NEW_PAGE)
    b.set_page(doc, b.A4, margins_cm=2.0, landscape=True, section=body)

    doc.add_heading("Summary of ratings", level=1)
    widths = (1.4, 15.3, 4.5, 4.5)
    t = b.table(doc, ("Ref", "Commitment", "Rating", "Actions"), widths)
    b.add_row(t, ("{%tr for s in summary %}", "", "", ""), widths)
    b.add_row(t, ("{%tr if s.group %}", "", "", ""), widths)
    group = b.add_row(t, ("", "{{ s.group }}", "", ""), widths)
    group.cells[1].paragraphs[0].runs[0].bold = True
    b.add_row(t, ("{%tr endif %}", "", "", ""), widths)
    row = b.add_row(t, ("{{ s.ref }}", "{{ s.commitment }}", "{% cellbg s.fill %}{{ s.rating }}", "{{ s.actions }}"), widths)
    row.cells[2].paragraphs[0].runs[0].bold = True
    b.add_row(t, ("{%tr endfor %}", "", "", ""), widths)
    b.table_description(t, "Summary of ratings", "Each commitment with its rating and number of actions.")

    b.para(doc, "{%p if changes %}")
    doc.add_heading("Changes since the previous review", level=1)
    widths = (1.4, 15.3, 3.0, 3.0, 3.0)
    t = b.table(doc, ("Ref", "Commitment", "Previous rating", "Rating now", "Change"), widths)
    b.add_row(t, ("{%tr for c in changes %}", "", "", "", ""), widths)
    b.add_row(t, ("{{ c.ref }}", "{{ c.commitment }}", "{{ c.previous }}", "{{ c.current }}", "{{ c.change }}"), widths)
    b.add_row(t, ("{%tr endfor %}", "", "", "", ""), widths)
    b.table_description(t, "Changes since the previous review", "Each commitment's previous rating, its rating now and the change.")
    b.para(doc, "{%p endif %}")
    b.para(doc, "", space_after=0)  # keeps the page break below safe from re-saving (see report)

    actions_heading = doc.add_heading("Actions", level=1)
    actions_heading.paragraph_format.page_break_before = True
    b.para(doc, "Actions are listed by target date, each with its ref ({{ action_ref_example }}), "
                "used again in progress updates. {{ overdue_sentence }} Each action’s status is "
                "given in words: Not started, On track, At risk, Off track or Complete; every action "
                "starts as Not started, and progress updates report how it moves on.")
    widths = (1.9, 4.0, 6.0, 5.0, 3.5, 2.8, 2.5)
    t = b.table(doc, ("Action ref", "Commitment", "Action", "Outcome or measure of success", "Lead officer",
                      "Target date", "Status"), widths)
    b.add_row(t, ("{%tr for a in actions %}", "", "", "", "", "", ""), widths)
    row = b.add_row(t, ("{{ a.action_ref }}", "{{ a.commitment }}", "{{ a.text }}", "{{ a.outcome }}", "{{ a.lead }}",
                        "{{ a.target }}", "{% cellbg a.status_fill %}{{ a.status }}"), widths)
    row.cells[6].paragraphs[0].runs[0].bold = True
    row.cells[2].add_paragraph("{%p if a.support %}")
    support = row.cells[2].add_paragraph()
    support.add_run("Support requested: ").bold = True
    support.add_run("{{ a.support }}")
    row.cells[2].add_paragraph("{%p endif %}")
    row.cells[5].add_paragraph("{%p if a.overdue %}")
    overdue = row.cells[5].add_paragraph()
    overdue.add_run("Overdue").bold = True
    row.cells[5].add_paragraph("{%p endif %}")
    b.add_row(t, ("{%tr endfor %}", "", "", "", "", "", ""), widths)
    b.table_description(t, "Actions", "Each action with its commitment, outcome or measure of success, lead "
                        "officer, target date and status, in target date order.")

    appendix = doc.add_heading("Appendix: each commitment in full, with the evidence", level=1)
    appendix.paragraph_format.page_break_before = True
    b.para(doc, "{%p for e in evidence %}")
    # With groups: each group's heading (level 2) above its commitments (level 3).
    b.para(doc, "{%p if e.group %}")
    doc.add_heading("{{ e.group }}", level=2)
    b.para(doc, "{%p endif %}")
    b.para(doc, "{%p if grouped %}")
    doc.add_heading("Commitment {{ e.ref }}: {{ e.short }}", level=3)
    b.para(doc, "{%p else %}")
    doc.add_heading("Commitment {{ e.ref }}: {{ e.short }}", level=2)
    b.para(doc, "{%p endif %}")
    b.para(doc, "{{ e.commitment }}")
    b.labelled(doc, "Rating", "{{ e.rating }}")
    b.labelled(doc, "Evidence of current practice", "{{ e.evidence }}")
    b.para(doc, "{%p if e.comments %}")
    b.labelled(doc, "Comments", "{{ e.comments }}")
    b.para(doc, "{%p endif %}")
    b.para(doc, "{%p endfor %}")
    b.core_properties(doc, "Action plan", "Action plan")
    doc.save(path)


def about_table(doc, caption: str, rows, description: str):
    """A heading and under it the 'Item | Details' table of a plan's or an update's particulars, labels in bold."""
    doc.add_heading(caption, level=2)
    widths = (5.6, 11.0)
    t = b.table(doc, ("Item", "Details"), widths)
    for label, value in rows:
        b.add_row(t, (label, value), widths, bold_first=True)
    b.table_description(t, caption, description)
    return t


def build_progress_report(path):
    from docx.enum.section import WD_SECTION

    doc = b.new_document(font="Arial", size=12, heading_sizes=(16, 14, 12))
    first = b.set_page(doc, b.A4, margins_cm=2.2)
    b.header_text(first, "{{ council.name }}")
    b.page_number_footer(first, prefix_text="{{ pledge.title }} action plan {{ progress.period }}: progress update "
                                             "{{ progress.number }}  |  ")

    b.para(doc, "{{ logos.council }}", align="right", space_after=36)
    b.para(doc, "{{ pledge.title }}", style="Title")
    doc.add_heading("Action plan {{ progress.period }}: progress update {{ progress.number }}", level=1)
    b.subtitle(doc, "{{ council.name }}", size=18, space_after=18)
    b.para(doc, "This report sets out progress on the actions agreed after the {{ progress.period }} review of "
                "the commitments in {{ pledge.called }} against {{ council.name }}’s day-to-day practice. It is for "
                "{{ governance.reported_to_in_sentence }}.")
    b.para(doc, "{{ status_sentence }} {{ overdue_sentence }}")
    about_table(doc, "About this update", (
        ("Progress as at", "{{ progress.as_of }}"),
        ("Reported by", "{{ progress.officer }}"),
        ("Plan status", "{{ governance.status }}"),
        ("Plan approved by", "{{ governance.approved }}"),
        ("Progress reported to", "{{ governance.route }}"),
        ("Next progress update", "{{ governance.next_update }}"),
        ("Next review", "{{ governance.next_review }}"),
        ("Contact officer", "{{ governance.contact }}"),
        ("Progress reference", "{{ progress.reference }}"),
    ), "When progress was reported and by whom, the plan's status and approval, where and how often progress is "
       "reported, the next update and review, and the contact officer.")

    body = doc.add_section(WD_SECTION.NEW_PAGE)
    b.set_page(doc, b.A4, margins_cm=2.0, landscape=True, section=body)
    doc.add_heading("Summary by status", level=1)
    b.para(doc, "Each status is given in words; its colour repeats the word. {{ status_sentence }}")
    widths = (4.5, 2.6, 18.6)
    t = b.table(doc, ("Status", "Actions", "What it means"), widths)
    b.add_row(t, ("{%tr for s in status_summary %}", "", ""), widths)
    row = b.add_row(t, ("{% cellbg s.fill %}{{ s.status }}", "{{ s.count }}", "{{ s.meaning }}"), widths)
    row.cells[0].paragraphs[0].runs[0].bold = True
    b.add_row(t, ("{%tr endfor %}", "", ""), widths)
    b.table_description(t, "Summary by status", "The number of actions at each status, with what the status means.")

    doc.add_heading("Overdue actions", level=1)
    b.para(doc, "{{ overdue_sentence }}", keep_next=True)
    b.para(doc, "{%p if overdue %}")
    widths = (1.6, 4.6, 7.4, 4.4, 3.4, 1.9, 2.4)
    t = b.table(doc, ("Ref", "Commitment", "Action", "Lead officer", "Due", "Days over", "Status"), widths)
    b.add_row(t, ("{%tr for a in overdue %}", "", "", "", "", "", ""), widths)
    row = b.add_row(t, ("{{ a.ref }}", "{{ a.commitment }}", "{{ a.text }}", "{{ a.lead }}", "{{ a.due }}",
                        "{{ a.days_overdue }}", "{% cellbg a.status_fill %}{{ a.status }}"), widths)
    row.cells[6].paragraphs[0].runs[0].bold = True
    b.add_row(t, ("{%tr endfor %}", "", "", "", "", "", ""), widths)
    b.table_description(t, "Overdue actions", "Actions past their target or revised date and not complete.")
    b.para(doc, "{%p endif %}")

    doc.add_heading("Completed since the last update", level=1)
    b.para(doc, "{{ completed_sentence }}", keep_next=True)
    b.para(doc, "{%p if completed %}")
    widths = (1.6, 4.6, 7.0, 12.5)
    t = b.table(doc, ("Ref", "Commitment", "Action", "Evidence of completion"), widths)
    b.add_row(t, ("{%tr for a in completed %}", "", "", ""), widths)
    b.add_row(t, ("{{ a.ref }}", "{{ a.commitment }}", "{{ a.text }}", "{{ a.evidence }}"), widths)
    b.add_row(t, ("{%tr endfor %}", "", "", ""), widths)
    b.table_description(t, "Completed since the last update", "Actions completed since the last update, with the evidence.")
    b.para(doc, "{%p endif %}")

    doc.add_heading("Target dates that moved", level=1)
    b.para(doc, "{{ moved_sentence }}", keep_next=True)
    b.para(doc, "{%p if moved %}")
    widths = (1.6, 4.6, 7.4, 4.0, 4.0, 4.1)
    t = b.table(doc, ("Ref", "Commitment", "Action", "Target date", "Revised date", "Moved by"), widths)
    b.add_row(t, ("{%tr for a in moved %}", "", "", "", "", ""), widths)
    b.add_row(t, ("{{ a.ref }}", "{{ a.commitment }}", "{{ a.text }}", "{{ a.target }}", "{{ a.revised }}",
                  "{{ a.moved }}"), widths)
    b.add_row(t, ("{%tr endfor %}", "", "", "", "", ""), widths)
    b.table_description(t, "Target dates that moved", "Actions whose target date was revised, and by how much.")
    b.para(doc, "{%p endif %}")
    b.para(doc, "", space_after=0)  # keeps the page break below safe from re-saving (see report)

    every = doc.add_heading("Every action", level=1)
    every.paragraph_format.page_break_before = True
    b.para(doc, "{{ actions_order }}")
    widths = (1.4, 4.2, 5.6, 3.6, 3.0, 2.5, 5.4)
    t = b.table(doc, ("Ref", "Commitment", "Action and outcome", "Lead officer", "Due", "Status", "Progress update"),
                widths)
    b.add_row(t, ("{%tr for a in actions %}", "", "", "", "", "", ""), widths)
    b.add_row(t, ("{%tr if a.group %}", "", "", "", "", "", ""), widths)
    group = b.add_row(t, ("", "{{ a.group }}", "", "", "", "", ""), widths)
    group.cells[1].paragraphs[0].runs[0].bold = True
    b.add_row(t, ("{%tr endif %}", "", "", "", "", "", ""), widths)
    row = b.add_row(t, ("{{ a.ref }}", "{{ a.commitment }}", "{{ a.text }}", "{{ a.lead }}", "{{ a.due }}",
                        "{% cellbg a.status_fill %}{{ a.status }}", "{{ a.progress }}"), widths)
    row.cells[5].paragraphs[0].runs[0].bold = True
    outcome = row.cells[2].add_paragraph()
    outcome.add_run("Outcome: ").bold = True
    outcome.add_run("{{ a.outcome }}")
    row.cells[4].add_paragraph("{%p if a.moved %}")
    row.cells[4].add_paragraph("(was {{ a.target }})")
    row.cells[4].add_paragraph("{%p endif %}")
    row.cells[6].add_paragraph("{%p if a.evidence %}")
    evidence = row.cells[6].add_paragraph()
    evidence.add_run("Evidence: ").bold = True
    evidence.add_run("{{ a.evidence }}")
    row.cells[6].add_paragraph("{%p endif %}")
    row.cells[6].add_paragraph("{%p if a.comments %}")
    comments = row.cells[6].add_paragraph()
    comments.add_run("Comments: ").bold = True
    comments.add_run("{{ a.comments }}")
    row.cells[6].add_paragraph("{%p endif %}")
    b.add_row(t, ("{%tr endfor %}", "", "", "", "", "", ""), widths)
    b.table_description(t, "Every action", "Each action with its commitment, outcome, lead officer, the date it is "
                        "now due, its status and the progress update.")
    b.core_properties(doc, "Action plan: progress update", "Progress report")
    doc.save(path)


def build_summary_base(path):
    """Styles, page and footer for the county-wide summary; its body is written in code."""
    doc = b.new_document(font="Arial", size=10.5, heading_sizes=(16, 13, 11))
    section = b.set_page(doc, b.A4, margins_cm=1.8, landscape=True)
    b.page_number_footer(section, prefix_text="Summary of reviews  |  ")
    body = doc.element.body
    for paragraph in list(body.iterchildren(b.qn("w:p"))):
        body.remove(paragraph)
    b.core_properties(doc, "Summary of reviews", "Summary of reviews")
    doc.save(path)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, build in (("report.docx", build_report), ("signing-copy.docx", build_signing_copy),
                        ("action-plan.docx", build_action_plan), ("progress-report.docx", build_progress_report),
                        ("summary-base.docx", build_summary_base)):
        build(OUT / name)
        print("wrote", OUT / name)
