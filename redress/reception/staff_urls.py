"""Staff pages for contacts: logging one, emails to triage, service requests, survey feedback."""

from django.urls import path

from redress.reception import log_views, staff_views, triage_views

app_name = "contacts"
urlpatterns = [
    path("log/", log_views.log, name="log"),
    path("to-triage/", triage_views.to_triage, name="to-triage"),
    path("to-triage/<int:pk>/", triage_views.triage, name="triage"),
    path("attachments/<int:pk>/", triage_views.attachment, name="attachment"),
    path("service-requests/", staff_views.service_requests, name="service-requests"),
    path("service-requests/<int:pk>/", staff_views.service_request, name="service-request"),
    path(
        "service-requests/<int:pk>/complaint/",
        staff_views.service_request_complaint,
        name="service-request-complaint",
    ),
    path(
        "service-requests/<int:pk>/complete/",
        staff_views.service_request_complete,
        name="service-request-complete",
    ),
    path("survey-feedback/", staff_views.survey_feedback, name="survey-feedback"),
    path(
        "survey-feedback/<int:pk>/complaint/",
        staff_views.survey_complaint,
        name="survey-complaint",
    ),
]
