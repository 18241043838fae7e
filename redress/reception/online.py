"""The online complaint form's command: everything a resident's submission records.

One transaction, so a refusal anywhere (a date in the future, a file that fails the
upload checks) leaves nothing half-recorded: the resident, their representative, a
need they told us of, the contact and its complaint, and the file they sent, each with
its event (written by the services called here). The confirmation email goes from the
task queue once it commits (`confirmations`).
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from redress.administration import deployment
from redress.cases.models import Complaint
from redress.cases.services import attach
from redress.cases.services.contacts import record_contact
from redress.intake.models import Channel, Contact
from redress.intake.services import add_representative, create_resident, record_adjustment
from redress.reception import confirmations

# The form asks whoever complains for someone else to confirm they may: the authority
# recorded for the representative is that confirmation.
CONSENT = "Consent confirmed on the online form"
# A need told on the form is reviewed within three months, once someone has spoken with
# the resident about it (5.10).
NEED_REVIEW_AFTER = dt.timedelta(days=90)


@transaction.atomic
def submit_complaint(
    *,
    name: str,
    email: str,
    phone: str,
    address: str,
    postcode: str,
    what_happened: str,
    put_right: str,
    contact_by: str,
    happened_on: dt.date | None,
    aware_on: dt.date | None,
    on_behalf_of: str = "",
    relationship: str = "",
    help_needed: str = "",
    attachment: UploadedFile | None = None,
) -> Complaint:
    """Record a complaint sent with the online form, by the resident or (`on_behalf_of`
    names the resident) by someone for them: then `name`, `email` and `phone` are the
    representative's, and the resident is reached through them."""
    today = deployment.today()
    resident = create_resident(
        actor=None,
        name=on_behalf_of or name,
        address=address.strip(),
        postcode=postcode.strip().upper(),
        email="" if on_behalf_of else email,
        phone="" if on_behalf_of else phone.strip(),
    )
    representative = None
    if on_behalf_of:
        representative = add_representative(
            actor=None,
            resident_id=resident.pk,
            name=name,
            relationship=relationship,
            authority=CONSENT,
            authority_recorded_on=today,
            email=email,
            phone=phone.strip(),
        )
    if help_needed.strip():
        record_adjustment(
            actor=None,
            resident_id=resident.pk,
            adjustment=help_needed.strip(),
            review_on=today + NEED_REVIEW_AFTER,
        )
    _contact, complaint = record_contact(
        actor=None,
        resident_id=resident.pk,
        channel=Channel.ONLINE_FORM,
        classification=Contact.Classification.COMPLAINT,
        summary=(
            f"{what_happened.strip()}\n\nWhat would put it right: {put_right.strip()}"
            f"\n\nContact by: {contact_by}"
        ),
        issue_arose_on=happened_on,
        resident_aware_on=aware_on,
        representative_id=representative.pk if representative else None,
    )
    if attachment:
        attach(
            complaint.reference,
            actor=None,
            kind="document",
            direction="incoming",
            title=f"Sent with the online form: {attachment.name}"[:200],
            file=attachment,
        )
    confirmations.confirm(complaint)
    return complaint
