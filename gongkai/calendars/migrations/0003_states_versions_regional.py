"""Year states (draft → confirmed), a version per year, and regional rest days.

The official years loaded at installation (2004–2026) are confirmed: they are the State
Council's published notices, checked (docs/calendar.md). A later year that an administrator had
entered before this migration becomes a draft: it is used again once a platform administrator
confirms it on the staff page, which checks that it is complete.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

LAST_OFFICIAL_YEAR = 2026


def confirm_official_years(apps, schema_editor):
    HolidaySchedule = apps.get_model("calendars", "HolidaySchedule")
    HolidaySchedule.objects.filter(year__lte=LAST_OFFICIAL_YEAR).update(status="confirmed")
    for schedule in HolidaySchedule.objects.filter(source="seed", notice=""):
        schedule.notice = f"国务院办公厅关于{schedule.year}年部分节假日安排的通知"
        schedule.notes = "国务院办公厅历年节假日安排通知，安装时载入并逐日核对（见 docs/calendar.md）"
        schedule.save(update_fields=["notice", "notes"])


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("calendars", "0002_seed_official_schedules"),
    ]

    operations = [
        migrations.AddField(
            model_name="holidayschedule",
            name="status",
            field=models.CharField(
                choices=[("draft", "draft"), ("confirmed", "confirmed")],
                db_index=True,
                default="draft",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="holidayschedule",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                help_text="Raised by every change: a form of an older version is refused.",
                verbose_name="version",
            ),
        ),
        migrations.AlterField(
            model_name="holidayschedule",
            name="source",
            field=models.CharField(
                choices=[
                    ("seed", "the State Council's published notice, loaded at installation and checked"),
                    ("manual", "entered by a platform administrator from the State Council's notice"),
                ],
                default="manual",
                max_length=16,
                verbose_name="source",
            ),
        ),
        migrations.CreateModel(
            name="RegionalHoliday",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("name", models.CharField(help_text="e.g. 藏历新年, 古尔邦节", max_length=100, verbose_name="holiday")),
                ("start", models.DateField(verbose_name="first rest day")),
                ("end", models.DateField(verbose_name="last rest day")),
                ("notice", models.CharField(help_text="Title or document number of the notice.", max_length=200, verbose_name="notice")),
                ("source_url", models.URLField(blank=True, max_length=500, verbose_name="address of the notice")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="regional_holidays",
                        to="agencies.agency",
                        verbose_name="agency",
                    ),
                ),
            ],
            options={
                "verbose_name": "regional holiday",
                "verbose_name_plural": "regional holidays",
                "ordering": ["start", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("end__gte", models.F("start"))), name="regional_holiday_end_after_start"
                    )
                ],
            },
        ),
        migrations.RunPython(confirm_official_years, migrations.RunPython.noop),
    ]
