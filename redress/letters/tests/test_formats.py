"""Each letter format read back as a recipient's software would read it.

PDFs are read with poppler (pdftotext, pdfinfo, pdftohtml; scripts/install-letter-deps
installs them), Word files with python-docx. Plain functions: no database, no Django app.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import xml.etree.ElementTree as ET
import zlib

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from redress.letters.formats import (
    Branding,
    LetterDocument,
    body_blocks,
    to_docx,
    to_html_page,
    to_pdf,
    to_text,
)

TITLE = "Your complaint CMP-2026-000123: our stage 1 response"
BODY = """
<p>Dear Ms Okafor,</p>
<h2>Your complaint</h2>
<p>You told us that <strong>damp &amp; mould</strong> in your <em>bedroom</em> had not been
   treated after three visits.<br>We are sorry that it took so long.</p>
<h2>What we decided</h2>
<ul>
  <li>The repair was late: <strong>upheld</strong></li>
  <li>Staff did not call back: not upheld</li>
</ul>
<h3>What we will do</h3>
<ol><li>Treat the mould by 5 December 2026</li><li>Pay you £150</li></ol>
<table><tr><th>Item</th><th>Amount</th></tr><tr><td>Time and trouble</td><td>£150</td></tr></table>
<p>If you are unhappy you can contact the
   <a href="https://www.housing-ombudsman.org.uk/">Housing Ombudsman</a>
   or email <a href="mailto:complaints@example.org">complaints@example.org</a>.</p>
"""


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), (0x7A, 0x1F, 0x5C)).save(out, format="PNG")
    return out.getvalue()


BRANDING = Branding(
    name="Riverside Homes",
    brand_colour="#7A1F5C",
    address="1 Quay Street\nBristol\nBS1 1AA",
    logo=png(),
    logo_type="image/png",
)


def letter(**changes) -> LetterDocument:
    fields = {
        "title": TITLE,
        "html": BODY,
        "recipient": "Ms Ada Okafor\n12 Mill Lane\nBristol\nBS2 3CD",
        "date": "24 November 2026",
        "reference": "CMP-2026-000123",
    }
    return LetterDocument(**(fields | changes))


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_file(tmp_path, data: bytes):
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    return path


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", run("pdftotext", "-enc", "UTF-8", str(path), "-"))


def pdf_objects(data: bytes) -> bytes:
    """The PDF's bytes with every Flate stream decompressed (the catalog is in an object stream)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompressobj().decompress(data[match.end() : end]))
    return b"\n".join(parts)


