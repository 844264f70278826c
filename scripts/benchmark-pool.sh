#!/usr/bin/env bash
# Measures what the pool saves: pooled PING vs a new TLS connection per command (full and
# resumed handshakes), and the pool's own acquire/release cost. Starts a throwaway TLS-only
# redis-server on a free loopback port with certificates made for the run, stops it on exit.
# Usage: scripts/benchmark-pool.sh [SCALE]   (SCALE 0.1 for a quick look; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

bash certs/generate-certs.sh "$WORK/certs" >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$WORK/redis.conf" <<CONF
port 0
bind 127.0.0.1
tls-port $PORT
tls-cert-file $WORK/certs/server.crt
tls-key-file $WORK/certs/server.key
tls-ca-cert-file $WORK/certs/ca.crt
tls-auth-clients no
save ""
dir $WORK
CONF
redis-server "$WORK/redis.conf" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
    redis-cli --tls --cacert "$WORK/certs/ca.crt" -p "$PORT" PING >/dev/null 2>&1 && break
    sleep 0.1
done

swift build -c release --product PoolBenchmark >/dev/null
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), TLS on 127.0.0.1:$PORT, $(nproc) cores, $(date -u +%F)"
"$(swift build -c release --show-bin-path)/PoolBenchmark" 127.0.0.1 "$PORT" "$WORK/certs/ca.crt" "$SCALE"
