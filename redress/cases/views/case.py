"""The case page (placeholder until the case page lands)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def case_page(request, reference: str):
    raise Http404


@login_required
def run_command(request, reference: str, command: str):
    raise Http404
