"""The administrator's category taxonomy, under /administration/categories/."""

from django.urls import path

from . import views

app_name = "learning-admin"
urlpatterns = [
    path("", views.categories, name="categories"),
    path("<int:category_id>/", views.rename_category, name="rename-category"),
    path("<int:category_id>/active/", views.set_category_active, name="set-category-active"),
]
