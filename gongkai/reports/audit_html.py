"""The audit pages as HTML, from the templates in ``reports/templates/reports/audit/``.

:func:`audit_fragment` is one file's audit (the staff page embeds the same template under its own
heading); :func:`audit_page` is a whole stand-alone page with its stylesheet inlined (what
``gongkai report audit --html`` writes); :func:`index_page` lists many audited files. The page's
data comes from :mod:`gongkai.reports.audit_page`; every word of the page is translated here or
in the templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, pgettext_lazy

from .audit import Audit
from .audit_page import audit_page as page_data
from .audit_page import index_entries
from .findings import Severity

STATIC_DIR = Path(__file__).resolve().parent / "static" / "reports"
FRAGMENT_TEMPLATE = "reports/audit/fragment.html"

SEVERITY_LABELS: dict[Severity, Promise] = {
    Severity.ERROR: pgettext_lazy("finding severity", "error"),
    Severity.WARNING: pgettext_lazy("finding severity", "warning"),
    Severity.INFO: pgettext_lazy("finding severity", "note"),
}

MEDIA_TYPE_LABELS: dict[str, Promise] = {
    "text": gettext_lazy("plain text"),
    "html": gettext_lazy("web page (HTML)"),
    "docx": gettext_lazy("Word document (DOCX)"),
    "pdf": gettext_lazy("PDF document"),
    "unknown": gettext_lazy("file type not recognised"),
}


def severity_label(severity: Severity) -> str:
    return str(SEVERITY_LABELS[severity])


def media_type_label(media_type: str) -> str:
    label = MEDIA_TYPE_LABELS.get(media_type)
    return str(label) if label is not None else media_type


@cache
def stylesheet() -> SafeString:
    """The stand-alone pages' CSS: the same files the staff page links (``reports/audit.css``)."""
    css = "".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in ("audit-page.css", "audit.css"))
    return mark_safe(css)  # noqa: S308  # our own stylesheet, not document content


def audit_fragment(audit: Audit, *, heading_level: int = 1, prefix: str = "") -> str:
    """One file's audit as HTML (headings from ``heading_level``; ids start with ``prefix``)."""
    return render_to_string(FRAGMENT_TEMPLATE, fragment_context(audit, heading_level=heading_level, prefix=prefix))


def fragment_context(audit: Audit, *, heading_level: int = 1, prefix: str = "") -> dict[str, object]:
    """What the fragment template needs, for a page that includes it (the staff page)."""
    return {
        "page": page_data(audit, prefix=prefix),
        "h1": f"h{heading_level}",
        "h2": f"h{min(heading_level + 1, 6)}",
    }


def audit_page(audit: Audit) -> str:
    """A whole stand-alone HTML page for one audited file."""
    return render_to_string("reports/audit/page.html", {"page": page_data(audit), "stylesheet": stylesheet()})


def index_page(audits: Sequence[Audit], links: Sequence[str]) -> str:
    """A page listing audited files (``links[i]`` is the page of ``audits[i]``) with their scores."""
    return render_to_string(
        "reports/audit/index.html", {"entries": index_entries(audits, links), "stylesheet": stylesheet()}
    )
