"""Ombudsman cases, for case workers: /ombudsman/."""

from django.urls import path

from . import views

app_name = "ombudsman"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:pk>/", views.case_detail, name="case"),
]
