"""Text messages through a pluggable backend (setting ``GONGKAI_SMS_BACKEND``, a dotted path).

A backend is a class with ``send(phone: str, text: str) -> None`` that raises on failure. The
log backend ships (it writes the message to the ``gongkai.sms`` logger); a real provider (a
province's SMS platform, a cloud SMS service) plugs in by setting its class.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("gongkai.sms")
DEFAULT_BACKEND = "gongkai.notifications.sms.LogSmsBackend"


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LogSmsBackend:
    """Writes each message to the log (development, and deployments without an SMS provider)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


def sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(getattr(settings, "GONGKAI_SMS_BACKEND", DEFAULT_BACKEND))()
    return backend
