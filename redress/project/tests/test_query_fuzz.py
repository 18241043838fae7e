"""Junk in every query parameter a page or the API reads: a 4xx or the page, never a 5xx.

The pages come from the URL configuration (as the permission matrix finds them), each
asked as the first role its rule lets in, about the matrix world's objects. Which query
parameters a page reads is found: each page is asked once while every read of its query
string is recorded (`reads`), and must match `PAGE_PARAMETERS`, so a new parameter cannot
go unfuzzed. Each parameter then gets fixed junk (`JUNK`) and
hypothesis's, with DEBUG off and the client's exceptions turned into responses, so a server
error is seen as the 500 a browser would get. The API's query parameters come from its
OpenAPI schema; junk in them is a 422 naming the parameter.

Each test reports how many requests it made (shown after the run, conftest.py).
"""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import quote, quote_from_bytes

import pytest
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from redress.conftest import ApiClient

from .permission_matrix import OK, PAGES, ROLES
from .test_permission_matrix import page_client, page_routes, page_url, prefix_routes

pytestmark = pytest.mark.django_db

# Query strings that make a page read more of it (the handler filter is only for "all").
BASE_QUERY = {"cases:work-queue": "scope=all"}
DATE_BOXES = {f"{end}_{part}" for end in ("from", "to") for part in ("day", "month", "year")}
# Every page that reads its query string, and what it reads (found by `reads`).
PAGE_PARAMETERS = {
    # Sign-in pages (allauth's, the Django admin's) read where to go next.
    **dict.fromkeys(
        (
            "accounts/login/",
            "accounts/logout/",
            "accounts/inactive/",
            "accounts/confirm-email/",
            "accounts/password/reset/",
            "accounts/password/reset/done/",
            "accounts/password/reset/key/done/",
            "admin/login/",
        ),
        {"next"},
    ),
    "cases:work-queue": {
        "scope",
        "due",
        "stage",
        "channel",
        "category",
        "handler",
        "needs",
        "sort",
        "order",
        "page",
    },
    "cases:search": {"q"},
    "letters:new": {"kind"},
    "notifications:list": {"show", "page"},
    "oversight:summary": {"year"},
    "oversight:dashboard": {"from", "to", *DATE_BOXES},
    "oversight:dashboard-file": {"from", "to", *DATE_BOXES},
    "contacts:service-requests": {"state"},
    "contacts:log": {"resident", "q", "kind", "new"},
    "learning:lessons": {"status"},
    "learning:report": {"from", "to"},
}
# Percent-encoded, as they arrive. The first ones are wrong for every parameter; the
# last three may be right for some (an empty filter, page 0 refused or not, a padded 1).
WRONG = (
    quote("²"),  # a digit to str.isdigit(), not to int()
    "9" * 25,
    str(2**63),  # past every database's integers
    "-1",
    "1e9",
    quote("é中🙂"),
    quote("x" * 5000),
    "%00",
    "%ED%A0%80",  # a lone surrogate, as UTF-8 would carry it
    "%FF",  # not UTF-8 at all
    "99999-01-01",
    "2026-02-30",
)
JUNK = (*WRONG, "", "0", quote(" 1 "))
junk = st.one_of(
    st.sampled_from(JUNK),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40).map(quote),
    st.binary(max_size=12).map(quote_from_bytes),
    st.dates().map(lambda d: d.isoformat()),
)
FUZZ = hypothesis_settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def reads():
    """The names of the query parameters read while inside: every get, [], getlist, `in`."""
    names: set[str] = set()
    getitem, getlist, contains = QueryDict.__getitem__, QueryDict._getlist, QueryDict.__contains__

    def recorded(method):
        def read(self, key, *args, **kwargs):
            names.add(key)
            return method(self, key, *args, **kwargs)

        return read

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QueryDict, "__getitem__", recorded(getitem))
        patch.setattr(QueryDict, "_getlist", recorded(getlist))
        patch.setattr(QueryDict, "__contains__", recorded(contains))
        yield names


def _first_allowed(who: dict[str, str]) -> str:
    return next(role for role in ROLES if who[role] == OK)


def pages(world) -> dict[str, tuple[str, str]]:
    """Every page a GET reaches: its URL and the role that may see it."""
    found = {
        name: (page_url(name, rule, world), _first_allowed(rule.who))
        for name, rule in PAGES.items()
        if name in page_routes() and "GET" in rule.methods and OK in rule.who.values()
    }
    found.update({pattern: ("/" + pattern, "anonymous") for pattern in prefix_routes()})
    return found


