"""Exceptional-circumstances notices (8.5): drafted, published in a banner, withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from redress.oversight.annual_report import exceptional
from redress.oversight.annual_report.models import ExceptionalNotice
from redress.record.errors import Refused
from redress.record.models import Event


def public_page() -> str:
    """The front page as a resident sees it: signed-in staff are sent to their own start."""
    response = Client().get("/")
    assert response.status_code == 200
    return response.content.decode()


pytestmark = pytest.mark.django_db

WHAT = "A cyber attack took our housing management system offline."
FIELDS = {
    "what_happened": WHAT,
    "since": dt.date(2026, 10, 1),
    "ombudsman_informed_on": dt.date(2026, 10, 2),
    "who_is_affected": "Residents with open complaints",
    "return_by": dt.date(2027, 1, 15),
}
PUBLIC_PAGES = ["/", "/make-a-complaint/", "/help/", "/complaints-policy/", "/check-a-complaint/"]


@pytest.fixture
def officer(make_staff):
    return make_staff("oscar", "complaints officer")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"what_happened": ""}, "what_happened"),
        ({"who_is_affected": " "}, "who_is_affected"),
        ({"since": dt.date(2099, 1, 1)}, "since"),
        ({"ombudsman_informed_on": dt.date(2026, 9, 30)}, "ombudsman_informed_on"),
        ({"return_by": dt.date(2026, 10, 1)}, "return_by"),
    ],
)
def test_refusals_name_the_field(officer, changes, field):
    with pytest.raises(Refused) as refused:
        exceptional.create_notice(actor=officer, **(FIELDS | changes))
    assert refused.value.field == field
    assert not ExceptionalNotice.objects.exists()


def test_publish_shows_the_banner_and_withdraw_takes_it_down(officer, client):
    notice = exceptional.create_notice(actor=officer, **FIELDS)
    assert WHAT not in public_page()  # a draft is not public

    exceptional.publish_notice(notice.pk, actor=officer)
    for url in PUBLIC_PAGES:
        html = client.get(url).content.decode()
        assert WHAT in html, url
        assert "15 January 2027" in html
        assert "govuk-notification-banner" in html
    with pytest.raises(Refused):
        exceptional.publish_notice(notice.pk, actor=officer)

    exceptional.withdraw_notice(notice.pk, actor=officer, reason="Systems restored")
    assert WHAT not in public_page()
    notice.refresh_from_db()
    assert notice.status == "withdrawn" and notice.withdrawn_reason == "Systems restored"
    with pytest.raises(Refused):
        exceptional.withdraw_notice(notice.pk, actor=officer, reason="Again")
    actions = list(Event.objects.filter(subject_id=notice.pk).values_list("action", flat=True))
    assert actions == [
        "exceptional_notice.created",
        "exceptional_notice.published",
        "exceptional_notice.withdrawn",
    ]


def test_the_staff_page(officer, client):
    client.force_login(officer)
    url = "/oversight/exceptional-circumstances/"
    form = {
        "form": "notice",
        "notice-what_happened": WHAT,
        "notice-who_is_affected": "Everyone",
        "notice-since_day": "1",
        "notice-since_month": "10",
        "notice-since_year": "2026",
        "notice-ombudsman_informed_on_day": "30",
        "notice-ombudsman_informed_on_month": "9",
        "notice-ombudsman_informed_on_year": "2026",
        "notice-return_by_day": "15",
        "notice-return_by_month": "1",
        "notice-return_by_year": "2027",
    }
    response = client.post(url, form)
    assert response.status_code == 422
    assert 'href="#id_notice-ombudsman_informed_on-day"' in response.content.decode()
    assert not ExceptionalNotice.objects.exists()

    form["notice-ombudsman_informed_on_day"] = "2"
    form["notice-ombudsman_informed_on_month"] = "10"
    assert client.post(url, form).status_code == 303
    notice = ExceptionalNotice.objects.get()
    assert client.post(url, {"form": f"publish-{notice.pk}"}).status_code == 303
    assert WHAT in public_page()
    response = client.post(
        url, {"form": f"withdraw-{notice.pk}", f"withdraw-{notice.pk}-reason": "Restored"}
    )
    assert response.status_code == 303
    assert "Restored" in client.get(url).content.decode()
    assert WHAT not in public_page()
