"""A living office for the demo (``gongkai demo``): applications to 青山市人民政府 in every state,
some near their due date, some overdue, some paused, received over the last weeks and last year.

Everything goes through the services, so numbers, events, clocks and the audit log are real. The
requests are of the kinds real offices receive (planning approvals, budgets, enforcement, school
places); the applicants are invented. Loaded once: nothing is added when the agency has cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.calendars.selectors import get_calendar
from gongkai.law.errors import LawError

from . import services
from .models import Case
from .services import ApplicantInput, ApplicationInput

AGENCY = "qs-gov"
BEIJING = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class DemoCase:
    description: str
    applicant: ApplicantInput
    ago: int  # working days before today that it arrived
    steps: str  # what has happened since: see _STEPS
    channel: str = "in_person"


PEOPLE = [
    ApplicantInput(
        kind="natural_person",
        name="陈明",
        id_type="resident_id",
        id_number="110101198001011232",
        phone="13800138000",
        address="青山市文化路16号",
    ),
    ApplicantInput(
        kind="natural_person",
        name="刘芳",
        id_type="passport",
        id_number="E23456789",
        phone="13912345678",
        email="liufang@example.cn",
    ),
    ApplicantInput(
        kind="commercial",
        name="青山市恒达建材有限公司",
        id_type="unified_social_credit_code",
        id_number="913700001630600086",
        phone="0535-6661234",
    ),
    ApplicantInput(
        kind="legal_service",
        name="青山明法律师事务所",
        id_type="other",
        id_number="31370000MD0123456X",
        phone="0535-6789012",
        email="office@example.cn",
    ),
    ApplicantInput(
        kind="research",
        name="示范大学公共管理学院课题组",
        id_type="other",
        id_number="12370000MB1234567Y",
        email="gov-study@example.edu.cn",
    ),
    ApplicantInput(
        kind="natural_person",
        name="王建国",
        id_type="resident_id",
        id_number="110105197505203415",
        address="绿水县府前街8号",
    ),
]

CASES = [
    DemoCase("青山市2025年城镇老旧小区改造计划及各小区资金安排", PEOPLE[0], 30, "replied"),
    DemoCase("文化路棚户区改造项目的征收补偿方案及批复文件", PEOPLE[0], 24, "partial"),
    DemoCase("2025年度市本级“三公”经费预算执行情况", PEOPLE[1], 22, "overdue"),
    DemoCase("本公司被列入失信名单所依据的行政处罚决定书", PEOPLE[2], 18, "consulting"),
    DemoCase("市区学区划分方案（2026年秋季学期）及其制定依据", PEOPLE[1], 17, "near_due"),
    DemoCase("2024年以来全市行政复议案件的办理数量及结果", PEOPLE[3], 12, "correction"),
    DemoCase("青山市政府信息公开年度报告中依申请公开的原始统计表", PEOPLE[4], 9, "fee"),
    DemoCase("人民路拓宽工程的环境影响评价审批文件", PEOPLE[5], 6, "drafted"),
    DemoCase("2026年市级重点项目清单", PEOPLE[3], 4, "extended"),
    DemoCase("市场监管部门对本小区周边餐饮店的检查记录", PEOPLE[5], 2, "assigned"),
    DemoCase("全市公共停车场收费标准的核定文件", PEOPLE[1], 1, "received", channel="online"),
    DemoCase("希望了解市政府常务会议研究城市更新的会议纪要", PEOPLE[0], 40, "withdrawn"),
    # answered long ago; a reconsideration corrected the reply (demo_appeals): reopened for a new one
    DemoCase("本公司所在工业园区的土地征收批复及补偿标准", PEOPLE[2], 60, "replied"),
]


def _day_ago(working_days: int) -> date:
    calendar = get_calendar()
    day = timezone.localdate()
    try:
        while working_days > 0:
            day -= timedelta(days=1)
            if calendar.is_working_day(day):
                working_days -= 1
    except LawError:  # past the loaded years: count weekdays only (the demo needs no precision here)
        while working_days > 0:
            day -= timedelta(days=1)
            if day.weekday() < 5:
                working_days -= 1
    return day


def _after(day: date, n: int) -> date:
    return min(timezone.localdate(), day + timedelta(days=n))


def load_demo_cases() -> list[str]:
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None or Case.objects.filter(agency=agency).exists():
        return []
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="shi_")}
    registrar, handler, head = users.get("shi_dengji"), users.get("shi_chengban"), users.get("shi_fuzeren")
    if registrar is None or handler is None or head is None:
        return []
    made: list[str] = []
    for item in CASES:
        arrived = _day_ago(item.ago)
        at = datetime.combine(arrived, time(9, 30), tzinfo=BEIJING)
        application = ApplicationInput(item.applicant, item.description, "electronic", "online")
        if item.channel == "online":
            case = services.case_submit_online(agency=agency, application=application, now=at, via="demo").case
            made.append(case.number)
            continue
        case = services.case_register(
            actor=registrar, agency=agency, application=application, channel=item.channel, received_at=at, via="demo"
        ).case
        case = services.case_assign(actor=registrar, case=case, handler=handler, on=arrived, via="demo")
        _STEPS[item.steps](case, arrived, handler, head)
        made.append(case.number)
    _demo_appeals(agency, handler, head)
    return made


def _reply_day(case: Case) -> date:
    return case.events.filter(action="issue_reply").values_list("on", flat=True).get()


def _demo_appeals(agency: Agency, handler: Any, head: Any) -> None:
    """Reconsiderations and lawsuits with each result of report table 四 on the answered cases:
    维持 then a lawsuit after it still pending, 其他 (a lawsuit withdrawn), 纠正 (reopens its case)."""
    today = timezone.localdate()
    cases = {c.description: c for c in Case.objects.filter(agency=agency)}
    closed = cases[CASES[0].description]
    replied = _reply_day(closed)
    first = services.appeal_record(
        closed,
        actor=handler,
        kind="reconsideration",
        body="示范省人民政府",
        filed_on=_after(replied, 5),
        body_number="示政复〔2026〕31号",
        via="demo",
    )
    services.appeal_set_result(first, actor=handler, result="upheld", result_on=_after(replied, 20), via="demo")
    services.appeal_record(
        closed,
        actor=handler,
        kind="litigation_after_reconsideration",
        body="青山市中级人民法院",
        filed_on=_after(replied, 23),
        body_number="（2026）青01行初17号",
        follows=first,
        via="demo",
    )
    partial = cases[CASES[1].description]
    replied = _reply_day(partial)
    sued = services.appeal_record(
        partial,
        actor=handler,
        kind="litigation_direct",
        body="青山市青河区人民法院",
        filed_on=_after(replied, 2),
        body_number="（2026）青0102行初8号",
        via="demo",
    )
    services.appeal_set_result(
        sued, actor=handler, result="other", result_on=_after(replied, 12), note="原告撤回起诉", via="demo"
    )
    reopened = cases[CASES[-1].description]
    replied = _reply_day(reopened)
    corrected = services.appeal_record(
        reopened,
        actor=handler,
        kind="reconsideration",
        body="示范省人民政府",
        filed_on=_after(replied, 10),
        body_number="示政复〔2026〕45号",
        via="demo",
    )
    services.appeal_set_result(
        corrected,
        actor=head,
        result="corrected",
        result_on=max(corrected.filed_on, today - timedelta(days=5)),
        note="复议机关责令重新答复",
        via="demo",
    )


def _replied(case: Case, arrived: date, handler: Any, head: Any) -> None:
    case = services.case_draft_reply(actor=handler, case=case, outcome="disclosed", on=_after(arrived, 10), via="demo")
    case = services.case_approve_reply(actor=head, case=case, on=_after(arrived, 11), via="demo")
    case = services.case_issue_reply(actor=handler, case=case, on=_after(arrived, 12), via="demo")
    services.case_close(actor=handler, case=case, on=_after(arrived, 12), via="demo")


def _partial(case: Case, arrived: date, handler: Any, head: Any) -> None:
    case = services.case_draft_reply(
        actor=handler,
        case=case,
        outcome="partially_disclosed",
        reasons="补偿方案中涉及被征收人个人信息的部分不予公开（《条例》第十五条）",
        on=_after(arrived, 14),
        via="demo",
    )
    case = services.case_approve_reply(actor=head, case=case, on=_after(arrived, 15), via="demo")
    services.case_issue_reply(actor=handler, case=case, on=_after(arrived, 16), via="demo")


def _consulting(case: Case, arrived: date, handler: Any, head: Any) -> None:
    services.case_start_consultation(
        actor=handler, case=case, party="青山市恒达建材有限公司（第三方）", on=_after(arrived, 5), via="demo"
    )


def _correction(case: Case, arrived: date, handler: Any, head: Any) -> None:
    day = _after(arrived, 3)
    services.case_request_correction(
        actor=handler,
        case=case,
        correction_due=day + timedelta(days=21),
        text="请说明所需复议案件信息的时间范围和具体内容（如案件数量、结果或决定书）。",
        on=day,
        via="demo",
    )


def _fee(case: Case, arrived: date, handler: Any, head: Any) -> None:
    services.case_notify_fee(
        actor=handler,
        case=case,
        amount_yuan=400,
        basis="按件计收：本月第11至14件，每件100元（国办函〔2020〕109号）",
        on=_after(arrived, 5),
        via="demo",
    )


def _drafted(case: Case, arrived: date, handler: Any, head: Any) -> None:
    services.case_draft_reply(
        actor=handler,
        case=case,
        outcome="unavailable_not_held",
        reasons="该审批文件由示范省生态环境厅作出，本机关不掌握，请向该厅申请（《条例》第三十六条第五项）",
        on=_after(arrived, 4),
        via="demo",
    )


def _extended(case: Case, arrived: date, handler: Any, head: Any) -> None:
    services.case_extend(
        actor=head, case=case, working_days=15, reason="需汇总多个部门的项目资料", on=_after(arrived, 3), via="demo"
    )


def _withdrawn(case: Case, arrived: date, handler: Any, head: Any) -> None:
    services.case_withdraw(actor=handler, case=case, reason="申请人书面撤回申请", on=_after(arrived, 6), via="demo")


def _nothing(case: Case, arrived: date, handler: Any, head: Any) -> None:
    return None


_STEPS: dict[str, Callable[[Case, date, Any, Any], None]] = {
    "replied": _replied,
    "partial": _partial,
    "consulting": _consulting,
    "correction": _correction,
    "fee": _fee,
    "drafted": _drafted,
    "extended": _extended,
    "withdrawn": _withdrawn,
    "overdue": _nothing,  # arrived 22 working days ago and nothing since: past its due date
    "near_due": _nothing,  # 17 working days ago: due within a few days
    "assigned": _nothing,
    "received": _nothing,
}
