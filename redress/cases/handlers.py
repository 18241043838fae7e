"""Who can be given a case, and what a person still holds: reads for assigning and leavers.

A case is only ever given to an active case worker. Someone who has left (their account
deactivated) while still holding open cases stays findable: the work queue's handler
filter lists them, marked as having left, so the complaints officer can find and
reassign their cases.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from redress.code.stages import Status
from redress.staff.selectors import active_case_worker, active_case_workers, by_name

from .models import Complaint

CLOSED = (Status.CLOSED.value, Status.REFUSED.value)


def open_cases() -> QuerySet[Complaint]:
    return Complaint.objects.exclude(status__in=CLOSED)


def case_workers(*, with_leavers: bool = False) -> QuerySet:
    """Active case workers by name; `with_leavers` adds anyone inactive who still handles
    an open complaint (`is_active` tells them apart)."""
    if not with_leavers:
        return active_case_workers()
    holding = Exists(open_cases().filter(handler_id=OuterRef("pk")))
    wanted = active_case_worker() | (Q(is_active=False) & holding)
    return by_name(get_user_model().objects.filter(wanted))


def held_by(user_id: int) -> QuerySet[Complaint]:
    """The open complaints this person handles, the soonest due first (undated last)."""
    return (
        open_cases()
        .filter(handler_id=user_id)
        .order_by(F("next_due").asc(nulls_last=True), "id")
        .select_related("resident")
    )
