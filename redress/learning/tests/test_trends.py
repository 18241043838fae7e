"""Trends on a known set: volumes and the early warning, repeat complainants, hotspots and
contractors, with exact counts; and the page shows figures only."""

from __future__ import annotations

import pytest

from redress.administration import deployment
from redress.learning import selectors

from .conftest import TODAY, complaint, month, resident, stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(contractors_known):
    ace, bodge = contractors_known
    ra = resident("Philomena Quagmire", "LS1 4AP", "Aire House", "Hyde Park")
    rb = resident("Barnabus Crumhorn", "ls14ap", "Aire House", "Hyde Park")
    rc = resident("Ottoline Featherstonehaugh", "LS12 3AB", "Calder House", "Seacroft")
    rd = resident("Gargoyle Smith", "X1")
    owners = {0: ra, 1: ra, 2: ra, 3: ra, 4: rb, 5: rb, 6: rc}
    # Repairs: one a month for the trailing twelve, then four (p = 0.0301: flagged).
    for i in range(12):
        complaint(month(i), "Repairs", resident=owners.get(i))
    for n in range(4):
        complaint(month(12, 2 + n), "Repairs", resident=rd if n == 0 else None)
    # Damp and mould: one a month, then three (p = 0.1033: not flagged).
    for i in range(12):
        complaint(month(i), "Damp and mould")
    for n in range(3):
        complaint(month(12, 2 + n), "Damp and mould")
    # Outside the thirteen months: not counted.
    complaint(month(-1), "Repairs")
    complaint(TODAY, "Repairs")
    complaint(month(12), "Zanzibar boiler saga")
    complaint(month(12))

    # Contractors: Ace has five in the period, two upheld against it.
    both = complaint(month(7), "Contractors", contractor=ace)
    stage(both, 1, ["upheld", "upheld"])
    second = complaint(month(7), "Contractors", contractor=ace)
    stage(second, 1, ["not_upheld"])
    stage(second, 2, ["partly_upheld"])
    complaint(month(7), "Contractors", contractor=ace)  # not answered yet
    stage(complaint(month(8), "Contractors", contractor=ace), 1, ["not_upheld"])
    stage(complaint(month(8), "Contractors", contractor=ace), 1, ["upheld"], responded=False)
    stage(complaint(month(9), "Contractors", contractor=bodge), 1, ["partly_upheld"])
    stage(complaint(month(0), "Contractors", contractor=bodge), 1, ["upheld"])  # before


def test_volumes_and_the_early_warning(known):
    found = selectors.trends(TODAY)
    assert found["latest"].isoformat() == "2026-10-01"
    assert found["months"][0].isoformat() == "2025-10-01"
    rows = {row["label"]: row for row in found["volumes"]}
    assert rows["Repairs"]["counts"] == [1] * 12 + [4]
    assert rows["Repairs"]["rise"].flagged
    assert rows["Repairs"]["rise"].p_value == pytest.approx(0.030107, abs=1e-6)
    assert rows["Damp and mould"]["counts"] == [1] * 12 + [3]
    assert not rows["Damp and mould"]["rise"].flagged
    assert rows["Lettings"]["counts"] == [0] * 13 and not rows["Lettings"]["rise"].flagged
    assert rows["Not in the landlord's category list"]["counts"][-1] == 1
    assert rows["No category recorded"]["counts"][-1] == 1
    assert rows["Contractors"]["counts"] == [1, 0, 0, 0, 0, 0, 0, 3, 2, 1, 0, 0, 0]


def test_repeat_complainants_hotspots_and_contractors(known):
    found = selectors.trends(TODAY)
    assert (found["first"].isoformat(), found["last"].isoformat()) == ("2025-11-01", "2026-10-31")
    # Philomena has three in the period (her October 2025 one is before it), Barnabus two.
    assert found["repeat"]["residents"] == 2
    assert found["repeat"]["complaints"] == 5
    assert [b["residents"] for b in found["repeat"]["bands"]] == [1, 1, 0, 0]
    spots = found["hotspots"]
    assert spots["districts"] == [{"label": "LS1", "count": 5}, {"label": "LS12", "count": 1}]
    assert spots["blocks"] == [
        {"label": "Aire House", "count": 5},
        {"label": "Calder House", "count": 1},
    ]
    assert spots["estates"] == [
        {"label": "Hyde Park", "count": 5},
        {"label": "Seacroft", "count": 1},
    ]
    assert found["contractors"] == [
        {"label": "Ace Repairs", "complaints": 5, "upheld": 2, "rate": "40.0%"},
        {"label": "Bodge Ltd", "complaints": 1, "upheld": 1, "rate": "100.0%"},
    ]


@pytest.mark.parametrize("role", ["MRC", "governing body", "senior lead", "handler"])
def test_the_page_shows_figures_only(client, make_staff, monkeypatch, known, role):
    monkeypatch.setattr(deployment, "today", lambda: TODAY)
    client.force_login(make_staff("someone", role))
    response = client.get("/learning/trends/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Significant rise" in page and "p &lt; 0.05" in page
    assert "Ace Repairs" in page and "Aire House" in page and "LS12" in page
    assert ('href="/learning/"' in page) == (role in ("senior lead", "handler"))
    for secret in (
        "Philomena",
        "Quagmire",
        "Crumhorn",
        "Featherstonehaugh",
        "Gargoyle",
        "Wisteria",
        "ZQX-",
        "Zanzibar",
        "LS1 4AP",
        "ls14ap",
    ):
        assert secret not in page


def test_people_without_a_role_are_turned_away(client, make_staff):
    client.force_login(make_staff("someone", "administrator"))
    assert client.get("/learning/trends/").status_code == 403
    client.logout()
    assert client.get("/learning/trends/").status_code == 302
