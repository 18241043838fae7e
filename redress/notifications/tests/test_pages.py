"""The notifications pages, the header's unread count, and the case timeline's notices."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from redress.notifications.models import Kind, Notification, Preference
from redress.notifications.sweep import sweep
from redress.record.models import Event

from .conftest import THURSDAY_BEFORE, WEDNESDAY_AFTER

pytestmark = pytest.mark.django_db


def header_count(html: str) -> str | None:
    found = re.search(r'id="notifications-link">Notifications(?: <strong[^>]*>(\d+))?', html)
    assert found, "no notifications link in the header"
    return found.group(1)


def test_the_header_counts_unread_notices(client, case, handler):
    client.force_login(handler)
    queue = reverse("cases:work-queue")
    assert header_count(client.get(queue).content.decode()) == "1"  # the assignment
    sweep(THURSDAY_BEFORE)
    assert header_count(client.get(queue).content.decode()) == "2"
    client.post(reverse("notifications:read-all"))
    assert header_count(client.get(queue).content.decode()) is None


def test_a_page_without_a_signed_in_person_still_renders(client, case):
    assert client.get("/").status_code == 200


def test_the_list_shows_and_marks_notices_read(client, case, handler, make_staff):
    sweep(THURSDAY_BEFORE)
    client.force_login(handler)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "You have 2 unread notices" in page
    assert f"Complaint {case.reference} was assigned to you by Otto." in page
    soon = Notification.objects.get(kind=Kind.DUE_SOON)
    response = client.post(reverse("notifications:read", args=[soon.pk]))
    assert response.status_code == 303
    soon.refresh_from_db()
    assert soon.read_at is not None
    page = client.get(reverse("notifications:list")).content.decode()
    assert "You have 1 unread notice." in page and "is due by" not in page
    assert "is due by" in client.get(reverse("notifications:list") + "?show=all").content.decode()
    # Somebody else's notice is not theirs to mark.
    other = make_staff("tom", "handler")
    client.force_login(other)
    assert client.post(reverse("notifications:read", args=[soon.pk])).status_code == 404


def test_email_choices_page_keeps_the_managers_alert_on(client, boss):
    client.force_login(boss)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="overdue_oversight" checked disabled' in page
    assert "cannot be switched off" in page
    # Untick everything (a disabled box is never posted).
    response = client.post(reverse("notifications:preferences"), {"email": []})
    assert response.status_code == 303
    wanted = dict(Preference.objects.filter(user=boss).values_list("kind", "email"))
    assert wanted[Kind.OVERDUE_OVERSIGHT] is True and wanted[Kind.OVERDUE] is False
    assert Event.objects.filter(subject_id=boss.pk, action="notification_preferences_set")


def test_failures_page_for_officers_and_administrators(client, case, handler, settings, make_staff):
    settings.EMAIL_BACKEND = "redress.notifications.tests.mailers.Unreachable"
    sweep(THURSDAY_BEFORE)
    client.force_login(make_staff("ali", "administrator"))
    page = client.get(reverse("notifications:failures")).content.decode()
    assert "SMTPConnectError" in page and "Hana" in page
    client.force_login(handler)
    assert client.get(reverse("notifications:failures")).status_code == 403


def test_the_case_timeline_shows_the_notices(client, case, complaints_officer, boss):
    sweep(WEDNESDAY_AFTER)
    client.force_login(complaints_officer)
    page = client.get(reverse("cases:case", args=[case.reference])).content.decode()
    timeline = page[page.index('id="timeline"') :]
    assert "Notice: An acknowledgement or response overdue on your case" in timeline
    assert "Redress, to Maya" in timeline and "Redress, to Hana" in timeline
    assert "Email: sent" in timeline
    assert "Notice: A complaint assigned to you" in timeline
