"""Polling a mailbox over IMAP: each unread message stored, then marked read.

A message is marked \\Seen only after `receive_message` has stored it (or found
it stored before, or set it aside as a bounce or auto-reply), so a crash or a
refusal leaves it unread for the next poll and for a person to look at in the mailbox.

The password is sent only over TLS to a server whose certificate the system's trust
store vouches for, host name included: implicit TLS (port 993), or STARTTLS on a
plain connection when INBOUND_IMAP_SSL is off. A server that offers neither, or
whose certificate does not verify, is refused before the login (docs/deploy.md says
how to trust a private CA).
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings

from redress.reception.receiving import receive_message
from redress.record.errors import Refused


class PollError(Exception):
    """The mailbox could not be opened or searched: nothing was read."""


@dataclass
class PollReport:
    stored: int = 0
    duplicates: int = 0
    set_aside: int = 0
    failed: list[str] = field(default_factory=list)


def tls_context() -> ssl.SSLContext:
    """The system's trust store, certificates required, host names checked."""
    return ssl.create_default_context()


def connect() -> imaplib.IMAP4:
    """A logged-in client for the mailbox in settings, over verified TLS only."""
    host, port = settings.INBOUND_IMAP_HOST, settings.INBOUND_IMAP_PORT
    if not host:
        raise PollError("INBOUND_IMAP_HOST is not set")
    if settings.INBOUND_IMAP_SSL:
        client = imaplib.IMAP4_SSL(host, port, ssl_context=tls_context(), timeout=60)
    else:
        client = imaplib.IMAP4(host, port, timeout=60)
        try:  # imaplib refuses a server that does not offer STARTTLS
            client.starttls(ssl_context=tls_context())
        except BaseException:
            with contextlib.suppress(OSError):  # a failed handshake has closed it already
                client.shutdown()
            raise
    client.login(settings.INBOUND_IMAP_USER, settings.INBOUND_IMAP_PASSWORD)
    return client


def _ok(reply: tuple, doing: str) -> list:
    status, data = reply
    if status != "OK":
        raise PollError(f"{doing} failed: {status} {data!r}")
    return data


def _raw(data: list) -> bytes | None:
    """The message bytes in a FETCH reply: the first (envelope, literal) pair."""
    return next((item[1] for item in data if isinstance(item, tuple) and len(item) > 1), None)


def unseen(client, folder: str) -> list[bytes]:
    _ok(client.select(folder), f"selecting {folder!r}")
    data = _ok(client.uid("SEARCH", None, "UNSEEN"), "searching for unread mail")
    return data[0].split() if data and data[0] else []


def poll(client, uids: list[bytes], *, wrap: Callable[[list], Iterable] = iter) -> PollReport:
    """Store each message; mark it seen once stored. One failure does not stop the rest."""
    report = PollReport()
    for uid in wrap(uids):
        label = uid.decode(errors="replace")
        try:
            # BODY.PEEK leaves \\Seen alone: only a stored message is marked read.
            raw = _raw(_ok(client.uid("FETCH", uid, "(BODY.PEEK[])"), f"fetching {label}"))
            if raw is None:
                raise PollError(f"fetching {label} returned no message")
            result = receive_message(raw, via="imap")
        except Refused as refusal:
            report.failed.append(f"message {label} refused: {refusal.message}")
            continue
        except Exception as exc:  # reported and left unread; the rest carry on
            report.failed.append(f"message {label} failed: {type(exc).__name__}: {exc}")
            continue
        try:
            _ok(client.uid("STORE", uid, "+FLAGS", "(\\Seen)"), f"marking {label} read")
        except (PollError, imaplib.IMAP4.error) as exc:  # stored: the next poll marks it
            report.failed.append(f"message {label} stored but not marked read: {exc}")
        if result.duplicate:
            report.duplicates += 1
        elif result.set_aside:
            report.set_aside += 1
        else:
            report.stored += 1
    return report
