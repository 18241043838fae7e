"""Letter templates, under /administration/letters/."""

from django.urls import path

from . import template_views

app_name = "letter-templates"
urlpatterns = [
    path("", template_views.template_list, name="list"),
    path("<str:kind>/", template_views.template_edit, name="edit"),
]