def font_sizes(path) -> dict[str, int]:
    """Each line of text on the pages and its font size in points, as poppler lays it out."""
    root = ET.fromstring(run("pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(path)))
    sizes = {spec.get("id"): int(spec.get("size")) for spec in root.iter("fontspec")}
    lines: dict[str, int] = {}
    for text in root.iter("text"):
        content = "".join(text.itertext()).strip()
        if content:
            lines[content] = min(lines.get(content, 99), sizes[text.get("font")])
    return lines


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_is_a_standalone_document_in_british_english():
    page = to_html_page(letter(), BRANDING)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB"' in page
    assert f"<title>{TITLE}</title>" in page
    assert "Riverside Homes" in page
    assert "Ms Ada Okafor<br>12 Mill Lane<br>Bristol<br>BS2 3CD" in page
    assert BODY in page  # the body is already safe HTML: included as it is
    assert 'src="data:image/png;base64,' in page and 'alt=""' in page
    assert "--brand-colour: #7a1f5c" in page
    assert "http" not in page.replace("https://www.housing-ombudsman.org.uk/", "")


def test_html_page_escapes_plain_fields_once_and_the_body_not_again():
    page = to_html_page(
        letter(title="Repairs <urgent> & damp", html="<p>Fish &amp; chips</p>"),
        Branding(name="Smith & Sons <Homes>", brand_colour="#000000"),
    )
    assert "<title>Repairs &lt;urgent&gt; &amp; damp</title>" in page
    assert "Smith &amp; Sons &lt;Homes&gt;" in page
    assert "<p>Fish &amp; chips</p>" in page
    assert "&amp;amp;" not in page and "&amp;lt;" not in page


def test_a_brand_colour_that_is_not_a_colour_cannot_reach_the_stylesheet():
    page = to_html_page(letter(), Branding(name="X", brand_colour="red}</style><script>"))
    assert "<script>" not in page
    assert "--brand-colour: #1d70b8" in page


def test_large_print_marks_the_page():
    assert '<body class="large-print">' in to_html_page(letter(large_print=True), BRANDING)
    assert '<body class="">' in to_html_page(letter(), BRANDING)


# --- PDF --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    data = to_pdf(letter(), BRANDING)
    path = tmp_path_factory.mktemp("pdf") / "letter.pdf"
    path.write_bytes(data)
    return path


def test_pdf_says_everything_the_letter_says(pdf):
    text = pdf_text(pdf)
    for expected in (
        "Riverside Homes",
        "1 Quay Street",
        TITLE,
        "Ms Ada Okafor",
        "12 Mill Lane",
        "BS2 3CD",
        "24 November 2026",
        "Our reference: CMP-2026-000123",
        "Your complaint",
        "What we decided",
        "What we will do",
        "damp & mould in your bedroom had not been treated after three visits.",
        "We are sorry that it took so long.",
        "The repair was late: upheld",
        "Staff did not call back: not upheld",
        "Treat the mould by 5 December 2026",
        "Time and trouble",
        "£150",
        "Housing Ombudsman",
        "Page 1 of 1",
    ):
        assert expected in text, expected


def test_pdf_is_tagged_a4_with_its_title_and_language(pdf):
    info = run("pdfinfo", str(pdf))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(rf"^Title:\s+{re.escape(TITLE)}$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M)
    objects = pdf_objects(pdf.read_bytes())
    assert re.search(rb"/Lang \(en-GB\)", objects)
    assert re.search(rb"/StructTreeRoot \d+ 0 R", objects)
    assert re.search(rb"/MarkInfo <</Marked true>>", objects)
    assert re.search(rb"/DisplayDocTitle true", objects)


def test_pdf_body_is_ordinary_print_by_default(pdf):
    sizes = font_sizes(pdf)
    assert sizes["Dear Ms Okafor,"] < 16


def test_large_print_pdf_is_at_least_16pt_throughout_with_larger_headings(tmp_path):
    path = pdf_file(tmp_path, to_pdf(letter(large_print=True), BRANDING))
    sizes = font_sizes(path)
    assert min(sizes.values()) >= 16, sizes
    assert sizes["Dear Ms Okafor,"] == 18
    assert sizes["Your complaint"] > 18
    assert sizes["What we will do"] > 18
    assert "Page 1 of 2" in sizes  # larger print, more pages


# --- Word -------------------------------------------------------------------------------------


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def styled(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def test_word_letter_has_real_headings_lists_and_paragraphs():
    document = open_docx(to_docx(letter(), BRANDING))
    paragraphs = styled(document)
    assert ("Letterhead", "Riverside Homes") in paragraphs
    assert ("Heading 1", TITLE) in paragraphs
    assert ("Heading 2", "Your complaint") in paragraphs
    assert ("Heading 2", "What we decided") in paragraphs
    assert ("Heading 3", "What we will do") in paragraphs
    assert ("List Bullet", "The repair was late: upheld") in paragraphs
    assert ("List Bullet", "Staff did not call back: not upheld") in paragraphs
    assert ("Numbered Item", "1.\tTreat the mould by 5 December 2026") in paragraphs
    assert ("Numbered Item", "2.\tPay you £150") in paragraphs
    assert ("Normal", "Dear Ms Okafor,") in paragraphs
    assert (
        "Normal",
        "You told us that damp & mould in your bedroom had not been treated after three "
        "visits.\nWe are sorry that it took so long.",
    ) in paragraphs
    assert ("Normal", "Ms Ada Okafor\n12 Mill Lane\nBristol\nBS2 3CD") in paragraphs
    assert ("Normal", "Our reference: CMP-2026-000123") in paragraphs
    [table] = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Item", "Amount"],
        ["Time and trouble", "£150"],
    ]
    assert not any("{" in text for _, text in paragraphs)  # no template tag left over


def test_word_letter_formatting_links_and_properties():
    document = open_docx(to_docx(letter(), BRANDING))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("You told us"))
    assert [r.text for r in paragraph.runs if r.bold] == ["damp & mould"]
    assert [r.text for r in paragraph.runs if r.italic] == ["bedroom"]
    links = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert {"https://www.housing-ombudsman.org.uk/", "mailto:complaints@example.org"} <= links
    assert document.core_properties.title == TITLE
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.author == "Riverside Homes"
    bar = document.styles["Letterhead"].element.find(f".//{qn('w:bottom')}")
    assert bar.get(qn("w:color")) == "7A1F5C"
    assert document.inline_shapes  # the logo
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "Riverside Homes, our reference CMP-2026-000123" in footer
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def test_word_letter_escapes_what_it_is_given():
    data = to_docx(
        letter(title="Repairs <urgent> & damp", html="<p>Fish &amp; chips &lt;3</p>"),
        Branding(name="Smith & Sons", brand_colour="#000000"),
    )
    paragraphs = styled(open_docx(data))
    assert ("Heading 1", "Repairs <urgent> & damp") in paragraphs
    assert ("Normal", "Fish & chips <3") in paragraphs
    assert ("Letterhead", "Smith & Sons") in paragraphs


def test_word_letter_in_ordinary_print_sets_no_large_sizes():
    document = open_docx(to_docx(letter(), BRANDING))
    assert document.styles["Normal"].font.size.pt == 12
    body = next(p for p in document.paragraphs if p.text == "Dear Ms Okafor,")
    assert all(run.font.size is None for run in body.runs)


def test_large_print_word_letter_is_18pt_with_larger_headings():
    document = open_docx(to_docx(letter(large_print=True), BRANDING))
    styles = document.styles
    assert styles["Normal"].font.size.pt == 18
    assert styles["Heading 1"].font.size.pt > 18
    assert styles["Heading 2"].font.size.pt > 18
    assert styles["Heading 3"].font.size.pt > 18
    for text in ("Dear Ms Okafor,", "The repair was late: upheld", "2.\tPay you £150"):
        paragraph = next(p for p in document.paragraphs if p.text == text)
        sized = [run.font.size.pt for run in paragraph.runs if run.text.strip()]
        assert sized and all(size == 18 for size in sized), (text, sized)
    heading = next(p for p in document.paragraphs if p.text == "Your complaint")
    assert all(run.font.size is None for run in heading.runs)  # the heading style's size


# --- Plain text -------------------------------------------------------------------------------


def test_text_email_body():
    text = to_text(letter(), BRANDING)
    assert text.startswith(TITLE + "\n" + "=" * len(TITLE) + "\n")
    assert "24 November 2026\nOur reference: CMP-2026-000123" in text
    assert "\nYour complaint\n==============\n" in text
    assert (
        "- The repair was late: upheld\n- Staff did not call back: not upheld\n\n"
        "What we will do\n---------------\n\n"
        "1. Treat the mould by 5 December 2026\n2. Pay you £150\n\n"
        "Item | Amount\nTime and trouble | £150"
    ) in text
    flowing = re.sub(r"\s+", " ", text)
    assert "Housing Ombudsman (https://www.housing-ombudsman.org.uk/)" in flowing
    assert "email complaints@example.org." in flowing  # an address is not repeated
    assert "damp & mould" in text and "<" not in text and "&amp;" not in text
    assert text.endswith("-- \nRiverside Homes\n1 Quay Street\nBristol\nBS1 1AA\n")


def test_text_wraps_at_78_with_hanging_indents():
    long = " ".join(["We will put this right as soon as we can."] * 8)
    text = to_text(
        letter(html=f"<p>{long}</p><ul><li>{long}<ul><li>{long}</li></ul></li></ul>"),
        BRANDING,
    )
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 78
    assert sum(len(line) > 70 for line in lines) > 5  # it fills the lines
    bullet = lines.index(next(line for line in lines if line.startswith("- ")))
    assert re.match(r"  \w", lines[bullet + 1])
    nested = next(i for i, line in enumerate(lines) if line.startswith("  - "))
    assert re.match(r"    \w", lines[nested + 1])
    paragraph = "\n".join(lines[: bullet - 1])
    assert re.sub(r"\s+", " ", paragraph).endswith(long)


def test_body_blocks_collapse_whitespace_and_decode_entities_once():
    [block] = body_blocks("<p>\n  Fish   &amp;amp;\n <b> chips </b> <br> now </p>")
    assert [(span.text, span.bold) for span in block.spans] == [
        ("Fish &amp; ", False),
        ("chips", True),
        ("\n", False),
        ("now", False),
    ]
