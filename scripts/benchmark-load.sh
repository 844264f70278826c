#!/usr/bin/env bash
# The load generator's throughput beside redis-benchmark's, in one run, on one TLS-only
# redis-server: same concurrency (50 clients / workers), same commands (SET and GET), same value
# size (64 bytes), same key space (10,000 keys), without and with a pipeline of 10. Starts a
# throwaway server on a free loopback port with certificates made for the run; stops it on exit.
# Usage: scripts/benchmark-load.sh [SECONDS]   (seconds per redis-console run; default 8)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-8}
CLIENTS=50 VALUE=64 KEYS=10000
command -v redis-benchmark >/dev/null || { echo "redis-benchmark is missing (apt-get install redis-tools)" >&2; exit 1; }
source scripts/throwaway-tls-server.sh

swift build -c release --product redis-console >/dev/null
CONSOLE="$(swift build -c release --show-bin-path)/redis-console"
TLS=(--tls --cacert "$WORK/certs/ca.crt" -h 127.0.0.1 -p "$PORT")
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), TLS on 127.0.0.1:$PORT, $(nproc) cores, $(date -u +%F), load average$(uptime | sed 's/.*load average://')"

# redis-benchmark runs SET then GET, each for a fixed count; the mix rate is total / total time.
benchmark() {  # PIPELINE -> "set_rps get_rps mix_rps set_p50 set_p99 get_p50 get_p99" (ms)
    local requests=$((200000 * $1))
    redis-benchmark "${TLS[@]}" -c "$CLIENTS" -n "$requests" -d "$VALUE" -r "$KEYS" -P "$1" -t set,get --csv 2>/dev/null |
        python3 -c '
import csv, sys
rows = {r[0]: r for r in csv.reader(sys.stdin) if r and r[0] in ("SET", "GET")}
s, g = rows["SET"], rows["GET"]
mix = 2 / (1 / float(s[1]) + 1 / float(g[1]))
print(f"{float(s[1]):.0f} {float(g[1]):.0f} {mix:.0f} {s[4]} {s[6]} {g[4]} {g[6]}")'
}
# redis-console --load: the final JSON object -> "ops/s p50 p99" (ms) and the error count.
console() {  # PIPELINE
    "$CONSOLE" "${TLS[@]}" --load --json --workers "$CLIENTS" --pool-size "$CLIENTS" --commands SET,GET \
        --value-size "$VALUE" --keys "$KEYS" --pipeline "$1" --duration "$SECONDS_PER_RUN" | tail -1 |
        python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print("%.0f %.3f %.3f %d" % (r["ops_per_sec"], r["latency"]["p50"] * 1000, r["latency"]["p99"] * 1000, r["errors"]))'
}

printf '\n| %-46s | %8s | %8s | %8s |\n' "client (50 connections, 64-byte values)" "ops/s" "p50 ms" "p99 ms"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..48})" "---------:" "---------:" "---------:"
for pipeline in 1 10; do
    read -r set_rps get_rps mix_rps set_p50 set_p99 get_p50 get_p99 <<<"$(benchmark "$pipeline")"
    read -r ops p50 p99 errors <<<"$(console "$pipeline")"
    printf '| %-46s | %8s | %8s | %8s |\n' "redis-benchmark -P $pipeline: SET" "$set_rps" "$set_p50" "$set_p99"
    printf '| %-46s | %8s | %8s | %8s |\n' "redis-benchmark -P $pipeline: GET" "$get_rps" "$get_p50" "$get_p99"
    printf '| %-46s | %8s | %8s | %8s |\n' "redis-benchmark -P $pipeline: SET+GET mix" "$mix_rps" "" ""
    printf '| %-46s | %8s | %8s | %8s |\n' "redis-console --load --pipeline $pipeline ($errors errors)" "$ops" "$p50" "$p99"
done
