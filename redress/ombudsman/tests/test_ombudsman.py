"""Ombudsman cases: referral, findings, orders and compliance, and the MRC told of
maladministration; the oversight page counts them without naming anyone."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from redress.cases.tests.factories import TODAY, case_in, events
from redress.ombudsman import services as ombudsman
from redress.ombudsman.models import OmbudsmanCase
from redress.record.errors import Refused

pytestmark = pytest.mark.django_db

REFERRED = dt.date(2026, 11, 2)
DETERMINED = dt.date(2026, 11, 20)


@pytest.fixture
def referred(officer, second_handler):
    ref = case_in("closed", officer, second_handler)
    return ombudsman.record_referral(
        ref, actor=officer.user, ombudsman_reference="HOS-202612345", referred_on=REFERRED
    )


@pytest.fixture
def mrc(make_staff):
    user = make_staff("morgan", "MRC")
    user.email = "mrc@board.example"
    user.save()
    return user


def determine(officer, referred, finding: str, element: str = "Handling of the damp repair"):
    return ombudsman.record_determination(
        referred.pk,
        actor=officer.user,
        element=element,
        finding=finding,
        determined_on=DETERMINED,
    )


def test_maladministration_alerts_the_mrc_without_naming_the_resident(
    officer, referred, mrc, django_capture_on_commit_callbacks, queued_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        determine(officer, referred, "maladministration", "Handling of the damp repair")
    assert mail.outbox == []  # the alert waits for the task worker
    queued_tasks()
    assert [m.to for m in mail.outbox] == [["mrc@board.example"]]
    assert "Maladministration" in mail.outbox[0].subject
    assert "Ada Jones" not in mail.outbox[0].body
    actions = [e["action"] for e in events(officer, referred.complaint.reference)]
    assert "ombudsman_determination" in actions and "mrc_alerted" in actions


def test_an_alert_the_mail_server_refused_is_recorded_and_tried_again(
    officer, referred, mrc, settings, django_capture_on_commit_callbacks, queued_tasks
):
    settings.EMAIL_BACKEND = "redress.notifications.tests.mailers.Unreachable"
    with django_capture_on_commit_callbacks(execute=True):
        determine(officer, referred, "severe_maladministration", "Handling of the damp repair")
    [run] = queued_tasks()
    assert run.return_value == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        [retry] = queued_tasks()
    assert retry.return_value == 1 and [m.to for m in mail.outbox] == [["mrc@board.example"]]
    recorded = [e for e in events(officer, referred.complaint.reference) if "mrc" in e["action"]]
    assert [(e["action"], e["payload"].get("attempt")) for e in recorded] == [
        ("mrc_alert_failed", 1),
        ("mrc_alerted", None),
    ]


def test_service_failure_does_not_alert(
    officer, referred, mrc, django_capture_on_commit_callbacks, queued_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        determine(officer, referred, "service_failure", "Complaint handling")
    assert queued_tasks() == [] and mail.outbox == []


def test_orders_and_late_compliance_are_recorded(officer, referred):
    order = ombudsman.add_order(
        referred.pk,
        actor=officer.user,
        kind="order",
        description="Pay £300",
        due_on=dt.date(2026, 11, 10),
    )
    ombudsman.record_compliance(
        order.pk, actor=officer.user, complied_on=dt.date(2026, 11, 12), evidence="Paid by BACS"
    )
    compliance = [
        e
        for e in events(officer, referred.complaint.reference)
        if e["action"] == "ombudsman_compliance"
    ]
    assert compliance[0]["payload"]["late"] is True
    with pytest.raises(Refused):
        ombudsman.record_compliance(
            order.pk, actor=officer.user, complied_on=dt.date(2026, 11, 12), evidence="Again"
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ombudsman_reference": " "}, "ombudsman_reference"),
        ({"referred_on": dt.date(2026, 9, 1)}, "referred_on"),
        ({"referred_on": dt.date(2099, 1, 1)}, "referred_on"),
    ],
)
def test_bad_referrals_name_the_field_and_write_nothing(officer, changes, field):
    ref = case_in("stage1_responded", officer)
    arguments = {"ombudsman_reference": "HOS-1", "referred_on": REFERRED, **changes}
    with pytest.raises(Refused) as refused:
        ombudsman.record_referral(ref, actor=officer.user, **arguments)
    assert refused.value.field == field and not OmbudsmanCase.objects.exists()


def test_pages_record_a_finding_and_an_order(client, officer, referred):
    client.force_login(officer.user)
    listing = client.get("/ombudsman/").content.decode()
    assert "HOS-202612345" in listing and referred.complaint.reference in listing
    url = f"/ombudsman/{referred.pk}/"
    bad = client.post(url, {"form": "order", "order-kind": "order", "order-description": ""})
    assert bad.status_code == 422 and "govuk-error-summary" in bad.content.decode()
    done = client.post(
        url,
        {
            "form": "determination",
            "determination-element": "Repairs",
            "determination-finding": "severe_maladministration",
            "determination-determined_on_day": "20",
            "determination-determined_on_month": "11",
            "determination-determined_on_year": "2026",
        },
    )
    assert done.status_code == 303
    assert "Severe maladministration" in client.get(url).content.decode()
    assert client.post(url, {"form": "comply-abc"}).status_code == 404


def test_another_handler_cannot_see_the_case(client, make_staff, officer, referred):
    from redress.cases import services

    services.assign(
        referred.complaint.reference, actor=None, handler_id=officer.user.pk
    ) if False else None
    client.force_login(make_staff("sam", "handler"))
    assert "HOS-202612345" not in client.get("/ombudsman/").content.decode()
    assert client.get(f"/ombudsman/{referred.pk}/").status_code == 404


@pytest.mark.today(TODAY)  # the page counts the reporting year the finding fell in
def test_the_oversight_page_counts_findings_and_orders(client, officer, referred, mrc):
    determine(officer, referred, "maladministration", "Repairs")
    ombudsman.add_order(
        referred.pk, actor=officer.user, kind="chfo", description="Review", due_on=REFERRED
    )
    client.force_login(mrc)
    page = client.get("/oversight/").content.decode()
    start = page.index('id="ombudsman-findings"')
    section = page[start:]
    assert (
        '>Maladministration</th><td class="govuk-table__cell govuk-table__cell--numeric">1<'
        in section
    )
    assert "HOS-202612345" not in page and referred.complaint.reference not in page
