"""Every refusal of a complaint command through the API: status, field, rule, and no write.

A refused command must leave no trace: no new row anywhere, the case as it
was and its record (the events) unchanged (`writes_nothing` checks all three), and
no file kept. The refusals are one table, REFUSALS: a row each, of the complaint's
state, the command, the changes to a body it accepts, and the status, field and rule
it must be refused with; one test runs them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from redress.code.stages import Command, Status, TransitionRefused, next_status
from redress.conftest import ApiClient
from redress.staff.models import ApiToken

from .factories import (
    POINT,
    RECEIVED_AT,
    STAGE2_ACKNOWLEDGED_AT,
    STAGE2_POINT,
    STATES,
    acknowledge,
    assert_refused,
    case_in,
    new_resident,
    ok,
    same_team,
    sent,
    writes_nothing,
)

pytestmark = pytest.mark.django_db

# Acknowledged and answered (sent another way) on days in order with every state's dates.
ACK_ON = RESPOND_ON = "2026-11-20"
# A body each command accepts, so a refusal can only come from what a test changes.
BODIES = {
    "accept": ("accept", {}),
    "refuse": ("refuse", {"exclusion": "other", "reason": "Evidenced on file"}),
    "acknowledge": (
        "acknowledge",
        {
            "points": [POINT],
            "outcomes_sought": ["Fix the damp"],
            "responsible_for_all": True,
            "communication": sent(ACK_ON),
        },
    ),
    "amend_definition": (
        "definition",
        {"points": [POINT], "outcomes_sought": ["Dry walls"], "responsible_for_all": True},
    ),
    "request_clarification": ("clarification-requests", {"question": "Which room?"}),
    "extend": (
        "extensions",
        {"working_days": 1, "reason": "Survey", "told_resident_on": "2026-10-06"},
    ),
    "agree_update_interval": (
        "update-intervals",
        {"every_working_days": 5, "agreed_on": "2026-10-06"},
    ),
    "record_conflict": ("conflicts", {"description": "Knows the resident", "handling": "Declared"}),
    "respond": (
        "respond",
        {
            "decisions": [{"point": POINT, "decision": "upheld"}],
            "reasons": "Explained",
            "communication": sent(RESPOND_ON),
        },
    ),
    "escalate": ("escalate", {}),
    "close": ("close", {}),
    "add_issue": ("issues", {"description": "Mould"}),
}
STATE_COMMANDS = tuple(c for c in BODIES if c != "add_issue")

# What each state allows, written out by hand from the Code (sections 5 and 6).
ALLOWED = {
    "stage1_received": {
        "accept",
        "refuse",
        "request_clarification",
        "add_issue",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage1_accepted": {
        "acknowledge",
        "request_clarification",
        "add_issue",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage1_acknowledged": {
        "respond",
        "amend_definition",
        "request_clarification",
        "add_issue",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage1_responded": {"escalate", "close", "record_conflict", "attach", "set_category"},
    "stage2_requested": {
        "acknowledge",
        "request_clarification",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage2_acknowledged": {
        "respond",
        "amend_definition",
        "request_clarification",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "closed": {"attach", "set_category"},
    "refused": {"attach", "set_category"},
}
# For each command, a state in which it is allowed (stage 1 where it can be).
ALLOWED_IN = {
    "accept": "stage1_received",
    "refuse": "stage1_received",
    "acknowledge": "stage1_accepted",
    "request_clarification": "stage1_acknowledged",
    "extend": "stage1_acknowledged",
    "agree_update_interval": "stage1_acknowledged",
    "record_conflict": "stage1_acknowledged",
    "respond": "stage1_acknowledged",
    "escalate": "stage1_responded",
    "close": "stage1_responded",
    "add_issue": "stage1_acknowledged",
    "amend_definition": "stage1_acknowledged",
}
BEFORE_RECEIPT = "2026-09-30T10:00:00Z"  # the factories' cases are received 2026-10-01
UNKNOWN = "CMP-2026-999999"
FINISHED = ("closed", "refused")
NOT_REOPENED = dict.fromkeys(FINISHED, "not reopened")
# Where each request goes, and a body it accepts: the commands', and opening and assigning
# a complaint (attaching to one sends a form: attach_form).
PATHS = {**{command: path for command, (path, _) in BODIES.items()}, "assign": "assign"}
ACCEPTED = {
    **{command: body for command, (_, body) in BODIES.items()},
    "open": {"summary": "Damp"},
    "assign": {},
}
DROP = object()  # in a row's body: leave this key out of the accepted body


def tomorrow(people=None) -> str:
    """Now and a day: read when the row runs, never when this module is imported."""
    return (timezone.now() + dt.timedelta(days=1)).isoformat()


def tomorrows_date(people=None) -> str:
    return (timezone.now() + dt.timedelta(days=1)).date().isoformat()


def post(api, ref, command, **changes):
    path, body = BODIES[command]
    return api.post(f"/complaints/{ref}/{path}", {**body, **changes})


def attach_form(**changes):
    return {
        "kind": "call_note",
        "direction": "incoming",
        "title": "Resident rang",
        "body": "Asked for an update",
        **changes,
    }


def dated(command: str, occurred_at) -> tuple[dict, str]:
    """The change that dates `command` at `occurred_at`, and the field a refusal names:
    an acknowledgement or a response is dated by the communication that sent it."""
    if command in ("acknowledge", "respond"):
        if callable(occurred_at):
            return {"communication": lambda people: sent(occurred_at())}, "communication.sent_on"
        return {"communication": sent(occurred_at)}, "communication.sent_on"
    return {"occurred_at": occurred_at}, "occurred_at"


# --- the table ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Refusal:
    """A request refused: the complaint's state before it (None: there is no complaint,
    so its reference is unknown), the command and the changes to a body it accepts
    (a value may be a function of the people, called when the row runs), and the
    status, field and rule of the refusal. `by` names who sends it; `opened` the facts
    the complaint was logged with; `before` steps that succeed first; `says` words the
    message holds, `message` the whole of it."""

    state: str | None
    command: str
    body: dict
    status: int
    field: str | None
    rule: str | None
    by: str = "officer"
    opened: dict = dataclasses.field(default_factory=dict)
    before: Callable | None = None
    says: str = ""
    message: str = ""

    def request_body(self, people) -> dict:
        base = attach_form() if self.command == "attach" else ACCEPTED[self.command]
        body = {**base, **{k: v(people) if callable(v) else v for k, v in self.body.items()}}
        return {key: value for key, value in body.items() if value is not DROP}


def row(name, state, command, body, status, field, rule, **more):
    return pytest.param(Refusal(state, command, body, status, field, rule, **more), id=name)


def rows(state, command, *cases, **shared):
    """A row for each case of `command` on a complaint in `state`: (name, body, status,
    field, rule), and a dict of the other columns where it has any; `shared` are those
    every case has."""
    for name, body, status, field, rule, *more in cases:
        extra = {**shared, **(more[0] if more else {})}
        yield row(f"{command}-{name}", state, command, body, status, field, rule, **extra)


def machine_rule(state: str, command: str) -> str:
    """The rule the state machine gives a command its state does not allow: never none
    (issue 17; redress/code/tests/test_stages.py lists them by hand)."""
    try:
        next_status(Status(state), Command(command))
    except TransitionRefused as refusal:
        assert refusal.rule, (state, command)
        return refusal.rule
    raise AssertionError(f"{command} is allowed in {state}")


def user(kind: str):
    """A handler id that is no active staff member's: unknown, inactive or not staff."""
    if kind == "unknown":
        return 99999
    return lambda people: (
        people.django_user_model.objects.create_user(
            username=kind, is_staff=kind != "not_staff", is_active=kind != "inactive"
        ).pk
    )


