"""Demo data: a small fictional province to click through. Idempotent; demo use only.

Names are fictional (示范省, 青山市, 绿水县) so that nobody mistakes the demo for a real agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Agency, Role
from .services import agency_create, membership_grant, office_save

DEMO_PASSWORD = "gongkai-demo-2026"  # noqa: S105  (printed on purpose; demo accounts only)


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str
    short_name: str
    level: str
    parent: str | None
    office: str
    address: str
    phone: str


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    agency: str
    role: Role


DEMO_AGENCIES = [
    DemoAgency(
        "sf-gov",
        "示范省人民政府",
        "省政府",
        "province",
        None,
        "示范省人民政府办公厅政务公开办公室",
        "示范省省会市人民路1号",
        "0531-0000001",
    ),
    DemoAgency(
        "sf-fgw",
        "示范省发展和改革委员会",
        "省发展改革委",
        "department",
        "sf-gov",
        "示范省发展和改革委员会办公室",
        "示范省省会市人民路10号",
        "0531-0000010",
    ),
    DemoAgency(
        "sf-sft",
        "示范省司法厅",
        "省司法厅",
        "department",
        "sf-gov",
        "示范省司法厅政务公开办公室",
        "示范省省会市人民路20号",
        "0531-0000020",
    ),
    DemoAgency(
        "qs-gov",
        "青山市人民政府",
        "青山市政府",
        "city",
        "sf-gov",
        "青山市人民政府办公室政务公开科",
        "青山市政务服务中心3楼",
        "0535-0000001",
    ),
    DemoAgency(
        "qs-jyj",
        "青山市教育局",
        "市教育局",
        "department",
        "qs-gov",
        "青山市教育局办公室",
        "青山市文化路8号",
        "0535-0000008",
    ),
    DemoAgency(
        "qs-scjgj",
        "青山市市场监督管理局",
        "市市场监管局",
        "department",
        "qs-gov",
        "青山市市场监督管理局办公室",
        "青山市建设路12号",
        "0535-0000012",
    ),
    DemoAgency(
        "ls-gov",
        "绿水县人民政府",
        "绿水县政府",
        "county",
        "qs-gov",
        "绿水县人民政府办公室政务公开股",
        "绿水县府前街1号",
        "0535-0000101",
    ),
]

DEMO_USERS = [
    DemoUser("sheng_admin", "省平台管理员", "sf-gov", Role.ADMINISTRATOR),
    DemoUser("sheng_jiandu", "省政务公开办督查员", "sf-gov", Role.SUPERVISOR),
    DemoUser("shi_dengji", "青山市登记员", "qs-gov", Role.REGISTRAR),
    DemoUser("shi_chengban", "青山市承办人", "qs-gov", Role.HANDLER),
    DemoUser("shi_fuzeren", "青山市政务公开科负责人", "qs-gov", Role.HEAD),
    DemoUser("fgw_chengban", "省发展改革委承办人", "sf-fgw", Role.HANDLER),
    DemoUser("xian_chengban", "绿水县承办人", "ls-gov", Role.HANDLER),
]
DEMO_USERNAMES = [u.username for u in DEMO_USERS]
OFFICE_HOURS = "工作日 上午9:00-12:00，下午13:30-17:00"


def database_is_empty() -> bool:
    return not Agency.objects.exists()


@transaction.atomic
def load_demo() -> list[str]:
    """Create whatever part of the demo is missing. Returns the codes and user names created."""
    created: list[str] = []
    for item in DEMO_AGENCIES:
        if Agency.objects.filter(code=item.code).exists():
            continue
        parent = Agency.objects.get(code=item.parent) if item.parent else None
        agency = agency_create(
            actor=None,
            code=item.code,
            name=item.name,
            short_name=item.short_name,
            level=item.level,
            parent=parent,
            via="demo",
        )
        office_save(
            actor=None,
            agency=agency,
            via="demo",
            name=item.office,
            address=item.address,
            phone=item.phone,
            hours=OFFICE_HOURS,
        )
        created.append(item.code)
    user_model = get_user_model()
    for demo in DEMO_USERS:
        user, new = user_model.objects.get_or_create(username=demo.username, defaults={"first_name": demo.full_name})
        if new:
            user.set_password(DEMO_PASSWORD)
            # The demo's platform administrator may also use the Django admin for reference data.
            user.is_staff = user.is_superuser = demo.role == Role.ADMINISTRATOR
            user.save()
            created.append(demo.username)
        membership_grant(actor=None, user=user, agency=Agency.objects.get(code=demo.agency), role=demo.role, via="demo")
    return created
