"""A letter in each format it is sent in: HTML preview, PDF, Word and a plain-text email body.

The letters app renders a letter's body once, as a small safe HTML fragment,
and every format is made from that, so what was checked before issue is what
every recipient gets. Large print is a recorded reasonable adjustment, not a
style choice: it sets the body to 18pt (the Code's guidance and RNIB's say at
least 16pt) and headings larger, in the PDF and in Word alike.

Pure functions with no Django: WeasyPrint and docxtpl are imported only when a
PDF or a Word file is made, so the rest of the app does not need Pango.
"""

from __future__ import annotations

import base64
import io
import itertools
import re
import textwrap
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
PRINT_CSS = HERE / "print.css"
DOCX_TEMPLATE = HERE / "docx" / "letter.docx"

LANG = "en-GB"
TEXT_WIDTH = 78
LARGE_PRINT_PT = 18
DEFAULT_BRAND_COLOUR = "#1d70b8"
LOGO_TYPES = {"image/png", "image/jpeg"}


@dataclass(frozen=True)
class Branding:
    """The landlord's, from its settings."""

    name: str
    brand_colour: str
    address: str = ""
    logo: bytes | None = None
    logo_type: str = ""


@dataclass(frozen=True)
class LetterDocument:
    """One letter, its body already rendered and escaped by the letters app."""

    title: str
    html: str
    recipient: str = ""
    date: str = ""
    reference: str = ""
    large_print: bool = False


# --- HTML (the preview, and WeasyPrint's input) --------------------------------------------


def to_html_page(doc: LetterDocument, branding: Branding) -> str:
    """A complete standalone HTML document: styles and logo inline, nothing fetched."""
    css = PRINT_CSS.read_text(encoding="utf-8")
    colour = brand_colour(branding)
    logo = ""
    if branding.logo and branding.logo_type in LOGO_TYPES:
        data = base64.b64encode(branding.logo).decode("ascii")
        # Decorative: the landlord's name follows it as text.
        logo = f'<img class="letter-logo" src="data:{branding.logo_type};base64,{data}" alt="">'
    address = ""
    if branding.address.strip():
        address = f'<p class="letter-landlord-address">{_lines(branding.address)}</p>'
    recipient = ""
    if doc.recipient.strip():
        recipient = f'<p class="letter-recipient">{_lines(doc.recipient)}</p>'
    meta = ""
    if doc.date:
        meta += f'<p class="letter-date">{escape(doc.date)}</p>'
    if doc.reference:
        meta += f'<p class="letter-reference">Our reference: {escape(doc.reference)}</p>'
    if meta:
        meta = f'<div class="letter-meta">{meta}</div>'
    body_class = "large-print" if doc.large_print else ""
    return f"""<!DOCTYPE html>
<html lang="{LANG}" style="--brand-colour: {colour}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(doc.title)}</title>
<meta name="author" content="{escape(branding.name)}">
<style>
{css}</style>
</head>
<body class="{body_class}">
<header class="letter-header">
{logo}<p class="letter-landlord">{escape(branding.name)}</p>
{address}
</header>
<main>
{recipient}
{meta}
<h1>{escape(doc.title)}</h1>
{doc.html}
</main>
</body>
</html>
"""


def brand_colour(branding: Branding) -> str:
    """The landlord's colour if it is a #rrggbb colour, else a default: it goes into CSS."""
    colour = branding.brand_colour.strip()
    return colour.lower() if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else DEFAULT_BRAND_COLOUR


def _lines(text: str) -> str:
    return "<br>".join(escape(line.strip()) for line in text.strip().splitlines())


# --- PDF ------------------------------------------------------------------------------------


def to_pdf(doc: LetterDocument, branding: Branding) -> bytes:
    """A4, tagged PDF/UA-1: title and language in the metadata, page numbers in the footer."""
    from weasyprint import HTML

    html = HTML(string=to_html_page(doc, branding))
    return html.write_pdf(pdf_variant="pdf/ua-1")


# --- The body as blocks (for Word and plain text) -------------------------------------------


