"""`{{ js_data|as_json }}`: WebAuthn options for a data- attribute, so that the passkey pages
need no inline script (the page's Content-Security-Policy allows none)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder

register = template.Library()


@register.filter
def as_json(value) -> str:
    """JSON text; the template's autoescaping makes it safe inside a quoted attribute."""
    return json.dumps(value, cls=DjangoJSONEncoder)
