"""The OpenAPI schema: served without a token, listing every route, and a short
schemathesis run that no generated request makes the server fail."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from redress.project.wsgi import application
from redress.staff.models import ApiToken

PATHS = {
    "/api/v1/residents": {"post"},
    "/api/v1/residents/{resident_id}": {"get"},
    "/api/v1/residents/{resident_id}/representatives": {"post"},
    "/api/v1/residents/{resident_id}/adjustments": {"post"},
    "/api/v1/residents/{resident_id}/restrictions": {"post"},
    "/api/v1/contacts": {"post"},
    "/api/v1/service-requests": {"get"},
    "/api/v1/service-requests/{request_id}/complaints": {"post"},
    "/api/v1/service-requests/{request_id}/complete": {"post"},
    "/api/v1/complaints": {"post"},
    "/api/v1/complaints/{reference}": {"get"},
    "/api/v1/complaints/{reference}/events": {"get"},
    "/api/v1/work-queue": {"get"},
    "/api/v1/complaints/{reference}/accept": {"post"},
    "/api/v1/complaints/{reference}/refuse": {"post"},
    "/api/v1/complaints/{reference}/acknowledge": {"post"},
    "/api/v1/complaints/{reference}/clarification-requests": {"post"},
    "/api/v1/complaints/{reference}/extensions": {"post"},
    "/api/v1/complaints/{reference}/update-intervals": {"post"},
    "/api/v1/complaints/{reference}/conflicts": {"post"},
    "/api/v1/complaints/{reference}/respond": {"post"},
    "/api/v1/complaints/{reference}/escalate": {"post"},
    "/api/v1/complaints/{reference}/close": {"post"},
    "/api/v1/complaints/{reference}/corrections": {"post"},
    "/api/v1/complaints/{reference}/assign": {"post"},
    "/api/v1/complaints/{reference}/issues": {"post"},
    "/api/v1/complaints/{reference}/attachments": {"post"},
}


def openapi() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_served_without_a_token_and_lists_every_route():
    paths = openapi()["paths"]
    missing = set(PATHS) - set(paths)
    assert not missing
    for path, methods in PATHS.items():
        assert set(paths[path]) == methods, path


def test_every_operation_requires_the_staff_token():
    for path, item in openapi()["paths"].items():
        for method, operation in item.items():
            assert operation.get("security") == [{"StaffToken": []}], (method, path)


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


# --- schemathesis: a handful of generated requests per operation, never a 500 -----------


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
def token(make_staff):
    return ApiToken.issue(make_staff("schemathesis", "complaints officer", "manager"))


# Loaded at import (pytest-django has configured Django by then). The lazy
# schemathesis.pytest.from_fixture loader fails under pytest 9 (it reads
# request.node._nodeid), so the schema is not loaded from a fixture.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


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
def test_no_generated_request_is_a_server_error(case, token, keep_connection):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error]
    )
