"""`{% exceptional_notices %}`: the published exceptional-circumstances notices (8.5), as a
GOV.UK notification banner at the top of the public complaints pages."""

from django import template

from redress.oversight.annual_report.exceptional import current_notices

register = template.Library()


@register.inclusion_tag("oversight/_exceptional_banner.html")
def exceptional_notices() -> dict:
    return {"notices": current_notices()}
