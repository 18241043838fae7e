"""Required elements of each letter, by structure, with the provision that requires them."""

from __future__ import annotations

import pytest

from redress.code.letters import REQUIRED, LetterKind, missing_elements

OMBUDSMAN = {"contact": "Housing Ombudsman Service, PO Box 152, Liverpool L33 7WQ"}


def stage_response(**changes) -> dict:
    context = {
        "stage": 1,
        "definition": {"points": ["Damp not fixed", "Rude call"], "outcomes_sought": ["Fix"]},
        "decisions": [
            {"point": "Damp not fixed", "decision": "upheld"},
            {"point": "Rude call", "decision": "not_upheld"},
        ],
        "reasons": "Our repairs policy gives 28 days; we took 60.",
        "remedies": [{"kind": "apology", "description": "We apologise"}],
        "outstanding_actions": [{"description": "Treat mould", "due_on": "2026-12-01"}],
        "escalation_route": "Reply to this letter to ask for stage 2.",
    }
    context.update(changes)
    return context


def test_a_complete_stage_response_lacks_nothing():
    assert missing_elements(LetterKind.STAGE_RESPONSE, stage_response()) == []


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("stage", "(a) the complaint stage"),
        ("definition", "(b) the complaint definition"),
        ("reasons", "(d) the reasons for the decisions"),
        ("remedies", "(e) the remedy offered, or that none is"),
        ("outstanding_actions", "(f) the outstanding actions, or that there are none"),
        ("escalation_route", "(g) how to escalate"),
    ],
)
def test_each_of_a_to_g_is_named_when_missing(key, label):
    context = stage_response(**{key: None})
    assert (label, "6.9") in missing_elements(LetterKind.STAGE_RESPONSE, context)


def test_stage_2_cites_6_19():
    context = stage_response(stage=2, reasons=" ")
    assert missing_elements(LetterKind.STAGE_RESPONSE, context) == [
        ("(d) the reasons for the decisions", "6.19")
    ]


def test_a_point_without_a_decision_is_missing_c():
    context = stage_response(decisions=[{"point": "Damp not fixed", "decision": "upheld"}])
    assert missing_elements(LetterKind.STAGE_RESPONSE, context) == [
        ("(c) the decision on each point", "6.9")
    ]


def test_none_counts_only_when_said_explicitly():
    silent = stage_response(remedies=[], outstanding_actions=[])
    assert len(missing_elements(LetterKind.STAGE_RESPONSE, silent)) == 2
    said = stage_response(
        remedies=[], outstanding_actions=[], no_remedy=True, no_outstanding_actions=True
    )
    assert missing_elements(LetterKind.STAGE_RESPONSE, said) == []


def test_an_extension_notice_needs_the_ombudsmans_details():
    context = {"stage": 2, "extension": {"new_date": "2026-12-20", "reason": "Survey"}}
    assert missing_elements(LetterKind.EXTENSION, context) == [
        ("the Housing Ombudsman's contact details", "6.16")
    ]
    assert missing_elements(LetterKind.EXTENSION, {**context, "ombudsman": OMBUDSMAN}) == []


def test_a_refusal_needs_reasons_and_the_ombudsman_route():
    assert [p for _, p in missing_elements(LetterKind.REFUSAL, {})] == ["2.4", "2.4"]
    context = {"refusal": {"reason": "Court claim issued"}, "ombudsman": OMBUDSMAN}
    assert missing_elements(LetterKind.REFUSAL, context) == []


def test_a_remedy_offer_says_by_when():
    context = {"remedies": [{"description": "£150", "due_on": None}]}
    assert missing_elements(LetterKind.REMEDY_OFFER, context) == [
        ("by when each remedy will happen", "7.3")
    ]


def test_every_kind_has_rules():
    assert set(REQUIRED) == set(LetterKind)
