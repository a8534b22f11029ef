# A throw-away demo served by gunicorn, for the scripts that test against a live
# server (test-e2e.sh, test-schema.sh). Sourced, not run: the caller sets REPO,
# BIN and TMP and defines log and die; the cleanup trap stays the caller's.
#
#   demo_build NAME           migrate, collect the static files and load the demo
#                             into $TMP/NAME.sqlite3 (everything written stays in $TMP)
#   demo_start [GUNICORN ARG…] serve it on a free port: sets URL and SERVER_PID;
#                             the server's output goes to $TMP/gunicorn.log
#   demo_wait PATH            wait until PATH answers at all (an HTTP error is an
#                             answer: a missing page must fail the tests, not the wait)
#   demo_stop                 stop the server, gently first

SERVER_PID=""

demo_build() {
    export DANGVU_HOME="$REPO"
    export DANGVU_VAR="$TMP/var"
    export SQLITE_PATH="$TMP/$1.sqlite3"
    mkdir -p "$DANGVU_VAR"
    log "building the demo database in $TMP"
    DANGVU_ENV=demo "$BIN/dangvu" migrate --noinput --verbosity 0
    DANGVU_ENV=demo "$BIN/dangvu" collectstatic --noinput --verbosity 0
    DANGVU_ENV=demo "$BIN/dangvu" load_demo >"$TMP/load_demo.log" 2>&1 || {
        cat "$TMP/load_demo.log" >&2
        die "load_demo failed"
    }
}

demo_start() {
    local port
    port=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    URL="http://127.0.0.1:$port"
    log "starting gunicorn on $URL"
    DANGVU_ENV=demo "$BIN/gunicorn" dangvu.wsgi:application --bind "127.0.0.1:$port" \
        --workers 2 --threads 2 --timeout 120 --access-logfile - "$@" \
        >"$TMP/gunicorn.log" 2>&1 &
    SERVER_PID=$!
}

demo_wait() {
    local _
    for _ in $(seq 1 120); do
        kill -0 "$SERVER_PID" 2>/dev/null || die "gunicorn exited before serving"
        if "$BIN/python" - "$URL$1" <<'PY' 2>/dev/null; then
import sys
import urllib.error
import urllib.request

try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except urllib.error.HTTPError:
    pass
PY
            return 0
        fi
        sleep 0.5
    done
    die "gunicorn did not answer on $URL within 60 s"
}

demo_stop() {
    local _
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
