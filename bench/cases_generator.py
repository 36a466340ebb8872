"""A province's applications for the cases benchmark: ``N`` cases with realistic histories.

Run: ``.venv/bin/python bench/cases_generator.py --db sqlite|postgres [--cases 500000]``
(``make bench-cases`` runs it before ``bench/cases_bench.py``).

The database is made afresh: ``var/bench/cases.sqlite3`` (WAL, as ``gongkai serve`` uses SQLite),
or the PostgreSQL database ``gongkai_bench`` (dropped and created with ``LOCALE 'C.UTF-8'`` from
``template0``; server: ``$BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432/postgres``).
Migrations run, the demo province (``gongkai demo``'s agencies and users) is loaded, and a
province-sized tree is added below 示范省人民政府: 16 cities, each with 20 departments and 8
counties of 10 departments — 1,751 agencies in all, a handler for each.

Each case gets a history as the services would write it — received, accepted, assigned, perhaps
a correction, a consultation, a fee, an extension or 协查, then the reply drafted, approved,
issued and the case closed; or withdrawn, or transferred — with the events that have happened by
today (3–8 per case; 1–2 for those that arrived in the last days). Its receipt date follows Art.
31 by channel; its due date, clock state and provisional flag come from the real reply clock
(``gongkai.cases.clock.evaluate``) on the loaded calendar; numbers follow the default pattern,
``seq`` gap-free per agency and year, and the ``CaseNumbering`` counters end at the last number.
Received dates spread over last year and this year up to today, weekdays mostly. The demo's
青山市人民政府 (handler ``shi_chengban``) is a busy city office with 1 % of the cases. Rows go in with
``bulk_create`` in batches; no audit events are written (the audit log is not read by the lists
measured).

``--sample`` cases (spread over the whole set) get a known query code, written with their number
to ``var/bench/status-sample-<db>.json`` for the status look-up.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import secrets
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DIR = ROOT / "var" / "bench"
SQLITE_FILE = BENCH_DIR / "cases.sqlite3"
PG_DB = "gongkai_bench"
BEIJING = ZoneInfo("Asia/Shanghai")
# The bench's own key: the generator and the measurement hash query codes with the same one.
SECRET_KEY = "gongkai-bench-only-not-secret-0123456789abcdef"  # noqa: S105


def admin_url() -> str:
    return os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def database_url(db: str, name: str = PG_DB, sqlite_file: Path = SQLITE_FILE) -> str:
    if db == "sqlite":
        return f"sqlite:///{sqlite_file}"
    return admin_url().rsplit("/", 1)[0] + "/" + name


def fresh_database(db: str, name: str = PG_DB, sqlite_file: Path = SQLITE_FILE) -> None:
    """Drop and create the bench database (before Django connects to it)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(admin_url(), autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'")


def setup_django(db: str, name: str = PG_DB, sqlite_file: Path = SQLITE_FILE) -> None:
    os.environ["DATABASE_URL"] = database_url(db, name, sqlite_file)
    os.environ["GONGKAI_VAR_DIR"] = str(BENCH_DIR)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["SECRET_KEY"] = SECRET_KEY
    import django
    from django.conf import settings

    django.setup()
    settings.SECRET_KEY = SECRET_KEY


# -- people ------------------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国玉兰海燕志红文斌宇浩凯鹏晨欣怡子涵梓轩雨萱"
REGIONS = ["110101", "110105", "110108", "120101", "310101", "310104"]  # valid for births 1950–2004
REQUESTS = [
    "{year}年度本机关部门预算和“三公”经费决算",
    "{place}棚户区改造项目的征收补偿方案及批复文件",
    "{place}建设项目的规划许可证及附图",
    "本人房屋所在地块的土地征收批准文件",
    "{year}年城镇老旧小区改造计划及资金安排",
    "{place}周边企业的环境影响评价审批文件",
    "对本人作出行政处罚决定所依据的执法案卷",
    "{year}年秋季学期学区划分方案及制定依据",
    "{place}道路拓宽工程的立项批复和招投标情况",
    "市场监管部门对{place}餐饮店的检查记录",
    "{year}年以来行政复议案件的办理数量及结果",
    "{place}停车场收费标准的核定文件",
    "最低生活保障资金{year}年的发放情况",
    "{place}拆迁安置房的分配方案",
]
PLACES = ["文化路", "人民路", "建设路", "府前街", "解放路", "滨河新区", "高新区", "东关街道", "西城社区", "南湖片区"]


def resident_id(rng: random.Random, born: date) -> str:
    from stdnum.cn import ric

    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # (it reads 17 digits and ignores the 18th)


def credit_code(rng: random.Random) -> str:
    from stdnum.cn import uscc

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + rng.choice(REGIONS) + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


# -- agencies ----------------------------------------------------------------------------------

CITIES = 16
CITY_DEPARTMENTS = 20
COUNTIES = 8
COUNTY_DEPARTMENTS = 10
DEPARTMENT_NAMES = [
    ("教育局", "教育局"),
    ("公安局", "公安局"),
    ("民政局", "民政局"),
    ("财政局", "财政局"),
    ("人力资源和社会保障局", "人社局"),
    ("自然资源和规划局", "自然资源局"),
    ("生态环境局", "生态环境局"),
    ("住房和城乡建设局", "住建局"),
    ("交通运输局", "交通局"),
    ("农业农村局", "农业农村局"),
    ("卫生健康委员会", "卫健委"),
    ("市场监督管理局", "市场监管局"),
    ("应急管理局", "应急局"),
    ("司法局", "司法局"),
    ("水利局", "水利局"),
    ("商务局", "商务局"),
    ("文化和旅游局", "文旅局"),
    ("退役军人事务局", "退役军人局"),
    ("医疗保障局", "医保局"),
    ("城市管理局", "城管局"),
]


def build_agencies() -> list[Any]:
    """The demo province plus the generated cities and counties; returns every agency."""
    from gongkai.agencies.demo import load_demo
    from gongkai.agencies.models import Agency

    load_demo()
    province = Agency.objects.get(code="sf-gov")

    def add(rows: list[Agency]) -> list[Agency]:
        created = Agency.objects.bulk_create(rows)
        for agency in created:
            parent = agency.parent
            agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
            agency.depth = parent.depth + 1 if parent else 0
        Agency.objects.bulk_update(created, ["path", "depth"], batch_size=500)
        return created

    cities = add(
        [
            Agency(
                code=f"b-c{i:02d}",
                name=f"第{i + 1}市人民政府",
                short_name=f"{i + 1}市政府",
                level="city",
                parent=province,
            )
            for i in range(CITIES)
        ]
    )
    rows: list[Agency] = []
    for c, city in enumerate(cities):
        rows += [
            Agency(
                code=f"b-c{c:02d}d{d:02d}",
                name=f"第{c + 1}市{n}",
                short_name=f"{c + 1}市{s}",
                level="department",
                parent=city,
            )
            for d, (n, s) in enumerate(DEPARTMENT_NAMES[:CITY_DEPARTMENTS])
        ]
        rows += [
            Agency(
                code=f"b-c{c:02d}k{k}",
                name=f"第{c + 1}市第{k + 1}县人民政府",
                short_name=f"{c + 1}市{k + 1}县政府",
                level="county",
                parent=city,
            )
            for k in range(COUNTIES)
        ]
    counties = [a for a in add(rows) if a.level == "county"]
    rows = []
    for county in counties:
        rows += [
            Agency(
                code=f"{county.code}d{d:02d}",
                name=f"{county.name.removesuffix('人民政府')}{n}",
                short_name=f"{county.short_name.removesuffix('政府')}{s}",
                level="department",
                parent=county,
            )
            for d, (n, s) in enumerate(DEPARTMENT_NAMES[:COUNTY_DEPARTMENTS])
        ]
    add(rows)
    return list(Agency.objects.order_by("path"))


def handlers_for(agencies: list[Any]) -> dict[int, Any]:
    """One handler per agency (the demo's where it has one), with their memberships."""
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Membership, Role

    user_model = get_user_model()
    demo = {"qs-gov": "shi_chengban", "sf-fgw": "fgw_chengban", "ls-gov": "xian_chengban"}
    known = {u.username: u for u in user_model.objects.filter(username__in=demo.values())}
    new = [
        user_model(username=f"h_{a.code}", first_name=f"{a.short_name}承办人") for a in agencies if a.code not in demo
    ]
    made = {u.username: u for u in user_model.objects.bulk_create(new, batch_size=1000)}
    result: dict[int, Any] = {}
    memberships = []
    for agency in agencies:
        if agency.code in demo:
            result[agency.pk] = known[demo[agency.code]]
        else:
            user = made[f"h_{agency.code}"]
            result[agency.pk] = user
            memberships.append(Membership(user=user, agency=agency, role=Role.HANDLER))
    Membership.objects.bulk_create(memberships, batch_size=1000)
    return result


def agency_weights(agencies: list[Any]) -> list[float]:
    """Share of the applications: governments of cities and counties and the land, housing and
    planning departments take most; the demo city 1 %."""
    weights = []
    busy = {"d05", "d07", "d00", "d04"}
    for agency in agencies:
        w = {"province": 30.0, "city": 25.0, "county": 8.0, "department": 3.0}.get(agency.level, 1.0)
        if agency.code[-3:] in busy:
            w *= 3
        weights.append(w)
    total = sum(weights)
    for i, agency in enumerate(agencies):
        if agency.code == "qs-gov":
            weights[i] = total * 0.01 / 0.99
    return weights


# -- histories ---------------------------------------------------------------------------------

CHANNELS = (
    (["online"] * 55) + (["in_person"] * 15) + (["post"] * 20) + (["ordinary_letter"] * 5) + ["fax"] * 2 + ["other"] * 3
)
KINDS = (
    ["natural_person"] * 80
    + ["commercial"] * 8
    + ["legal_service"] * 5
    + ["other_org"] * 4
    + ["research"] * 2
    + ["public_interest"]
)
# Outcomes of the replies, roughly as the annual reports count them.
OUTCOMES = (
    ["disclosed"] * 38
    + ["partially_disclosed"] * 12
    + ["unavailable_not_held"] * 25
    + ["unavailable_unclear"] * 4
    + ["unavailable_needs_creation"] * 3
    + ["withheld_third_party"] * 2
    + ["withheld_process_info"] * 3
    + ["withheld_enforcement_file"] * 1
    + ["withheld_internal_affairs"] * 2
    + ["not_processed_petition"] * 4
    + ["not_processed_repeat"] * 3
    + ["not_processed_publication"] * 2
    + ["not_processed_confirmation"] * 1
)


class Days:
    """Working-day arithmetic on the loaded calendar, weekdays beyond it."""

    def __init__(self) -> None:
        from gongkai.calendars.selectors import get_calendar

        self.calendar = get_calendar()
        self._memo: dict[tuple[date, int], date] = {}

    def add(self, day: date, n: int) -> date:
        key = (day, n)
        found = self._memo.get(key)
        if found is None:
            try:
                found = self.calendar.add_working_days(day, n)
            except Exception:  # past the loaded years
                found, left = day, n
                while left > 0:
                    found += timedelta(days=1)
                    if found.weekday() < 5:
                        left -= 1
            self._memo[key] = found
        return found


def history(
    rng: random.Random, arrived: date, channel: str, today: date, days: Days
) -> tuple[date | None, list[tuple[str, date, str, dict[str, Any]]], str]:
    """``(received_on, [(action, on, clock_event, data)], outcome)``: the steps taken by today."""
    steps: list[tuple[str, date, str, dict[str, Any]]] = [
        ("received", arrived, "", {"channel": channel, "oral": False})
    ]
    # Art. 31: in person and signed-for post count that day; online, letters and fax from confirmation.
    received_on = arrived if channel in {"in_person", "post"} else days.add(arrived, rng.choice((0, 1, 1, 2)))
    if received_on > today:
        return None, steps, ""
    steps.append(("accept", received_on, "", {}))
    fate = rng.random()
    if fate < 0.02:  # transferred to the right agency
        steps.append(("transfer", days.add(received_on, rng.randint(1, 3)), "", {"reason": "不属于本机关职责"}))
        return received_on, _by_today(steps, today), "transfer"
    steps.append(("assign", days.add(received_on, rng.choice((0, 0, 1))), "", {}))
    start = steps[-1][1]
    due_extra = 0
    outcome = rng.choice(OUTCOMES)
    twist = rng.random()
    if twist < 0.10:  # a correction asked for; received (or the application lapses)
        asked = days.add(start, rng.randint(1, 4))
        correction_due = asked + timedelta(days=15)
        steps.append(
            ("request_correction", asked, "correction_requested", {"correction_due": correction_due.isoformat()})
        )
        if rng.random() < 0.2:
            steps.append(
                ("close", correction_due + timedelta(days=rng.randint(1, 10)), "", {"outcome": "other_no_correction"})
            )
            return received_on, _by_today(steps, today), "other_no_correction"
        start = asked + timedelta(days=rng.randint(2, 14))
        steps.append(("receive_correction", start, "correction_received", {}))
    elif twist < 0.17:  # third party consulted (Art. 32)
        began = days.add(start, rng.randint(2, 8))
        steps.append(("start_consultation", began, "consultation_started", {"party": "第三方"}))
        steps.append(("end_consultation", days.add(began, rng.randint(5, 15)), "consultation_ended", {}))
        start = steps[-1][1]
    elif twist < 0.19:  # a fee (国办函〔2020〕109号)
        notified = days.add(start, rng.randint(3, 8))
        steps.append(("notify_fee", notified, "fee_notified", {"amount_yuan": 100}))
        steps.append(("receive_payment", notified + timedelta(days=rng.randint(1, 10)), "fee_paid", {}))
        start = steps[-1][1]
    elif twist < 0.29:  # extended by the office head (Art. 33 ¶2)
        steps.append(
            (
                "extend",
                days.add(received_on, rng.randint(12, 18)),
                "extended",
                {"working_days": 20, "reason": "需要协调多个部门"},
            )
        )
        due_extra = 20
    elif twist < 0.37:  # 协查: recorded, no pause
        steps.append(("request_assistance", days.add(start, rng.randint(1, 6)), "", {"with": "内设机构"}))
    if rng.random() < 0.03:
        steps.append(("withdraw", days.add(start, rng.randint(1, 10)), "", {"reason": "申请人撤回"}))
        return received_on, _by_today(steps, today), "other"
    # The reply: most within the 20 (or 40) working days, some late, a few never sent.
    lateness = rng.random()
    if lateness < 0.015:
        drafted = date.max
    else:
        budget = 20 + due_extra
        low = 19 if due_extra else 3  # an extension comes before the reply
        worked = rng.randint(low, budget - 2) if lateness < 0.93 else budget + rng.randint(1, 15)
        drafted = days.add(start, worked)
    if drafted == date.max:
        return received_on, _by_today(steps, today), outcome
    approved = days.add(drafted, rng.choice((0, 1, 1, 2)))
    issued = days.add(approved, rng.choice((0, 0, 1)))
    steps.append(("draft_reply", drafted, "", {"outcome": outcome}))
    steps.append(("approve_reply", approved, "", {}))
    steps.append(("issue_reply", issued, "replied", {"outcome": outcome}))
    if rng.random() < 0.9:
        steps.append(("close", issued + timedelta(days=rng.randint(0, 20)), "", {"outcome": outcome}))
    if len(steps) > 8:  # the head took the case on at acceptance: no separate assignment
        steps = [s for s in steps if s[0] != "assign"]
    return received_on, _by_today(steps, today), outcome


def _by_today(
    steps: list[tuple[str, date, str, dict[str, Any]]], today: date
) -> list[tuple[str, date, str, dict[str, Any]]]:
    """The steps in date order (stable), those taken by today."""
    return [s for s in sorted(steps, key=lambda s: s[1]) if s[1] <= today]


STATUS_AFTER = {
    "received": "received",
    "accept": "in_progress",
    "assign": None,
    "request_correction": "awaiting_correction",
    "receive_correction": "in_progress",
    "start_consultation": "consulting",
    "end_consultation": "in_progress",
    "notify_fee": "awaiting_payment",
    "receive_payment": "in_progress",
    "extend": None,
    "request_assistance": None,
    "draft_reply": "reply_drafted",
    "approve_reply": "reply_approved",
    "issue_reply": "replied",
    "close": "closed",
    "withdraw": "withdrawn",
    "transfer": "transferred",
}


def generate(total: int, sample: int, seed: int, batch: int, db: str) -> dict[str, Any]:
    from django.db import transaction

    from gongkai.cases.clock import evaluate
    from gongkai.cases.models import DEFAULT_NUMBER_PATTERN, Applicant, Case, CaseEvent, CaseNumbering
    from gongkai.cases.numbering import format_number
    from gongkai.cases.services.intake import _new_query_code, query_code_digest
    from gongkai.law.clock import Event, EventType

    rng = random.Random(seed)
    started = time.perf_counter()
    agencies = build_agencies()
    handlers = handlers_for(agencies)
    weights = agency_weights(agencies)
    from django.utils import timezone

    today = timezone.localdate()  # the day the views count from (Asia/Shanghai)
    first = date(today.year - 1, 1, 1)
    span = (today - first).days + 1
    days = Days()
    calendar = days.calendar

    # Who gets what, and when: sorted per agency by arrival so that seq follows time.
    picks = rng.choices(range(len(agencies)), weights=weights, k=total)
    arrivals: list[tuple[int, date, int]] = []
    for i, a in enumerate(picks):
        day = first + timedelta(days=rng.randrange(span))
        while day.weekday() >= 5 and rng.random() < 0.9:  # few arrive at weekends
            day = first + timedelta(days=rng.randrange(span))
        arrivals.append((a, day, i))
    arrivals.sort()
    sample_every = max(1, total // sample) if sample else 0
    known: dict[str, str] = {}
    counters: dict[tuple[int, int], int] = {}
    made = events_made = 0
    statuses: dict[str, int] = {}

    def flush(rows: list[tuple[Applicant, Case, list[CaseEvent]]]) -> None:
        nonlocal events_made
        with transaction.atomic():
            applicants = Applicant.objects.bulk_create([r[0] for r in rows], batch_size=batch)
            for applicant, (_, case, _events) in zip(applicants, rows, strict=True):
                case.applicant_id = applicant.pk
            cases = Case.objects.bulk_create([r[1] for r in rows], batch_size=batch)
            evs = []
            for case, (_, _, case_events) in zip(cases, rows, strict=True):
                for e in case_events:
                    e.case_id = case.pk
                    evs.append(e)
            CaseEvent.objects.bulk_create(evs, batch_size=batch)
            events_made += len(evs)

    pending: list[tuple[Applicant, Case, list[CaseEvent]]] = []
    from gongkai.cases.services.intake import _id_digest

    for a, arrived, original in arrivals:
        agency = agencies[a]
        channel = rng.choice(CHANNELS)
        kind = rng.choice(KINDS)
        if kind == "natural_person":
            born = date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
            id_type, id_number, name = "resident_id", resident_id(rng, born), person_name(rng)
        else:
            id_type, id_number = "unified_social_credit_code", credit_code(rng)
            name = f"示范{rng.choice(PLACES)}{rng.choice(('建材', '律师', '咨询', '置业', '科技'))}有限公司"
        applicant = Applicant(
            kind=kind,
            name=name,
            id_type=id_type,
            id_number=id_number,
            id_digest=_id_digest(id_type, id_number),
            phone=phone(rng),
            address=f"示范省{rng.choice(PLACES)}{rng.randint(1, 300)}号" if rng.random() < 0.6 else "",
        )
        received_on, steps, outcome = history(rng, arrived, channel, today, days)
        year = arrived.year
        seq = counters.get((agency.pk, year), 0) + 1
        counters[(agency.pk, year)] = seq
        number = format_number(
            DEFAULT_NUMBER_PATTERN,
            agency_short=agency.short_name or agency.name,
            agency_code=agency.code,
            year=year,
            seq=seq,
        )
        if sample_every and original % sample_every == 0:
            code = _new_query_code()
            known[number] = code
            digest = query_code_digest(number, code)
        else:
            digest = secrets.token_hex(32)
        status = "received"
        handler = None
        for action, _on, _clock, _data in steps:
            status = STATUS_AFTER[action] or status
            if action in {"assign", "accept"} and len(steps) > 2:
                handler = handlers[agency.pk]
        status = "received" if received_on is None else status
        statuses[status] = statuses.get(status, 0) + 1
        description = rng.choice(REQUESTS).format(year=year - rng.choice((0, 1, 2)), place=rng.choice(PLACES))
        at = datetime(arrived.year, arrived.month, arrived.day, rng.randint(8, 17), rng.randrange(60), tzinfo=BEIJING)
        case = Case(
            agency=agency,
            number=number,
            year=year,
            seq=seq,
            status=status,
            channel=channel,
            received_at=at,
            received_on=received_on,
            receipt_basis="" if received_on is None else "《条例》第三十一条",
            description=description,
            delivery_form=rng.choice(("electronic", "electronic", "paper")),
            delivery_method=rng.choice(("online", "email", "post", "pickup")),
            handler=handler,
            outcome=outcome if status in {"reply_drafted", "reply_approved", "replied", "closed", "withdrawn"} else "",
            query_code_digest=digest,
            submission_digest=hashlib.sha256(f"{agency.code}|{number}".encode()).hexdigest(),
        )
        events = [
            CaseEvent(
                action=action,
                on=on,
                at=datetime(on.year, on.month, on.day, 10, 0, tzinfo=BEIJING),
                actor=None if action == "received" else handler,
                actor_label="申请人（网上）" if action == "received" else (handler.first_name if handler else "登记员"),
                clock_event=clock_event,
                data=data,
            )
            for action, on, clock_event, data in steps
        ]
        if received_on is not None:
            clock_events = tuple(
                Event(
                    EventType(e.clock_event),
                    e.on,
                    correction_due=date.fromisoformat(e.data["correction_due"]) if "correction_due" in e.data else None,
                    working_days=e.data.get("working_days"),
                )
                for e in events
                if e.clock_event
            )
            result = evaluate(received_on, clock_events, today, calendar)
            state = result.state
            case.due_on = state.due if state else None
            case.due_provisional = result.provisional
            case.clock_state = state.state.value if state else ""
            case.clock_problem = result.problem[:300]
        pending.append((applicant, case, events))
        made += 1
        if len(pending) >= batch:
            flush(pending)
            pending = []
            if made % (batch * 20) == 0:
                print(f"  {made:,} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if pending:
        flush(pending)
    CaseNumbering.objects.bulk_create(
        [CaseNumbering(agency_id=agency_id, year=year, last=last) for (agency_id, year), last in counters.items()],
        batch_size=batch,
    )
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / f"status-sample-{db}.json").write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
    return {
        "cases": made,
        "events": events_made,
        "agencies": len(agencies),
        "seconds": round(time.perf_counter() - started, 1),
        "statuses": dict(sorted(statuses.items(), key=lambda kv: -kv[1])),
        "sample": len(known),
    }


def analyse(db: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--sample", type=int, default=2_000, help="cases with a known query code")
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    fresh_database(args.db)
    setup_django(args.db)
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    summary = generate(args.cases, args.sample, args.seed, args.batch, args.db)
    t0 = time.perf_counter()
    analyse(args.db)
    summary["analyse_seconds"] = round(time.perf_counter() - t0, 1)
    summary["db"] = args.db
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
