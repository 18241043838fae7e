"""Every page and every API operation against every role (permission_matrix.py).

The routes come from the URL configuration and the API's OpenAPI schema, so a route
added without a rule fails `test_every_route_has_a_rule`, naming it. Each route's test
asks it as every role: a GET (or, for a POST-only route, a GET that must be refused
with 405), and from each denied role a POST with an empty body that must be denied in
the same way and write nothing. The objects in the URLs are made once per module
(matrix_world.py, by conftest.py); the people are made per test with `make_staff`.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from redress.conftest import ApiClient
from redress.project.api import api
from redress.reception.views import SUBMITTED, VERIFIED

from . import matrix_world
from .matrix_world import STAFF_ROLES
from .permission_matrix import (
    API,
    DENIED,
    FORBIDDEN,
    HIDDEN,
    LOGIN,
    NEVER_SEE_THE_CASE,
    NOT_FOUND,
    OK,
    PAGES,
    PREFIX_RULES,
    ROLES,
    START,
    UNAUTHENTICATED,
    Rule,
    api_url,
    param_value,
)

# --- the routes ---------------------------------------------------------------------------


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


def _prefix(pattern: str) -> str | None:
    return next((p for p in PREFIX_RULES if pattern.startswith(p)), None)


def page_routes() -> dict[str, URLPattern]:
    """Every named page outside the prefix-ruled areas; API operations are counted apart."""
    found = {}
    for pattern, name, entry in _walk(get_resolver()):
        if _prefix(pattern) or entry.callback.__module__.startswith("ninja.operation"):
            continue
        found[name or pattern] = entry
    return found


def prefix_routes() -> list[str]:
    """Routes under the prefix rules that take no URL parameters."""
    return sorted(
        pattern
        for pattern, _, entry in _walk(get_resolver())
        if _prefix(pattern) and not re.search(r"[<(]", pattern)
    )


def api_operations() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    )


def test_every_route_has_a_rule():
    pages, operations = set(page_routes()), set(api_operations())
    missing = sorted(pages - set(PAGES)) + sorted(operations - set(API))
    assert not missing, f"routes with no rule in permission_matrix.py: {missing}"
    stale = sorted(set(PAGES) - pages) + sorted(set(API) - operations)
    assert not stale, f"rules for routes that no longer exist: {stale}"
    assert prefix_routes(), "the prefix rules cover no route"


# --- the clients --------------------------------------------------------------------------


def _resident_client(reference: str, *, sent_it: bool = False) -> Client:
    """A browser that proved (by the emailed code) it holds this complaint; `sent_it`:
    and submitted it on the online form."""
    client = Client()
    session = client.session
    session[VERIFIED] = reference
    if sent_it:
        session[SUBMITTED] = [reference]
    session.save()
    return client


def page_client(role: str, world, people) -> Client:
    if role in ("resident", "representative"):
        return _resident_client(world.reference, sent_it=role == "resident")
    if role == "other_resident":
        return _resident_client(world.other_reference)
    client = Client()
    if people.get(role):
        client.force_login(people[role])
    return client


def api_client(role: str, world, people) -> Client:
    if role in STAFF_ROLES:
        return ApiClient(people[role]).client
    return page_client(role, world, people)


# --- asking and judging -------------------------------------------------------------------


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith((reverse("account_login"), "/admin/login/")):
            return LOGIN
        if location.startswith(reverse("public:status-start")):
            return START
        return OK
    if 200 <= code < 300:
        return OK
    return {401: UNAUTHENTICATED, 403: FORBIDDEN, 404: HIDDEN}.get(code, str(code))


def meets(expected: str, got: str) -> bool:
    if expected == NOT_FOUND:
        return got == HIDDEN
    if expected == UNAUTHENTICATED:
        return got in (UNAUTHENTICATED, FORBIDDEN)
    return got == expected


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def leaks(response, world) -> list[str]:
    text = body(response)
    return [s for s in (*matrix_world.SECRETS, world.reference) if s in text]


def check(rule: Rule, url: str, client_for, *, get: bool = True) -> list[str]:
    """Every role against one route: the problems found, each naming the role.

    GETs first (an allowed GET may record that someone read something; `get` False
    when the GET is an operation of its own), then the denied roles' POSTs, which must
    leave every table as it was."""
    clients = {role: client_for(role) for role in ROLES}
    denied = [role for role in ROLES if rule.who[role] in DENIED]
    problems = []
    for role in ROLES if get else ():
        expected = rule.who[role]
        response = clients[role].get(url)
        got = outcome(response)
        if "GET" in rule.methods:
            if not meets(expected, got):
                problems.append(f"{role}: GET expected {expected}, got {response.status_code}")
        elif got != "405" and not (expected in DENIED and meets(expected, got)):
            problems.append(f"{role}: GET of a POST-only route gave {response.status_code}")
        if role in NEVER_SEE_THE_CASE or expected in DENIED:
            problems += [f"{role}: GET shows {s!r}" for s in client_for.leaks(response, url)]
    before = matrix_world.rows()
    for role in denied:
        expected = rule.who[role]
        posted = client_for.post(clients[role], url)
        got = outcome(posted)
        if "POST" in rule.methods:
            if not meets(expected, got):
                problems.append(f"{role}: POST expected {expected}, got {posted.status_code}")
        elif got != "405" and not meets(expected, got):
            problems.append(f"{role}: POST to a GET-only route gave {posted.status_code}")
        problems += [f"{role}: POST shows {s!r}" for s in client_for.leaks(posted, url)]
    if matrix_world.rows() != before:
        problems.append(f"denied POSTs (from {', '.join(denied)}) wrote to the database")
    return problems


def page_url(name: str, rule: Rule, world) -> str:
    entry = page_routes()[name]
    names = list(entry.pattern.converters) or list(entry.pattern.regex.groupindex)
    return reverse(name, kwargs={n: param_value(n, rule, world) for n in names})


class ClientFor:
    """Each role's browser (pages) or API client, and how it posts an empty body."""

    def __init__(self, factory, world, people, *, api: bool = False):
        self.factory, self.world, self.people, self.api = factory, world, people, api

    def __call__(self, role: str) -> Client:
        return self.factory(role, self.world, self.people)

    def post(self, client: Client, url: str):
        if self.api:
            return client.post(url, "{}", content_type="application/json")
        return client.post(url, {})

    def leaks(self, response, url: str) -> list[str]:
        """The complaint's details in a response, other than what the URL itself says."""
        return [s for s in leaks(response, self.world) if s not in url]


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n in page_routes() if n in PAGES))
def test_page(name, world, people):
    rule = PAGES[name]
    problems = check(rule, page_url(name, rule, world), ClientFor(page_client, world, people))
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("operation", [o for o in api_operations() if o in API])
def test_api(operation, world, people):
    rule = API[operation]
    url = api_url(operation, world)
    clients = ClientFor(api_client, world, people, api=True)
    # A POST sharing its path with a GET operation: that GET is tested as itself.
    path = operation.split(" ", 1)[1]
    get_is_its_own = operation.startswith("POST ") and f"GET {path}" in API
    problems = check(rule, url, clients, get=not get_is_its_own)
    assert not problems, f"{operation}:\n" + "\n".join(problems)


@pytest.mark.parametrize("pattern", prefix_routes())
def test_third_party_areas(pattern, world, people):
    """The Django admin sends everyone to its sign-in (nobody is `is_staff`); allauth's
    pages answer everyone, and neither shows a complaint."""
    for role in ROLES:
        response = page_client(role, world, people).get("/" + pattern)
        assert response.status_code < 500, (pattern, role, response.status_code)
        if pattern.startswith("admin/") and pattern not in ("admin/login/", "admin/logout/"):
            assert outcome(response) == LOGIN, (pattern, role, response.status_code)
        assert not leaks(response, world), (pattern, role)
