#!/usr/bin/env bash
# The whole suite (browser tests excepted) on a throw-away local PostgreSQL.
#
# Installs Debian's `postgresql` when no server binaries are found, creates a
# cluster in a temporary directory (owned by the `postgres` system user when we
# run as root, since initdb refuses root), listens on 127.0.0.1 only with trust
# authentication on a free port, runs pytest against it and always removes the
# cluster on exit. Django creates and drops its own `test_dangvu` database.
#
# Usage (from the repository root, after `make` created .venv):
#   bash scripts/test-postgres.sh [extra pytest arguments]
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
PYTHON="$REPO/.venv/bin/python"

log() { printf 'test-postgres: %s\n' "$*"; }
die() { printf 'test-postgres: ERROR: %s\n' "$*" >&2; exit 1; }

[ -x "$PYTHON" ] || die "$PYTHON not found; run 'make test' (or 'make test-postgres') first"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

find_pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        echo "$dir"
    fi
}

PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ]; then
    log "PostgreSQL server not found; installing Debian's postgresql"
    # Wait for the dpkg lock rather than fail when another apt-get is running.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
        --no-install-recommends postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
    [ -n "$PG_BIN" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb"
fi
log "using $("$PG_BIN/postgres" --version) from $PG_BIN"

# initdb and postgres refuse to run as root: run the server as `postgres`.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql \
        --shell /bin/bash postgres
    if command -v runuser >/dev/null 2>&1; then
        as_pg() { runuser -u postgres -- "$@"; }
    else
        as_pg() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
    fi
else
    as_pg() { "$@"; }
fi

# The postgres user must reach the cluster directory: fall back to /tmp when
# $TMPDIR is private to the caller.
BASE="${TMPDIR:-/tmp}"
if ! as_pg test -x "$BASE" 2>/dev/null; then
    BASE=/tmp
fi
TMP=$(mktemp -d "$BASE/dangvu-pg.XXXXXX")
DATA="$TMP/data"
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$TMP"
fi

cleanup() {
    local status=$?
    if [ -f "$DATA/postmaster.pid" ]; then
        (cd "$TMP" && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

LOCALE_ARGS=(--no-locale)
LOCALES=$(locale -a 2>/dev/null || true)
if grep -qix 'c\.utf-\?8' <<<"$LOCALES"; then
    LOCALE_ARGS=(--locale=C.UTF-8)
fi

log "creating a throw-away cluster in $TMP (port $PORT)"
(
    cd "$TMP"
    as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 "${LOCALE_ARGS[@]}" \
        --auth=trust >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; exit 1; }
)
# Trust, but only over the cluster's own socket and 127.0.0.1.
cat >"$DATA/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 trust
EOF
# A test cluster: durability is not wanted, speed is.
cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$TMP'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
EOF
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$DATA/pg_hba.conf" "$DATA/postgresql.conf"
fi

(
    cd "$TMP"
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$TMP/server.log" -w -t 60 start >/dev/null \
        || { cat "$TMP/server.log" >&2; exit 1; }
)
for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
        break
    fi
    sleep 0.5
done
"$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -U postgres || {
    cat "$TMP/server.log" >&2
    die "PostgreSQL did not become ready on port $PORT"
}

log "running the suite on PostgreSQL"
DANGVU_ENV=test \
    DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/dangvu" \
    "$PYTHON" -m pytest -m "not e2e" "$@"
