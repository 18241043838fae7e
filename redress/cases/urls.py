"""Staff case-work pages: the work queue and the case page with its actions."""

from django.urls import path

from .views import case, files, queue, search, support

app_name = "cases"
urlpatterns = [
    path("", queue.work_queue, name="work-queue"),
    path("search/", search.search_page, name="search"),
    path("assign/", queue.bulk_assign, name="bulk-assign"),
    path("<str:reference>/", case.case_page, name="case"),
    path("<str:reference>/support-needs/", support.support_needs_page, name="support-needs"),
    path("<str:reference>/<str:command>/", case.run_command, name="command"),
    path("<str:reference>/files/<int:pk>/", files.correspondence_file, name="file"),
]
