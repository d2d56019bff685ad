#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests: `.ci/postgres.sh start DIR` prints the database URL
# on stdout (installing the server with apt if it is absent), `.ci/postgres.sh stop DIR` stops it.
# The cluster listens on 127.0.0.1 only, on a free port, and lives entirely in DIR.
set -euo pipefail
action="${1:?start|stop}"
dir="${2:?cluster folder}"

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_owner() {  # PostgreSQL refuses to run as root
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$action" in
start)
    bindir="$(find_bindir || true)"
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "installing PostgreSQL with apt-get" >&2
            apt-get update -qq >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
            bindir="$(find_bindir)"
        else
            echo "PostgreSQL is not installed and cannot be installed here" >&2
            exit 3
        fi
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir "$dir" --shell /usr/sbin/nologin postgres
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bindir/initdb" -D "$dir/data" -U aidcurator --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        as_owner "$bindir/initdb" -D "$dir/data" -U aidcurator --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=60" start >&2
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U aidcurator aidcurator_test >&2
    echo "postgresql+psycopg://aidcurator@127.0.0.1:$port/aidcurator_test"
    ;;
stop)
    bindir="$(find_bindir || true)"
    if [ -n "$bindir" ] && [ -d "$dir/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
