#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the classroom store's tests (tests/test_classroom_store.py)
# and its benchmark (bench/bench_classroom.py), from Debian's `postgresql` package: CI runs it,
# and so can a developer.
#
#   eval "$(bash tools/postgres_for_tests.sh start)"   # prints: export VAE_LAB_TEST_POSTGRES_URL=...
#   python -m pytest -q tests/test_classroom_store.py
#   bash tools/postgres_for_tests.sh stop             # stops the server, deletes its folder
#
# The cluster lives in $VAE_LAB_PG_DIR (default: $TMPDIR/vae-lab-postgres) and listens on
# 127.0.0.1:$VAE_LAB_PG_PORT (default 54329) only, with trust authentication: it holds nothing
# but test data and is deleted by `stop`. `start` on a running cluster only prints the URL.
# initdb refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

dir=${VAE_LAB_PG_DIR:-${TMPDIR:-/tmp}/vae-lab-postgres}
port=${VAE_LAB_PG_PORT:-54329}
db=vae_lab_test

bindir() {
    # Debian keeps the server programs off PATH, one folder per major version; take the newest.
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$found" ] && command -v pg_ctl >/dev/null 2>&1; then
        found=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    fi
    [ -n "$found" ] || { echo "no PostgreSQL found: apt-get install -y postgresql" >&2; exit 2; }
    echo "$found"
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url="postgresql+psycopg://postgres@127.0.0.1:$port/$db"

case "${1:-}" in
start)
    bin=$(bindir)
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        rm -rf "$dir"
        mkdir -p "$dir"
        [ "$(id -u)" = 0 ] && chown postgres: "$dir"
        as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
        # The socket goes in the cluster's own folder, so two clusters never share one in /tmp.
        as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1" >/dev/null
        as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
    fi
    echo "export VAE_LAB_TEST_POSTGRES_URL=$url"
    ;;
stop)
    bin=$(bindir)
    if [ -d "$dir" ]; then
        as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$dir"
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
