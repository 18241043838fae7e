"""Who does what with the self-assessment.

The complaints officer completes the form (the Code's Appendix 2: "completed by the
complaints officer") and signs it off; the senior lead accountable for complaint handling
(9.4) reviews it, and records the governing body's approval: the person who drafted a
form is not the one who attests that the governing body approved it. Either may publish
an approved version. Everyone with an oversight role (the MRC and the governing body
included) reads every version; handlers and administrators do not.
"""

from __future__ import annotations

from redress.staff.roles import COMPLAINTS_OFFICER, SENIOR_LEAD, has_any, has_role, sees_oversight

reads = sees_oversight


def drafts(user) -> bool:
    """Starts versions, writes answers, refreshes the drafted evidence and signs off."""
    return has_role(user, COMPLAINTS_OFFICER)


def reviews(user) -> bool:
    """Accepts or returns a signed-off version, and records the governing body's approval."""
    return has_role(user, SENIOR_LEAD)


def publishes(user) -> bool:
    return has_any(user, (COMPLAINTS_OFFICER, SENIOR_LEAD))
