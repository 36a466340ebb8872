#!/usr/bin/env bash
# Run the pytest suite against PostgreSQL in a fresh database, then drop it.
# Server: $TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
# No server reachable: skipped with a loud warning — except in CI (CI=true), where it fails.
set -euo pipefail
admin_url=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
python_bin=${PYTHON_BIN:-.venv/bin/python}
pytest_cmd=${PYTEST:-.venv/bin/pytest}

psql_admin() {
  "$python_bin" - "$admin_url" "$@" <<'PY'
import sys
import psycopg
url, sql = sys.argv[1], sys.argv[2]
with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
    conn.execute(sql)
PY
}

if ! psql_admin "SELECT 1" 2>/dev/null; then
  banner="!!! PostgreSQL is not reachable at ${admin_url%/*}: the PostgreSQL run of the suite was SKIPPED !!!"
  echo "$banner" >&2
  if [ "${CI:-}" = "true" ]; then
    echo "CI requires the PostgreSQL run; failing." >&2
    exit 1
  fi
  exit 0
fi

db="gongkai_ci_$(date +%s)_$$"
template="${db}_tpl"
cleanup() {
  for name in "$template" "$db"; do
    psql_admin "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" || true
  done
}
trap cleanup EXIT
# The template carries the locale pg_trgm needs for Chinese; Django's test databases copy it.
psql_admin "CREATE DATABASE \"$template\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
psql_admin "CREATE DATABASE \"$db\" TEMPLATE \"$template\""
base_url=${admin_url%/*}
export DATABASE_URL="$base_url/$db"
export TEST_DB_TEMPLATE="$template"
echo "PostgreSQL database for this run: $db"
$pytest_cmd
