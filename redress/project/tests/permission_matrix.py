"""Who may reach what: one rule for every page and every API operation, by role.

The test (test_permission_matrix.py) finds the routes in the URL configuration and the
API's OpenAPI schema; a route with no rule here fails it. Each rule says which methods
the route answers and, for every role, what a request gets:

- OK: a 2xx, or a redirect that is not to a sign-in or start page (the same area);
- LOGIN: a redirect to the staff sign-in page (anyone not signed in as staff);
- START: a redirect to the resident's "check a complaint" start page (no verified
  session for a complaint);
- FORBIDDEN: 403 (signed in, but the role does not open this area);
- HIDDEN: 404 (may use the area, but not this record: its existence is not confirmed);
- UNAUTHENTICATED: 401 or 403 from the API (no case worker's token);
- NOT_FOUND: 404 for everyone (the route exists only for a session that made it).

Denied means LOGIN, START, FORBIDDEN, HIDDEN, UNAUTHENTICATED or NOT_FOUND, and a denied
response never contains the complaint's personal details. A denied role's POST with an
empty body gets the same denial (or 405 where the route takes no POST) and writes nothing.

The roles: `resident` holds a verified status session for the complaint (and made it
online); `representative` holds one for the same complaint as the person acting for the
resident; `other_resident` holds one for a different complaint; `handler` is assigned the
complaint; `other_handler` is a handler outside its team who never handled it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OK = "ok"
LOGIN = "login"
START = "start"
FORBIDDEN = "403"
HIDDEN = "404"
UNAUTHENTICATED = "401"
NOT_FOUND = "404 for everyone"
DENIED = frozenset({LOGIN, START, FORBIDDEN, HIDDEN, UNAUTHENTICATED, NOT_FOUND})

ROLES = (
    "anonymous",
    "resident",
    "representative",
    "other_resident",
    "handler",
    "other_handler",
    "complaints_officer",
    "manager",
    "senior_lead",
    "mrc",
    "governing_body",
    "administrator",
)
PUBLIC_SIDE = ("anonymous", "resident", "representative", "other_resident")
CASEWORKERS = ("handler", "other_handler", "complaints_officer", "manager", "senior_lead")
FIGURES_ONLY = ("mrc", "governing_body")
# Roles that may never be shown the complaint's personal details, on any route.
NEVER_SEE_THE_CASE = (
    "anonymous",
    "other_resident",
    "other_handler",
    *FIGURES_ONLY,
    "administrator",
)


def roles(default: str, **given: str) -> dict[str, str]:
    """Every role's outcome: `default`, except those named."""
    unknown = set(given) - set(ROLES)
    assert not unknown, unknown
    return {role: given.get(role, default) for role in ROLES}


def staff_area(*allowed: str, hidden: tuple[str, ...] = ()) -> dict[str, str]:
    """A signed-in area: the public side signs in, `allowed` roles get in, the rest 403;
    `hidden` roles may use the area but not the record in the URL (404)."""
    outcomes = roles(FORBIDDEN, **dict.fromkeys(PUBLIC_SIDE, LOGIN))
    outcomes |= dict.fromkeys(allowed, OK) | dict.fromkeys(hidden, HIDDEN)
    return outcomes


CASEWORK = staff_area(*CASEWORKERS)
# A page about the complaint: its handler and those who see every case.
THE_CASE = staff_area(*CASEWORKERS, hidden=("other_handler",))
OVERSIGHT = staff_area("complaints_officer", "manager", "senior_lead", *FIGURES_ONLY)
FIGURES = staff_area(*CASEWORKERS, "mrc", "governing_body")
ADMINISTRATION = staff_area("administrator")
STAFF_ROLES = (*CASEWORKERS, *FIGURES_ONLY, "administrator")
EVERY_STAFF_ROLE = staff_area(*STAFF_ROLES)
ANNUAL_REPORT_EDITORS = staff_area("complaints_officer", "senior_lead")
ASSESSMENT_DRAFTER = staff_area("complaints_officer")
PUBLIC = roles(OK)
# The resident's own pages: a verified session's complaint, else the start page.
STATUS = roles(START, resident=OK, representative=OK, other_resident=OK)
API_CASEWORK = roles(UNAUTHENTICATED, **dict.fromkeys(CASEWORKERS, OK))
API_THE_CASE = API_CASEWORK | {"other_handler": HIDDEN}


