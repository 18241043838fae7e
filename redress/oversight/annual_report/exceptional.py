"""Exceptional circumstances (8.5): when the landlord cannot comply with the Code, it tells
the Ombudsman, tells the residents who may be affected, and publishes a notice with a
timescale for returning to compliance.

A notice is written as a draft, then published (the public complaints pages show every
published one in a banner) and, once the landlord complies again, withdrawn. To change a
published notice, withdraw it and publish a new one: both stay in the history.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from redress.record.checks import not_future_date, require_text
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event

from .models import ExceptionalNotice

SUBJECT = "exceptional_notice"
Status = ExceptionalNotice.Status


def _event(notice: ExceptionalNotice, action: str, actor, payload: dict | None = None) -> None:
    record_event(SUBJECT, notice.pk, action, actor=actor, payload=payload or {})


@transaction.atomic
def create_notice(
    *,
    actor,
    what_happened: str,
    since: dt.date,
    ombudsman_informed_on: dt.date,
    who_is_affected: str,
    return_by: dt.date,
) -> ExceptionalNotice:
    what = require_text(what_happened, "what_happened", "8.5", "what happened")
    not_future_date(since, "since", "8.5")
    not_future_date(ombudsman_informed_on, "ombudsman_informed_on", "8.5")
    if ombudsman_informed_on < since:
        raise Refused(
            "the Ombudsman cannot have been told before it happened",
            field="ombudsman_informed_on",
            rule="8.5",
        )
    who = require_text(who_is_affected, "who_is_affected", "8.5", "who is affected")
    if return_by <= since:
        raise Refused(
            "the date of return to compliance must be after the circumstances began",
            field="return_by",
            rule="8.5",
        )
    notice = ExceptionalNotice.objects.create(
        what_happened=what,
        since=since,
        ombudsman_informed_on=ombudsman_informed_on,
        who_is_affected=who,
        return_by=return_by,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _event(
        notice,
        "exceptional_notice.created",
        actor,
        {
            "what_happened": what,
            "since": since,
            "ombudsman_informed_on": ombudsman_informed_on,
            "who_is_affected": who,
            "return_by": return_by,
        },
    )
    return notice


def _locked(notice_id: int) -> ExceptionalNotice:
    notice = ExceptionalNotice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise NotFound(f"no notice {notice_id}", field="notice_id")
    return notice


@transaction.atomic
def publish_notice(notice_id: int, *, actor) -> ExceptionalNotice:
    notice = _locked(notice_id)
    if notice.status != Status.DRAFT:
        raise Refused(f"only a draft can be published; this notice is {notice.status}")
    notice.status, notice.published_at = Status.PUBLISHED, timezone.now()
    notice.save(update_fields=["status", "published_at"])
    _event(notice, "exceptional_notice.published", actor)
    return notice


@transaction.atomic
def withdraw_notice(notice_id: int, *, actor, reason: str) -> ExceptionalNotice:
    """Take a notice down (back in compliance, or replaced); it stays in the history."""
    notice = _locked(notice_id)
    if notice.status == Status.WITHDRAWN:
        raise Refused("this notice is already withdrawn")
    notice.withdrawn_reason = require_text(reason, "reason", what="the reason")
    notice.status, notice.withdrawn_at = Status.WITHDRAWN, timezone.now()
    notice.save(update_fields=["status", "withdrawn_at", "withdrawn_reason"])
    _event(notice, "exceptional_notice.withdrawn", actor, {"reason": notice.withdrawn_reason})
    return notice


def current_notices() -> list[ExceptionalNotice]:
    """The published notices, for the public pages' banner."""
    return list(ExceptionalNotice.objects.filter(status=Status.PUBLISHED).order_by("published_at"))


def all_notices() -> list[ExceptionalNotice]:
    return list(ExceptionalNotice.objects.all())
