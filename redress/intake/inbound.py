"""Reading a resident's emailed reply: raw RFC 5322 bytes in, plain facts out, or Refused.

Mail comes from anyone, so nothing here trusts it: every header and body is
cleaned of what a database or a file system would choke on (NUL bytes, lone
surrogates from undecodable 8-bit text, path separators in file names), sizes
are capped, and anything the stdlib parser cannot make sense of is refused with
a message naming what is wrong. Attachments pass the checks staff uploads pass
(redress/infra/uploads.py: by content and size); one that fails is listed with
its reason, not kept. Mail a machine sent (a bounce, an auto-reply) is marked as
such by its headers. Nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email

from redress.infra.uploads import check_upload
from redress.record.errors import Refused

# Complaint references are made as CMP-<year received>-<pk, at least six digits>.
REFERENCE = re.compile(r"\bCMP-(\d{4})-(\d{6,12})\b", re.IGNORECASE)
# More attachments than this is not a resident's reply.
MAX_ATTACHMENTS = 50
FILENAME_LENGTH = 64
TITLE_LENGTH = 200
MESSAGE_ID_LENGTH = 255
# Senders that are mail systems, not people (RFC 5321 4.5.1, RFC 3834).
SYSTEM_MAILBOXES = {"mailer-daemon", "postmaster"}
AUTOMATIC_PRECEDENCE = {"auto_reply", "bulk", "junk"}
# Headers auto-responders add (any value): the common ones that RFC 3834 predates.
AUTO_REPLY = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class RefusedAttachment:
    filename: str
    reason: str


@dataclass(frozen=True)
class InboundEmail:
    sender: str
    sender_name: str
    subject: str
    date: dt.datetime | None
    message_id: str
    text: str
    attachments: tuple[Attachment, ...]
    refused: tuple[RefusedAttachment, ...] = ()
    # Why a machine sent it (a bounce, an auto-reply), from its headers; "" from a person.
    automatic: str = ""

    @property
    def references(self) -> list[str]:
        """Complaint references in the subject, in order, as the system writes them."""
        return [f"CMP-{year}-{number}" for year, number in REFERENCE.findall(self.subject)]


def clean_text(value: str, *, multiline: bool = True) -> str:
    """Text any database stores: no NUL or other control characters, no lone surrogates."""
    keep = "\n\t" if multiline else ""
    out = []
    for ch in value.replace("\r\n", "\n").replace("\r", "\n"):
        if 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\ufffd")
        elif unicodedata.category(ch) == "Cc" and ch not in keep:
            out.append(" " if not multiline else "")
        else:
            out.append(ch)
    text = "".join(out)
    return text if multiline else " ".join(text.split())


def safe_filename(name: str | None) -> str:
    """The base name only, in safe characters, length-limited: '../../etc/passwd' -> 'passwd'."""
    name = unicodedata.normalize("NFKD", clean_text(name or "", multiline=False))
    name = PurePosixPath(name.replace("\\", "/")).name
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name.encode("ascii", "ignore").decode()).strip("._")
    if len(name) > FILENAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:10] if dot and stem else ""
        name = name[: FILENAME_LENGTH - len(ext) - 1].rstrip("._") + (f".{ext}" if ext else "")
    return name or "attachment"


class _TextFromHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    HIDDEN = {"script", "style", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _part_text(part: EmailMessage) -> str:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset
        text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return text if isinstance(text, str) else ""


def _body(message: EmailMessage) -> tuple[str, EmailMessage | None]:
    """The plain-text body, else the HTML body as text; and the part it came from."""
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return _part_text(part).strip(), part
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(_part_text(part)), part
    return "", None


def _checked(filename: str, data: bytes) -> Attachment:
    """The attachment as a staff upload would be kept (named and typed by its content),
    or Refused saying why not."""
    upload = check_upload(
        ContentFile(data, name=filename),
        field="attachments",
        max_bytes=settings.INBOUND_MAIL_MAX_ATTACHMENT_BYTES,
    )
    return Attachment(upload.name, upload.content_type, data)


def _attachments(
    message: EmailMessage, body: EmailMessage | None
) -> tuple[tuple[Attachment, ...], tuple[RefusedAttachment, ...]]:
    """The attachments that pass the upload checks, and those that do not, with why."""
    kept, refused = [], []
    for part in message.walk():
        if part is body or part.is_multipart():
            continue
        if not (part.is_attachment() or part.get_filename()):
            continue
        if len(kept) + len(refused) >= MAX_ATTACHMENTS:
            raise Refused(f"more than {MAX_ATTACHMENTS} attachments", field="attachments")
        filename = safe_filename(part.get_filename())
        try:
            kept.append(_checked(filename, part.get_payload(decode=True) or b""))
        except Refused as refusal:
            refused.append(RefusedAttachment(filename, refusal.message))
    return tuple(kept), tuple(refused)


def _raw_header(message: EmailMessage, name: str) -> str:
    return next((str(v) for k, v in message.raw_items() if k.lower() == name), "")


def _header(message: EmailMessage, name: str):
    """A header a message can do without: None when the stdlib cannot parse it."""
    try:
        return message[name]
    # The header parser raises assorted errors (IndexError, HeaderParseError, ...) on junk.
    except Exception:
        return None


def _sender(message: EmailMessage) -> tuple[str, str]:
    header = _header(message, "from")
    addresses = getattr(header, "addresses", ()) if header is not None else ()
    address = next((a for a in addresses if a.addr_spec and "@" in a.addr_spec), None)
    if address is None:
        raise Refused("the message has no From address", field="from")
    email = clean_text(address.addr_spec, multiline=False)
    if len(email) > 254:
        raise Refused("the From address is too long", field="from")
    try:
        validate_email(email)
    except ValidationError:
        raise Refused(f"{email!r} is not an email address", field="from") from None
    return email, clean_text(address.display_name or "", multiline=False)[:200]


def _automatic(message: EmailMessage, sender: str) -> str:
    """Why the headers say a machine sent this (a bounce or an auto-reply), or ""."""
    header = {
        name: _raw_header(message, name).strip()
        for name in ("auto-submitted", "return-path", "precedence")
    }
    auto_submitted = header["auto-submitted"].split(";")[0].strip().lower()
    checks = (
        (message.get_content_type() == "multipart/report", "a delivery or read report"),
        (sender.split("@")[0].lower() in SYSTEM_MAILBOXES, f"sent by {sender}"),
        (re.fullmatch(r"<\s*>", header["return-path"]) is not None, "Return-Path <>"),
        (auto_submitted not in ("", "no"), f"Auto-Submitted: {auto_submitted}"),
        (header["precedence"].lower() in AUTOMATIC_PRECEDENCE, "Precedence"),
        *((bool(_raw_header(message, name.lower()).strip()), name) for name in AUTO_REPLY),
    )
    return next((clean_text(why, multiline=False)[:100] for hit, why in checks if hit), "")


def _date(message: EmailMessage) -> dt.datetime | None:
    header = _header(message, "date")
    value = getattr(header, "datetime", None) if header is not None else None
    if value is not None and value.tzinfo is None:  # "-0000": the zone is unknown; read as UTC
        value = value.replace(tzinfo=dt.UTC)
    return value


def _subject(message: EmailMessage) -> str:
    header = _header(message, "subject")
    value = str(header) if header is not None else _raw_header(message, "subject")
    return clean_text(value, multiline=False)[:TITLE_LENGTH]


def _message_id(message: EmailMessage, raw: bytes) -> str:
    """The Message-ID; one too long to index, or none at all, becomes a digest."""
    value = clean_text(_raw_header(message, "message-id"), multiline=False)
    if value and len(value) <= MESSAGE_ID_LENGTH:
        return value
    return "sha256:" + hashlib.sha256(value.encode() if value else raw).hexdigest()


def _read(raw: bytes) -> InboundEmail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not message.keys():
        raise Refused("this is not an email message: it has no headers", field="message")
    sender, sender_name = _sender(message)
    text, body_part = _body(message)
    attachments, refused = _attachments(message, body_part)
    return InboundEmail(
        sender=sender,
        sender_name=sender_name,
        subject=_subject(message),
        date=_date(message),
        message_id=_message_id(message, raw),
        text=clean_text(text).strip(),
        attachments=attachments,
        refused=refused,
        automatic=_automatic(message, sender),
    )


def parse_message(raw: bytes) -> InboundEmail:
    """The facts of a raw message, or Refused saying what is wrong with it."""
    if not isinstance(raw, bytes | bytearray) or not bytes(raw).strip():
        raise Refused("the message is empty", field="message")
    limit = settings.INBOUND_MAIL_MAX_MESSAGE_BYTES
    if len(raw) > limit:
        raise Refused(f"the message is larger than {limit:,} bytes", field="message")
    try:
        return _read(bytes(raw))
    except Refused:
        raise
    # The stdlib parser is lenient, but its header and MIME code still raises a
    # variety of errors on hostile input; any of them means the message is unreadable.
    except Exception as exc:
        raise Refused(
            f"the message could not be read as email ({type(exc).__name__})", field="message"
        ) from exc
