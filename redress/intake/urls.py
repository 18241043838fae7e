"""The resident's front door: public pages, the online complaint form, the status page."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "public"
urlpatterns = [
    path("", TemplateView.as_view(template_name="intake/home.html"), name="home"),
]
