"""Staff accounts are made by an administrator: nobody signs themselves up.

Signing in lands each person where their roles let them work: case workers on the
work queue, the MRC and governing body on the oversight pages, administrators on
the administration pages.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .roles import home_url_name


class StaffOnlyAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse(home_url_name(request.user))
