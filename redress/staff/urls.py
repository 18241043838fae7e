"""Staff's own settings: API tokens (signing in and its factors are allauth's, /accounts/)."""

from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("api-tokens/", views.api_tokens, name="api-tokens"),
    path("api-tokens/<int:token_id>/revoke/", views.revoke, name="revoke-token"),
]
