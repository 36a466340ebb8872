"""``gongkai search "QUERY" [--agency CODE] [--kind K] [--json]``: search the document library as
the portal does; ``gongkai search reindex``: rebuild the index from the database (a progress bar
on standard error; the site keeps searching the old index until the new one is complete).

``--json`` prints exactly the API's answer (``SearchResponse.as_json``).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import orjson
from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.utils.translation import gettext as _

from gongkai.core.commands import USAGE_ERROR, GongkaiCommand
from gongkai.search import indexing, service


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text}, returncode=USAGE_ERROR
        ) from error


class ProgressBar:
    """``[########............]  1200/5000`` on standard error, redrawn in place on a terminal."""

    WIDTH = 30

    def __init__(self, stream: OutputWrapper) -> None:
        self.stream = stream
        self.shown = -1.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < 0.2:
            return
        self.shown = now
        filled = self.WIDTH * done // total if total else self.WIDTH
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}"
        if self.stream.isatty():
            self.stream.write(f"\r{line}", ending="")
        else:
            self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.stream.isatty():
            self.stream.write("")


class Command(GongkaiCommand):
    help = _("Search the document library, or rebuild its index (gongkai search reindex).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("words", nargs="*", help=_("the search words; “reindex” rebuilds the index"))
        parser.add_argument("--agency", help=_("an agency code: its documents and those of the agencies under it"))
        parser.add_argument("--kind", help=_("kind: rule, normative, other, or an agency's own kind code"))
        parser.add_argument("--status", help=_("in_force, amended, repealed or expired"))
        parser.add_argument("--issuer", help=_("the issuing authority, as written"))
        parser.add_argument("--year", type=int, help=_("the year published"))
        parser.add_argument("--from", dest="date_from", help=_("published on or after (YYYY-MM-DD)"))
        parser.add_argument("--to", dest="date_to", help=_("published on or before (YYYY-MM-DD)"))
        parser.add_argument("--topic", help=_("topic (主题分类)"))
        parser.add_argument("--title-only", action="store_true", help=_("search the titles only"))
        parser.add_argument("--sort", default="relevance", choices=["relevance", "date"], help=_("order"))
        parser.add_argument("--page", type=int, default=1, help=_("page (default 1)"))
        parser.add_argument("--per-page", type=int, default=10, help=_("results per page (default 10)"))
        parser.add_argument("--as-typed", action="store_true", help=_("search the words as typed, no correction"))
        parser.add_argument("--json", action="store_true", help=_("print the answer as JSON (the API's shape)"))
        parser.add_argument("--quiet", action="store_true", help=_("no progress bar (reindex)"))

    def handle(self, *args: Any, **options: Any) -> None:
        words: list[str] = options["words"]
        if words == ["reindex"]:
            self._reindex(quiet=options["quiet"] or options["verbosity"] < 1)
            return
        request = service.SearchRequest(
            q=" ".join(words),
            agency=options["agency"],
            kind=options["kind"],
            status=options["status"],
            issuer=options["issuer"],
            year=options["year"],
            date_from=_date(options["date_from"]) if options["date_from"] else None,
            date_to=_date(options["date_to"]) if options["date_to"] else None,
            topic=options["topic"],
            title_only=options["title_only"],
            sort=options["sort"],
            page=options["page"],
            per_page=options["per_page"],
            as_typed=options["as_typed"],
        )
        response = service.search(request)
        if options["json"]:
            self.stdout.write(orjson.dumps(response.as_json(), option=orjson.OPT_INDENT_2).decode())
            return
        self._print(response)

    def _print(self, response: service.SearchResponse) -> None:
        if response.correction:
            self.stdout.write(
                _("Showing results for “%(used)s”; search instead for “%(typed)s” with --as-typed.")
                % {"used": response.used_query, "typed": response.query}
            )
        self.stdout.write(_("%(total)d results") % {"total": response.total})
        start = (response.page - 1) * response.per_page
        for number, row in enumerate(response.results, start=start + 1):
            line = f"{number}. {row.title}"
            if row.doc_number:
                line += f"  {row.doc_number}"
            self.stdout.write(line)
            meta = [row.issuer, row.published_on.isoformat() if row.published_on else "", row.status, row.url]
            self.stdout.write("   " + "  ".join(part for part in meta if part))
        for name, counts in response.facets.items():
            if counts:
                shown = "，".join(f"{key} {count}" for key, count in counts.items())
                self.stdout.write(f"[{name}] {shown}")

    def _reindex(self, *, quiet: bool) -> None:
        bar = None if quiet else ProgressBar(self.stderr)
        started = time.monotonic()
        count = indexing.reindex(progress=bar)
        if bar is not None:
            bar.close()
        self.stdout.write(
            _("Indexed %(count)d documents in %(seconds).1f s.")
            % {"count": count, "seconds": time.monotonic() - started}
        )
