"""Drafted evidence, provision by provision, on small sets counted by hand.

"Today" is 10 May 2027, after the 2026/27 year, so anything still open is judged on its
last day, 31 March 2027. Rows are made directly: the evidence reads the record, however
it was written (services or a tracker import).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redress.administration import deployment
from redress.assessments.evidence import SKIPPED, draft_evidence
from redress.cases.models import Complaint, Contractor, Extension, OutstandingAction, Stage
from redress.cases.tests.factories import dated_stage
from redress.code.letters import LetterKind
from redress.code.london import LONDON
from redress.code.provisions import BY_NUMBER
from redress.code.tsm import ReportingYear
from redress.intake.models import (
    BehaviourRestriction,
    Contact,
    ReasonableAdjustment,
    Representative,
    Resident,
    ServiceRequest,
)
from redress.learning.models import Cause, Lesson, RootCause
from redress.letters.models import Letter, LetterTemplate
from redress.record.models import Event
from redress.remedies.models import Remedy

pytestmark = pytest.mark.django_db

YEAR = ReportingYear(2026)
PERIOD = "from 1 April 2026 to 31 March 2027"
TODAY = dt.date(2027, 5, 10)
D = dt.date


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(deployment, "today", lambda: TODAY)


@pytest.fixture
def staff(make_staff):
    return make_staff("hana", "handler")


def drafted(number: str):
    return draft_evidence(YEAR)[number]


_refs = iter(range(1, 10_000))


def complaint(received: dt.date, status: str = "closed", **fields) -> Complaint:
    return Complaint.objects.create(
        reference=f"CMP-{next(_refs):05d}", received_on=received, status=status, **fields
    )


def stage(case: Complaint, number: int = 1, requested=None, **fields) -> Stage:
    return dated_stage(
        complaint=case, number=number, requested_on=requested or case.received_on, **fields
    )


def answered(received, acknowledged, responded, **fields) -> Stage:
    """A closed complaint with its stage 1 acknowledged and answered on these dates."""
    return stage(
        complaint(received), acknowledged_on=acknowledged, responded_on=responded, **fields
    )


def letter(case: Complaint, kind: LetterKind, number: int, by) -> Letter:
    template, _ = LetterTemplate.objects.get_or_create(
        kind=kind, version=1, defaults={"subject": "s", "body": "b"}
    )
    return Letter.objects.create(
        complaint=case,
        kind=kind,
        stage=number,
        template=template,
        subject="s",
        html="",
        text="",
        pdf=b"",
        facts={},
        delivery="post",
        recipient="r",
        issued_by=by,
        issued_at=dt.datetime(2026, 6, 1, 12, tzinfo=LONDON),
        sha256="0" * 64,
    )


def event(case: Complaint, action: str, **payload) -> Event:
    return Event.objects.create(
        subject_kind="complaint",
        subject_id=case.pk,
        action=action,
        occurred_at=dt.datetime(2026, 6, 1, 12, tzinfo=LONDON),
        payload=payload,
    )


def test_an_empty_year_says_none_and_flags_only_what_is_missing():
    found = draft_evidence(YEAR)
    assert set(found).isdisjoint(SKIPPED)
    assert set(found) | set(SKIPPED) == set(BY_NUMBER)  # every provision is drafted or skipped
    assert found["6.2"].text == f"No stage 1 responses were sent {PERIOD}."
    assert found["6.13"].text == f"No stage 2 responses were sent {PERIOD}."
    assert (
        found["2.1"].text == f"No complaint received {PERIOD} was refused (no complaints received)."
    )
    assert found["7.3"].text == f"No remedies were due {PERIOD}."
    flagged = {number for number, d in found.items() if d.shortfall}
    # Nobody holds the roles and the MRC received nothing: those are real shortfalls.
    assert flagged == {"4.1", "9.4", "9.5", "9.7"}
    assert found["9.7"].shortfall == f"The MRC received no reports from Redress {PERIOD}."
    assert all(PERIOD in d.text or d.number in ("4.1", "8.2", "9.4", "9.5") for d in found.values())
    assert found["8.2"].text == "No annual complaints report for 2025/26 is held in Redress."
    assert found["8.5"].text == f"No notice of exceptional circumstances was published {PERIOD}."


def test_acknowledgement_counts_bank_holidays_and_the_year_boundaries():
    # Good Friday (3 April 2026) and Easter Monday (6 April) are not working days: received
    # Thursday 2 April, the fifth working day is Monday 13 April.
    acme = Contractor.objects.create(name="Acme Repairs")
    on_time = answered(D(2026, 4, 2), D(2026, 4, 13), D(2026, 4, 13))
    Complaint.objects.filter(pk=on_time.complaint_id).update(contractor=acme)
    answered(D(2026, 4, 2), D(2026, 4, 14), D(2026, 4, 14))  # a day late
    answered(D(2026, 3, 25), D(2026, 3, 26), D(2026, 3, 31))  # answered in 2025/26
    answered(D(2027, 3, 20), D(2027, 3, 23), D(2027, 4, 1))  # answered in 2027/28
    answered(D(2027, 3, 25), D(2027, 3, 26), D(2027, 3, 31))  # on time, last day
    # Answered in the year: 3. Acknowledged in time: the first and the last, 2 (66.7%).
    ack = drafted("6.2")
    assert ack.text == (
        f"2 of 3 (66.7%) stage 1 complaints answered {PERIOD} were acknowledged, defined and "
        "logged within 5 working days of being received."
    )
    assert ack.shortfall == (
        f"1 of 3 (33.3%) stage 1 complaints answered {PERIOD} were acknowledged late."
    )
    # Each was answered the day it was acknowledged: all 3 on time.
    respond = drafted("6.3")
    assert respond.text == (
        f"3 of 3 (100.0%) stage 1 responses sent {PERIOD} were sent within 10 working days "
        "of the acknowledgement, or by an extended date agreed in time; no responses had an "
        "extension."
    )
    assert respond.shortfall == ""
    # Received in the year: 2 April (twice), 20 and 25 March 2027: 4, none escalated.
    assert drafted("5.3").text == (
        f"4 complaints entered stage 1 and no escalations to stage 2 were requested {PERIOD}. "
        "Redress records exactly two stages: it refuses a third stage or a stage before stage 1."
    )
    assert drafted("5.4").text == (
        f"1 complaint received {PERIOD} concerned the work of 1 contractor; each was handled "
        "in the landlord's own two stages."
    )


def test_extensions_their_letters_and_update_intervals(staff):
    # All received Monday 1 June 2026 and acknowledged 2 June: respond by 16 June.
    extended = answered(D(2026, 6, 1), D(2026, 6, 2), D(2026, 6, 29))
    Extension.objects.create(
        stage=extended, working_days=10, reason="Survey needed", agreed_on=D(2026, 6, 15)
    )  # counts: respond by 30 June, answered 29 June, on time
    letter(extended.complaint, LetterKind.EXTENSION, 1, staff)
    too_late = answered(D(2026, 6, 1), D(2026, 6, 2), D(2026, 6, 22))
    Extension.objects.create(
        stage=too_late, working_days=5, reason="Contractor", agreed_on=D(2026, 6, 17)
    )  # agreed after 16 June: does not count, so answered late; no letter
    event(too_late.complaint, "update_interval_agreed", stage=1, every_working_days=5)
    answered(D(2026, 6, 1), D(2026, 6, 2), D(2026, 6, 18))  # late, no interval agreed
    # Extended: 2, of which 1 did not count; 1 extension letter.
    assert drafted("6.4").text == (
        f"1 of 2 (50.0%) stage 1 responses sent {PERIOD} with an extension had every "
        "extension agreed with the resident by the response date in force, with its reason "
        "recorded, and within 10 working days in all or with a good reason."
    )
    assert drafted("6.4").shortfall.startswith(
        f"1 of 2 (50.0%) stage 1 responses sent {PERIOD} with an extension had an extension "
        "that did not count"
    )
    assert drafted("6.5").text == (
        f"1 of 2 (50.0%) stage 1 responses sent {PERIOD} with an extension had an extension "
        "letter issued, which Redress issues only with the Housing Ombudsman's contact details."
    )
    assert drafted("6.5").shortfall == (
        f"1 of 2 (50.0%) stage 1 responses sent {PERIOD} with an extension had no extension "
        "letter issued from Redress."
    )
    # Late: the two answered after 16 June; 1 of them had an interval agreed.
    assert drafted("5.9").text == (
        f"1 of 2 (50.0%) responses sent late {PERIOD} had an interval for updates agreed "
        "with the resident."
    )
    assert drafted("5.9").shortfall == (
        f"1 of 2 (50.0%) responses sent late {PERIOD} had no interval for updates recorded."
    )
    assert drafted("6.3").text.startswith(f"1 of 3 (33.3%) stage 1 responses sent {PERIOD}")
    assert drafted("6.3").text.endswith("2 responses had an extension.")
    assert drafted("6.15").text == f"No stage 2 response sent {PERIOD} had an extension."


def test_refusals_by_reason_with_their_reasons_and_letters(staff):
    court = complaint(D(2026, 5, 1), "refused", exclusion="legal_proceedings")
    event(court, "refused", exclusion="legal_proceedings", reason="Court claim filed")
    letter(court, LetterKind.REFUSAL, 1, staff)
    old = complaint(D(2026, 5, 2), "refused", exclusion="over_12_months")
    event(old, "refused", exclusion="over_12_months", reason="")  # a tracker's blank reason
    again = complaint(D(2026, 5, 3), "refused", exclusion="previously_considered")
    event(again, "refused", exclusion="previously_considered", reason="Answered in 2025")
    letter(again, LetterKind.REFUSAL, 1, staff)
    late = complaint(D(2026, 5, 4))
    event(late, "accepted", in_time=False, discretion_reason="Resident was in hospital")
    event(complaint(D(2026, 5, 5)), "accepted", in_time=True)
    earlier = complaint(D(2026, 3, 31), "refused", exclusion="other")  # 2025/26
    event(earlier, "refused", exclusion="other", reason="")
    # Received in the year: 5; refused: 3; with a reason: 2; with a letter: 2.
    assert drafted("2.1").text == (
        f"3 of 5 (60.0%) complaints received {PERIOD} were refused. "
        "2 of 3 (66.7%) refusals have their own reason recorded."
    )
    no_reason = f"1 of 3 (33.3%) refusals of complaints received {PERIOD} have no reason recorded."
    assert drafted("2.1").shortfall == no_reason
    assert drafted("2.2").text == (
        f"3 of 5 (60.0%) complaints received {PERIOD} were refused, by the exclusion given: "
        "1 issue more than 12 months old, 1 legal proceedings filed and 1 previously "
        "considered under the policy."
    )
    assert drafted("2.3").text == (
        f"1 complaint received {PERIOD} was refused as made more than 12 months after the "
        "issue, and 1 complaint made that late was accepted using discretion, each with the "
        "reason for it recorded."
    )
    assert drafted("2.4").shortfall == (
        f"1 of 3 (33.3%) refusals of complaints received {PERIOD} had no refusal letter "
        "issued from Redress."
    )
    assert drafted("2.4").text.startswith("2 of 3 (66.7%) refusals of complaints received")
    assert drafted("2.5").shortfall == no_reason


def test_contacts_channels_adjustments_and_restrictions():
    resident = Resident.objects.create(name="R")
    survey = Contact.Classification.SURVEY_FEEDBACK

    def contact(at: str, **told):
        Contact.objects.create(
            resident=resident,
            channel="online_form",
            classification=survey,
            summary="s",
            received_at=dt.datetime.fromisoformat(at),
            **told,
        )

    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (summer time): in the year.
    contact("2026-03-31T23:30:00+00:00", offered_choice_to_complain=True, told_how_to_complain=True)
    contact("2026-09-01T10:00:00+00:00", told_how_to_complain=True)
    contact("2027-03-31T23:30:00+00:00")  # 1 April 2027 in London: the next year
    assert drafted("1.3").text == (
        f"1 of 2 (50.0%) survey responses expressing dissatisfaction recorded {PERIOD} were "
        "offered the choice to make a complaint."
    )
    assert drafted("1.3").shortfall.startswith("1 of 2 (50.0%) survey responses")
    assert drafted("1.6").text.startswith("2 of 2 (100.0%) survey responses")
    assert drafted("1.6").shortfall == ""

    ServiceRequest.objects.create(
        resident=resident, description="d", raised_on=D(2026, 5, 10), state="completed"
    )
    still_open = ServiceRequest.objects.create(
        resident=resident, description="d", raised_on=D(2026, 5, 11)
    )
    ServiceRequest.objects.create(resident=resident, description="d", raised_on=D(2026, 3, 31))
    assert drafted("1.4").text == (
        f"2 service requests were recorded {PERIOD}, apart from complaints; 1 of 2 (50.0%) "
        "have been completed."
    )
    representative = Representative.objects.create(
        resident=resident,
        name="Rep",
        relationship="son",
        authority="form",
        authority_recorded_on=D(2026, 1, 1),
    )
    complaint(D(2026, 5, 12), channel="phone", service_request=still_open)
    complaint(D(2026, 5, 13), channel="email", representative=representative)
    complaint(D(2026, 5, 14), channel="email")
    complaint(D(2026, 5, 15))
    complaint(D(2027, 4, 1), channel="letter")  # next year
    assert drafted("1.5").text == (
        f"1 complaint received {PERIOD} was raised about the response to a service request; "
        "the service request carries on alongside, and 1 of those service requests is still "
        "open."
    )
    assert drafted("3.1").text == (
        f"4 complaints received {PERIOD} came through 2 channels: 1 phone, 2 email and 1 with "
        "no channel recorded."
    )
    assert drafted("3.6").text == (
        f"1 of 4 (25.0%) complaints received {PERIOD} were brought by a representative, with "
        "the authority they hold recorded."
    )

    def adjustment(recorded, review, disability="", ended=None):
        ReasonableAdjustment.objects.create(
            resident=resident,
            adjustment="a",
            disability_disclosed=disability,
            recorded_on=recorded,
            review_on=review,
            ended_on=ended,
        )

    adjustment(D(2026, 5, 1), D(2026, 11, 1), "Sight loss")  # overdue on 31 March 2027
    adjustment(D(2026, 6, 1), D(2027, 6, 1))
    adjustment(D(2026, 2, 1), D(2027, 4, 1))  # on record, from the year before
    adjustment(D(2027, 4, 1), D(2027, 4, 2))  # after the year
    adjustment(D(2026, 1, 5), D(2026, 3, 1), ended=D(2026, 3, 1))  # ended: neither held nor late
    assert drafted("5.10").text == (
        f"2 reasonable adjustments were recorded {PERIOD}, 1 with a disclosed disability. "
        "Of the 3 adjustments on record on 31 March 2027, 1 was past the review date."
    )
    assert drafted("5.10").shortfall == (
        "1 of 3 (33.3%) reasonable adjustments on record on 31 March 2027 were past their "
        "review date."
    )
    BehaviourRestriction.objects.create(
        resident=resident,
        restriction="r",
        evidence="Threats recorded",
        recorded_on=D(2026, 7, 1),
        review_on=D(2027, 1, 1),
    )
    BehaviourRestriction.objects.create(
        resident=resident,
        restriction="r",
        evidence="",
        recorded_on=D(2026, 8, 1),
        review_on=D(2027, 8, 1),
    )
    BehaviourRestriction.objects.create(  # ended by a review before the year's end
        resident=resident,
        restriction="r",
        evidence="Calls",
        recorded_on=D(2025, 7, 1),
        review_on=D(2026, 7, 1),
        ended_on=D(2026, 7, 1),
    )
    assert drafted("5.14").text == (
        f"2 restrictions on contact for unacceptable behaviour were recorded {PERIOD}. "
        "Of the 2 restrictions on record on 31 March 2027, 1 has the evidence for it "
        "recorded and 1 was past the review date."
    )
    assert drafted("5.14").shortfall == (
        "On 31 March 2027, 1 of 2 (50.0%) restrictions were past their review date and "
        "1 of 2 (50.0%) had no evidence recorded."
    )


def test_remedies_and_outstanding_actions(staff):
    case = complaint(D(2026, 4, 20))

    def remedy(number, kind, offered, due, **fields):
        Remedy.objects.create(
            complaint=case,
            stage=number,
            kind=kind,
            description="d",
            owner_user=staff,
            offered_on=offered,
            due_on=due,
            **fields,
        )

    remedy(
        1, "apology", D(2026, 5, 1), D(2026, 5, 10), completed_on=D(2026, 5, 9), status="completed"
    )  # on time
    remedy(
        1,
        "financial",
        D(2026, 6, 1),
        D(2026, 7, 1),
        completed_on=D(2026, 7, 3),
        status="completed",
        amount=Decimal("150"),
    )  # late
    remedy(2, "financial", D(2026, 9, 1), D(2026, 10, 1), amount=Decimal("50.50"))  # overdue
    remedy(1, "", D(2026, 10, 1), None)  # no date by when
    remedy(1, "explanation", D(2026, 11, 1), D(2026, 12, 1), status="declined")
    remedy(
        1, "apology", D(2026, 3, 31), D(2026, 4, 5), completed_on=D(2026, 4, 4), status="completed"
    )  # offered the year before, due (and done) in this one
    # Offered in the year: 5 (4 at stage 1). Due in the year, not declined: 4.
    assert drafted("5.13").text == (
        f"4 of 5 (80.0%) remedies offered {PERIOD} were offered at stage 1, without "
        "escalation, and 1 at stage 2."
    )
    assert drafted("7.1").text == (
        f"5 remedies were offered {PERIOD}: 1 apology, 1 explanation, 2 financial remedies "
        "(£200.50 in all) and 1 of no stated kind."
    )
    assert drafted("7.3").text == (
        f"2 of 4 (50.0%) remedies due {PERIOD} were completed on time; 1 was completed late "
        "and 1 was overdue on 31 March 2027. 1 of 5 (20.0%) remedies offered "
        f"{PERIOD} had no date set."
    )
    assert drafted("7.3").shortfall == (
        f"2 of 4 (50.0%) remedies due {PERIOD} were completed late or are overdue. "
        "1 of 5 (20.0%) remedies offered had no date by when."
    )
    for due, done in ((D(2026, 6, 1), D(2026, 6, 1)), (D(2027, 2, 1), None), (D(2027, 4, 1), None)):
        OutstandingAction.objects.create(
            complaint=case, stage=1, description="d", due_on=due, completed_on=done
        )
    assert drafted("6.6").text == (
        f"1 of 2 (50.0%) outstanding actions from stage 1 due {PERIOD} were completed on "
        "time; none were completed late and 1 was overdue on 31 March 2027."
    )
    assert drafted("6.6").shortfall.startswith("1 of 2 (50.0%) outstanding actions")
    assert drafted("6.17").text == f"No outstanding actions from stage 2 were due {PERIOD}."
    assert drafted("6.17").shortfall == ""


def test_handlers_definitions_response_letters_decisions_and_root_causes(staff, make_staff):
    other = make_staff("otto", "handler")
    full = {"points": ["Damp"], "outcomes_sought": ["Fix it"]}

    def decided(*decisions):
        return {"decisions": [{"point": f"p{i}", "decision": d} for i, d in enumerate(decisions)]}

    same = complaint(D(2026, 6, 1))
    first = stage(
        same,
        1,
        handler=staff,
        acknowledged_on=D(2026, 6, 2),
        responded_on=D(2026, 6, 10),
        definition=full,
        response=decided("upheld"),
    )
    stage(
        same,
        2,
        D(2026, 6, 15),
        handler=staff,
        acknowledged_on=D(2026, 6, 16),
        responded_on=D(2026, 7, 1),
        definition=full,
        response=decided("upheld"),
    )
    letter(same, LetterKind.STAGE_RESPONSE, 1, staff)
    fresh = complaint(D(2026, 6, 1))
    stage(
        fresh,
        1,
        handler=staff,
        acknowledged_on=D(2026, 6, 2),
        responded_on=D(2026, 6, 10),
        response=decided("partly_upheld", "not_upheld"),
    )  # no definition recorded
    stage(
        fresh,
        2,
        D(2026, 6, 15),
        handler=other,
        acknowledged_on=D(2026, 6, 16),
        responded_on=D(2026, 7, 2),
        definition=full,
        response=decided("not_upheld"),
    )
    letter(fresh, LetterKind.STAGE_RESPONSE, 2, staff)
    RootCause.objects.create(
        complaint=same,
        stage=first,
        point="p0",
        cause=Cause.objects.create(name="Repairs"),
        recorded_at=dt.datetime(2026, 6, 10, tzinfo=LONDON),
    )
    handled = drafted("6.13")
    assert handled.text == (
        f"1 of 2 stage 2 responses sent {PERIOD} were handled by the stage 1 handler."
    )
    assert handled.shortfall == handled.text
    assert drafted("5.6").text == (
        f"3 of 4 (75.0%) stages acknowledged {PERIOD} recorded the complaint definition: the "
        "points of complaint and the outcomes the resident seeks."
    )
    assert drafted("5.6").shortfall == (
        f"1 of 4 (25.0%) stages acknowledged {PERIOD} have no complaint definition recorded."
    )
    for number in ("6.9", "6.19"):
        assert drafted(number).text.startswith("1 of 2 (50.0%) stage")
        assert "no response letter issued from Redress" in drafted(number).shortfall
    assert drafted("6.7").text == (
        f"Stage 1 responses sent {PERIOD} decided 3 points: 1 upheld, 1 partly upheld and "
        "1 not upheld, each with its reasons."
    )
    # Upheld or partly upheld: 2 at stage 1, 1 at stage 2; one root cause recorded.
    assert drafted("9.2").text == (
        f"A root cause was recorded for 1 of 3 (33.3%) points upheld or partly upheld in "
        f"responses sent {PERIOD}."
    )


def test_no_stage_2_by_the_stage_1_handler(staff, make_staff):
    case = complaint(D(2026, 6, 1))
    stage(case, 1, handler=staff, responded_on=D(2026, 6, 10))
    stage(
        case, 2, D(2026, 6, 15), handler=make_staff("otto", "handler"), responded_on=D(2026, 7, 1)
    )
    assert drafted("6.13").text == (
        f"No stage 2 was handled by the stage 1 handler (1 stage 2 response sent {PERIOD})."
    )
    assert drafted("6.13").shortfall == ""


def test_roles_lessons_and_the_dates_the_mrc_received_reports(make_staff):
    make_staff("olive", "complaints officer")
    mrc = make_staff("mo", "MRC")
    board = make_staff("gus", "governing body")

    def received(user, at: str, report: str):
        Event.objects.create(
            subject_kind="oversight",
            subject_id=0,
            action="report.received",
            actor=user,
            occurred_at=dt.datetime.fromisoformat(at),
            payload={"report": report},
        )

    received(mrc, "2026-03-31T23:30:00+00:00", "dashboard")  # 1 April 2026 in London
    received(mrc, "2026-05-05T09:00:00+00:00", "dashboard")
    received(mrc, "2026-05-05T22:30:00+00:00", "dashboard")  # 23:30 the same London day
    received(mrc, "2026-06-12T09:00:00+00:00", "annual_report")
    received(board, "2026-07-01T09:00:00+00:00", "dashboard")  # not the MRC
    received(mrc, "2027-04-01T09:00:00+00:00", "dashboard")  # the next year
    assert drafted("9.7").text == (
        "From 1 April 2026 to 31 March 2027, the MRC received the complaints dashboard on "
        "2 days (1 April 2026 and 5 May 2026) and the annual report on 1 day (12 June 2026)."
    )
    assert drafted("9.7").shortfall == ""
    assert (
        drafted("4.1").text
        == "On 10 May 2027, 1 person in Redress held the complaints officer role."
    )
    assert drafted("4.1").shortfall == ""
    assert drafted("9.4").shortfall == (
        "On 10 May 2027, nobody in Redress held the senior lead role, accountable for "
        "complaint handling."
    )
    assert drafted("9.5").shortfall == ""
    Lesson.objects.create(
        lesson="l",
        improvement="i",
        identified_on=D(2026, 5, 1),
        done_on=D(2026, 9, 1),
        status="done",
    )
    Lesson.objects.create(lesson="l", improvement="i", identified_on=D(2026, 3, 1))
    assert drafted("9.1").text == (
        f"1 lesson from complaints was logged in the learning log {PERIOD}, and 1 service "
        "improvement was completed."
    )


def test_last_years_annual_report_and_notices_of_exceptional_circumstances(make_staff):
    """8.2 reads the year before's report; 8.5 the notices published in the year, one of
    them still in force after its return-to-compliance date."""
    from redress.oversight.annual_report.models import (
        AnnualReport,
        ExceptionalNotice,
        ReportRevision,
    )

    report = AnnualReport.objects.create(year=2025, reported_on=D(2026, 6, 3))
    unpublished = "The annual complaints report for 2025/26 has not been published; it was "
    unpublished += "reported to the governing body on 3 June 2026."
    assert drafted("8.2").shortfall == unpublished
    report.minute_reference = "GB/26/7"
    report.save()
    ReportRevision.objects.create(
        report=report,
        number=1,
        content={},
        published_at=dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC),  # 1 July in London
    )
    found = drafted("8.2")
    assert found.text == (
        "The annual complaints report for 2025/26 was reported to the governing body on "
        "3 June 2026 (minute GB/26/7) and published with the governing body's response "
        "on 1 July 2026."
    )
    assert not found.shortfall

    def notice(published, return_by, withdrawn=None):
        ExceptionalNotice.objects.create(
            what_happened="A cyber incident took the housing system offline",
            since=D(2026, 5, 1),
            ombudsman_informed_on=D(2026, 5, 2),
            who_is_affected="Residents with open complaints",
            return_by=return_by,
            status="withdrawn" if withdrawn else "published",
            published_at=dt.datetime(*published, 12, tzinfo=LONDON),
            withdrawn_at=dt.datetime(*withdrawn, 12, tzinfo=LONDON) if withdrawn else None,
        )

    notice((2026, 5, 4), D(2026, 6, 30), withdrawn=(2026, 6, 20))  # withdrawn in time
    notice((2026, 7, 1), D(2026, 8, 31))  # still published after 31 August
    notice((2025, 5, 1), D(2025, 6, 1), withdrawn=(2025, 6, 1))  # last year: not counted
    found = drafted("8.5")
    assert found.shortfall == (
        # The year is over, so the notice is judged on its last day.
        "1 notice still in force on 31 March 2027 after the date given for returning to compliance."
    )
    assert found.text.startswith(f"2 notices of exceptional circumstances {PERIOD}: one published")
    assert "withdrawn on 20 June 2026" in found.text
    assert "compliance again by 31 August 2026)" in found.text
