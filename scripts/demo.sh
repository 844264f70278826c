#!/usr/bin/env bash
# demo.sh [CONSOLE_BINARY] [CERT_DIR]
#
# Starts a throwaway TLS-only redis-server (no plaintext port, a random password, a free
# loopback port), runs redis-console against it, and stops the server on exit, Ctrl-C included.
# The password reaches the console through REDISCLI_AUTH, never a command line (ps would show it).
# On a terminal it opens the dashboard (the interactive console); without one the session is scripted: PING, SET/GET, INFO server, the
# TLS details (--tls-info), the effective configuration (--show-config) and --stats.
#
# CONSOLE_BINARY defaults to $REDIS_CONSOLE_BIN, else `swift build --show-bin-path`/redis-console.
# CERT_DIR defaults to .demo/certs (made with certs/generate-certs.sh, see `make certs`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONSOLE=${1:-${REDIS_CONSOLE_BIN:-}}
CERTS=${2:-$ROOT/.demo/certs}

die() { echo "demo: $*" >&2; exit 1; }

if [[ -z "$CONSOLE" ]]; then
    CONSOLE="$(cd "$ROOT" && swift build --show-bin-path)/redis-console"
fi
[[ -x "$CONSOLE" ]] || die "console binary not found at $CONSOLE (run 'make build')"
command -v redis-server >/dev/null 2>&1 || die "redis-server not on PATH (run 'make deps')"
command -v openssl >/dev/null 2>&1 || die "openssl not on PATH (run 'make deps')"
for f in ca.crt server.crt server.key; do
    [[ -r "$CERTS/$f" ]] || die "missing $CERTS/$f (run 'make certs')"
