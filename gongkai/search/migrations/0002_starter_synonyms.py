"""The starter list of plain → official pairs (gongkai/text/data/synonyms.tsv), editable afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from gongkai.search.pipeline import starter_pairs

    SynonymEntry = apps.get_model("search", "SynonymEntry")
    present = set(SynonymEntry.objects.values_list("plain", flat=True))
    entries = []
    for plain, official in starter_pairs():
        if plain[:50] in present or not official:
            continue
        present.add(plain[:50])
        entries.append(SynonymEntry(plain=plain[:50], official=",".join(official)[:300], note="starter list"))
    SynonymEntry.objects.bulk_create(entries)


def unload(apps, schema_editor):
    apps.get_model("search", "SynonymEntry").objects.filter(note="starter list").delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
