"""Every API response has a shape in the served schema, and real responses have it.

A client generated from the schema is only as good as the shapes the schema gives: an
operation answering a bare `object` gives the client nothing to read. So every success
response names its fields, all the way down (but for the records kept as they were
written: a stage's definition and answer, an event's payload), and one journey answers
every operation with a success, each body checked against the schema the API serves.
"""

from __future__ import annotations

import datetime as dt
import json
from email.message import EmailMessage

import jsonschema_rs
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from redress.cases.models import Category
from redress.conftest import ApiClient

from .test_openapi import definitions, openapi, operations

pytestmark = pytest.mark.django_db

# Objects kept as they were written, whatever keys they hold: their shape is the record's.
FREE_FORM = {
    "StageDetail.definition",  # the complaint definition (5.6, 5.7)
    "StageDetail.response",  # the decisions, reasons and what was offered
    "EventOut.payload",  # what each kind of event records
}
GATEWAY_TOKEN = "gateway-secret"
COMPONENTS = "#/components/schemas/"


def successes(operation: dict) -> dict[int, dict]:
    """{status: the schema of its JSON body} for each 2xx the operation documents."""
    return {
        int(status): answer["content"]["application/json"]["schema"]
        for status, answer in operation["responses"].items()
        if 200 <= int(status) < 300
    }


def bare_objects(schema: dict, components: dict, where: str, seen: set) -> list[str]:
    """Where `schema` allows an object without naming its fields (`where` says whose)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return bare_objects(components[name], components, name, seen)
    found = []
    for option in schema.get("anyOf", []):
        found += bare_objects(option, components, where, seen)
    if "items" in schema:
        found += bare_objects(schema["items"], components, where, seen)
    if schema.get("type") == "object" and where not in FREE_FORM:
        if not schema.get("properties"):
            found.append(where)
        for name, field in schema.get("properties", {}).items():
            found += bare_objects(field, components, f"{where}.{name}", seen)
    return found


def test_every_success_response_names_its_fields():
    schema = openapi()
    components = schema["components"]["schemas"]
    for key, operation in operations(schema):
        answers = successes(operation)
        assert answers, f"{key} documents no success response"
        for status, body in answers.items():
            assert "$ref" in body or "items" in body, (key, status, body)
            assert bare_objects(body, components, key, set()) == [], (key, status)


def test_a_bare_object_is_found():
    """The check above can fail: a response of `dict`, or a field of one, is caught."""
    components = {"Shape": {"type": "object", "properties": {"extra": {"type": "object"}}}}
    assert bare_objects({"type": "object"}, {}, "GET /x", set()) == ["GET /x"]
    found = bare_objects({"items": {"$ref": "#/components/schemas/Shape"}}, components, "", set())
    assert found == ["Shape.extra"]


def mail_about(reference: str) -> bytes:
    """The resident's email about the complaint, as the mail gateway passes it on."""
    message = EmailMessage()
    message["From"] = "Ada Jones <ada@example.org>"
    message["To"] = "complaints@landlord.example"
    message["Subject"] = f"Re: {reference}"
    message["Message-ID"] = "<reply-1@mail.example.org>"
    message.set_content("The damp is back in the bedroom.")
    return message.as_bytes()


