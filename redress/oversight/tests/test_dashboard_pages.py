"""The dashboard page, its charts and downloads: access, dates, contents and the 9.7 record."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from redress.cases.models import Category, Complaint
from redress.oversight.dashboard import services as dashboard_services
from redress.record.models import Event
from redress.staff import roles

from .dashboard_set import the_dashboard_set  # noqa: F401
from .test_summary import tables

pytestmark = pytest.mark.django_db

URL = "/oversight/dashboard/"
QUERY = "?from=2026-04-20&to=2026-06-10"
SLUG = "2026-04-20-to-2026-06-10"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def mrc(client, make_staff):
    client.force_login(make_staff("morwenna", roles.MRC))
    return client


def test_anonymous_people_sign_in_first(client):
    for url in (URL, f"{URL}volumes.csv{QUERY}"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/oversight/dashboard/")


@pytest.mark.parametrize("role", [roles.HANDLER, roles.ADMINISTRATOR, None])
def test_people_without_an_oversight_role_are_refused(client, make_staff, role):
    client.force_login(make_staff("someone", *([role] if role else [])))
    for url in (URL, f"{URL}volumes.csv{QUERY}", f"{URL}volumes.svg{QUERY}"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "role",
    [roles.MRC, roles.GOVERNING_BODY, roles.SENIOR_LEAD, roles.COMPLAINTS_OFFICER, roles.MANAGER],
)
def test_oversight_roles_see_the_dashboard_and_its_menu_link(client, make_staff, role):
    client.force_login(make_staff("overseer", role))
    html = client.get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Complaints dashboard</h1>' in html
    assert f'href="{URL}" aria-current="page">Dashboard' in html
    assert 'aria-current="page">Oversight' not in html
    assert f'href="{URL}"' in client.get("/oversight/").content.decode()


def test_the_figures_against_the_previous_period(dashboard_set, mrc):
    response = mrc.get(URL + QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This period: 20 April 2026 to 10 June 2026 (52 days)" in html
    assert "Previous period: 27 February 2026 to 19 April 2026" in html
    found = tables(html)
    volumes = {row[0]: row[1:] for row in found["volumes"][1:]}
    assert volumes["Complaints received at stage 1"] == ["5", "3", "+2"]
    assert volumes["Stage 1 complaints accepted per 1,000 homes"] == ["2.00", "1.00", "+1.00"]
    timeliness = {row[0]: row[1:] for row in found["timeliness"][1:]}
    assert timeliness["Stage 1: working days late, in total"] == ["13", "1", "+12"]
    assert timeliness["Stage 1: responded to on time"] == ["1", "1", "0"]
    assert (
        timeliness["Stage 2: median working days late, of those answered late"]
        == ["not available"] * 3
    )
    remedies = {row[0]: row[1:] for row in found["remedies"][1:]}
    assert remedies["Amount offered (£)"] == ["£225.50", "£50.00", "+£175.50"]
    learning = {row[0]: row[1:] for row in found["learning"][1:]}
    assert learning["Lessons identified"] == ["1", "2", "-1"]
    assert found["volumes-by-month"][1] == ["April 2026 (20 to 30)", "1", "0", "0"]
    assert found["open"][1] == ["Stage 1", "0", "1", "0", "0", "0", "1", "0"]
    for name in ("volumes", "categories", "outcomes", "refusals", "ombudsman"):
        assert f'src="{URL}{name}.svg{QUERY.replace("&", "&amp;")}"' in html
        assert f'href="{URL}{name}.csv{QUERY.replace("&", "&amp;")}"' in html
        assert f'href="{URL}{name}.xlsx{QUERY.replace("&", "&amp;")}"' in html


def test_the_date_boxes_and_the_default_period(dashboard_set, mrc):
    boxes = "?from_day=20&from_month=4&from_year=2026&to_day=10&to_month=6&to_year=2026"
    assert "This period: 20 April 2026 to 10 June 2026" in mrc.get(URL + boxes).content.decode()
    # The reporting year to today (10 June 2026).
    html = mrc.get(URL).content.decode()
    assert "This period: 1 April 2026 to 10 June 2026 (71 days)" in html
    assert 'name="from_day" type="text" inputmode="numeric" value="1"' in html


@pytest.mark.parametrize(
    ("query", "href", "message"),
    [
        (
            "?from_day=31&from_month=2&from_year=2026&to_day=1&to_month=3&to_year=2026",
            "#id_from-day",
            "From must be a real date",
        ),
        (
            "?from_day=1&from_month=&from_year=2026&to_day=1&to_month=3&to_year=2026",
            "#id_from-day",
            "From must include a month",
        ),
        (
            "?from_day=2&from_month=3&from_year=2026&to_day=1&to_month=3&to_year=2026",
            "#id_to-day",
            "To must be the same as or after From",
        ),
        (
            "?from_day=1&from_month=1&from_year=1066&to_day=1&to_month=3&to_year=2026",
            "#id_from-day",
            "From must be a date from 1991 to 2100",
        ),
        ("?from=2026-13-01&to=2026-06-10", "#id_from-day", "From must be a real date"),
        # About a hundred years: once a server error (a column a month in one query).
        (
            "?from=1991-01-01&to=2099-01-01",
            "#id_to-day",
            "To must be less than 10 years after From",
        ),
        (
            "?from=2016-04-01&to=2026-04-01",
            "#id_to-day",
            "To must be less than 10 years after From",
        ),
    ],
)
def test_bad_dates_are_named_in_the_error_summary(mrc, query, href, message):
    response = mrc.get(URL + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and f'<a href="{href}">{message}</a>' in html
    assert "<title>Error: " in html
    assert 'class="govuk-table"' not in html
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "?from=2016-04-02&to=2026-04-01",
        "?from=1991-01-01&to=2000-12-31",
        "?from=2091-01-01&to=2100-12-31",
        "?from=2016-02-29&to=2026-02-28",
    ],
)
def test_a_period_just_under_ten_years_is_shown_even_at_the_calendar_ends(mrc, query):
    assert mrc.get(URL + query).status_code == 200
    assert mrc.get(f"{URL}timeliness.csv{query}").status_code == 200


def test_a_bad_period_on_a_file_link_is_not_found(mrc):
    assert mrc.get(f"{URL}volumes.csv?from=2026-06-10&to=2026-04-20").status_code == 404
    assert mrc.get(f"{URL}volumes.csv?from=1991-01-01&to=2099-01-01").status_code == 404
    assert mrc.get(f"{URL}nothing.csv{QUERY}").status_code == 404
    assert mrc.get(f"{URL}volumes.pdf{QUERY}").status_code == 404


def test_csv(dashboard_set, mrc):
    response = mrc.get(f"{URL}timeliness.csv{QUERY}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="complaints-timeliness-{SLUG}.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Stage and measure",
        "This period (20 April 2026 to 10 June 2026)",
        "Previous period (27 February 2026 to 19 April 2026)",
        "Change",
    ]
    found = {row[0]: row[1:] for row in rows[1:]}
    assert found["Stage 1: answered late"] == ["2", "1", "1"]
    assert found["Stage 1: median working days late, of those answered late"] == [
        "6.5",
        "1.0",
        "5.5",
    ]
    assert found["Stage 2: median working days late, of those answered late"] == ["", "", ""]


@pytest.fixture
def formula_category(dashboard_set):
    """A category name a spreadsheet would run, on a complaint in the period."""
    Category.objects.create(name='=HYPERLINK("http://evil")')
    Category.objects.create(name="-2+3")
    Complaint.objects.create(
        reference="DASH-Z",
        received_on=dt.date(2026, 5, 5),
        status="closed",
        category=Category.objects.get(name='=HYPERLINK("http://evil")'),
    )


def test_csv_cells_never_start_a_formula(formula_category, mrc):
    text = mrc.get(f"{URL}categories.csv{QUERY}").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    labels = [row[0] for row in rows]
    assert '\'=HYPERLINK("http://evil")' in labels and "'-2+3" in labels
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row[:1])
    found = {row[0]: row[1:] for row in rows}
    assert found["Repairs"] == ["3", "2", "1"]
    # A negative change stays a number.
    assert found["'-2+3"] == ["0", "0", "0"]


def test_excel(formula_category, mrc):
    response = mrc.get(f"{URL}categories.xlsx{QUERY}")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="complaints-categories-{SLUG}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "categories"
    assert sheet["A1"].value == "Complaints received, by category"
    assert [c.value for c in sheet[3]][:2] == [
        "Category",
        "This period (20 April 2026 to 10 June 2026)",
    ]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Repairs"] == (3, 2, 1)
    assert rows["Damp and mould"] == (1, 1, 0)
    formula = next(c for c in sheet["A"] if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"

    sheet = load_workbook(io.BytesIO(mrc.get(f"{URL}remedies.xlsx{QUERY}").content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Amount paid (£)"] == (200, 0, 200)


@pytest.mark.parametrize("name", ["volumes", "volumes-by-month", "open", "timeliness"])
def test_charts_are_svg_images_with_a_title(dashboard_set, mrc, name):
    response = mrc.get(f"{URL}{name}.svg{QUERY}")
    assert response["Content-Type"] == "image/svg+xml"
    assert "script-src" not in response["Content-Security-Policy"]
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    assert "Bar chart" in root.find(f"{SVG}desc").text
    assert response.content == mrc.get(f"{URL}{name}.svg{QUERY}").content  # deterministic
    assert b"<dc:date>" not in response.content
    assert b"GDS Transport" not in response.content


def test_nothing_personal_reaches_the_page_or_the_files(dashboard_set, mrc):
    secrets = ["Secret", "HOS-SECRET", "remedyowner", *dashboard_set]
    shown = [mrc.get(URL + QUERY).content.decode()]
    for name in ("volumes", "categories", "remedies", "ombudsman", "learning"):
        for kind in ("csv", "svg"):
            shown.append(mrc.get(f"{URL}{name}.{kind}{QUERY}").content.decode())
    assert [s for s in secrets for text in shown if s in text] == []


def received(user):
    return Event.objects.filter(subject_kind="oversight", action="report.received", actor=user)


@pytest.mark.parametrize("role", [roles.MRC, roles.GOVERNING_BODY])
def test_the_board_opening_the_dashboard_is_recorded_once_a_day(client, make_staff, role):
    person = make_staff("boardmember", role)
    client.force_login(person)
    client.get(URL + QUERY)
    client.get(URL + "?from=2026-01-01&to=2026-01-31")
    client.get(f"{URL}volumes.csv{QUERY}")
    [event] = received(person)
    assert event.subject_id == 0
    assert event.payload == {"report": "dashboard", "from": "2026-04-20", "to": "2026-06-10"}


def test_the_next_london_day_records_again(client, make_staff, monkeypatch):
    person = make_staff("boardmember", roles.MRC)
    client.force_login(person)
    first = dt.datetime(2026, 6, 10, 22, 30, tzinfo=dt.UTC)  # 23:30 in London, 10 June
    monkeypatch.setattr(dashboard_services.timezone, "now", lambda: first)
    client.get(URL + QUERY)
    client.get(URL + QUERY)
    assert received(person).count() == 1
    after_midnight = dt.datetime(2026, 6, 10, 23, 5, tzinfo=dt.UTC)  # 00:05 on 11 June
    monkeypatch.setattr(dashboard_services.timezone, "now", lambda: after_midnight)
    client.get(URL + QUERY)
    assert received(person).count() == 2


@pytest.mark.parametrize("role", [roles.COMPLAINTS_OFFICER, roles.SENIOR_LEAD, roles.MANAGER])
def test_other_oversight_roles_are_not_recorded(client, make_staff, role):
    client.force_login(make_staff("overseer", role))
    assert client.get(URL + QUERY).status_code == 200
    assert not Event.objects.filter(action="report.received").exists()
