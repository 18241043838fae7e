"""Staff case-work pages: the work queue and the case page with its actions."""

from django.urls import path

from redress.casework.views import case, files, queue, search, support, support_reviews

app_name = "cases"
urlpatterns = [
    path("", queue.work_queue, name="work-queue"),
    path("search/", search.search_page, name="search"),
    path("assign/", queue.bulk_assign, name="bulk-assign"),
    path("<str:reference>/", case.case_page, name="case"),
    path("<str:reference>/support-needs/", support.support_needs_page, name="support-needs"),
    # A resident's adjustments (5.10) and restrictions (5.14): recorded and reviewed.
    path(
        "<str:reference>/support-needs/adjustments/new/",
        support_reviews.record_page,
        {"need": "adjustment"},
        name="new-adjustment",
    ),
    path(
        "<str:reference>/support-needs/restrictions/new/",
        support_reviews.record_page,
        {"need": "restriction"},
        name="new-restriction",
    ),
    path(
        "<str:reference>/support-needs/adjustments/<int:pk>/review/",
        support_reviews.review_page,
        {"need": "adjustment"},
        name="review-adjustment",
    ),
    path(
        "<str:reference>/support-needs/restrictions/<int:pk>/review/",
        support_reviews.review_page,
        {"need": "restriction"},
        name="review-restriction",
    ),
    path("<str:reference>/<str:command>/", case.run_command, name="command"),
    path("<str:reference>/files/<int:pk>/", files.correspondence_file, name="file"),
]
