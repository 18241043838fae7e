"""The learning log: case workers keep it, every change is an event, and its report names
nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.administration import deployment
from redress.learning.models import Cause, Lesson, RootCause
from redress.record.models import Event

pytestmark = pytest.mark.django_db


def form(**changes) -> dict:
    return {
        "lesson": "Repairs were booked without checking for damp",
        "improvement": "Surveyors now check for damp at every repair visit",
        "references": "",
        "owner": "",
        "status": "proposed",
        "evidence": "",
        **changes,
    }


def test_recording_and_changing_a_lesson(client, responded):
    client.force_login(responded.officer)
    response = client.post("/learning/lessons/new/", form(references=responded.reference))
    assert response.status_code == 303
    lesson = Lesson.objects.get()
    assert list(lesson.complaints.all()) == [responded]
    recorded = Event.objects.get(subject_kind="lesson", action="lesson_recorded")
    assert recorded.subject_id == lesson.pk
    assert recorded.payload["complaints"] == [responded.reference]

    page = client.get(f"/learning/lessons/{lesson.pk}/").content.decode()
    assert responded.reference in page and "Surveyors now check" in page

    # Done needs evidence.
    response = client.post(f"/learning/lessons/{lesson.pk}/edit/", form(status="done"))
    assert response.status_code == 422
    assert "give the evidence" in response.content.decode().lower()
    response = client.post(
        f"/learning/lessons/{lesson.pk}/edit/",
        form(status="done", evidence="Audit of 20 visits", owner=f"user:{responded.officer.pk}"),
    )
    assert response.status_code == 303
    lesson.refresh_from_db()
    assert (lesson.status, lesson.owner, lesson.done_on) == (
        "done",
        responded.officer,
        deployment.today(),
    )
    updated = Event.objects.get(subject_kind="lesson", action="lesson_updated")
    assert updated.payload["status"] == "done" and updated.payload["complaints"] == []


def test_an_unknown_reference_is_refused_and_nothing_written(client, responded):
    client.force_login(responded.officer)
    response = client.post("/learning/lessons/new/", form(references="NOPE-1"))
    assert response.status_code == 422
    assert "No complaint with reference NOPE-1" in response.content.decode()
    assert not Lesson.objects.exists() and not Event.objects.filter(subject_kind="lesson")


def test_a_handler_cannot_name_a_complaint_they_cannot_open(client, make_staff, responded):
    from redress.cases import services as cases

    cases.assign(responded.reference, actor=responded.officer, handler_id=responded.officer.pk)
    client.force_login(make_staff("hamid", "handler"))
    response = client.post("/learning/lessons/new/", form(references=responded.reference))
    assert response.status_code == 422
    assert not Lesson.objects.exists()


@pytest.mark.parametrize("role", ["MRC", "governing body", "administrator"])
def test_the_log_is_case_work(client, make_staff, role):
    client.force_login(make_staff("someone", role))
    assert client.get("/learning/").status_code == 403
    assert client.post("/learning/lessons/new/", form()).status_code == 403


@pytest.mark.parametrize("role", ["MRC", "governing body", "senior lead", "handler"])
def test_the_report_names_nobody(client, make_staff, responded, role):
    officer = responded.officer
    officer.first_name, officer.last_name = "Ottoline", "Featherstonehaugh"
    officer.save()
    client.force_login(officer)
    client.post(
        "/learning/lessons/new/",
        form(references=responded.reference, owner=f"user:{officer.pk}"),
    )
    RootCause.objects.create(
        complaint=responded,
        stage=responded.stages.get(number=1),
        point="Leak not fixed",
        cause=Cause.objects.get(name="Repair delay"),
        note="Gargoyle parts",
        recorded_at=dt.datetime.now(dt.UTC),
    )
    client.force_login(make_staff("someone", role))
    today = deployment.today()
    response = client.get(f"/learning/report/?from={today.replace(day=1)}&to={today}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Surveyors now check for damp" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in page
    for secret in (
        responded.reference,
        "Philomena",
        "Quagmire",
        "ZZ9",
        "Ottoline",
        "Featherstonehaugh",
        "olive",
        "Gargoyle",
    ):
        assert secret not in page
