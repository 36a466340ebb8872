"""The public disclosure column (信息公开专栏) of each agency, mounted at ``/gk/``."""

from django.urls import path

from . import catalogue_views, public_views

app_name = "documents"

urlpatterns = [
    path("<str:code>/", public_views.column, name="column"),
    path("<str:code>/documents/", public_views.document_list, name="list"),
    path("<str:code>/normative/", public_views.normative_in_force, name="normative"),
    path("<str:code>/catalogue/", catalogue_views.public_catalogue, name="catalogue"),
    path("<str:code>/guide/", catalogue_views.public_guide, name="guide"),
    path("document/<int:pk>/", public_views.document_detail, name="detail"),
    path("document/<int:pk>/body.docx", public_views.document_word, name="word"),
    path("document/<int:pk>/body.pdf", public_views.document_pdf, name="pdf"),
    path("document/<int:pk>/files/<int:attachment_id>/", public_views.attachment_download, name="file"),
]
