"""The administrator's remedy-band pages, mounted at /administration/remedy-bands/."""

from django.urls import path

from . import band_views

app_name = "remedy-bands"
urlpatterns = [
    path("", band_views.bands, name="list"),
    path("<slug:key>/", band_views.edit_band, name="edit"),
]
