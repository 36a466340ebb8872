"""System check: letters need a CJK font for their PDFs."""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning as CheckWarning

from gongkai.core.fonts import cjk_fonts

from .rendering import no_cjk_font_message


def cjk_font_installed(app_configs: Any, **kwargs: Any) -> list[CheckWarning]:
    if cjk_fonts():
        return []
    return [CheckWarning(no_cjk_font_message(), id="gongkai.W020")]
