"""The oversight pages: figures only, never a name or a reference."""

from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.summary, name="summary"),
]
