#!/usr/bin/env bash
# Stops the servers tools/databases/start.sh started. `--purge` also deletes their data.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bin="$(pg_bin || true)"
if [ -n "$bin" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >&2 || true
fi
if [ -f "$MARIADB_PID" ]; then
  pid="$(cat "$MARIADB_PID")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$MARIADB_PID"
fi
if [ "${1:-}" = "--purge" ]; then
  rm -rf "$CONVOY_DB_DIR"
fi
echo "databases: stopped" >&2
