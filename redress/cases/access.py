"""Which complaints a person may open: the object-level rule every view and API route uses.

Handlers see the complaints they or their team-mates handle, those they handled at
an earlier stage, and unassigned ones (so a new complaint can be picked up); the
complaints officer, managers and the senior lead see every complaint. Nobody else
sees any: oversight roles get figures, never a case file. A complaint someone may
not see is "not found" rather than "forbidden", so a reference is not confirmed.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from redress.record.errors import NotFound
from redress.staff.access import role_required
from redress.staff.models import teammate_ids
from redress.staff.roles import does_casework, sees_all_cases

from .models import Complaint, Stage
from .selectors import get_complaint


def visible_complaints(user, queryset: QuerySet[Complaint] | None = None) -> QuerySet[Complaint]:
    queryset = Complaint.objects.all() if queryset is None else queryset
    if sees_all_cases(user):
        return queryset
    if not does_casework(user):
        return queryset.none()
    handled_before = Stage.objects.filter(complaint=OuterRef("pk"), handler_id=user.pk)
    return queryset.filter(
        Q(handler__isnull=True) | Q(handler_id__in=teammate_ids(user)) | Exists(handled_before)
    )


def require_visible(user, reference: str) -> None:
    """Refuse (as not found) a reference this person may not open."""
    if "\x00" in reference or not visible_complaints(user).filter(reference=reference).exists():
        raise NotFound(f"no complaint with reference {reference!r}", field="reference")


def require_resident_visible(user, resident_id: int) -> None:
    """Refuse (as not found) a resident whose complaints this person may open none of.

    A resident with no complaint yet is open to every case worker, as an unassigned
    complaint is: someone logging a new complaint must be able to find them.
    """
    theirs = Complaint.objects.filter(resident_id=resident_id)
    if sees_all_cases(user) or not theirs.exists() or visible_complaints(user, theirs).exists():
        return
    raise NotFound(f"no resident {resident_id}", field="resident_id")


def visible_or_404(user, reference: str) -> None:
    """Pages: a 404 for a reference this person may not open (nor confirm exists)."""
    try:
        require_visible(user, reference)
    except NotFound:
        raise Http404("no such complaint") from None


def complaint_for_page(user, reference: str) -> Complaint:
    """Pages: the complaint as the case page loads it, if this person may open it; else 404."""
    visible_or_404(user, reference)
    return get_complaint(reference)


# Case-work pages: sign in first; people without a case-work role get 403.
casework_only = role_required(does_casework)


# The status page's session: the complaint a resident proved with its reference and code.
VERIFIED = "resident_reference"


def verified_complaint(request) -> Complaint | None:
    """The complaint this browser's status-page session was opened for, or None."""
    reference = request.session.get(VERIFIED)
    return Complaint.objects.filter(reference=reference).first() if reference else None
