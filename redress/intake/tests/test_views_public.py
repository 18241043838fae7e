"""The residents' pages: information, the complaint form, and the code-guarded status pages."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from redress.administration import deployment
from redress.cases.models import Complaint, Correspondence
from redress.cases.tests.factories import case_in, new_resident, open_case
from redress.intake import spam
from redress.intake.models import Contact, ReasonableAdjustment, Representative, StatusCode

pytestmark = pytest.mark.django_db

TODAY = deployment.today()


def long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def form_data(**changes) -> dict:
    data = {
        "name": "Ada Jones",
        "email": "ada@example.org",
        "phone": "",
        "address": "1 Damp Street",
        "postcode": "se1 7pb",
        "what_happened": "Mould in the bedroom for months",
        "put_right": "Fix the damp",
        "contact_by": "email",
        "on_behalf": "no",
        "help_needed": "",
        # Opened a minute ago, as a person would have (redress/intake/spam.py).
        "form_started": spam.token(at=time.time() - 60),
        "website": "",
    }
    data.update(changes)
    return data


def code_from(message) -> str:
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found, message.body
    return found.group(1)


def verify(client: Client, reference: str, email: str = "ada@example.org") -> None:
    mail.outbox.clear()
    response = client.post("/check-a-complaint/", {"reference": reference, "email": email})
    assert response.status_code == 303
    code = code_from(mail.outbox[-1])
    response = client.post("/check-a-complaint/code/", {"code": code})
    assert response.status_code == 303
    assert response["Location"] == "/check-a-complaint/status/"


@pytest.mark.parametrize(
    "path", ["/", "/complaints-policy/", "/help/", "/make-a-complaint/", "/check-a-complaint/"]
)
def test_public_pages_open_without_signing_in(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


def test_policy_page_gives_the_ombudsman_and_timescales(client):
    page = client.get("/complaints-policy/").content.decode()
    assert "0300 111 3000" in page
    assert "PR2 0ET" in page
    assert "info@housing-ombudsman.org.uk" in page
    assert "5 working days" in page and "20 working days" in page


def test_form_creates_resident_and_complaint_and_confirms_with_dates(client):
    response = client.post("/make-a-complaint/", form_data(help_needed="Large print please"))
    assert response.status_code == 303
    complaint = Complaint.objects.get()
    assert response["Location"] == f"/make-a-complaint/done/{complaint.reference}/"
    assert complaint.channel == "online_form"
    assert complaint.contact.classification == Contact.Classification.COMPLAINT
    assert complaint.resident.name == "Ada Jones"
    assert complaint.resident.postcode == "SE1 7PB"
    assert "What would put it right: Fix the damp" in complaint.summary
    adjustment = ReasonableAdjustment.objects.get(resident=complaint.resident)
    assert adjustment.review_on == TODAY + dt.timedelta(days=90)

    page = client.get(response["Location"]).content.decode()
    assert complaint.reference in page
    acknowledge_by = deployment.calendar().add_working_days(TODAY, 5)
    assert f"acknowledge your complaint by {long_date(acknowledge_by)}" in page


def test_done_page_is_404_for_another_session(client):
    client.post("/make-a-complaint/", form_data())
    reference = Complaint.objects.get().reference
    assert Client().get(f"/make-a-complaint/done/{reference}/").status_code == 404


def test_on_behalf_without_consent_is_refused_and_keeps_what_was_typed(client):
    data = form_data(on_behalf="yes", their_name="Bob Jones", relationship="son")
    response = client.post("/make-a-complaint/", data)
    assert response.status_code == 200
    assert Complaint.objects.count() == 0
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'class="govuk-error-summary"' in page
    assert 'href="#consent"' in page
    assert 'id="consent-error"' in page
    assert "Mould in the bedroom for months" in page
    assert 'value="Bob Jones"' in page


def test_on_behalf_with_consent_records_the_representative(client):
    data = form_data(on_behalf="yes", their_name="Bob Jones", relationship="son", consent="on")
    assert client.post("/make-a-complaint/", data).status_code == 303
    complaint = Complaint.objects.get()
    assert complaint.resident.name == "Bob Jones"
    rep = Representative.objects.get()
    assert complaint.representative == rep
    assert (rep.name, rep.email, rep.authority_recorded_on) == (
        "Ada Jones",
        "ada@example.org",
        TODAY,
    )


def test_future_or_unreal_dates_are_refused(client):
    tomorrow = TODAY + dt.timedelta(days=1)
    data = form_data(
        happened_day=str(tomorrow.day),
        happened_month=str(tomorrow.month),
        happened_year=str(tomorrow.year),
        aware_day="31",
        aware_month="2",
        aware_year="2026",
    )
    response = client.post("/make-a-complaint/", data)
    assert response.status_code == 200
    assert Complaint.objects.count() == 0
    page = response.content.decode()
    assert "The date it happened must be today or in the past" in page
    assert "Enter the date you became aware as a real date" in page
    assert 'href="#happened_day"' in page


def test_past_dates_are_recorded(client):
    data = form_data(happened_day="3", happened_month="2", happened_year="2025")
    assert client.post("/make-a-complaint/", data).status_code == 303
    assert Complaint.objects.get().issue_arose_on == dt.date(2025, 2, 3)


def test_attachment_is_kept_as_incoming_correspondence(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("mould.jpg", b"not really a jpeg", content_type="image/jpeg")
    assert (
        client.post("/make-a-complaint/", {**form_data(), "attachment": upload}).status_code == 303
    )
    item = Correspondence.objects.get()
    assert item.direction == "incoming" and "mould.jpg" in item.title


def test_status_flow_code_then_status_then_escalate(client, officer):
    reference = case_in("stage1_responded", officer)
    response = client.post(
        "/check-a-complaint/", {"reference": reference, "email": "ADA@example.org"}
    )
    assert response.status_code == 303
    assert len(mail.outbox) == 1
    code = code_from(mail.outbox[0])
    assert StatusCode.objects.get().code_digest != code

    wrong = "000000" if code != "000000" else "111111"
    response = client.post("/check-a-complaint/code/", {"code": wrong})
    assert response.status_code == 200
    assert 'id="code-error"' in response.content.decode()
    assert client.get("/check-a-complaint/status/").status_code == 303

    assert client.post("/check-a-complaint/code/", {"code": code}).status_code == 303
    page = client.get("/check-a-complaint/status/").content.decode()
    assert reference in page
    assert "Take my complaint to stage 2" in page

    response = client.post("/check-a-complaint/escalate/", {"still_wrong": "Still damp"})
    assert response.status_code == 303
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.status == "stage2_requested"
    assert complaint.stages.get(number=2).escalation_note == "Still damp"
    page = client.get("/check-a-complaint/status/").content.decode()
    assert "stage 2" in page and "Take my complaint to stage 2" not in page


def test_code_is_single_use(client, officer):
    reference = open_case(officer)
    verify(client, reference)
    code = code_from(mail.outbox[-1])
    other = Client()
    other.post("/check-a-complaint/", {"reference": reference, "email": "nobody@example.org"})
    assert other.post("/check-a-complaint/code/", {"code": code}).status_code == 200


def test_escalate_is_refused_when_not_allowed(client, officer):
    reference = open_case(officer)
    verify(client, reference)
    page = client.get("/check-a-complaint/status/").content.decode()
    assert "Take my complaint to stage 2" not in page
    response = client.post("/check-a-complaint/escalate/", {"still_wrong": ""})
    assert response.status_code == 200
    assert Complaint.objects.get(reference=reference).status == "stage1_received"


def test_non_matching_email_gets_the_same_message_and_no_mail(client, officer):
    reference = open_case(officer)
    for ref, email in ((reference, "someone@example.org"), ("CMP-1999-000001", "ada@example.org")):
        response = client.post(
            "/check-a-complaint/", {"reference": ref, "email": email}, follow=True
        )
        assert "If the reference and email match, we have sent a code" in response.content.decode()
    assert mail.outbox == []
    assert StatusCode.objects.count() == 0


def test_a_session_sees_and_escalates_only_its_verified_reference(client, officer):
    mine = case_in("stage1_responded", officer)
    theirs = case_in("stage1_responded", officer, resident=new_resident(officer, "Bea Smith"))
    verify(client, mine)
    page = client.get("/check-a-complaint/status/", {"reference": theirs}).content.decode()
    assert mine in page and theirs not in page
    client.post("/check-a-complaint/escalate/", {"reference": theirs})
    assert Complaint.objects.get(reference=mine).status == "stage2_requested"
    assert Complaint.objects.get(reference=theirs).status == "stage1_responded"


def test_expired_code_is_refused(client, officer):
    reference = open_case(officer)
    client.post("/check-a-complaint/", {"reference": reference, "email": "ada@example.org"})
    code = code_from(mail.outbox[-1])
    StatusCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post("/check-a-complaint/code/", {"code": code})
    assert response.status_code == 200
    assert "wrong or has expired" in response.content.decode()
    assert client.get("/check-a-complaint/status/").status_code == 303


def test_code_stops_working_after_too_many_wrong_guesses(client, officer):
    reference = open_case(officer)
    client.post("/check-a-complaint/", {"reference": reference, "email": "ada@example.org"})
    code = code_from(mail.outbox[-1])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post("/check-a-complaint/code/", {"code": wrong})
    assert client.post("/check-a-complaint/code/", {"code": code}).status_code == 200


def summary_targets(page: str) -> list[str]:
    """The ids the error summary's links point to, in its order."""
    summary = page.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="#([\w-]+)"', summary)


