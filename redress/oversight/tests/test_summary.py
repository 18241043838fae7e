"""The summary page's figures for the known set (see conftest.py), table by table."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from redress.cases.tests.measures_oracle import count_measures_from_db
from redress.cli import main
from redress.code.tsm import ReportingYear, measures
from redress.oversight import selectors

pytestmark = pytest.mark.django_db

URL = "/oversight/"


class _Tables(HTMLParser):
    """Each table's rows (by table id) as lists of cell texts, header cells included."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


@pytest.fixture
def mrc(client, make_staff):
    client.force_login(make_staff("morwenna", "MRC"))
    return client


def page(client, query: str = "") -> tuple[str, dict]:
    response = client.get(URL + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html, tables(html)


def test_the_known_set_table_by_table(known_set, mrc):
    html, found = page(mrc)
    assert "Complaint handling 2026/27" in html

    received = {row[0]: row[1:] for row in found["received"][1:]}
    assert len(received) == 13  # twelve months and the year
    assert received["October 2026"] == ["6", "1", "2"]
    assert received["November 2026"] == ["1", "0", "0"]
    assert received["April 2026"] == ["0", "0", "0"]
    assert received["Year"] == ["7", "1", "2"]

    assert found["open"][0][1:] == [
        "0 to 7 days",
        "8 to 21 days",
        "22 to 35 days",
        "36 to 56 days",
        "57 days or more",
        "Open",
        "Overdue",
    ]
    assert found["open"][1] == ["Stage 1", "1", "0", "0", "1", "0", "2", "1"]
    assert found["open"][2] == ["Stage 2", "0", "0", "1", "0", "0", "1", "1"]

    assert found["timeliness"][1] == ["Stage 1", "4", "3 (75.0%)", "3 (75.0%)", "1"]
    assert found["timeliness"][2] == ["Stage 2", "1", "1 (100.0%)", "1 (100.0%)", "0"]

    assert found["decisions"][0][1:] == ["Upheld", "Partly upheld", "Not upheld", "Points decided"]
    assert found["decisions"][1] == ["Stage 1", "2", "1", "1", "4"]
    assert found["decisions"][2] == ["Stage 2", "1", "0", "0", "1"]

    assert dict(found["refusals"][1:]) == {
        "Issue more than 12 months old": "0",
        "Legal proceedings filed": "1",
        "Previously considered under the policy": "0",
        "Another reason": "0",
    }
    categories = dict(found["categories"][1:])
    assert categories["Repairs"] == "2"
    assert categories["Communal areas"] == "2"
    assert categories["Staff conduct"] == "1"
    assert categories["Anti-social behaviour"] == "0"
    assert categories["Not in the landlord's category list"] == "1"
    assert categories["No category recorded"] == "1"

    assert [row[1] for row in found["tsm"][1:]] == ["6.0", "2.0", "75.0%", "100.0%"]


def test_the_year_switch(known_set, mrc):
    html, _ = page(mrc)
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', html)
    assert options == [("2026", " selected", "2026/27"), ("2025", "", "2025/26")]

    html, found = page(mrc, "?year=2025")
    assert "Complaint handling 2025/26" in html
    assert '<option value="2025" selected>' in html
    received = {row[0]: row[1:] for row in found["received"][1:]}
    assert received["June 2025"] == ["1", "1", "0"]
    assert received["Year"] == ["1", "1", "0"]
    assert dict(found["refusals"][1:])["Previously considered under the policy"] == "1"
    assert found["timeliness"][1] == ["Stage 1", "0", "0 (not available)", "0 (not available)", "0"]
    assert [row[1] for row in found["tsm"][1:]] == ["0.0", "0.0", "not available", "not available"]
    # Open now is about today, whatever the year.
    assert found["open"][1][-2:] == ["2", "1"]


@pytest.mark.parametrize("asked", ["2019", "twenty", "-1", "", "%C2%B2", "9" * 25])
def test_a_year_without_complaints_or_not_a_year_shows_the_current_one(known_set, mrc, asked):
    html, _ = page(mrc, f"?year={asked}")
    assert "Complaint handling 2026/27" in html


@pytest.mark.parametrize("year", [2026, 2025])
def test_the_measures_are_those_redress_tsm_prints(known_set, mrc, capsys, settings, year):
    settings.REDRESS_HOMES = 350
    assert main(["tsm", "--from-db", "--year", str(year), "--homes", "350"]) == 0
    printed = json.loads(capsys.readouterr().out)
    reporting_year = ReportingYear(year)
    assert printed == measures(reporting_year, 350, count_measures_from_db(reporting_year))
    assert printed == selectors.tenant_satisfaction_measures(
        reporting_year,
        selectors.received_by_month(reporting_year),
        selectors.timeliness(reporting_year),
    )
    _, found = page(mrc, f"?year={year}")
    shown = [row[1] for row in found["tsm"][1:]]
    expected = [
        printed["CH01_stage1_per_1000"],
        printed["CH01_stage2_per_1000"],
        printed["CH02_stage1_percent"],
        printed["CH02_stage2_percent"],
    ]
    assert shown == [
        "not available" if value is None else f"{value}{'%' if i > 1 else ''}"
        for i, value in enumerate(expected)
    ]


def test_no_homes_shows_the_rates_as_not_available(known_set, mrc, settings):
    settings.REDRESS_HOMES = 0
    _, found = page(mrc)
    assert [row[1] for row in found["tsm"][1:]] == [
        "not available",
        "not available",
        "75.0%",
        "100.0%",
    ]


@pytest.mark.parametrize("query", ["", "?year=2025"])
def test_no_personal_detail_reference_or_free_text_appears(known_set, mrc, query):
    html, _ = page(mrc, query)
    shown = [text for text in known_set.secrets + known_set.references if text in html]
    assert shown == []
    assert len(known_set.references) == 8


def test_the_measures_split_by_tenure_add_up_and_match_the_cli(known_set, mrc, capsys, settings):
    from redress.intake.models import Resident

    year = ReportingYear(2026)
    for resident in Resident.objects.all():
        resident.tenure = "lcra" if resident.pk % 2 else "lcho"
        resident.save()
    whole = selectors.measure_counts(year)
    parts = [selectors.measure_counts(year, tenure=t) for t in ("lcra", "lcho")]
    for field in ("stage1_received", "stage2_received", "stage1_responded", "stage2_responded"):
        assert getattr(whole, field) == sum(getattr(p, field) for p in parts), field
    assert parts[0].stage1_received and parts[1].stage1_received  # both kinds are present

    assert main(["tsm", "--from-db", "--year", "2026", "--homes", "40", "--tenure", "lcho"]) == 0
    assert json.loads(capsys.readouterr().out) == measures(year, 40, parts[1])

    _, found = page(mrc, "?year=2026")
    assert "tsm-lcra" not in found  # no split until both kinds of homes are counted
    settings.REDRESS_HOMES_LCRA, settings.REDRESS_HOMES_LCHO = 300, 40
    _, found = page(mrc, "?year=2026")
    assert found["tsm-lcho"][0][1] == str(measures(year, 40, parts[1])["CH01_stage1_per_1000"])


def test_tenure_needs_the_database(capsys):
    with pytest.raises(SystemExit):
        main(["tsm", "x.csv", "--year", "2026", "--homes", "4", "--tenure", "lcra"])


@pytest.mark.parametrize("year", [2026])
def test_complaints_under_two_regimes_are_each_judged_by_their_own(known_set, year):
    """Timeliness reads the regime from the complaint only when several are in use; then
    each complaint's stages are judged by its own regime's timescales, as the one-by-one
    count does. The Scottish model's shorter stage 1 makes some on-time answers late."""
    from redress.cases.models import Complaint

    reporting_year = ReportingYear(year)
    before = selectors.measure_counts(reporting_year)
    ids = list(Complaint.objects.order_by("pk").values_list("pk", flat=True))
    Complaint.objects.filter(pk__in=ids[::2]).update(regime="spso-model")
    after = selectors.measure_counts(reporting_year)
    assert after == count_measures_from_db(reporting_year)
    assert after.stage1_within_timescales < before.stage1_within_timescales
