"""Pre-publication checks on a text (pure Python, no Django): wording (错敏词), personal data and
formats, each returning :class:`Finding` records at their place in the original text.

- :func:`check_text` ``(text, wording=None) -> list[Finding]`` — every check, in text order; the
  wording check uses the shipped starter dictionary unless a :class:`WordingChecker` built from
  the database's dictionary is given.
- :class:`WordingChecker` ``(entries, whitelist)`` — one Aho-Corasick pass for every dictionary,
  after :func:`fold` (width, case, traditional → simplified, invisible characters) with positions
  mapped back.
- the finders of :mod:`.privacy` and :mod:`.formats`, and :func:`starter_entries` /
  :func:`starter_whitelist` (the shipped data, ``data/wording.tsv`` and ``data/whitelist.txt``).
"""

from __future__ import annotations

from .findings import Check, Finding, Severity
from .fold import Folded, fold
from .formats import find_impossible_dates, find_malformed_doc_numbers
from .privacy import find_personal_data, mask
from .wording import Entry, WordingChecker, read_entries, starter_checker, starter_entries, starter_whitelist


def check_text(text: str, wording: WordingChecker | None = None) -> list[Finding]:
    """Every finding in ``text``, sorted by position (then by check)."""
    checker = wording if wording is not None else starter_checker()
    findings = (
        checker.check(text) + find_personal_data(text) + find_malformed_doc_numbers(text) + find_impossible_dates(text)
    )
    return sorted(findings, key=lambda finding: (finding.start, finding.end, finding.check.value))


__all__ = [
    "Check",
    "Entry",
    "Finding",
    "Folded",
    "Severity",
    "WordingChecker",
    "check_text",
    "find_impossible_dates",
    "find_malformed_doc_numbers",
    "find_personal_data",
    "fold",
    "mask",
    "read_entries",
    "starter_checker",
    "starter_entries",
    "starter_whitelist",
]
