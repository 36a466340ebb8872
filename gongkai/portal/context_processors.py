from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """The platform's name and the footer's facts (主办单位, contact, 备案号), from settings."""
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "site_footer": {
            "sponsor": settings.GONGKAI_SITE_SPONSOR,
            "contact": settings.GONGKAI_SITE_CONTACT,
            "icp": settings.GONGKAI_SITE_ICP,
        },
    }
