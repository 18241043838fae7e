"""The public pages' protection: rate limits per client and email, and spam checks.

Every refusal keeps what was typed, says why in the error summary, and writes nothing.
"""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.test import Client

from redress.cases.models import Complaint
from redress.cases.tests.factories import open_case
from redress.intake import limits, spam
from redress.intake.models import Resident, StatusCode
from redress.record.models import Event

from .test_views_public import code_from, form_data

pytestmark = pytest.mark.django_db

COMPLAIN = "/make-a-complaint/"


def nothing_written() -> bool:
    return not (Complaint.objects.exists() or Resident.objects.exists() or Event.objects.exists())


def refused_with(response, words: str, status: int = 200) -> str:
    page = response.content.decode()
    assert response.status_code == status
    assert 'class="govuk-error-summary"' in page and words in page
    assert "Mould in the bedroom for months" in page  # what was typed is kept
    return page


def test_the_form_carries_a_fresh_token_and_a_hidden_honeypot(client):
    page = client.get(COMPLAIN).content.decode()
    token = page.split('name="form_started" value="')[1].split('"')[0]
    assert abs(spam.opened_at(token) - time.time()) < 5
    assert '<div class="govuk-form-group redress-honeypot">' in page
    assert 'name="website"' in page


def test_a_filled_honeypot_is_refused(client):
    response = client.post(COMPLAIN, form_data(website="http://spam.example"))
    refused_with(response, "We could not accept this form")
    assert nothing_written()


def test_a_form_sent_within_seconds_of_opening_is_refused_and_can_be_sent_again(client):
    opened = spam.token(at=time.time() - 1)
    response = client.post(COMPLAIN, form_data(form_started=opened))
    page = refused_with(response, "This form was sent too quickly")
    assert nothing_written()
    assert f'value="{opened}"' in page  # the clock is not restarted
    later = spam.token(at=time.time() - 10)
    assert client.post(COMPLAIN, form_data(form_started=later)).status_code == 303


@pytest.mark.parametrize(
    "make_token",
    [
        lambda: "",
        lambda: "not-a-token",
        lambda: spam.token(at=time.time() - spam.MAX_AGE - 60),
        lambda: spam.token(at=time.time() + 3600),
        lambda: spam.token(at=time.time() - 60)[:-2] + "xx",
    ],
    ids=["missing", "not-ours", "over-a-day-old", "from-the-future", "tampered-with"],
)
def test_a_missing_forged_or_stale_token_is_refused(client, make_token):
    response = client.post(COMPLAIN, form_data(form_started=make_token()))
    page = refused_with(response, "This form has expired")
    assert nothing_written()
    fresh = page.split('name="form_started" value="')[1].split('"')[0]
    assert abs(spam.opened_at(fresh) - time.time()) < 5


def test_complaints_are_limited_per_client_address(client, settings):
    settings.REDRESS_RATE_LIMITS = {**settings.REDRESS_RATE_LIMITS, "complaint-ip": (2, 3600)}
    for _ in range(2):
        assert client.post(COMPLAIN, form_data(), REMOTE_ADDR="203.0.113.5").status_code == 303
    response = client.post(COMPLAIN, form_data(), REMOTE_ADDR="203.0.113.5")
    refused_with(response, "too many complaints from this connection", status=429)
    assert Complaint.objects.count() == 2
    # Another address is counted on its own.
    assert client.post(COMPLAIN, form_data(), REMOTE_ADDR="203.0.113.6").status_code == 303


def test_behind_trusted_proxies_the_client_is_the_address_they_saw(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    settings.REDRESS_TRUSTED_PROXIES = 0
    assert limits.client_ip(request) == "10.0.0.2"
    settings.REDRESS_TRUSTED_PROXIES = 1
    assert limits.client_ip(request) == "198.51.100.7"  # not the client's own claim


def ask_for_code(client, reference, email="ada@example.org", ip="203.0.113.9"):
    return client.post(
        "/check-a-complaint/", {"reference": reference, "email": email}, REMOTE_ADDR=ip
    )


def test_codes_are_limited_per_email_address(client, officer, settings):
    settings.REDRESS_RATE_LIMITS = {**settings.REDRESS_RATE_LIMITS, "code-email": (2, 3600)}
    reference = open_case(officer)
    for n in range(2):
        assert ask_for_code(client, reference, ip=f"203.0.113.{n}").status_code == 303
    response = ask_for_code(client, reference, email="ADA@example.org", ip="203.0.113.50")
    assert response.status_code == 429
    assert "too many codes" in response.content.decode()
    assert StatusCode.objects.count() == 2 and len(mail.outbox) == 2


def test_codes_are_limited_per_client_whether_or_not_the_email_matches(client, officer, settings):
    settings.REDRESS_RATE_LIMITS = {**settings.REDRESS_RATE_LIMITS, "code-ip": (2, 3600)}
    reference = open_case(officer)
    assert ask_for_code(client, reference, email="someone@example.org").status_code == 303
    assert ask_for_code(client, reference, email="other@example.org").status_code == 303
    response = ask_for_code(client, reference)
    assert response.status_code == 429
    assert StatusCode.objects.count() == 0 and mail.outbox == []


def test_code_guesses_are_limited_per_client(client, officer, settings):
    settings.REDRESS_RATE_LIMITS = {**settings.REDRESS_RATE_LIMITS, "guess-ip": (2, 3600)}
    reference = open_case(officer)
    ask_for_code(client, reference)
    code = code_from(mail.outbox[-1])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(2):
        client.post("/check-a-complaint/code/", {"code": wrong}, REMOTE_ADDR="203.0.113.9")
    response = client.post("/check-a-complaint/code/", {"code": code}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "tried too many codes" in response.content.decode()
    assert StatusCode.objects.get().used_at is None  # the right code was not even tried


def test_a_code_is_void_after_five_wrong_guesses_and_expires(client, officer):
    reference = open_case(officer)
    ask_for_code(client, reference)
    code = code_from(mail.outbox[-1])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post("/check-a-complaint/code/", {"code": wrong})
    assert client.post("/check-a-complaint/code/", {"code": code}).status_code == 200

    other = Client()
    ask_for_code(other, reference)
    StatusCode.objects.filter(used_at__isnull=True, failed_attempts=0).update(
        expires_at="2000-01-01T00:00:00Z"
    )
    assert (
        other.post("/check-a-complaint/code/", {"code": code_from(mail.outbox[-1])}).status_code
        == 200
    )
