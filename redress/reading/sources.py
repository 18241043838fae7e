"""Each format as lines of text, a table row being its cells joined by tabs.

.txt and .md are read as they are; .html with the standard library's parser; .docx with
python-docx (tables and paragraphs in document order); a text-based .pdf with poppler's
pdftotext. Anything that cannot be read raises AssessmentFileError with one clear line.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from .model import AssessmentFileError

TEXT = (".txt", ".md", ".markdown", ".text")
HTML = (".html", ".htm")
SUFFIXES = (*TEXT, *HTML, ".docx", ".pdf")
PDF_TIMEOUT = 60  # seconds; a text PDF of hundreds of pages takes well under one


def load(path: str | Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AssessmentFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AssessmentFileError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise AssessmentFileError(f"{path}: cannot be read ({error.strerror})") from None
    return from_bytes(data, path.suffix, path.name)


def from_bytes(data: bytes, suffix: str, name: str = "file") -> str:
    suffix = suffix.lower()
    if suffix in TEXT:
        return _decode(data, name)
    if suffix in HTML:
        return html_lines(_decode(data, name))
    if suffix == ".docx":
        return _docx(data, name)
    if suffix == ".pdf":
        return _pdf(data, name)
    kind = f"'{suffix}'" if suffix else "with no extension"
    raise AssessmentFileError(
        f"{name}: cannot read a file {kind}; give a .txt, .md, .html, .docx or .pdf file"
    )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise AssessmentFileError(f"{name}: not a text file (binary content)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _Html(HTMLParser):
    """Table rows as tab-joined cells; headings, paragraphs and breaks as lines."""

    BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
    }
    HIDDEN = {"script", "style", "head", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th"):
            if self.row is None:
                self.row = []
            self.cell = []
        elif tag in self.BLOCKS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag in self.BLOCKS:
            self._break()

    def handle_data(self, data):
        if self.hidden:
            return
        data = re.sub(r"[\t\n\r]+", " ", data)
        (self.cell if self.cell is not None else self.text).append(data)

    def _break(self):
        if self.cell is not None:
            self.cell.append(" ")
        else:
            self._flush()

    def _flush(self):
        line = "".join(self.text).strip(" ")
        if line:
            self.lines.append(line)
        self.text = []

    def _end_cell(self):
        if self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
        self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row:
            self.lines.append("\t".join(self.row))
        self.row = None

    def result(self) -> str:
        self._end_row()
        self._flush()
        return "\n".join(self.lines)


def html_lines(markup: str) -> str:
    parser = _Html()
    parser.feed(markup)
    parser.close()
    return parser.result()


def _docx(data: bytes, name: str) -> str:
    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
        lines: list[str] = []
        for part in document.iter_inner_content():
            if isinstance(part, Table):
                for row in part.rows:
                    cells, seen = [], set()
                    for cell in row.cells:  # a merged cell is listed once per grid column
                        if id(cell._tc) not in seen:
                            seen.add(id(cell._tc))
                            cells.append(re.sub(r"\s+", " ", cell.text))
                    lines.append("\t".join(cells))
            else:
                lines.append(part.text.replace("\t", " "))
    except Exception as error:  # python-docx raises zip, XML, key and value errors alike
        raise AssessmentFileError(f"{name}: not a readable Word (.docx) file") from error
    return "\n".join(lines)


def _pdf(data: bytes, name: str) -> str:
    """Words with their positions (pdftotext -bbox), put back into the form's columns."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise AssessmentFileError("reading a PDF needs pdftotext (Debian package poppler-utils)")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        try:
            done = subprocess.run(
                [exe, "-q", "-bbox", "-enc", "UTF-8", handle.name, "-"],
                capture_output=True,
                timeout=PDF_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise AssessmentFileError(f"{name}: reading the PDF took too long") from None
    if done.returncode != 0:
        raise AssessmentFileError(f"{name}: not a readable PDF (damaged, encrypted or not a PDF)")
    pages = [
        [(float(x), float(y), html.unescape(word)) for x, y, word in _WORD_BOX.findall(page)]
        for page in done.stdout.decode("utf-8", errors="replace").split("<page ")[1:]
    ]
    if not any(pages):
        raise AssessmentFileError(f"{name}: the PDF has no text (a scan?); give a text-based PDF")
    lines: list[str] = []
    columns: list[float] = []
    for page in pages:
        columns = _pdf_page(page, columns, lines)
    return "\n".join(lines)


_WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')
_HEADER_WORDS = {"provision", "requirement", "comply", "comply:", "evidence", "commentary"}


def _pdf_page(words: list[tuple[float, float, str]], columns: list[float], out: list[str]):
    """Append the page's lines; from the table header on, cells joined by tabs by column.

    The header row ("Code provision | Code requirement | Comply | Evidence | Commentary")
    gives where each column starts; a page without one keeps the previous page's columns.
    """
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, word in words:
        key = next((k for k in rows if abs(k - y) < 2), y)
        rows.setdefault(key, []).append((x, word))
    header_at = None
    for y in sorted(rows):
        found = {w.lower() for _, w in rows[y]} & _HEADER_WORDS
        if len(found) >= 3:
            header_at = y
            # Each header cell's first word: "Code" twice, then Comply, Evidence, Commentary.
            codes = sorted(x for x, w in rows[y] if w.lower() == "code")[:2]
            later = {"comply", "comply:", "evidence", "commentary"}
            if len(codes) < 2:
                codes, later = [], _HEADER_WORDS
            columns = sorted([*codes, *(x for x, w in rows[y] if w.lower() in later)])
            break
    for y in sorted(rows):
        line = sorted(rows[y])
        if y == header_at or (
            header_at is not None
            and y < header_at + 15
            and y > header_at
            and {w.lower() for _, w in line}
            <= _HEADER_WORDS | {"yes", "/", "no", "explanation", "code", "provision", "requirement"}
        ):
            continue  # the header, and its wrapped second line
        if not columns or (header_at is not None and y < header_at):
            out.append(" ".join(w for _, w in line))
            continue
        cells = [[] for _ in columns]
        for x, word in line:
            index = max((i for i, start in enumerate(columns) if x >= start - 2), default=0)
            cells[index].append(word)
        out.append("\t".join(" ".join(cell) for cell in cells))
    return columns
