"""One complaint's life, step by step, as rows: what the services would have written.

Each step happens on a date the Code's clock gives (working days from the
landlord's calendar, cached per date), in the order the state machine allows;
a step that would fall after today has not happened yet, so the complaint stops
in the status it had reached. Its queue columns (`next_due`, `next_action`)
come from `redress.code.timescales.assess_complaint` and `duties.next_duty`,
the functions `redress.cases.clock.refresh_next_due` uses. Events carry the
actions and payloads the services record.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from functools import cache, lru_cache

from redress.code import london
from redress.code.duties import next_duty
from redress.code.regimes import Regime
from redress.code.stages import Status
from redress.code.timescales import Extension, StageFacts, assess_complaint
from redress.letters.models import Letter
from redress.record.chain import link, payload_digest

from . import knobs
from .people import Resident, Staff, resident
from .words import (
    ABOUT,
    ACTIONS,
    EXTENSION_REASONS,
    OUTCOMES,
    PDF,
    REASONS,
    RELATIONSHIPS,
    REMEDIES,
    SECOND_POINTS,
    STAGE2_POINT,
    STILL_WRONG,
    letter_parts,
)

OPEN = {
    Status.STAGE1_RECEIVED,
    Status.STAGE1_ACCEPTED,
    Status.STAGE1_ACKNOWLEDGED,
    Status.STAGE2_REQUESTED,
    Status.STAGE2_ACKNOWLEDGED,
}
DECISION_WORDS = {"upheld": "upheld", "partly_upheld": "partly upheld", "not_upheld": "not upheld"}


def _weighted(table: dict) -> tuple[list, list]:
    keys, total, cumulative = list(table), 0, []
    for key in keys:
        total += table[key]
        cumulative.append(total)
    return keys, cumulative


@lru_cache(maxsize=4096)
def _moment(stamp: str) -> dt.datetime:
    """A database timestamp text as the UTC datetime it is read back as."""
    moment = dt.datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# A million letters' dates: each distinct day is written out once.
long_date = cache(london.long_date)


class History:
    """Makes complaints one after another, into `rows` (table name to list of tuples)."""

    def __init__(
        self,
        *,
        seed: int,
        today: dt.date,
        now: dt.datetime,
        calendar,
        regime: Regime,
        staff: Staff,
        contractors: tuple[int, ...],
        categories: dict[str, int],
        templates: dict[str, tuple[int, int]],
        bands: list[tuple[str, float, float | None]],
        estates: int,
        next_ids: dict[str, int],
        chain_tip: str,
        stamp,
    ):
        self.rng = random.Random(seed)
        self.seed, self.today, self.calendar, self.regime = seed, today, calendar, regime
        self.now = now.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
        self.add = lru_cache(maxsize=None)(calendar.add_working_days)
        self.staff, self.contractors, self.templates, self.bands = (
            staff,
            contractors,
            templates,
            bands,
        )
        self.estates, self.stamp = estates, stamp
        self.category_ids = categories
        self.ids = dict(next_ids)
        self.chain = chain_tip
        self.first_resident = next_ids["intake_resident"]
        self.rows: dict[str, list[tuple]] = defaultdict(list)
        self.channels = _weighted(knobs.CHANNELS)
        self.categories = _weighted(knobs.CATEGORIES)
        self.exclusions = _weighted(knobs.EXCLUSIONS)
        self.decisions = _weighted(knobs.DECISIONS)
        self.amounts = _weighted({band: band[0] for band in knobs.AMOUNTS})
        self.case_workers = staff.handlers + staff.managers
        self._offsets: dict[dt.date, dt.timedelta] = {}
        self._last: dt.datetime | None = None
        self._last_day: dt.date | None = None

    def take(self) -> dict[str, list[tuple]]:
        rows, self.rows = self.rows, defaultdict(list)
        return rows

    def _id(self, table: str) -> int:
        found = self.ids[table]
        self.ids[table] = found + 1
        return found

    def _at(self, day: dt.date) -> str:
        """A moment in working hours on `day` (London), after the case's last one, not
        after now; as the database's UTC timestamp text."""
        offset = self._offsets.get(day)
        if offset is None:
            from redress.code.london import LONDON

            noon = dt.datetime.combine(day, dt.time(12), tzinfo=LONDON)
            offset = self._offsets[day] = noon.utcoffset()
        moment = dt.datetime.combine(day, dt.time(8, 30)) - offset
        moment += dt.timedelta(minutes=self.rng.randrange(540))
        # Steps on one day follow each other; a later-dated step (a remedy paid) may be
        # written before an earlier one (the case closed) and keeps its own date.
        if day == self._last_day and moment <= self._last:
            moment = self._last + dt.timedelta(minutes=self.rng.randrange(1, 20))
        moment = min(moment, self.now)
        self._last, self._last_day = moment, day
        return self.stamp(moment)

    def _event(self, kind: str, subject: int, action: str, actor, at: str, payload: dict):
        """An event sealed into the chain after the one made before it (ids ascend)."""
        pk, moment = self._id("record_event"), _moment(at)
        digest = payload_digest(payload, stored=True)  # plain JSON values already
        self.chain = link(
            self.chain, (pk, kind, subject, action, actor, "", moment, moment, digest, None)
        )
        self.rows["record_event"].append(
            (
                pk,
                kind,
                subject,
                action,
                actor,
                "",
                at,
                at,
                json.dumps(payload),
                None,
                digest,
                self.chain,
            )
        )

    # -- the complaint ---------------------------------------------------------------

    def complaint(self, received: dt.date) -> None:
        r = self.rng
        self._last_day = None
        cid = self._id("cases_complaint")
        reference = f"CMP-{received.year}-{cid:06d}"
        officer = self.staff.officer
        at = self._at(received)
        rid, person = self._resident(at, received)
        representative = None
        if r.random() < knobs.REPRESENTATIVE:
            representative = self._representative(rid, person, received)
        channel = r.choices(*self.channels)[0]
        category = r.choices(*self.categories)[0]
        summary = r.choice(ABOUT[category])
        contractor = None
        if category == "Contractors" or (
            category in ("Repairs", "Damp and mould") and r.random() < knobs.CONTRACTOR
        ):
            contractor = r.choice(self.contractors)
        refused = r.random() < knobs.REFUSAL
        exclusion = r.choices(*self.exclusions)[0] if refused else ""
        old = exclusion == "over_12_months"
        arose = received - dt.timedelta(days=r.randint(380, 900) if old else r.randint(3, 120))
        contact = self._id("intake_contact")
        self.rows["intake_contact"].append(
            (contact, rid, representative, channel, "complaint", summary, at, False, False)
        )
        self.rows["cases_issue"].append(
            (self._id("cases_issue"), cid, summary, received.isoformat())
        )
        self._event(
            "complaint",
            cid,
            "received",
            officer,
            at,
            {
                "summary": summary,
                "channel": channel,
                "related_to": None,
                "service_request": None,
                "representative": representative,
            },
        )
        self._event(
            "contact",
            contact,
            "contact_recorded",
            officer,
            at,
            {
                "channel": channel,
                "classification": "complaint",
                "told_how_to_complain": False,
                "offered_choice_to_complain": False,
            },
        )
        case = _Case(cid, reference, received, summary, person, representative)
        if refused:
            self._refuse(case, exclusion)
        else:
            self._stage_one(case)
        next_due, next_action = None, ""
        if case.status in OPEN:
            clock = assess_complaint(
                case.facts.get(1),
                case.facts.get(2),
                self.regime,
                self.calendar,
                self.today,
            )
            duty = next_duty(case.status, clock.stage1, clock.stage2)
            if duty:
                next_due, next_action = duty.due.isoformat(), duty.action
        self.rows["cases_complaint"].append(
            (
                cid,
                reference,
                rid,
                representative,
                contact,
                None,
                None,
                channel,
                self.category_ids[category],
                contractor,
                summary,
                received.isoformat(),
                arose.isoformat(),
                None,
                case.status.value,
                case.handler,
                next_due,
                next_action,
                self.regime.key,
                exclusion if case.status == Status.REFUSED else "",
                case.refusal_reason,
                at,
            )
        )
        for stage in case.stages:
            self.rows["cases_stage"].append(stage)

    def _resident(self, at: str, received: dt.date) -> tuple[int, Resident]:
        r = self.rng
        made = self.ids["intake_resident"] - self.first_resident
        if made and r.random() < knobs.REPEAT:
            rid = self.first_resident + r.randrange(made)
            return rid, resident(self.seed, rid, self.estates)
        rid = self._id("intake_resident")
        person = resident(self.seed, rid, self.estates)
        self.rows["intake_resident"].append(
            (
                rid,
                person.name,
                person.tenure,
                person.address,
                person.postcode,
                person.email,
                person.phone,
                person.tenancy_reference,
                person.block,
                person.estate,
                at,
            )
        )
        self._event(
            "resident", rid, "resident_recorded", self.staff.officer, at, {"name": person.name}
        )
        if person.adjustment:
            adjustment, letters_in, disability = person.adjustment
            self.rows["intake_reasonableadjustment"].append(
                (
                    self._id("intake_reasonableadjustment"),
                    rid,
                    adjustment,
                    letters_in,
                    disability,
                    (received + dt.timedelta(days=365)).isoformat(),
                    received.isoformat(),
                )
            )
            self._event(
                "resident",
                rid,
                "adjustment_recorded",
                self.staff.officer,
                at,
                {
                    "adjustment": adjustment,
                    "review_on": (received + dt.timedelta(days=365)).isoformat(),
                    "disability_disclosed": disability,
                },
            )
        return rid, person

    def _representative(self, rid: int, person: Resident, received: dt.date) -> int:
        pk = self._id("intake_representative")
        name = f"{self.rng.choice(('Alex', 'Jo', 'Chris', 'Sam'))} {person.name.split()[-1]}"
        self.rows["intake_representative"].append(
            (
                pk,
                rid,
                name,
                self.rng.choice(RELATIONSHIPS),
                "Signed consent form",
                received.isoformat(),
                "",
                "",
            )
        )
        return pk

    def _refuse(self, case: _Case, exclusion: str) -> None:
        on = self.add(case.received, self.rng.randint(0, 4))
        case.stages.append(self._stage_row(case, 1, case.received))
        case.facts[1] = StageFacts(1, case.received)
        if on > self.today:
            case.status = Status.STAGE1_RECEIVED
            return
        at = self._at(on)
        officer = self.staff.officer
        reason = knobs.EXCLUSION_REASONS[exclusion]
        self._event(
            "complaint",
            case.id,
            "refused",
            officer,
            at,
            {"exclusion": exclusion, "reason": reason},
        )
        case.status = Status.REFUSED
        case.refusal_reason = reason
        case.facts.clear()
        self._letter(case, "refusal", 1, officer, on, at, reason=reason)

    def _stage_one(self, case: _Case) -> None:
        r, officer = self.rng, self.staff.officer
        accepted = self.add(case.received, 1) if r.random() < 0.3 else case.received
        if accepted > self.today:
            case.status = Status.STAGE1_RECEIVED
            case.stages.append(self._stage_row(case, 1, case.received))
            case.facts[1] = StageFacts(1, case.received)
            return
        at = self._at(accepted)
        self._event(
            "complaint",
            case.id,
            "accepted",
            officer,
            at,
            {"in_time": True, "discretion_reason": ""},
        )
        handler = r.choice(self.staff.handlers)
        self._event("complaint", case.id, "assigned", officer, at, {"handler": handler})
        case.handler = handler
        case.status = Status.STAGE1_ACCEPTED
        points = [case.summary]
        if r.random() < 0.35:
            points.append(r.choice(SECOND_POINTS))
        self._stage(case, 1, case.received, accepted, handler, points)
        if case.status != Status.STAGE1_RESPONDED:
            return
        responded = case.responded[1]
        if r.random() < knobs.ESCALATION:
            requested = self.add(responded, r.randint(1, knobs.ESCALATE_WITHIN))
            if requested > self.today:
                return
            at = self._at(requested)
            still_wrong = r.choice(STILL_WRONG)
            self._event(
                "complaint", case.id, "escalated", officer, at, {"still_wrong": still_wrong}
            )
            second = handler
            while second == handler:
                second = r.choice(self.case_workers)
            self._event("complaint", case.id, "assigned", officer, at, {"handler": second})
            case.handler = second
            case.status = Status.STAGE2_REQUESTED
            self._stage(
                case, 2, requested, requested, second, [STAGE2_POINT], still_wrong=still_wrong
            )
            return
        closed = self.add(responded, knobs.CLOSE_AFTER)
        if closed <= self.today:
            self._event(
                "complaint",
                case.id,
                "closed",
                officer,
                self._at(closed),
                {"note": "No escalation requested"},
            )
            case.status = Status.CLOSED

    def _stage(
        self,
        case: _Case,
        number: int,
        requested: dt.date,
        ready: dt.date,
        handler: int,
        points: list[str],
        still_wrong: str = "",
    ) -> None:
        """Acknowledge, perhaps extend, and answer one stage, as far as today allows."""
        r = self.rng
        timescale = self.regime.stage(number)
        within = timescale.acknowledge_within or 1
        if r.random() < knobs.LATE_ACKNOWLEDGEMENT:
            days = r.randint(within + 1, within + 6)
        else:
            days = r.choice(range(1, within + 1))
        acknowledged = max(self.add(requested, days), ready)
        if acknowledged > self.today:
            case.stages.append(self._stage_row(case, number, requested, note=still_wrong))
            case.facts[number] = StageFacts(number, requested)
            return
        definition = {
            "points": points,
            "outcomes_sought": r.sample(OUTCOMES, 2),
            # As a handler states it (5.7): we are responsible for all of it.
            "responsible_for_all": True,
            "responsible_for": [case.summary] if number == 1 else [],
            "not_responsible_for": [],
        }
        at = self._at(acknowledged)
        self._event(
            "complaint",
            case.id,
            "acknowledged",
            handler,
            at,
            {"stage": number, "definition": definition, "handler": handler},
        )
        case.status = Status.STAGE1_ACKNOWLEDGED if number == 1 else Status.STAGE2_ACKNOWLEDGED
        respond_by = self.add(acknowledged, timescale.respond_within)
        sent = self._letter(
            case,
            "acknowledgement",
            number,
            handler,
            acknowledged,
            at,
            points="; ".join(points),
            respond_by=long_date(respond_by),
        )
        stage_id = self.ids["cases_stage"]
        extensions: tuple[Extension, ...] = ()
        if r.random() < knobs.EXTENSION:
            told = self.add(acknowledged, r.randint(2, timescale.respond_within - 1))
            if told <= self.today:
                days = r.choice((timescale.extension_limit // 2, timescale.extension_limit))
                reason = r.choice(EXTENSION_REASONS)
                extensions = (Extension(days, told, reason),)
                row = (self._id("cases_extension"), stage_id, days, reason, told.isoformat())
                self.rows["cases_extension"].append((*row, None, False))
                at = self._at(told)
                self._event(
                    "complaint",
                    case.id,
                    "extended",
                    handler,
                    at,
                    {
                        "stage": number,
                        "working_days": days,
                        "reason": reason,
                        "told_resident_on": told.isoformat(),
                        "approved_by": None,
                    },
                )
                respond_by = self.add(respond_by, days)
                self._letter(
                    case,
                    "extension",
                    number,
                    handler,
                    told,
                    at,
                    reason=reason.lower(),
                    respond_by=long_date(respond_by),
                )
        within = timescale.respond_within
        if r.random() < knobs.LATE_RESPONSE:
            responded = self.add(respond_by, r.randint(1, 15))
        elif extensions:  # extended because the first date could not be met
            responded = self.add(acknowledged, within + r.randint(1, extensions[0].working_days))
        else:
            responded = self.add(acknowledged, r.randint(max(1, within // 3), within))
        facts = dict(acknowledged_on=acknowledged, extensions=extensions, handler=f"user:{handler}")
        if responded > self.today:
            row = self._stage_row(
                case,
                number,
                requested,
                acknowledged,
                None,
                handler,
                definition,
                {},
                still_wrong,
                (sent, None),
            )
            case.stages.append(row)
            case.facts[number] = StageFacts(number, requested, **facts)
            return
        response, answer = self._respond(case, number, handler, points, responded)
        row = self._stage_row(
            case,
            number,
            requested,
            acknowledged,
            responded,
            handler,
            definition,
            response,
            still_wrong,
            (sent, answer),
        )
        case.stages.append(row)
        case.facts[number] = StageFacts(number, requested, responded_on=responded, **facts)
        case.responded[number] = responded
        case.status = Status.STAGE1_RESPONDED if number == 1 else Status.CLOSED

    def _respond(
        self, case: _Case, number: int, handler: int, points: list[str], on: dt.date
    ) -> tuple[dict, int]:
        """The stage's answer (decisions and reasons; its remedies and actions are rows)
        and the id of the letter's correspondence that sent it."""
        r = self.rng
        decisions = [{"point": p, "decision": r.choices(*self.decisions)[0]} for p in points]
        upheld = any(d["decision"] != "not_upheld" for d in decisions)
        remedies, actions = [], []
        if upheld and r.random() < knobs.REMEDY_WHEN_UPHELD:
            remedies.append(self._remedy(case, number, handler, on))
        if upheld and r.random() < knobs.ACTION_WHEN_UPHELD:
            actions.append(self._action(case, number, handler, on))
        response = {"decisions": decisions, "reasons": r.choice(REASONS)}
        at = self._at(on)
        payload = {
            "stage": number,
            **response,
            "remedies": remedies,
            "outstanding_actions": actions,
        }
        self._event("complaint", case.id, "responded", handler, at, payload)
        words = "; ".join(f"{d['point']}: {DECISION_WORDS[d['decision']]}" for d in decisions)
        next_step = (
            "If you are unhappy you can ask us to consider your complaint at stage 2."
            if number == 1
            else "This is our final response: you can refer your complaint to the Housing "
            "Ombudsman on 0300 111 3000."
        )
        sent = self._letter(
            case, "stage_response", number, handler, on, at, decisions=words, next_step=next_step
        )
        return response, sent

    def _remedy(self, case: _Case, number: int, handler: int, on: dt.date) -> dict:
        r = self.rng
        if r.random() < knobs.FINANCIAL_SHARE:
            kind = "financial"
            _, low, high = r.choices(*self.amounts)[0]
            amount = f"{round(r.uniform(low, high) / 5) * 5:.2f}"
        else:
            kind, amount = r.choice(("apology", "explanation", "action_on_delay")), None
        band = ""
        if amount is not None:
            value = float(amount)
            band = next(
                (k for k, lo, hi in self.bands if lo <= value and (hi is None or value <= hi)), ""
            )
        description = REMEDIES[kind]
        due = self.add(on, 20)
        status, declined, completed, evidence = "offered", None, None, ""
        if r.random() < knobs.REMEDY_DECLINED:
            day = self.add(on, r.randint(1, 10))
            if day <= self.today:
                status, declined = "declined", day
        else:
            day = self.add(on, r.randint(2, 30))
            if day <= self.today:
                status, completed = "completed", day
                evidence = "Paid by BACS" if kind == "financial" else "Confirmed with the resident"
        pk = self._id("remedies_remedy")
        self.rows["remedies_remedy"].append(
            (
                pk,
                case.id,
                number,
                kind,
                description,
                None,
                handler,
                None,
                due.isoformat(),
                False,
                status,
                on.isoformat(),
                None,
                declined and declined.isoformat(),
                completed and completed.isoformat(),
                evidence,
                None,
                None,
                "",
                "",
                None,
                None,
                None,
                None,
                amount,
                band,
                self._at(on),
            )
        )
        if status != "offered":
            day = declined or completed
            self._event(
                "complaint",
                case.id,
                f"remedy_{status}",
                handler,
                self._at(day),
                {
                    "remedy": pk,
                    "kind": kind,
                    "description": description,
                    "amount": amount,
                    "due_on": due.isoformat(),
                    "band": band,
                    "on": day.isoformat(),
                    "evidence": evidence,
                },
            )
        return {"kind": kind, "description": description, "amount": amount}

    def _action(self, case: _Case, number: int, handler: int, on: dt.date) -> dict:
        r = self.rng
        description = r.choice(ACTIONS)
        due = self.add(on, r.randint(10, 40))
        done = self.add(on, r.randint(5, 45))
        completed = done if done <= self.today else None
        pk = self._id("cases_outstandingaction")
        self.rows["cases_outstandingaction"].append(
            (
                pk,
                case.id,
                number,
                description,
                due.isoformat(),
                completed and completed.isoformat(),
                None,
                handler,
                None,
                "Works order closed" if completed else "",
                None,
                None,
            )
        )
        if completed:
            self._event(
                "complaint",
                case.id,
                "action_completed",
                handler,
                self._at(completed),
                {
                    "action": pk,
                    "description": description,
                    "on": completed.isoformat(),
                    "evidence": "Works order closed",
                },
            )
        return {"description": description, "due_on": due.isoformat(), "update_every": None}

    def _stage_row(
        self,
        case: _Case,
        number: int,
        requested: dt.date,
        acknowledged: dt.date | None = None,
        responded: dt.date | None = None,
        handler: int | None = None,
        definition: dict | None = None,
        response: dict | None = None,
        note: str = "",
        sent: tuple[int | None, int | None] = (None, None),
    ) -> tuple:
        return (
            self._id("cases_stage"),
            case.id,
            number,
            requested.isoformat(),
            acknowledged and acknowledged.isoformat(),
            responded and responded.isoformat(),
            handler if acknowledged else None,
            handler if responded else None,
            "",
            json.dumps(definition or {}),
            json.dumps(response or {}),
            note,
            *sent,  # the correspondence that acknowledged it, and that answered it
        )

    def _letter(
        self, case: _Case, kind: str, stage: int, actor: int, on: dt.date, at: str, **facts
    ) -> int:
        """Issue a letter: its row, its correspondence (whose id it returns), its event."""
        person = case.person
        subject, html, text = letter_parts(kind, person.name, case.reference, stage=stage, **facts)
        email = person.email
        delivery = "email" if email else "post"
        address = "\n".join(p for p in (person.address, person.postcode) if p)
        large_print = bool(person.adjustment and person.adjustment[1] == "large_print")
        stored = {
            "reference": case.reference,
            "today": long_date(on),
            "stage": stage,
            "kind": kind,
            "resident": {"name": person.name, "address": address, "email": email},
            "handler": {"name": self.staff.names.get(actor, "")},
            "letters_in": person.adjustment[1] if person.adjustment else "",
            "large_print": large_print,
            "generated": True,
        }
        template, version = self.templates[kind]
        sha = Letter.digest(html, text, PDF)
        letter = self._id("letters_letter")
        recipient = email if email else f"{person.name}\n{address}"[:250]
        self.rows["letters_letter"].append(
            (
                letter,
                case.id,
                kind,
                stage,
                template,
                subject,
                html,
                text,
                PDF,
                json.dumps(stored),
                large_print,
                delivery,
                recipient,
                actor,
                at,
                sha,
            )
        )
        item = self._id("cases_correspondence")
        self.rows["cases_correspondence"].append(
            (item, case.id, delivery if email else "letter", "outgoing", subject, text, "", at)
        )
        self._event(
            "complaint",
            case.id,
            "letter_issued",
            actor,
            at,
            {
                "letter": letter,
                "kind": kind,
                "stage": stage,
                "delivery": delivery,
                "title": subject,
                "correspondence": item,
                "sha256": sha,
                "template_version": version,
            },
        )
        return item


class _Case:
    """What the steps of one complaint share while it is being made."""

    def __init__(self, pk, reference, received, summary, person, representative):
        self.id, self.reference, self.received, self.summary = pk, reference, received, summary
        self.person, self.representative = person, representative
        self.status = Status.STAGE1_RECEIVED
        self.refusal_reason = ""
        self.handler: int | None = None
        self.stages: list[tuple] = []
        self.facts: dict[int, StageFacts] = {}
        self.responded: dict[int, dt.date] = {}
