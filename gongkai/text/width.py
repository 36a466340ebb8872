"""Width normalisation: full-width digits, letters and the ideographic space become ASCII.

Full-width punctuation (，。（）：) is left alone: it is correct Chinese typography. Invisible
characters that break matching (zero-width space and joiner, byte order mark, soft hyphen) are
removed and the no-break space becomes a plain space; these count as width repairs too.
"""

from __future__ import annotations

import re

from .changes import Change, RepairKind, RepairResult

_TABLE: dict[int, str] = {}
for _code in range(0xFF10, 0xFF1A):  # ０-９
    _TABLE[_code] = chr(_code - 0xFEE0)
for _code in range(0xFF21, 0xFF3B):  # Ａ-Ｚ
    _TABLE[_code] = chr(_code - 0xFEE0)
for _code in range(0xFF41, 0xFF5B):  # ａ-ｚ
    _TABLE[_code] = chr(_code - 0xFEE0)
_TABLE[0x3000] = " "  # ideographic space
_TABLE[0x00A0] = " "  # no-break space
for _code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
    _TABLE[_code] = ""

_PATTERN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]+")


def normalise_width(text: str) -> RepairResult:
    """Return ``text`` with full-width digits/letters/space as ASCII; one change per run replaced."""
    changes: list[Change] = []

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        after = found.translate(_TABLE)
        changes.append(Change(RepairKind.WIDTH, found, after))
        return after

    repaired = _PATTERN.sub(replace, text)
    return RepairResult(repaired, tuple(changes))
