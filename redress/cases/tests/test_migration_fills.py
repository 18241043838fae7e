"""The data migrations' functions, called on rows: a category string becomes the landlord's
category of that name in any case, or an imported one; a refused complaint's reason comes
from its latest "refused" event."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from redress.cases.models import Category, Complaint
from redress.record.services import record_event

pytestmark = pytest.mark.django_db

categories = importlib.import_module("redress.cases.migrations.0013_complaint_category_fk")
reasons = importlib.import_module("redress.cases.migrations.0014_complaint_refusal_reason")


def test_a_string_maps_to_the_landlords_category_in_any_case():
    repairs = Category.objects.get(name="Repairs")
    assert categories.category_for(Category, "repairs") == repairs
    assert categories.category_for(Category, "  REPAIRS ") == repairs
    assert categories.category_for(Category, "") is None
    assert categories.category_for(Category, "   ") is None


def test_the_active_category_wins_over_an_inactive_one_named_the_same_in_another_case():
    Category.objects.create(name="REPAIRS", active=False, imported=True)
    assert categories.category_for(Category, "repairs").name == "Repairs"


def test_an_unknown_string_becomes_one_imported_inactive_category():
    last = max(Category.objects.values_list("position", flat=True))
    made = categories.category_for(Category, "Boiler woes")
    assert (made.name, made.active, made.imported, made.position) == (
        "Boiler woes",
        False,
        True,
        last + 1,
    )
    # The same words in another case are the same category: nothing is split.
    assert categories.category_for(Category, "boiler WOES") == made
    assert Category.objects.filter(name__iexact="boiler woes").count() == 1


def refused(reference: str, *reasons_given: str) -> Complaint:
    complaint = Complaint.objects.create(
        reference=reference, received_on=dt.date(2026, 10, 1), status="refused"
    )
    for day, reason in enumerate(reasons_given, start=1):
        record_event(
            "complaint",
            complaint.pk,
            "refused",
            actor=None,
            actor_label="test",
            occurred_at=dt.datetime(2026, 10, day, 10, tzinfo=dt.UTC),
            payload={"exclusion": "other", "reason": reason},
        )
    return complaint


def test_refusal_reasons_come_from_the_latest_refused_event():
    one = refused("MIG-1", "First reason", "Corrected reason")
    two = refused("MIG-2", "Only reason")
    none = refused("MIG-3")
    kept = refused("MIG-4", "From the event")
    Complaint.objects.filter(pk=kept.pk).update(refusal_reason="Already set")
    open_one = Complaint.objects.create(
        reference="MIG-5", received_on=dt.date(2026, 10, 1), status="stage1_received"
    )
    reasons.fill_refusal_reasons(apps, None)
    found = dict(Complaint.objects.values_list("reference", "refusal_reason"))
    assert found[one.reference] == "Corrected reason"
    assert found[two.reference] == "Only reason"
    assert found[none.reference] == ""
    assert found[kept.reference] == "Already set"
    assert found[open_one.reference] == ""
