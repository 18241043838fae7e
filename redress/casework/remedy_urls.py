"""Putting things right: the case page's remedy forms and the outstanding list."""

from django.urls import path

from redress.casework.views import remedies as views

app_name = "remedies"
urlpatterns = [
    path("outstanding/", views.outstanding, name="outstanding"),
    path("complaints/<str:reference>/add/", views.add_remedy, name="add"),
    path("<int:remedy_id>/status/", views.remedy_status, name="status"),
    path("actions/<int:action_id>/complete/", views.complete_action, name="complete-action"),
]