@dataclass
class Span:
    """A run of text with its inline formatting; a line break is a Span whose text is "\\n"."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class Block:
    """A heading ("h2", "h3"), paragraph ("p"), list item ("li") or table ("table")."""

    kind: str
    spans: list[Span] = field(default_factory=list)
    depth: int = 0  # list items: 1 for a top-level list
    number: int = 0  # ordered list items: their number, else 0
    first: bool = False  # list items: the first of their list
    rows: list[list[Cell]] = field(default_factory=list)  # tables


@dataclass
class Cell:
    spans: list[Span]
    header: bool = False


HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
PARAGRAPHS = {"p", "blockquote", "address"}


class _BodyParser(HTMLParser):
    """Turns the body's safe HTML fragment into blocks; unknown tags keep their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.block: Block | None = None
        self.lists: list[list[int]] = []  # per open list: [ordered (0/1), items so far]
        self.bold = 0
        self.italic = 0
        self.hrefs: list[str] = []
        self.rows: list[list[Cell]] | None = None
        self.cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HEADINGS:
            self._start(HEADINGS[tag])
        elif tag in PARAGRAPHS:
            if self.block is not None and self.block.kind == "li":
                if _has_text(self.block.spans):
                    self._add("\n")
            elif self.cell is None:
                self._start("p")
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([int(tag == "ol"), 0])
        elif tag == "li":
            ordered, number = self.lists[-1] if self.lists else (0, 0)
            if self.lists:
                self.lists[-1][1] = number + 1
            self._start("li")
            self.block.depth = max(len(self.lists), 1)
            self.block.number = number + 1 if ordered else 0
            self.block.first = number == 0
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
        elif tag == "br":
            self._add("\n")
        elif tag == "table":
            self._flush()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            if not self.rows:
                self.rows.append([])
            self.cell = Cell([], header=tag == "th")
            self.rows[-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADINGS or tag == "li":
            self._flush()
        elif tag in PARAGRAPHS:
            if self.block is not None and self.block.kind == "p":
                self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("strong", "b"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("em", "i"):
            self.italic = max(self.italic - 1, 0)
        elif tag == "a":
            if self.hrefs:
                self.hrefs.pop()
        elif tag in ("td", "th") and self.cell is not None:
            self.cell.spans = _tidy(self.cell.spans)
            self.cell = None
        elif tag == "table" and self.rows is not None:
            rows = [row for row in self.rows if row]
            if rows:
                self.blocks.append(Block("table", rows=rows))
            self.rows = None
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is None and self.block is None:
            if not data.strip() or self.rows is not None:
                return  # whitespace between blocks, or stray text in a table's structure
            self._start("p")
        self._add(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _add(self, text: str) -> None:
        span = Span(text, self.bold > 0, self.italic > 0, self.hrefs[-1] if self.hrefs else "")
        (self.cell.spans if self.cell is not None else self.block.spans).append(span)

    def _start(self, kind: str) -> None:
        self._flush()
        self.block = Block(kind)

    def _flush(self) -> None:
        if self.block is not None:
            self.block.spans = _tidy(self.block.spans)
            if _has_text(self.block.spans):
                self.blocks.append(self.block)
        self.block = None


def _has_text(spans: list[Span]) -> bool:
    return any(span.text.strip() for span in spans)


def _tidy(spans: list[Span]) -> list[Span]:
    """Collapse whitespace as a browser would; keep line breaks, drop them at either end."""
    out: list[Span] = []
    for span in spans:
        if span.text == "\n":
            if out:
                out[-1].text = out[-1].text.rstrip(" ")
            out.append(span)
            continue
        text = re.sub(r"\s+", " ", span.text)
        if not out or out[-1].text.endswith((" ", "\n")):
            text = text.lstrip(" ")
        if text:
            out.append(Span(text, span.bold, span.italic, span.href))
    while out and (out[-1].text == "\n" or not out[-1].text.strip()):
        out.pop()
    while out and out[0].text == "\n":
        out.pop(0)
    if out:
        out[-1].text = out[-1].text.rstrip(" ")
    return out


def body_blocks(html: str) -> list[Block]:
    parser = _BodyParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


# --- Plain text (the email body) ------------------------------------------------------------


def to_text(doc: LetterDocument, branding: Branding) -> str:
    """Headings underlined, paragraphs wrapped at 78, "- " bullets, links as "text (url)"."""
    parts = [_heading(doc.title, "=")]
    meta = [
        line for line in (doc.date, doc.reference and f"Our reference: {doc.reference}") if line
    ]
    if meta:
        parts.append("\n".join(meta))
    previous = ""
    for block in body_blocks(doc.html):
        text = _plain(block.spans)
        if block.kind == "li":
            indent = "  " * (block.depth - 1)
            marker = f"{block.number}. " if block.number else "- "
            item = _wrap(text, indent + marker, indent + " " * len(marker))
            if previous == "li" and (not block.first or block.depth > 1):
                parts[-1] += "\n" + item
            else:
                parts.append(item)
        elif block.kind == "table":
            rows = [" | ".join(_plain(cell.spans) for cell in row) for row in block.rows]
            parts.append("\n".join(_wrap(row, "", "  ") for row in rows))
        elif block.kind in ("h2", "h3"):
            parts.append(_heading(text, "=" if block.kind == "h2" else "-"))
        else:
            parts.append(_wrap(text))
        previous = block.kind
    signature = [branding.name, *(line.strip() for line in branding.address.strip().splitlines())]
    parts.append("-- \n" + "\n".join(line for line in signature if line))
    return "\n\n".join(parts) + "\n"


def _plain(spans: list[Span]) -> str:
    out = ""
    for href, group in itertools.groupby(spans, key=lambda span: span.href):
        text = "".join(span.text for span in group)
        target = re.sub(r"^(mailto|tel):", "", href)
        out += f"{text} ({target})" if href and target != text.strip() else text
    return out


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    lines: list[str] = []
    for n, line in enumerate(text.split("\n")):
        lines += textwrap.wrap(
            line,
            TEXT_WIDTH,
            initial_indent=first if n == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    return "\n".join(lines)


def _heading(text: str, underline: str) -> str:
    wrapped = _wrap(text.replace("\n", " "))
    return wrapped + "\n" + underline * max(len(line) for line in wrapped.splitlines())


# --- Word -----------------------------------------------------------------------------------


def to_docx(doc: LetterDocument, branding: Branding) -> bytes:
    """letter.docx (scripts/make-letter-docx) filled in: real heading and list styles."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    from docxtpl import DocxTemplate, InlineImage, RichText

    tpl = DocxTemplate(DOCX_TEMPLATE)
    size = LARGE_PRINT_PT * 2 if doc.large_print else None  # RichText sizes are half-points

    def rich(spans: list[Span], bold: bool = False, size: int | None = size) -> RichText:
        text = RichText()
        for span in spans:
            url_id = tpl.build_url_id(span.href) if span.href else None
            text.add(
                span.text,
                bold=bold or span.bold,
                italic=span.italic,
                size=size,
                url_id=url_id,
                style="Hyperlink" if url_id else None,
            )
        return text

    blocks = []
    for block in body_blocks(doc.html):
        entry = {"kind": block.kind, "text": rich(block.spans)}
        if block.kind in ("h2", "h3"):
            entry["text"] = rich(block.spans, size=None)  # the heading style's size
        elif block.kind == "li":
            if block.number:
                entry["kind"] = "ol"
                entry["text"] = RichText(f"{block.number}.\t", size=size)
                entry["text"].add(rich(block.spans))
            else:
                entry["kind"] = "ul" if block.depth < 2 else "ul2"
        elif block.kind == "table":
            entry["rows"] = [
                [rich(cell.spans, bold=cell.header) for cell in row] for row in block.rows
            ]
        blocks.append(entry)

    logo = ""
    if branding.logo and branding.logo_type in LOGO_TYPES:
        logo = InlineImage(tpl, io.BytesIO(branding.logo), height=Mm(15))
    context = {
        "landlord_name": branding.name,
        "landlord_address": "\n".join(
            line.strip() for line in branding.address.strip().splitlines()
        ),
        "logo": logo,
        "recipient": "\n".join(line.strip() for line in doc.recipient.strip().splitlines()),
        "date": doc.date,
        "reference": doc.reference,
        "title": doc.title,
        "blocks": blocks,
    }
    tpl.render(context, autoescape=True)

    document = tpl.docx
    props = document.core_properties
    props.title = doc.title
    props.author = branding.name
    props.language = LANG
    # The colour bar: the letterhead style's bottom border, in the landlord's colour.
    letterhead = document.styles["Letterhead"]
    for border in letterhead.element.iter(qn("w:bottom")):
        border.set(qn("w:color"), brand_colour(branding)[1:].upper())
    if doc.large_print:
        sizes = {"Normal": 18, "Heading 1": 26, "Heading 2": 23, "Heading 3": 20}
        sizes |= {"Letterhead": 22, "Footer": 14}
        for name, points in sizes.items():
            document.styles[name].font.size = Pt(points)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