@dataclass(frozen=True)
class Rule:
    """`who`: each role's outcome; `methods`: what the route answers ("GET", "POST");
    `params`: URL parameter -> World attribute, where the name alone does not say."""

    who: dict[str, str]
    methods: tuple[str, ...] = ("GET",)
    params: dict[str, str] = field(default_factory=dict)


GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")

# World attributes for URL parameters that mean the same thing on every route.
PARAMS = {
    "reference": "reference",
    "remedy_id": "remedy",
    "action_id": "action",
    "user_id": "background_user",
    "closure_id": "closure",
    "category_id": "category",
    "lesson_id": "lesson",
    "resident_id": "resident",
    "request_id": "service_request",
    "year": "year",
    "key": "band",
}
# Fixed values: a command, a stage, a file format, a letter kind.
FIXED = {"command": "accept", "number": 1, "fmt": "txt", "kind": "acknowledgement"}

# Pages, by URL name. The Django admin and allauth are covered by PREFIX_RULES.
PAGES: dict[str, Rule] = {
    # The public side.
    "public:home": Rule(PUBLIC),
    "public:policy": Rule(PUBLIC),
    "public:help": Rule(PUBLIC),
    "public:complain": Rule(PUBLIC, BOTH),
    # Only the session that submitted the complaint sees its confirmation.
    "public:complain-done": Rule(roles(NOT_FOUND, resident=OK)),
    "public:status-start": Rule(PUBLIC, BOTH),
    # Only a session waiting for a code reaches the code page.
    "public:status-code": Rule(roles(START), BOTH),
    "public:status": Rule(STATUS),
    "public:escalate": Rule(STATUS, POST),
    # A letter's PDF: only a session verified for its complaint; anyone else, not found.
    "resident-letters:file": Rule(
        roles(NOT_FOUND, resident=OK, representative=OK), params={"pk": "letter"}
    ),
    "brand-css": Rule(PUBLIC),
    "brand-logo": Rule(roles(NOT_FOUND)),  # no logo uploaded
    "annual_report:public-list": Rule(PUBLIC),
    "annual_report:public": Rule(PUBLIC),
    "annual_report:public-file": Rule(PUBLIC, params={"fmt": "docx"}),
    "annual_report:public-revision": Rule(PUBLIC),
    "annual_report:public-revision-file": Rule(PUBLIC, params={"fmt": "docx"}),
    "annual_report:publication-file": Rule(PUBLIC, params={"pk": "publication"}),
    "assessments:public": Rule(PUBLIC),
    "assessments:public-word": Rule(PUBLIC),
    # Case work.
    "cases:work-queue": Rule(CASEWORK),
    "cases:search": Rule(CASEWORK),
    "cases:bulk-assign": Rule(staff_area("complaints_officer"), POST),
    "cases:case": Rule(THE_CASE),
    "cases:support-needs": Rule(THE_CASE, BOTH),
    "cases:new-adjustment": Rule(THE_CASE, BOTH),
    "cases:new-restriction": Rule(THE_CASE, BOTH),
    "cases:review-adjustment": Rule(THE_CASE, BOTH, params={"pk": "adjustment"}),
    "cases:review-restriction": Rule(THE_CASE, BOTH, params={"pk": "restriction"}),
    "cases:command": Rule(THE_CASE, POST),
    "cases:file": Rule(THE_CASE, params={"pk": "case_file"}),
    "letters:new": Rule(THE_CASE, BOTH),
    "letters:file": Rule(THE_CASE, params={"pk": "letter"}),
    "remedies:outstanding": Rule(CASEWORK),
    "remedies:add": Rule(THE_CASE, POST),
    "remedies:status": Rule(THE_CASE, POST),
    "remedies:complete-action": Rule(THE_CASE, POST),
    "ombudsman:list": Rule(CASEWORK),
    "ombudsman:case": Rule(THE_CASE, BOTH, params={"pk": "ombudsman_case"}),
    "learning:lessons": Rule(CASEWORK),
    "learning:new-lesson": Rule(CASEWORK, BOTH),
    "learning:lesson": Rule(CASEWORK),
    "learning:edit-lesson": Rule(CASEWORK, BOTH),
    "learning:report": Rule(FIGURES),
    "learning:trends": Rule(FIGURES),
    "learning:root-causes": Rule(THE_CASE, BOTH),
    "contacts:log": Rule(CASEWORK, BOTH),
    "contacts:to-triage": Rule(CASEWORK),
    "contacts:triage": Rule(CASEWORK, BOTH, params={"pk": "triage_contact"}),
    "contacts:attachment": Rule(CASEWORK, params={"pk": "attachment"}),
    "contacts:service-requests": Rule(CASEWORK),
    "contacts:service-request": Rule(CASEWORK, params={"pk": "service_request"}),
    "contacts:service-request-complaint": Rule(CASEWORK, POST, params={"pk": "service_request"}),
    "contacts:service-request-complete": Rule(CASEWORK, POST, params={"pk": "service_request"}),
    "contacts:survey-feedback": Rule(CASEWORK),
    "contacts:survey-complaint": Rule(CASEWORK, BOTH, params={"pk": "survey_contact"}),
    # Oversight: figures, never a name.
    "oversight:summary": Rule(OVERSIGHT),
    "oversight:dashboard": Rule(OVERSIGHT, BOTH),
    "oversight:dashboard-file": Rule(OVERSIGHT, params={"name": "volumes", "kind": "csv"}),
    "annual_report:staff-list": Rule(OVERSIGHT),
    "annual_report:staff-year": Rule(OVERSIGHT, BOTH),
    "annual_report:preview": Rule(OVERSIGHT),
    "annual_report:publications": Rule(ANNUAL_REPORT_EDITORS, BOTH),
    "annual_report:notices": Rule(ANNUAL_REPORT_EDITORS, BOTH),
    "assessments:versions": Rule(OVERSIGHT),
    "assessments:start": Rule(ASSESSMENT_DRAFTER, BOTH),
    "assessments:version": Rule(OVERSIGHT, params={"pk": "assessment"}),
    "assessments:section": Rule(OVERSIGHT, BOTH, params={"pk": "assessment"}),
    "assessments:refresh": Rule(OVERSIGHT, POST, params={"pk": "assessment"}),
    "assessments:sign-off": Rule(OVERSIGHT, POST, params={"pk": "assessment"}),
    "assessments:review": Rule(OVERSIGHT, BOTH, params={"pk": "assessment"}),
    "assessments:accept": Rule(OVERSIGHT, POST, params={"pk": "assessment"}),
    "assessments:approval": Rule(OVERSIGHT, BOTH, params={"pk": "assessment"}),
    "assessments:publish": Rule(OVERSIGHT, POST, params={"pk": "assessment"}),
    "assessments:history": Rule(OVERSIGHT, params={"pk": "assessment"}),
    "assessments:changes": Rule(OVERSIGHT, params={"pk": "assessment"}),
    "assessments:word": Rule(OVERSIGHT, params={"pk": "assessment"}),
    # Each member of staff's own notices, email choices and API tokens; someone else's
    # notice or token is not found (an administrator may revoke anyone's token).
    "notifications:list": Rule(EVERY_STAFF_ROLE),
    "notifications:preferences": Rule(EVERY_STAFF_ROLE, BOTH),
    "notifications:read-all": Rule(EVERY_STAFF_ROLE, POST),
    "notifications:read": Rule(
        staff_area(hidden=STAFF_ROLES), POST, params={"notification_id": "notification"}
    ),
    "notifications:failures": Rule(staff_area("complaints_officer", "administrator")),
    "staff:api-tokens": Rule(staff_area(*CASEWORKERS, "administrator"), BOTH),
    "staff:revoke-token": Rule(
        staff_area("administrator", hidden=CASEWORKERS), POST, params={"token_id": "token"}
    ),
    # Administration.
    "administration:home": Rule(ADMINISTRATION),
    "administration:users": Rule(ADMINISTRATION),
    "administration:new-user": Rule(ADMINISTRATION, BOTH),
    "administration:edit-user": Rule(ADMINISTRATION, BOTH),
    "administration:set-active": Rule(ADMINISTRATION, POST),
    "administration:teams": Rule(ADMINISTRATION, BOTH),
    "administration:calendar": Rule(ADMINISTRATION, BOTH),
    "administration:withdraw-closure": Rule(ADMINISTRATION, BOTH),
    "administration:settings": Rule(ADMINISTRATION, BOTH),
    "letter-templates:list": Rule(ADMINISTRATION),
    "letter-templates:edit": Rule(ADMINISTRATION, BOTH),
    "remedy-bands:list": Rule(ADMINISTRATION),
    "remedy-bands:edit": Rule(ADMINISTRATION, BOTH),
    "learning-admin:categories": Rule(ADMINISTRATION, BOTH),
    "learning-admin:rename-category": Rule(ADMINISTRATION, BOTH),
    "learning-admin:set-category-active": Rule(ADMINISTRATION, POST),
    # The development outbox: off in these settings, so not found for anyone
    # (redress/project/tests/test_outbox.py shows it on, for staff only).
    "outbox": Rule(roles(NOT_FOUND)),
    "outbox-message": Rule(roles(NOT_FOUND), params={"message_id": "20261205-120000-1-0"}),
    # The API's own pages: the schema and its docs are public; the root lists nothing.
    "api-v1:openapi-json": Rule(PUBLIC),
    "api-v1:openapi-view": Rule(PUBLIC),
    "api-v1:api-root": Rule(roles(NOT_FOUND)),
}

