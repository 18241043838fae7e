"""People come and go: what a leaver holds is handed on before their account is deactivated.

A leaver may still handle open complaints and own open remedies or outstanding actions.
Deactivating them either hands all of it to one active case worker, each case through
the case services' `assign` (so the complaints officer's authority (4.1), the stage 2
separation (6.13) and the case's events apply, and one refused case refuses the lot),
or leaves it listed for the complaints officers: a notice to each for every complaint,
their cases under "(has left)" in the work queue's handler filter, and the sweeps'
reminders going to the officers instead. Either way nothing is stranded silently.
Runs inside `services.set_active`'s transaction.
"""

from __future__ import annotations

from redress.cases import handlers
from redress.cases import services as cases
from redress.cases.models import Complaint
from redress.cases.services import staff_user
from redress.notifications import services as notifications
from redress.record.errors import Forbidden, Refused
from redress.remedies import selectors as remedies_read
from redress.remedies import services as remedies
from redress.staff.roles import assigns_cases
from redress.ui.govuk import refusal_text


def holdings(user_id: int) -> dict:
    """What this person still holds: open complaints they handle, open items they own."""
    return {"cases": list(handlers.held_by(user_id)), "items": remedies_read.owned_by(user_id)}


def hand_on(user, *, actor, hand_to: int | None, leave: bool) -> dict:
    """Hand on what `user` holds, or refuse naming the field; the event's payload."""
    held = holdings(user.pk)
    cases_held = [c.reference for c in held["cases"]]
    if not cases_held and not held["items"]:
        return {}
    name = user.get_full_name() or user.get_username()
    if hand_to is not None:
        _reassign(cases_held, actor=actor, hand_to=hand_to)
        moved = remedies.hand_over(user.pk, actor=actor, to_user_id=hand_to)
        return {"handed_to": hand_to, "cases": cases_held, "items": moved}
    if not leave:
        raise Refused(
            f"{name} still holds {describe(held)}: reassign them to "
            "another handler, or leave them for the complaints officers",
            field="then",
        )
    if not notifications.officer_ids():
        raise Refused(
            "there is no active complaints officer to leave them for: reassign them",
            field="then",
        )
    return {"left_for_officers": cases_held, "items": len(held["items"])}


def tell_officers(user, event) -> None:
    """A notice to every complaints officer for each complaint the leaver left work on."""
    held = holdings(user.pk)
    references = {c.reference for c in held["cases"]} | {i.reference for i in held["items"]}
    complaints = Complaint.objects.filter(reference__in=references).order_by("id")
    notifications.work_left(user, complaints, event)


def _reassign(references: list[str], *, actor, hand_to: int) -> None:
    """Every case to `hand_to` through `assign`, or Refused naming each refused case."""
    staff_user(hand_to, "hand_to")
    if references and not assigns_cases(actor):
        raise Forbidden(
            "only a complaints officer can reassign cases: leave them for the complaints "
            "officers instead",
            field="hand_to",
            rule="4.1",
        )
    refused = []
    for reference in references:
        try:
            cases.assign(reference, actor=actor, handler_id=hand_to)
        except Refused as refusal:  # its savepoint is rolled back; the caller's will be too
            refused.append(f"{reference}: {refusal_text(refusal)}")
    if refused:
        raise Refused("; ".join(refused), field="hand_to")


def describe(held: dict) -> str:
    """What `holdings` found, in words: "2 open complaints and 1 open remedy or ..."."""
    parts = []
    if held["cases"]:
        parts.append(_plural(len(held["cases"]), "open complaint"))
    if held["items"]:
        many = "open remedies or outstanding actions"
        parts.append(_plural(len(held["items"]), "open remedy or outstanding action", many))
    return " and ".join(parts)


def _plural(n: int, one: str, many: str = "") -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"
