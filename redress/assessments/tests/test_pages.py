"""The self-assessment pages: who opens them, what they show, and the forms' refusals."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from redress.assessments import services
from redress.assessments.models import Assessment, Stage
from redress.record.checks import today

from .conftest import SHORTFALL, answer_all, publish

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, *args) -> str:
    return reverse(f"assessments:{name}", args=args)


def test_who_opens_the_staff_pages(draft, make_staff):
    pages = [url("versions"), url("version", draft.pk), url("section", draft.pk, 6)]
    pages += [url("history", draft.pk), url("changes", draft.pk), url("word", draft.pk)]
    for role in ("complaints officer", "senior lead", "MRC", "governing body", "manager"):
        client = client_for(make_staff(role.replace(" ", ""), role))
        for page in pages:
            assert client.get(page).status_code == 200, (role, page)
    for role in ("handler", "administrator"):
        client = client_for(make_staff(role, role))
        for page in pages:
            assert client.get(page).status_code == 403, (role, page)
    assert Client().get(url("versions")).status_code == 302  # sign in first
    lead = client_for(make_staff("lead2", "senior lead"))
    assert lead.get(url("start")).status_code == 403  # the complaints officer starts one


def test_the_menu_links_the_self_assessment_for_oversight_roles(make_staff):
    mrc = client_for(make_staff("mrc", "MRC")).get(url("versions"))
    assert f'href="{url("versions")}"' in mrc.text
    handler = client_for(make_staff("harriet", "handler")).get(reverse("cases:work-queue"))
    assert f'href="{url("versions")}"' not in handler.text


def test_starting_a_version_from_the_form(drafter, drafted, year):
    client = client_for(drafter)
    assert client.get(url("start")).status_code == 200
    response = client.post(url("start"), {"year": year, "trigger": "merger", "trigger_note": ""})
    assert response.status_code == 422
    assert "#id_trigger_note" in response.text  # the error summary links to the box
    response = client.post(url("start"), {"year": year, "trigger": "annual"})
    assessment = Assessment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == url("version", assessment.pk)


def test_the_overview_shows_progress_and_flags(draft, drafter):
    services.save_answer(draft.pk, actor=drafter, number="6.13", comply="yes")
    page = client_for(drafter).get(url("version", draft.pk)).text
    assert "1 of 20 answered" in page
    assert "the records contradict yes on 6.13" in page
    assert "Check 1 flag" in page
    assert "Sign off and send for review" in page


def test_the_section_page_marks_drafted_evidence_and_warns_on_a_contradicted_yes(draft, drafter):
    client = client_for(drafter)
    page = client.get(url("section", draft.pk, 6)).text
    assert f"Drafted by Redress from the records for {draft.label}" in page
    assert 'name="use_drafted" value="6.13"' in page
    assert "govuk-warning-text" not in page
    services.save_answer(draft.pk, actor=drafter, number="6.13", comply="yes")
    page = client.get(url("section", draft.pk, 6)).text
    assert 'id="flag-6.13"' in page and SHORTFALL in page


def section_data(assessment, number: int, **changes) -> dict:
    data = {}
    for answer in assessment.answers.filter(number__startswith=f"{number}."):
        key = "p" + answer.number.replace(".", "_")
        data[f"{key}_comply"] = answer.comply
        data[f"{key}_evidence"] = answer.evidence
    return data | changes


def test_saving_a_section(draft, drafter):
    client = client_for(drafter)
    data = section_data(draft, 1, p1_2_comply="yes", p1_2_evidence="Policy, part 1")
    response = client.post(url("section", draft.pk, 1), data)
    assert response.status_code == 303
    assert draft.answers.get(number="1.2").evidence == "Policy, part 1"


def test_a_refused_answer_shows_on_its_field_and_keeps_the_input(draft, drafter):
    client = client_for(drafter)
    data = section_data(draft, 1, p1_2_comply="yes", p1_3_comply="no", p1_3_evidence="Nothing yet")
    response = client.post(url("section", draft.pk, 1), data)
    assert response.status_code == 422
    assert 'href="#id_p1_3_action"' in response.text
    assert "1.3: an answer of no needs the action you will take" in response.text
    assert "Nothing yet" in response.text
    assert draft.answers.get(number="1.2").comply == ""


def test_a_bad_due_date_is_refused_by_the_form(draft, drafter):
    data = section_data(draft, 1, p1_3_action_due_day="31", p1_3_action_due_month="2")
    data["p1_3_action_due_year"] = "2027"
    response = client_for(drafter).post(url("section", draft.pk, 1), data)
    assert response.status_code == 422
    assert 'href="#id_p1_3_action_due-day"' in response.text


def test_using_the_drafted_evidence_without_javascript(draft, drafter):
    data = section_data(draft, 6, use_drafted="6.13", p6_13_evidence="Our policy")
    response = client_for(drafter).post(url("section", draft.pk, 6), data)
    assert response.status_code == 303
    assert response["Location"].endswith("#provision-6.13")
    assert SHORTFALL in draft.answers.get(number="6.13").evidence


def test_sign_off_refusal_shows_on_the_overview(draft, drafter):
    response = client_for(drafter).post(url("sign-off", draft.pk))
    assert response.status_code == 409
    assert "Answer every provision first" in response.text


def test_others_see_the_form_but_cannot_change_it(draft, make_staff):
    mrc = client_for(make_staff("mrc", "MRC"))
    page = mrc.get(url("section", draft.pk, 1)).text
    assert "<textarea" not in page and "Only the complaints officer" in page
    response = mrc.post(url("section", draft.pk, 1), section_data(draft, 1, p1_2_comply="yes"))
    assert response.status_code == 403
    assert mrc.post(url("sign-off", draft.pk)).status_code == 403


def test_the_workflow_through_the_pages(draft, drafter, lead, year):
    answer_all(draft, drafter)
    officer, senior = client_for(drafter), client_for(lead)
    assert officer.post(url("sign-off", draft.pk)).status_code == 303
    assert "Review the self-assessment" in senior.get(url("version", draft.pk)).text
    response = senior.post(url("review", draft.pk), {"reason": ""})
    assert response.status_code == 422
    assert senior.post(url("review", draft.pk), {"reason": "Say more on 3.1"}).status_code == 303
    assert "Say more on 3.1" in officer.get(url("version", draft.pk)).text
    officer.post(url("sign-off", draft.pk))
    assert senior.post(url("accept", draft.pk)).status_code == 303
    tomorrow = today().toordinal() + 1
    future = today().fromordinal(tomorrow)
    response = senior.post(
        url("approval", draft.pk),
        {
            "approved_on_day": future.day,
            "approved_on_month": future.month,
            "approved_on_year": future.year,
            "minute_reference": "GB/1",
        },
    )
    assert response.status_code == 422 and "#id_approved_on-day" in response.text
    response = senior.post(
        url("approval", draft.pk),
        {
            "approved_on_day": today().day,
            "approved_on_month": today().month,
            "approved_on_year": today().year,
            "minute_reference": "GB/1",
        },
    )
    assert response.status_code == 303
    assert officer.post(url("publish", draft.pk)).status_code == 303
    assert Assessment.objects.get(pk=draft.pk).stage == Stage.PUBLISHED
    history = officer.get(url("history", draft.pk)).text
    for what in ("Signed off", "Returned to the complaints officer: Say more on 3.1", "GB/1"):
        assert what in history


def test_the_changes_page_lists_what_changed(draft, drafter, lead, year):
    publish(draft, drafter, lead, today())
    second = services.start_version(
        actor=drafter, year=year, trigger="restructure", trigger_note="Two teams became one"
    )
    services.save_answer(second.pk, actor=drafter, number="4.1", evidence="The new team")
    page = client_for(lead).get(url("changes", second.pk)).text
    assert "The new team" in page and "Policy section 4.1" in page
    assert "1 change" in page


def test_the_public_page_shows_only_a_published_version(draft, drafter, lead, year):
    public = Client()
    assert public.get(url("public", year)).status_code == 404
    assert public.get(url("public-word", year)).status_code == 404
    answer_all(draft, drafter)
    services.sign_off(draft.pk, actor=drafter)
    services.accept_review(draft.pk, actor=lead)
    services.record_approval(draft.pk, actor=lead, approved_on=today(), minute_reference="GB/24/7")
    assert public.get(url("public", year)).status_code == 404
    services.publish(draft.pk, actor=lead)
    page = public.get(url("public", year))
    assert page.status_code == 200
    assert "Policy section 9.8" in page.text and "GB/24/7" in page.text
    assert "Sign out" not in page.text
    word = public.get(url("public-word", year))
    assert word.status_code == 200
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
