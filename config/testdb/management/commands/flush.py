"""``flush`` for the test database: empties the append-only audit table too.

pytest-django's ``transactional_db`` tests (and Django's TransactionTestCase) end with ``flush``:
DELETE on SQLite, TRUNCATE on PostgreSQL — which the audit table's triggers rightly refuse. Only
here, in the test settings' own app, does the flush lift them, in the flush's transaction: on
PostgreSQL the user triggers are disabled and enabled again, on SQLite they are dropped and
created again from their stored definitions. Production has no such switch: there ``flush``
fails on the audit table, as any other attempt to empty it does.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLE = "core_auditevent"


def lift_audit_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """Lift the audit table's triggers; the statements that put them back."""
    if AUDIT_TABLE not in connection.introspection.table_names():
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER USER")
            return [f"ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER USER"]
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [AUDIT_TABLE]
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            return [sql for _name, sql in triggers]
    return []


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with transaction.atomic(using=options["database"]):
            restore = lift_audit_triggers(connection)
            super().handle(**options)
            with connection.cursor() as cursor:
                for statement in restore:
                    cursor.execute(statement)
