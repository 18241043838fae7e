"""The demo data: every state, made through the real services."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from redress.cases.models import Complaint
from redress.code.stages import Status
from redress.record.models import Event

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_is_loaded_once(capsys):
    call_command("load_demo_data")  # the 300 that `make run` loads
    out = capsys.readouterr().out
    assert "username 'officer'" in out and "API token" in out
    states = set(Complaint.objects.values_list("status", flat=True))
    assert states == {s.value for s in Status}
    assert Event.objects.filter(subject_kind="complaint").count() > 300 * 3
    before = Complaint.objects.count()
    call_command("load_demo_data", count=120)
    assert Complaint.objects.count() == before
    assert "already loaded" in capsys.readouterr().out


def test_issue_api_token_prints_a_working_token(client, capsys):
    call_command("load_demo_data", count=5)
    capsys.readouterr()
    call_command("issue_api_token", "officer")
    token = capsys.readouterr().out.strip()
    response = client.get("/api/v1/work-queue", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
