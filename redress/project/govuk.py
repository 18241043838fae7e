"""What every GOV.UK form page does with a refusal: the same words, links and redirect."""

from __future__ import annotations

from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponseRedirect

from redress.record.errors import Refused


def see_other(url: str) -> HttpResponseRedirect:
    """303 after a POST, so a refresh never sends it again."""
    return HttpResponseRedirect(url, status=303)


def refusal_text(refusal: Refused) -> str:
    """The service's message as a sentence, citing the Code's provision where there is one."""
    text = refusal.message[:1].upper() + refusal.message[1:]
    return f"{text} (Code provision {refusal.rule})" if refusal.rule else text


def refuse_on_form(form, refusal: Refused) -> int:
    """Put a refusal on the form: 422 on a field the person filled in, else 409 (state)."""
    field = form.field_for(refusal.field)
    form.add_error(field, refusal_text(refusal))
    return 422 if field else 409


def error_summary(form, non_field_href: str) -> list[dict]:
    """GOV.UK error summary entries linking to each field (a date to its day box)."""
    items: list[dict] = []
    if form is None:
        return items
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            href = non_field_href
        else:
            field = form[name]
            suffix = "-day" if getattr(field.field, "govuk", "") == "date" else ""
            href = f"#{field.auto_id}{suffix}"
        items += [{"href": href, "text": error} for error in errors]
    return items
