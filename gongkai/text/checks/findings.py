"""The one result type of every check: a finding at its place in the original text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding weighs: an ``error`` blocks publication until it is resolved."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


class Check(StrEnum):
    """Which check found it (each app words these itself)."""

    WORDING = "wording"  # a dictionary entry (错敏词): category says which dictionary
    PRIVACY = "privacy"  # personal data (先审查、后公开)
    FORMAT = "format"  # a malformed 文号 or an impossible date


@dataclass(frozen=True)
class Finding:
    """``text[start:end]`` of the ORIGINAL text is what was found.

    ``category`` names the dictionary (political, legal, typo, agency, law, wording) or the kind of
    personal data (resident_id, mobile, bank_card, email, address) or of format problem
    (doc_number, date); ``suggestion`` is the replacement to offer ('' when there is none);
    ``note`` explains (a reform year, the rule of GB/T 9704).
    """

    check: Check
    category: str
    severity: Severity
    start: int
    end: int
    found: str
    suggestion: str = ""
    note: str = ""

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR

    def key(self) -> tuple[str, str, str]:
        """What identifies a finding across re-checks of an edited text (not its position)."""
        return (self.check.value, self.category, self.found)
