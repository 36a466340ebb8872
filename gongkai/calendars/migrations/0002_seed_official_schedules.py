"""Seed every year with an official published schedule (2004–2026).

Data: gongkai/calendars/data/schedules.json, generated from chinese-calendar 1.11.0 and checked
against `holidays` (see docs/calendar.md; one correction, 2005-12-31, from 国办发明电〔2005〕35号).
The file is frozen so a library upgrade never rewrites history; `holidays`' rule-based projections
of future years are not official and are not loaded.
"""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "schedules.json"


def seed(apps, schema_editor):
    HolidaySchedule = apps.get_model("calendars", "HolidaySchedule")
    ScheduleDay = apps.get_model("calendars", "ScheduleDay")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for year, days in data["years"].items():
        schedule, created = HolidaySchedule.objects.get_or_create(
            year=int(year), defaults={"source": "seed", "notes": f"{data['source']}（安装时载入，见 docs/calendar.md）"}
        )
        if not created:
            continue
        rows = [
            ScheduleDay(schedule=schedule, date=date.fromisoformat(day), kind=kind, name=name)
            for kind, key in (("holiday", "holidays"), ("workday", "workdays"))
            for day, name in days[key].items()
        ]
        ScheduleDay.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    apps.get_model("calendars", "HolidaySchedule").objects.filter(source="seed").delete()


class Migration(migrations.Migration):
    dependencies = [("calendars", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
