"""`redress generate` on a small history: the app works on it, and it is what the Code says.

The rows are made in bulk, not by the services, so these tests hold them to what
the services would have written: statuses agree with stage dates, `next_due` with
the clock, events with their subjects, letters with their hashes, and the fast
TSM counts with the slow oracle's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count

from redress.administration import deployment
from redress.cases.clock import assess, duty
from redress.cases.models import Complaint, Extension, Stage
from redress.cases.tests.measures_oracle import count_measures_from_db
from redress.cli import main
from redress.code.london import london_date
from redress.code.stages import Status
from redress.code.tsm import ReportingYear
from redress.generate import generate, received_days
from redress.generate.people import ensure_contractors, ensure_staff
from redress.intake.models import Contact, Resident
from redress.letters.models import Letter
from redress.oversight.annual_report.data import annual_report_data
from redress.oversight.selectors import measure_counts
from redress.record.models import Event
from redress.remedies.models import Remedy
from redress.staff.roles import COMPLAINTS_OFFICER, MANAGER, MRC

pytestmark = pytest.mark.django_db

N = 300


@pytest.fixture
def generated():
    return generate(N, 2, seed=7)


def _rows(model) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields]
    return list(model.objects.order_by("pk").values_list(*fields))


def test_counts_and_rates_are_realistic(generated):
    assert Complaint.objects.count() == N == generated.counts["cases_complaint"]
    statuses = Counter(Complaint.objects.values_list("status", flat=True))
    assert 0 < statuses["refused"] <= 0.08 * N
    escalated = Stage.objects.filter(number=2).count()
    responded = Stage.objects.filter(number=1, responded_on__isnull=False).count()
    assert 0.10 <= escalated / responded <= 0.25
    events = Event.objects.count()
    assert 8 * N <= events <= 13 * N
    residents = Resident.objects.count()
    assert residents < 0.85 * N  # repeat complainants
    assert Resident.objects.exclude(block="").exists() and Resident.objects.exclude(estate="")
    assert len(set(Complaint.objects.values_list("category", flat=True))) >= 6
    open_ = Complaint.objects.exclude(status__in=("closed", "refused")).count()
    assert 0 < open_ < 0.25 * N
    assert Remedy.objects.filter(kind="financial", amount__gt=0).exists()
    assert Extension.objects.exists()


def test_statuses_agree_with_stage_dates_and_the_clock(generated):
    today = deployment.today()
    for complaint in Complaint.objects.prefetch_related("stages__extensions"):
        stages = {s.number: s for s in complaint.stages.all()}
        status = Status(complaint.status)
        one, two = stages[1], stages.get(2)
        assert complaint.received_on <= today and one.requested_on == complaint.received_on
        if status is Status.REFUSED:
            assert complaint.exclusion and one.acknowledged_on is None and two is None
        elif status in (Status.STAGE1_RECEIVED, Status.STAGE1_ACCEPTED):
            assert one.acknowledged_on is None and two is None
        elif status is Status.STAGE1_ACKNOWLEDGED:
            assert one.acknowledged_on and one.responded_on is None and two is None
        elif status is Status.STAGE1_RESPONDED:
            assert one.responded_on and two is None
        elif status is Status.STAGE2_REQUESTED:
            assert two and two.acknowledged_on is None
        elif status is Status.STAGE2_ACKNOWLEDGED:
            assert two.acknowledged_on and two.responded_on is None
        elif two is not None:
            assert two.responded_on
        for stage in stages.values():
            dates = [stage.requested_on, stage.acknowledged_on, stage.responded_on]
            known = [d for d in dates if d]
            assert known == sorted(known) and known[-1] <= today
            if stage.responded_on:
                assert {p["point"] for p in stage.response["decisions"]} == set(
                    stage.definition["points"]
                )
        if two is not None:
            assert two.requested_on >= one.responded_on
            assert complaint.handler_id not in (None, one.handler_id)
            if two.acknowledged_on:
                assert two.handler_id == complaint.handler_id
        found = duty(complaint, assess(complaint))
        assert complaint.next_due == (found.due if found else None)
        assert complaint.next_action == (found.action if found else "")


def test_events_letters_and_staff_hold_together(generated):
    subjects = {
        "complaint": set(Complaint.objects.values_list("pk", flat=True)),
        "contact": set(Contact.objects.values_list("pk", flat=True)),
        "resident": set(Resident.objects.values_list("pk", flat=True)),
    }
    for kind, subject in Event.objects.values_list("subject_kind", "subject_id"):
        assert subject in subjects[kind]
    assert Event.objects.filter(occurred_at__gt=dt.datetime.now(dt.UTC)).count() == 0
    per_case = Event.objects.filter(subject_kind="complaint").values("subject_id")
    assert per_case.annotate(n=Count("id")).filter(n__lt=2).count() == 0
    stages = {(s.complaint_id, s.number): s for s in Stage.objects.all()}
    dated = {"acknowledged": "acknowledged_on", "responded": "responded_on"}
    for event in Event.objects.filter(action__in=[*dated, "escalated", "received"]):
        if event.action == "escalated":
            day = stages[event.subject_id, 2].requested_on
        elif event.action == "received":
            day = stages[event.subject_id, 1].requested_on
        else:
            day = getattr(stages[event.subject_id, event.payload["stage"]], dated[event.action])
        assert london_date(event.occurred_at) == day
    letters = Letter.objects.all()
    assert letters.count() >= N
    for letter in letters:
        assert letter.sha256 == Letter.digest(letter.html, letter.text, bytes(letter.pdf))
        assert bytes(letter.pdf).startswith(b"%PDF-")
    issued = Event.objects.filter(action="letter_issued")
    assert {e.payload["sha256"] for e in issued} == {letter.sha256 for letter in letters}
    # Stage 2 is never considered by the stage 1 handler (6.13).
    for stage in Stage.objects.filter(number=2, responded_on__isnull=False):
        first = Stage.objects.get(complaint_id=stage.complaint_id, number=1)
        assert stage.responded_by_id not in (first.handler_id, first.responded_by_id)


def test_the_fast_measures_agree_with_the_oracle(generated):
    today = deployment.today()
    for start in {today.year - 1, today.year - 2, today.year - (today.month < 4)}:
        year = ReportingYear(start)
        assert measure_counts(year) == count_measures_from_db(year)


def test_the_same_seed_gives_the_same_rows():
    now = dt.datetime.now(dt.UTC)
    ensure_staff(40)
    ensure_contractors()

    def rows_of(seed: int) -> list[list[tuple]]:
        with transaction.atomic():
            generate(40, 1, seed=seed, now=now)
            found = [_rows(m) for m in (Resident, Complaint, Stage, Remedy, Letter, Event)]
            transaction.set_rollback(True)
        return found

    first = rows_of(3)
    assert first == rows_of(3)
    assert first[1] != rows_of(4)[1]
    days = [row[11] for row in first[1]]
    assert days == sorted(days) == received_days(40, 1, 3, london_date(now), deployment.calendar())


def test_pages_and_reports_work_on_generated_data(generated, client, make_staff, capsys):
    officer = make_staff("olive", COMPLAINTS_OFFICER, MANAGER)
    client.force_login(officer)
    assert client.get("/cases/").status_code == 200
    for complaint in Complaint.objects.filter(status__in=["closed", "stage2_acknowledged"])[:3]:
        response = client.get(f"/cases/{complaint.reference}/")
        assert response.status_code == 200
        assert complaint.reference.encode() in response.content
    assert client.get("/oversight/").status_code == 200
    assert client.get("/oversight/dashboard/").status_code == 200
    client.force_login(make_staff("morgan", MRC))
    assert client.get("/oversight/").status_code == 200
    today = deployment.today()
    year = ReportingYear(today.year - 1)
    data = annual_report_data(year)
    assert data["performance"]["volumes"]["received"] > 0
    assert main(["tsm", "--from-db", "--year", str(year.start_year), "--homes", "5000"]) == 0
    assert "CH01_stage1_per_1000" in capsys.readouterr().out


def test_the_command_refuses_a_loaded_database_unless_appending(capsys):
    assert main(["generate", "--complaints", "30", "--years", "1", "--seed", "2"]) == 0
    assert "cases_complaint 30" in capsys.readouterr().out
    assert main(["generate", "--complaints", "30", "--years", "1"]) == 2
    assert "--append" in capsys.readouterr().err
    assert Complaint.objects.count() == 30
    assert main(["generate", "--complaints", "20", "--years", "1", "--append"]) == 0
    references = list(Complaint.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 50
