"""Public pages of the calendars app (mounted at ``/clock/``)."""

from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("calendar/", views.calendar_year, name="calendar"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
]
