"""Regimes as data, and the Code's provision numbers.

The numbers were checked against the 2024 Code's text as quoted in published
self-assessments: 5.3 "A process with more than two stages is not acceptable";
6.2 acknowledge stage 1 within five working days; 6.3 respond within 10 working
days of acknowledgement; 6.4 stage 1 extension of no more than 10 without good
reason; 6.5 / 6.16 the Ombudsman's contact details with an extension; 6.8
related new issues; 6.11 acknowledge stage 2 within five working days; 6.13 not
the same person at stage 2; 6.14 respond within 20 working days of
acknowledgement; 6.15 stage 2 extension of no more than 20 without good reason.
"""

from __future__ import annotations

import pytest

from redress.code.regimes import HOS_2024, SPSO_MODEL, provision_order, regime_for


def test_housing_ombudsman_code_2024():
    stage1, stage2 = HOS_2024.stage(1), HOS_2024.stage(2)
    assert (stage1.acknowledge_within, stage1.respond_within, stage1.extension_limit) == (5, 10, 10)
    assert (stage2.acknowledge_within, stage2.respond_within, stage2.extension_limit) == (5, 20, 20)
    assert (
        stage1.acknowledge_provision,
        stage1.respond_provision,
        stage1.extension_provision,
        stage1.extension_notice_provision,
    ) == ("6.2", "6.3", "6.4", "6.5")
    assert (
        stage2.acknowledge_provision,
        stage2.respond_provision,
        stage2.extension_provision,
        stage2.extension_notice_provision,
    ) == ("6.11", "6.14", "6.15", "6.16")
    assert HOS_2024.same_handler_provision == "6.13"
    assert HOS_2024.third_stage_provision == "5.3"
    assert [s.stage for s in HOS_2024.stages] == [1, 2]


def test_spso_model_procedure():
    frontline, investigation = SPSO_MODEL.stage(1), SPSO_MODEL.stage(2)
    assert frontline.acknowledge_within is None
    assert frontline.respond_within == 5
    assert (investigation.acknowledge_within, investigation.respond_within) == (3, 20)
    assert SPSO_MODEL.same_handler_provision is None


def test_there_is_no_third_stage():
    with pytest.raises(ValueError, match="no stage 3"):
        HOS_2024.stage(3)
    with pytest.raises(ValueError, match="no stage 0"):
        HOS_2024.stage(0)


def test_regime_for():
    assert regime_for("hos-2024") is HOS_2024
    assert regime_for("spso-model") is SPSO_MODEL
    with pytest.raises(ValueError, match="unknown regime 'hos-2020'"):
        regime_for("hos-2020")


def test_provision_order_is_numeric_not_textual():
    shuffled = ["6.15", "6.2", "6.13", "frontline-response", "6.11", "5.3", "6.3", "6.14", "6.4"]
    assert sorted(shuffled, key=provision_order) == [
        "5.3",
        "6.2",
        "6.3",
        "6.4",
        "6.11",
        "6.13",
        "6.14",
        "6.15",
        "frontline-response",
    ]
