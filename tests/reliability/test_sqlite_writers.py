"""SQLite as a real embedded database (issue 9 item 7): with DATABASE_URL pointing at a SQLite file
the settings keep WAL, synchronous=NORMAL, the busy timeout and IMMEDIATE transactions, and 20
concurrent writers (each reading, then writing, in one transaction) never see "database is locked"."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import OperationalError, connections, transaction
from django.db.utils import ConnectionHandler

from config.settings.base import database_config

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 20
TRANSACTIONS_EACH = 15


def test_a_sqlite_database_url_keeps_the_embedded_options(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA synchronous').fetchone()[0], "
        "c.execute('PRAGMA busy_timeout').fetchone()[0], connection.transaction_mode)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "PATH": "/usr/bin:/bin",
            "GONGKAI_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'from-url.sqlite3'}",
        },
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # WAL; synchronous 1 = NORMAL; 20 s busy timeout; IMMEDIATE transactions
    assert result.stdout.split() == ["wal", "1", "20000", "IMMEDIATE"]


@contextmanager
def _database(config: dict[str, Any]) -> Iterator[str]:
    """An extra database alias (one connection per thread, as server workers have), removed afterwards."""
    alias = "reliability_writers"
    connections.settings[alias] = ConnectionHandler({"default": config}).settings["default"]
    try:
        yield alias
    finally:
        connections[alias].close()
        if hasattr(connections._connections, alias):
            delattr(connections._connections, alias)
        del connections.settings[alias]


def _run_writers(config: dict[str, Any]) -> tuple[list[str], tuple[int, int]]:
    """20 threads, each running transactions that read the ledger's total and then append to it."""
    errors: list[str] = []
    barrier = threading.Barrier(WRITERS)
    with _database(config) as alias:

        def write(worker: int) -> None:
            connection = connections[alias]
            try:
                barrier.wait()
                for n in range(TRANSACTIONS_EACH):
                    # read, then write: the pattern that deadlocks deferred transactions
                    with transaction.atomic(using=alias), connection.cursor() as cursor:
                        cursor.execute("SELECT COALESCE(MAX(total), 0) FROM ledger")
                        (total,) = cursor.fetchone()
                        time.sleep(0.002)  # a request's work between reading and writing
                        cursor.execute(
                            "INSERT INTO ledger (worker, n, total) VALUES (%s, %s, %s)", [worker, n, total + 1]
                        )
            except OperationalError as error:
                errors.append(str(error))
            finally:
                connection.close()

        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, worker INT, n INT, total INT UNIQUE)")
        threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT COUNT(*), MAX(total) FROM ledger")
            counts = cursor.fetchone()
    return errors, counts


def test_twenty_concurrent_writers_are_never_locked_out(tmp_path: Path, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        errors, (rows, total) = _run_writers(database_config(f"sqlite:///{tmp_path / 'writers.sqlite3'}"))
    assert errors == []
    # every transaction saw the one before it: no lost update, no duplicate total
    assert (rows, total) == (WRITERS * TRANSACTIONS_EACH, WRITERS * TRANSACTIONS_EACH)


def test_without_immediate_transactions_the_same_writers_are_locked_out(tmp_path: Path, django_db_blocker: Any) -> None:
    """The control: WAL and the busy timeout alone do not help writers that read first."""
    config = database_config(f"sqlite:///{tmp_path / 'deferred.sqlite3'}")
    options = dict(config["OPTIONS"])  # type: ignore[call-overload]
    del options["transaction_mode"]
    with django_db_blocker.unblock():
        errors, _counts = _run_writers({**config, "OPTIONS": options})
    assert errors
    assert all("database is locked" in error for error in errors)
