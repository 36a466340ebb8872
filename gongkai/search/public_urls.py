"""The public search page, mounted at ``/search/``."""

from django.urls import path

from . import public_views

app_name = "search"

urlpatterns = [path("", public_views.search_page, name="page")]
