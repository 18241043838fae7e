"""Stage clocks and breaches, with hand-counted dates (England and Wales calendar).

June and July 2024 have no bank holidays in England and Wales (late May is
27 May, summer is 26 Aug), so the counts below skip only weekends unless a
comment says otherwise. "(n)" marks the nth working day after the start.
"""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from redress.code.calendars import calendar_for
from redress.code.regimes import HOS_2024, SPSO_MODEL
from redress.code.timescales import (
    Extension,
    StageFacts,
    assess_complaint,
    assess_stage,
    same_handler,
    sort_provisions,
    valid_extension,
)

D = dt.date
EW = calendar_for("england-and-wales")

RECEIVED = D(2024, 6, 3)  # Mon
# Ack by: Tue 4 (1), Wed 5 (2), Thu 6 (3), Fri 7 (4), Mon 10 (5).
ACK_BY = D(2024, 6, 10)
ACKED = D(2024, 6, 5)  # Wed
# Acknowledged Wed 5 Jun + 10: Thu 6 (1), Fri 7 (2), Mon 10 (3), Tue 11 (4), Wed 12 (5),
# Thu 13 (6), Fri 14 (7), Mon 17 (8), Tue 18 (9), Wed 19 (10).
RESPOND_BY = D(2024, 6, 19)


def stage1(**kw) -> StageFacts:
    kw.setdefault("acknowledged_on", ACKED)
    return StageFacts(stage=1, requested_on=RECEIVED, **kw)


def clock1(as_of=ACKED, **kw):
    return assess_stage(stage1(**kw), HOS_2024, EW, as_of)


# --- stage 1 ------------------------------------------------------------------------------


def test_stage1_acknowledge_by_and_respond_by_from_the_actual_acknowledgement():
    clock = clock1()
    assert clock.acknowledge_by == ACK_BY
    assert clock.respond_by == RESPOND_BY
    assert clock.acknowledged_on_time is True
    assert clock.responded_on_time is None
    assert clock.breaches == ()


def test_stage1_respond_by_is_projected_from_ack_by_until_acknowledged():
    # Mon 10 Jun + 10: Tue 11 (1), Wed 12 (2), Thu 13 (3), Fri 14 (4), Mon 17 (5),
    # Tue 18 (6), Wed 19 (7), Thu 20 (8), Fri 21 (9), Mon 24 (10).
    clock = clock1(acknowledged_on=None, as_of=D(2024, 6, 4))
    assert clock.respond_by == D(2024, 6, 24)
    assert clock.acknowledged_on_time is None


def test_late_acknowledgement_breaches_6_2_and_moves_respond_by():
    # Acknowledged Wed 12 Jun, after Mon 10. Respond by 12 Jun + 10: Thu 13 (1),
    # Fri 14 (2), Mon 17 (3) .. Fri 21 (7), Mon 24 (8), Tue 25 (9), Wed 26 (10).
    clock = clock1(acknowledged_on=D(2024, 6, 12), as_of=D(2024, 6, 12))
    assert clock.acknowledged_on_time is False
    assert clock.acknowledgement_late is True
    assert clock.respond_by == D(2024, 6, 26)
    assert clock.breaches == ("6.2",)


def test_acknowledgement_on_the_last_day_is_on_time():
    clock = clock1(acknowledged_on=ACK_BY, as_of=ACK_BY)
    assert clock.acknowledged_on_time is True
    assert clock.breaches == ()


def test_unacknowledged_stage_breaches_6_2_once_the_as_of_date_passes_ack_by():
    assert clock1(acknowledged_on=None, as_of=ACK_BY).breaches == ()
    # Tue 11 Jun is past Mon 10; the response is not yet due (projected Mon 24).
    assert clock1(acknowledged_on=None, as_of=D(2024, 6, 11)).breaches == ("6.2",)


def test_response_on_the_last_day_is_on_time_and_the_day_after_breaches_6_3():
    on_time = clock1(responded_on=RESPOND_BY, as_of=D(2024, 7, 1))
    assert on_time.responded_on_time is True
    assert on_time.within_timescales is True
    assert on_time.breaches == ()
    late = clock1(responded_on=D(2024, 6, 20), as_of=D(2024, 7, 1))
    assert late.responded_on_time is False
    assert late.within_timescales is False
    assert late.breaches == ("6.3",)


def test_overdue_response_breaches_at_the_as_of_date():
    assert clock1(as_of=RESPOND_BY).breaches == ()
    overdue = clock1(as_of=D(2024, 6, 20))
    assert overdue.breaches == ("6.3",)
    assert overdue.responded_on_time is None


