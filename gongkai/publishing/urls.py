from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.document_review, name="document"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("findings/<int:pk>/", views.finding_resolve, name="finding"),
]
