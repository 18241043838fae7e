"""The retention schedule: what is due, anonymised once, with every report's figures kept."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from redress.cases.models import Complaint, Correspondence
from redress.cli import main
from redress.code.periods import Period
from redress.code.tsm import ReportingYear
from redress.intake.models import ReasonableAdjustment, Resident
from redress.letters.models import Letter
from redress.oversight import dashboard
from redress.oversight.annual_report.data import annual_report_data
from redress.oversight.selectors import measure_counts
from redress.privacy import retention
from redress.record.models import Event
from redress.record.verify import verify_chain
from redress.remedies.models import Remedy
from redress.remedies.services import change_remedy_status

from .builders import build

pytestmark = pytest.mark.django_db

YEAR = ReportingYear(2026)
LATER = dt.date(2033, 1, 1)


@pytest.fixture
def data(officer, second_handler, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    built = build(officer, second_handler)
    # The closed case's remedy is paid: nothing is left to follow through.
    remedy = Remedy.objects.get(complaint__reference=built["refs"]["closed"])
    change_remedy_status(
        remedy.pk,
        actor=officer.user,
        status="completed",
        on=dt.date(2026, 11, 20),
        evidence="Paid by BACS to Mrs Jones",
    )
    return built


def figures() -> str:
    period = Period(YEAR.first_day, YEAR.last_day)
    today = dt.date(2027, 3, 31)
    return json.dumps(
        {
            "dashboard": [t.rows for t in dashboard.tables(period, today)],
            "annual": annual_report_data(YEAR),
            "tsm": measure_counts(YEAR),
            "tsm_lcra": measure_counts(YEAR, tenure="lcra"),
        },
        default=str,
        sort_keys=True,
    )


def test_nothing_is_due_before_six_years(data):
    assert retention.due_records(dt.date(2032, 10, 1)) == []


def test_dry_run_lists_what_is_due_and_changes_nothing(data, capsys):
    events = Event.objects.count()
    assert main(["retention", "--dry-run", "--as-of", LATER.isoformat()]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    refs = data["refs"]
    complaints = {row["reference"] for row in listed if row["type"] == "complaint"}
    # Open complaints are never due; closed and refused ones are, six years on.
    assert complaints == {refs["closed"], refs["refused"]}
    closed = next(row for row in listed if row["reference"] == refs["closed"])
    assert closed["closed_on"] == "2026-11-16" and closed["due_since"] == "2032-11-16"
    assert Event.objects.count() == events


def test_an_open_remedy_keeps_a_closed_complaint(officer, second_handler, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    refs = build(officer, second_handler)["refs"]
    due = {d.reference for d in retention.due_records(LATER)}
    assert refs["refused"] in due and refs["closed"] not in due


def test_the_schedule_is_configurable_per_type(data, settings):
    settings.REDRESS_RETENTION_YEARS = {"complaint": 1}
    due = retention.due_records(dt.date(2027, 11, 17))
    assert {d.kind for d in due} == {"complaint"}
    assert {d.reference for d in due} == {data["refs"]["closed"], data["refs"]["refused"]}


def test_apply_anonymises_keeps_the_figures_and_is_idempotent(
    data, capsys, django_capture_on_commit_callbacks
):
    refs = data["refs"]
    closed = Complaint.objects.get(reference=refs["closed"])
    resident = Resident.objects.get(pk=data["resident_id"])
    files = [c.file.path for c in Correspondence.objects.filter(complaint=closed) if c.file]
    assert len(files) == 2
    before = figures()

    # Files are removed once each record's transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["retention", "--apply", "--as-of", LATER.isoformat()]) == 0
    assert "anonymised" in capsys.readouterr().out
    assert figures() == before

    closed.refresh_from_db()
    assert closed.summary == "[anonymised]"
    refused = Complaint.objects.get(reference=refs["refused"])
    assert refused.refusal_reason == "[anonymised]"
    stage = closed.stages.get(number=1)
    assert stage.definition["points"] == ["Point 1"]
    assert stage.response["decisions"] == [{"point": "Point 1", "decision": "upheld"}]
    assert stage.response["reasons"] == "[anonymised]"
    texts = Correspondence.objects.filter(complaint=closed).values_list("title", "body", "file")
    assert set(texts) == {("[anonymised]", "", "")}
    assert not any(os.path.exists(f) for f in files)
    letter = Letter.objects.get(complaint=closed)
    assert (letter.html, bytes(letter.pdf), letter.facts) == ("[anonymised]", b"", {})
    assert letter.sha256  # still proves what was sent
    remedy = Remedy.objects.get(complaint=closed)
    assert remedy.description == "[anonymised]" and remedy.amount == 200

    # All of this resident's complaints are closed: the resident is anonymised too.
    resident.refresh_from_db()
    assert resident.name == f"Anonymised resident {resident.pk}"
    assert (resident.email, resident.phone, resident.address) == ("", "", "")
    assert resident.postcode == "SE1 ***"
    adjustment = ReasonableAdjustment.objects.get(resident=resident)
    assert adjustment.disability_disclosed == "" and adjustment.letters_in == "large_print"

    anonymised = Event.objects.filter(action="anonymised")
    kinds = set(anonymised.values_list("subject_kind", "subject_id"))
    assert ("complaint", closed.pk) in kinds and ("resident", resident.pk) in kinds
    # The events' personal words are redacted in place; the chain still verifies.
    received = Event.objects.get(subject_kind="complaint", subject_id=closed.pk, action="received")
    assert received.redacted_at is not None
    assert received.payload["summary"] == "[redacted]"
    assert received.payload["channel"] == closed.channel  # not personal: kept
    recorded = Event.objects.filter(subject_kind="resident", subject_id=resident.pk)
    assert recorded.get(action="resident_recorded").payload["name"] == "[redacted]"
    theirs = Event.objects.filter(subject_kind="complaint", subject_id=closed.pk) | recorded
    left = [e.action for e in theirs if "Damp in the bedroom" in json.dumps(e.payload)]
    assert left == [], left
    assert verify_chain().broken is None

    # Idempotent: nothing is due now, and a second run changes nothing.
    count = Event.objects.count()
    assert retention.due_records(LATER) == []
    assert main(["retention", "--apply", "--as-of", LATER.isoformat()]) == 0
    assert Event.objects.count() == count


def test_a_failure_midway_keeps_no_partial_write(data, monkeypatch):
    closed = Complaint.objects.get(reference=data["refs"]["closed"])

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(retention, "_finish", fail)
    with pytest.raises(RuntimeError):
        retention.anonymise_due(LATER)
    closed.refresh_from_db()
    assert closed.summary == "Damp in the bedroom"
    assert not Event.objects.filter(action="anonymised").exists()
    assert all(c.file for c in Correspondence.objects.filter(complaint=closed, kind="document"))


def test_an_issued_letter_may_change_only_by_being_erased(data):
    from django.db import DatabaseError, transaction

    letter = Letter.objects.get()
    refused = DatabaseError  # the trigger's refusal, as each engine reports it
    for change in (
        {"html": "something else"},
        {"html": "[anonymised]", "text": "[anonymised]", "pdf": b"", "facts": {}},
        {
            "html": "[anonymised]",
            "text": "[anonymised]",
            "pdf": b"",
            "facts": {},
            "recipient": "[anonymised]",
            "sha256": "0" * 64,
        },
    ):
        with pytest.raises(refused), transaction.atomic():
            Letter.objects.filter(pk=letter.pk).update(**change)
    erased = {
        "html": "[anonymised]",
        "text": "[anonymised]",
        "pdf": b"",
        "facts": {},
        "recipient": "[anonymised]",
    }
    assert Letter.objects.filter(pk=letter.pk).update(**erased) == 1
