"""Top-level URL map: public portal, staff workspace, API v1 and the Django admin."""

from django.contrib import admin
from django.urls import include, path

from gongkai.api.urls import api

admin.site.site_header = "公开 · 系统管理"
admin.site.site_title = "公开 · 系统管理"
admin.site.index_title = "参考数据"

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("clock/", include("gongkai.calendars.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/", include("gongkai.workspace.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.portal.views.bad_request"
handler403 = "gongkai.portal.views.permission_denied"
handler404 = "gongkai.portal.views.page_not_found"
handler500 = "gongkai.portal.views.server_error"