def test_respond_without_acknowledgement_in_time_is_not_late_to_acknowledge():
    # Answered Fri 7 Jun, before ack-by Mon 10, with no separate acknowledgement.
    clock = clock1(acknowledged_on=None, responded_on=D(2024, 6, 7), as_of=D(2024, 7, 1))
    assert clock.acknowledgement_late is False
    assert clock.acknowledged_on_time is None
    assert clock.responded_on_time is True
    assert clock.within_timescales is True
    assert clock.breaches == ()


def test_respond_without_acknowledgement_after_ack_by_breaches_6_2_only():
    # Answered Tue 11 Jun: past ack-by (Mon 10), within projected respond-by (Mon 24).
    clock = clock1(acknowledged_on=None, responded_on=D(2024, 6, 11), as_of=D(2024, 7, 1))
    assert clock.acknowledgement_late is True
    assert clock.responded_on_time is True
    assert clock.within_timescales is False
    assert clock.breaches == ("6.2",)


# --- extensions ---------------------------------------------------------------------------


def ext(days, agreed, reason="awaiting surveyor's report", good_reason=False):
    return Extension(working_days=days, agreed_on=agreed, reason=reason, good_reason=good_reason)


def test_extension_agreed_on_the_respond_by_date_counts():
    # Wed 19 Jun + 10: Thu 20 (1), Fri 21 (2), Mon 24 (3) .. Fri 28 (7), Mon 1 Jul (8),
    # Tue 2 (9), Wed 3 (10).
    clock = clock1(extensions=(ext(10, RESPOND_BY),))
    assert clock.respond_by == D(2024, 7, 3)
    assert clock.extension_days == 10
    assert clock.breaches == ()


def test_extension_agreed_late_breaches_6_4_and_the_old_date_stands():
    clock = clock1(extensions=(ext(10, D(2024, 6, 20)),), responded_on=D(2024, 7, 1))
    assert clock.respond_by == RESPOND_BY
    assert clock.extension_days == 0
    assert clock.breaches == ("6.3", "6.4")


def test_extension_without_an_agreed_date_breaches_6_4():
    clock = clock1(extensions=(ext(5, None),))
    assert clock.respond_by == RESPOND_BY
    assert clock.breaches == ("6.4",)


def test_extension_without_a_reason_breaches_6_4():
    for reason in ("", "   "):
        clock = clock1(extensions=(ext(5, D(2024, 6, 10), reason=reason),))
        assert clock.respond_by == RESPOND_BY
        assert clock.breaches == ("6.4",)


def test_extension_beyond_the_limit_needs_a_good_reason():
    refused = clock1(extensions=(ext(11, D(2024, 6, 10)),))
    assert refused.respond_by == RESPOND_BY
    assert refused.breaches == ("6.4",)
    # Wed 3 Jul is 19 Jun + 10 (above); + 11 is Thu 4 Jul.
    allowed = clock1(extensions=(ext(11, D(2024, 6, 10), good_reason=True),))
    assert allowed.respond_by == D(2024, 7, 4)
    assert allowed.extension_days == 11
    assert allowed.breaches == ()


def test_several_extensions_count_together_against_the_limit():
    # 6 days from Wed 19 Jun: Thu 20 (1), Fri 21 (2), Mon 24 (3), Tue 25 (4),
    # Wed 26 (5), Thu 27 (6). A further 5 would make 11 > 10: refused, date stands.
    over = clock1(extensions=(ext(6, D(2024, 6, 10)), ext(5, D(2024, 6, 20))))
    assert over.respond_by == D(2024, 6, 27)
    assert over.extension_days == 6
    assert over.breaches == ("6.4",)
    # 6 + 4 = 10 is within the limit: Thu 27 + 4: Fri 28 (1), Mon 1 (2), Tue 2 (3), Wed 3 (4).
    within = clock1(extensions=(ext(6, D(2024, 6, 10)), ext(4, D(2024, 6, 20))))
    assert within.respond_by == D(2024, 7, 3)
    assert within.extension_days == 10
    assert within.breaches == ()


def test_a_second_extension_is_judged_against_the_extended_date_whatever_the_listing_order():
    # First: 5 days agreed Wed 19 Jun -> Thu 20 (1), Fri 21 (2), Mon 24 (3), Tue 25 (4),
    # Wed 26 (5). Second: agreed Tue 25 Jun, before Wed 26, so it counts:
    # Thu 27 (1), Fri 28 (2), Mon 1 Jul (3), Tue 2 (4), Wed 3 (5).
    first, second = ext(5, RESPOND_BY), ext(5, D(2024, 6, 25))
    for extensions in ((first, second), (second, first)):
        clock = clock1(extensions=extensions)
        assert clock.respond_by == D(2024, 7, 3)
        assert clock.breaches == ()


