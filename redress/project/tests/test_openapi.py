"""The OpenAPI schema: served without a token, listing every route and each error response
each operation can give; and schemathesis over the whole API with its default checks."""

from __future__ import annotations

import json

import jsonschema_rs
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.parameters import ParameterLocation

from redress.cases import services as cases
from redress.intake import services as intake
from redress.project.wsgi import application
from redress.staff.models import ApiToken

# Every operation, and the error statuses it can give (redress/project/openapi.py says
# why each): an operation or a status dropped from the schema, or one added, fails here.
STAFF = {401, 403}
READ_ONE = STAFF | {404}  # a GET of a record in the path
WRITE = STAFF | {400, 422}  # a JSON body
WRITE_TO = WRITE | {404}  # ... about a record in the path
COMMAND = WRITE_TO | {409}  # ... that its state can refuse
ERRORS = {
    "POST /residents": WRITE,
    "GET /residents/{resident_id}": READ_ONE,
    "POST /residents/{resident_id}/representatives": WRITE_TO,
    "POST /residents/{resident_id}/adjustments": WRITE_TO,
    "POST /residents/{resident_id}/restrictions": WRITE_TO,
    "POST /residents/{resident_id}/support-needs": WRITE_TO,
    "POST /residents/{resident_id}/adjustment-reviews": COMMAND,  # one that ended: 409
    "POST /residents/{resident_id}/restriction-reviews": COMMAND,
    "POST /contacts": WRITE_TO,  # the resident or representative in the body
    "GET /service-requests": STAFF | {422},
    "POST /service-requests/{request_id}/complaints": WRITE_TO,
    "POST /service-requests/{request_id}/complete": WRITE_TO,
    "POST /inbound-mail": {401, 404, 422},  # the gateway's token; 404 when not enabled
    "POST /complaints": WRITE_TO,  # the resident or related complaint in the body
    "GET /complaints/{reference}": READ_ONE,
    "GET /complaints/{reference}/events": READ_ONE,
    "GET /work-queue": STAFF | {422},
    "POST /complaints/{reference}/accept": COMMAND,
    "POST /complaints/{reference}/refuse": COMMAND,
    "POST /complaints/{reference}/acknowledge": COMMAND,
    "POST /complaints/{reference}/clarification-requests": COMMAND,
    "POST /complaints/{reference}/extensions": COMMAND,
    "POST /complaints/{reference}/update-intervals": COMMAND,
    "POST /complaints/{reference}/conflicts": COMMAND,
    "POST /complaints/{reference}/respond": COMMAND,
    "POST /complaints/{reference}/escalate": COMMAND,
    "POST /complaints/{reference}/close": COMMAND,
    "POST /complaints/{reference}/definition": COMMAND,  # until the stage is answered
    "POST /complaints/{reference}/category": WRITE_TO,  # in every state
    "POST /complaints/{reference}/corrections": WRITE_TO,
    "POST /complaints/{reference}/assign": COMMAND,
    "POST /complaints/{reference}/issues": WRITE_TO,  # after stage 1: a new complaint
    "POST /complaints/{reference}/attachments": COMMAND - {400},  # a form, not JSON
    "POST /complaints/{reference}/letters/preview": WRITE_TO,
    "POST /complaints/{reference}/letters": COMMAND,  # missing elements
    "GET /complaints/{reference}/letters": READ_ONE,
    "GET /complaints/{reference}/remedies": READ_ONE,
    "POST /complaints/{reference}/remedies": WRITE_TO,
    "POST /remedies/{remedy_id}/status": COMMAND,
    "POST /outstanding-actions/{action_id}/update-interval": COMMAND,
    "POST /outstanding-actions/{action_id}/complete": COMMAND,
}


# The mail gateway is not a staff user: it has its own shared token.
GATEWAY_PATHS = {"/api/v1/inbound-mail"}


def openapi() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_served_without_a_token_and_lists_every_route():
    assert {key for key, _ in operations(openapi())} == set(ERRORS)


def test_every_operation_requires_the_staff_token():
    for path, item in openapi()["paths"].items():
        expected = "InboundMailToken" if path in GATEWAY_PATHS else "StaffToken"
        for method, operation in item.items():
            assert operation.get("security") == [{expected: []}], (method, path)


def test_every_operation_has_a_unique_id():
    ids = [op["operationId"] for item in openapi()["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_attachments_accept_a_file_upload():
    # `file` as a query parameter, so uploads were dropped.
    operation = openapi()["paths"]["/api/v1/complaints/{reference}/attachments"]["post"]
    assert "file" not in [p["name"] for p in operation.get("parameters", [])]
    content = operation["requestBody"]["content"]
    assert "file" in content["multipart/form-data"]["schema"]["properties"]


def test_interactive_docs_are_served():
    assert Client().get("/api/v1/docs").status_code == 200


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path.removeprefix('/api/v1')}", operation


def test_every_operation_lists_the_errors_it_can_give_in_the_error_shape():
    schema = openapi()
    given = {
        key: {int(s) for s in operation["responses"] if int(s) >= 400}
        for key, operation in operations(schema)
    }
    assert given == ERRORS
    for key, operation in operations(schema):
        for status in given[key]:
            content = operation["responses"][str(status)]["content"]
            body = "Invalid" if status == 422 else "Error"
            assert content == {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}
            }, (key, status)
    components = schema["components"]["schemas"]
    detail = components["ErrorDetail"]
    assert set(detail["required"]) == {"message", "field", "rule"}
    assert components["InvalidDetail"]["properties"]["errors"]["items"] == {
        "$ref": "#/components/schemas/FieldError"
    }


