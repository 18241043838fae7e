"""Helpers for API tests: a complaint in a given state, and "a refusal wrote nothing".

Every case is back-dated so its dates can be checked against hand-worked
literals whatever day the suite runs:

- received Thursday 2026-10-01 (acknowledge by Thursday 2026-10-08);
- accepted and acknowledged Monday 2026-10-05 (respond by Monday 2026-10-19);
- stage 1 response Friday 2026-10-16;
- escalated Tuesday 2026-10-20 (acknowledge by Tuesday 2026-10-27);
- stage 2 acknowledged Wednesday 2026-10-21 (respond by Wednesday 2026-11-18);
- stage 2 response Monday 2026-11-16.

A test whose outcome depends on today's date (what is overdue, what is still in
the future, this year's folder) runs on TODAY with @pytest.mark.today(TODAY).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.apps import apps

from redress.code.london import london_date, parse_date_or_timestamp

RECEIVED_AT = "2026-10-01T10:00:00Z"
ACCEPTED_AT = "2026-10-05T09:00:00Z"
ACKNOWLEDGED_AT = "2026-10-05T10:00:00Z"
RESPONDED_AT = "2026-10-16T10:00:00Z"
ESCALATED_AT = "2026-10-20T10:00:00Z"
STAGE2_ACKNOWLEDGED_AT = "2026-10-21T10:00:00Z"
STAGE2_RESPONDED_AT = "2026-11-16T10:00:00Z"
# Tuesday 24 November 2026, a working day: after every date above and those the tests
# type, before any review or due date they give.
TODAY = dt.date(2026, 11, 24)

POINT = "Damp not fixed"
STAGE2_POINT = "Stage 1 did not fix the damp"

# Every state a complaint can be in, in the order a complaint reaches them.
STATES = (
    "stage1_received",
    "stage1_accepted",
    "stage1_acknowledged",
    "stage1_responded",
    "stage2_requested",
    "stage2_acknowledged",
    "closed",
    "refused",
)


def new_resident(api, name: str = "Ada Jones") -> int:
    status, body = api.post(
        "/residents", {"name": name, "postcode": "SE1 7PB", "email": "ada@example.org"}
    )
    assert status == 201, body
    return body["id"]


def ok(response, status: int = 200) -> dict:
    """The body of a response that must have succeeded with `status`."""
    code, body = response
    assert code == status, body
    return body


def open_case(api, resident: int | None = None, received_at: str = RECEIVED_AT, **extra) -> str:
    """A complaint logged at stage 1 (stage1_received); returns its reference."""
    if resident is None:
        resident = new_resident(api)
    body = ok(
        api.post(
            "/complaints",
            {
                "resident_id": resident,
                "summary": "Damp in the bedroom",
                "channel": "phone",
                "received_at": received_at,
                **extra,
            },
        ),
        201,
    )
    return body["reference"]


def accept(api, ref: str) -> dict:
    return ok(api.post(f"/complaints/{ref}/accept", {"occurred_at": ACCEPTED_AT}))


def sent(occurred_at: str | dt.date | dt.datetime, channel: str = "letter") -> dict:
    """An acknowledgement or response sent another way on the (London) day of
    `occurred_at`, as the API records it: its date, channel and a copy."""
    return {
        "how": "recorded",
        "sent_on": _day(occurred_at).isoformat(),
        "channel": channel,
        "note": "The letter as sent",
    }


def by_letter(occurred_at: str | dt.date | dt.datetime | None = None, channel: str = "letter"):
    """The same, for the services: a `Recorded` communication (today by default)."""
    from redress.cases.services import Recorded
    from redress.record.checks import today

    day = today() if occurred_at is None else _day(occurred_at)
    return Recorded(sent_on=day, channel=channel, note="The letter as sent")


def _day(moment: str | dt.date | dt.datetime) -> dt.date:
    if isinstance(moment, str):
        return parse_date_or_timestamp(moment)
    if isinstance(moment, dt.datetime):
        return london_date(moment)
    return moment


def acknowledge(api, ref: str, occurred_at: str = ACKNOWLEDGED_AT, point: str = POINT) -> dict:
    return ok(
        api.post(
            f"/complaints/{ref}/acknowledge",
            {
                "points": [point],
                "outcomes_sought": ["Fix the damp"],
                "communication": sent(occurred_at),
                "responsible_for_all": True,
            },
        )
    )


def respond(api, ref: str, occurred_at: str = RESPONDED_AT, point: str = POINT) -> dict:
    return ok(
        api.post(
            f"/complaints/{ref}/respond",
            {
                "decisions": [{"point": point, "decision": "upheld"}],
                "reasons": "The repair was missed",
                "communication": sent(occurred_at),
            },
        )
    )


def escalate(api, ref: str, occurred_at: str = ESCALATED_AT) -> dict:
    return ok(api.post(f"/complaints/{ref}/escalate", {"occurred_at": occurred_at}))


def case_in(state: str, officer, second_handler=None, **open_extra) -> str:
    """A complaint brought to `state` through the API by `officer` (stage 1) and
    `second_handler` (stage 2, needed for stage2_acknowledged and beyond)."""
    assert state in STATES, state
    ref = open_case(officer, **open_extra)
    if state == "stage1_received":
        return ref
    if state == "refused":
        ok(
            officer.post(
                f"/complaints/{ref}/refuse",
                {
                    "exclusion": "legal_proceedings",
                    "reason": "Court claim issued 1 September",
                    "occurred_at": ACCEPTED_AT,
                },
            )
        )
        return ref
    accept(officer, ref)
    if state == "stage1_accepted":
        return ref
    acknowledge(officer, ref)
    if state == "stage1_acknowledged":
        return ref
    respond(officer, ref)
    if state == "stage1_responded":
        return ref
    escalate(officer, ref)
    if state == "stage2_requested":
        return ref
    acknowledge(second_handler, ref, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
    if state == "stage2_acknowledged":
        return ref
    respond(second_handler, ref, STAGE2_RESPONDED_AT, STAGE2_POINT)
    assert state == "closed"
    return ref


def row_counts() -> dict[str, int]:
    """How many rows every Redress model holds."""
    return {
        model._meta.label: model._base_manager.count()
        for label in ("intake", "cases", "record", "staff")
        for model in apps.get_app_config(label).get_models()
    }


def events(api, ref: str) -> list[dict]:
    return ok(api.get(f"/complaints/{ref}/events"))


def assert_refused(response, status: int, field: str | None, rule: str | None) -> dict:
    """A refusal in the API's error shape, naming `field` and citing `rule`."""
    code, body = response
    assert code == status, body
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["message"], body
    assert (error["field"], error["rule"]) == (field, rule), body
    return error


