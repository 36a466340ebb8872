"""Pinyin keys for search: full pinyin and initials of a text, and splitting typed pinyin.

- :func:`full` — 社会保险 → ``shehuibaoxian``; :func:`initials` — 社会保险 → ``shbx`` (the first
  letter of each syllable, as an input method's abbreviation: 住房公积金 → ``zfgjj``). The text is
  folded first; digits and Latin letters stay as they are (12345热线 → ``12345rexian``), other
  characters are dropped. Readings are pypinyin's, with the CC-CEDICT phrase data of
  pypinyin-dict (单县 shanxian, 调休 tiaoxiu).
- :func:`split_syllables` — ``shebaobuzhu`` → ``["she", "bao", "bu", "zhu"]``: longest syllable
  first with backtracking over the standard syllable list (``fangan`` → fang an, ``xian`` →
  xian; an apostrophe or space forces a break: ``xi'an`` → xi an); ``None`` when the letters are
  not pinyin.
- :func:`looks_like_pinyin` — the query is full pinyin; :func:`looks_like_initials` — the query
  could be initials (``sb``, ``gjj``).

Results are cached per string: a title's keys are computed once however often it is indexed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .fold_search import fold

__all__ = ["SYLLABLES", "full", "initials", "looks_like_initials", "looks_like_pinyin", "split_syllables"]

# The syllables of the 汉语拼音方案 table (ü typed as v; nüe/lüe also as nue/lue), without the
# interjections (hm, hng, m, n, ng, ê) that would split English words into "pinyin".
_TABLE = """
a ai an ang ao e ei en eng er o ou
yi ya yao ye you yan yin yang ying yong yo wu wa wo wai wei wan wen wang weng yu yue yuan yun
ba bo bai bei bao ban ben bang beng bi biao bie bian bin bing bu
pa po pai pei pao pou pan pen pang peng pi piao pie pian pin ping pu
ma mo me mai mei mao mou man men mang meng mi miao mie miu mian min ming mu
fa fo fei fou fan fen fang feng fu
da de dai dei dao dou dan den dang deng dong di dia diao die diu dian ding du duo dui duan dun
ta te tai tao tou tan tang teng tong ti tiao tie tian ting tu tuo tui tuan tun
na ne nai nei nao nou nan nen nang neng nong ni niao nie niu nian nin niang ning nu nuo nuan nv nve nue
la lo le lai lei lao lou lan lang leng long li lia liao lie liu lian lin liang ling lu luo luan lun lv lve lue
ga ge gai gei gao gou gan gen gang geng gong gu gua guo guai gui guan gun guang
ka ke kai kei kao kou kan ken kang keng kong ku kua kuo kuai kui kuan kun kuang
ha he hai hei hao hou han hen hang heng hong hu hua huo huai hui huan hun huang
ji jia jiao jie jiu jian jin jiang jing jiong ju jue juan jun
qi qia qiao qie qiu qian qin qiang qing qiong qu que quan qun
xi xia xiao xie xiu xian xin xiang xing xiong xu xue xuan xun
zha zhe zhi zhai zhei zhao zhou zhan zhen zhang zheng zhong zhu zhua zhuo zhuai zhui zhuan zhun zhuang
cha che chi chai chao chou chan chen chang cheng chong chu chua chuo chuai chui chuan chun chuang
sha she shi shai shei shao shou shan shen shang sheng shu shua shuo shuai shui shuan shun shuang
re ri rao rou ran ren rang reng rong ru rua ruo rui ruan run
za ze zi zai zei zao zou zan zen zang zeng zong zu zuo zui zuan zun
ca ce ci cai cao cou can cen cang ceng cong cu cuo cui cuan cun
sa se si sai sao sou san sen sang seng song su suo sui suan sun
"""

#: The standard syllables, as typed (no tones; ü as v).
SYLLABLES: frozenset[str] = frozenset(_TABLE.split())
_LONGEST = max(len(syllable) for syllable in SYLLABLES)
_BREAKS = re.compile(r"[\s'’]+")
_LETTERS = re.compile(r"[a-z]+")
# Consonants that begin syllables (y and w included). Zero-initial syllables (安, 额, 欧) are rare
# in what people abbreviate, and leaving a, e, o out keeps "shebao" and "app" from being initials.
_INITIAL_LETTERS = frozenset("bcdfghjklmnpqrstwxyz")
_KEEP = re.compile(r"[0-9a-z]+")


@cache
def _pypinyin() -> None:
    """Import pypinyin (~0.2 s) and load the better phrase readings on first use only."""
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    cc_cedict.load()


def _parts(text: str) -> list[tuple[str, bool]]:
    """``(part, is_syllable)``: each Han character's plain reading, each run of digits or Latin
    letters as it is; everything else dropped."""
    _pypinyin()
    from pypinyin import Style, lazy_pinyin

    folded = fold(text)
    parts: list[tuple[str, bool]] = []
    for item in lazy_pinyin(folded, style=Style.NORMAL, errors=lambda chunk: f"\0{chunk}", v_to_u=False):
        if item.startswith("\0"):  # not Han: keep its digits and letters
            parts.extend((run, False) for run in _KEEP.findall(item[1:]))
        elif item.isascii():
            parts.append((item, True))
    return parts


@lru_cache(maxsize=131072)
def _keys(text: str) -> tuple[str, str]:
    parts = _parts(text)
    full_key = "".join(part for part, _ in parts)
    initials_key = "".join(part[0] if syllable else part for part, syllable in parts)
    return full_key, initials_key


def full(text: str) -> str:
    """Full pinyin without tones or spaces: 社会保险 → ``shehuibaoxian``."""
    return _keys(text)[0]


def initials(text: str) -> str:
    """The first letter of each syllable: 社会保险 → ``shbx``."""
    return _keys(text)[1]


def _split(letters: str) -> list[str] | None:
    size = len(letters)

    @cache
    def rest(start: int) -> tuple[str, ...] | None:
        if start == size:
            return ()
        for length in range(min(_LONGEST, size - start), 0, -1):
            syllable = letters[start : start + length]
            if syllable in SYLLABLES:
                tail = rest(start + length)
                if tail is not None:
                    return (syllable, *tail)
        return None

    found = rest(0)
    return list(found) if found is not None else None


@lru_cache(maxsize=16384)
def _split_cached(text: str) -> tuple[str, ...] | None:
    pieces = [piece for piece in _BREAKS.split(text.strip().lower()) if piece]
    if not pieces:
        return None
    syllables: list[str] = []
    for piece in pieces:
        if not _LETTERS.fullmatch(piece):
            return None
        split = _split(piece)
        if split is None:
            return None
        syllables.extend(split)
    return tuple(syllables)


def split_syllables(text: str) -> list[str] | None:
    """``shebaobuzhu`` → ``["she", "bao", "bu", "zhu"]``; ``None`` if it is not pinyin."""
    found = _split_cached(text)
    return list(found) if found is not None else None


def looks_like_pinyin(query: str) -> bool:
    """Whether ``query`` (Latin letters, maybe spaces or apostrophes) is full pinyin of two or
    more letters: ``shebao``, ``gong ji jin``, ``xi'an``. ``pdf``, ``app``, ``ofd`` are not."""
    text = fold(query)
    letters = _BREAKS.sub("", text)
    return len(letters) >= 2 and letters.isascii() and _split_cached(text) is not None


def looks_like_initials(query: str) -> bool:
    """Whether ``query`` could be pinyin initials: 2–8 Latin consonants (``sb``, ``gjj``,
    ``zfgjj``; not ``shebao`` or ``app``)."""
    letters = fold(query).replace(" ", "")
    return 2 <= len(letters) <= 8 and _LETTERS.fullmatch(letters) is not None and set(letters) <= _INITIAL_LETTERS
