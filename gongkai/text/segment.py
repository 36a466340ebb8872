"""Chinese word segmentation for search: search mode for the index, precise mode for the query.

One :class:`Segmenter` per process (:func:`segmenter`), on rjieba (jieba-rs) with its own
dictionary completed by a user dictionary of government terms (``data/gov_terms.txt``: 政府信息公开,
依申请公开, 公积金, 放管服, …) and whatever the caller adds (agency names) with
:meth:`Segmenter.add_words`. rjieba has no ``load_userdict``: words are added one by one, each
once per process. See docs/search-segmentation.md for why rjieba and how it was measured.

Both sides fold first (:func:`gongkai.text.fold_search.fold`), then:

- :meth:`Segmenter.index_tokens` — search mode: every word of the precise cut, and inside each
  long word the dictionary words it contains (中华人民共和国 → 中华, 华人, 人民, 共和, 共和国,
  中华人民共和国; 政府信息公开 → …, 信息公开, 政府信息公开), so that a query for a part finds the whole;
- :meth:`Segmenter.query_tokens` — precise mode, the fewest and longest words.

Every query token of a text is among the index tokens of the same text. Tokens without a letter,
digit or Han character (punctuation, spaces) are dropped on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .fold_search import fold

if TYPE_CHECKING:
    import rjieba

__all__ = ["Segmenter", "gov_terms", "segmenter"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_RUN = re.compile(r"[0-9a-z]+")
_WORDY = re.compile(r"[^\W_]")  # a letter, digit or Han character


def _wordy(token: str) -> bool:
    return token.isalnum() or _WORDY.search(token) is not None


@cache
def gov_terms() -> tuple[str, ...]:
    """The government terms of ``data/gov_terms.txt`` (folded, in file order, no duplicates)."""
    text = resources.files("gongkai.text").joinpath("data/gov_terms.txt").read_text(encoding="utf-8")
    seen: dict[str, None] = {}
    for line in text.splitlines():
        word = fold(line.split("#", 1)[0])
        if word:
            seen.setdefault(word, None)
    return tuple(seen)


class Segmenter:
    """rjieba with the government terms; build it once per process with :func:`segmenter`."""

    def __init__(self, jieba: rjieba.Jieba | None = None) -> None:
        # rjieba builds a default instance when imported (~0.15 s, so only on first use): share
        # it rather than load a second copy of the dictionary in every web worker.
        if jieba is None:
            import rjieba

            jieba = rjieba._DEFAULT_JIEBA
        self._jieba = jieba
        self._added: set[str] = set()
        self._inner = lru_cache(maxsize=65536)(self._inner_words)

    def add_words(self, words: Iterable[str]) -> int:
        """Add ``words`` (folded first) to the dictionary; returns how many were new here.

        A word containing a space or no letter, digit or Han character is skipped. Call it before
        indexing: text indexed before a word was added was cut without it.
        """
        added = 0
        for raw in words:
            word = fold(raw)
            if not word or " " in word or word in self._added or not _wordy(word):
                continue
            self._added.add(word)
            self._jieba.add_word(word, None, None)
            added += 1
        if added:
            self._inner.cache_clear()
        return added

    def has_word(self, word: str) -> bool:
        """Whether the (folded) ``word`` is in the dictionary."""
        return bool(self._jieba.has_word(word))

    def _inner_words(self, word: str) -> tuple[str, ...]:
        """Dictionary words of four or more characters inside ``word`` (search mode gives the
        two- and three-character ones), and the runs of digits and Latin letters of a mixed
        word (12345热线 → 12345)."""
        found: list[str] = []
        size = len(word)
        for length in range(4, size):
            for start in range(size - length + 1):
                part = word[start : start + length]
                if self._jieba.has_word(part):
                    found.append(part)
        found.extend(run for run in _ASCII_RUN.findall(word) if run != word)
        return tuple(dict.fromkeys(found))

    def index_tokens(self, text: str) -> list[str]:
        """The tokens to index for ``text``: folded, search mode, punctuation and spaces dropped."""
        folded = fold(text)
        if not folded:
            return []
        tokens: list[str] = []
        append = tokens.append
        inner = self._inner
        for token in self._jieba.cut_for_search(folded):
            if token.isalnum():
                if len(token) > 4 and not token.isascii():
                    tokens.extend(inner(token))
                append(token)
            elif _WORDY.search(token) is not None:
                append(token)
        return tokens

    def query_tokens(self, text: str) -> list[str]:
        """The tokens of a query: folded, precise mode, punctuation and spaces dropped."""
        folded = fold(text)
        if not folded:
            return []
        return [token for token in self._jieba.cut(folded) if token.isalnum() or _wordy(token)]

    def cut_folded(self, folded: str) -> list[str]:
        """Precise mode over already folded text, every piece kept (spaces and punctuation too):
        the pieces concatenate back to ``folded``."""
        return list(self._jieba.cut(folded))

    def title_unigrams(self, text: str) -> list[str]:
        """Each Han character of the folded ``text`` once, in order: a one-character query
        (税, 房) then matches a title whose words are longer."""
        return list(dict.fromkeys(_HAN.findall(fold(text))))


@cache
def segmenter() -> Segmenter:
    """The process's segmenter, with the government terms loaded (once)."""
    instance = Segmenter()
    instance.add_words(gov_terms())
    return instance
