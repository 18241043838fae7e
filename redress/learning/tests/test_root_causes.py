"""Root causes: recorded for upheld and partly upheld points only, each an event."""

from __future__ import annotations

import pytest

from redress.learning import services
from redress.learning.models import Cause, RootCause
from redress.record.errors import NotFound, Refused
from redress.record.models import Event

pytestmark = pytest.mark.django_db


def url(c, number: int = 1) -> str:
    return f"/learning/cases/{c.reference}/stages/{number}/root-causes/"


def test_the_case_page_links_to_the_page_listing_upheld_points_only(client, responded):
    client.force_login(responded.officer)
    case = client.get(f"/cases/{responded.reference}/").content.decode()
    assert url(responded) in case
    page = client.get(url(responded)).content.decode()
    assert "Leak not fixed" in page and "Late reply" in page
    assert "Rude operative" not in page
    assert "Process not followed" in page


def test_recording_a_root_cause(client, responded):
    client.force_login(responded.officer)
    delay = Cause.objects.get(name="Repair delay")
    response = client.post(
        url(responded), {"point": "0", "p0-cause": str(delay.pk), "p0-note": "Parts on order"}
    )
    assert response.status_code == 303
    found = RootCause.objects.get()
    assert (found.point, found.cause, found.note) == ("Leak not fixed", delay, "Parts on order")
    event = Event.objects.get(action="root_cause_recorded")
    assert (event.subject_kind, event.subject_id) == ("complaint", responded.pk)
    assert event.payload["cause"] == "Repair delay"

    # Changing it keeps one row and records the change.
    other = Cause.objects.get(name="Policy gap")
    client.post(url(responded), {"point": "0", "p0-cause": str(other.pk), "p0-note": ""})
    assert RootCause.objects.get().cause == other
    assert Event.objects.filter(action="root_cause_changed").count() == 1


def test_a_missing_cause_is_shown_on_the_form(client, responded):
    client.force_login(responded.officer)
    response = client.post(url(responded), {"point": "1", "p1-note": "Kept"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Choose the root cause" in page and 'href="#id_p1-cause"' in page and "Kept" in page
    assert not RootCause.objects.exists()


def test_not_upheld_points_and_unanswered_stages_are_refused(responded):
    cause = Cause.objects.first()
    with pytest.raises(Refused) as refused:
        services.record_root_cause(
            responded.reference,
            actor=responded.officer,
            stage_number=1,
            point="Rude operative",
            cause_id=cause.pk,
        )
    assert refused.value.field == "point"
    with pytest.raises(Refused) as refused:
        services.record_root_cause(
            responded.reference,
            actor=responded.officer,
            stage_number=2,
            point="Leak not fixed",
            cause_id=cause.pk,
        )
    assert refused.value.field == "stage"
    assert not RootCause.objects.exists()


def test_only_those_who_may_open_the_case(client, make_staff, responded):
    stranger = make_staff("hamid", "handler")
    from redress.cases import services as cases

    cases.assign(responded.reference, actor=responded.officer, handler_id=responded.officer.pk)
    client.force_login(stranger)
    assert client.get(url(responded)).status_code == 404
    with pytest.raises(NotFound):
        services.record_root_cause(
            responded.reference,
            actor=stranger,
            stage_number=1,
            point="Leak not fixed",
            cause_id=Cause.objects.first().pk,
        )
    client.force_login(make_staff("morwenna", "MRC"))
    assert client.get(url(responded)).status_code == 403
