"""The self-assessment: staff pages for every version, and the public page of the published one."""

from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.versions, name="versions"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.version, name="version"),
    path("<int:pk>/sections/<int:number>/", views.section, name="section"),
    path("<int:pk>/refresh-evidence/", views.run_step, {"step": "refresh"}, name="refresh"),
    path("<int:pk>/sign-off/", views.run_step, {"step": "sign-off"}, name="sign-off"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/review/accept/", views.run_step, {"step": "accept"}, name="accept"),
    path("<int:pk>/approval/", views.approval, name="approval"),
    path("<int:pk>/publish/", views.run_step, {"step": "publish"}, name="publish"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/changes/", views.changes, name="changes"),
    path("<int:pk>/self-assessment.docx", views.word, name="word"),
    # The public site: no sign-in.
    path("published/<int:year>/", views.public, name="public"),
    path("published/<int:year>/self-assessment.docx", views.public_word, name="public-word"),
]
