from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"
    verbose_name = _("Document library")
    urls = [("gk/", "gongkai.documents.public_urls")]
