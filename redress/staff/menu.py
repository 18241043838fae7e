"""The staff header menu: each person sees links to the areas their roles open, no others."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from . import roles

# (label, URL name, who sees it)
ITEMS = (
    ("Work queue", "cases:work-queue", roles.does_casework),
    ("Search", "cases:search", roles.does_casework),
    ("Actions outstanding", "remedies:outstanding", roles.does_casework),
    ("Emails to triage", "contacts:to-triage", roles.does_casework),
    ("Service requests", "contacts:service-requests", roles.does_casework),
    ("Survey feedback", "contacts:survey-feedback", roles.does_casework),
    ("Ombudsman cases", "ombudsman:list", roles.does_casework),
    ("Learning", "learning:lessons", roles.does_casework),
    # The oversight roles' way into learning: trends and the report, which name nobody.
    (
        "Trends",
        "learning:trends",
        lambda user: roles.sees_oversight(user) and not roles.does_casework(user),
    ),
    ("Oversight", "oversight:summary", roles.sees_oversight),
    ("Dashboard", "oversight:dashboard", roles.sees_oversight),
    ("Self-assessment", "assessments:versions", roles.sees_oversight),
    ("Annual report", "annual_report:staff-list", roles.sees_oversight),
    ("Administration", "administration:home", roles.administers),
    (
        "API tokens",
        "staff:api-tokens",
        lambda user: roles.does_casework(user) or roles.administers(user),
    ),
    # Everyone with a role: their authenticator app, passkeys and recovery codes.
    ("Sign-in security", "mfa_index", lambda user: bool(roles.roles_of(user))),
)


def staff_menu(request) -> dict:
    """Template context: `staff_menu`, a list of {label, url, current} for the signed-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_menu": []}
    items = []
    for label, name, allowed in ITEMS:
        if not allowed(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # an area not installed in this deployment
            continue
        items.append({"label": label, "url": url})
    # The current item is the longest link the path starts with (/oversight/dashboard/ is
    # the dashboard's, not the summary's at /oversight/).
    here = [item["url"] for item in items if request.path.startswith(item["url"])]
    current = max(here, key=len, default=None)
    for item in items:
        item["current"] = item["url"] == current
    return {"staff_menu": items}
