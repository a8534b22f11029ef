#!/usr/bin/env bash
# Schema fuzzing: schemathesis over every operation of the OpenAPI schema,
# against the demo served by gunicorn, as a staff user whose scope holds data in
# every module.
#
# Builds a throw-away demo database in a temporary directory (migrate,
# load_demo), gives a `fuzz.staff` account the staff role at each of the
# demo's provinces (the demo's communes sit in five provinces, and no demo
# login sees them all: members, meetings, congresses, evaluations, documents,
# programmes, admissions, dues and badges live in different ones), issues its
# API token, starts gunicorn on a free port and runs the schemathesis CLI.
# Fails on any 5xx answer and on any answer that breaks the schema. Always
# stops the server on exit.
#
# Bounded: at most DANGVU_SCHEMA_EXAMPLES test cases per operation (default 10)
# and DANGVU_SCHEMA_MAX_TIME seconds for the whole run (default 300). Set
# DANGVU_SCHEMA_SEED to replay a run (schemathesis prints its seed).
#
# Usage (from the repository root, after `make` created .venv):
#   bash scripts/test-schema.sh [extra schemathesis arguments]
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
BIN="$REPO/.venv/bin"
EXAMPLES="${DANGVU_SCHEMA_EXAMPLES:-10}"
MAX_TIME="${DANGVU_SCHEMA_MAX_TIME:-300}"
FUZZ_USER="fuzz.staff"
# The demo's provinces: a staff role at each covers every demo organisation.
FUZZ_ORGS=(PT VP HD TH DT)

log() { printf 'test-schema: %s\n' "$*"; }
die() { printf 'test-schema: ERROR: %s\n' "$*" >&2; exit 1; }

[ -x "$BIN/python" ] || die "$BIN/python not found; run 'make test' (or 'make test-schema') first"
[ -x "$BIN/schemathesis" ] || die "$BIN/schemathesis not found; install the dev extras (make)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dangvu-schema.XXXXXX")
# shellcheck source=scripts/demo-server.sh
. "$REPO/scripts/demo-server.sh"

cleanup() {
    local status=$?
    demo_stop
    if [ "$status" -ne 0 ] && [ -f "$TMP/gunicorn.log" ]; then
        # The tracebacks of the 5xx answers, if any, are in the server's log.
        echo "---- server errors (tracebacks) ----" >&2
        grep -v '"[A-Z]* /' "$TMP/gunicorn.log" | tail -n 80 >&2 || true
    fi
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

demo_build schema

# A real (not demo) account: its token is accepted whatever the mode.
PASSWORD=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(24))')
for org in "${FUZZ_ORGS[@]}"; do
    DANGVU_ENV=demo "$BIN/dangvu" grant "$FUZZ_USER" staff "$org" --password "$PASSWORD" \
        >/dev/null || die "could not grant $FUZZ_USER staff at $org"
done
TOKEN=$(DANGVU_ENV=demo "$BIN/dangvu" api_token "$FUZZ_USER" | tail -n 1)
[ -n "$TOKEN" ] || die "no API token for $FUZZ_USER"

# --capture-output: the tracebacks of 5xx answers go to the log printed on failure.
demo_start --capture-output
demo_wait /api/v1/schema/

seed=()
[ -z "${DANGVU_SCHEMA_SEED:-}" ] || seed=(--seed "$DANGVU_SCHEMA_SEED")

# Every operation (no --exclude-…): a 5xx or an answer outside the documented
# schema fails the run. Phases: the documented examples, the coverage of each
# parameter's edges, then random fuzzing; the stateful phase is left out (it
# chains writes and would take the whole time budget on its own).
log "fuzzing $URL/api/v1/schema/ ($EXAMPLES cases per operation, at most $MAX_TIME s)"
# From $TMP: schemathesis keeps a cache of past failures (.schemathesis/) in its
# working directory and replays it; each run starts from none.
cd "$TMP"
"$BIN/schemathesis" run "$URL/api/v1/schema/" \
    --header "Authorization: Token $TOKEN" \
    --checks not_a_server_error,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "$EXAMPLES" \
    --max-time "$MAX_TIME" \
    --workers 2 \
    --request-timeout 60 \
    --generation-database none \
    --no-color \
    "${seed[@]}" \
    "$@"
