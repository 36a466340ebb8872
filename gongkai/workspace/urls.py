from django.contrib.auth import views as auth_views
from django.urls import path

from . import accounts, agency_views, views

app_name = "workspace"

urlpatterns = [
    path(
        "login/",
        accounts.LoginView.as_view(template_name="workspace/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    *accounts.urlpatterns,
    path("", views.dashboard, name="dashboard"),
    path("agencies/", views.agency_list, name="agencies"),
    path("new-agency/", agency_views.agency_add, name="agency_add_top"),
    path("agencies/<str:code>/", views.agency_detail, name="agency"),
    path("agencies/<str:code>/add/", agency_views.agency_add, name="agency_add"),
    path("agencies/<str:code>/change/", agency_views.agency_change, name="agency_change"),
    path("agencies/<str:code>/office/", agency_views.office_change, name="office_change"),
    path("agencies/<str:code>/unlock/", views.account_unlock, name="account_unlock"),
    path("audit/", views.audit_log, name="audit"),
]
