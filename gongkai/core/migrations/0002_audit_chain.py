"""The audit log becomes tamper-evident (issue 9 item 6): every event gets a sequence number and
a hash chain (gongkai.core.chain); existing events are chained in the order they were written (by
id). Migration 0003 then makes the table append-only.
"""

from django.db import migrations, models

from gongkai.core.chain import GENESIS_HASH, ChainFields, event_hash


def chain_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    previous = GENESIS_HASH
    for sequence, event in enumerate(AuditEvent.objects.order_by("id").iterator(), start=1):
        fields = ChainFields(
            sequence=sequence,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            object_repr=event.object_repr,
            agency_id=event.agency_id,
            details=event.details,
            previous_hash=previous,
        )
        previous = event_hash(fields)
        AuditEvent.objects.filter(pk=event.pk).update(sequence=sequence, previous_hash=fields.previous_hash, hash=previous)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="sequence number"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="previous event's hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop, elidable=False),
    ]
