#!/usr/bin/env bash
# The test command of the README (`make test`): the whole suite on SQLite, then the web
# tests again (all but the browser tests) on a throw-away PostgreSQL server started here
# from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
scripts/ensure-system.sh
# the web app's data folder (SQLite file, secret key, uploads) of the tests: a temporary one
OPBOUW_DATA_DIR=$(mktemp -d /tmp/opbouw-test-data.XXXXXX)
export OPBOUW_DATA_DIR

# two workers (pytest-xdist; a test file stays on one worker, so its module fixtures are
# built once): the machines this runs on have two cores
WORKERS=${OPBOUW_TEST_WORKERS:-2}

echo "== all tests, SQLite =="
"$BIN/pytest" -n "$WORKERS" --dist loadfile src tests

echo "== web tests, PostgreSQL =="
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
tmp=$(mktemp -d /tmp/opbouw-pg.XXXXXX)
chmod 755 "$tmp"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
port=${OPBOUW_PG_PORT:-54329}
as_pg "$PGBIN/initdb" -D "$tmp/data" -U postgres -A trust >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-k $tmp -p $port -c listen_addresses='' -c fsync=off" start >/dev/null
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp" "$OPBOUW_DATA_DIR"
}
trap cleanup EXIT
host=$(printf %s "$tmp" | sed 's#/#%2F#g')
# the browser tests ran above; they test pages and scripts, not the database (every view
# they reach is also run here by the test-client tests)
DATABASE_URL="postgres://postgres@$host:$port/opbouw" "$BIN/pytest" -n "$WORKERS" \
  --dist loadfile tests/web -p no:cacheprovider -m "not browser"
