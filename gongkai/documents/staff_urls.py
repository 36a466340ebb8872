"""Staff pages of the library, mounted at ``/staff/documents/``."""

from django.urls import path

from . import staff_views

app_name = "documents_staff"

urlpatterns = [
    path("figures/", staff_views.figures, name="figures"),
    path("timeliness/", staff_views.timeliness, name="timeliness"),
]
