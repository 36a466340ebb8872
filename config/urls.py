"""Top-level URL map: every app's pages (declared by its AppConfig), API v1 and the Django admin.

An app brings its pages with ``urls = (prefix, "module")`` on its AppConfig (see
``gongkai.core.extensions``); nothing here changes when an app is added.
"""

from django.contrib import admin
from django.urls import path, re_path

from gongkai.api.urls import api
from gongkai.core.extensions import url_includes
from gongkai.core.middleware import api_not_found

admin.site.site_header = "公开 · 系统管理"
admin.site.site_title = "公开 · 系统管理"
admin.site.index_title = "参考数据"

urlpatterns = [
    *url_includes(),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),  # after the API: what it does not match is a JSON 404
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.portal.views.bad_request"
handler403 = "gongkai.portal.views.permission_denied"
handler404 = "gongkai.portal.views.page_not_found"
handler500 = "gongkai.portal.views.server_error"