def journey(api: ApiClient, handler_id: int) -> list:
    """Every operation answered with a success, adding an issue twice (it joins stage 1,
    then after the response becomes a new complaint): [("METHOD /path", response)]."""
    answered = []

    def ask(template: str, path: str = "", body=None, *, get=False, form=False):
        url = "/api/v1" + (path or template)
        if get:
            response = api.client.get(url)
        elif form:
            response = api.client.post(url, body)
        else:
            response = api.client.post(url, body or {}, "application/json")
        assert 200 <= response.status_code < 300, (template, response.content)
        answered.append((f"{'GET' if get else 'POST'} {template}", response))
        return response.json()

    resident = ask(
        "/residents", body={"name": "Ada Jones", "postcode": "SE1 7PB", "email": "ada@example.org"}
    )["id"]
    at = f"/residents/{resident}"

    def of_resident(path: str, body=None, **how):
        return ask(f"/residents/{{resident_id}}{path}", f"{at}{path}", body, **how)

    of_resident(
        "/representatives",
        {
            "name": "Ben Jones",
            "relationship": "son",
            "authority": "Written consent",
            "authority_recorded_on": "2026-12-01",
        },
    )
    adjustment = of_resident(
        "/adjustments", {"adjustment": "Large print letters", "review_on": "2027-06-01"}
    )["id"]
    restriction = of_resident(
        "/restrictions",
        {"restriction": "Email only", "evidence": "Calls on 3 November", "review_on": "2027-03-01"},
    )["id"]
    of_resident("", get=True)
    of_resident("/support-needs", {"reason": "review"})
    of_resident(
        "/adjustment-reviews",
        {
            "adjustment_id": adjustment,
            "outcome": "kept",
            "note": "Still wanted",
            "next_review_on": "2027-12-01",
        },
    )
    of_resident(
        "/restriction-reviews",
        {"restriction_id": restriction, "outcome": "ended", "note": "No calls since"},
    )

    contact = {"resident_id": resident, "channel": "phone", "summary": "The boiler is broken"}
    ask("/contacts", body={**contact, "classification": "service_request"})
    request = ask("/service-requests", get=True)[0]["id"]
    raised = ask(
        "/service-requests/{request_id}/complaints",
        f"/service-requests/{request}/complaints",
        {"summary": "The boiler repair was missed", "channel": "phone"},
    )["complaint"]
    ask(
        "/service-requests/{request_id}/complete",
        f"/service-requests/{request}/complete",
        {"completed_on": "2026-12-02"},
    )

    received = {"resident_id": resident, "summary": "Damp", "received_at": "2026-12-01T10:00:00Z"}
    ref = ask("/complaints", body=received)["reference"]

    def command(path: str, body=None, reference: str = ref, **how):
        return ask(
            f"/complaints/{{reference}}{path}", f"/complaints/{reference}{path}", body, **how
        )

    definition = {
        "points": ["Damp not fixed"],
        "outcomes_sought": ["Fix the damp"],
        "responsible_for_all": True,
    }
    command("/issues", {"description": "Mould on the ceiling"})  # joins stage 1 (200)
    command("/accept")
    command("/category", {"category": "Repairs"})
    command("/assign", {"handler_id": handler_id})
    command("/clarification-requests", {"question": "Which rooms?"})
    command("/conflicts", {"description": "A neighbour of the handler", "handling": "Reviewed"})
    command("/acknowledge", {**definition, "communication": {"how": "issue", "delivery": "post"}})
    command("/definition", {**definition, "points": ["Damp not fixed", "Mould"]})
    command(
        "/extensions",
        {"working_days": 5, "reason": "Waiting for a survey", "told_resident_on": "2026-12-02"},
    )
    command("/update-intervals", {"every_working_days": 5, "agreed_on": "2026-12-02"})
    events = command("/events", get=True)
    acknowledged = next(e["id"] for e in events if e["action"] == "acknowledged")
    command(
        "/corrections",
        {
            "event_id": acknowledged,
            "occurred_at": "2026-12-01T15:00:00Z",
            "reason": "Posted that afternoon",
        },
    )
    command(
        "/attachments",
        {
            "kind": "letter",
            "direction": "incoming",
            "title": "Photos of the damp",
            "file": SimpleUploadedFile("damp.txt", b"Photos", content_type="text/plain"),
        },
        form=True,
    )
    response = {
        "decisions": [{"point": "Damp not fixed", "decision": "upheld"}],
        "reasons": "The repair was missed",
        "no_remedy": True,
        "no_outstanding_actions": True,
        "communication": {"how": "issue", "delivery": "post"},
    }
    command(
        "/respond",
        {
            **response,
            "decisions": [*response["decisions"], {"point": "Mould", "decision": "not_upheld"}],
            "no_remedy": False,
            "no_outstanding_actions": False,
            "remedies": [{"kind": "apology", "description": "Sorry", "due_on": "2027-01-05"}],
            "outstanding_actions": [{"description": "Treat the damp", "due_on": "2027-01-05"}],
        },
    )
    fence = command("/issues", {"description": "The fence is down"})  # a new complaint (201)
    command(
        "/refuse",
        {"exclusion": "other", "reason": "The fence is the council's"},
        reference=fence["reference"],
    )
    letter = {"kind": "update", "update_text": "The survey is booked."}
    command("/letters/preview", letter)
    command("/letters", {**letter, "delivery": "post"})
    command("/letters", get=True)
    remedy = command(
        "/remedies",
        {
            "kind": "financial",
            "description": "Compensation",
            "due_on": "2027-01-05",
            "owner_user_id": handler_id,
            "finding": "maladministration",
            "impact": "minor",
            "time_and_trouble": "100",
        },
    )["id"]
    items = command("/remedies", get=True)
    action = next(i["id"] for i in items if i["type"] == "action")
    ask("/remedies/{remedy_id}/status", f"/remedies/{remedy}/status", {"status": "accepted"})
    of_action = "/outstanding-actions/{action_id}"
    at_action = f"/outstanding-actions/{action}"
    ask(f"{of_action}/update-interval", f"{at_action}/update-interval", {"update_every": 10})
    ask(f"{of_action}/complete", f"{at_action}/complete", {"evidence": "Job 42 done"})
    command("/escalate", {"still_wrong": "The damp is back"})
    command("", get=True)
    ask("/work-queue", get=True)

    # The complaint raised about the service request is answered, then closed.
    command("/accept", reference=raised)
    command(
        "/acknowledge",
        {**definition, "communication": {"how": "issue", "delivery": "post"}},
        reference=raised,
    )
    command("/respond", response, reference=raised)
    command("/close", {"note": "The resident is content"}, reference=raised)

    mail = Client().post(
        "/api/v1/inbound-mail",
        mail_about(ref),
        "message/rfc822",
        HTTP_AUTHORIZATION=f"Bearer {GATEWAY_TOKEN}",
    )
    assert mail.status_code == 201, mail.content
    answered.append(("POST /inbound-mail", mail))
    return answered


@pytest.mark.today(dt.date(2026, 12, 2))
def test_every_operation_answers_in_its_documented_shape(make_staff, settings, tmp_path):
    settings.INBOUND_MAIL_TOKEN = GATEWAY_TOKEN
    settings.MEDIA_ROOT = tmp_path
    Category.objects.get_or_create(name="Repairs")
    user = make_staff("journey", "complaints officer", "manager")
    answered = journey(ApiClient(user), user.pk)
    schema = openapi()
    documented = dict(operations(schema))
    assert {key for key, _ in answered} == set(documented)
    for key, response in answered:
        body = json.dumps(successes(documented[key])[response.status_code])
        shape = {**definitions(schema), **json.loads(body.replace(COMPONENTS, "#/$defs/"))}
        jsonschema_rs.validate(shape, response.json())  # names what does not fit, and where
