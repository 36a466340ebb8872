"""Generated government documents for the search benchmark: ``N`` documents, deterministic.

Run: ``.venv/bin/python bench/search_corpus.py --docs 1000000 [--out var/bench/search/corpus-1000000.jsonl]
[--workers 2] [--seed 15]`` (``bench/search_bench.py`` runs it when its corpus file is missing).

One JSON object per line in the columns of ``gongkai documents import`` (``agency``, ``kind``,
``title``, ``doc_number``, ``index_number``, ``issuer``, ``written_on``, ``published_on``,
``effective_on``, ``status``, ``topic``, ``disclosure``, ``body``) plus ``id`` (1…N). The same
``--docs`` and ``--seed`` give the same file byte for byte, whatever ``--workers``.

- **Titles** follow the patterns of real government documents (关于印发…的通知, 关于…的实施意见,
  …管理办法, 关于…的批复, 关于进一步加强…工作的通知, …三年行动计划（2024—2026年）, …) over
  subjects of public administration (住房公积金, 城乡居民基本养老保险, 最低生活保障, 营商环境, …).
- **Issuers and 文号**: real issuer names with the 机关代字 they use in their 文号 (国务院办公厅
  国办发, 山东省人民政府办公厅 鲁政办发, 人力资源社会保障部 人社部发, …), as printed on the
  documents these issuers publish on their public portals (www.gov.cn 政策文件库 and the
  provincial government sites); the year is the year published, serials run per prefix and year.
  Each document is assigned to an agency of the demo tree (``gongkai demo``) in turn.
- **Dates** spread over 2015–2026 (more in recent years), weekdays; ``written_on`` 2–20 days
  before ``published_on``.
- **Bodies** of 1–5 KB of UTF-8 (uniformly, about 340–1,700 characters): a salutation, numbered
  paragraphs of sentences whose words are drawn from the segmenter's own frequency dictionary
  (jieba's ``dict.txt`` as shipped inside rjieba: 349,045 words with their counts, which are
  Zipf-distributed) with the weight of each word its count, the title's subject now and then,
  and the issuer and date at the end. The words make no sense together; their frequencies do.
  For speed, 2^24 words are drawn once (by weight, from the seed) and each sentence is a slice of
  6–18 of them at a random place: the frequencies are the dictionary's, the long tail is cut at
  what 16.8 million draws reach (246,566 distinct words of 349,045).

The dictionary is read from the rjieba package itself (jieba-rs compiles ``dict.txt`` into the
extension module as a zstd frame; it is found there and unpacked with the ``zstd`` command, once,
to ``var/bench/search/jieba-dict.txt``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "search"
DICT_FILE = BENCH_DIR / "jieba-dict.txt"
CHUNK = 2000  # documents per task: each task has its own random stream, so output is worker-independent

# Real issuers and the 机关代字 of their 文号 (see the module docstring for where they are printed).
ISSUERS: list[tuple[str, str]] = [
    ("国务院", "国发"),
    ("国务院办公厅", "国办发"),
    ("国务院办公厅", "国办函"),
    ("人力资源社会保障部", "人社部发"),
    ("财政部", "财社"),
    ("教育部", "教基"),
    ("民政部", "民发"),
    ("住房和城乡建设部", "建房"),
    ("国家发展改革委", "发改社会"),
    ("国家卫生健康委", "国卫医发"),
    ("国家医保局", "医保发"),
    ("生态环境部", "环办"),
    ("自然资源部", "自然资发"),
    ("农业农村部", "农发"),
    ("交通运输部", "交运发"),
    ("商务部", "商消费发"),
    ("应急管理部", "应急"),
    ("市场监管总局", "国市监注发"),
    ("国家税务总局", "税总发"),
    ("山东省人民政府", "鲁政发"),
    ("山东省人民政府办公厅", "鲁政办发"),
    ("山东省人民政府办公厅", "鲁政办字"),
    ("山东省人力资源和社会保障厅", "鲁人社发"),
    ("山东省财政厅", "鲁财社"),
    ("山东省住房和城乡建设厅", "鲁建发"),
    ("山东省教育厅", "鲁教基发"),
    ("北京市人民政府", "京政发"),
    ("北京市人民政府办公厅", "京政办发"),
    ("上海市人民政府", "沪府发"),
    ("上海市人民政府办公厅", "沪府办发"),
    ("广东省人民政府", "粤府"),
    ("广东省人民政府办公厅", "粤府办"),
    ("浙江省人民政府", "浙政发"),
    ("浙江省人民政府办公厅", "浙政办发"),
    ("江苏省人民政府", "苏政发"),
    ("江苏省人民政府办公厅", "苏政办发"),
    ("四川省人民政府", "川府发"),
    ("湖北省人民政府", "鄂政发"),
    ("河南省人民政府", "豫政"),
    ("济南市人民政府", "济政发"),
    ("济南市人民政府办公厅", "济政办发"),
    ("青岛市人民政府", "青政发"),
    ("青岛市人民政府办公厅", "青政办发"),
    ("烟台市人民政府", "烟政发"),
    ("深圳市人民政府", "深府"),
    ("杭州市人民政府", "杭政"),
]
AGENCIES = ["sf-gov", "sf-fgw", "sf-sft", "qs-gov", "qs-jyj", "qs-scjgj", "ls-gov"]
SUBJECTS = [
    "住房公积金",
    "城乡居民基本养老保险",
    "最低生活保障",
    "营商环境",
    "政府信息公开",
    "城市更新",
    "义务教育",
    "基本医疗保险",
    "安全生产",
    "生态环境保护",
    "就业创业",
    "养老服务",
    "失业保险",
    "公共租赁住房",
    "食品安全",
    "餐饮服务",
    "流动摊贩",
    "个人所得税专项附加扣除",
    "消费品以旧换新",
    "数字政府建设",
    "优化生育",
    "托育服务",
    "农村集体经营性建设用地",
    "高标准农田建设",
    "老旧小区改造",
    "工伤保险",
    "生育保险",
    "残疾人两项补贴",
    "特困人员救助供养",
    "临时救助",
    "退役军人优待",
    "学前教育",
    "职业技能培训",
    "高校毕业生就业",
    "农民工工资支付",
    "人才引进",
    "科技创新",
    "知识产权保护",
    "中小企业发展",
    "民营经济",
    "招商引资",
    "政务服务",
    "一网通办",
    "放管服改革",
    "行政审批制度改革",
    "城市管理",
    "垃圾分类",
    "大气污染防治",
    "水污染防治",
    "河长制",
    "耕地保护",
    "不动产登记",
    "房地产市场",
    "住房保障",
    "物业管理",
    "燃气安全",
    "交通运输",
    "公共交通",
    "旅游业发展",
    "文化事业",
    "全民健身",
    "医疗卫生服务体系",
    "公立医院改革",
    "中医药发展",
    "疾病预防控制",
    "药品监管",
    "市场监管",
    "消费者权益保护",
    "价格监管",
    "统计工作",
    "审计工作",
    "政府采购",
    "预算管理",
    "国有资产管理",
    "地方政府债务",
    "乡村振兴",
    "农村人居环境整治",
    "粮食安全",
    "防汛抗旱",
    "森林防火",
    "应急管理",
    "信访工作",
    "法治政府建设",
    "行政执法",
    "规范性文件管理",
    "政务公开",
    "数据要素",
]
MODIFIERS = ["", "", "", "全省", "全市", "进一步", "城乡", "农村", "重点领域", "新时代"]
TEMPLATES = [
    "关于印发{s}实施方案的通知",
    "关于印发{s}管理办法的通知",
    "关于{s}的实施意见",
    "关于加快推进{s}的实施意见",
    "{s}管理办法",
    "{s}管理暂行办法",
    "{s}实施细则",
    "关于{s}有关问题的批复",
    "关于同意{s}的批复",
    "关于进一步加强{s}工作的通知",
    "关于做好{y}年{s}工作的通知",
    "关于开展{s}专项行动的通知",
    "关于调整{s}标准的通知",
    "关于公布{s}事项清单的通知",
    "{s}三年行动计划（{y}—{y2}年）",
    "{s}工作方案",
    "关于促进{s}高质量发展的若干措施",
    "关于{s}的指导意见",
    "关于{s}的决定",
    "关于{s}的公告",
    "{y}年{s}工作要点",
]
KIND_OF = {"管理办法": "rule", "暂行办法": "rule", "实施细则": "rule", "决定": "rule"}
NORMATIVE = ("实施意见", "指导意见", "若干措施", "通知")
STATUSES = ["in_force"] * 80 + ["amended"] * 6 + ["repealed"] * 9 + ["expired"] * 5
SALUTATIONS = [
    "各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：",
    "各有关单位：",
    "各区县人民政府，市政府各部门：",
]
NUMERALS = "一二三四五六七八九十"
_HAN = re.compile(r"[\u4e00-\u9fff]")


def rjieba_library() -> Path:
    import rjieba

    folder = Path(rjieba.__file__).parent
    found = sorted(folder.glob("rjieba*.so")) + sorted(folder.glob("rjieba*.pyd"))
    if not found:
        raise SystemExit(f"no rjieba extension module in {folder}")
    return found[0]


def extract_dictionary(target: Path = DICT_FILE) -> Path:
    """Unpack jieba's ``dict.txt`` from the rjieba extension module (a zstd frame in its data)."""
    if target.exists():
        return target
    data = rjieba_library().read_bytes()
    magic = b"\x28\xb5\x2f\xfd"
    start = data.find(magic)
    line = re.compile(rb"^\S+ \d+ [a-z]+\n")
    while start >= 0:
        # ``zstd -dc`` stops with an error at the bytes after the frame; the frame's output is complete.
        try:
            command = ["zstd", "-dcq"]
            out = subprocess.run(command, input=data[start:], capture_output=True, check=False).stdout  # noqa: S603
        except FileNotFoundError:
            raise SystemExit("the zstd command is needed to read rjieba's dictionary (apt-get install zstd)") from None
        if len(out) > 1_000_000 and line.match(out) and out.count(b"\n") > 300_000:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(out[: out.rfind(b"\n") + 1])
            return target
        start = data.find(magic, start + 1)
    raise SystemExit("jieba's dict.txt was not found inside the rjieba module")


