"""The resident's downloads of their letters: /check-a-complaint/letters/<id>.pdf."""

from django.urls import path

from . import resident_views

app_name = "resident-letters"
urlpatterns = [path("<int:pk>.pdf", resident_views.letter_pdf, name="file")]
