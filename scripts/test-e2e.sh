#!/usr/bin/env bash
# The browser smoke test: the demo served by gunicorn, driven by Playwright
# through Debian's Chromium (Playwright cannot download its own browsers here).
#
# Installs Debian's `chromium` when /usr/bin/chromium is missing, builds a
# throw-away demo database in a temporary directory (migrate, collectstatic,
# load_demo), starts gunicorn on a free port in the background, runs
# `pytest tests/e2e -m e2e` against it and always stops the server on exit.
#
# Usage (from the repository root, after `make` created .venv):
#   bash scripts/test-e2e.sh [extra pytest arguments]
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
BIN="$REPO/.venv/bin"
CHROMIUM="${DANGVU_CHROMIUM:-/usr/bin/chromium}"

log() { printf 'test-e2e: %s\n' "$*"; }
die() { printf 'test-e2e: ERROR: %s\n' "$*" >&2; exit 1; }

[ -x "$BIN/python" ] || die "$BIN/python not found; run 'make test' (or 'make test-e2e') first"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

if [ ! -x "$CHROMIUM" ]; then
    log "$CHROMIUM not found; installing Debian's chromium"
    # Wait for the dpkg lock rather than fail when another apt-get is running.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
        chromium >/dev/null
    [ -x "$CHROMIUM" ] || die "chromium installed but $CHROMIUM is missing"
fi
log "using $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dangvu-e2e.XXXXXX")
SERVER_PID=""

cleanup() {
    local status=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$TMP/gunicorn.log" ]; then
        echo "---- last lines of the server log ----" >&2
        tail -n 40 "$TMP/gunicorn.log" >&2 || true
    fi
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Everything the server writes (database, static files) stays in $TMP.
export DANGVU_HOME="$REPO"
export DANGVU_VAR="$TMP/var"
export SQLITE_PATH="$TMP/e2e.sqlite3"
mkdir -p "$DANGVU_VAR"

log "building the demo database in $TMP"
DANGVU_ENV=demo "$BIN/dangvu" migrate --noinput --verbosity 0
DANGVU_ENV=demo "$BIN/dangvu" collectstatic --noinput --verbosity 0
DANGVU_ENV=demo "$BIN/dangvu" load_demo >"$TMP/load_demo.log" 2>&1 || {
    cat "$TMP/load_demo.log" >&2
    die "load_demo failed"
}

PORT=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
log "starting gunicorn on $URL"
DANGVU_ENV=demo "$BIN/gunicorn" dangvu.wsgi:application --bind "127.0.0.1:$PORT" \
    --workers 2 --threads 2 --timeout 120 --access-logfile - \
    >"$TMP/gunicorn.log" 2>&1 &
SERVER_PID=$!

# Up means any HTTP answer: a missing page must fail the test, not this wait.
ready=""
for _ in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "gunicorn exited before serving"
    if "$BIN/python" - "$URL/accounts/login/" <<'EOF' 2>/dev/null; then
import sys
import urllib.error
import urllib.request

try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except urllib.error.HTTPError:
    pass
EOF
        ready=yes
        break
    fi
    sleep 0.5
done
[ -n "$ready" ] || die "gunicorn did not answer on $URL within 60 s"

log "running the browser tests"
DANGVU_ENV=test DANGVU_E2E_URL="$URL" DANGVU_CHROMIUM="$CHROMIUM" \
    "$BIN/python" -m pytest tests/e2e -m e2e "$@"
