"""The shipped starter dictionaries (gongkai/text/checks/data) as the administrators' first entries."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from gongkai.text.checks.wording import starter_entries, starter_whitelist

    wording = apps.get_model("publishing", "WordingEntry")
    whitelist = apps.get_model("publishing", "WhitelistEntry")
    known = set(wording.objects.values_list("term", flat=True))
    wording.objects.bulk_create(
        [
            wording(
                category=entry.category,
                severity=entry.severity.value,
                term=entry.term,
                suggestion=entry.suggestion,
                note=entry.note,
            )
            for entry in starter_entries()
            if entry.term not in known
        ]
    )
    phrases = set(whitelist.objects.values_list("phrase", flat=True))
    whitelist.objects.bulk_create([whitelist(phrase=phrase) for phrase in starter_whitelist() if phrase not in phrases])


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
