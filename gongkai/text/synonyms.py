"""Plain language → official terms: 生孩子 → 生育, 退休金 → 养老金, 摆地摊 → 流动摊贩.

A citizen types the words of daily life; documents use the terms of the law. The starter list
(``data/synonyms.tsv``, one ``plain<TAB>official[,official2]`` pair a line, over 300 pairs) is
what administrators begin with; the search app keeps their edits and builds :class:`Synonyms`
from the pairs it holds. :meth:`Synonyms.expansions` finds the plain phrases in a folded query,
longest first and without overlaps, so that 社保卡丢了 expands as 社保卡丢了 (→ 社会保障卡挂失),
not as 社保 (→ 社会保险). A phrase already written officially in the query is not expanded again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .fold_search import fold

__all__ = ["Expansion", "Synonyms", "parse_pairs", "starter_pairs"]


@dataclass(frozen=True, slots=True)
class Expansion:
    """A plain phrase found in the query and the official terms to search as well."""

    plain: str
    official: tuple[str, ...]


def parse_pairs(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Pairs of ``plain<TAB>official[,official2]`` lines (``#`` comments, blank lines skipped).

    Both sides are folded; a line without a tab or without an official term raises
    ``ValueError`` naming the line, so that a broken list is found when it is loaded.
    """
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        plain, tab, official = line.partition("\t")
        terms = tuple(dict.fromkeys(term for term in (fold(part) for part in official.split(",")) if term))
        plain = fold(plain)
        if not tab or not plain or not terms:
            raise ValueError(f"第{number}行应为“口语说法<Tab>规范用语[,规范用语2]”: {raw!r}")
        pairs.append((plain, terms))
    return pairs


@cache
def _starter() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = resources.files("gongkai.text").joinpath("data/synonyms.tsv").read_text(encoding="utf-8")
    return tuple(parse_pairs(text))


def starter_pairs() -> list[tuple[str, tuple[str, ...]]]:
    """The starter list of ``data/synonyms.tsv``, folded, in file order."""
    return list(_starter())


class Synonyms:
    """The pairs, ready to expand queries. A plain phrase given twice keeps the union of its
    official terms (in order); an official term equal to its plain phrase is dropped."""

    def __init__(self, pairs: Iterable[tuple[str, Iterable[str]]]) -> None:
        table: dict[str, dict[str, None]] = {}
        for raw_plain, raw_official in pairs:
            plain = fold(raw_plain)
            if not plain:
                continue
            terms = table.setdefault(plain, {})
            for term in raw_official:
                folded = fold(term)
                if folded and folded != plain:
                    terms[folded] = None
        self._table = {plain: tuple(terms) for plain, terms in table.items() if terms}
        # Longest first: the longer phrase wins an overlap.
        self._order = sorted(self._table, key=lambda plain: (-len(plain), plain))

    def __len__(self) -> int:
        return len(self._table)

    def official(self, plain: str) -> tuple[str, ...]:
        """The official terms of one plain phrase (``()`` if it has none)."""
        return self._table.get(fold(plain), ())

    def expansions(self, folded_query: str) -> list[Expansion]:
        """The plain phrases in ``folded_query`` (already :func:`~gongkai.text.fold_search.fold`-ed)
        with their official terms, in the order they occur in the query."""
        if not folded_query:
            return []
        taken = [False] * len(folded_query)
        found: list[tuple[int, Expansion]] = []
        for plain in self._order:
            start = folded_query.find(plain)
            while start >= 0:
                end = start + len(plain)
                if not any(taken[start:end]):
                    terms = tuple(term for term in self._table[plain] if term not in folded_query)
                    if terms:
                        found.append((start, Expansion(plain, terms)))
                    for index in range(start, end):
                        taken[index] = True
                    break
                start = folded_query.find(plain, start + 1)
        found.sort(key=lambda item: item[0])
        return [expansion for _, expansion in found]
