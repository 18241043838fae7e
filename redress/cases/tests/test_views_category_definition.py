"""On the case page: the category chosen at triage and changed later, the definition's
fields as the acknowledgement letter needs them, amended with before and after, and
stage 2's definition starting from stage 1's."""

from __future__ import annotations

import html as html_lib

import pytest

from redress.cases import services
from redress.cases.models import Category, Complaint
from redress.code.letters import LetterKind, required_words
from redress.record.models import Event

from .factories import TODAY, by_letter
from .test_views_case import command_url, event_count, field_error, open_case, page_url

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.fixture
def officer(make_staff, client):
    """The complaints officer, signed in on `client`."""
    user = make_staff("olive", "complaints officer")
    client.force_login(user)
    return user


def timeline(html: str) -> str:
    return html_lib.unescape(html[html.index('id="timeline"') :])


def define(complaint, actor, **changes):
    return services.acknowledge(
        complaint.reference,
        actor=actor,
        **{"points": ["Damp"], "outcomes_sought": ["Fix"], "responsible_for_all": True, **changes},
        communication=by_letter(),
    )


def test_triage_chooses_the_category_on_accepting(client, officer):
    complaint = open_case(officer)
    damp = Category.objects.get(name="Damp and mould")
    page = client.get(page_url(complaint)).content.decode()
    assert '<select class="govuk-select" id="id_accept-category"' in page
    response = client.post(command_url(complaint, "accept"), {"accept-category": str(damp.pk)})
    assert response.status_code == 303
    complaint.refresh_from_db()
    assert complaint.category == damp


def test_the_category_is_changed_with_its_before_and_after_on_the_timeline(client, officer):
    complaint = open_case(officer)
    services.set_category(complaint.reference, actor=officer, category="Repairs")
    staff = Category.objects.get(name="Staff conduct")
    # Only the landlord's active categories are offered, the complaint's own chosen.
    Category.objects.filter(name="Lettings").update(active=False)
    page = client.get(page_url(complaint)).content.decode()
    repairs = Category.objects.get(name="Repairs").pk
    assert f'<option value="{repairs}" selected>Repairs</option>' in page
    assert ">Lettings</option>" not in page
    response = client.post(
        command_url(complaint, "set_category"), {"set_category-category": str(staff.pk)}
    )
    assert response.status_code == 303
    page = client.get(page_url(complaint)).content.decode()
    assert '<dd class="govuk-summary-list__value" id="category">Staff conduct</dd>' in page
    shown = timeline(page)
    assert "Category changed" in shown
    assert "Before: Repairs" in shown and "After: Staff conduct" in shown


def test_choosing_no_category_is_422_and_writes_nothing(client, officer):
    complaint = open_case(officer)
    before = event_count(complaint)
    response = client.post(command_url(complaint, "set_category"), {})
    assert response.status_code == 422
    assert "Choose a category" in field_error(response.content.decode(), "id_set_category-category")
    assert event_count(complaint) == before


def test_the_definition_fields_say_what_the_letter_needs(client, officer):
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    page = html_lib.unescape(client.get(page_url(complaint)).content.decode())
    for key in ("definition.points", "definition.outcomes_sought", "definition.responsibility"):
        assert required_words(LetterKind.ACKNOWLEDGEMENT, key) in page
    assert "what we are responsible for, and what we are not (or that we are for all of it)" in page

    before = event_count(complaint)
    response = client.post(
        command_url(complaint, "acknowledge"),
        {
            "acknowledge-points": "Damp",
            "acknowledge-outcomes_sought": "Fix",
            "acknowledge-responsibility": "some",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter what we are responsible for" in field_error(
        html, "id_acknowledge-responsible_for"
    )
    assert "Enter what we are not responsible for" in field_error(
        html, "id_acknowledge-not_responsible_for"
    )
    response = client.post(
        command_url(complaint, "acknowledge"),
        {"acknowledge-points": "Damp", "acknowledge-outcomes_sought": "Fix"},
    )
    assert response.status_code == 422
    assert "Select whether we are responsible for all of it" in response.content.decode()
    assert event_count(complaint) == before


def test_the_definition_is_amended_with_before_and_after(client, officer):
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    define(complaint, officer)
    page = client.get(page_url(complaint)).content.decode()
    # The amend form starts from the definition as it is.
    assert 'name="amend_definition-points"' in page
    assert ">Damp</textarea>" in page
    response = client.post(
        command_url(complaint, "amend_definition"),
        {
            "amend_definition-points": "Damp\nMould in the hall",
            "amend_definition-outcomes_sought": "Fix",
            "amend_definition-responsibility": "some",
            "amend_definition-responsible_for": "The repair",
            "amend_definition-not_responsible_for": "The neighbour's leak",
        },
    )
    assert response.status_code == 303
    stage = Complaint.objects.get(pk=complaint.pk).stages.get(number=1)
    assert stage.definition["points"] == ["Damp", "Mould in the hall"]
    event = Event.objects.filter(action="definition_amended").get()
    assert event.payload["before"]["points"] == ["Damp"]
    shown = timeline(client.get(page_url(complaint)).content.decode())
    assert "Complaint definition amended" in shown
    assert "Before: Points: Damp. Outcomes sought: Fix. Responsible for: all of it." in shown
    assert (
        "After: Points: Damp; Mould in the hall. Outcomes sought: Fix. Responsible for: "
        "The repair. Not responsible for: The neighbour's leak." in shown
    )


def test_no_amending_once_answered(client, officer):
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    define(complaint, officer)
    services.respond(
        complaint.reference,
        actor=officer,
        decisions=[{"point": "Damp", "decision": "upheld"}],
        reasons="Missed",
        communication=by_letter(),
    )
    assert 'id="action-amend_definition"' not in client.get(page_url(complaint)).content.decode()
    response = client.post(
        command_url(complaint, "amend_definition"),
        {
            "amend_definition-points": "Other",
            "amend_definition-outcomes_sought": "Fix",
            "amend_definition-responsibility": "all",
        },
    )
    assert response.status_code == 409
    assert "Stage 1 has been answered" in response.content.decode()


def test_stage_2_starts_from_stage_1s_definition(client, officer, make_staff):
    complaint = open_case(officer)
    services.accept(complaint.reference, actor=officer)
    define(
        complaint,
        officer,
        points=["Damp", "Late reply"],
        responsible_for_all=False,
        responsible_for=["The repair"],
        not_responsible_for=["The neighbour's leak"],
    )
    services.respond(
        complaint.reference,
        actor=officer,
        decisions=[
            {"point": "Damp", "decision": "upheld"},
            {"point": "Late reply", "decision": "not_upheld"},
        ],
        reasons="Missed",
        communication=by_letter(),
    )
    services.escalate(complaint.reference, actor=officer)
    client.force_login(make_staff("hamid", "handler"))
    page = client.get(page_url(complaint)).content.decode()
    form = page[page.index('id="action-acknowledge"') :]
    form = html_lib.unescape(form[: form.index("</form>")])
    assert ">Damp\nLate reply</textarea>" in form
    assert ">Fix</textarea>" in form
    assert ">The repair</textarea>" in form and ">The neighbour's leak</textarea>" in form
    assert 'value="some" checked' in form
