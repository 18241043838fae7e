"""Services for Ombudsman cases: referral, determination, orders and compliance.

Each is one transaction writing an event on the complaint, so the case's own
record shows what the Ombudsman decided and what the landlord did about it.
A maladministration finding alerts every MRC by email from the task queue once
the transaction commits; a failed email is recorded and tried again, never raised.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from redress.cases.services import lock
from redress.infra.mail import after_commit, failed_try, try_again
from redress.record.checks import not_future_date, require_text
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event
from redress.staff.roles import MRC

from .models import ALERTS_MRC, FINDING_CHOICES, Determination, OmbudsmanCase, Order

log = logging.getLogger(__name__)
# Tries of the MRC's alert at 0, 5, 15, 35 and 75 minutes.
ATTEMPTS = 5


def _case(case_id: int) -> OmbudsmanCase:
    found = OmbudsmanCase.objects.select_for_update().filter(pk=case_id).first()
    if found is None:
        raise NotFound(f"no Ombudsman case {case_id}", field="case_id")
    return found


@transaction.atomic
def record_referral(
    reference: str, *, actor, ombudsman_reference: str, referred_on: dt.date
) -> OmbudsmanCase:
    complaint = lock(reference)
    ombudsman_reference = require_text(ombudsman_reference, "ombudsman_reference")
    not_future_date(referred_on, "referred_on")
    if referred_on < complaint.received_on:
        raise Refused("referred before the complaint was received", field="referred_on")
    if OmbudsmanCase.objects.filter(ombudsman_reference=ombudsman_reference).exists():
        raise Refused("that Ombudsman reference is already recorded", field="ombudsman_reference")
    case = OmbudsmanCase.objects.create(
        complaint=complaint, ombudsman_reference=ombudsman_reference, referred_on=referred_on
    )
    _event(case, "ombudsman_referral", actor, {"referred_on": referred_on.isoformat()})
    return case


@transaction.atomic
def record_determination(
    case_id: int, *, actor, element: str, finding: str, determined_on: dt.date
) -> Determination:
    """One element's finding; maladministration or worse alerts the MRC."""
    case = _case(case_id)
    element = require_text(element, "element")
    values = [value for value, _ in FINDING_CHOICES]
    if finding not in values:
        raise Refused(f"finding must be one of: {', '.join(values)}", field="finding")
    not_future_date(determined_on, "determined_on")
    if determined_on < case.referred_on:
        raise Refused("determined before the referral", field="determined_on")
    item = Determination.objects.create(case=case, element=element, finding=finding)
    case.determined_on = max(case.determined_on or determined_on, determined_on)
    case.save(update_fields=["determined_on"])
    _event(case, "ombudsman_determination", actor, {"element": element, "finding": finding})
    if finding in ALERTS_MRC:
        after_commit(alert_mrc, item.pk)
    return item


@transaction.atomic
def add_order(case_id: int, *, actor, kind: str, description: str, due_on: dt.date) -> Order:
    case = _case(case_id)
    if kind not in Order.Kind.values:
        raise Refused(f"kind must be one of: {', '.join(Order.Kind.values)}", field="kind")
    description = require_text(description, "description")
    if due_on < case.referred_on:
        raise Refused("due before the referral", field="due_on")
    order = Order.objects.create(case=case, kind=kind, description=description, due_on=due_on)
    _event(case, "ombudsman_order", actor, {"kind": kind, "due_on": due_on.isoformat()})
    return order


@transaction.atomic
def record_compliance(order_id: int, *, actor, complied_on: dt.date, evidence: str) -> Order:
    order = Order.objects.select_for_update().select_related("case").filter(pk=order_id).first()
    if order is None:
        raise NotFound(f"no order {order_id}", field="order_id")
    if order.complied_on:
        raise Refused("compliance with this order is already recorded")
    not_future_date(complied_on, "complied_on")
    order.complied_on = complied_on
    order.evidence = require_text(evidence, "evidence")
    order.save(update_fields=["complied_on", "evidence"])
    late = complied_on > order.due_on
    payload = {"order": order.pk, "complied_on": complied_on.isoformat(), "late": late}
    _event(order.case, "ombudsman_compliance", actor, payload)
    return order


def _event(case: OmbudsmanCase, action: str, actor, payload: dict) -> None:
    payload = {
        "ombudsman_case": case.pk,
        "ombudsman_reference": case.ombudsman_reference,
        **payload,
    }
    record_event("complaint", case.complaint_id, action, actor=actor, payload=payload)


@task()
def alert_mrc(determination_id: int, attempt: int = 1) -> int:
    """Email every active MRC, from the task queue; how many were told. The email names no
    resident. A failed try is recorded and tried again after a back-off, up to ATTEMPTS."""
    item = Determination.objects.select_related("case__complaint").get(pk=determination_id)
    mrcs = get_user_model().objects.filter(is_active=True, groups__name=MRC).exclude(email="")
    addresses = sorted(set(mrcs.values_list("email", flat=True)))
    if not addresses:
        return 0
    subject = f"Ombudsman finding: {item.get_finding_display()} ({item.case.ombudsman_reference})"
    body = (
        f"The Housing Ombudsman has found {item.get_finding_display().lower()} on an "
        f"element of a complaint (Ombudsman reference {item.case.ombudsman_reference}).\n\n"
        "The orders, recommendations and their due dates are on the Ombudsman cases page."
    )
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception as error:  # any backend failure: the record says so
        retry_at = try_again(alert_mrc, attempt, ATTEMPTS, item.pk)
        log.warning("MRC alert for determination %s failed (try %d): %s", item.pk, attempt, error)
        _event(item.case, "mrc_alert_failed", None, failed_try(error, attempt, retry_at))
        return 0
    _event(item.case, "mrc_alerted", None, {"to": len(addresses), "finding": item.finding})
    return len(addresses)