@pytest.mark.django_db
def test_each_kind_of_error_is_answered_in_its_documented_shape(make_staff):
    """One real response of each status, checked against the body the schema names."""
    schema = openapi()
    officer = make_staff("shapes", "complaints officer")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(officer)}"}
    reader = make_staff("reader", "handler")
    read_only = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(reader, scopes=['cases:read'])}"}
    resident = intake.create_resident(actor=officer, name="Ada Shape")
    received = cases.open_complaint(actor=officer, resident=resident, summary="A leak")
    respond = f"/api/v1/complaints/{received.reference}/respond"
    client = Client()
    answers = {
        400: client.post("/api/v1/residents", "{", "application/json", **bearer),
        401: client.get("/api/v1/work-queue"),
        403: client.post("/api/v1/residents", {"name": "A"}, "application/json", **read_only),
        404: client.get("/api/v1/residents/999999", **bearer),
        409: client.post(
            respond,
            {
                "decisions": [],
                "reasons": "Early",
                "communication": {"how": "issue", "delivery": "post"},
            },
            "application/json",
            **bearer,
        ),
        422: client.post("/api/v1/residents", {"name": 3}, "application/json", **bearer),
    }
    for status, response in answers.items():
        assert response.status_code == status, response.content
        name = "Invalid" if status == 422 else "Error"
        jsonschema_rs.validate({**definitions(schema), "$ref": f"#/$defs/{name}"}, response.json())


def definitions(schema: dict) -> dict:
    """The schema's components, as definitions a JSON Schema validator resolves."""
    text = json.dumps(schema["components"]["schemas"])
    return {"$defs": json.loads(text.replace("#/components/schemas/", "#/$defs/"))}


# --- schemathesis over the whole API, with its default checks -----------------------------
#
# Every operation gets positive and negative requests (the examples schemathesis draws, and
# its coverage cases), sent with a token of a role that may use every route: the complaints
# officer (who assigns, 4.1) and a manager (who approves long extensions, 6.4). Path ids name
# records of the permission matrix's world, so that requests reach the routes rather than
# stop at "not found": the reference is its second complaint, just received, so commands
# meet a complaint each of them can act on at some point; test_path_ids.py sends every
# other way of writing an id. The inbound-mail gateway is enabled, with its own token.

GATEWAY_TOKEN = "gateway-secret"


@pytest.fixture
def keep_connection():
    """Call the WSGI app as Django's test client does: without closing the connection
    at each request's end, which would close the test's transaction on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def headers(make_staff, settings):
    settings.INBOUND_MAIL_TOKEN = GATEWAY_TOKEN
    user = make_staff("schemathesis", "complaints officer", "manager")
    return {"Authorization": f"Bearer {ApiToken.issue(user)}"}


@pytest.fixture
def records(world):
    return {
        "reference": world.other_reference,
        "resident_id": world.resident,
        "request_id": world.service_request,
        "remedy_id": world.remedy,
        "action_id": world.action,
    }


def negative(case, location: ParameterLocation) -> bool:
    component = case.meta.components.get(location) if case.meta else None
    return component is not None and component.mode.is_negative


def refused_by_a_rule(ctx, response, case):
    """positive_data_acceptance, except for a refusal by a rule the schema cannot state.

    A request that fits the schema may still be refused, as a 422 naming the field, by a
    rule that depends on the record or on the text once normalised: an occurred_at before
    the complaint was received (the Code's order of events), a due date before the offer,
    a required answer that is only spaces or invisible characters (5.6, 6.7), a review date
    not in the future. Such a refusal carries no "errors" list: that list is the schema
    validation's, and a 422 with it, for a request the schema calls valid, still fails."""
    if response.status_code == 422 and "errors" not in json.loads(response.content)["error"]:
        return None
    return positive_data_acceptance(ctx, response, case)


# Loaded at import (pytest-django has configured Django by then). The lazy
# schemathesis.pytest.from_fixture loader fails under pytest 9 (it reads
# request.node._nodeid), so the schema is not loaded from a fixture.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# The inbound-mail endpoint takes a raw email: generated bytes, sent as they are.
schemathesis.serializer.alias("message/rfc822", "application/octet-stream")


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_schemathesis_default_checks(case, headers, records, keep_connection, record_property):
    # A negative path or header (an id of the wrong type, no Authorization header) is
    # sent as generated; a positive one is filled with a real record and a live token.
    if case.path_parameters and not negative(case, ParameterLocation.PATH):
        case.path_parameters = {name: records[name] for name in case.path_parameters}
    if negative(case, ParameterLocation.HEADER):
        headers = {}
    elif case.path.endswith("/inbound-mail"):
        headers = {"Authorization": f"Bearer {GATEWAY_TOKEN}"}
    record_property("count", "schemathesis, cases passing every default check")
    response = case.call_and_validate(
        headers=headers,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[refused_by_a_rule],
    )
    # Among the default checks, response_schema_conformance: a success's body fits the
    # shape the schema gives it (test_api_responses.py: every success has one).
    if 200 <= response.status_code < 300:
        record_property("count", "schemathesis, successes checked against their body's shape")
