"""Reads about staff that need nothing above them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from .roles import CASEWORK


def active_case_worker() -> Q:
    """Who a case may be given to: an active account in a case-work role."""
    return Q(is_active=True, groups__name__in=CASEWORK)


def by_name(people: QuerySet) -> QuerySet:
    return people.distinct().order_by("first_name", "username")


def active_case_workers() -> QuerySet:
    """Everyone a case may be given to, by name."""
    return by_name(get_user_model().objects.filter(active_case_worker()))
