"""The administrator's pages: users and teams, the calendar, the landlord's settings."""

from django.urls import path

from . import views

app_name = "administration"
urlpatterns = [
    path("", views.home, name="home"),
    path("users/", views.users, name="users"),
    path("users/new/", views.new_user, name="new-user"),
    path("users/<int:user_id>/", views.edit_user, name="edit-user"),
    path("users/<int:user_id>/active/", views.set_active, name="set-active"),
    path("teams/", views.teams, name="teams"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<int:closure_id>/withdraw/", views.withdraw_closure, name="withdraw-closure"),
    path("settings/", views.landlord_settings, name="settings"),
]
