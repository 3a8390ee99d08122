#!/usr/bin/env bash
# Starts throwaway PostgreSQL and MariaDB servers on loopback ports for convoy's database
# bootstrap tests (test/e2e/db-*.test.ts), installing the Debian packages when missing.
# Data lives in $CONVOY_DB_DIR (default ~/.cache/convoy/databases, /var/tmp/convoy-databases as root).
# Prints the connection variables (also written, mode 0600, to $CONVOY_DB_DIR/env):
#   eval "$(bash tools/databases/start.sh)"
# Idempotent: servers already running are left alone. Stop with tools/databases/stop.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ADMIN_PASSWORD="convoy-test-admin"   # throwaway servers on 127.0.0.1 only
log() { echo "databases: $*" >&2; }

install_missing() {
  local pkgs=()
  [ -n "$(pg_bin)" ] || pkgs+=(postgresql)
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || pkgs+=(mariadb-server mariadb-client)
  [ ${#pkgs[@]} -eq 0 ] && return
  log "installing ${pkgs[*]}"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${pkgs[@]}" >&2
}

start_postgresql() {
  local bin
  bin="$(pg_bin)"
  if [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "PostgreSQL already running on 127.0.0.1:$CONVOY_PG_PORT"
    return
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initdb $PG_DATA"
    mkdir -p "$PG_DATA"
    local pwfile="$CONVOY_DB_DIR/.pgpw"
    printf '%s\n' "$ADMIN_PASSWORD" >"$pwfile"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$PG_DATA" "$pwfile"; fi
    chmod 700 "$PG_DATA"
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 >&2
    rm -f "$pwfile"
  fi
  log "starting PostgreSQL on 127.0.0.1:$CONVOY_PG_PORT"
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
    -o "-p $CONVOY_PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DATA" start >&2
}

mariadb_alive() {
  [ -f "$MARIADB_PID" ] && kill -0 "$(cat "$MARIADB_PID")" 2>/dev/null
}

start_mariadb() {
  if mariadb_alive; then
    log "MariaDB already running on 127.0.0.1:$CONVOY_MARIADB_PORT"
    return
  fi
  local user
  user="$(id -un)"
  local fresh=0
  if [ ! -d "$MARIADB_DATA/mysql" ]; then
    log "mariadb-install-db $MARIADB_DATA"
    mkdir -p "$MARIADB_DATA"
    mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" --user="$user" \
      --auth-root-authentication-method=socket --skip-test-db >&2
    fresh=1
  fi
  log "starting MariaDB on 127.0.0.1:$CONVOY_MARIADB_PORT"
  local mariadbd
  mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  nohup "$mariadbd" --no-defaults --datadir="$MARIADB_DATA" --user="$user" --bind-address=127.0.0.1 \
    --port="$CONVOY_MARIADB_PORT" --socket="$MARIADB_SOCK" --pid-file="$MARIADB_PID" \
    --log-error="$MARIADB_DATA/server.log" >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    [ -S "$MARIADB_SOCK" ] && mariadb --no-defaults --socket="$MARIADB_SOCK" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.2
  done
  if [ "$fresh" = 1 ]; then
    mariadb --no-defaults --socket="$MARIADB_SOCK" -uroot <<SQL
CREATE USER IF NOT EXISTS 'convoy_admin'@'%' IDENTIFIED BY '$ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'convoy_admin'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'convoy_admin'@'localhost' IDENTIFIED BY '$ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'convoy_admin'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
  fi
}

mkdir -p "$CONVOY_DB_DIR"
chmod 755 "$CONVOY_DB_DIR"
install_missing
start_postgresql
start_mariadb

umask 077
cat >"$ENV_FILE" <<ENV
export CONVOY_PG_HOST=127.0.0.1
export CONVOY_PG_PORT=$CONVOY_PG_PORT
export CONVOY_PG_USER=postgres
export CONVOY_PG_PASSWORD=$ADMIN_PASSWORD
export CONVOY_MARIADB_HOST=127.0.0.1
export CONVOY_MARIADB_PORT=$CONVOY_MARIADB_PORT
export CONVOY_MARIADB_USER=convoy_admin
export CONVOY_MARIADB_PASSWORD=$ADMIN_PASSWORD
ENV
cat "$ENV_FILE"
