"""The audit table becomes append-only at the database (issue 9 item 6).

Triggers refuse UPDATE and DELETE on the audit table, from the ORM, raw SQL or any other client,
and TRUNCATE on PostgreSQL. On SQLite a REPLACE (which deletes the old row without firing delete
triggers) is refused as well. The sequence number of the hash chain becomes unique.

Careful on SQLite: a later migration that rebuilds this table (most AlterField operations) drops
its triggers with the old table; such a migration must install them again (the tests in
tests/core/test_audit_append_only.py fail if it does not).
"""

from django.db import migrations, models

TABLE = "core_auditevent"
MESSAGE = "audit events are append-only"

SQLITE_INSTALL = [
    f"CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER core_auditevent_no_replace BEFORE INSERT ON {TABLE} "
    f"WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id OR sequence = NEW.sequence) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    "DROP TRIGGER IF EXISTS core_auditevent_no_replace",
]

POSTGRESQL_INSTALL = [
    # SQLSTATE 23000 (integrity_constraint_violation): Django raises IntegrityError, as on SQLite.
    "CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = '23000'; END $$",
    f"CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only()",
    f"CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only()",
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS core_auditevent_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
]

SQL = {
    "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE),
}


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def install_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in SQL:
        raise RuntimeError(f"no append-only triggers for the {vendor} database")
    _run(schema_editor, SQL[vendor][0])


def remove_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in SQL:
        _run(schema_editor, SQL[vendor][1])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_chain"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="sequence number"),
        ),
        migrations.RunPython(install_triggers, remove_triggers, elidable=False),
    ]
