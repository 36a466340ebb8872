"""The kinds every agency has: the three the law knows, and common ones counted as "other"."""

from django.db import migrations

KINDS = [
    ("rule", "规章", "rule"),
    ("normative", "行政规范性文件", "normative"),
    ("other", "其他文件", "other"),
    ("notice", "通知", "other"),
    ("announcement", "公告", "other"),
    ("plan", "规划计划", "other"),
    ("statistics", "统计信息", "other"),
    ("report", "工作报告", "other"),
]


def seed(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for code, name, base in KINDS:
        DocumentKind.objects.get_or_create(code=code, agency=None, defaults={"name": name, "base": base})


def unseed(apps, schema_editor):
    apps.get_model("documents", "DocumentKind").objects.filter(agency=None, code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
