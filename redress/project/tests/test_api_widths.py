"""Column widths are enforced at the edge (issue 17, part 7).

A text longer than the column it is stored in is refused by the API's schema (422, naming
the field), never kept silently (SQLite) or left to fail in the database (PostgreSQL, a
500). The cases are generated from the OpenAPI schema: every write operation's request body,
JSON or a multipart form, and every text in it, nested objects and list items included; so
a new route, or a new field on one, is covered without a line here. Each field is sent one
character over its documented maxLength in a body that is otherwise valid, to a record that
exists (the permission matrix's world), and nothing may be written.

A text with no maxLength fails the first test, by name, unless it is a choice (enum), a
date or a file, whose form bounds it.
"""

from __future__ import annotations

import pytest

from redress.conftest import ApiClient
from redress.project.api import api
from redress.staff.roles import COMPLAINTS_OFFICER, MANAGER

from . import matrix_world
from .permission_matrix import api_url

FIELDS = ("application/json", "multipart/form-data")
# Bodies that are not fields: the raw email the mail gateway posts (bounded by its size).
NOT_FIELDS = ("message/rfc822",)
# Texts whose form bounds them, and what a valid one looks like.
FORMATS = {"date": "2026-10-05", "date-time": "2026-10-05T10:00:00Z", "binary": None}
# What an enum or a date is sent instead: far longer than any of them.
LONG = 10_000

SCHEMA = api.get_openapi_schema()


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = SCHEMA["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _chosen(node: dict) -> dict:
    """The alternative a value is built from: an optional field's non-null one, and a
    Decimal's number (pydantic offers number or string)."""
    node = _resolve(node)
    options = [_resolve(o) for o in node.get("anyOf", [node])]
    options = [o for o in options if o.get("type") != "null"]
    numbers = [o for o in options if o.get("type") == "number"]
    return (numbers or options)[0]


def example(node: dict):
    """A valid value for `node`: every property of an object, one item in every list."""
    node = _chosen(node)
    kind = node.get("type")
    if kind == "object":
        return {name: example(prop) for name, prop in node.get("properties", {}).items()}
    if kind == "array":
        return [example(node["items"])]
    if kind == "string":
        if "enum" in node:
            return node["enum"][0]
        return FORMATS.get(node.get("format"), "x")
    return {"integer": 1, "number": 1, "boolean": False}[kind]


def texts(node: dict, path: tuple = ()):
    """(path, schema) of every text in `node`, a list item's path ending in its index."""
    node = _chosen(node)
    if node.get("type") == "object":
        for name, prop in node.get("properties", {}).items():
            yield from texts(prop, (*path, name))
    elif node.get("type") == "array":
        yield from texts(node["items"], (*path, 0))
    elif node.get("type") == "string" and node.get("format") != "binary":
        yield path, node


def bodies():
    """(operation, media type, body schema) of every write operation that takes fields."""
    for path, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            if method == "get":
                continue
            content = operation.get("requestBody", {}).get("content", {})
            unknown = set(content) - set(FIELDS) - set(NOT_FIELDS)
            assert not unknown, f"{method} {path}: a body of {unknown}: is it fields?"
            for media in set(content) & set(FIELDS):
                yield f"{method.upper()} {path}", media, content[media]["schema"]


WRITES = sorted(bodies(), key=lambda b: b[0])
# Those with a text to send (not, say, one that takes only a number).
WITH_TEXT = [w for w in WRITES if any(texts(w[2]))]


def test_every_text_of_every_write_has_a_width():
    unbounded = [
        f"{operation}: {'.'.join(map(str, path))}"
        for operation, _, schema in WRITES
        for path, node in texts(schema)
        if "maxLength" not in node and "enum" not in node and node.get("format") not in FORMATS
    ]
    assert not unbounded, f"texts with no maxLength: {unbounded}"
    assert len(WITH_TEXT) > 25


def test_every_input_schema_is_documented_under_its_own_name():
    """The schema names a body by its class's name: two classes of one name (a letter's
    IssueIn and an issue's) documented one route with the other's fields, and this test
    would have read the wrong ones."""
    from redress.ui.schemas import Input

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = [cls.__name__ for cls in subclasses(Input)]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def _set(body: dict, path: tuple, value) -> dict:
    *inner, last = path
    target = body
    for step in inner:
        target = target[step]
    target[last] = value
    return body


@pytest.fixture
def officer(world, make_staff, db):
    """A complaints officer and manager who may open the world's complaint."""
    return ApiClient(make_staff("widths", COMPLAINTS_OFFICER, MANAGER))


@pytest.mark.parametrize(("operation", "media", "schema"), WITH_TEXT, ids=[w[0] for w in WITH_TEXT])
def test_a_text_one_character_too_long_is_refused_by_name(operation, media, schema, world, officer):
    url = api_url(operation, world)
    before = matrix_world.rows()
    for path, node in texts(schema):
        width = node.get("maxLength", LONG)
        body = _set(example(schema), path, "x" * (width + 1))
        if media == "multipart/form-data":
            form = {name: value for name, value in body.items() if value is not None}
            status, answer = officer.upload(url.removeprefix("/api/v1"), form)
        else:
            status, answer = officer.post(url.removeprefix("/api/v1"), body)
        field = ".".join(map(str, path))
        assert status == 422, (operation, field, answer)
        assert answer["error"]["field"] == field, (operation, field, answer)
    assert matrix_world.rows() == before, f"{operation} wrote something"