@contextmanager
def writes_nothing(api=None, ref: str | None = None):
    """Assert the block adds no row anywhere and leaves the complaint (and its record) as it was."""
    before = row_counts()
    case_before = ok(api.get(f"/complaints/{ref}")) if ref else None
    events_before = events(api, ref) if ref else None
    yield
    assert row_counts() == before
    if ref:
        assert ok(api.get(f"/complaints/{ref}")) == case_before
        assert events(api, ref) == events_before


def same_team(*users, name: str = "Repairs complaints"):
    """Put users in one team, so each may open the others' cases."""
    from redress.staff.models import Team

    team, _ = Team.objects.get_or_create(name=name)
    team.members.add(*[getattr(u, "user", u) for u in users])
    return team


def dated_stage(**fields):
    """A Stage row made directly (a reader's test), each of its dates with the
    communication the table requires, recorded without a copy."""
    from redress.cases.models import Stage
    from redress.cases.services.communication import ACKNOWLEDGEMENT, RESPONSE, without_copy

    for dated, link, what in (
        ("acknowledged_on", "acknowledgement_sent", ACKNOWLEDGEMENT),
        ("responded_on", "response_sent", RESPONSE),
    ):
        if fields.get(dated) and link not in fields:
            item = without_copy(fields["complaint"], fields["number"], what, fields[dated], "test")
            item.save()
            fields[link] = item
    return Stage.objects.create(**fields)


def filed_under(name: str):
    """The category called `name` for a complaint made straight in the database: the
    landlord's, or else an imported one (as the migration keeps an old string)."""
    from redress.cases.models import Category

    if not name:
        return None
    found = Category.objects.filter(name=name).first()
    return found or Category.objects.create(name=name, active=False, imported=True)
