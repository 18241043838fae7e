"""Every API route with a record in its path, asked for another team's record by every
staff role holding a token, with the id written canonically and in every other way
Python or pydantic would still read as that number.

Generated from the OpenAPI schema, so a new route with a path parameter is covered
the day it is added. What must hold:

- a form other than the canonical one never reaches a route: 404, for everyone;
- the canonical form of a record the person may not open is refused (404, or 401/403
  for a role with no case work), never a 2xx;
- never a 5xx, nothing written, and none of the complaint's personal details shown.

Where a POST route has a body below, it is a valid one, so that a request that got
past the checks would have succeeded (a 2xx), not merely failed validation.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from redress.administration import deployment
from redress.project.api import OPEN_TO_CASEWORK

from .matrix_world import STAFF_ROLES, rows
from .permission_matrix import PARAMS
from .test_permission_matrix import api_client, api_operations, leaks

# Roles that may open the world's complaint: for them only the other forms are refused.
SEE_THE_CASE = {"handler", "complaints_officer", "manager", "senior_lead"}


def id_forms(pk: int) -> list[str]:
    """The canonical id, then each way of writing it that is not canonical."""
    text = str(pk)
    fullwidth = "".join(chr(0xFF10 + int(d)) for d in text)
    return [
        text,
        f"+{text}",
        f"%20{text}",
        f"{text}%20",
        f"{text}.0",
        f"%09{text}",
        f"+0{text}",
        f"0{text}",
        f"{text[:1]}_{text[1:]}" if len(text) > 1 else f"0_{text}",
        f"{text}%00",
        "".join(f"%{b:02X}" for b in fullwidth.encode()),
        "%C2%B2",
        "1" * 25,
        f"-{text}",
    ]


def reference_forms(reference: str) -> list[str]:
    return [
        reference,
        f"%20{reference}",
        f"{reference}%20",
        f"%09{reference}",
        f"{reference}%00",
        f"{reference}%0A",
        "x" * 41,
    ]


def bodies(world) -> dict[str, dict]:
    today = deployment.today()
    later = (today + dt.timedelta(days=30)).isoformat()
    return {
        "POST /api/v1/residents/{resident_id}/representatives": {
            "name": "Ivor Proxy",
            "relationship": "friend",
            "authority": "Signed consent",
            "authority_recorded_on": today.isoformat(),
        },
        "POST /api/v1/residents/{resident_id}/adjustments": {
            "adjustment": "Large print",
            "review_on": later,
        },
        "POST /api/v1/residents/{resident_id}/restrictions": {
            "restriction": "Email only",
            "evidence": "Calls on 1 May",
            "review_on": later,
        },
        "POST /api/v1/residents/{resident_id}/support-needs": {"reason": "investigating"},
        **{
            f"POST /api/v1/residents/{{resident_id}}/{need}-reviews": {
                f"{need}_id": getattr(world, need),
                "outcome": "kept",
                "note": "Still needed",
                "next_review_on": later,
            }
            for need in ("adjustment", "restriction")
        },
        "POST /api/v1/remedies/{remedy_id}/status": {"status": "accepted"},
        "POST /api/v1/outstanding-actions/{action_id}/update-interval": {"update_every": 5},
        "POST /api/v1/outstanding-actions/{action_id}/complete": {"evidence": "Fixed"},
        "POST /api/v1/service-requests/{request_id}/complete": {"completed_on": today.isoformat()},
        "POST /api/v1/service-requests/{request_id}/complaints": {
            "summary": "Still not cleared",
            "channel": "phone",
        },
        "POST /api/v1/complaints/{reference}/close": {},
        "POST /api/v1/complaints/{reference}/escalate": {},
    }


def with_path_records() -> list[str]:
    return [o for o in api_operations() if "{" in o]


def test_every_path_parameter_is_one_the_test_knows():
    names = {n for o in with_path_records() for n in re.findall(r"{(\w+)}", o)}
    assert names, "no API route has a path parameter"
    assert names <= set(PARAMS), names - set(PARAMS)


def may_open(name: str) -> set[str]:
    """Service requests belong to no team: every case worker may open one."""
    return SEE_THE_CASE | {"other_handler"} if name in OPEN_TO_CASEWORK else SEE_THE_CASE


def forms_of(name: str, world) -> list[str]:
    value = getattr(world, PARAMS[name])
    return reference_forms(value) if name == "reference" else id_forms(value)


@pytest.mark.parametrize("operation", with_path_records())
def test_another_teams_record_is_never_reached(operation, world, people):
    method, path = operation.split(" ", 1)
    names = re.findall(r"{(\w+)}", path)
    body = bodies(world).get(operation, {})
    clients = {role: api_client(role, world, people) for role in STAFF_ROLES}
    for client in clients.values():
        client.raise_request_exception = False  # a server error is a finding, not a crash
    before = rows()
    problems, asked = [], 0
    for role, client in clients.items():
        for name in names:
            # Those who may open the record are asked only in the other forms.
            forms = forms_of(name, world)[role in may_open(name) :]
            for form in forms:
                url = path.replace(f"{{{name}}}", form)
                for other in set(names) - {name}:
                    url = url.replace(f"{{{other}}}", str(getattr(world, PARAMS[other])))
                if method == "GET":
                    response = client.get(url)
                else:
                    response = client.post(url, body, content_type="application/json")
                asked += 1
                problems += judge(role, url, response, canonical=form == forms_of(name, world)[0])
                shown = [s for s in leaks(response, world) if s not in url]
                problems += [f"{role} {url}: shows {s!r}" for s in shown]
    print(f"{operation}: {asked} requests")
    assert not problems, f"{operation}:\n" + "\n".join(problems)
    assert rows() == before, f"{operation}: a refused request wrote to the database"


def judge(role: str, url: str, response, *, canonical: bool) -> list[str]:
    code = response.status_code
    if code >= 500:
        return [f"{role} {url}: {code}"]
    if not canonical and code != 404:
        return [f"{role} {url}: a non-canonical form gave {code}, not 404"]
    if canonical and 200 <= code < 300:
        return [f"{role} {url}: another team's record gave {code}"]
    return []
