"""Staff pages of the library, mounted at ``/staff/documents/``."""

from django.urls import path

from . import catalogue_views, staff_views

app_name = "documents_staff"

urlpatterns = [
    path("", staff_views.document_list, name="list"),
    path("new/", staff_views.document_new, name="new"),
    path("<int:pk>/", staff_views.document_detail, name="detail"),
    path("<int:pk>/edit/", staff_views.document_edit, name="edit"),
    path("<int:pk>/interpretations/", staff_views.document_interpret, name="interpret"),
    path("<int:pk>/relations/", staff_views.document_relate, name="relate"),
    path("<int:pk>/files/", staff_views.document_attach_files, name="attach"),
    path("<int:pk>/files/<int:attachment_id>/", staff_views.attachment_download, name="file"),
    path("<int:pk>/revise/", staff_views.document_revise, name="revise"),
    path("<int:pk>/exempt/", staff_views.document_exempt, name="exempt"),
    path("figures/", staff_views.figures, name="figures"),
    path("timeliness/", staff_views.timeliness, name="timeliness"),
    path("catalogue/", catalogue_views.catalogue_page, name="catalogue"),
    path("catalogue/new/", catalogue_views.item_new, name="catalogue_new"),
    path("catalogue/<int:pk>/edit/", catalogue_views.item_edit, name="catalogue_edit"),
    path("catalogue/<int:pk>/delete/", catalogue_views.item_delete, name="catalogue_delete"),
    path("catalogue/categories/", catalogue_views.category_add, name="category_add"),
    path("catalogue/categories/<int:pk>/", catalogue_views.category_change, name="category_change"),
    path("catalogue/categories/<int:pk>/delete/", catalogue_views.category_delete, name="category_delete"),
    path("guide/", catalogue_views.guide_edit, name="guide"),
]
