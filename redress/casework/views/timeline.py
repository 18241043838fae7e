"""The case page's record: its events and notices as timeline entries, newest first.

Each entry says what happened at which stage, to whom (an assignment names the handler),
with what (an extension's working days and the respond-by date it set, a refusal's
exclusion ground beside its reason), and shows the correspondence its event put on the
case in full: text, sender, and its files as downloads.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils.formats import date_format

from redress.cases.correspondence import Item, case_correspondence, event_correspondence
from redress.cases.models import Complaint, Exclusion
from redress.cases.selectors import case_history
from redress.cases.words import EVENT_WORDS, change_words
from redress.notifications.selectors import timeline_entries
from redress.record.models import Event

# Payload keys worth a line under a timeline entry.
EVENT_DETAIL_KEYS = ("reason", "question", "description", "note", "still_wrong", "title", "sent")
# Events about the complaint's stages; others (a showing of support needs, a resident's
# code to check progress) have none.
NOT_STAGED = {
    "special_category.read",
    "corrected",
    "status_code_sent",
    "status_code_accepted",
    "status_code_refused",
}


def _long(value) -> str:
    """An ISO date from a payload as the page writes dates ("Monday 7 December 2026")."""
    try:
        return date_format(dt.date.fromisoformat(str(value)), "l j F Y")
    except ValueError:
        return str(value)


def _people(events: list[Event]) -> dict[int, str]:
    """The names of the handlers the events name, in one query."""
    ids = {e.payload.get("handler") for e in events}
    users = get_user_model().objects.in_bulk([i for i in ids if type(i) is int])
    return {pk: u.get_full_name() or u.get_username() for pk, u in users.items()}


def _stages(events: list[Event]) -> dict[int, int]:
    """The stage each event belongs to: its own word for it, else stage 2 from the
    escalation on (in the order the record was written), else stage 1."""
    found, stage = {}, 1
    for event in sorted(events, key=lambda e: e.pk):
        if event.action == "escalated":
            stage = 2
        own = event.payload.get("stage")
        if event.action not in NOT_STAGED and event.subject_kind == "complaint":
            found[event.pk] = own if type(own) is int else stage
    return found


def _what(event: Event, names: dict[int, str]) -> list[str]:
    """The lines saying to whom and with what: the handler, the extension, the ground."""
    payload = event.payload
    lines = []
    handler = payload.get("handler")
    if event.action == "assigned" and handler is not None:
        lines.append(f"Assigned to {names.get(handler, 'a former member of staff')}")
    if event.action == "extended":
        days = payload.get("working_days")
        lines.append(f"{days} more working day{'s' if days != 1 else ''}")
        if payload.get("respond_by"):
            lines.append(f"New respond-by date: {_long(payload['respond_by'])}")
        if payload.get("told_resident_on"):
            lines.append(f"Resident told on {_long(payload['told_resident_on'])}")
    if event.action == "refused" and payload.get("exclusion"):
        ground = payload["exclusion"]
        lines.append(f"Ground: {Exclusion(ground).label if ground in Exclusion.values else ground}")
    return lines


def _details(payload: dict, *, shown: bool) -> list[str]:
    """The lines under a timeline entry: its words, and a change's before and after (a
    category chosen on accepting keeps its change under "category"). A title is left to
    the correspondence it names when that is `shown`."""
    keys = [k for k in EVENT_DETAIL_KEYS if not (shown and k == "title")]
    found = [str(payload[k]) for k in keys if payload.get(k)]
    change = payload.get("category")
    change = change if isinstance(change, dict) else payload
    if "before" in change and "after" in change:
        found += [f"Before: {change_words(change['before'])}"]
        found += [f"After: {change_words(change['after'])}"]
    return found


def _entry(event: Event, stage, names, items: dict[int, Item]) -> dict:
    words = EVENT_WORDS.get(event.action, event.action.replace("_", " ").capitalize())
    shown = event_correspondence(event, items)
    return {
        "action": f"{words} (stage {stage})" if stage and "stage" not in words else words,
        "who": event.who,
        "occurred_at": event.occurred_at,
        "recorded_at": event.recorded_at,
        "backdated": event.backdated,
        "details": _what(event, names) + _details(event.payload, shown=bool(shown)),
        "correspondence": shown,
    }


def case_record(complaint: Complaint) -> tuple[list[dict], list[Item]]:
    """The timeline (events and notices, newest first) and the correspondence list."""
    events = list(case_history(complaint).order_by("-occurred_at", "-id"))
    items = case_correspondence(complaint, events)
    stages, names = _stages(events), _people(events)
    entries = [_entry(e, stages.get(e.pk), names, items) for e in events]
    notices = timeline_entries(complaint)
    timeline = sorted(entries + notices, key=lambda e: e["occurred_at"], reverse=True)
    return timeline, list(items.values())
