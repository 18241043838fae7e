"""Ombudsman cases, for case workers: /ombudsman/."""

from django.urls import path

from . import ombudsman_views

app_name = "ombudsman"
urlpatterns = [
    path("", ombudsman_views.case_list, name="list"),
    path("<int:pk>/", ombudsman_views.case_detail, name="case"),
]
