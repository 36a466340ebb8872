from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("upload/", views.report_upload, name="upload"),
    path("uploads/<int:pk>/", views.report_upload_status, name="upload_status"),
    path("history/", views.report_history, name="history"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/file/", views.report_file, name="file"),
]
