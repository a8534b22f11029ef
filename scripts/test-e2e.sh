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
# shellcheck source=scripts/demo-server.sh
. "$REPO/scripts/demo-server.sh"

cleanup() {
    local status=$?
    demo_stop
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

demo_build e2e
demo_start
demo_wait /accounts/login/

log "running the browser tests"
DANGVU_ENV=test DANGVU_E2E_URL="$URL" DANGVU_CHROMIUM="$CHROMIUM" \
    "$BIN/python" -m pytest tests/e2e -m e2e "$@"
