"""The development outbox: the mail Django's file backend wrote, listed for staff.

Under `make run` mail is not sent but written to files under EMAIL_FILE_PATH
(var/outbox/), so a newcomer can follow the status codes, confirmations, letters and
notifications Redress sends. These pages read those files: the list, newest first,
and one message's plain text and the names of its attachments. They exist only where
REDRESS_OUTBOX is on (the dev settings); everywhere else, and to anyone without a
staff role, there is nothing here (404, or the sign-in page).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from redress.staff.access import role_required
from redress.staff.roles import roles_of

# What the file backend writes after each message (django.core.mail.backends.filebased).
SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# A message's id: its file's name (the backend's "%Y%m%d-%H%M%S-<number>") and its place.
MESSAGE_ID = re.compile(r"(\d{8}-\d{6}-\d+)-(\d+)")


@dataclass
class Message:
    id: str
    to: str
    subject: str
    sent_at: dt.datetime | None
    body: str = ""
    attachments: list[str] = field(default_factory=list)


def _folder() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


def _parse(message_id: str, raw: bytes) -> Message:
    parsed = email.message_from_bytes(raw.strip(b"\n"), policy=email.policy.default)
    text = parsed.get_body(preferencelist=("plain",))
    try:
        sent_at = parsedate_to_datetime(parsed["Date"]) if parsed["Date"] else None
    except (TypeError, ValueError):
        sent_at = None
    return Message(
        id=message_id,
        to=str(parsed["To"] or ""),
        subject=str(parsed["Subject"] or ""),
        sent_at=sent_at,
        body=text.get_content() if text is not None else "",
        attachments=[
            f"{part.get_filename() or 'unnamed'} ({part.get_content_type()})"
            for part in parsed.iter_attachments()
        ],
    )


def _messages_in(path: Path) -> list[Message]:
    chunks = [c for c in path.read_bytes().split(SEPARATOR) if c.strip()]
    return [_parse(f"{path.stem}-{n}", chunk) for n, chunk in enumerate(chunks)]


def outbox() -> list[Message]:
    """Every message in the folder, newest first."""
    folder = _folder()
    files = folder.glob("*.log") if folder.is_dir() else []
    # Written in order of the file's last write (a name's second is too coarse).
    files = sorted(files, key=lambda path: (path.stat().st_mtime_ns, path.name))
    found = [m for path in files for m in _messages_in(path)]
    return list(reversed(found))


def _enabled(view):
    """404 wherever the outbox is off, before anything else is asked."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.REDRESS_OUTBOX:
            raise Http404("no outbox here")
        return view(request, *args, **kwargs)

    return wrapped


def is_staff(user) -> bool:
    return bool(roles_of(user))


@_enabled
@role_required(is_staff)
def message_list(request):
    context = {"messages_sent": outbox(), "folder": _folder()}
    return render(request, "redress/outbox.html", context)


@_enabled
@role_required(is_staff)
def message_detail(request, message_id: str):
    match = MESSAGE_ID.fullmatch(message_id)
    path = _folder() / f"{match[1]}.log" if match else None
    if path is None or not path.is_file():
        raise Http404("no such message")
    found = _messages_in(path)
    index = int(match[2])
    if index >= len(found):
        raise Http404("no such message")
    return render(request, "redress/outbox_message.html", {"message": found[index]})