@cache
def vocabulary() -> tuple[list[str], list[int]]:
    """The dictionary's Han words and the cumulative weights (their counts) to draw them by."""
    words: list[str] = []
    cumulative: list[int] = []
    total = 0
    for raw in extract_dictionary().read_text(encoding="utf-8").splitlines():
        parts = raw.split(" ")
        if len(parts) < 2 or not _HAN.match(parts[0]) or not parts[1].isdigit():
            continue
        total += int(parts[1])
        words.append(parts[0])
        cumulative.append(total)
    return words, cumulative


def word_frequencies() -> dict[str, int]:
    """Word → count in the dictionary (for choosing common and rare query words)."""
    words, cumulative = vocabulary()
    return {w: c - (cumulative[i - 1] if i else 0) for i, (w, c) in enumerate(zip(words, cumulative, strict=True))}


def _date(rng: random.Random) -> date:
    # more recent years more often
    year = 2015 + min(11, int(rng.triangular(0, 12, 12)))
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return min(day, date(2026, 11, 30))


POOL = 1 << 24  # words drawn once; sentences are slices of this stream at random places


@cache
def _pool(seed: int) -> list[str]:
    """``POOL`` words drawn from the dictionary by weight (the same for a seed, before forking)."""
    words, cumulative = vocabulary()
    return random.Random(seed).choices(words, cum_weights=cumulative, k=POOL)


