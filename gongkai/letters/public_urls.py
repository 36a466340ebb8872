from django.urls import path

from . import views

app_name = "applicant_letters"

urlpatterns = [
    path("", views.applicant_download, name="download"),
    path("receipt/", views.applicant_receipt, name="receipt"),
]
