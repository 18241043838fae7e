"""The self-assessment's services: versions, answers, the workflow and its refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.assessments import selectors, services
from redress.assessments.models import Answer, Assessment, Stage
from redress.code.provisions import PROVISIONS
from redress.code.tsm import ReportingYear
from redress.record.checks import today
from redress.record.errors import Forbidden, Refused
from redress.record.models import Event

from .conftest import SHORTFALL, answer_all, publish

pytestmark = pytest.mark.django_db

ACTION = {"action": "Rewrite the policy", "action_owner": "Head of Customer", "action_due": None}


def actions(assessment) -> list[str]:
    return list(
        Event.objects.for_subject("assessment", assessment.pk).values_list("action", flat=True)
    )


def refused(call, field: str) -> Refused:
    with pytest.raises(Refused) as caught:
        call()
    assert caught.value.field == field, caught.value.as_dict()
    return caught.value


# --- starting a version -----------------------------------------------------------------


def test_a_version_has_every_provision_and_the_drafted_evidence(draft, year):
    assert (draft.year, draft.version, draft.stage) == (year, 1, Stage.DRAFT)
    assert draft.answers.count() == len(PROVISIONS) == 72
    stage2 = draft.answers.get(number="6.13")
    assert (stage2.drafted_evidence, stage2.shortfall) == (SHORTFALL, SHORTFALL)
    assert draft.answers.get(number="1.2").shortfall == ""
    assert draft.answers.filter(drafted_evidence="").count() == 70
    assert draft.evidence_drafted_at is not None
    [event] = Event.objects.for_subject("assessment", draft.pk)
    assert event.action == "started"
    assert event.payload["shortfalls"] == ["6.13"]
    assert event.payload["drafted"] == ["1.2", "6.13"]


def test_the_real_drafted_evidence_works_with_no_records(drafter, year):
    assessment = services.start_version(actor=drafter, year=year, trigger="annual")
    assert "6.13" in {a.number for a in assessment.answers.exclude(drafted_evidence="")}
    # With no records, only the roles nobody holds yet fall short: a senior lead (9.4), an
    # MRC (9.5), and so no report the MRC received (9.7). The drafter is the officer (4.1).
    flagged = assessment.answers.exclude(shortfall="").values_list("number", flat=True)
    assert sorted(flagged) == ["9.4", "9.5", "9.7"]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"trigger": "whim"}, "trigger"),
        ({"trigger": "annual", "year": 2023}, "year"),
        ({"trigger": "annual", "year": 2099}, "year"),
        ({"trigger": "merger", "trigger_note": "  "}, "trigger_note"),
        ({"trigger": "ombudsman_request"}, "trigger_note"),
    ],
)
def test_starting_is_refused_naming_the_field(drafter, drafted, year, arguments, field):
    refused(lambda: services.start_version(actor=drafter, **{"year": year, **arguments}), field)
    assert not Assessment.objects.exists()


def test_only_the_complaints_officer_starts_one(lead, drafted, year):
    with pytest.raises(Forbidden):
        services.start_version(actor=lead, year=year, trigger="annual")


def test_one_annual_version_a_year_and_none_while_one_is_unfinished(draft, drafter, lead, year):
    refused(
        lambda: services.start_version(
            actor=drafter, year=year, trigger="merger", trigger_note="Merged with Kent Homes"
        ),
        "year",
    )
    publish(draft, drafter, lead, today())
    refused(lambda: services.start_version(actor=drafter, year=year, trigger="annual"), "trigger")


def test_a_new_version_copies_the_answers_and_numbers_itself(draft, drafter, lead, year):
    answer_all(draft, drafter)
    services.save_answer(
        draft.pk, actor=drafter, number="3.1", comply="partial", **ACTION | {"action_due": today()}
    )
    publish(draft, drafter, lead, today(), answer=False)
    second = services.start_version(
        actor=drafter, year=year, trigger="procedure_change", trigger_note="New two-stage policy"
    )
    assert (second.version, second.copied_from_id, second.stage) == (2, draft.pk, Stage.DRAFT)
    copied = second.answers.get(number="3.1")
    assert (copied.comply, copied.action, copied.action_due) == (
        "partial",
        ACTION["action"],
        today(),
    )
    assert second.answers.get(number="6.13").commentary.startswith("Two were")
    assert second.answers.get(number="6.13").shortfall == SHORTFALL  # drafted afresh
    # The first version is untouched.
    assert Assessment.objects.get(pk=draft.pk).stage == Stage.PUBLISHED
    assert draft.answers.get(number="3.1").comply == "partial"


def test_a_new_year_starts_from_the_previous_years_published_version(drafter, lead, drafted):
    earlier = services.start_version(actor=drafter, year=2024, trigger="annual")
    publish(earlier, drafter, lead, today())
    later = services.start_version(actor=drafter, year=2025, trigger="annual")
    assert (later.version, later.copied_from_id) == (1, earlier.pk)
    assert later.answers.get(number="1.2").evidence == "Policy section 1.2"


# --- answers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"comply": "maybe"}, "comply"),
        ({"comply": "no", "action_owner": "A", "action_due": dt.date(2027, 1, 1)}, "action"),
        ({"comply": "partial", "action": "Fix", "action_due": dt.date(2027, 1, 1)}, "action_owner"),
        ({"comply": "no", "action": "Fix", "action_owner": "A"}, "action_due"),
        ({"comply": "yes", "action_owner": "x" * 201}, "action_owner"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_an_answer_is_refused_naming_the_field(draft, drafter, values, field):
    refused(lambda: services.save_answer(draft.pk, actor=drafter, number="2.1", **values), field)
    assert draft.answers.get(number="2.1").comply == ""
    assert actions(draft) == ["started"]


def test_a_section_is_saved_whole_or_not_at_all(draft, drafter):
    answers = {
        "1.2": {"comply": "yes", "evidence": "Policy 1"},
        "1.3": {"comply": "no", "evidence": "None yet"},  # no action
    }
    refusal = refused(
        lambda: services.save_section(draft.pk, actor=drafter, answers=answers), "1.3:action"
    )
    assert refusal.message.startswith("1.3: ")
    assert draft.answers.get(number="1.2").comply == ""  # the first was not written either


def test_saving_records_what_changed(draft, drafter):
    services.save_answer(draft.pk, actor=drafter, number="1.2", comply="yes", evidence="Policy")
    services.save_answer(draft.pk, actor=drafter, number="1.2", comply="yes", evidence="Policy")
    saved = Event.objects.for_subject("assessment", draft.pk).filter(action="answers_saved")
    assert [e.payload for e in saved] == [{"1.2": {"comply": "yes", "evidence": "Policy"}}]


def test_using_the_drafted_evidence_adds_it_once_saying_where_it_came_from(draft, drafter):
    for _ in range(2):
        services.save_answer(
            draft.pk, actor=drafter, number="6.13", evidence="Our policy", use_drafted=True
        )
    evidence = draft.answers.get(number="6.13").evidence
    label = ReportingYear(draft.year).label
    assert evidence == f"Our policy\n\nFrom our complaint records for {label}: {SHORTFALL}"


def test_refreshing_takes_the_records_as_they_are_now(draft, drafter, drafted):
    drafted.pop("6.13")
    services.refresh_evidence(draft.pk, actor=drafter)
    assert draft.answers.get(number="6.13").shortfall == ""
    assert actions(draft) == ["started", "evidence_drafted"]


# --- the workflow -----------------------------------------------------------------------


def test_sign_off_needs_every_provision_answered(draft, drafter):
    services.save_answer(draft.pk, actor=drafter, number="1.2", comply="yes")
    refusal = refused(lambda: services.sign_off(draft.pk, actor=drafter), "answers")
    assert "1.3" in refusal.message and "1.2," not in refusal.message


def test_a_contradicted_yes_needs_commentary_before_sign_off(draft, drafter):
    answer_all(draft, drafter)
    services.save_answer(draft.pk, actor=drafter, number="6.13", commentary="")
    refusal = refused(lambda: services.sign_off(draft.pk, actor=drafter), "commentary")
    assert "6.13" in refusal.message
    services.save_answer(draft.pk, actor=drafter, number="6.13", commentary="Explained")
    assert services.sign_off(draft.pk, actor=drafter).stage == Stage.IN_REVIEW


def test_a_contradicted_partial_needs_no_commentary(draft, drafter):
    answer_all(draft, drafter)
    due = {**ACTION, "action_due": dt.date(2027, 3, 31)}
    services.save_answer(
        draft.pk, actor=drafter, number="6.13", comply="partial", commentary="", **due
    )
    assert services.sign_off(draft.pk, actor=drafter).stage == Stage.IN_REVIEW


def test_the_whole_way_to_publication(draft, drafter, lead, year):
    published = publish(draft, drafter, lead, today())
    assert published.stage == Stage.PUBLISHED
    assert (published.signed_off_by, published.reviewed_by) == (drafter, lead)
    assert (published.approved_on, published.minute_reference) == (today(), "GB/24/7")
    assert actions(draft) == [
        "started",
        "answers_saved",
        "signed_off",
        "reviewed",
        "approved",
        "published",
    ]
    assert selectors.published_assessment(ReportingYear(year)) == published


def test_the_steps_go_in_order(draft, drafter, lead):
    refused(lambda: services.accept_review(draft.pk, actor=lead), "stage")
    refused(lambda: services.publish(draft.pk, actor=lead), "stage")
    refused(
        lambda: services.record_approval(
            draft.pk, actor=lead, approved_on=today(), minute_reference="M1"
        ),
        "stage",
    )
    answer_all(draft, drafter)
    services.sign_off(draft.pk, actor=drafter)
    refused(lambda: services.sign_off(draft.pk, actor=drafter), "stage")
    refused(lambda: services.publish(draft.pk, actor=drafter), "stage")


def test_answers_never_change_out_of_draft(draft, drafter):
    answer_all(draft, drafter)
    services.sign_off(draft.pk, actor=drafter)
    refused(
        lambda: services.save_answer(draft.pk, actor=drafter, number="1.2", comply="no"), "stage"
    )
    refused(lambda: services.refresh_evidence(draft.pk, actor=drafter), "stage")
    assert draft.answers.get(number="1.2").comply == "yes"


def test_the_senior_lead_returns_it_with_a_reason(draft, drafter, lead):
    answer_all(draft, drafter)
    services.sign_off(draft.pk, actor=drafter)
    refused(lambda: services.return_to_draft(draft.pk, actor=lead, reason=" "), "reason")
    services.return_to_draft(draft.pk, actor=lead, reason="Evidence for 3.1 is thin")
    assessment = Assessment.objects.get(pk=draft.pk)
    assert (assessment.stage, assessment.signed_off_by) == (Stage.DRAFT, None)
    assert selectors.last_return(assessment).payload == {"reason": "Evidence for 3.1 is thin"}
    services.save_answer(draft.pk, actor=drafter, number="3.1", evidence="The leaflet")
    services.sign_off(draft.pk, actor=drafter)
    assert selectors.last_return(Assessment.objects.get(pk=draft.pk)) is None


def test_roles(draft, drafter, lead, make_staff):
    handler = make_staff("harriet", "handler")
    mrc = make_staff("mrc", "MRC")
    with pytest.raises(Forbidden):
        services.save_answer(draft.pk, actor=lead, number="1.2", comply="yes")
    with pytest.raises(Forbidden):
        services.sign_off(draft.pk, actor=handler)
    answer_all(draft, drafter)
    services.sign_off(draft.pk, actor=drafter)
    with pytest.raises(Forbidden):
        services.accept_review(draft.pk, actor=drafter)
    services.accept_review(draft.pk, actor=lead)
    for person in (drafter, mrc):
        with pytest.raises(Forbidden):
            services.record_approval(
                draft.pk, actor=person, approved_on=today(), minute_reference="M1"
            )
    services.record_approval(draft.pk, actor=lead, approved_on=today(), minute_reference="M1")
    with pytest.raises(Forbidden):
        services.publish(draft.pk, actor=mrc)
    assert services.publish(draft.pk, actor=drafter).stage == Stage.PUBLISHED


def test_the_senior_lead_does_not_review_their_own_sign_off(drafted, make_staff, year):
    both = make_staff("bea", "complaints officer", "senior lead")
    assessment = services.start_version(actor=both, year=year, trigger="annual")
    answer_all(assessment, both)
    services.sign_off(assessment.pk, actor=both)
    with pytest.raises(Forbidden):
        services.accept_review(assessment.pk, actor=both)


@pytest.mark.parametrize(
    ("approved_on", "minute", "field"),
    [
        (None, "M1", "approved_on"),
        ("tomorrow", "M1", "approved_on"),
        ("before", "M1", "approved_on"),
        ("today", "  ", "minute_reference"),
        ("today", "M" * 201, "minute_reference"),
    ],
)
def test_the_approval_is_refused_naming_the_field(draft, drafter, lead, approved_on, minute, field):
    answer_all(draft, drafter)
    services.sign_off(draft.pk, actor=drafter)
    services.accept_review(draft.pk, actor=lead)
    day = {
        None: None,
        "today": today(),
        "tomorrow": today() + dt.timedelta(days=1),
        "before": today() - dt.timedelta(days=1),
    }[approved_on]
    refused(
        lambda: services.record_approval(
            draft.pk, actor=lead, approved_on=day, minute_reference=minute
        ),
        field,
    )
    assert Assessment.objects.get(pk=draft.pk).stage == Stage.REVIEWED


def test_a_second_published_version_replaces_the_first_on_the_public_page(
    draft, drafter, lead, year
):
    publish(draft, drafter, lead, today())
    second = services.start_version(
        actor=drafter, year=year, trigger="ombudsman_request", trigger_note="After case 2024-001"
    )
    assert selectors.published_assessment(ReportingYear(year)) == draft
    services.save_answer(second.pk, actor=drafter, number="5.1", evidence="New policy")
    publish(second, drafter, lead, today(), answer=False)
    assert selectors.published_assessment(ReportingYear(year)).pk == second.pk
    assert Assessment.objects.filter(year=year, stage=Stage.PUBLISHED).count() == 2
    changed = {(c.number, c.field) for c in selectors.changes(second)}
    assert ("5.1", "Evidence") in changed
    assert Answer.objects.filter(assessment=draft, number="5.1", evidence="Policy section 5.1")