def test_valid_extension_directly():
    assert valid_extension(ext(10, RESPOND_BY), RESPOND_BY, 0, 10) is True
    assert valid_extension(ext(1, RESPOND_BY), RESPOND_BY, 10, 10) is False
    assert valid_extension(ext(1, RESPOND_BY, good_reason=True), RESPOND_BY, 10, 10) is True
    assert valid_extension(ext(0, RESPOND_BY), RESPOND_BY, 0, 10) is False


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            ext,
            st.integers(min_value=-1, max_value=12),
            st.one_of(st.none(), st.dates(min_value=D(2024, 6, 3), max_value=D(2024, 7, 31))),
            st.sampled_from(["", "parts on order"]),
            st.booleans(),
        ),
        max_size=4,
        # Same-day extensions keep their listed (recorded) order, which can matter
        # against the limit; distinct days must not depend on the listing.
        unique_by=lambda e: e.agreed_on,
    )
)
def test_listing_order_of_extensions_does_not_matter(extensions):
    results = {
        clock1(extensions=tuple(order), as_of=D(2024, 8, 30))
        for order in itertools.permutations(extensions)
    }
    assert len(results) == 1


# --- stage 2 ------------------------------------------------------------------------------

ESCALATED = D(2024, 7, 1)  # Mon
# Ack by: Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5).
S2_ACK_BY = D(2024, 7, 8)
S2_ACKED = D(2024, 7, 3)  # Wed


def clock2(as_of=S2_ACKED, **kw):
    return assess_stage(StageFacts(stage=2, requested_on=ESCALATED, **kw), HOS_2024, EW, as_of)


def test_stage2_acknowledge_by_and_respond_by():
    # Acknowledged Wed 3 Jul + 20: Thu 4 (1), Fri 5 (2), Mon 8 .. Fri 12 (3-7),
    # Mon 15 .. Fri 19 (8-12), Mon 22 .. Fri 26 (13-17), Mon 29 (18), Tue 30 (19), Wed 31 (20).
    clock = clock2(acknowledged_on=D(2024, 7, 3))
    assert clock.acknowledge_by == S2_ACK_BY
    assert clock.respond_by == D(2024, 7, 31)
    assert clock.breaches == ()


def test_stage2_projected_respond_by():
    # Mon 8 Jul + 20: Tue 9 .. Fri 12 (1-4), Mon 15 .. Fri 19 (5-9), Mon 22 .. Fri 26
    # (10-14), Mon 29 .. Fri 2 Aug (15-19), Mon 5 Aug (20).
    assert clock2().respond_by == D(2024, 8, 5)


def test_stage2_extension_across_the_summer_bank_holiday():
    # Wed 31 Jul + 20: Thu 1 Aug (1), Fri 2 (2), Mon 5 .. Fri 9 (3-7), Mon 12 .. Fri 16
    # (8-12), Mon 19 .. Fri 23 (13-17), Mon 26 Aug is a bank holiday, Tue 27 (18),
    # Wed 28 (19), Thu 29 (20).
    clock = clock2(acknowledged_on=D(2024, 7, 3), extensions=(ext(20, D(2024, 7, 31)),))
    assert clock.respond_by == D(2024, 8, 29)
    assert clock.breaches == ()
    over = clock2(acknowledged_on=D(2024, 7, 3), extensions=(ext(21, D(2024, 7, 31)),))
    assert over.respond_by == D(2024, 7, 31)
    assert over.breaches == ("6.15",)


def test_stage2_breaches_use_stage2_provisions():
    clock = clock2(
        acknowledged_on=D(2024, 7, 9),  # after Mon 8 Jul: 6.11
        extensions=(ext(5, D(2024, 8, 7)),),  # after respond-by Tue 6 Aug (below): 6.15
        responded_on=D(2024, 8, 8),  # after Tue 6 Aug: 6.14
        as_of=D(2024, 8, 30),
    )
    # Tue 9 Jul + 20: Wed 10 .. Fri 12 (1-3), Mon 15 .. Fri 19 (4-8), Mon 22 .. Fri 26
    # (9-13), Mon 29 .. Fri 2 Aug (14-18), Mon 5 (19), Tue 6 (20).
    assert clock.respond_by == D(2024, 8, 6)
    assert clock.breaches == ("6.11", "6.14", "6.15")


# --- the complaint as a whole -------------------------------------------------------------


