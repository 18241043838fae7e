"""The case page's "Putting things right" section: each remedy and outstanding action
with the form that moves it on, the form to add a remedy, and the landlord's bands.
Its forms post to `remedies` views, which re-render the case page on a refusal."""

from __future__ import annotations

from redress.code.remedies import band_range
from redress.remedies import selectors
from redress.remedies.forms import AddRemedyForm, CompleteActionForm, RemedyStatusForm
from redress.remedies.models import RemedyBand

ADD_PREFIX = "add_remedy"


def prefix_of(kind: str, pk: int) -> str:
    """Each item's form has its own prefix, so a refused one reopens alone."""
    return f"{kind}-{pk}"


def putting_right(complaint, failed=None) -> dict:
    """The case page's "Putting things right" context; `failed` is a refused form, kept open."""

    def form(prefix, make):
        return failed if failed is not None and failed.prefix == prefix else make()

    rows = []
    for item in selectors.complaint_items(complaint):
        prefix = prefix_of(item.kind, item.pk)
        if not item.is_open:
            rows.append({"item": item, "form": None})
        elif item.kind == "remedy":
            made = form(
                prefix, lambda p=prefix, i=item: RemedyStatusForm(prefix=p, accepting=i.may_accept)
            )
            rows.append({"item": item, "form": made, "open": made is failed})
        else:
            made = form(prefix, lambda p=prefix: CompleteActionForm(prefix=p))
            rows.append({"item": item, "form": made, "open": made is failed})
    add = form(ADD_PREFIX, lambda: AddRemedyForm(prefix=ADD_PREFIX))
    bands = [{"label": b.label, "range": band_range(b.as_band())} for b in RemedyBand.objects.all()]
    return {"rows": rows, "add_form": add, "add_open": add is failed, "bands": bands}
