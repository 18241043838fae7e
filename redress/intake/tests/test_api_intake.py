"""Intake through the API: residents, representatives, adjustments, restrictions,
contacts of each classification, and service requests. Every refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from redress.cases.models import Complaint
from redress.cases.tests.factories import assert_refused, events, new_resident, ok, writes_nothing
from redress.code.london import london_date
from redress.intake.models import (
    BehaviourRestriction,
    Contact,
    ReasonableAdjustment,
    Representative,
    Resident,
    ServiceRequest,
)
from redress.record.models import Event

pytestmark = pytest.mark.django_db

TODAY = london_date(timezone.now())
TOMORROW = (TODAY + dt.timedelta(days=1)).isoformat()
NEXT_YEAR = (TODAY + dt.timedelta(days=365)).isoformat()
FUTURE_MOMENT = (timezone.now() + dt.timedelta(days=1)).isoformat()


def resident_events(resident: int) -> list[Event]:
    return list(Event.objects.for_subject("resident", resident))


def representative_body(**changes):
    return {
        "name": "Sam Jones",
        "relationship": "son",
        "authority": "Signed consent form",
        "authority_recorded_on": "2026-10-01",
        **changes,
    }


def contact_body(resident: int, **changes):
    return {
        "resident_id": resident,
        "channel": "phone",
        "classification": "complaint",
        "summary": "Damp in the bedroom",
        "received_at": "2026-10-01T10:00:00Z",
        **changes,
    }


def service_request(api, resident: int, received_at="2026-10-01T10:00:00Z") -> int:
    body = ok(
        api.post(
            "/contacts",
            contact_body(
                resident,
                classification="service_request",
                summary="Boiler broken",
                received_at=received_at,
                category="heating",
            ),
        ),
        201,
    )
    return body["service_request"]


# --- residents --------------------------------------------------------------------------------


class TestResidents:
    def test_create(self, officer):
        code, body = officer.post(
            "/residents",
            {
                "name": " Ada Jones ",
                "postcode": "SE1 7PB",
                "email": "ada@example.org",
                "tenancy_reference": "T-1",
            },
        )
        assert code == 201, body
        assert body["name"] == "Ada Jones"
        resident = Resident.objects.get(pk=body["id"])
        assert (resident.postcode, resident.email) == ("SE1 7PB", "ada@example.org")
        [event] = resident_events(resident.pk)
        assert (event.action, event.actor_id) == ("resident_recorded", officer.user.pk)

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"name": "  "}, "name"),
            ({}, "name"),
            ({"name": "Ada", "email": "not-an-email"}, "email"),
            ({"name": "Ada", "colour": "red"}, "colour"),
        ],
    )
    def test_refusals(self, officer, body, field):
        with writes_nothing():
            assert_refused(officer.post("/residents", body), 422, field, None)


class TestRepresentatives:
    def test_add_with_authority_recorded(self, officer):
        resident = new_resident(officer)
        code, body = officer.post(
            f"/residents/{resident}/representatives", representative_body(email="sam@example.org")
        )
        assert code == 201, body
        assert (body["resident_id"], body["name"]) == (resident, "Sam Jones")
        rep = Representative.objects.get(pk=body["id"])
        assert rep.authority == "Signed consent form"
        assert rep.authority_recorded_on == dt.date(2026, 10, 1)
        event = resident_events(resident)[-1]
        assert event.action == "representative_added"
        assert event.payload == {
            "representative": rep.pk,
            "name": "Sam Jones",
            "authority": "Signed consent form",
        }

    @pytest.mark.parametrize(
        ("changes", "field", "rule"),
        [
            ({"authority": "  "}, "authority", "3.6"),
            ({"relationship": ""}, "relationship", None),
            ({"name": ""}, "name", None),
            ({"authority_recorded_on": TOMORROW}, "authority_recorded_on", None),
            ({"email": "nope"}, "email", None),
        ],
    )
    def test_refusals(self, officer, changes, field, rule):
        resident = new_resident(officer)
        with writes_nothing():
            assert_refused(
                officer.post(
                    f"/residents/{resident}/representatives", representative_body(**changes)
                ),
                422,
                field,
                rule,
            )

    def test_authority_missing(self, officer):
        resident = new_resident(officer)
        body = representative_body()
        del body["authority"]
        with writes_nothing():
            assert_refused(
                officer.post(f"/residents/{resident}/representatives", body), 422, "authority", None
            )

    def test_unknown_resident(self, officer):
        with writes_nothing():
            assert_refused(
                officer.post("/residents/999/representatives", representative_body()),
                404,
                "resident_id",
                None,
            )


class TestAdjustments:
    def test_record_with_a_future_review(self, officer):
        resident = new_resident(officer)
        code, body = officer.post(
            f"/residents/{resident}/adjustments",
            {
                "adjustment": "Large print letters",
                "disability_disclosed": "Sight loss",
                "review_on": NEXT_YEAR,
            },
        )
        assert code == 201, body
        assert body["review_on"] == NEXT_YEAR
        item = ReasonableAdjustment.objects.get(pk=body["id"])
        assert item.recorded_on == TODAY
        assert resident_events(resident)[-1].payload == {
            "adjustment": "Large print letters",
            "review_on": NEXT_YEAR,
            "disability_disclosed": "Sight loss",
            "letters_in": "",
        }

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"review_on": TODAY.isoformat()}, "review_on"),
            ({"review_on": "2026-01-01"}, "review_on"),
            ({"adjustment": " "}, "adjustment"),
        ],
    )
    def test_refusals(self, officer, changes, field):
        resident = new_resident(officer)
        body = {"adjustment": "Large print letters", "review_on": NEXT_YEAR, **changes}
        with writes_nothing():
            assert_refused(
                officer.post(f"/residents/{resident}/adjustments", body), 422, field, "5.10"
            )

    def test_unknown_resident(self, officer):
        with writes_nothing():
            assert_refused(
                officer.post(
                    "/residents/999/adjustments",
                    {"adjustment": "Large print", "review_on": NEXT_YEAR},
                ),
                404,
                "resident_id",
                None,
            )


class TestRestrictions:
    def test_record_with_evidence_and_a_future_review(self, officer):
        resident = new_resident(officer)
        code, body = officer.post(
            f"/residents/{resident}/restrictions",
            {
                "restriction": "Contact by email only",
                "evidence": "Abusive calls on 3 and 4 Nov",
                "review_on": NEXT_YEAR,
            },
        )
        assert code == 201, body
        item = BehaviourRestriction.objects.get(pk=body["id"])
        assert (item.evidence, item.recorded_on) == ("Abusive calls on 3 and 4 Nov", TODAY)
        assert resident_events(resident)[-1].action == "restriction_recorded"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"review_on": TODAY.isoformat()}, "review_on"),
            ({"review_on": "2026-01-01"}, "review_on"),
            ({"evidence": " "}, "evidence"),
            ({"restriction": ""}, "restriction"),
        ],
    )
    def test_refusals(self, officer, changes, field):
        resident = new_resident(officer)
        body = {
            "restriction": "Email only",
            "evidence": "Abusive calls",
            "review_on": NEXT_YEAR,
            **changes,
        }
        with writes_nothing():
            assert_refused(
                officer.post(f"/residents/{resident}/restrictions", body), 422, field, "5.14"
            )

    def test_evidence_missing(self, officer):
        resident = new_resident(officer)
        with writes_nothing():
            assert_refused(
                officer.post(
                    f"/residents/{resident}/restrictions",
                    {"restriction": "Email only", "review_on": NEXT_YEAR},
                ),
                422,
                "evidence",
                None,
            )


# --- contacts ---------------------------------------------------------------------------------


class TestContacts:
    def test_complaint_opens_a_complaint(self, officer):
        resident = new_resident(officer)
        rep = ok(
            officer.post(f"/residents/{resident}/representatives", representative_body()), 201
        )["id"]
        code, body = officer.post(
            "/contacts",
            contact_body(
                resident,
                representative_id=rep,
                channel="email",
                issue_arose_on="2026-09-01",
                category="repairs",
            ),
        )
        assert code == 201, body
        assert body["classification"] == "complaint"
        assert body["service_request"] is None
        assert body["complaint"].startswith("CMP-2026-")
        case = ok(officer.get(f"/complaints/{body['complaint']}"))
        assert (case["resident"], case["representative"]) == (resident, rep)
        # Filed under the landlord's category of that name, in its own case.
        assert (case["channel"], case["category"]) == ("email", "Repairs")
        assert (case["received_on"], case["issue_arose_on"]) == ("2026-10-01", "2026-09-01")
        assert case["stages"][0]["acknowledge_by"] == "2026-10-08"
        assert Complaint.objects.get(reference=body["complaint"]).contact_id == body["id"]
        [contact_event] = Event.objects.for_subject("contact", body["id"])
        assert contact_event.payload["classification"] == "complaint"

    def test_service_request_is_recorded_and_monitored(self, officer):
        resident = new_resident(officer)
        code, body = officer.post(
            "/contacts",
            contact_body(resident, classification="service_request", summary="Boiler broken"),
        )
        assert code == 201, body
        assert body["complaint"] is None
        request = ServiceRequest.objects.get(pk=body["service_request"])
        assert (request.state, request.raised_on) == ("open", dt.date(2026, 10, 1))
        assert Complaint.objects.count() == 0
        listed = ok(officer.get("/service-requests"))
        assert [(r["id"], r["description"], r["raised_on"]) for r in listed] == [
            (request.pk, "Boiler broken", "2026-10-01")
        ]
        [raised] = Event.objects.for_subject("service_request", request.pk)
        assert raised.action == "service_request_raised"

    def test_survey_feedback_told_how_to_complain(self, officer):
        resident = new_resident(officer)
        code, body = officer.post(
            "/contacts",
            contact_body(
                resident,
                classification="survey_feedback",
                summary="Unhappy with the repair",
                told_how_to_complain=True,
                offered_choice_to_complain=True,
            ),
        )
        assert code == 201, body
        assert (body["complaint"], body["service_request"]) == (None, None)
        contact = Contact.objects.get(pk=body["id"])
        assert contact.told_how_to_complain and contact.offered_choice_to_complain
        assert Complaint.objects.count() == ServiceRequest.objects.count() == 0

    @pytest.mark.parametrize(("told", "offered"), [(False, False), (True, False), (False, True)])
    def test_survey_feedback_must_tell_and_offer(self, officer, told, offered):
        resident = new_resident(officer)
        with writes_nothing():
            error = assert_refused(
                officer.post(
                    "/contacts",
                    contact_body(
                        resident,
                        classification="survey_feedback",
                        told_how_to_complain=told,
                        offered_choice_to_complain=offered,
                    ),
                ),
                422,
                *error_field_and_rule(told, offered),
            )
        assert "how to complain" in error["message"]

    @pytest.mark.parametrize(
        ("changes", "field", "rule"),
        [
            ({"classification": "moan"}, "classification", "1.2"),
            ({"channel": "pigeon"}, "channel", None),
            ({"summary": "  "}, "summary", None),
            ({"issue_arose_on": "2026-10-02"}, "issue_arose_on", None),
            ({"resident_aware_on": "2026-10-02"}, "resident_aware_on", None),
            ({"colour": "red"}, "colour", None),
        ],
    )
    def test_refusals(self, officer, changes, field, rule):
        resident = new_resident(officer)
        with writes_nothing():
            assert_refused(
                officer.post("/contacts", contact_body(resident, **changes)), 422, field, rule
            )

    @pytest.mark.parametrize("classification", ["complaint", "service_request"])
    def test_future_received_at_names_received_at(self, officer, classification):
        resident = new_resident(officer)
        with writes_nothing():
            assert_refused(
                officer.post(
                    "/contacts",
                    contact_body(
                        resident, classification=classification, received_at=FUTURE_MOMENT
                    ),
                ),
                422,
                "received_at",
                "5.12",
            )

    def test_unknown_resident(self, officer):
        with writes_nothing():
            assert_refused(officer.post("/contacts", contact_body(999)), 404, "resident_id", None)

    def test_unknown_representative(self, officer):
        resident = new_resident(officer)
        with writes_nothing():
            assert_refused(
                officer.post("/contacts", contact_body(resident, representative_id=999)),
                404,
                "representative_id",
                None,
            )

    def test_representative_of_another_resident(self, officer):
        resident = new_resident(officer)
        other = new_resident(officer, "Bea Smith")
        rep = ok(officer.post(f"/residents/{other}/representatives", representative_body()), 201)[
            "id"
        ]
        with writes_nothing():
            assert_refused(
                officer.post("/contacts", contact_body(resident, representative_id=rep)),
                422,
                "representative_id",
                None,
            )


def error_field_and_rule(told: bool, offered: bool) -> tuple[str, str]:
    """The field a survey-feedback refusal should name (the first one not done) and its
    provision: telling a surveyed person how to complain is 1.6 (the survey provision),
    offering anyone dissatisfied the choice to complain is 1.3."""
    if not told:
        return "told_how_to_complain", "1.6"
    return "offered_choice_to_complain", "1.3"


# --- service requests ------------------------------------------------------------------------


class TestServiceRequests:
    def test_raise_a_complaint_while_the_request_carries_on(self, officer):
        resident = new_resident(officer)
        request = service_request(officer, resident)
        code, body = officer.post(
            f"/service-requests/{request}/complaints",
            {
                "summary": "Nobody came to fix the boiler",
                "channel": "phone",
                "received_at": "2026-10-05T10:00:00Z",
            },
        )
        assert code == 201, body
        assert body["service_request"] == request
        complaint = Complaint.objects.get(reference=body["complaint"])
        assert complaint.service_request_id == request
        assert complaint.resident_id == resident
        # The request's own label is no category of the landlord's: none until triage.
        assert complaint.category is None
        assert ServiceRequest.objects.get(pk=request).state == "open"
        assert [r["id"] for r in ok(officer.get("/service-requests"))] == [request]
        assert events(officer, body["complaint"])[0]["payload"]["service_request"] == request
        assert Event.objects.for_subject("service_request", request).last().payload == {
            "complaint": body["complaint"]
        }
        case = ok(officer.get(f"/complaints/{body['complaint']}"))
        # Monday 5 October 2026 + 5 working days = Monday 12 October.
        assert case["stages"][0]["acknowledge_by"] == "2026-10-12"

    def test_complete(self, officer):
        request = service_request(officer, new_resident(officer))
        body = ok(
            officer.post(f"/service-requests/{request}/complete", {"completed_on": "2026-10-09"})
        )
        assert body == {"id": request, "state": "completed", "completed_on": "2026-10-09"}
        assert ok(officer.get("/service-requests")) == []
        assert [r["id"] for r in ok(officer.get("/service-requests?state=completed"))] == [request]
        for state in ("closed", "%00"):  # anything else was an empty list, or on PostgreSQL a 500
            code, body = officer.get(f"/service-requests?state={state}")
            assert (code, body["error"]["field"]) == (422, "state")
        assert Event.objects.for_subject("service_request", request).last().action == (
            "service_request_completed"
        )

    def test_raise_a_complaint_after_completion(self, officer):
        request = service_request(officer, new_resident(officer))
        ok(officer.post(f"/service-requests/{request}/complete", {"completed_on": "2026-10-09"}))
        ok(
            officer.post(
                f"/service-requests/{request}/complaints",
                {"summary": "Fixed badly", "channel": "email"},
            ),
            201,
        )

    @pytest.mark.parametrize(
        ("completed_on", "field"),
        [
            ("2026-09-30", "completed_on"),  # before it was raised
            (TOMORROW, "completed_on"),
        ],
    )
    def test_complete_refusals(self, officer, completed_on, field):
        request = service_request(officer, new_resident(officer))
        with writes_nothing():
            assert_refused(
                officer.post(
                    f"/service-requests/{request}/complete", {"completed_on": completed_on}
                ),
                422,
                field,
                None,
            )
        assert ServiceRequest.objects.get(pk=request).state == "open"

    def test_complete_twice(self, officer):
        request = service_request(officer, new_resident(officer))
        ok(officer.post(f"/service-requests/{request}/complete", {"completed_on": "2026-10-09"}))
        with writes_nothing():
            assert_refused(
                officer.post(
                    f"/service-requests/{request}/complete", {"completed_on": "2026-10-10"}
                ),
                422,
                "service_request_id",
                None,
            )
        assert ServiceRequest.objects.get(pk=request).completed_on == dt.date(2026, 10, 9)

    def test_unknown_request(self, officer):
        with writes_nothing():
            assert_refused(
                officer.post("/service-requests/999/complete", {"completed_on": "2026-10-09"}),
                404,
                "service_request_id",
                None,
            )
            assert_refused(
                officer.post(
                    "/service-requests/999/complaints",
                    {"summary": "Nobody came", "channel": "phone"},
                ),
                404,
                "service_request_id",
                None,
            )

    @pytest.mark.parametrize(
        ("changes", "field", "rule"),
        [
            ({"summary": " "}, "summary", "5.6"),
            ({"colour": "red"}, "colour", None),
            ({"channel": "pigeon"}, "channel", None),
            ({"received_at": FUTURE_MOMENT}, "received_at", "5.12"),
        ],
    )
    def test_raise_complaint_refusals(self, officer, changes, field, rule):
        request = service_request(officer, new_resident(officer))
        body = {"summary": "Nobody came", "channel": "phone", **changes}
        with writes_nothing():
            assert_refused(
                officer.post(f"/service-requests/{request}/complaints", body), 422, field, rule
            )


def test_resident_read_and_case_count_adjustments_and_restrictions(officer):
    status, resident = officer.post("/residents", {"name": "Ada Jones"})
    rid = resident["id"]
    officer.post(
        f"/residents/{rid}/adjustments",
        {
            "adjustment": "Large print letters",
            "disability_disclosed": "Sight loss",
            "review_on": "2099-01-01",
        },
    )
    officer.post(
        f"/residents/{rid}/restrictions",
        {
            "restriction": "Contact by email only",
            "evidence": "Abusive calls on 3 May",
            "review_on": "2099-02-01",
        },
    )
    officer.post(
        f"/residents/{rid}/representatives",
        {
            "name": "Sam Jones",
            "relationship": "son",
            "authority": "Signed consent form",
            "authority_recorded_on": "2026-01-05",
        },
    )
    status, body = officer.get(f"/residents/{rid}")
    assert status == 200
    # Special-category details are counted, not shown, until read with a reason.
    assert body["support_needs"] == {"adjustments": 1, "restrictions": 1}
    assert "Sight loss" not in str(body) and "Abusive" not in str(body)
    assert body["representatives"][0]["authority"] == "Signed consent form"
    _, case = officer.post("/complaints", {"resident_id": rid, "summary": "Repairs"})
    assert case["support_needs"] == {"adjustments": 1, "restrictions": 1}
    assert "Sight loss" not in str(case)
    status, needs = officer.post(f"/residents/{rid}/support-needs", {"reason": "contacting"})
    assert status == 200
    assert needs["adjustments"][0]["disability_disclosed"] == "Sight loss"
    assert needs["restrictions"][0]["evidence"] == "Abusive calls on 3 May"
    assert officer.get("/residents/999999")[0] == 404


def test_a_residents_place_and_tenure_are_kept_and_read_back(officer):
    code, body = officer.post(
        "/residents",
        {"name": "Ada Jones", "block": "Tower A", "estate": "Riverside", "tenure": "lcho"},
    )
    assert code == 201
    read = officer.get(f"/residents/{body['id']}")[1]
    assert (read["block"], read["estate"], read["tenure"]) == ("Tower A", "Riverside", "lcho")
    code, body = officer.post("/residents", {"name": "Bo", "tenure": "freehold"})
    assert code == 422 and body["error"]["field"] == "tenure"
