"""Who may do what: staff roles are Django groups, and these are the rules about them.

Roles answer "may this person use this part of Redress at all"; which complaints a
case worker may open is `redress.cases.access`. The roles are those the issue and the
Code name: handlers and the complaints officer (4.1) do case work, managers approve
extensions beyond the limit, the senior lead and the Member Responsible for
Complaints (8.3, 9.x) and the rest of the governing body see oversight pages only,
with no personal details, and administrators look after users, the calendar and the
landlord's settings.
"""

from __future__ import annotations

HANDLER = "handler"
COMPLAINTS_OFFICER = "complaints officer"
MANAGER = "manager"
SENIOR_LEAD = "senior lead"
MRC = "MRC"
GOVERNING_BODY = "governing body"
ADMINISTRATOR = "administrator"

ALL = (HANDLER, COMPLAINTS_OFFICER, MANAGER, SENIOR_LEAD, MRC, GOVERNING_BODY, ADMINISTRATOR)
# Roles that open complaint files (personal details) and act on them.
CASEWORK = (HANDLER, COMPLAINTS_OFFICER, MANAGER, SENIOR_LEAD)
# Case workers who see every complaint, not just their own and their team's.
ALL_CASES = (COMPLAINTS_OFFICER, MANAGER, SENIOR_LEAD)
# Roles that see the oversight pages: figures only, never a name.
OVERSIGHT = (COMPLAINTS_OFFICER, MANAGER, SENIOR_LEAD, MRC, GOVERNING_BODY)


def roles_of(user) -> frozenset[str]:
    """The user's roles, read once per request object (views ask several times)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_redress_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._redress_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def has_any(user, roles) -> bool:
    return bool(roles_of(user) & set(roles))


def does_casework(user) -> bool:
    return has_any(user, CASEWORK)


def sees_all_cases(user) -> bool:
    return has_any(user, ALL_CASES)


def assigns_cases(user) -> bool:
    """Assignment is the complaints officer's (4.1)."""
    return has_role(user, COMPLAINTS_OFFICER)


def sees_oversight(user) -> bool:
    return has_any(user, OVERSIGHT)


def administers(user) -> bool:
    return has_role(user, ADMINISTRATOR)


def home_url_name(user) -> str:
    """Where signing in (and the home link) takes each person: those who handle or hand
    out cases to the work queue, which opens on what is theirs (the complaints officer's
    on what waits for them, `redress.casework.views.queue`); the senior lead, the MRC and the
    governing body to the oversight summary (the dashboard would record the MRC and the
    governing body as having received it, 9.7, and nobody receives it by signing in);
    administrators to administration."""
    if has_any(user, (HANDLER, COMPLAINTS_OFFICER, MANAGER)):
        return "cases:work-queue"
    if sees_oversight(user):
        return "oversight:summary"
    if administers(user):
        return "administration:home"
    return "public:home"
