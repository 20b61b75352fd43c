#!/bin/sh
# A PostgreSQL server of the tests' own, on loopback, for the SSD read over ODBC:
#
#   tests/postgres/server.sh start STATE_DIR SQL_DIR   initdb, start, load SQL_DIR/load_postgres.sql
#   tests/postgres/server.sh stop STATE_DIR            stop it and remove its files
#
# The cluster lives in a folder under /tmp named in STATE_DIR/cluster (PostgreSQL will not run
# as root, so under root it runs as the `postgres` user the Debian package creates, and its
# folder must be one that user can reach); its port, chosen free, is in STATE_DIR/port. Nothing
# of the machine's own PostgreSQL is touched. docs/testing.md says more.
set -eu
action=$1
state=$2

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "error: PostgreSQL's server is not installed (Debian: apt-get install postgresql odbc-postgresql)" >&2
  exit 1
fi
as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
  sql_dir=$3
  "$0" stop "$state" 2>/dev/null || true
  mkdir -p "$state"
  cluster=$(mktemp -d /tmp/duly-postgres.XXXXXX)
  echo "$cluster" >"$state/cluster"
  chmod 755 "$cluster"
  [ "$(id -u)" = 0 ] && chown postgres "$cluster"
  as_server "$bin/initdb" -D "$cluster/data" -U duly -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_server "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$cluster -c fsync=off" \
    start >"$state/pg_ctl.log" 2>&1 || { cat "$state/pg_ctl.log" "$cluster/server.log" >&2; exit 1; }
  echo "$port" >"$state/port"
  psql="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $port -U duly"
  $psql -d postgres -c "CREATE DATABASE duly"
  (cd "$sql_dir" && $psql -d duly -f load_postgres.sql)
  echo "PostgreSQL on 127.0.0.1:$port, tables of $sql_dir loaded"
  ;;
stop)
  [ -f "$state/cluster" ] || exit 0
  cluster=$(cat "$state/cluster")
  as_server "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$cluster" "$state/cluster" "$state/port"
  ;;
*)
  echo "usage: $0 start STATE_DIR SQL_DIR | stop STATE_DIR" >&2
  exit 2
  ;;
esac
