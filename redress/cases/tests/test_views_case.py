"""The staff case page: what it shows, which actions it offers, and how a refusal reads.

Cases are built with the services and back-dated so their dates are fixed:
received Friday 20 November 2026 (acknowledge by Friday 27 November), or
Monday 2 November 2026 for an overdue one (acknowledge by Monday 9 November).
Every test runs on TODAY, Tuesday 24 November 2026, so what is due, left or
overdue is the same whatever day the suite runs.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from redress.administration import deployment
from redress.cases import services
from redress.casework.views.case import days_left_words
from redress.intake import services as intake
from redress.record.models import Event

from .factories import TODAY, by_letter

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]

RECEIVED = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
TODAY_PARTS = (str(TODAY.day), str(TODAY.month), str(TODAY.year))
OVERDUE_RECEIVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)


def open_case(actor, received_at=RECEIVED, **resident_extra):
    resident = intake.create_resident(
        actor=actor,
        name="Ada Jones",
        address="1 High Street",
        postcode="SE1 7PB",
        email="ada@example.org",
        phone="020 7946 0000",
        **resident_extra,
    )
    return services.open_complaint(
        actor=actor,
        resident=resident,
        summary="Damp in the bedroom",
        channel="phone",
        received_at=received_at,
    )


def page_url(complaint) -> str:
    return reverse("cases:case", args=[complaint.reference])


def command_url(complaint, command: str) -> str:
    return reverse("cases:command", args=[complaint.reference, command])


def event_count(complaint) -> int:
    return Event.objects.filter(subject_kind="complaint", subject_id=complaint.pk).count()


def error_summary(html: str) -> str:
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def field_error(html: str, field_id: str) -> str:
    match = re.search(
        rf'<p id="{field_id}-error" class="govuk-error-message">(.*?)</p>', html, re.S
    )
    assert match, f"no error message for {field_id}"
    return match.group(1)


@pytest.fixture
def officer(make_staff):
    return make_staff("olive", "complaints officer")


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


# --- access -----------------------------------------------------------------


def test_page_requires_login(client, officer):
    complaint = open_case(officer)
    response = client.get(page_url(complaint))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_non_staff_get_403_for_page_and_commands(client_for, officer, django_user_model):
    complaint = open_case(officer)
    client = client_for(django_user_model.objects.create_user("resident", password="x"))
    assert client.get(page_url(complaint)).status_code == 403
    assert client.post(command_url(complaint, "accept")).status_code == 403
    assert event_count(complaint) == 1


def test_unknown_reference_and_unknown_command_are_404(client_for, officer):
    complaint = open_case(officer)
    client = client_for(officer)
    assert client.get(reverse("cases:case", args=["CMP-2026-999999"])).status_code == 404
    assert client.post(command_url(complaint, "reopen")).status_code == 404


def test_commands_are_post_only(client_for, officer):
    complaint = open_case(officer)
    assert client_for(officer).get(command_url(complaint, "accept")).status_code == 405


# --- what the page shows ------------------------------------------------------


def test_page_shows_resident_needs_representative_and_dates(client_for, officer):
    complaint = open_case(officer)
    resident = complaint.resident
    intake.record_adjustment(
        actor=officer,
        resident_id=resident.pk,
        adjustment="Large print letters",
        review_on=dt.date(2027, 1, 14),
    )
    intake.record_restriction(
        actor=officer,
        resident_id=resident.pk,
        restriction="Contact by email only",
        evidence="Abusive calls on 3 and 5 November",
        review_on=dt.date(2027, 2, 1),
    )
    rep = intake.add_representative(
        actor=officer,
        resident_id=resident.pk,
        name="Ben Jones",
        relationship="Son",
        authority="Signed consent form",
        authority_recorded_on=dt.date(2026, 11, 1),
    )
    complaint.representative = rep
    complaint.save(update_fields=["representative"])

    response = client_for(officer).get(page_url(complaint))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Ada Jones", "1 High Street", "SE1 7PB", "ada@example.org", "020 7946 0000"):
        assert text in html
    assert "Ben Jones" in html and "Son" in html and "Signed consent form" in html
    assert "govuk-warning-text" in html
    # Special-category details are counted here and shown on their own page, with a reason.
    assert "1 reasonable adjustment and 1 contact restriction" in html
    assert "Large print letters" not in html and "Contact by email only" not in html
    assert "Stage 1 – received" in html
    assert "Acknowledge by Friday 27 November 2026" in html
    days = deployment.calendar().working_days_left(deployment.today(), dt.date(2026, 11, 27))
    assert days_left_words(days) in html
    assert "Friday 20 November 2026" in html


def test_overdue_case_shows_overdue_and_breach(client_for, officer):
    complaint = open_case(officer, received_at=OVERDUE_RECEIVED)
    html = client_for(officer).get(page_url(complaint)).content.decode()
    assert "Overdue by" in html
    assert "Provision 6.2</strong>: Late acknowledgement at stage 1" in html


def test_timeline_lists_events_newest_first_and_marks_back_dated(client_for, officer):
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    html = client_for(officer).get(page_url(complaint)).content.decode()
    timeline = html[html.index('id="timeline"') :]
    assert timeline.index("Accepted") < timeline.index("Complaint received")
    assert "Recorded later (back-dated)" in timeline
    assert '<ol class="moj-timeline" reversed id="timeline">' in html
    assert timeline.count('<li class="moj-timeline__item">') == 2
    assert '<p class="moj-timeline__byline">by Olive' in timeline
    assert '<p class="moj-timeline__date"><time datetime="2026-11-20T' in timeline
    assert "Friday 20 November 2026" in timeline


@pytest.mark.today(dt.date(2026, 12, 5))
def test_a_date_due_before_a_day_off_is_overdue_on_it_not_due_today(client_for, officer):
    """Received Friday 27 November: acknowledge by Friday 4 December. On Saturday 5 no
    working day has passed since, so 0 working days are left, yet it is not due today."""
    complaint = open_case(officer, received_at=dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC))
    html = client_for(officer).get(page_url(complaint)).content.decode()
    assert "Acknowledge by Friday 4 December 2026" in html
    assert "Due today" not in html
    assert "Overdue" in html


def test_a_stage_in_hand_names_the_complaints_handler_before_acknowledgement(
    client_for, officer, make_staff
):
    """Assigned but not yet acknowledged: the stage is not 'Not assigned'."""
    hamid = make_staff("hamid", "handler")
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    services.assign(complaint.reference, actor=officer, handler_id=hamid.pk)
    html = client_for(officer).get(page_url(complaint)).content.decode()
    stage = html[html.index(">Stage 1</h2>") :]
    assert "Not assigned" not in stage
    assert "Hamid" in stage[: stage.index("Putting things right")]


def test_days_left_words():
    assert days_left_words(3) == "3 working days left"
    assert days_left_words(1) == "1 working day left"
    assert days_left_words(0) == "Due today"
    assert days_left_words(0, passed=True) == "Overdue"
    assert days_left_words(-2) == "Overdue by 2 working days"
    assert days_left_words(-1) == "Overdue by 1 working day"
    assert days_left_words(None) == ""


# --- which actions are offered ---------------------------------------------------


def test_received_case_offers_accept_and_refuse_but_not_respond(client_for, officer):
    complaint = open_case(officer)
    html = client_for(officer).get(page_url(complaint)).content.decode()
    for command in ("accept", "refuse", "attach", "assign", "add_issue", "extend"):
        assert f'id="action-{command}"' in html, command
    for command in ("respond", "escalate", "close", "acknowledge"):
        assert f'id="action-{command}"' not in html, command
    assert 'enctype="multipart/form-data"' in html


def test_command_not_allowed_now_is_409_and_writes_nothing(client_for, officer):
    complaint = open_case(officer)
    before = event_count(complaint)
    response = client_for(officer).post(
        command_url(complaint, "respond"), {"respond-reasons": "Because"}
    )
    assert response.status_code == 409
    assert (
        "Acknowledge and define the complaint at stage 1 before responding (Code provision 6.2)"
        in error_summary(response.content.decode())
    )
    assert event_count(complaint) == before


def test_refused_case_offers_only_attach_and_the_category(client_for, officer):
    complaint = open_case(officer)
    services.refuse(
        complaint.reference, actor=officer, exclusion="legal_proceedings", reason="Court claim"
    )
    html = client_for(officer).get(page_url(complaint)).content.decode()
    assert re.findall(r'id="action-([a-z_]+)"', html) == ["attach", "set_category"]
    assert "Legal proceedings filed" in html


# --- the whole journey through the forms ----------------------------------------


def test_full_journey_through_the_forms(client_for, officer, make_staff):
    complaint = open_case(officer)
    client = client_for(officer)

    def post(command, data=None, expect=303):
        response = client.post(command_url(complaint, command), data or {})
        assert response.status_code == expect, response.content.decode()[:3000]
        return response

    response = post("accept")
    assert response["Location"] == page_url(complaint)
    assert "Accepted" in client.get(page_url(complaint)).content.decode()

    post(
        "acknowledge",
        {
            "acknowledge-points": "Damp not fixed\n\nMould on the wall",
            "acknowledge-outcomes_sought": "Fix the damp",
            "acknowledge-responsibility": "some",
            "acknowledge-responsible_for": "Repairs",
            "acknowledge-how": "post",
            "acknowledge-not_responsible_for": "Contents insurance",
        },
    )
    html = client.get(page_url(complaint)).content.decode()
    assert "Stage 1 – acknowledged" in html
    assert "Decision on: Mould on the wall" in html

    post(
        "respond",
        {
            "respond-decision_0": "upheld",
            "respond-decision_1": "partly_upheld",
            "respond-reasons": "The repair was missed",
            "respond-remedy_1": "An apology and payment for the ruined carpet",
            "respond-remedy_1_kind": "financial",
            "respond-remedy_1_amount": "50",
            "respond-remedy_1_due_on_day": "8",
            "respond-remedy_1_due_on_month": "12",
            "respond-remedy_1_due_on_year": "2026",
            "respond-action_1": "Treat the mould",
            "respond-action_1_due_on_day": "15",
            "respond-action_1_due_on_month": "12",
            "respond-action_1_due_on_year": "2026",
            "respond-action_1_update_every": "10",
            "respond-how": "post",
        },
    )
    assert complaint.outstanding_actions.get().update_every == 10
    html = client.get(page_url(complaint)).content.decode()
    assert "Stage 1 – responded" in html
    assert "Partly upheld" in html
    assert "An apology and payment for the ruined carpet (£50.00)" in html
    assert "Treat the mould – due Tuesday 15 December 2026" in html
    # Acknowledged and answered by the letters issued from Redress, that day, by post.
    assert "Sent by letter: Your complaint " in html
    assert [letter.kind for letter in complaint.letters.all()] == [
        "acknowledgement",
        "stage_response",
    ]

    post("escalate", {"escalate-still_wrong": "Still damp"})

    # The stage 1 handler may not acknowledge stage 2 (6.13); nothing is written.
    before = event_count(complaint)
    response = post(
        "acknowledge",
        {
            "acknowledge-points": "Still damp",
            "acknowledge-outcomes_sought": "Fix it properly",
            "acknowledge-how": "post",
            "acknowledge-responsibility": "all",
        },
        expect=409,
    )
    html = response.content.decode()
    assert "Code provision 6.13" in error_summary(html)
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Error: " in html
    assert "Still damp</textarea>" in html  # what was typed is kept
    assert event_count(complaint) == before

    hamid = make_staff("hamid", "handler")
    client.force_login(hamid)
    recorded = {"how": "recorded", "channel": "phone", "note": "Rang the resident"} | {
        f"sent_on_{part}": value
        for part, value in zip(("day", "month", "year"), TODAY_PARTS, strict=True)
    }
    post(
        "acknowledge",
        {
            "acknowledge-points": "Still damp",
            "acknowledge-outcomes_sought": "Fix it properly",
            **{f"acknowledge-{k}": v for k, v in recorded.items()},
            "acknowledge-responsibility": "all",
        },
    )
    post(
        "respond",
        {
            "respond-decision_0": "not_upheld",
            "respond-reasons": "Treated on 20 November",
            **{f"respond-{k}": v for k, v in recorded.items()},
        },
    )
    complaint.refresh_from_db()
    assert complaint.status == "closed"
    html = client.get(page_url(complaint)).content.decode()
    assert "Closed" in html and "Response sent" in html
    assert "Sent by phone call (recorded with a copy)" in html  # the timeline says how
    assert "Hamid" in html


def test_same_handler_responding_at_stage_2_is_refused(client_for, officer, make_staff):
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    services.acknowledge(
        complaint.reference,
        actor=officer,
        points=["Damp"],
        outcomes_sought=["Fix"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    services.respond(
        complaint.reference,
        actor=officer,
        decisions=[{"point": "Damp", "decision": "upheld"}],
        reasons="Missed",
        communication=by_letter(),
    )
    services.escalate(complaint.reference, actor=officer)
    hamid = make_staff("hamid", "handler")
    services.acknowledge(
        complaint.reference,
        actor=hamid,
        points=["Still damp"],
        outcomes_sought=["Fix"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    before = event_count(complaint)
    response = client_for(officer).post(
        command_url(complaint, "respond"),
        {"respond-decision_0": "upheld", "respond-reasons": "Sorry", "respond-how": "post"},
    )
    assert response.status_code == 409
    assert "Code provision 6.13" in error_summary(response.content.decode())
    assert event_count(complaint) == before


def at(day: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, 10, 0, tzinfo=dt.UTC)


# Its stage 2 starts on 30 November: the module's TODAY (24 November) would be before it.
@pytest.mark.today(dt.date(2026, 12, 2))
def test_assign_form_refuses_anyone_who_handled_stage_1(client_for, officer, make_staff):
    """Issue 17: Hamid acknowledged stage 1, Priya was given it and answered; on the
    assign form, Hamid is refused stage 2 on the handler field, naming 6.13."""
    hamid, priya = make_staff("hamid", "handler"), make_staff("priya", "handler")
    complaint = open_case(officer)
    ref = complaint.reference
    services.accept(ref, actor=officer, occurred_at=at(20))
    services.acknowledge(
        ref,
        actor=hamid,
        points=["Damp"],
        outcomes_sought=["Fix"],
        responsible_for_all=True,
        communication=by_letter(at(23)),
    )
    services.assign(ref, actor=officer, handler_id=priya.pk, occurred_at=at(24))
    services.respond(
        ref,
        actor=priya,
        decisions=[{"point": "Damp", "decision": "upheld"}],
        reasons="Missed",
        communication=by_letter(at(26)),
    )
    services.escalate(ref, actor=officer, occurred_at=at(30))
    before = event_count(complaint)
    response = client_for(officer).post(
        command_url(complaint, "assign"), {"assign-handler": str(hamid.pk)}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "stage 2 must be considered by someone else (Code provision 6.13)" in field_error(
        html, "id_assign-handler"
    )
    assert '<a href="#id_assign-handler">' in error_summary(html)
    assert event_count(complaint) == before
    complaint.refresh_from_db()
    assert complaint.handler is None


# --- refusals and bad input --------------------------------------------------------


@pytest.fixture
def accepted(officer):
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    return complaint


def test_extend_without_reason_is_422_with_message_by_the_field(client_for, officer, accepted):
    before = event_count(accepted)
    response = client_for(officer).post(
        command_url(accepted, "extend"),
        {
            "extend-working_days": "5",
            "extend-reason": "",
            "extend-told_resident_on_day": "24",
            "extend-told_resident_on_month": "11",
            "extend-told_resident_on_year": "2026",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter the reason for the extension" in field_error(html, "id_extend-reason")
    assert '<a href="#id_extend-reason">Enter the reason for the extension</a>' in html
    assert 'aria-describedby="id_extend-reason-hint id_extend-reason-error"' in html
    assert 'id="id_extend-working_days" name="extend-working_days"' in html
    assert 'value="5"' in html and 'value="24"' in html
    assert '<details class="govuk-details" id="action-extend" open>' in html
    assert event_count(accepted) == before


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "Date the resident was told must be a real date"),
        ("24", "11", "", "Date the resident was told must include a year"),
        ("", "", "", "Enter date the resident was told"),
    ],
)
def test_bad_date_is_422_on_the_date_field(
    client_for, officer, accepted, day, month, year, message
):
    response = client_for(officer).post(
        command_url(accepted, "extend"),
        {
            "extend-working_days": "5",
            "extend-reason": "Waiting for a survey",
            "extend-told_resident_on_day": day,
            "extend-told_resident_on_month": month,
            "extend-told_resident_on_year": year,
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert message in field_error(html, "id_extend-told_resident_on")
    assert '<a href="#id_extend-told_resident_on-day">' in html
    assert "govuk-input--error" in html


def test_non_number_working_days_is_422(client_for, officer, accepted):
    response = client_for(officer).post(
        command_url(accepted, "extend"),
        {"extend-working_days": "five", "extend-reason": "Survey"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Working days must be a whole number" in field_error(html, "id_extend-working_days")
    assert 'value="five"' in html


# Every number typed has a bound that means something: an extension is at most a working
# year, updates at most a working quarter apart (1,000,000 working days was accepted, and an
# outstanding action's updates could be 250 working days apart).
@pytest.mark.parametrize(
    "command, field, value, message",
    [
        ("extend", "working_days", "251", "Working days must be 250 or fewer"),
        ("extend", "working_days", "9" * 25, "Working days must be 250 or fewer"),
        (
            "agree_update_interval",
            "every_working_days",
            "1000000",
            "The working days between updates must be 65 or fewer",
        ),
        (
            "agree_update_interval",
            "every_working_days",
            "66",
            "The working days between updates must be 65 or fewer",
        ),
        (
            "respond",
            "action_1_update_every",
            "66",
            "The working days between updates must be 65 or fewer",
        ),
    ],
)
def test_a_number_past_its_bound_is_422_by_the_field(
    client_for, officer, accepted, command, field, value, message
):
    services.acknowledge(
        accepted.reference,
        actor=officer,
        points=["Damp"],
        outcomes_sought=["Fix"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    before = event_count(accepted)
    response = client_for(officer).post(
        command_url(accepted, command), {f"{command}-{field}": value}
    )
    assert response.status_code == 422
    assert message in field_error(response.content.decode(), f"id_{command}-{field}")
    assert event_count(accepted) == before


def test_service_refusal_names_the_field_and_provision(client_for, officer, accepted):
    before = event_count(accepted)
    response = client_for(officer).post(
        command_url(accepted, "extend"),
        {
            "extend-working_days": "15",
            "extend-reason": "Waiting for a survey",
            "extend-told_resident_on_day": "24",
            "extend-told_resident_on_month": "11",
            "extend-told_resident_on_year": "2026",
        },
    )
    assert response.status_code == 403
    message = field_error(response.content.decode(), "id_extend-working_days")
    assert "approved by a manager: ask a manager to record this one" in message
    assert "(Code provision 6.4)" in message
    assert "Waiting for a survey</textarea>" in response.content.decode()
    assert event_count(accepted) == before


def test_extension_beyond_the_limit_recorded_by_a_manager(client_for, accepted, make_staff):
    maya = make_staff("maya", "manager")
    client = client_for(maya)
    response = client.post(
        command_url(accepted, "extend"),
        {
            "extend-working_days": "15",
            "extend-reason": "Waiting for a survey",
            "extend-told_resident_on_day": "24",
            "extend-told_resident_on_month": "11",
            "extend-told_resident_on_year": "2026",
        },
    )
    assert response.status_code == 303
    html = client.get(page_url(accepted)).content.decode()
    assert "15 working days" in html and "(approved by Maya)" in html


def test_refuse_needs_an_exclusion(client_for, officer):
    complaint = open_case(officer)
    response = client_for(officer).post(
        command_url(complaint, "refuse"), {"refuse-reason": "Court claim"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Select why it is not accepted" in field_error(html, "id_refuse-exclusion")
    assert '<a href="#id_refuse-exclusion">' in html


def test_other_in_place_actions(client_for, officer, accepted, make_staff):
    client = client_for(officer)
    hamid = make_staff("hamid", "handler")
    for command, data in (
        ("request_clarification", {"request_clarification-question": "Which room?"}),
        ("add_issue", {"add_issue-description": "Broken boiler"}),
        (
            "agree_update_interval",
            {
                "agree_update_interval-every_working_days": "3",
                "agree_update_interval-agreed_on_day": "23",
                "agree_update_interval-agreed_on_month": "11",
                "agree_update_interval-agreed_on_year": "2026",
            },
        ),
        (
            "record_conflict",
            {"record_conflict-description": "Neighbour", "record_conflict-handling": "Moved"},
        ),
        (
            "attach",
            {
                "attach-kind": "letter",
                "attach-direction": "outgoing",
                "attach-title": "Acknowledgement letter",
                "attach-body": "Dear Ada",
            },
        ),
        ("assign", {"assign-handler": str(hamid.pk)}),
    ):
        response = client.post(command_url(accepted, command), data)
        assert response.status_code == 303, (command, response.content.decode()[:2000])
    html = client.get(page_url(accepted)).content.decode()
    for text in ("Which room?", "Broken boiler", "Acknowledgement letter", "Handler assigned"):
        assert text in html


def test_attach_without_text_or_file_is_refused_on_body(client_for, officer, accepted):
    response = client_for(officer).post(
        command_url(accepted, "attach"),
        {"attach-kind": "letter", "attach-direction": "incoming", "attach-title": "Letter"},
    )
    assert response.status_code == 422
    assert "Give the text or a file" in field_error(response.content.decode(), "id_attach-body")


def test_every_input_has_a_label_and_ids_are_unique(client_for, officer, accepted):
    html = client_for(officer).get(page_url(accepted)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    labelled = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', html))
    controls = re.findall(r"<(?:input|textarea|select)\b[^>]*>", html)
    for control in controls:
        if 'type="hidden"' in control or "csrfmiddlewaretoken" in control:
            continue
        control_id = re.search(r'\sid="([^"]+)"', control)
        assert control_id and control_id.group(1) in labelled, control
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    for refs in described:
        for ref in refs.split():
            assert f'id="{ref}"' in html, ref
