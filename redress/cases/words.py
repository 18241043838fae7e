"""The Code's states, breaches and record entries in plain words, for pages and letters."""

STATUS_WORDS = {
    "stage1_received": "Stage 1 – received",
    "stage1_accepted": "Stage 1 – accepted",
    "stage1_acknowledged": "Stage 1 – acknowledged",
    "stage1_responded": "Stage 1 – responded",
    "stage2_requested": "Stage 2 – requested",
    "stage2_acknowledged": "Stage 2 – acknowledged",
    "closed": "Closed",
    "refused": "Refused",
}

BREACH_LABELS = {
    "6.2": "Late acknowledgement at stage 1",
    "6.3": "Late stage 1 response",
    "6.4": "Stage 1 extension not properly agreed",
    "6.11": "Late acknowledgement at stage 2",
    "6.13": "Same handler at both stages",
    "6.14": "Late stage 2 response",
    "6.15": "Stage 2 extension not properly agreed",
}

EVENT_WORDS = {
    "received": "Complaint received",
    "accepted": "Accepted",
    "refused": "Refused",
    "acknowledged": "Acknowledged",
    "clarification_requested": "Clarification requested",
    "issue_added": "Issue added",
    "new_complaint_linked": "New linked complaint logged",
    "extended": "Response date extended",
    "update_interval_agreed": "Update interval agreed",
    "conflict_recorded": "Conflict of interest recorded",
    "responded": "Response sent",
    "escalated": "Escalated to stage 2",
    "closed": "Closed",
    "correspondence_attached": "Correspondence added",
    "assigned": "Handler assigned",
    "correspondence_received": "Correspondence received",
    "letter_issued": "Letter issued",
    "letter_delivered": "Letter emailed",
    "letter_not_delivered": "Letter could not be emailed",
    "confirmation_sent": "Reference emailed to the complainant",
    "confirmation_not_sent": "Reference could not be emailed to the complainant",
    "status_code_sent": "Code to check the complaint emailed",
    "status_code_accepted": "Complaint's progress checked with an emailed code",
    "status_code_refused": "Wrong code tried to check the complaint's progress",
    "special_category.read": "Support needs shown",
    "category_set": "Category changed",
    "definition_amended": "Complaint definition amended",
}


def definition_words(definition: dict) -> str:
    """A complaint definition (5.6, 5.7) in a line, as the record shows one before and
    after it was amended."""
    if definition.get("responsible_for_all"):
        ours = "Responsible for: all of it"
    else:
        ours = (
            f"Responsible for: {'; '.join(definition.get('responsible_for') or []) or 'not said'}."
            f" Not responsible for: "
            f"{'; '.join(definition.get('not_responsible_for') or []) or 'not said'}"
        )
    return (
        f"Points: {'; '.join(definition.get('points') or [])}."
        f" Outcomes sought: {'; '.join(definition.get('outcomes_sought') or [])}. {ours}."
    )


def change_words(value) -> str:
    """One side of a change the record keeps (a category's name, a definition)."""
    if value is None or value == {}:
        return "none"
    return definition_words(value) if isinstance(value, dict) else str(value)
