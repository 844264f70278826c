# Sourced by the benchmark scripts: makes certificates for the run and starts a TLS-only
# redis-server on a free loopback port in a temporary folder, and stops it (and removes the
# folder) when the script exits. Sets WORK, PORT and SERVER_PID; the CA is $WORK/certs/ca.crt.
WORK=$(mktemp -d)
SERVER_PID=
stop_throwaway_server() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap stop_throwaway_server EXIT

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
