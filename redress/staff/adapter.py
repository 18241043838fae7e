"""Staff accounts are made by an administrator: nobody signs themselves up."""

from allauth.account.adapter import DefaultAccountAdapter


class StaffOnlyAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False
