"""Learning from complaints: root causes, the learning log, the report and the trends."""

from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("", views.lessons, name="lessons"),
    path("lessons/new/", views.new_lesson, name="new-lesson"),
    path("lessons/<int:lesson_id>/", views.lesson, name="lesson"),
    path("lessons/<int:lesson_id>/edit/", views.edit_lesson, name="edit-lesson"),
    path("report/", views.report, name="report"),
    path("trends/", views.trends, name="trends"),
    path(
        "cases/<str:reference>/stages/<int:number>/root-causes/",
        views.root_causes,
        name="root-causes",
    ),
]
