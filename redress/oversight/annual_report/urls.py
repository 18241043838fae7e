"""The annual report's pages: public ones under /annual-report/, staff ones under /oversight/."""

from django.urls import path

from . import views

app_name = "annual_report"
urlpatterns = [
    path("annual-report/", views.public_list, name="public-list"),
    path("annual-report/<int:year>/", views.public_report, name="public"),
    path("annual-report/<int:year>/report.<str:fmt>", views.public_file, name="public-file"),
    path(
        "annual-report/<int:year>/revision/<int:number>/",
        views.public_report,
        name="public-revision",
    ),
    path(
        "annual-report/<int:year>/revision/<int:number>/report.<str:fmt>",
        views.public_file,
        name="public-revision-file",
    ),
    path(
        "annual-report/ombudsman-publications/<int:pk>/file",
        views.publication_file,
        name="publication-file",
    ),
    path("oversight/annual-report/", views.reports, name="staff-list"),
    path("oversight/annual-report/<int:year>/", views.report_year, name="staff-year"),
    path("oversight/annual-report/<int:year>/preview/", views.preview, name="preview"),
    path("oversight/ombudsman-publications/", views.publications_page, name="publications"),
    path("oversight/exceptional-circumstances/", views.notices_page, name="notices"),
]
