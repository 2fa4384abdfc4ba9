#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the store tests and print the line that points the tests at it:
#
#   source .ci/start-postgres.sh          # exports CHARTERWATCH_TEST_PG_URL in this shell
#   eval "$(bash .ci/start-postgres.sh)"  # the same, from a subshell
#
# Installs Debian's postgresql if it is missing, initialises a cluster in a temporary directory and starts it
# on 127.0.0.1:${CW_PG_PORT:-54329}; re-running it reuses a server already listening there. Everything but the
# export line goes to stderr. Nothing is ever stopped: the server dies with the machine, or stop it with
# `pg_ctl -D <the data directory printed on stderr> stop`.

_cw_pg_start() {
    local port="${CW_PG_PORT:-54329}" db="${CW_PG_DB:-charterwatch_test}" user bindir dir
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
        if [ "$(id -u)" != 0 ]; then
            echo "start-postgres: PostgreSQL is not installed; run: sudo apt-get install -y postgresql" >&2
            return 1
        fi
        echo "start-postgres: installing postgresql" >&2
        (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq postgresql) >&2 ||
            return 1
    fi
    bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

    # initdb and postgres refuse to run as root: run them as the postgres user then.
    local -a as_user=()
    if [ "$(id -u)" = 0 ]; then
        as_user=(runuser -u postgres --)
    fi
    user=postgres
    [ "$(id -u)" = 0 ] || user="$(id -un)"

    if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        dir="$(mktemp -d /tmp/charterwatch-pg.XXXXXX)" || return 1
        [ "$(id -u)" = 0 ] && chown postgres: "$dir"
        "${as_user[@]}" "$bindir/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 >&2 ||
            return 1
        "${as_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c full_page_writes=off" >&2 ||
            { cat "$dir/server.log" >&2; return 1; }
        echo "start-postgres: data directory $dir/data, log $dir/server.log" >&2
    else
        echo "start-postgres: reusing the server on port $port" >&2
    fi
    if ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db" >&2 || return 1
    fi
    export CHARTERWATCH_TEST_PG_URL="postgresql+psycopg://$user@127.0.0.1:$port/$db"
    echo "export CHARTERWATCH_TEST_PG_URL=$CHARTERWATCH_TEST_PG_URL"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    _cw_pg_start
    exit $?
fi
_cw_pg_start
