"""The record is append-only: the ORM refuses updates and deletes, and a database
trigger refuses UPDATE from code that bypasses the ORM (migration 0002)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from redress.record.models import AppendOnlyError, Event
from redress.record.services import record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return record_event(
        "complaint", 1, "received", actor_label="import", payload={"summary": "Damp"}
    )


def unchanged(event: Event) -> None:
    stored = Event.objects.get(pk=event.pk)
    assert (stored.action, stored.payload, stored.actor_label) == (
        "received",
        {"summary": "Damp"},
        "import",
    )


def test_recording_appends(event):
    assert Event.objects.for_subject("complaint", 1).get() == event
    record_event("complaint", 1, "accepted")
    assert [e.action for e in Event.objects.for_subject("complaint", 1)] == ["received", "accepted"]


def test_save_of_an_existing_event_is_refused(event):
    event.action = "refused"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        Event.objects.get(pk=event.pk).save(update_fields=["action"])
    unchanged(event)


def test_delete_of_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    unchanged(event)


def test_queryset_update_and_delete_are_refused(event):
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(action="refused")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(subject_kind="complaint").delete()
    unchanged(event)


def test_bulk_update_is_refused(event):
    event.action = "refused"
    # bulk_update runs inside atomic(savepoint=False): give it a block of its own.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        Event.objects.bulk_update([event], ["action"])
    unchanged(event)


def test_raw_sql_update_is_refused_by_the_trigger(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE record_event SET action = %s WHERE id = %s", ["refused", event.pk])
    unchanged(event)


def test_update_through_the_base_manager_is_refused(event):
    # Django uses _base_manager for related objects and internals: it is the guarded one.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        Event._base_manager.filter(pk=event.pk).update(action="refused")
    unchanged(event)


def test_delete_through_the_base_manager_is_refused(event):
    with pytest.raises(AppendOnlyError), transaction.atomic():
        Event._base_manager.filter(pk=event.pk).delete()
    unchanged(event)
