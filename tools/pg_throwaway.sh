#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a free loopback port, for tests and benchmarks.
#
#   eval "$(tools/pg_throwaway.sh start [--durable])"   # prints: export GAZETTE_TEST_DB=… GAZETTE_PG_DIR=…
#   tools/pg_throwaway.sh stop                         # stops the cluster in $GAZETTE_PG_DIR, removes it
#
# Installs PostgreSQL from Debian's packages if no server binaries are found (as root).  The
# cluster runs as a non-root user (postgres refuses root): `postgres` if it exists, else one
# created for it.  Trust authentication on 127.0.0.1 only; fsync off unless --durable (tests
# never crash the server, only its clients).
set -euo pipefail

find_bin() {
  local name=$1 d
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/$name" ]; then echo "$d/$name"; return; fi
  done
  return 1
}

start() {
  local durable=${1:-}
  if ! find_bin initdb >/dev/null || ! find_bin pg_ctl >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "pg_throwaway: no PostgreSQL server binaries (initdb, pg_ctl); install postgresql" >&2
      exit 1
    fi
    echo "pg_throwaway: installing PostgreSQL from Debian's packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local initdb pg_ctl user dir port
  initdb=$(find_bin initdb)
  pg_ctl=$(find_bin pg_ctl)
  dir=$(mktemp -d /tmp/gazette-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
    chown "$user" "$dir"
    as() { runuser -u "$user" -- "$@"; }
  else
    user=$(id -un)
    as() { "$@"; }
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as "$initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  local opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=100"
  if [ "$durable" != "--durable" ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as "$pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/server.log" -w -t 60 start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "export GAZETTE_TEST_DB=postgresql://postgres@127.0.0.1:$port/postgres GAZETTE_PG_DIR=$dir"
}

stop() {
  local dir=${GAZETTE_PG_DIR:-}
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  local pg_ctl
  pg_ctl=$(find_bin pg_ctl)
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$(stat -c %U "$dir")" -- "$pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  else
    "$pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [--durable] | stop" >&2; exit 2 ;;
esac
