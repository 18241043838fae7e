"""Residents, their representatives, and the contacts they make.

A contact from any channel is classified (section 1 of the Code) as an
expression of dissatisfaction (a complaint), a service request, or survey
feedback. Service requests are recorded and monitored in their own right;
survey feedback is not a complaint, but the person is told how to complain.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    ONLINE_FORM = "online_form", "Online form"
    SOCIAL_MEDIA = "social_media", "Social media"
    THIRD_PARTY = "third_party", "Via a third party"


class Tenure(models.TextChoices):
    """The regulator's split of homes for the TSMs: low-cost rental and home ownership."""

    UNKNOWN = "", "Not recorded"
    LCRA = "lcra", "Low-cost rental accommodation"
    LCHO = "lcho", "Low-cost home ownership"


class Resident(models.Model):
    name = models.CharField(max_length=200)
    tenure = models.CharField(max_length=4, choices=Tenure.choices, blank=True, default="")
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    tenancy_reference = models.CharField(max_length=50, blank=True)
    # Where the home is in the landlord's stock, for hotspots of complaints.
    block = models.CharField(max_length=100, blank=True)
    estate = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Representative(models.Model):
    """Someone acting for a resident (3.6), with the authority they hold recorded."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="representatives")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100)
    authority = models.TextField(help_text="What authorises them, e.g. signed consent form")
    authority_recorded_on = models.DateField()
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship}) for {self.resident}"


class Contact(models.Model):
    class Classification(models.TextChoices):
        COMPLAINT = "complaint", "Expression of dissatisfaction (complaint)"
        SERVICE_REQUEST = "service_request", "Service request"
        SURVEY_FEEDBACK = "survey_feedback", "Survey feedback"
        # An email that named no complaint: nobody has read it yet, so it is not
        # classified until a person triages it (section 1 asks a person to decide).
        TO_TRIAGE = "to_triage", "Not yet classified (to triage)"
        # Triaged, and neither a complaint nor a service request: a thank-you, spam.
        NO_ACTION = "no_action", "Neither a complaint nor a service request"
        # Triaged as a message on a complaint already open or closed: put on that case.
        ON_COMPLAINT = "on_complaint", "Correspondence on an existing complaint"

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="contacts")
    representative = models.ForeignKey(
        Representative, null=True, blank=True, on_delete=models.PROTECT
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    classification = models.CharField(max_length=20, choices=Classification.choices)
    summary = models.TextField()
    received_at = models.DateTimeField()
    # The member of staff who took it (a call, a letter opened, a visit), when staff logged
    # it; empty for what came by itself (the online form, an email to the mailbox).
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Survey feedback: the person was told how to complain and offered the choice (1.6).
    told_how_to_complain = models.BooleanField(default=False)
    offered_choice_to_complain = models.BooleanField(default=False)

    class Meta:
        # The emails waiting to be triaged, oldest first, and how many: the complaints
        # officer's first look (the work queue) counts them on every visit.
        indexes = [
            models.Index(
                fields=["received_at", "id"],
                name="contact_to_triage",
                condition=models.Q(classification="to_triage"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_classification_display()} from {self.resident} ({self.channel})"


class ContactAttachment(models.Model):
    """A file that came with a contact, e.g. an emailed photo of the damp (5.12: a full record)."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="contacts/%Y/%m/", max_length=255)
    filename = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.filename


class InboundMessage(models.Model):
    """One email taken in, keyed by its Message-ID so a message received twice is stored once.

    Where it went is kept too: the complaint's reference (not a foreign key: cases
    depends on intake) or the contact recorded for triage.
    """

    message_id = models.CharField(max_length=255, unique=True)
    via = models.CharField(max_length=20)
    sender = models.EmailField()
    subject = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    complaint_reference = models.CharField(max_length=40, blank=True)
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.PROTECT)
    attachments = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return self.message_id


class ServiceRequest(models.Model):
    """A request for action (1.4): not a complaint, but recorded and monitored."""

    class State(models.TextChoices):
        OPEN = "open"
        COMPLETED = "completed"

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="service_requests"
    )
    contact = models.OneToOneField(Contact, null=True, blank=True, on_delete=models.PROTECT)
    description = models.TextField()
    category = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    raised_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Service request {self.pk}: {self.description[:40]}"


class ReasonableAdjustment(models.Model):
    """An adjustment (Equality Act 2010) or disclosed disability, kept under review (5.10)."""

    class LetterFormat(models.TextChoices):
        """How letters must reach the resident: Redress makes large print itself."""

        STANDARD = "", "No change to letters"
        LARGE_PRINT = "large_print", "Large print (18 point)"
        BRAILLE = "braille", "Braille"
        EASY_READ = "easy_read", "Easy read"
        AUDIO = "audio", "Audio"
        TRANSLATION = "translation", "Translated"

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="adjustments")
    adjustment = models.TextField()
    letters_in = models.CharField(
        max_length=20, choices=LetterFormat.choices, default="", blank=True
    )
    disability_disclosed = models.TextField(blank=True)
    review_on = models.DateField()
    recorded_on = models.DateField()
    # Set by a review that ends it: the row stays (the review's event says why).
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["review_on"], name="adjustment_review_due", condition=Q(ended_on=None)
            )
        ]

    def __str__(self) -> str:
        return f"{self.adjustment[:40]} (review {self.review_on})"


class BehaviourRestriction(models.Model):
    """A contact restriction for unacceptable behaviour: evidenced, proportionate, reviewed."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="restrictions")
    restriction = models.TextField()
    evidence = models.TextField()
    review_on = models.DateField()
    recorded_on = models.DateField()
    # Set by a review that ends it: the row stays (the review's event says why).
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["review_on"], name="restriction_review_due", condition=Q(ended_on=None)
            )
        ]

    def __str__(self) -> str:
        return f"{self.restriction[:40]} (review {self.review_on})"


class StatusCode(models.Model):
    """A one-time code emailed to a resident so they can see their complaint's progress.

    Keyed by the complaint's reference (not a foreign key: cases depends on intake).
    Only a keyed SHA-256 digest of the code is kept; a code is single use, expires,
    and is void after a few wrong guesses.
    """

    reference = models.CharField(max_length=30, db_index=True)
    email = models.EmailField()
    code_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"Status code for {self.reference}"