class Asker:
    """Each role's browser on the matrix world's pages, never raising: a view's exception
    comes back as the 500 it would be. `count`: the requests made."""

    def __init__(self, world, people):
        self.world, self.people, self.clients, self.count = world, people, {}, 0
        self.pages = pages(world)

    def get(self, page: str, query: str = ""):
        url, role = self.pages[page]
        if role not in self.clients:
            self.clients[role] = page_client(role, self.world, self.people)
            self.clients[role].raise_request_exception = False
        self.count += 1
        return self.clients[role].get(f"{url}?{query}" if query else url)

    def junk(self, page: str, parameter: str, value: str) -> list[str]:
        """A 5xx for `value` in the page's `parameter` (with its BASE_QUERY), as a problem."""
        query = "&".join(p for p in (BASE_QUERY.get(page, ""), f"{parameter}={value}") if p)
        status = self.get(page, query).status_code
        return [f"{status}: {page} ?{query[:80]}"] if status >= 500 else []


@pytest.fixture
def asker(world, people, settings):
    settings.DEBUG = False  # as deployed: an exception is the bare 500 page
    return Asker(world, people)


def test_every_page_parameter_is_known(asker, record_property):
    found = {}
    for page in asker.pages:
        with reads() as names:
            status = asker.get(page, BASE_QUERY.get(page, "")).status_code
        assert status < 500, (page, status)
        if names:
            found[page] = names
    differ = {
        page: found.get(page)
        for page in found.keys() | PAGE_PARAMETERS.keys()
        if found.get(page) != PAGE_PARAMETERS.get(page)
    }
    record_property("figure", f"query fuzz, pages, finding what they read: {asker.count} requests")
    assert not differ, f"pages whose query parameters are not (or no longer) listed: {differ}"


PAGE_PAIRS = [(page, p) for page, names in sorted(PAGE_PARAMETERS.items()) for p in sorted(names)]


def test_junk_in_page_parameters_is_never_a_server_error(asker, record_property):
    problems = [
        problem
        for page, parameter in PAGE_PAIRS
        for value in JUNK
        for problem in asker.junk(page, parameter, value)
    ]
    record_property("figure", f"query fuzz, pages, fixed junk: {asker.count} requests")
    assert not problems, "\n".join(problems)


def test_hypothesis_junk_in_page_parameters_is_never_a_server_error(asker, record_property):
    @FUZZ
    @given(pair=st.sampled_from(PAGE_PAIRS), value=junk)
    def ask(pair, value):
        assert not asker.junk(*pair, value)

    ask()
    record_property("figure", f"query fuzz, pages, hypothesis: {asker.count} requests")


# --- the API ---------------------------------------------------------------------------------


def api_parameters() -> dict[str, list[str]]:
    """Each GET operation's query parameters, from the OpenAPI schema."""
    schema = Client().get("/api/v1/openapi.json").json()
    return {
        path: [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]
        for path, item in schema["paths"].items()
        if "get" in item and "{" not in path
    }


@pytest.fixture
def api(people, settings):
    settings.DEBUG = False
    client = ApiClient(people["complaints_officer"]).client
    client.raise_request_exception = False
    return client


def test_api_query_parameters_are_the_known_ones():
    found = {path: names for path, names in api_parameters().items() if names}
    assert found == {
        "/api/v1/work-queue": ["handler", "stage", "limit", "offset"],
        "/api/v1/service-requests": ["state"],
    }


def _ask_api(api, path: str, parameter: str, value: str, *, wrong: bool) -> list[str]:
    """Problems with the answer to `value`: a 5xx; a 200 when it is `wrong`; or a 4xx other
    than a 422 naming the parameter."""
    response = api.get(f"{path}?{parameter}={value}")
    status, where = response.status_code, f"{path}?{parameter}={value[:40]}"
    if status >= 500 or (status == 200 and wrong):
        return [f"{status}: {where}"]
    if status == 200:
        return []
    field = response.json()["error"]["field"]
    return [] if (status, field) == (422, parameter) else [f"{status} naming {field}: {where}"]


def test_junk_in_api_query_parameters_is_a_422_naming_it(api, record_property):
    asked = [
        (path, parameter, value)
        for path, names in api_parameters().items()
        for parameter in names
        for value in JUNK
    ]
    problems = [
        problem
        for path, parameter, value in asked
        for problem in _ask_api(api, path, parameter, value, wrong=value in WRONG)
    ]
    record_property("figure", f"query fuzz, API, fixed junk: {len(asked)} requests")
    assert not problems, "\n".join(problems)


def test_hypothesis_junk_in_api_query_parameters_is_never_a_server_error(api, record_property):
    pairs = [(path, p) for path, names in sorted(api_parameters().items()) for p in names]
    asked = []

    @FUZZ
    @given(pair=st.sampled_from(pairs), value=junk)
    def ask(pair, value):
        asked.append(value)
        assert not _ask_api(api, *pair, value, wrong=False)

    ask()
    record_property("figure", f"query fuzz, API, hypothesis: {len(asked)} requests")
