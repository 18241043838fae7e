"""The resident's front door: public pages, the online complaint form, the status page."""

from django.urls import path
from django.views.generic import TemplateView

from redress.reception import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "complaints-policy/",
        TemplateView.as_view(template_name="intake/policy.html"),
        name="policy",
    ),
    path("help/", TemplateView.as_view(template_name="intake/help.html"), name="help"),
    path("make-a-complaint/", views.complain, name="complain"),
    path("make-a-complaint/done/<str:reference>/", views.complain_done, name="complain-done"),
    path("check-a-complaint/", views.status_start, name="status-start"),
    path("check-a-complaint/code/", views.status_code, name="status-code"),
    path("check-a-complaint/status/", views.status, name="status"),
    path("check-a-complaint/escalate/", views.escalate_view, name="escalate"),
]
