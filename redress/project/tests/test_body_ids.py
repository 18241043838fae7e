"""A resident named in a request's body, not its path, is checked as the path ones are.

`require_visible_path` sees only the path, so a route that takes `resident_id` in its
body must check it itself: another team's handler naming a resident whose only case
they may not open gets a 404, and nothing is written. (Found while adding "Log a
contact": `POST /contacts` and `POST /complaints` took any resident's id.)
"""

from __future__ import annotations

import pytest

from .matrix_world import rows
from .test_permission_matrix import api_client, leaks

BODIES = {
    "/api/v1/contacts": {
        "channel": "phone",
        "classification": "complaint",
        "summary": "The gutter again",
    },
    "/api/v1/complaints": {"summary": "The gutter again", "channel": "phone"},
}


@pytest.mark.parametrize("path", BODIES)
def test_another_teams_resident_in_the_body_is_not_found(path, world, people):
    client = api_client("other_handler", world, people)
    before = rows()
    response = client.post(
        path, {**BODIES[path], "resident_id": world.resident}, content_type="application/json"
    )
    assert response.status_code == 404, response.content
    assert response.json()["error"]["field"] == "resident_id"
    assert not leaks(response, world)
    assert rows() == before


@pytest.mark.parametrize("path", BODIES)
def test_a_resident_the_handler_may_open_is_taken(path, world, people):
    """The refusal above is the check's, not the body's: the same body for the
    handler of the resident's case is accepted."""
    client = api_client("handler", world, people)
    response = client.post(
        path, {**BODIES[path], "resident_id": world.resident}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
