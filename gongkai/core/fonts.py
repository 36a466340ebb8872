"""The CJK fonts the server has, for every PDF the platform renders (letters, document bodies).

WeasyPrint draws what fontconfig finds; without a CJK font it prints boxes instead of characters,
so renderers ask ``cjk_fonts()`` first and refuse, in Chinese, when it is empty.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

# Preferred families, in order; any other CJK family fontconfig knows comes after them.
FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei", "SimSun")


@functools.cache
def cjk_fonts() -> tuple[str, ...]:
    """The CJK font families fontconfig knows (``fc-list :lang=zh family``); empty without any."""
    binary = shutil.which("fc-list")
    if binary is None:
        return ()
    try:
        listed = subprocess.run(  # noqa: S603 — a fixed program and arguments
            [binary, ":lang=zh", "family"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    families = {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}
    return tuple(sorted(families))


def cjk_font_stack() -> str:
    """A CSS ``font-family`` value of the installed CJK fonts (preferred first); empty without any."""
    installed = cjk_fonts()
    if not installed:
        return ""
    preferred = [f for f in FONT_FAMILIES if f in installed] or [installed[0]]
    return ", ".join(f'"{f}"' for f in preferred) + ", serif"