# Third-party areas, by URL prefix: every route under them, without URL parameters, is
# requested. Nobody in Redress is Django `is_staff`, so the Django admin sends everyone
# to its own sign-in; allauth's pages are the public sign-in pages.
PREFIX_RULES: dict[str, str] = {"admin/": "admin sign-in", "accounts/": "sign-in pages"}

# API operations, by "METHOD /path" as the OpenAPI schema names them.
API: dict[str, Rule] = {
    "POST /api/v1/residents": Rule(API_CASEWORK, POST),
    "GET /api/v1/residents/{resident_id}": Rule(API_THE_CASE),
    "POST /api/v1/residents/{resident_id}/representatives": Rule(API_THE_CASE, POST),
    "POST /api/v1/residents/{resident_id}/adjustments": Rule(API_THE_CASE, POST),
    "POST /api/v1/residents/{resident_id}/restrictions": Rule(API_THE_CASE, POST),
    "POST /api/v1/residents/{resident_id}/support-needs": Rule(API_THE_CASE, POST),
    "POST /api/v1/residents/{resident_id}/adjustment-reviews": Rule(API_THE_CASE, POST),
    "POST /api/v1/residents/{resident_id}/restriction-reviews": Rule(API_THE_CASE, POST),
    "POST /api/v1/contacts": Rule(API_CASEWORK, POST),
    "GET /api/v1/service-requests": Rule(API_CASEWORK),
    "POST /api/v1/service-requests/{request_id}/complaints": Rule(API_CASEWORK, POST),
    "POST /api/v1/service-requests/{request_id}/complete": Rule(API_CASEWORK, POST),
    # The mail gateway's own token; with none configured the route does not exist.
    "POST /api/v1/inbound-mail": Rule(roles(NOT_FOUND), POST),
    "POST /api/v1/complaints": Rule(API_CASEWORK, POST),
    "GET /api/v1/complaints/{reference}": Rule(API_THE_CASE),
    "GET /api/v1/complaints/{reference}/events": Rule(API_THE_CASE),
    "GET /api/v1/work-queue": Rule(API_CASEWORK),
    "GET /api/v1/complaints/{reference}/letters": Rule(API_THE_CASE),
    "GET /api/v1/complaints/{reference}/remedies": Rule(API_THE_CASE),
    **{
        f"POST /api/v1/complaints/{{reference}}/{command}": Rule(API_THE_CASE, POST)
        for command in (
            "accept",
            "refuse",
            "acknowledge",
            "clarification-requests",
            "extensions",
            "update-intervals",
            "conflicts",
            "respond",
            "escalate",
            "close",
            "corrections",
            "assign",
            "category",
            "definition",
            "issues",
            "attachments",
            "letters/preview",
            "letters",
            "remedies",
        )
    },
    "POST /api/v1/remedies/{remedy_id}/status": Rule(API_THE_CASE, POST),
    "POST /api/v1/outstanding-actions/{action_id}/update-interval": Rule(API_THE_CASE, POST),
    "POST /api/v1/outstanding-actions/{action_id}/complete": Rule(API_THE_CASE, POST),
}


def param_value(name: str, rule: Rule, world):
    """What fills URL parameter `name` on a route with `rule`: a World attribute, else a
    fixed value."""
    source = rule.params.get(name, PARAMS.get(name))
    if source is None:
        return FIXED[name]
    return getattr(world, source, source)


def api_url(operation: str, world) -> str:
    """The path of an API operation ("POST /api/v1/complaints/{reference}/accept"), filled
    in from the world."""
    path = operation.split(" ", 1)[1]
    rule = API[operation]
    return re.sub(r"{(\w+)}", lambda m: str(param_value(m.group(1), rule, world)), path)
