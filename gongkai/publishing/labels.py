"""How a finding is named on the review page and in reports (Chinese through translation)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import CheckFinding


def category_label(check: str, category: str) -> str:
    labels = {
        "political": _("fixed political term"),
        "legal": _("legal or disclosure term"),
        "typo": _("common misspelling"),
        "agency": _("outdated agency name"),
        "law": _("repealed or renamed law"),
        "wording": _("sensitive or outdated wording"),
        "resident_id": _("resident identity number"),
        "mobile": _("mobile phone number"),
        "bank_card": _("bank card number"),
        "email": _("e-mail address"),
        "address": _("home address"),
        "doc_number": _("malformed document number"),
        "date": _("impossible date"),
    }
    return labels.get(category, category)


def severity_label(severity: str) -> str:
    return {"error": _("error"), "warning": _("warning"), "notice": _("hint")}.get(severity, severity)


def finding_message(finding: CheckFinding) -> str:
    """One line: what was found and what to do ("常见错别字：“…”，建议改为“…”")."""
    label = category_label(finding.check_name, finding.category)
    if finding.check_name == "privacy":
        message = _("%(label)s: remove or mask “%(found)s” before publication") % {
            "label": label,
            "found": finding.found,
        }
    elif finding.suggestion:
        message = _("%(label)s: “%(found)s”, write “%(suggestion)s”") % {
            "label": label,
            "found": finding.found,
            "suggestion": finding.suggestion,
        }
    else:
        message = _("%(label)s: “%(found)s”") % {"label": label, "found": finding.found}
    if finding.note:
        message = f"{message}（{finding.note}）"
    return message
