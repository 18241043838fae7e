"""The staff work queue page and staff sign-in."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases import services
from redress.cases.models import Complaint
from redress.code.london import LONDON
from redress.conftest import TOTP_SECRET
from redress.intake.services import create_resident
from redress.staff.mfa import current_code

from .factories import TODAY, by_letter, same_team

pytestmark = pytest.mark.django_db


def complaint(actor, received: dt.date, name: str = "Ada Jones", handler=None, **fields):
    """A complaint received on `received` (its due date follows), its reference."""
    resident = create_resident(actor=actor, name=name)
    case = services.open_complaint(
        actor=actor,
        resident=resident,
        summary="Damp",
        received_at=dt.datetime.combine(received, dt.time(10), tzinfo=LONDON),
        **fields,
    )
    if handler is not None:  # set-up, as the system: assigning is the officer's
        services.assign(case.reference, actor=None, handler_id=handler.pk)
    return case.reference


@pytest.fixture
def signed_in(client, make_staff):
    user = make_staff("hana", "handler")
    client.force_login(user)
    return client, user


def test_sign_in_page_and_login_required(client, make_staff):
    assert client.get("/").status_code == 200
    response = client.get("/cases/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and b"Sign in" in page.content
    signup = client.get("/accounts/signup/")  # staff accounts are made, never signed up for
    assert "account/signup_closed.html" in [t.name for t in signup.templates]
    make_staff("sam", "handler")
    response = client.post("/accounts/login/", {"login": "sam", "password": "wrong"})
    assert response.status_code == 200 and b"govuk-error-summary" in response.content
    response = client.post("/accounts/login/", {"login": "sam", "password": "x"})
    assert response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(TOTP_SECRET)})
    assert response.status_code == 302 and response.url == "/cases/"


@pytest.mark.today(dt.date(2026, 12, 5))
def test_a_case_due_before_a_day_off_is_overdue_on_it_not_due_today(signed_in):
    """Due Friday 4 December, seen on Saturday 5: the row agrees with the Overdue tab."""
    client, me = signed_in
    complaint(me, dt.date(2026, 11, 27), "Ada Friday", handler=me)
    page = client.get("/cases/").content.decode()
    assert "Ada Friday" in page
    assert "Due today</strong>" not in page
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert "Overdue (1)" in page


@pytest.mark.today(TODAY)
def test_queue_orders_overdue_first_and_counts_buckets(signed_in, make_staff):
    client, me = signed_in
    other = make_staff("olu", "handler")
    # Received Thu 1 Oct 2026: acknowledge by Thu 8 Oct, long overdue on TODAY (24 Nov);
    # received Mon 23 Nov: acknowledge by Mon 30 Nov, not yet due.
    late = complaint(me, dt.date(2026, 10, 1), "Ada Late", handler=me)
    fresh = complaint(me, dt.date(2026, 11, 23), "Ben Fresh", handler=me)
    theirs = complaint(me, dt.date(2026, 11, 20), "Cy Theirs", handler=other)

    page = client.get("/cases/").content.decode()
    assert page.index(late) < page.index(fresh)
    assert theirs not in page
    assert "Overdue by" in page
    assert "Overdue (1)" in page and "All open (2)" in page

    # A handler sees a colleague's cases only once they share a team.
    everyone = client.get("/cases/?scope=all").content.decode()
    assert theirs not in everyone and "All open (2)" in everyone
    assert client.get(f"/cases/{theirs}/").status_code == 404
    same_team(me, other)
    team = client.get("/cases/?scope=team").content.decode()
    assert "My team&#x27;s cases</h1>" in team
    assert theirs in team and late in team and "All open (3)" in team
    everyone = client.get("/cases/?scope=all").content.decode()
    assert theirs in everyone and "All open (3)" in everyone
    assert client.get(f"/cases/{theirs}/").status_code == 200

    overdue = client.get("/cases/?scope=all&due=overdue").content.decode()
    assert late in overdue and fresh not in overdue
    assert client.get("/cases/?scope=all&stage=2").content.decode().count("CMP-") == 0


def test_non_staff_are_refused(client, django_user_model):
    resident_user = django_user_model.objects.create_user("res", password="x")
    client.force_login(resident_user)
    assert client.get("/cases/").status_code == 403


def test_brand_colours_are_a_stylesheet(client, settings):
    settings.REDRESS_BRAND = {"brand": "#123456", "brand_text": "#fff", "accent": "#abcdef"}
    response = client.get("/brand.css")
    assert response["Content-Type"].startswith("text/css")
    assert b"--redress-brand:#123456" in response.content


def test_queue_filters_by_channel_category_and_handler(client, make_staff):
    officer = make_staff("olive", "complaints officer")
    hana = make_staff("hana", "handler")
    resident = create_resident(actor=officer, name="Ada")
    phoned = services.open_complaint(
        actor=officer, resident=resident, summary="Damp", channel="phone", category="Repairs"
    ).reference
    emailed = services.open_complaint(
        actor=officer,
        resident=resident,
        summary="Noise",
        channel="email",
        category="Anti-social behaviour",
    ).reference
    services.assign(emailed, actor=officer, handler_id=hana.pk)
    client.force_login(officer)

    def shown(query):
        page = client.get(f"/cases/?scope=all&{query}").content.decode()
        return {ref for ref in (phoned, emailed) if ref in page}

    assert shown("") == {phoned, emailed}
    assert shown("channel=phone") == {phoned}
    assert shown("category=Anti-social+behaviour") == {emailed}
    assert shown(f"handler={hana.pk}") == {emailed}
    assert shown("channel=pigeon") == {phoned, emailed}  # unknown values are ignored


def test_bulk_assignment_is_all_or_nothing_and_for_the_officer_only(client, make_staff):
    officer = make_staff("olive", "complaints officer")
    first, second = make_staff("hana", "handler"), make_staff("olu", "handler")
    resident = create_resident(actor=officer, name="Ada")
    refs = [
        services.open_complaint(actor=officer, resident=resident, summary=s).reference
        for s in ("Damp", "Noise")
    ]
    # The second reaches stage 2 with `first` as its stage 1 handler.
    services.accept(refs[1], actor=officer)
    services.acknowledge(
        refs[1],
        actor=first,
        points=["Noise"],
        outcomes_sought=["Stop it"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    services.respond(
        refs[1],
        actor=first,
        decisions=[{"point": "Noise", "decision": "upheld"}],
        reasons="Noted",
        communication=by_letter(),
    )
    services.escalate(refs[1], actor=officer)

    client.force_login(first)
    denied = client.post("/cases/assign/", {"reference": refs, "handler": second.pk})
    assert denied.status_code == 403

    client.force_login(officer)
    refused = client.post(
        "/cases/assign/", {"reference": refs, "handler": first.pk, "back": "/cases/?scope=all"}
    )
    assert refused.status_code == 422
    assert "6.13" in refused.content.decode()
    assert Complaint.objects.get(reference=refs[0]).handler is None  # nothing written

    done = client.post(
        "/cases/assign/", {"reference": refs, "handler": second.pk, "back": "/cases/?scope=all"}
    )
    assert done.status_code == 303 and done.url == "/cases/?scope=all"
    assert set(Complaint.objects.filter(reference__in=refs).values_list("handler", flat=True)) == {
        second.pk
    }
    assert client.post("/cases/assign/", {"handler": second.pk}).status_code == 422


def test_bulk_assignment_refuses_a_handler_stage_1_had_for_a_moment(client, make_staff):
    """Issue 17: `first` was given stage 1 and had it moved to `second`, who answered."""
    officer = make_staff("olive", "complaints officer")
    first, second = make_staff("hana", "handler"), make_staff("olu", "handler")
    ref = complaint(officer, dt.date(2026, 11, 2), "Ada", handler=first)
    on = [dt.datetime(2026, 11, day, 10, tzinfo=LONDON) for day in (3, 4, 5, 9)]
    services.assign(ref, actor=officer, handler_id=second.pk, occurred_at=on[0])
    services.accept(ref, actor=officer, occurred_at=on[0])
    services.acknowledge(
        ref,
        actor=second,
        points=["Damp"],
        outcomes_sought=["Fix"],
        responsible_for_all=True,
        communication=by_letter(on[1]),
    )
    services.respond(
        ref,
        actor=second,
        decisions=[{"point": "Damp", "decision": "upheld"}],
        reasons="Missed",
        communication=by_letter(on[2]),
    )
    services.escalate(ref, actor=officer, occurred_at=on[3])
    client.force_login(officer)
    refused = client.post("/cases/assign/", {"reference": [ref], "handler": first.pk})
    assert refused.status_code == 422
    assert f"{ref}: Hana considered the complaint at stage 1" in refused.content.decode()
    assert "(Code provision 6.13)" in refused.content.decode()
    assert Complaint.objects.get(reference=ref).handler is None


def test_tab_counts_stop_at_the_cap(signed_in, monkeypatch):
    from redress.cases import selectors

    client, me = signed_in
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    for day in (1, 2, 5):
        complaint(me, dt.date(2026, 10, day), f"Resident {day}", handler=me)
    page = client.get("/cases/").content.decode()
    assert "All open (2+)" in page and "Overdue (2+)" in page
    assert page.count("Overdue by") == 3  # the list itself is not capped


def test_selected_filters_show_as_tags_that_each_remove_one(signed_in):
    client, _ = signed_in
    page = client.get("/cases/?scope=all&stage=2&channel=email").content.decode()
    assert 'id="selected-filters"' in page
    assert "Remove this filter</span> Stage 2" in page
    assert "Remove this filter</span> Email" in page
    assert 'href="?scope=all&amp;due=any&amp;stage=&amp;channel=email' in page  # drops stage only
    assert 'href="?scope=all&amp;due=any&amp;stage=&amp;channel=&amp;category=&amp;handler=' in page
    assert 'id="selected-filters"' not in client.get("/cases/?scope=all").content.decode()


# "²" is a digit to str.isdigit() but not to int(), and 23 digits are past the database's
# integers: each was a server error.
@pytest.mark.parametrize("page", ["%C2%B2", "99999999999999999999999", "20001", "0", "-1", "two"])
def test_a_page_number_that_is_not_one_is_a_400_naming_it(signed_in, page):
    client, _ = signed_in
    client.raise_request_exception = False
    response = client.get(f"/cases/?scope=all&page={page}")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">There is a problem with the page address</h1>' in html
    assert "Page must be a whole number from 1 to 20,000" in html and "<code>page</code>" in html
    assert 'href="/cases/"' in html


def test_the_pages_go_as_deep_as_the_api(signed_in):
    client, _ = signed_in
    for page in ("", "1", "20000"):
        assert client.get(f"/cases/?page={page}").status_code == 200, page


@pytest.mark.parametrize("handler", ["²", "12345678901234567890123", "", "-1"])
def test_bulk_assignment_to_a_handler_that_is_not_an_id_is_refused(client, make_staff, handler):
    officer = make_staff("olive", "complaints officer")
    resident = create_resident(actor=officer, name="Ada")
    ref = services.open_complaint(actor=officer, resident=resident, summary="Damp").reference
    client.force_login(officer)
    client.raise_request_exception = False
    response = client.post(
        "/cases/assign/", {"reference": [ref], "handler": handler, "back": "/cases/?scope=all"}
    )
    assert response.status_code == 422
    assert "Select the handler to assign them to" in response.content.decode()
    assert Complaint.objects.get(reference=ref).handler is None