def _sentence(rng: random.Random, pool: list[str], subject: str) -> str:
    count = rng.randint(6, 18)
    start = rng.randrange(POOL - count)
    picked = pool[start : start + count]
    if rng.random() < 0.25:
        picked.insert(rng.randrange(len(picked)), subject)
    cut = rng.randint(3, max(3, len(picked) - 2))
    return "".join(picked[:cut]) + "，" + "".join(picked[cut:]) + "。"


def _body(rng: random.Random, pool: list[str], subject: str, issuer: str, published: date) -> str:
    target = rng.randint(1024, 5120)
    parts = [rng.choice(SALUTATIONS)]
    size = len(parts[0].encode())
    closing = f"{issuer}\n{published.year}年{published.month}月{published.day}日"
    size += len(closing.encode())
    number = 0
    while size < target:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            sentences.append(_sentence(rng, pool, subject))
        paragraph = "".join(sentences)
        if number < len(NUMERALS) and rng.random() < 0.6:
            paragraph = f"{NUMERALS[number]}、{paragraph}"
            number += 1
        room = target - size
        encoded = paragraph.encode()
        if len(encoded) > room:
            paragraph = encoded[:room].decode("utf-8", "ignore").rstrip("，") + "。"
        parts.append(paragraph)
        size += len(paragraph.encode()) + 1
    parts.append(closing)
    return "\n".join(parts)


