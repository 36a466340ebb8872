from django.urls import path

from . import template_views, views

app_name = "letters"

urlpatterns = [
    path("case/<int:pk>/<int:letter_id>.<str:fmt>", views.staff_download, name="download"),
    path("case/<int:pk>/preview/<str:kind>.<str:fmt>", views.staff_preview, name="preview"),
    path("case/<int:pk>/third-party-notice/", views.staff_third_party_notice, name="third_party_notice"),
    path("case/<int:pk>/<int:letter_id>/delivery/", views.staff_record_delivery, name="delivery"),
    path("templates/", template_views.index, name="templates"),
    path("templates/<str:code>/<str:kind>/<str:variant>/", template_views.edit, name="template_edit"),
]
