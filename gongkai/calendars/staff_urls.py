"""Staff pages of the calendars (系统管理), mounted at ``/staff/calendar/``."""

from django.urls import path

from . import staff_views

app_name = "calendar_staff"

urlpatterns = [
    path("", staff_views.index, name="index"),
    path("<int:year>/edit/", staff_views.edit, name="edit"),
    path("<int:year>/confirm/", staff_views.confirm, name="confirm"),
    path("<int:year>/delete/", staff_views.delete, name="delete"),
    path("regional/<str:code>/", staff_views.regional, name="regional"),
    path("regional/<str:code>/<int:pk>/delete/", staff_views.regional_delete, name="regional_delete"),
]