def _kind(title: str, rng: random.Random) -> str:
    for marker, kind in KIND_OF.items():
        if title.endswith(marker):
            return kind
    if title.endswith("的公告"):
        return "announcement"
    if "行动计划" in title or "工作要点" in title or "工作方案" in title:
        return "plan"
    if title.endswith(NORMATIVE) and rng.random() < 0.5:
        return "normative"
    return "notice" if title.endswith("通知") else "other"


def _chunk(task: tuple[int, int, int]) -> list[str]:
    seed, first, count = task
    rng = random.Random(f"{seed}-{first}")
    pool = _pool(seed)
    lines = []
    for number in range(first, first + count):
        issuer, prefix = ISSUERS[rng.randrange(len(ISSUERS))]
        subject = rng.choice(MODIFIERS) + rng.choice(SUBJECTS)
        published = _date(rng)
        template = rng.choice(TEMPLATES)
        title = template.format(s=subject, y=published.year, y2=published.year + 2)
        written = published - timedelta(days=rng.randint(2, 20))
        # serials: a per-prefix-and-year sequence would need a pass over everything; a serial
        # drawn from the document's number within its prefix keeps 文号 unique and plausible
        serial = number // len(ISSUERS) % 400 + 1
        doc_number = f"{prefix}〔{published.year}〕{serial}号" if rng.random() < 0.9 else ""
        agency = AGENCIES[number % len(AGENCIES)]
        row: dict[str, Any] = {
            "id": number,
            "agency": agency,
            "kind": _kind(title, rng),
            "title": title,
            "doc_number": doc_number,
            "index_number": f"{agency.upper()}/{published.year}-{number:08d}",
            "issuer": issuer,
            "written_on": written.isoformat(),
            "published_on": published.isoformat(),
            "effective_on": (published + timedelta(days=rng.choice([0, 0, 30]))).isoformat(),
            "status": rng.choice(STATUSES),
            "topic": subject.removeprefix("全省").removeprefix("全市"),
            "disclosure": "proactive",
            "body": _body(rng, pool, subject, issuer, published),
        }
        lines.append(json.dumps(row, ensure_ascii=False))
    return lines


def generate(docs: int, seed: int = 15, workers: int = 2) -> Iterator[str]:
    """The JSON lines of ``docs`` documents, in order (``workers`` processes)."""
    _pool(seed)  # draw the words before forking
    tasks = [(seed, first, min(CHUNK, docs + 1 - first)) for first in range(1, docs + 1, CHUNK)]
    if workers <= 1:
        for task in tasks:
            yield from _chunk(task)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for lines in pool.imap(_chunk, tasks):
            yield from lines


def write(docs: int, out: Path, seed: int = 15, workers: int = 2, quiet: bool = False) -> float:
    """Write the corpus to ``out`` (atomically); returns the seconds it took."""
    start = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(out.suffix + ".part")
    with partial.open("w", encoding="utf-8") as handle:
        for count, line in enumerate(generate(docs, seed, workers), 1):
            handle.write(line)
            handle.write("\n")
            if not quiet and count % 100_000 == 0:
                print(f"  {count:,} documents, {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    partial.replace(out)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or BENCH_DIR / f"corpus-{args.docs}.jsonl"
    seconds = write(args.docs, out, args.seed, args.workers)
    size = out.stat().st_size
    print(f"{args.docs:,} documents in {seconds:.1f} s → {out} ({size / 2**20:,.0f} MiB)")


if __name__ == "__main__":
    main()
