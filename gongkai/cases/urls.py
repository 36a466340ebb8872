from django.urls import path

from . import counter, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", counter.case_new, name="new"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/", views.case_act, name="act"),
]
