from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = _("Search")
    urls = [("search/", "gongkai.search.public_urls")]
    cli_commands = [("search", _("search the document library; “gongkai search reindex” rebuilds the index"))]
    api_router = [("/search", "gongkai.search.api.router")]

    def ready(self) -> None:
        from . import indexing

        indexing.connect()  # index a document after the transaction that publishes, changes or withdraws it
