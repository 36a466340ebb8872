from django.urls import path

from . import public_views

app_name = "applications"

urlpatterns = [
    path("", public_views.find_agency, name="find"),
    path("status/", public_views.status, name="status"),
    path("<str:code>/", public_views.apply, name="apply"),
]
