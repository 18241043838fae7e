"""What every GOV.UK form page does with a refusal: the same words, links and redirect."""

from __future__ import annotations

from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponseRedirect

from redress.code.provisions import BY_NUMBER
from redress.record.errors import Forbidden, Refused

from .forms import TextForm


def see_other(url: str) -> HttpResponseRedirect:
    """303 after a POST, so a refresh never sends it again."""
    return HttpResponseRedirect(url, status=303)


def refusal_text(refusal: Refused) -> str:
    """The service's message as a sentence, citing the Code's provision where there is one
    (a stable rule name, for the API, is left off: the message says it in words)."""
    text = refusal.message[:1].upper() + refusal.message[1:]
    return f"{text} (Code provision {refusal.rule})" if refusal.rule in BY_NUMBER else text


class GovukForm(TextForm):
    """A form whose data a service takes: `arguments()` for the call, and `field_for` to put
    a service refusal on the field it names (`refused_fields` maps service names to ours)."""

    refused_fields: dict[str, str] = {}

    def arguments(self) -> dict:
        return dict(self.cleaned_data)

    def field_for(self, refused_field: str | None) -> str | None:
        """The form field a service refusal's field names, or None for the whole form."""
        name = self.refused_fields.get(refused_field or "", refused_field)
        return name if name in self.fields else None


def run_form(request, form: GovukForm, service, *args, **fixed) -> int | None:
    """Run `service` with the form's data as the signed-in person: None when it did,
    else the status to re-render with (422 for bad input; a refusal is put on the form)."""
    if not form.is_valid():
        return 422
    try:
        service(*args, actor=request.user, **fixed, **form.arguments())
    except Refused as refusal:
        return refuse_on_form(form, refusal)
    return None


def refuse_on_form(form, refusal: Refused) -> int:
    """Put a refusal on the form: 403 when the person's role forbids it, else 422 on a field
    the person filled in, else 409 (the case's state)."""
    field = form.field_for(refusal.field)
    form.add_error(field, refusal_text(refusal))
    if isinstance(refusal, Forbidden):
        return 403
    return 422 if field else 409


def errors_in_page_order(form) -> list[tuple[str, list]]:
    """The form's errors as the page shows its fields: the whole form's first, then each
    field's in the form's field order, not the order they were found (clean() and a
    service's refusal find some late). Forms declare their fields in the page's order."""
    errors = form.errors
    return [(name, errors[name]) for name in (NON_FIELD_ERRORS, *form.fields) if name in errors]


def error_summary(form, non_field_href: str) -> list[dict]:
    """GOV.UK error summary entries linking to each field (a date to its day box)."""
    items: list[dict] = []
    if form is None:
        return items
    for name, errors in errors_in_page_order(form):
        if name == NON_FIELD_ERRORS:
            href = non_field_href
        else:
            field = form[name]
            suffix = "-day" if getattr(field.field, "govuk", "") == "date" else ""
            href = f"#{field.auto_id}{suffix}"
        items += [{"href": href, "text": error} for error in errors]
    return items
