"""How the generated history looks: every realism rate and share, in one place.

The rates are a medium-sized English social landlord's, as published in
landlords' annual complaints reports and the Housing Ombudsman's figures:

- REFUSAL: complaints not accepted into the process (~3%), by exclusion
  reason (EXCLUSIONS: mostly the 12-month rule and "already considered").
- LATE_ACKNOWLEDGEMENT (~8%) and LATE_RESPONSE (~12%): acknowledged after the
  Code's 5 working days, answered after the respond-by date in force.
- EXTENSION (~6% of stages): agreed with the resident before the respond-by
  date, with a reason, within the Code's limit (so each one counts).
- ESCALATION (~17% of stage 1 responses): the resident asks for stage 2
  between 1 and ESCALATE_WITHIN working days after the stage 1 response; a
  complaint not escalated is closed CLOSE_AFTER working days after it.
- DECISIONS per point, REMEDY_WHEN_UPHELD (~20% of responses upholding a
  point), FINANCIAL_SHARE of those, amounts drawn from AMOUNTS (the
  Ombudsman's guidance bands: mostly up to £100, a few over £1,000),
  ACTION_WHEN_UPHELD outstanding actions promised in a response.
- REPEAT (~30% of complaints from a resident who complained before),
  REPRESENTATIVE, ADJUSTMENT (residents with a reasonable adjustment).
- CASES_PER_HANDLER_YEAR sets the staff's size; TEAM_SIZE handlers share a team
  and a manager.

Received dates are weighted: fewer at weekends and on bank holidays, more in
winter (damp and heating), and a gentle growth year on year (GROWTH).
"""

from __future__ import annotations

REFUSAL = 0.03
EXCLUSIONS = {
    "over_12_months": 45,
    "previously_considered": 30,
    "legal_proceedings": 15,
    "other": 10,
}
EXCLUSION_REASONS = {
    "over_12_months": "The events complained about are more than 12 months old",
    "previously_considered": "Already considered under our complaints policy",
    "legal_proceedings": "The resident has started legal proceedings about this matter",
    "other": "This is a request for service, raised with the repairs team",
}
LATE_ACKNOWLEDGEMENT = 0.08
LATE_RESPONSE = 0.12
EXTENSION = 0.06
ESCALATION = 0.17
ESCALATE_WITHIN = 25
CLOSE_AFTER = 20

DECISIONS = {"upheld": 35, "partly_upheld": 25, "not_upheld": 40}
REMEDY_WHEN_UPHELD = 0.20
FINANCIAL_SHARE = 0.5
REMEDY_DECLINED = 0.05
# (weight, lowest, highest) in pounds.
AMOUNTS = ((55, 25, 100), (33, 100, 600), (9, 600, 1000), (3, 1000, 3000))
ACTION_WHEN_UPHELD = 0.15

REPEAT = 0.30
REPRESENTATIVE = 0.04
ADJUSTMENT = 0.05
EMAIL = 0.70
TENURES = {"lcra": 85, "lcho": 10, "": 5}
# Share of repairs and damp complaints about a contractor's work.
CONTRACTOR = 0.35

CHANNELS = {
    "phone": 34,
    "email": 24,
    "online_form": 22,
    "letter": 6,
    "in_person": 6,
    "social_media": 4,
    "third_party": 4,
}
# The shipped categories (redress.learning.defaults), as often as landlords see them.
CATEGORIES = {
    "Repairs": 38,
    "Damp and mould": 14,
    "Anti-social behaviour": 8,
    "Communal areas": 6,
    "Staff conduct": 7,
    "Contractors": 6,
    "Rent and service charges": 9,
    "Neighbourhood": 4,
    "Lettings": 4,
    "Other": 4,
}

CASES_PER_HANDLER_YEAR = 350
TEAM_SIZE = 8
GROWTH = 0.08  # more complaints each year than the last
WEEKEND = (0.25, 0.12)  # Saturday, Sunday, relative to a weekday
BANK_HOLIDAY = 0.15
WINTER = 0.25  # extra in mid-January over mid-July