def a_file(people) -> SimpleUploadedFile:
    return SimpleUploadedFile("a.txt", b"text", content_type="text/plain")


def second_handler_id(people) -> int:
    return people.second_handler.user.pk


def officer_id(people) -> int:
    return people.officer.user.pk


def manager_id(people) -> int:
    return people.manager.pk


def new_resident_id(people) -> int:
    return new_resident(people.officer)


def extended_to_21_october(people, ref):
    ok(post(people.officer, ref, "extend", working_days=2, told_resident_on="2026-10-19"))
    # Now in force: 21 October. Told on the 21st counts; the 22nd does not.
    ok(post(people.officer, ref, "extend", working_days=1, told_resident_on="2026-10-21"))


def extended_six_days(people, ref):
    ok(post(people.officer, ref, "extend", working_days=6))


def acknowledged_with_two_points(people, ref):
    ok(
        people.officer.post(
            f"/complaints/{ref}/acknowledge",
            {
                "points": [POINT, "Rude contractor"],
                "outcomes_sought": ["Fix the damp"],
                "communication": sent(ACK_ON),
                "responsible_for_all": True,
            },
        )
    )


def issue_added(people, ref):
    ok(post(people.officer, ref, "add_issue"))


def answered_by_hamid_then_escalated(people, ref, **escalation):
    """hamid answers the officer's stage 1 (they share a team); then it is escalated."""
    same_team(people.officer, people.second_handler)
    ok(post(people.second_handler, ref, "respond"))
    ok(post(people.officer, ref, "escalate", **escalation))


