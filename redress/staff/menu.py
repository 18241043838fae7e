"""The staff menu: each person sees links to the areas their roles open, no others.

The links come in four groups (case work, oversight, administration, account). The
header's service navigation shows the groups; the group the page belongs to shows its own
links as a sub navigation. One list, ITEMS, says what there is and who sees it.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from . import roles

CASE_WORK = "Case work"
OVERSIGHT = "Oversight"
ADMINISTRATION = "Administration"
ACCOUNT = "Account"


def _oversight_only(user) -> bool:
    return roles.sees_oversight(user) and not roles.does_casework(user)


# (group, label, URL name, who sees it); a group's first link is where the group opens.
ITEMS = (
    (CASE_WORK, "Work queue", "cases:work-queue", roles.does_casework),
    (CASE_WORK, "Search", "cases:search", roles.does_casework),
    (CASE_WORK, "Log a contact", "contacts:log", roles.does_casework),
    (CASE_WORK, "Actions outstanding", "remedies:outstanding", roles.does_casework),
    (CASE_WORK, "Emails to triage", "contacts:to-triage", roles.does_casework),
    (CASE_WORK, "Service requests", "contacts:service-requests", roles.does_casework),
    (CASE_WORK, "Survey feedback", "contacts:survey-feedback", roles.does_casework),
    (CASE_WORK, "Ombudsman cases", "ombudsman:list", roles.does_casework),
    (CASE_WORK, "Learning", "learning:lessons", roles.does_casework),
    (OVERSIGHT, "Summary", "oversight:summary", roles.sees_oversight),
    (OVERSIGHT, "Dashboard", "oversight:dashboard", roles.sees_oversight),
    # The oversight roles' way into learning: trends and the report, which name nobody.
    (OVERSIGHT, "Trends", "learning:trends", _oversight_only),
    (OVERSIGHT, "Self-assessment", "assessments:versions", roles.sees_oversight),
    (OVERSIGHT, "Annual report", "annual_report:staff-list", roles.sees_oversight),
    (ADMINISTRATION, "Administration", "administration:home", roles.administers),
    # Everyone with a role: their authenticator app, passkeys and recovery codes.
    (ACCOUNT, "Sign-in security", "mfa_index", lambda user: bool(roles.roles_of(user))),
    (
        ACCOUNT,
        "API tokens",
        "staff:api-tokens",
        lambda user: roles.does_casework(user) or roles.administers(user),
    ),
)


# Pages outside the path of the link they belong under: (path prefix, that link's URL name).
# A letter is written on a case, so it is case work, under the work queue.
ALSO_UNDER = (("/letters/", "cases:work-queue"),)


def staff_menu(request) -> dict:
    """Template context for the signed-in person:

    - `staff_menu`: their links, each {group, label, url, current};
    - `staff_groups`: the groups they have links in, each {label, url, current, items};
    - `staff_section`: the group the page is in (its links are the sub navigation), or None.

    `current` is an aria-current value: "page" on the link to this very page, "true" on
    the link (and the group) the page sits under (a case is under the work queue), else "".
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_menu": [], "staff_groups": [], "staff_section": None}
    items, closeness = [], []
    for group, label, name, allowed in ITEMS:
        if not allowed(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # an area not installed in this deployment
            continue
        items.append({"group": group, "label": label, "url": url, "current": ""})
        prefixes = (url, *(prefix for prefix, under in ALSO_UNDER if under == name))
        closeness.append(max((len(p) for p in prefixes if request.path.startswith(p)), default=0))
    # The page is under the link with the longest prefix of its path (/oversight/dashboard/
    # is the dashboard's, not the summary's at /oversight/), if any.
    here = items[closeness.index(max(closeness))] if any(closeness) else None
    if here is not None:
        here["current"] = "page" if request.path == here["url"] else "true"
    groups: dict[str, dict] = {}
    for item in items:
        group = groups.setdefault(
            item["group"],
            {"label": item["group"], "url": item["url"], "current": "", "items": []},
        )
        group["items"].append(item)
        if item is here:
            group["current"] = "true"
    section = groups[here["group"]] if here is not None else None
    return {"staff_menu": items, "staff_groups": list(groups.values()), "staff_section": section}
