"""The annual report as a web page, a PDF and a Word file, all from one template.

`oversight/annual_report/_content.html` renders a report's content (sections (a) to
(f) and the governing body's response) once; the public page includes it, the PDF is
WeasyPrint's tagged PDF/UA-1 of it in a standalone page, and the Word file is built
from the same HTML with the letters' block parser (`redress.letters.formats`), so the
three never say different things. The landlord's name, colour and logo brand each one,
as they brand letters; the fonts are the letters' (Arial, else Liberation Sans).
"""

from __future__ import annotations

import base64
import io
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from redress.code.london import london_date
from redress.letters import formats
from redress.letters.services import branding as landlord_branding

from .data import day

LANG = "en-GB"
FONT = "Arial"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def title_of(content: dict) -> str:
    return f"Annual complaints performance and service improvement report {content['label']}"


def intro_of(content: dict, revision=None) -> str:
    text = (
        f"Our report on how we handled complaints from {content['first_day']} to "
        f"{content['last_day']}, under the Housing Ombudsman's Complaint Handling Code."
    )
    if revision is not None:
        published = day(london_date(revision.published_at))
        text += f" Revision {revision.number}, published {published}."
        if revision.correction:
            text += f" This revision corrects: {revision.correction}"
    return text


def content_html(content: dict, *, for_print: bool = False) -> str:
    """Sections (a) to (f) and the response; links absolute when printed."""
    site_url = settings.REDRESS_PUBLIC_URL.rstrip("/") if for_print else ""
    return render_to_string(
        "oversight/annual_report/_content.html",
        {"report": content, "for_print": for_print, "site_url": site_url},
    )


def to_pdf(content: dict, revision=None) -> bytes:
    """A4 landscape, tagged PDF/UA-1, with the report's title and language in its metadata."""
    from weasyprint import HTML

    brand = landlord_branding()
    logo = ""
    if brand.logo and brand.logo_type in formats.LOGO_TYPES:
        logo = f"data:{brand.logo_type};base64,{base64.b64encode(brand.logo).decode('ascii')}"
    page = render_to_string(
        "oversight/annual_report/print.html",
        {
            "title": title_of(content),
            "intro": intro_of(content, revision),
            "branding": brand,
            "colour": formats.brand_colour(brand),
            "logo": logo,
            "body": mark_safe(content_html(content, for_print=True)),  # noqa: S308 rendered above
        },
    )
    return HTML(string=page).write_pdf(pdf_variant="pdf/ua-1")


def _captions_first(html: str) -> str:
    """A table's caption as a bold paragraph before it: the block parser reads no captions."""
    return re.sub(
        r"(<table[^>]*>)\s*<caption[^>]*>(.*?)</caption>",
        r"<p><strong>\2</strong></p>\1",
        html,
        flags=re.S,
    )


def to_docx(content: dict, revision=None) -> bytes:
    """Real headings (the title, then (a) to (f) as level 1), tables with header rows that
    repeat on each page, the landlord's name over a bar in its colour."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    brand = landlord_branding()
    colour = formats.brand_colour(brand)[1:].upper()
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(15))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    document.styles["Normal"].font.size = Pt(10)

    landlord = document.add_paragraph()
    landlord.add_run(brand.name).bold = True
    if brand.logo and brand.logo_type in formats.LOGO_TYPES:
        landlord.insert_paragraph_before().add_run().add_picture(
            io.BytesIO(brand.logo), height=Mm(15)
        )
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "24"), ("space", "4"), ("color", colour)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    landlord._p.get_or_add_pPr().append(borders)

    document.add_heading(title_of(content), level=0)
    document.add_paragraph(intro_of(content, revision))
    levels = {"h2": 1, "h3": 2}
    for block in formats.body_blocks(_captions_first(content_html(content, for_print=True))):
        if block.kind in levels:
            document.add_heading(_plain(block.spans), level=levels[block.kind])
        elif block.kind == "table":
            _table(document, block.rows, qn, OxmlElement)
        elif block.kind == "li":
            _runs(document.add_paragraph(style="List Bullet"), block.spans)
        else:
            _runs(document.add_paragraph(), block.spans)

    props = document.core_properties
    props.title = title_of(content)
    props.author = brand.name
    props.language = LANG
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _plain(spans) -> str:
    return "".join(span.text for span in spans)


def _runs(paragraph, spans, bold: bool = False) -> None:
    for span in spans:
        if span.text == "\n":
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(span.text)
        run.bold = bold or span.bold or None
        run.italic = span.italic or None


def _table(document, rows, qn, OxmlElement) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for cell, source in zip(cells, row, strict=False):
            _runs(cell.paragraphs[0], source.spans, bold=source.header)
    if rows and all(cell.header for cell in rows[0]):
        # The header row repeats on every page and is read as a header by screen readers.
        properties = table.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        properties.append(header)
    document.add_paragraph()
