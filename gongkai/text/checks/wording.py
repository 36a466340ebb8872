"""Wording check (错敏词): every dictionary in one Aho-Corasick pass over the folded text.

Dictionaries are rows of (category, severity, term, suggestion, note); the starter set ships in
``data/wording.tsv`` and a whitelist of correct phrases that contain a term in
``data/whitelist.txt``. The apps add the entries administrators keep in the database and build one
``WordingChecker`` per dictionary version. Matching runs on :func:`fold`'s text, so a full-width or
traditional spelling of a term is found too, and positions map back to the original.
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

from .findings import Check, Finding, Severity
from .fold import fold

# Outdated agency names and repealed laws are correct when the text says they are former ones.
_HISTORIC_MARKERS = ("原", "前")
_HISTORIC_CATEGORIES = frozenset({"agency", "law"})


@dataclass(frozen=True)
class Entry:
    category: str
    severity: Severity
    term: str
    suggestion: str
    note: str = ""


def read_entries(lines: Iterable[str]) -> list[Entry]:
    """Entries from tab-separated lines (``#`` comments and blank lines skipped)."""
    rows = csv.reader((line for line in lines if line.strip() and not line.startswith("#")), delimiter="\t")
    entries = []
    for number, row in enumerate(rows, start=1):
        if len(row) < 4:
            raise ValueError(f"dictionary row {number}: expected category, severity, term, suggestion")
        category, severity, term, suggestion = (cell.strip() for cell in row[:4])
        note = row[4].strip() if len(row) > 4 else ""
        entries.append(Entry(category, Severity(severity), term, suggestion, note))
    return entries


@cache
def starter_entries() -> tuple[Entry, ...]:
    """The shipped starter dictionary."""
    text = resources.files(__package__).joinpath("data/wording.tsv").read_text(encoding="utf-8")
    return tuple(read_entries(text.splitlines()))


@cache
def starter_whitelist() -> tuple[str, ...]:
    text = resources.files(__package__).joinpath("data/whitelist.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class WordingChecker:
    """One automaton over every entry and whitelist phrase; ``check(text)`` is one pass."""

    def __init__(self, entries: Iterable[Entry], whitelist: Iterable[str] = ()) -> None:
        self._automaton = ahocorasick.Automaton()
        count = 0
        for entry in entries:
            key = fold(entry.term).text
            if key:
                # A later entry for the same folded term replaces an earlier one (the database
                # overrides the starter set).
                self._automaton.add_word(key, (len(key), entry))
                count += 1
        for phrase in whitelist:
            key = fold(phrase).text
            if key and not self._automaton.exists(key):
                self._automaton.add_word(key, (len(key), None))
        self.size = count
        if len(self._automaton):
            self._automaton.make_automaton()

    def check(self, text: str) -> list[Finding]:
        if not len(self._automaton) or not text:
            return []
        folded = fold(text)
        hits: list[tuple[int, int, Entry]] = []
        allowed: list[tuple[int, int]] = []
        for end, (length, entry) in self._automaton.iter(folded.text):
            start = end + 1 - length
            if entry is None:
                allowed.append((start, end + 1))
            else:
                hits.append((start, end + 1, entry))
        inside = _Spans(allowed)
        return [
            self._finding(folded.span(start, end), entry, text)
            for start, end, entry in _outermost(hits)
            if not inside(start, end) and not _historic(folded.text, start, entry)
        ]

    @staticmethod
    def _finding(span: tuple[int, int], entry: Entry, text: str) -> Finding:
        start, end = span
        return Finding(
            Check.WORDING, entry.category, entry.severity, start, end, text[start:end], entry.suggestion, entry.note
        )


def _outermost(hits: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """Drop a hit that lies inside a longer one (国家卫生和计划生育委员会 over 卫生和计划生育委员会)."""
    hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, Entry]] = []
    reach = -1
    for hit in hits:
        if hit[1] <= reach:
            continue
        kept.append(hit)
        reach = max(reach, hit[1])
    return kept


class _Spans:
    """``spans(start, end)``: does ``[start, end)`` lie inside one of the spans? (bisect, no scan)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [left for left, _ in spans]
        self._reach: list[int] = []  # the furthest end among the spans starting at or before each
        furthest = -1
        for _, right in spans:
            furthest = max(furthest, right)
            self._reach.append(furthest)

    def __call__(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._starts, start) - 1
        return index >= 0 and self._reach[index] >= end


def _historic(folded: str, start: int, entry: Entry) -> bool:
    return entry.category in _HISTORIC_CATEGORIES and start > 0 and folded[start - 1] in _HISTORIC_MARKERS


@cache
def starter_checker() -> WordingChecker:
    return WordingChecker(starter_entries(), starter_whitelist())
