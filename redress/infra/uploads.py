"""Uploaded files: checked by what they contain, never by their name.

A file is kept only if it is no larger than `MAX_UPLOAD_BYTES` and its first bytes
say it is one of the allowed kinds: PDF, PNG, JPEG, a Word or Excel document (a zip
holding `[Content_Types].xml` and the `word/` or `xl/` part) or plain UTF-8 text (not
markup a browser would render as a page: HTML, XML, SVG, `MARKUP` below). Its
name is reduced to letters, digits, dots, dashes and underscores, so no path, control
character or markup reaches the disk or a Content-Disposition header. Files live in
MEDIA_ROOT (var/media, outside the web root; MEDIA_URL is never routed) and are served
only by views that check who may see them, as attachments with nosniff.
"""

from __future__ import annotations

import io
import re
import zipfile

from redress.record.errors import Refused

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PDF, PNG, JPEG, DOCX, XLSX, TEXT = "pdf", "png", "jpeg", "docx", "xlsx", "text"
CONTENT_TYPES = {
    PDF: "application/pdf",
    PNG: "image/png",
    JPEG: "image/jpeg",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    TEXT: "text/plain",
}
ALLOWED = "a PDF, PNG or JPEG image, Word or Excel document, or plain text file"
# Text a browser would take for a page: the HTML and XML signatures of the WHATWG MIME
# Sniffing Standard (leading white space skipped, a tag ended by white space or ">"), and SVG.
_TAGS = "!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|svg"
MARKUP = re.compile(rf"(?:\ufeff)?[\t\n\f\r ]*(?:<(?:{_TAGS})[\t\n\f\r >]|<\?xml)", re.IGNORECASE)


def sniff(head: bytes, content: bytes | None = None) -> str | None:
    """The kind of file these bytes are, or None if none allowed."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and content is not None:
        return _office(content)
    if content is not None and b"\x00" not in content:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return None if MARKUP.match(text) else TEXT
    return None


def _office(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    return None


def safe_name(name: str, kind: str) -> str:
    """The base name, in a safe alphabet, ending in the extension its content calls for."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-._")[:80] or "file"
    extension = {TEXT: "txt", JPEG: "jpg"}.get(kind, kind)
    return f"{stem}.{extension}"


def check_upload(upload, *, field: str = "file", max_bytes: int | None = None):
    """Refuse a file too large or of a kind not allowed; rename it safely and return it."""
    max_bytes = max_bytes or MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is None or size > max_bytes:
        raise Refused(f"the file must be {max_bytes // (1024 * 1024)} MB or smaller", field=field)
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    kind = sniff(content[:16], content)
    if kind is None:
        raise Refused(f"the file must be {ALLOWED}", field=field)
    upload.name = safe_name(upload.name, kind)
    upload.content_type = CONTENT_TYPES[kind]
    return upload
