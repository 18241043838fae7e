"""What every page knows about the landlord: its name and colours."""

from django.conf import settings


def landlord(request) -> dict:
    return {"landlord_name": settings.REDRESS_LANDLORD_NAME, "brand": settings.REDRESS_BRAND}