done
CERTS=$(cd "$CERTS" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/redis-console-demo.XXXXXX")
SERVER_PID=""
SUPERVISOR_PID=""

# Runs on every exit path: normal end, error (set -e), Ctrl-C, kill.
cleanup() {
    local status=$?
    : >"$WORK/stopping"  # the supervisor, if running, must not start the server again
    # The supervisor first (it stops the server it started), then whichever server is current.
    if [[ -n "$SUPERVISOR_PID" ]]; then
        kill -TERM "$SUPERVISOR_PID" 2>/dev/null || true
        wait "$SUPERVISOR_PID" 2>/dev/null || true
    fi
    [[ -s "$WORK/server.pid" ]] && SERVER_PID=$(cat "$WORK/server.pid")
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 30); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        stopped="demo: redis-server (pid $SERVER_PID) stopped"
    fi
    rm -rf "$WORK"
    # Last: after a hangup there is no terminal to write to, and nothing above may be skipped.
    [[ -n "${stopped:-}" ]] && { echo "$stopped" 2>/dev/null || true; }
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP  # the terminal closed: the server must not outlive the demo

# A random loopback port nobody answers on; redis-server reports a race ("Address already in
# use") and we retry with another one.
pick_port() {
    local port
    while true; do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

PASSWORD=$(openssl rand -hex 24)

start_server() {
    PORT=$(pick_port)
    # The config holds the password: readable by us only.
    ( umask 077; cat >"$WORK/redis.conf" <<CONF
daemonize no
bind 127.0.0.1 -::1
protected-mode yes
port 0
tls-port $PORT
tls-cert-file "$CERTS/server.crt"
tls-key-file "$CERTS/server.key"
tls-ca-cert-file "$CERTS/ca.crt"
tls-auth-clients no
tls-protocols "TLSv1.2 TLSv1.3"
requirepass "$PASSWORD"
enable-debug-command local
save ""
appendonly no
dir "$WORK"
logfile "$WORK/redis.log"
CONF
    )
    : >"$WORK/redis.log"
    # Its own session: Ctrl-C at the console (the line console passes SIGINT to the whole
    # process group) must not reach the server.
    setsid redis-server "$WORK/redis.conf" >"$WORK/stdout.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        if grep -q "Ready to accept connections" "$WORK/redis.log"; then
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    grep -q "Address already in use" "$WORK/redis.log" && return 2
    echo "demo: redis-server did not start; its log:" >&2
    cat "$WORK/redis.log" "$WORK/stdout.log" >&2
    return 1
}

# `:fault restart` in the console ends the server with SHUTDOWN NOSAVE; this brings it back on
# the same port a second later, so the pool's reconnects and the health pane can be watched.
supervise_server() {
    local pid=$SERVER_PID own=0
    # Told to stop (cleanup): stop the server this loop started, and start no other.
    trap '(( own )) && { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; exit 0' TERM
    while true; do
        if (( own )); then
            wait "$pid" 2>/dev/null || true
        else
            while kill -0 "$pid" 2>/dev/null; do sleep 0.2 & wait $!; done
        fi
        [[ -e "$WORK/stopping" ]] && return 0
        sleep 0.2 & wait $!  # (a foreground sleep would hold the TERM trap back)
        [[ -e "$WORK/stopping" ]] && return 0
        setsid redis-server "$WORK/redis.conf" >>"$WORK/stdout.log" 2>&1 &
        pid=$!
        own=1
        echo "$pid" >"$WORK/server.pid"
    done
}

for attempt in 1 2 3 4 5; do
    status=0
    start_server || status=$?
    [[ $status -eq 0 ]] && break
    [[ $status -eq 2 && $attempt -lt 5 ]] || die "could not start redis-server"
done

echo "demo: TLS-only redis-server (pid $SERVER_PID) on 127.0.0.1:$PORT, password in REDISCLI_AUTH"
echo

export REDISCLI_AUTH="$PASSWORD"
failed=0

# Prints the command as a user would type it (no password: it is in the environment), runs it,
# and keeps going if one step fails so the rest of the demo still shows.
step() {
    echo "\$ redis-console --tls --cacert $CERTS/ca.crt -h 127.0.0.1 -p $PORT $*"
    "$CONSOLE" --tls --cacert "$CERTS/ca.crt" -h 127.0.0.1 -p "$PORT" "$@" || {
        echo "demo: step failed (exit $?)"
        failed=1
    }
    echo
}

echo "# TLS details: what was negotiated and verified, and the server's chain with days left"
step -h localhost --tls-info

if [[ -t 0 && -t 1 ]]; then
    # A person at a terminal: the dashboard. The server stops when it exits.
    echo "# The dashboard: live pool, health, certificate, latency and event panes above a console."
    echo "# Try SET k v, GET k, BLPOP q 0 (watch 'in use'; Ctrl-C cancels), HELP SET, Tab, :pool;"
    echo "# F1 lists the keys, F2-F6 hide panes; Ctrl-D or quit leaves. --no-tui gives the line console."
    echo "# Load and faults: :load --workers 80 --duration 30, then :fault kill, :fault pause 3,"
    echo "# :fault slow 2, :fault restart (docs/DEMO.md has the whole script)."
    echo "# History goes to $WORK/history (never a secret). Starting in 3 s..."
    sleep 3
    echo "\$ redis-console --tls --cacert $CERTS/ca.crt -h 127.0.0.1 -p $PORT"
    # Ctrl-C belongs to the console (it cancels a running command); a no-op trap, unlike
    # ignoring the signal, is not inherited by the console.
    trap ':' INT
    supervise_server &
    SUPERVISOR_PID=$!
    REDISCONSOLE_DEMO_SERVER=supervised REDISCONSOLE_HISTFILE="$WORK/history" "$CONSOLE" --tls --cacert "$CERTS/ca.crt" -h 127.0.0.1 -p "$PORT" || failed=1
    exit "$failed"
fi

# No terminal (CI, a pipe): the same tour as one-shot commands.
step PING
step SET demo:key hello
step GET demo:key
step INFO server
step --show-config
# The pool, health, TLS, certificate and latency statistics (read-only load), two reports.
step --stats --interval 1 -r 2

exit "$failed"