def answered_by_hamid_then_escalated_that_afternoon(people, ref):
    answered_by_hamid_then_escalated(people, ref, occurred_at=f"{RESPOND_ON}T15:00:00Z")


ACK1, RESPONDED1 = "stage1_acknowledged", "stage1_responded"
WHEN = (("tomorrow", tomorrow), ("before-receipt", BEFORE_RECEIPT))
USERS = ("unknown", "inactive", "not_staff")
# Stage 2 acknowledged 2026-10-21: respond by 2026-11-18; limit 20 working days (6.15).
STAGE2_TOLD = {"told_resident_on": "2026-11-16"}
ACTION = {"description": "Treat the damp", "due_on": "2026-12-01"}
UPHELD_STAGE2 = [{"point": STAGE2_POINT, "decision": "upheld"}]

REFUSALS = [
    # The state machine: each command a state does not allow, with the rule it gives.
    *(
        row(f"{s}-{c}", s, c, {}, 409, None, machine_rule(s, c), says=NOT_REOPENED.get(s, ""))
        for s in STATES
        for c in STATE_COMMANDS
        if c not in ALLOWED[s]
    ),
    row(
        "respond-before-acknowledge",
        "stage1_accepted",
        "respond",
        {},
        409,
        None,
        "6.2",
        message="acknowledge and define the complaint at stage 1 before responding",
    ),
    *(
        row(f"no-third-stage-{s}", s, "escalate", {}, 409, None, "5.3", says="no third stage")
        for s in ("stage2_requested", "stage2_acknowledged")
    ),
    *(
        row(
            f"assign-{s}", s, "assign", {"handler_id": second_handler_id}, 409, None, "no-reopening"
        )
        for s in FINISHED
    ),
    *rows(
        None,
        "open",
        ("blank-summary", {"resident_id": new_resident_id, "summary": "  "}, 422, "summary", "5.6"),
        ("missing-summary", {"summary": DROP}, 422, "summary", None),
        ("unknown-resident", {"resident_id": 999}, 404, "resident_id", None),
        *(
            (f"{f}-after-receipt", {"received_at": RECEIVED_AT, f: "2026-10-02"}, 422, f, None)
            for f in ("issue_arose_on", "resident_aware_on")
        ),
        # Once named "occurred_at", a field this request does not have.
        ("future-received-at", {"received_at": tomorrow}, 422, "received_at", "5.12"),
        ("unknown-related-to", {"related_to": UNKNOWN}, 404, "related_to", None),
        ("unknown-channel", {"channel": "pigeon"}, 422, "channel", None),
        ("unknown-field", {"colour": "red"}, 422, "colour", None),
    ),
    # Received 2026-10-01; the issue arose on 2025-09-30, a day over 12 months before.
    *rows(
        "stage1_received",
        "accept",
        ("over-12-months-no-reason", {}, 422, "discretion_reason", "2.3"),
        ("over-12-months-empty-reason", {"discretion_reason": ""}, 422, "discretion_reason", "2.3"),
        (
            "over-12-months-blank-reason",
            {"discretion_reason": "   "},
            422,
            "discretion_reason",
            "2.3",
        ),
        opened={"issue_arose_on": "2025-09-30"},
    ),
    row("accept-twice", "stage1_accepted", "accept", {}, 409, None, "once-per-stage"),
    row("accept-refused", "refused", "accept", {}, 409, None, "no-reopening", says="not reopened"),
    *rows(
        "stage1_received",
        "refuse",
        ("reason-empty", {"reason": ""}, 422, "reason", "2.4"),
        ("reason-blank", {"reason": "  "}, 422, "reason", "2.4"),
        ("reason-missing", {"reason": DROP}, 422, "reason", "2.4"),
        ("unknown-exclusion", {"exclusion": "too_busy"}, 422, "exclusion", None),
    ),
    *(
        row(
            f"refuse-over-12-months-in-time-{name}",
            "stage1_received",
            "refuse",
            {"exclusion": "over_12_months"},
            422,
            "exclusion",
            "2.3",
            opened=dates,
        )
        for name, dates in (
            ("dates-not-recorded", {}),
            ("exactly-12-months", {"issue_arose_on": "2025-10-01"}),
            (
                "aware-this-year",
                {"issue_arose_on": "2024-01-01", "resident_aware_on": "2026-01-01"},
            ),
        )
    ),
    row("refuse-after-acceptance", "stage1_accepted", "refuse", {}, 409, None, "once-per-stage"),
    row("refuse-twice", "refused", "refuse", {}, 409, None, "no-reopening"),
    *rows(
        "stage1_accepted",
        "acknowledge",
        *(
            (f"{f}-{name}", {f: value}, 422, f, "5.6")
            for f in ("points", "outcomes_sought")
            for name, value in (("none", []), ("blank", ["", "  "]))
        ),
        *((f"{f}-missing", {f: DROP}, 422, f, None) for f in ("points", "outcomes_sought")),
        ("unknown-field", {"colour": "red"}, 422, "colour", None),
    ),
    row("acknowledge-before-accept", "stage1_received", "acknowledge", {}, 409, None, "2.1"),
    *rows(
        "stage2_requested",  # escalated 2026-10-20
        "acknowledge",
        ("stage2-by-the-stage1-handler", {"points": [STAGE2_POINT]}, 422, "handler", "6.13"),
        (
            "stage2-before-the-escalation",
            {"communication": sent("2026-10-19")},
            422,
            "communication.sent_on",
            "5.12",
            {"by": "second_handler"},
        ),
    ),
    # At most a working quarter: 1,000,000 working days was once accepted, and 10**30 a
    # server error.
    *rows(
        ACK1,
        "agree_update_interval",
        *(
            (f"every-{n}", {"every_working_days": n}, 422, "every_working_days", "5.9")
            for n in (0, -5, 66, 1_000_000, 10**30)
        ),
        ("agreed-in-the-future", {"agreed_on": tomorrows_date}, 422, "agreed_on", "5.12"),
    ),
    row(
        "clarification-blank",
        ACK1,
        "request_clarification",
        {"question": " "},
        422,
        "question",
        "5.7",
    ),
    *rows(
        ACK1,
        "record_conflict",
        *((f"no-{f}", {f: ""}, 422, f, "5.8") for f in ("description", "handling")),
    ),
    # Acknowledged 2026-10-05, so the respond-by date in force is 2026-10-19.
    *rows(
        ACK1,
        "extend",
        ("reason-empty", {"reason": ""}, 422, "reason", "6.4"),
        ("reason-blank", {"reason": "   "}, 422, "reason", "6.4"),
        ("reason-missing", {"reason": DROP}, 422, "reason", "6.4"),
        ("no-told-date", {"told_resident_on": None}, 422, "told_resident_on", "6.4"),
        (
            "told-after-the-respond-by-date",
            {"told_resident_on": "2026-10-20"},
            422,
            "told_resident_on",
            "6.4",
            {"says": "2026-10-19"},
        ),
        (
            "told-after-the-date-an-earlier-extension-moved",
            {"told_resident_on": "2026-10-23"},
            422,
            "told_resident_on",
            "6.4",
            {"before": extended_to_21_october},
        ),
        (
            "told-before-the-stage",
            {"told_resident_on": "2026-09-30"},
            422,
            "told_resident_on",
            "6.4",
        ),
        (
            "told-in-the-future",
            {"told_resident_on": tomorrows_date},
            422,
            "told_resident_on",
            "5.12",
        ),
        *(
            (f"{n}-days", {"working_days": n}, 422, "working_days", "6.4")
            for n in (0, -1, 251, 10**30)
        ),
        ("beyond-10-days-by-a-non-manager", {"working_days": 11}, 403, "working_days", "6.4"),
        (
            "beyond-10-days-in-total-by-a-non-manager",
            {"working_days": 5},
            403,
            "working_days",
            "6.4",
            {"before": extended_six_days},
        ),
        # Approval is the manager recording the extension, not a name someone else types.
        (
            "naming-a-manager-is-not-their-approval",
            {"working_days": 11, "approved_by": manager_id},
            422,
            "approved_by",
            None,
        ),
    ),
    *rows(
        "stage2_acknowledged",
        "extend",
        ("stage2-no-reason", {**STAGE2_TOLD, "reason": ""}, 422, "reason", "6.15"),
        ("stage2-no-told-date", {"told_resident_on": None}, 422, "told_resident_on", "6.15"),
        ("stage2-told-after", {"told_resident_on": "2026-11-19"}, 422, "told_resident_on", "6.15"),
        ("stage2-told-early", {"told_resident_on": "2026-10-19"}, 422, "told_resident_on", "6.15"),
        ("stage2-beyond-20-days", {**STAGE2_TOLD, "working_days": 21}, 403, "working_days", "6.15"),
        by="second_handler",
    ),
    *(
        row(f"add-issue-blank-{s}", s, "add_issue", {"description": " "}, 422, "description", "6.8")
        for s in (ACK1, RESPONDED1)
    ),
    row(
        "respond-every-point-needs-a-decision",
        "stage1_accepted",
        "respond",
        {},
        422,
        "decisions",
        "6.7",
        before=acknowledged_with_two_points,
        says="Rude contractor",
    ),
    *rows(
        ACK1,
        "respond",
        ("no-decisions", {"decisions": []}, 422, "decisions", "6.7"),
        (
            "decision-on-another-point-only",
            {"decisions": [{"point": "Something else", "decision": "upheld"}]},
            422,
            "decisions",
            "6.7",
        ),
        (
            "added-issue-undecided",
            {},
            422,
            "decisions",
            "6.7",
            {"before": issue_added, "says": "Mould"},
        ),
        (
            "invalid-decision",
            {"decisions": [{"point": POINT, "decision": "maybe"}]},
            422,
            "decisions.0.decision",
            None,
        ),
        ("blank-reasons", {"reasons": " "}, 422, "reasons", "6.7"),
        (
            "action-without-a-due-date",
            {"outstanding_actions": [{"description": "Treat the damp"}]},
            422,
            "outstanding_actions.0.due_on",
            None,
        ),
        *(
            (
                f"action-updated-every-{n}",
                {"outstanding_actions": [{**ACTION, "update_every": n}]},
                422,
                "outstanding_actions.0.update_every",
                None,
            )
            for n in (0, 66, 250, 10**30)
        ),
        (
            "action-without-a-description",
            {"outstanding_actions": [{"description": " ", "due_on": "2026-11-30"}]},
            422,
            "outstanding_actions.0.description",
            None,
        ),
        (
            "before-the-acknowledgement",  # acknowledged 2026-10-05
            {"communication": sent("2026-10-02")},
            422,
            "communication.sent_on",
            "5.12",
        ),
    ),
    *rows(
        "stage2_acknowledged",
        "respond",
        ("stage2-by-the-stage1-handler", {"decisions": UPHELD_STAGE2}, 422, "actor", "6.13"),
        ("stage2-undecided", {}, 422, "decisions", "6.18", {"by": "second_handler"}),
        (
            "stage2-no-reasons",
            {"reasons": "", "decisions": UPHELD_STAGE2},
            422,
            "reasons",
            "6.18",
            {"by": "second_handler"},
        ),
    ),
    # Stage 1 responded 2026-10-16.
    row(
        "escalate-before-the-response",
        RESPONDED1,
        "escalate",
        {"occurred_at": "2026-10-15T10:00:00Z"},
        422,
        "occurred_at",
        "5.12",
    ),
    # Who may take stage 2 (6.13), and who may be assigned at all.
    row(
        "assign-the-stage1-handler-at-stage2",
        "stage2_requested",
        "assign",
        {"handler_id": officer_id},
        422,
        "handler_id",
        "6.13",
    ),
    row(
        "assign-the-stage1-responder-at-stage2",
        ACK1,
        "assign",
        {"handler_id": second_handler_id},
        422,
        "handler_id",
        "6.13",
        before=answered_by_hamid_then_escalated,
    ),
    row(
        "acknowledge-stage2-by-the-stage1-responder",
        ACK1,
        "acknowledge",
        {"points": [STAGE2_POINT]},
        422,
        "handler",
        "6.13",
        by="second_handler",
        before=answered_by_hamid_then_escalated_that_afternoon,
    ),
    *rows(
        ACK1,
        "assign",
        *((f"{k}-user", {"handler_id": user(k)}, 422, "handler_id", None) for k in USERS),
    ),
    *rows(
        ACK1,
        "attach",
        ("no-body-or-file", {"body": "  "}, 422, "body", None),
        *(
            (f"unknown-{f}", {f: "carrier_pigeon", "file": a_file}, 422, f, None)
            for f in ("kind", "direction")
        ),
        ("blank-title", {"title": " "}, 422, "title", None),
        ("missing-title", {"title": DROP}, 422, "title", None),
    ),
    # When it happened: never in the future, never before the complaint was received.
    *(
        row(f"{command}-{name}", ALLOWED_IN[command], command, change, 422, field, "5.12")
        for name, when in WHEN
        for command in BODIES
        for change, field in [dated(command, when)]
    ),
    *(
        row(f"{c}-{name}", ACK1, c, {**body, "occurred_at": when}, 422, "occurred_at", "5.12")
        for name, when in WHEN
        for c, body in (("assign", {"handler_id": second_handler_id}), ("attach", {}))
    ),
    # Unknown fields, named (with a list item's index).
    *(
        row(f"{c}-unknown-field", ALLOWED_IN[c], c, {"colour": "red"}, 422, "colour", None)
        for c in BODIES
    ),
    row(
        "respond-unknown-field-in-a-decision",
        ACK1,
        "respond",
        {"decisions": [{"point": POINT, "decision": "upheld", "colour": "red"}]},
        422,
        "decisions.0.colour",
        None,
    ),
    *(row(f"{c}-unknown-reference", None, c, {}, 404, "reference", None) for c in BODIES),
]


