"""Typo correction for search queries, built from the index's own vocabulary.

A :class:`Corrector` is made from a vocabulary (word → how often it occurs in the index; build it
with :func:`build_vocabulary` from the documents' text, precise-mode words). It proposes a
:class:`Correction` for a query when part of it is not a word but sounds or looks like a frequent
word of the vocabulary:

- ``pinyin`` — the whole query is pinyin (``shebao``, ``gong ji jin``) or initials (``gjj``):
  the vocabulary's words with that pinyin, most frequent first;
- ``homophone`` — same pinyin without tones: 公基金 → 公积金, 社宝卡 → 社保卡;
- ``shape`` — similar-shape characters (``data/shape_similar.txt``): 公积全 → 公积金;
- ``similar`` pinyin (z/zh, c/ch, s/sh, n/l, r/l, f/h, an/ang, en/eng, in/ing, ian/iang,
  uan/uang) is reported as ``homophone`` too: 养老保线 → 养老保险 is exact, 公积金贷宽 → 贷款
  is similar;
- ``edit`` — one character missing or extra (rapidfuzz Levenshtein), words of four or more
  characters: 住房公金 → 住房公积金.

What keeps correct queries intact (docs/search-segmentation.md has the measured rate): only a
stretch of the query made of whole pieces of its precise cut, that is not a word — not in the
vocabulary (or rare there) and not a word of the segmenter's dictionary — and that contains a
character the segmenter could not put into a word of two or more characters, is looked at;
the replacement must be in the vocabulary often enough (``min_count``) and ``ratio`` times more
frequent than the stretch as typed (when that occurs at all).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

from rapidfuzz.distance import Levenshtein

from .fold_search import fold
from .pinyin_keys import looks_like_initials, looks_like_pinyin, split_syllables
from .segment import Segmenter, gov_terms, segmenter

__all__ = ["Correction", "Corrector", "build_vocabulary", "shape_groups"]

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_MAX_WINDOW = 8
_Key = TypeVar("_Key")

KINDS = ("pinyin", "homophone", "shape", "edit")


@dataclass(frozen=True, slots=True)
class Correction:
    """The corrected (folded) query, the replaced stretches ``(typed, corrected)``, the kind of
    the first change, and for a pinyin query the other words it could mean (most frequent first)."""

    text: str
    changes: tuple[tuple[str, str], ...]
    kind: str
    alternatives: tuple[str, ...] = ()


@cache
def shape_groups() -> tuple[str, ...]:
    """The groups of similar-shape characters of ``data/shape_similar.txt``."""
    text = resources.files("gongkai.text").joinpath("data/shape_similar.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _similar_shapes() -> dict[str, frozenset[str]]:
    similar: dict[str, set[str]] = defaultdict(set)
    for group in shape_groups():
        for char in group:
            similar[char].update(other for other in group if other != char)
    return {char: frozenset(others) for char, others in similar.items()}


_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("r", "l"), ("f", "h"))
_FUZZY_FINALS = (("iang", "ian"), ("uang", "uan"), ("ang", "an"), ("eng", "en"), ("ing", "in"))


@cache
def _fuzzy(syllable: str) -> str:
    """The syllable with the usual confusions of accent merged (zh → z, ang → an, n → l, …)."""
    for before, after in _FUZZY_INITIALS:
        if syllable.startswith(before):
            syllable = after + syllable[len(before) :]
            break
    for before, after in _FUZZY_FINALS:
        if syllable.endswith(before):
            syllable = syllable[: -len(before)] + after
            break
    return syllable


@cache
def _pypinyin() -> None:
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    cc_cedict.load()


def _readings(text: str) -> tuple[str, ...]:
    """One plain syllable per Han character of ``text`` (phrase-aware), ``v`` for ü."""
    _pypinyin()
    from pypinyin import Style, lazy_pinyin

    # A character without a reading gives "?" (a run of them one "?": the caller checks lengths).
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: "?", v_to_u=False))


def build_vocabulary(
    texts: Iterable[str],
    *,
    terms: Iterable[str] | None = None,
    term_count: int = 3,
    cut: Segmenter | None = None,
) -> dict[str, int]:
    """Word → count over ``texts`` in precise mode (the words a query is made of; search mode's
    fragments such as 积金 of 公积金 would become false corrections), plus ``terms`` (default: the
    government terms) counted ``term_count`` times each."""
    cut = cut or segmenter()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(cut.query_tokens(text))
    for term in gov_terms() if terms is None else terms:
        folded = fold(term)
        if folded:
            counts[folded] += term_count
    return dict(counts)


class Corrector:
    """Typo correction from ``vocabulary`` (word → frequency; keys are folded here).

    ``min_count``: how often a replacement must occur; ``ratio``: how much more often than the
    words as typed; ``rare``: a typed stretch seen this often or less counts as unknown;
    ``pinyin_min_count``: how often a word must occur to be offered for a pinyin-only query (a
    pinyin query is never correct Chinese, so any word of the documents is better than nothing).
    """

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        *,
        min_count: int = 2,
        ratio: float = 10.0,
        rare: int = 1,
        pinyin_min_count: int = 1,
        cut: Segmenter | None = None,
    ) -> None:
        self._cut = cut or segmenter()
        self.min_count = min_count
        self.pinyin_min_count = pinyin_min_count
        self.ratio = ratio
        self.rare = rare
        counts: Counter[str] = Counter()
        for word, count in vocabulary.items():
            folded = fold(word)
            if folded and count > 0:
                counts[folded] += count
        self._counts: dict[str, int] = dict(counts)
        by_pinyin: dict[tuple[str, ...], list[str]] = defaultdict(list)
        by_fuzzy: dict[tuple[str, ...], list[str]] = defaultdict(list)
        by_full: dict[str, list[str]] = defaultdict(list)
        by_initials: dict[str, list[str]] = defaultdict(list)
        by_char: dict[str, set[str]] = defaultdict(set)
        for word, count in self._counts.items():
            if count < min(min_count, pinyin_min_count) or len(word) < 2 or not _HAN_WORD.fullmatch(word):
                continue
            readings = _readings(word)
            if "?" in readings or len(readings) != len(word):
                continue
            if count >= pinyin_min_count:
                by_full["".join(readings)].append(word)
                by_initials["".join(syllable[0] for syllable in readings)].append(word)
            if count < min_count:
                continue
            by_pinyin[readings].append(word)
            by_fuzzy[tuple(_fuzzy(syllable) for syllable in readings)].append(word)
            if len(word) >= 3:
                for char in set(word):
                    by_char[char].add(word)
        self._by_pinyin = _ranked(by_pinyin, self._counts)
        self._by_fuzzy = _ranked(by_fuzzy, self._counts)
        self._by_full = _ranked(by_full, self._counts)
        self._by_initials = _ranked(by_initials, self._counts)
        self._by_char = {char: frozenset(words) for char, words in by_char.items()}

    def count(self, word: str) -> int:
        """How often ``word`` (folded) is in the vocabulary."""
        return self._counts.get(fold(word), 0)

    # --- the whole query as pinyin -------------------------------------------------------------

    def _pinyin_query(self, folded: str) -> Correction | None:
        letters = folded.replace(" ", "").replace("'", "")
        if self._counts.get(letters, 0) > self.rare:  # an ASCII word of the documents (ofd, app)
            return None
        if looks_like_pinyin(folded):
            syllables = split_syllables(folded) or []
            found = self._pinyin_words(syllables)
            if found:
                text, alternatives = found
                return Correction(text, ((folded, text),), "pinyin", alternatives)
        if looks_like_initials(letters):
            words = self._by_initials.get(letters, ())
            if words:
                return Correction(words[0], ((folded, words[0]),), "pinyin", words[1:6])
        return None

    def _pinyin_words(self, syllables: list[str]) -> tuple[str, tuple[str, ...]] | None:
        """The syllables as vocabulary words: one word if one has them all, else the fewest
        words (each the most frequent with its pinyin)."""
        whole = self._by_full.get("".join(syllables), ())
        if whole:
            return whole[0], whole[1:6]
        size = len(syllables)
        best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (size + 1)
        best[0] = (0, 0, ())
        for start in range(size):
            current = best[start]
            if current is None:
                continue
            for end in range(start + 1, min(size, start + _MAX_WINDOW) + 1):
                words = self._by_full.get("".join(syllables[start:end]), ())
                if not words:
                    continue
                candidate = (current[0] + 1, current[1] - self._counts[words[0]], (*current[2], words[0]))
                previous = best[end]
                if previous is None or candidate[:2] < previous[:2]:
                    best[end] = candidate
        last = best[size]
        if last is None or not last[2]:
            return None
        return "".join(last[2]), ()

    # --- stretches of a Chinese query ----------------------------------------------------------

    def _known(self, word: str) -> bool:
        return self._counts.get(word, 0) > self.rare or self._cut.has_word(word)

    def _accept(self, typed: str, candidate: str) -> bool:
        found = self._counts.get(candidate, 0)
        return found >= self.min_count and found >= self.ratio * self._counts.get(typed, 0)

    def _marks(self, folded: str) -> tuple[list[bool], set[int]]:
        """Per character: whether it is outside every word of two or more characters that the
        segmenter knows; and the boundaries between the precise cut's pieces."""
        marks = [False] * len(folded)
        bounds = {0}
        position = 0
        for token in self._cut.cut_folded(folded):
            if len(token) == 1 or not self._known(token):
                for index in range(position, position + len(token)):
                    marks[index] = bool(_HAN_RUN.match(folded[index]))
            position += len(token)
            bounds.add(position)
        return marks, bounds

    def _candidate(self, window: str, readings: tuple[str, ...]) -> tuple[str, str] | None:
        """The best replacement of ``window`` and its kind, or ``None``."""
        choices = _reading_choices(window, readings)
        found: list[tuple[int, int, int, str, str]] = []  # (characters changed, kind, -count, word, kind)
        for key in choices:
            for word in self._by_pinyin.get(key, ()):
                if word != window and self._accept(window, word):
                    found.append((_changed(word, window), 0, -self._counts[word], word, "homophone"))
        similar = _similar_shapes()
        for index, char in enumerate(window):
            for other in similar.get(char, ()):
                changed = window[:index] + other + window[index + 1 :]
                if self._accept(window, changed):
                    found.append((1, 1, -self._counts[changed], changed, "shape"))
        if found:
            # A typo changes few characters: 救肋 is 救助 (one shape) rather than 酒类 (two sounds).
            best = min(found)
            return best[3], best[4]
        if len(window) >= 3:
            for key in choices:
                fuzzy = tuple(_fuzzy(syllable) for syllable in key)
                for word in self._by_fuzzy.get(fuzzy, ()):
                    if word != window and self._accept(window, word) and _differs_once(word, window):
                        return word, "homophone"
            edited = self._edit_candidate(window)
            if edited is not None:
                return edited, "edit"
        return None

    def _edit_candidate(self, window: str) -> str | None:
        pools = [self._by_char.get(char, frozenset()) for char in set(window)]
        shared: Counter[str] = Counter()
        for pool in pools:
            shared.update(pool)
        best: str | None = None
        for word, common in shared.items():
            # A changed character is a homophone or a similar shape (above); here one is missing
            # or extra: 住房公金 → 住房公积金.
            if common < len(window) - 1 or abs(len(word) - len(window)) != 1 or len(word) < 4:
                continue
            if word in window or window in word or not self._accept(window, word):
                continue
            if Levenshtein.distance(window, word, score_cutoff=1) <= 1 and (
                best is None or self._counts[word] > self._counts[best]
            ):
                best = word
        return best

    def propose(self, query: str) -> Correction | None:
        """A correction of ``query``, or ``None`` when it looks right (or nothing better is known)."""
        folded = fold(query)
        if not folded or self._counts.get(folded, 0) > self.rare:
            return None
        if folded.isascii():
            return self._pinyin_query(folded) if any(char.isalpha() for char in folded) else None
        suspicious, bounds = self._marks(folded)
        if not any(suspicious):
            return None
        per_char = ["?"] * len(folded)
        for match in _HAN_RUN.finditer(folded):
            readings = _readings(match.group(0))
            if len(readings) == match.end() - match.start():
                per_char[match.start() : match.end()] = readings
        changes: list[tuple[int, int, str, str]] = []
        taken = [False] * len(folded)
        for match in _HAN_RUN.finditer(folded):
            start, end = match.span()
            for size in range(min(_MAX_WINDOW, end - start), 1, -1):
                for left in range(start, end - size + 1):
                    right = left + size
                    if left not in bounds or right not in bounds:  # never split a piece
                        continue
                    if any(taken[left:right]) or not any(suspicious[left:right]):
                        continue
                    window = folded[left:right]
                    if self._known(window):
                        continue
                    found = self._candidate(window, tuple(per_char[left:right]))
                    if found is None:
                        continue
                    changes.append((left, right, found[0], found[1]))
                    for index in range(left, right):
                        taken[index] = True
        if not changes:
            return None
        changes.sort()
        pieces: list[str] = []
        last = 0
        for left, right, word, _kind in changes:
            pieces.append(folded[last:left])
            pieces.append(word)
            last = right
        pieces.append(folded[last:])
        return Correction(
            "".join(pieces),
            tuple((folded[left:right], word) for left, right, word, _ in changes),
            changes[0][3],
        )