def test_every_breach_in_the_codes_order():
    first = StageFacts(
        stage=1,
        requested_on=RECEIVED,
        acknowledged_on=D(2024, 6, 12),  # late (ack by Mon 10): 6.2; respond by Wed 26
        extensions=(ext(5, D(2024, 6, 27)),),  # agreed after Wed 26: 6.4
        responded_on=D(2024, 6, 28),  # after Wed 26: 6.3
        handler="Jane Smith",
    )
    second = StageFacts(
        stage=2,
        requested_on=ESCALATED,
        acknowledged_on=D(2024, 7, 9),  # 6.11; respond by Tue 6 Aug
        extensions=(ext(5, D(2024, 8, 7)),),  # 6.15
        responded_on=D(2024, 8, 8),  # 6.14
        handler="  jane SMITH ",  # 6.13
    )
    result = assess_complaint(first, second, HOS_2024, EW, D(2024, 8, 30))
    assert result.breaches == ("6.2", "6.3", "6.4", "6.11", "6.13", "6.14", "6.15")
    assert result.stage1.breaches == ("6.2", "6.3", "6.4")
    assert result.stage2.breaches == ("6.11", "6.14", "6.15")


def test_a_clean_complaint_has_no_breaches():
    first = stage1(responded_on=D(2024, 6, 19), handler="Jane Smith")
    second = StageFacts(
        stage=2,
        requested_on=ESCALATED,
        acknowledged_on=D(2024, 7, 3),
        responded_on=D(2024, 7, 31),
        handler="Sam Patel",
    )
    result = assess_complaint(first, second, HOS_2024, EW, D(2024, 8, 30))
    assert result.breaches == ()
    assert result.stage1.within_timescales and result.stage2.within_timescales


def test_refused_complaint_has_no_stage_1_clock():
    result = assess_complaint(None, None, HOS_2024, EW, D(2024, 8, 30))
    assert (result.stage1, result.stage2, result.breaches) == (None, None, ())


def test_same_handler():
    assert same_handler("Jane Smith", "jane smith")
    assert same_handler(" Jane Smith\t", "JANE SMITH ")
    assert same_handler("42", "42")  # user ids in the app
    assert not same_handler("Jane Smith", "John Smith")
    assert not same_handler("Jane  Smith", "Jane Smith")  # only surrounding spaces are ignored
    assert not same_handler(None, "Jane Smith")
    assert not same_handler(None, None)
    assert not same_handler("", "")
    assert not same_handler("   ", " ")  # blank is nobody, not the same person


def test_same_handler_is_6_13_only_with_both_stages():
    first = stage1(responded_on=D(2024, 6, 19), handler="Jane Smith")
    second = StageFacts(
        stage=2, requested_on=ESCALATED, acknowledged_on=D(2024, 7, 3), handler="jane smith"
    )
    assert assess_complaint(first, second, HOS_2024, EW, D(2024, 7, 3)).breaches == ("6.13",)
    assert assess_complaint(first, None, HOS_2024, EW, D(2024, 7, 3)).breaches == ()


def test_sort_provisions_dedupes_in_the_codes_order():
    assert sort_provisions(["6.14", "6.2", "6.13", "6.2", "6.11"]) == (
        "6.2",
        "6.11",
        "6.13",
        "6.14",
    )


# --- a regime without an acknowledgement duty ---------------------------------------------


def test_spso_frontline_clock_runs_from_receipt_even_if_acknowledged():
    # Received Mon 3 Jun + 5: Tue 4 (1), Wed 5 (2), Thu 6 (3), Fri 7 (4), Mon 10 (5).
    facts = StageFacts(stage=1, requested_on=RECEIVED, acknowledged_on=D(2024, 6, 5))
    clock = assess_stage(facts, SPSO_MODEL, EW, D(2024, 6, 11))
    assert clock.respond_by == D(2024, 6, 10)
    assert clock.acknowledgement_late is False
    assert clock.breaches == ("frontline-response",)
    # Same clock with no acknowledgement at all.
    bare = StageFacts(stage=1, requested_on=RECEIVED)
    assert assess_stage(bare, SPSO_MODEL, EW, D(2024, 6, 11)).respond_by == D(2024, 6, 10)


def test_spso_has_no_same_handler_provision():
    first = StageFacts(stage=1, requested_on=RECEIVED, responded_on=D(2024, 6, 7), handler="A")
    second = StageFacts(
        stage=2, requested_on=D(2024, 6, 10), acknowledged_on=D(2024, 6, 11), handler="a"
    )
    assert assess_complaint(first, second, SPSO_MODEL, EW, D(2024, 6, 12)).breaches == ()
