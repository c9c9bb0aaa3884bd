"""Build bits of Word documents in code for tests."""

from docx.oxml import OxmlElement


def add_hyperlink_text(paragraph, text: str) -> None:
    """Append a run of ``text`` wrapped in a w:hyperlink, as Word writes a link."""
    link = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.text = text
    run.append(element)
    link.append(run)
    paragraph._p.append(link)
