"""What each message says: subject, e-mail text and text message, in Chinese through the catalogue.

A message never carries the query code or an identity number: it tells what happened and where
to look (the status page, the case page), so that a message read by the wrong person leaks nothing
beyond the case number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Text:
    subject: Promise
    body: Promise
    sms: Promise | None = None  # None: no text message for this kind


TEXTS: dict[str, Text] = {
    # to applicants
    "receipt": Text(
        _("Your application %(number)s has been received"),
        _(
            "%(agency)s received your application for government information on %(received_on)s "
            "(case number %(number)s). The reply is due by %(due)s.\n\n"
            "Look up its status with the case number and your query code: %(link)s"
        ),
        _("[%(agency)s] Your application %(number)s was received on %(received_on)s; reply due by %(due)s."),
    ),
    "correction": Text(
        _("Application %(number)s: please complete it"),
        _(
            "%(agency)s asks you to correct or complete your application %(number)s by %(correction_due)s "
            "(Regulation Art. 30): %(text)s\n\n"
            "The reply period starts again when the office receives the correction. Status: %(link)s"
        ),
        _("[%(agency)s] Application %(number)s: please complete it by %(correction_due)s; see the notice."),
    ),
    "extension": Text(
        _("Application %(number)s: the reply period is extended"),
        _(
            "With the approval of the office head, %(agency)s extends the reply period of application %(number)s "
            "by %(working_days)s working days (Regulation Art. 33 ¶2). The reply is now due by %(due)s.\n\n"
            "Status: %(link)s"
        ),
        _("[%(agency)s] Application %(number)s: reply period extended, now due by %(due)s."),
    ),
    "reply_issued": Text(
        _("Application %(number)s: the reply has been issued"),
        _(
            "%(agency)s has replied to your application %(number)s. The reply letter can be downloaded "
            "from the status page with the case number and your query code: %(link)s"
        ),
        _("[%(agency)s] Application %(number)s has been answered; see the status page for the reply letter."),
    ),
    # to staff
    "assigned": Text(
        _("Case %(number)s is assigned to you"),
        _("Case %(number)s of %(agency)s is assigned to you. The reply is due by %(due)s.\n\n%(link)s"),
    ),
    "due_soon": Text(
        _("Case %(number)s is due by %(due)s"),
        _("The reply to case %(number)s of %(agency)s is due by %(due)s (%(left)s working days left).\n\n%(link)s"),
    ),
    "overdue": Text(
        _("Case %(number)s is overdue"),
        _("The reply to case %(number)s of %(agency)s was due by %(due)s and has not been issued.\n\n%(link)s"),
    ),
    "pressed": Text(
        _("督办: %(agency)s is pressed"),
        _("%(supervisor)s pressed %(agency)s (督办): %(instruction)s\n\n%(link)s"),
    ),
}

APPLICANT_KINDS = frozenset({"receipt", "correction", "extension", "reply_issued"})


class _Filled(dict[str, Any]):
    """The values, with a dash for any a message names but the caller did not give."""

    def __missing__(self, key: str) -> str:
        return "—"


def render(kind: str, values: dict[str, Any]) -> tuple[str, str, str]:
    """(subject, e-mail text, text message or "") of ``kind`` with ``values`` filled in."""
    text = TEXTS[kind]
    filled = _Filled({key: value for key, value in values.items() if value not in (None, "")})
    with translation.override(settings.LANGUAGE_CODE):  # the site's language, in a request or a cron job alike
        sms = str(text.sms) % filled if text.sms is not None else ""
        return str(text.subject) % filled, str(text.body) % filled, sms
