from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="workspace/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("agencies/", views.agency_list, name="agencies"),
    path("agencies/<str:code>/", views.agency_detail, name="agency"),
    path("audit/", views.audit_log, name="audit"),
]