class People:
    """The fixtures a row names (officer, second_handler, manager...), each made when a
    row first asks for it, as the tests of old asked only for those they used."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name: str):
        return self._request.getfixturevalue(name)


def send(api, ref: str, command: str, body: dict):
    if command == "open":
        return api.post("/complaints", body)
    if command == "attach":
        return api.upload(f"/complaints/{ref}/attachments", body)
    return api.post(f"/complaints/{ref}/{PATHS[command]}", body)


@pytest.mark.parametrize("refusal", REFUSALS)
def test_refused_naming_field_and_rule_and_nothing_written(refusal, request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    people = People(request)
    officer = people.officer
    ref = UNKNOWN
    if refusal.state:
        second = (
            people.second_handler if refusal.state in ("stage2_acknowledged", "closed") else None
        )
        ref = case_in(refusal.state, officer, second, **refusal.opened)
    if refusal.before:
        refusal.before(people, ref)
    # Everyone and everything the request names exists before it is sent.
    api, body = getattr(people, refusal.by), refusal.request_body(people)
    files = sorted(tmp_path.rglob("*"))
    with writes_nothing(*((officer, ref) if refusal.state else ())):
        response = send(api, ref, refusal.command, body)
        error = assert_refused(response, refusal.status, refusal.field, refusal.rule)
    assert sorted(tmp_path.rglob("*")) == files
    assert refusal.says in error["message"]
    if refusal.message:
        assert error["message"] == refusal.message


# --- what is not refused ----------------------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_allowed_commands_match_the_code(officer, second_handler, state):
    ref = case_in(state, officer, second_handler)
    assert set(ok(officer.get(f"/complaints/{ref}"))["allowed_commands"]) == ALLOWED[state]


@pytest.mark.parametrize("state", FINISHED)
def test_new_issue_on_a_finished_complaint_is_a_new_complaint(officer, second_handler, state):
    ref = case_in(state, officer, second_handler)
    code, new = post(officer, ref, "add_issue")
    assert code == 201, new
    assert new["related_to"] == ref
    assert ok(officer.get(f"/complaints/{ref}"))["status"] == state


def test_stage2_extension_of_20_days_is_within_the_limit(officer, second_handler):
    ref = case_in("stage2_acknowledged", officer, second_handler)
    ok(post(second_handler, ref, "extend", working_days=20, told_resident_on="2026-11-16"))


def test_a_few_minutes_of_clock_skew_is_allowed(officer):
    ref = case_in("stage1_acknowledged", officer)
    soon = (timezone.now() + dt.timedelta(seconds=30)).isoformat()
    ok(post(officer, ref, "record_conflict", occurred_at=soon))


def test_stage2_acknowledge_then_respond_by_other_people_is_fine(
    officer, second_handler, make_staff
):
    """The 6.13 refusals are not over-broad: a third person may answer stage 2."""
    ref = case_in("stage2_requested", officer)
    acknowledge(second_handler, ref, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
    third = ApiClient(make_staff("tess", "handler"))
    same_team(second_handler, third)
    case = ok(
        post(third, ref, "respond", decisions=[{"point": STAGE2_POINT, "decision": "not_upheld"}])
    )
    assert case["status"] == "closed"
    assert "6.13" not in case["breaches"]


# --- not found and not authenticated ----------------------------------------------------------


def test_unknown_reference_for_reads_assign_and_attach(officer):
    with writes_nothing():
        for path in ("", "/events"):
            assert_refused(
                officer.get(f"/complaints/CMP-2026-999999{path}"), 404, "reference", None
            )
        assert_refused(
            officer.post("/complaints/CMP-2026-999999/assign", {"handler_id": officer.user.pk}),
            404,
            "reference",
            None,
        )
        assert_refused(
            officer.upload("/complaints/CMP-2026-999999/attachments", attach_form()),
            404,
            "reference",
            None,
        )


def unauthenticated(header: str | None):
    return Client(**({"HTTP_AUTHORIZATION": header} if header else {}))


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer not-a-token", "Token abc"])
def test_missing_or_invalid_token_is_401(officer, header):
    ref = case_in("stage1_accepted", officer)
    client = unauthenticated(header)
    with writes_nothing(officer, ref):
        for response in (
            client.get(f"/api/v1/complaints/{ref}"),
            client.get("/api/v1/work-queue"),
            client.post(
                f"/api/v1/complaints/{ref}/acknowledge",
                data={"points": [POINT], "outcomes_sought": ["Fix"]},
                content_type="application/json",
            ),
            client.post("/api/v1/residents", data={"name": "Eve"}, content_type="application/json"),
        ):
            assert_refused((response.status_code, response.json()), 401, "Authorization", None)


@pytest.mark.parametrize("kind", ["revoked", "inactive", "no_casework_role"])
def test_token_of_a_revoked_inactive_or_non_casework_user_is_401(officer, make_staff, kind):
    user = make_staff("eve", "handler")
    api = ApiClient(user)
    if kind == "revoked":
        ApiToken.objects.filter(user=user).update(revoked_at=timezone.now())
    elif kind == "inactive":
        user.is_active = False
        user.save()
    else:
        user.groups.clear()
    ref = case_in("stage1_accepted", officer)
    with writes_nothing(officer, ref):
        assert_refused(post(api, ref, "acknowledge"), 401, "Authorization", None)


# --- the work queue ---------------------------------------------------------------------------


# "²" is a digit to str.isdigit() but not to int(); 23 digits and 2**63 are past the
# database's integers: each was a server error.
@pytest.mark.parametrize(
    "query, field",
    [
        ("handler=abc", "handler"),
        ("handler=%C2%B2", "handler"),
        ("handler=12345678901234567890123", "handler"),
        ("handler=-1", "handler"),
        ("offset=9223372036854775808", "offset"),
        ("offset=-1", "offset"),
        ("offset=1000001", "offset"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=%C2%B2", "limit"),
        ("stage=3", "stage"),
        ("stage=9223372036854775808", "stage"),
    ],
)
def test_work_queue_parameter_out_of_bounds_is_422_naming_it(officer, query, field):
    officer.client.raise_request_exception = False
    response = officer.client.get(f"/api/v1/work-queue?{query}")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field


def test_work_queue_takes_its_bounds(officer):
    for query in ("handler=me", "handler=1", "stage=2", "limit=500", "offset=1000000"):
        assert officer.get(f"/work-queue?{query}") == (200, []), query


# --- dates outside the working-day calendar (1990 to 2100): refusals, not server errors ----


def without_raising(api):
    """Let a server error come back as a 500 response instead of raising in the test."""
    api.client.raise_request_exception = False
    return api


def test_received_before_the_calendar_begins_is_refused(officer):
    # calendar, which raises CalendarError for years before 1990: a 500. Refuse it as 422.
    without_raising(officer)
    response = officer.client.post(
        "/api/v1/complaints",
        content_type="application/json",
        data={"summary": "Damp", "received_at": "1985-01-01T10:00:00Z"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "received_at"


def test_huge_extension_is_refused_and_the_case_stays_readable(officer, manager):
    # 30,000 working days is saved and committed, then rendering the case asks the
    # calendar for a date past 2100: a 500 now, and GET /complaints/<ref> 500s for ever.
    ref = case_in("stage1_acknowledged", officer)
    without_raising(officer)
    response = officer.client.post(
        f"/api/v1/complaints/{ref}/extensions",
        content_type="application/json",
        data={
            "working_days": 30000,
            "reason": "Rebuild",
            "told_resident_on": "2026-10-06",
        },
    )
    assert officer.client.get(f"/api/v1/complaints/{ref}").status_code == 200
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "working_days"


def test_occurred_at_in_year_one_is_refused(officer):
    # 0001-01-01 with a positive offset: a 500 instead of a 422 on occurred_at.
    ref = case_in("stage1_acknowledged", officer)
    without_raising(officer)
    with writes_nothing(officer, ref):
        response = officer.client.post(
            f"/api/v1/complaints/{ref}/conflicts",
            content_type="application/json",
            data={"description": "x", "handling": "y", "occurred_at": "0001-01-01T00:00:00+05:00"},
        )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "occurred_at"
