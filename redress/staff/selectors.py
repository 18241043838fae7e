"""Reads about staff that need nothing above them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .roles import CASEWORK


def active_case_workers() -> QuerySet:
    """Everyone a case may be given to, by name: active, in a case-work role."""
    people = get_user_model().objects.filter(is_active=True, groups__name__in=CASEWORK)
    return people.distinct().order_by("first_name", "username")
