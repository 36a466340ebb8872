from django.urls import path

from . import public_views

app_name = "applications"

urlpatterns = [
    path("status/", public_views.status, name="status"),
    path("<str:code>/", public_views.apply, name="apply"),
]
