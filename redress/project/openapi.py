"""The API's error responses, documented once for every operation.

The API answers every refusal in one shape (redress/project/api.py), from one place, so
the schema documents them from one place too: each operation lists the error statuses it
can really give, with the body it gives them in. Most follow from what the operation is:

- 401 for every operation behind a token (none, unknown, revoked or expired);
- 403 for every case-work operation: a token without the scope the method needs, and the
  role checks of some commands (only the complaints officer assigns, 4.1);
- 404 for every operation with an id or reference in its path: a record that does not
  exist, or one this person may not open, or an id not written in its one form;
- 400 for every operation that reads a JSON body (one that is not JSON);
- 422 for every operation that reads a body or a query string: the request does not fit
  the schema, or a service refuses a value naming the field.

Two cannot be read off the schema, so they are listed: the operations that also look up a
record named in their body (404), and the commands that a complaint's, remedy's or
action's state can refuse (409: respond before acknowledging, a remedy already completed).
project/tests/test_openapi.py pins each operation's list, and schemathesis checks that
no operation gives a status its list lacks.
"""

from __future__ import annotations

import re
from http import HTTPStatus

from django.urls.converters import get_converters
from ninja import Schema
from ninja.utils import normalize_path
from pydantic import ConfigDict

REF = "#/components/schemas/{model}"

# Looks up a record its body names, as not found (404) when it has none.
FINDS_BODY_RECORDS = {
    "POST /complaints",  # resident_id, related_to
    "POST /contacts",  # resident_id, representative_id
    "POST /inbound-mail",  # the endpoint itself, when inbound mail is not enabled
}
# Refused by the state of what it acts on (409), e.g. the stage machine (redress/code/stages).
REFUSED_BY_STATE = {
    *(
        f"POST /complaints/{{reference}}/{command}"
        for command in (
            "accept",
            "refuse",
            "acknowledge",
            "clarification-requests",
            "extensions",
            "update-intervals",
            "conflicts",
            "respond",
            "escalate",
            "close",
            "definition",  # amended only between acknowledgement and response
            "assign",
            "attachments",
            "letters",  # a letter missing an element it needs (named, with its provision)
        )
    ),
    "POST /remedies/{remedy_id}/status",
    "POST /outstanding-actions/{action_id}/update-interval",
    "POST /outstanding-actions/{action_id}/complete",
    # an adjustment or restriction a review already ended
    "POST /residents/{resident_id}/adjustment-reviews",
    "POST /residents/{resident_id}/restriction-reviews",
}


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(Strict):
    message: str
    field: str | None
    rule: str | None


class FieldError(Strict):
    field: str
    message: str


class InvalidDetail(ErrorDetail):
    errors: list[FieldError] = []


class Error(Strict):
    """A refusal: what is wrong, the field it is about, and the rule (a Code provision
    where there is one)."""

    error: ErrorDetail


class Invalid(Strict):
    """A 422: as Error, and, when the request did not fit the schema, every such field."""

    error: InvalidDetail


WHY = {
    400: "The body is not JSON.",
    401: "No token, or not a live one.",
    403: "The token lacks the scope the method needs, or the person's role may not do this.",
    404: "Not found: no such record, or not one this person may open.",
    409: "Refused by the state of the complaint, remedy, action, adjustment or restriction "
    "(rule names the provision).",
    422: "A value is refused: field names it (errors lists each one that did not fit).",
}


def error_statuses(key: str, operation: dict) -> set[int]:
    """The error statuses the operation `key` ("POST /complaints") can give."""
    security = {name for item in operation.get("security", []) for name in item}
    params = {p["in"] for p in operation.get("parameters", [])}
    body = operation.get("requestBody", {}).get("content", {})
    statuses = set()
    if security:
        statuses.add(401)
    if "StaffToken" in security:
        statuses.add(403)
    if "path" in params or key in FINDS_BODY_RECORDS:
        statuses.add(404)
    if "application/json" in body:
        statuses.add(400)
    if body or "query" in params:
        statuses.add(422)
    if key in REFUSED_BY_STATE:
        statuses.add(409)
    return statuses


def path_parameters(api, path_prefix: str) -> dict[str, dict[str, dict]]:
    """{path as the schema writes it: {parameter: its schema}}, from the path converter
    each route's URL names (redress/ui/converters.py), so the schema says which
    values reach the route: those the converter matches, no others."""
    converters = get_converters()
    found: dict[str, dict[str, dict]] = {}
    for router in api._get_bound_routers():
        for path in router.path_operations:
            parts = (path_prefix, router.prefix, path)
            full = normalize_path("/" + "/".join(p for p in parts if p))
            named = re.findall(r"{(\w+):(\w+)}", full)
            plain = re.sub(r"{\w+:", "{", full)
            found[plain] = {name: converters[kind].schema for kind, name in named}
    return found


def document(schema: dict, api, path_prefix: str) -> dict:
    """Add each path parameter's form, each operation's error responses and the error
    bodies to `schema`."""
    forms = path_parameters(api, path_prefix)
    for path, item in schema["paths"].items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    parameter["schema"] = {
                        "title": parameter["schema"].get("title", parameter["name"]),
                        **forms[path][parameter["name"]],
                    }
            _empty_means_not_given(operation)
    return document_errors(schema, path_prefix)


def _empty_means_not_given(operation: dict) -> None:
    """A form has no null: an optional field is left empty, which means not given."""
    form = operation.get("requestBody", {}).get("content", {}).get("multipart/form-data")
    for prop in (form or {}).get("schema", {}).get("properties", {}).values():
        options = prop.get("anyOf", [])
        if {"type": "null"} in options:
            options[options.index({"type": "null"})] = {"type": "string", "maxLength": 0}


def document_errors(schema: dict, path_prefix: str) -> dict:
    """Add each operation's error responses, and the error bodies, to `schema`."""
    components = schema["components"]["schemas"]
    for model in (Error, Invalid):
        body = model.model_json_schema(ref_template=REF)
        components.update(body.pop("$defs", {}))
        components[model.__name__] = body
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            key = f"{method.upper()} /{path.removeprefix(path_prefix).lstrip('/')}"
            for status in sorted(error_statuses(key, operation)):
                model = Invalid if status == 422 else Error
                operation["responses"][status] = {
                    "description": f"{HTTPStatus(status).phrase}. {WHY[status]}",
                    "content": {
                        "application/json": {"schema": {"$ref": REF.format(model=model.__name__)}}
                    },
                }
    return schema
