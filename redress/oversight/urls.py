"""The oversight pages: figures only, never a name or a reference."""

from django.urls import path

from . import views
from .dashboard import views as dashboard_views

app_name = "oversight"
urlpatterns = [
    path("", views.summary, name="summary"),
    path("dashboard/", dashboard_views.page, name="dashboard"),
    path("dashboard/<slug:name>.<slug:kind>", dashboard_views.file, name="dashboard-file"),
]
