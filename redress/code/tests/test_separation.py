"""Who considered stage 1, from the record (6.13): everyone, not the last handler only."""

from __future__ import annotations

from redress.code.separation import Act, StageOne, stage_one_people

HAMID, PRIYA, OLIVE, TESS = 1, 2, 3, 4


def test_the_reassigned_acknowledger_is_a_stage_1_person():
    """Issue 17: Hamid acknowledged and defined stage 1, Priya was given it and answered."""
    acts = [
        Act("received", OLIVE),
        Act("assigned", HAMID, {"handler": HAMID}),
        Act("acknowledged", HAMID, {"stage": 1, "handler": HAMID}),
        Act("assigned", OLIVE, {"handler": PRIYA}),
        Act("responded", PRIYA, {"stage": 1}),
        Act("escalated", OLIVE),
    ]
    assert stage_one_people(acts) == {HAMID, PRIYA}


def test_each_part_of_stage_1_counts():
    assert stage_one_people([Act("assigned", OLIVE, {"handler": TESS})]) == {TESS}
    assert stage_one_people([Act("acknowledged", OLIVE, {"handler": TESS})]) == {OLIVE, TESS}
    assert stage_one_people([Act("extended", TESS, {"stage": 1})]) == {TESS}
    assert stage_one_people([Act("responded", TESS, {"stage": 1})]) == {TESS}


def test_a_new_issue_counts_once_it_goes_into_the_definition():
    before = [Act("issue_added", TESS), Act("acknowledged", HAMID, {"handler": HAMID})]
    assert stage_one_people(before) == {HAMID}
    after = [Act("acknowledged", HAMID, {"handler": HAMID}), Act("issue_added", TESS)]
    assert stage_one_people(after) == {HAMID, TESS}


def test_stage_1_ends_at_the_escalation():
    acts = [
        Act("responded", HAMID, {"stage": 1}),
        Act("escalated", OLIVE),
        Act("assigned", OLIVE, {"handler": TESS}),
        Act("acknowledged", TESS, {"stage": 2, "handler": TESS}),
        Act("extended", TESS, {"stage": 2}),
    ]
    assert stage_one_people(acts) == {HAMID}


def test_what_names_nobody_is_nobody():
    acts = [
        Act("received", None),
        Act("accepted", OLIVE),  # accepting is not considering
        Act("acknowledged", None, {"handler": None}),  # an import: no user
        Act("assigned", OLIVE, {"handler": "[redacted]"}),
        Act("assigned", OLIVE, {"handler": True}),
    ]
    assert stage_one_people(acts) == set()


def test_includes_by_user_or_by_a_tracker_name():
    stage_one = StageOne(frozenset({HAMID}), ("  Jane Smith ",))
    assert stage_one.includes(HAMID)
    assert not stage_one.includes(TESS, "Tess", "tess")
    assert stage_one.includes(TESS, "jane smith")  # the tracker's stage 1 handler
    assert not StageOne().includes(HAMID, "Hamid")
    assert not StageOne(names=("",)).includes(TESS, "")  # a blank name is nobody
