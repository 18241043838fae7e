from django.contrib import admin
from django.urls import include, path

from . import outbox, views
from .api import api

handler404 = views.not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("staff/", include("redress.staff.urls")),
    path("brand.css", views.brand_css, name="brand-css"),
    path("brand/logo", views.brand_logo, name="brand-logo"),
    path("outbox/", outbox.message_list, name="outbox"),
    path("outbox/<str:message_id>/", outbox.message_detail, name="outbox-message"),
    path("administration/", include("redress.administration.urls")),
    path("cases/", include("redress.casework.urls")),
    path("letters/", include("redress.letters.urls")),
    path("check-a-complaint/letters/", include("redress.letters.resident_urls")),
    path("ombudsman/", include("redress.ombudsman.urls")),
    path("administration/letters/", include("redress.letters.template_urls")),
    path("remedies/", include("redress.casework.remedy_urls")),
    path("administration/remedy-bands/", include("redress.remedies.band_urls")),
    path("administration/categories/", include("redress.learning.admin_urls")),
    path("oversight/", include("redress.oversight.urls")),
    path("learning/", include("redress.learning.urls")),
    path("self-assessment/", include("redress.assessments.urls")),
    path("contacts/", include("redress.reception.staff_urls")),
    path("notifications/", include("redress.notifications.urls")),
    path("", include("redress.oversight.annual_report.urls")),
    path("", include("redress.reception.urls")),
]
