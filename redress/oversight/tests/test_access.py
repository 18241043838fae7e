"""Who may see the oversight page: the oversight roles; anonymous people sign in first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.staff import roles

pytestmark = pytest.mark.django_db

URL = "/oversight/"


def test_the_url_name_roles_send_people_to():
    assert reverse("oversight:summary") == URL


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/oversight/")


@pytest.mark.parametrize("role", [roles.HANDLER, roles.ADMINISTRATOR])
def test_people_without_an_oversight_role_are_refused(client, make_staff, role):
    client.force_login(make_staff("someone", role))
    assert client.get(URL).status_code == 403


def test_a_signed_in_person_with_no_role_is_refused(client, make_staff):
    client.force_login(make_staff("nobody"))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    "role",
    [roles.MRC, roles.GOVERNING_BODY, roles.SENIOR_LEAD, roles.COMPLAINTS_OFFICER, roles.MANAGER],
)
def test_oversight_roles_see_the_page(client, make_staff, role):
    client.force_login(make_staff("overseer", role))
    response = client.get(URL)
    assert response.status_code == 200
    assert "Complaint handling" in response.content.decode()
