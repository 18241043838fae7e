"""The case page shows correspondence whole (text, sender, files to download) in its list
and on the timeline, the dates the resident gave and the representative's contact
details, and timeline entries that say which stage, to whom, how long and on what ground.

Issue 19: a reply's body, sender and attachment were invisible (only its subject showed);
an assignment did not say to whom, an extension neither its days nor its new date, a
refusal not its exclusion ground.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from redress.cases import services
from redress.cases.models import Correspondence
from redress.intake import services as intake
from redress.intake.tests.test_inbound import email
from redress.reception.receiving import receive_message

from .factories import TODAY, by_letter

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]

RECEIVED = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.4 the surveyor's report"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(make_staff):
    return make_staff("olive", "complaints officer")


@pytest.fixture
def handler(make_staff):
    return make_staff("harriet", "handler")


@pytest.fixture
def second_handler(make_staff):
    return make_staff("hamid", "handler")


def open_case(actor, **extra):
    resident = intake.create_resident(
        actor=actor, name="Ada Jones", postcode="SE1 7PB", email="ada@example.org"
    )
    return services.open_complaint(
        actor=actor,
        resident=resident,
        summary="Damp in the bedroom",
        channel="phone",
        received_at=RECEIVED,
        **extra,
    )


def acknowledge(ref, handler, on: dt.date):
    services.acknowledge(
        ref,
        actor=handler,
        points=["Damp not fixed"],
        outcomes_sought=["Fix the damp"],
        responsible_for_all=True,
        communication=by_letter(on),
    )


def respond(ref, handler, on: dt.date):
    services.respond(
        ref,
        actor=handler,
        decisions=[{"point": "Damp not fixed", "decision": "upheld"}],
        reasons="Late repair",
        communication=by_letter(on),
    )


def page(client, user, complaint) -> str:
    client.force_login(user)
    return client.get(reverse("cases:case", args=[complaint.reference])).content.decode()


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def reply(complaint, **overrides):
    return receive_message(
        email(
            subject=f"Re: {complaint.reference}",
            text="The damp is back.\nThe surveyor's report is attached.",
            attachments=(("report.pdf", PDF, "application/pdf"),),
            **overrides,
        ),
        via="imap",
    )


def test_a_reply_is_read_whole_in_the_list_and_on_the_timeline(client, officer):
    complaint = open_case(officer)
    result = reply(complaint)
    html = page(client, officer, complaint)
    document = Correspondence.objects.get(pk=result.correspondence[1])
    link = reverse("cases:file", args=[complaint.reference, document.pk])
    for part in (
        section(html, 'id="correspondence"', 'id="timeline"'),
        html[html.index('id="timeline"') :],
    ):
        assert "<p>The damp is back.<br>The surveyor&#x27;s report is attached.</p>" in part
        assert "Ada Jones &lt;ada@example.org&gt; (the resident)" in part
        assert f'href="{link}"' in part and "Download report.pdf" in part
    # The attachment is under its email, not listed again on its own.
    listing = section(html, 'id="correspondence"', 'id="timeline"')
    assert listing.count(f'href="{link}"') == 1
    assert 'id="correspondence-' + str(document.pk) + '"' not in listing
    response = client.get(link)
    assert b"".join(response.streaming_content) == PDF


def test_correspondence_staff_add_shows_who_added_it_and_sent_text_folds(client, officer):
    complaint = open_case(officer)
    services.attach(
        complaint.reference,
        actor=officer,
        kind="call_note",
        direction="incoming",
        title="Call from Ada",
        body="She says the damp is worse.",
    )
    services.attach(
        complaint.reference,
        actor=officer,
        kind="letter",
        direction="outgoing",
        title="Letter about the visit",
        body="We will visit on Monday.",
    )
    listing = section(page(client, officer, complaint), 'id="correspondence"', 'id="timeline"')
    assert "Call from Ada" in listing and "She says the damp is worse." in listing
    assert re.search(r"Added by</dt><dd[^>]*>Olive</dd>", listing)
    assert re.search(r"Read the text</span></summary><div[^>]*><p>We will visit", listing)


def test_the_dates_the_resident_gave_and_the_representatives_details(client, officer):
    complaint = open_case(
        officer, issue_arose_on=dt.date(2025, 6, 2), resident_aware_on=dt.date(2025, 9, 1)
    )
    rep = intake.add_representative(
        actor=officer,
        resident_id=complaint.resident_id,
        name="Ben Jones",
        relationship="Son",
        authority="Signed consent form",
        authority_recorded_on=dt.date(2026, 11, 20),
        email="ben@example.org",
        phone="07700 900123",
    )
    complaint.representative = rep
    complaint.save(update_fields=["representative"])
    html = page(client, officer, complaint)
    assert re.search(r'id="issue-arose-on">Monday 2 June 2025<', html)
    assert re.search(r'id="resident-aware-on">Monday 1 September 2025<', html)
    representative = section(html, '<h2 class="govuk-heading-m">Representative', "</dl>")
    assert "ben@example.org" in representative and "07700 900123" in representative


def test_dates_not_given_say_so(client, officer):
    html = page(client, officer, open_case(officer))
    assert re.search(r'id="issue-arose-on">Not given<', html)


def test_timeline_says_to_whom_which_stage_how_long_and_the_new_date(client, officer, handler):
    complaint = open_case(officer)
    ref = complaint.reference
    services.assign(ref, actor=officer, handler_id=handler.pk)
    services.accept(ref, actor=handler)
    acknowledge(ref, handler, dt.date(2026, 11, 23))
    # Acknowledged Monday 23 November: respond by Monday 7 December; 5 more: 14 December.
    services.extend(ref, actor=handler, working_days=5, reason="Surveyor", told_resident_on=TODAY)
    timeline = page(client, officer, complaint)
    timeline = timeline[timeline.index('id="timeline"') :]
    assert "Handler assigned (stage 1)" in timeline and "Assigned to Harriet" in timeline
    assert "Acknowledged (stage 1)" in timeline
    assert "Response date extended (stage 1)" in timeline
    assert "5 more working days" in timeline
    assert "New respond-by date: Monday 14 December 2026" in timeline
    assert "Resident told on Tuesday 24 November 2026" in timeline


def test_a_stage_two_entry_says_stage_two(client, officer, handler, second_handler):
    complaint = open_case(officer)
    ref = complaint.reference
    services.accept(ref, actor=officer)
    acknowledge(ref, handler, dt.date(2026, 11, 20))
    respond(ref, handler, dt.date(2026, 11, 23))
    services.escalate(ref, actor=officer, still_wrong="Still damp")
    services.assign(ref, actor=officer, handler_id=second_handler.pk)
    timeline = page(client, officer, complaint)
    timeline = timeline[timeline.index('id="timeline"') :]
    assert "Escalated to stage 2</h3>" in timeline
    assert "Handler assigned (stage 2)" in timeline and "Assigned to Hamid" in timeline
    assert "Response sent (stage 1)" in timeline


def test_a_refusal_entry_gives_the_exclusion_ground(client, officer):
    complaint = open_case(officer, issue_arose_on=dt.date(2023, 5, 1))
    services.refuse(
        complaint.reference,
        actor=officer,
        exclusion="over_12_months",
        reason="The repair was in 2023.",
    )
    timeline = page(client, officer, complaint)
    timeline = timeline[timeline.index('id="timeline"') :]
    assert "Refused (stage 1)" in timeline
    assert "Ground: Issue more than 12 months old" in timeline
    assert "The repair was in 2023." in timeline
