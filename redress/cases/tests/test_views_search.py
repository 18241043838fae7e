"""Staff search: by reference, name, address, postcode, email or phone."""

from __future__ import annotations

import pytest

from redress.cases import services
from redress.intake.services import create_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(make_staff):
    officer = make_staff("olive", "complaints officer")
    ada = create_resident(
        actor=officer,
        name="Ada Jones",
        address="12 Mill Lane, Leeds",
        postcode="LS6 2AB",
        email="ada@example.org",
        phone="07700 900123",
    )
    ben = create_resident(
        actor=officer,
        name="Ben Smith",
        postcode="M1 1AA",
        email="ben@example.org",
        phone="0161 496 0000",
    )
    first = services.open_complaint(actor=officer, resident=ada, summary="Damp").reference
    second = services.open_complaint(actor=officer, resident=ben, summary="Noise").reference
    return officer, first, second


@pytest.mark.parametrize(
    "query, finds",
    [
        ("ada jones", "first"),
        ("mill lane", "first"),
        ("ls6 2ab", "first"),
        ("BEN@example.org", "second"),
        ("07700900123", "first"),
        ("0161 496 0000", "second"),
    ],
)
def test_search_finds_by_each_detail(client, cases, query, finds):
    officer, first, second = cases
    client.force_login(officer)
    page = client.get("/cases/search/", {"q": query}).content.decode()
    wanted, other = (first, second) if finds == "first" else (second, first)
    assert wanted in page and other not in page
    assert "1 result" in page


def test_search_by_reference_and_nothing_found(client, cases):
    officer, first, second = cases
    client.force_login(officer)
    page = client.get("/cases/search/", {"q": first}).content.decode()
    assert first in page and "Stage 1 – received" in page
    assert "0 results" in client.get("/cases/search/", {"q": "nobody"}).content.decode()


def test_a_nul_in_the_search_is_a_400_naming_it(client, cases):
    # No stored text holds a NUL, and PostgreSQL will not compare one: it was a server error.
    client.force_login(cases[0])
    response = client.get("/cases/search/?q=ada%00")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The search cannot contain a NUL character" in html and "<code>q</code>" in html


def test_search_is_for_staff_only(client, cases, django_user_model):
    assert client.get("/cases/search/?q=ada").status_code == 302
    client.force_login(django_user_model.objects.create_user("resident", password="x"))
    assert client.get("/cases/search/?q=ada").status_code == 403