@pytest.mark.parametrize("postcode", ["NOT A POSTCODE", "LS1 4AB 12345", "12345"])
def test_a_wrong_postcode_is_refused_in_words(client, postcode):
    response = client.post("/make-a-complaint/", form_data(postcode=postcode))
    page = response.content.decode()
    assert Complaint.objects.count() == 0
    assert summary_targets(page) == ["postcode"]
    assert "Enter a real postcode, like LS1 4AB" in page
    assert "Ensure this value" not in page  # Django's default wording


def test_a_postcode_is_kept_in_capitals_with_one_space(client):
    assert client.post("/make-a-complaint/", form_data(postcode=" ls1   4ab ")).status_code == 303
    assert Complaint.objects.get().resident.postcode == "LS1 4AB"


def test_the_form_fields_are_on_the_page_in_the_forms_order(client):
    """The error summary lists errors in the form's field order: it must be the page's."""
    from redress.reception.forms import ComplaintForm

    page = client.get("/make-a-complaint/").content.decode()
    positions = [page.index(f'id="{name}"') for name in ComplaintForm.base_fields]
    assert positions == sorted(positions)


def test_the_error_summary_follows_the_page_not_the_order_errors_were_found(client):
    data = form_data(
        name="A" * 201,
        postcode="nowhere",
        on_behalf="yes",  # their name, relationship and consent: found last, by clean()
        what_happened="",
        happened_day="40",
        happened_month="1",
        happened_year="2026",
        contact_by="",
    )
    page = client.post("/make-a-complaint/", data).content.decode()
    targets = summary_targets(page)
    assert targets == [
        "name",
        "postcode",
        "their_name",
        "relationship",
        "consent",
        "what_happened",
        "happened_day",
        "contact_by",
    ]
    assert "Your full name must be 200 characters or fewer" in page
    positions = [page.index(f'id="{target}"') for target in targets]
    assert positions == sorted(positions)
