"""The Housing Ombudsman's publications about the landlord (8.1 e, f): services and reads.

A publication is a link to the Ombudsman's own page, or a PDF the landlord keeps. The
PDF is checked by its content (a PDF starts "%PDF-", whatever its name says), limited
in size, kept in the database rather than under the web root, and served as a
download. A publication is withdrawn, never deleted; a withdrawn one leaves the next
published report and its file is no longer served.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from redress.record.checks import not_future_date, require_text
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event

from .models import OmbudsmanPublication

MAX_PDF_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
SUBJECT = "ombudsman_publication"


def check_pdf(content: bytes) -> bytes:
    if len(content) > MAX_PDF_BYTES:
        raise Refused(
            f"the file must be {MAX_PDF_BYTES // (1024 * 1024)} MB or smaller", field="pdf"
        )
    if not content.startswith(PDF_MAGIC):
        raise Refused("the file must be a PDF", field="pdf")
    return content


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Refused("enter a web address starting https://", field="url")
    return url


@transaction.atomic
def add_publication(
    *,
    actor,
    year: int,
    title: str,
    kind: str,
    published_on: dt.date,
    url: str = "",
    pdf: bytes | None = None,
) -> OmbudsmanPublication:
    """Record a publication for the reporting year beginning in `year`: a link or a PDF."""
    title = require_text(title, "title", "8.1")
    if kind not in OmbudsmanPublication.Kind.values:
        raise Refused(
            f"kind must be one of: {', '.join(OmbudsmanPublication.Kind.values)}", field="kind"
        )
    not_future_date(published_on, "published_on", "8.1")
    if not (url or "").strip() and not pdf:
        raise Refused("give a web address or a PDF file", field="url", rule="8.1")
    if (url or "").strip() and pdf:
        raise Refused("give a web address or a PDF file, not both", field="pdf", rule="8.1")
    item = OmbudsmanPublication.objects.create(
        year=year,
        title=title,
        kind=kind,
        published_on=published_on,
        url=check_url(url) if (url or "").strip() else "",
        pdf=check_pdf(pdf) if pdf else b"",
        pdf_size=len(pdf or b""),
        added_by=actor if getattr(actor, "pk", None) else None,
    )
    payload = {"year": year, "title": title, "kind": kind, "published_on": published_on}
    payload |= {"url": item.url} if item.url else {"pdf_bytes": item.pdf_size}
    record_event(SUBJECT, item.pk, "ombudsman_publication.added", actor=actor, payload=payload)
    return item


@transaction.atomic
def withdraw_publication(publication_id: int, *, actor, reason: str) -> OmbudsmanPublication:
    item = (
        OmbudsmanPublication.objects.select_for_update()
        .defer("pdf")
        .filter(pk=publication_id)
        .first()
    )
    if item is None:
        raise NotFound(f"no publication {publication_id}", field="publication_id")
    if item.withdrawn_at:
        raise Refused("this publication is already withdrawn")
    item.withdrawn_reason = require_text(reason, "reason", what="the reason")
    item.withdrawn_at = timezone.now()
    item.save(update_fields=["withdrawn_reason", "withdrawn_at"])
    record_event(
        SUBJECT,
        item.pk,
        "ombudsman_publication.withdrawn",
        actor=actor,
        payload={"year": item.year, "reason": item.withdrawn_reason},
    )
    return item


def listed() -> list[OmbudsmanPublication]:
    """Every publication, withdrawn ones too, without the files' bytes."""
    return list(OmbudsmanPublication.objects.defer("pdf"))


def served_pdf(publication_id: int) -> tuple[str, bytes] | None:
    """A current publication's title and PDF, or None."""
    row = (
        OmbudsmanPublication.objects.filter(
            pk=publication_id, withdrawn_at__isnull=True, pdf_size__gt=0
        )
        .values_list("title", "pdf")
        .first()
    )
    return (row[0], bytes(row[1])) if row else None