@cache
def _char_readings(char: str) -> tuple[str, ...]:
    """Every plain reading of one character (调: tiao, diao)."""
    _pypinyin()
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda chars: "?", v_to_u=False)
    return tuple(dict.fromkeys(found[0])) if found else ()


_MAX_CHOICES = 16


def _reading_choices(window: str, readings: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The window's readings in context first, then with one polyphonic character read another
    way (a typo is read as its writer meant: 调例 as tiao li, 扒机 as pa ji), at most 16. One
    character only: with two, 年假 could be read ning xia (宁夏)."""
    choices = [readings]
    for index, (char, reading) in enumerate(zip(window, readings, strict=True)):
        for other in _char_readings(char):
            if other != reading and len(choices) < _MAX_CHOICES:
                choices.append((*readings[:index], other, *readings[index + 1 :]))
    return choices


def _ranked(table: Mapping[_Key, list[str]], counts: Mapping[str, int]) -> dict[_Key, tuple[str, ...]]:
    """Each key's words, most frequent first."""
    return {key: tuple(sorted(words, key=lambda word: (-counts[word], word))) for key, words in table.items()}


def _changed(word: str, window: str) -> int:
    """How many characters differ between two strings of the same length."""
    return sum(a != b for a, b in zip(word, window, strict=True))


def _differs_once(word: str, window: str) -> bool:
    """Similar pinyin is trusted for one changed character only (公积金贷宽 → 贷款)."""
    return len(word) == len(window) and _changed(word, window) == 1
