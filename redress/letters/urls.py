"""Letters on a case: /letters/<reference>/new/ and /letters/<id>.<format>."""

from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("<str:reference>/new/", views.new_letter, name="new"),
    path("issued/<int:pk>.<str:fmt>", views.letter_file, name="file"),
]
