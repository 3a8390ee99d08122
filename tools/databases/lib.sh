# Shared settings of tools/databases/{start,stop}.sh: where the throwaway servers live and listen.
# Override with CONVOY_DB_DIR, CONVOY_PG_PORT, CONVOY_MARIADB_PORT.
if [ "$(id -u)" = 0 ]; then
  # root's home is not traversable by the postgres user that runs the server
  CONVOY_DB_DIR="${CONVOY_DB_DIR:-/var/tmp/convoy-databases}"
else
  CONVOY_DB_DIR="${CONVOY_DB_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/convoy/databases}"
fi
CONVOY_PG_PORT="${CONVOY_PG_PORT:-55432}"
CONVOY_MARIADB_PORT="${CONVOY_MARIADB_PORT:-53306}"
PG_DATA="$CONVOY_DB_DIR/postgresql"
MARIADB_DATA="$CONVOY_DB_DIR/mariadb"
MARIADB_SOCK="$CONVOY_DB_DIR/mariadb.sock"
MARIADB_PID="$CONVOY_DB_DIR/mariadb.pid"
ENV_FILE="$CONVOY_DB_DIR/env"

# Directory of the PostgreSQL binaries (Debian keeps them in /usr/lib/postgresql/<major>/bin).
pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$d" ] && echo "$d"
}

# Runs a command as the postgres user when we are root (postgres refuses to run as root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
