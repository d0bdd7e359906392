#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks against headquarters.
#   scripts/pg-throwaway.sh init DIR     create a cluster in DIR (trust auth, loopback only)
#   scripts/pg-throwaway.sh start DIR    start it; prints its URL
#   scripts/pg-throwaway.sh stop DIR     stop it (fast: connections are cut)
# Uses the distribution's binaries (apt-get install postgresql). PostgreSQL refuses to run
# as root, so as root the server runs as the unprivileged user `postgres`.
set -euo pipefail
cmd=${1:?init, start or stop}
dir=${2:?a data folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  init)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-instructions >/dev/null
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = on
max_connections = 100
CONF
    echo "$port" >"$dir/port"
    ;;
  start)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
