"""The self-assessment as Word, in the Ombudsman's layout (the Code's Appendix 2).

The form's introductory paragraphs, then one table a section with the section's title as
its heading and the Ombudsman's five columns. An action for an answer short of yes goes
in the commentary cell, with its owner and date, rather than in a sixth column, so the
table keeps the layout the Ombudsman and residents know.
"""

from __future__ import annotations

import io

from redress.code.london import long_date

from .models import Assessment, Comply
from .selectors import sections_of

HEADER = (
    "Code provision",
    "Code requirement",
    "Comply: Yes / No",
    "Evidence",
    "Commentary / explanation",
)
# The form's own introduction, as the Ombudsman publishes it.
INTRODUCTION = (
    "This self-assessment form should be completed by the complaints officer and it must be "
    "reviewed and approved by the landlord's governing body at least annually.",
    "Once approved, landlords must publish the self-assessment as part of the annual "
    "complaints performance and service improvement report on their website. The governing "
    "body's response to the report must be published alongside this.",
    "Landlords are required to complete the self-assessment in full and support all "
    "statements with evidence, with additional commentary as necessary.",
    "We recognise that there may be a small number of circumstances where landlords are "
    "unable to meet the requirements, for example, if they do not have a website. In these "
    "circumstances, we expect landlords to deliver the intentions of the Code in an "
    "alternative way, for example by publishing information in a public area so that it is "
    "easily accessible.",
)
# Column widths in centimetres on a landscape A4 page (27.7 cm between the margins).
WIDTHS = (2.2, 7.5, 2.3, 8.2, 7.5)


def commentary(answer) -> str:
    """The commentary cell: the officer's commentary, then any action, owner and date."""
    if answer is None:
        return ""
    parts = [answer.commentary] if answer.commentary else []
    if answer.action:
        due = f" by {long_date(answer.action_due)}" if answer.action_due else ""
        owner = f" (owner: {answer.action_owner})" if answer.action_owner else ""
        parts.append(f"Action: {answer.action}{owner}{due}.")
    return "\n\n".join(parts)


def comply(answer) -> str:
    return Comply(answer.comply).label if answer is not None and answer.comply else ""


def status_line(assessment: Assessment) -> str:
    """Where the version stands, under the title: approved and published, or not yet."""
    if assessment.approved_on:
        approved = (
            f"Approved by the governing body on {long_date(assessment.approved_on)} "
            f"(minute {assessment.minute_reference})."
        )
    else:
        approved = "Not yet approved by the governing body."
    return f"Version {assessment.version}: {assessment.get_trigger_display()}. {approved}"


def assessment_docx(assessment: Assessment, landlord_name: str = "") -> bytes:
    """The version as a .docx file."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.0))
    document.styles["Normal"].font.size = Pt(10)

    title = f"Self-assessment against the Complaint Handling Code {assessment.label}"
    document.core_properties.title = title
    document.add_heading(f"{landlord_name}: {title}" if landlord_name else title, level=0)
    document.add_paragraph(status_line(assessment))
    document.add_heading("Appendix 2: Self-assessment form", level=1)
    for paragraph in INTRODUCTION:
        document.add_paragraph(paragraph)

    for part in sections_of(assessment):
        document.add_heading(f"Section {part.number}: {part.title}", level=1)
        table = document.add_table(rows=1, cols=len(HEADER))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table.rows[0])
        for row in part.rows:
            answer = row.answer
            values = (
                row.number,
                row.requirement,
                comply(answer),
                answer.evidence if answer else "",
                commentary(answer),
            )
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
        for column, width in zip(table.columns, WIDTHS, strict=True):
            for cell in column.cells:
                cell.width = Cm(width)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _repeat_header(row) -> None:
    """Word repeats the header row at the top of each page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)
