#!/usr/bin/env bash
# Measures what the pool saves: pooled PING vs a new TLS connection per command (full and
# resumed handshakes), and the pool's own acquire/release cost. Starts a throwaway TLS-only
# redis-server on a free loopback port with certificates made for the run, stops it on exit.
# Usage: scripts/benchmark-pool.sh [SCALE]   (SCALE 0.1 for a quick look; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
source scripts/throwaway-tls-server.sh

swift build -c release --product PoolBenchmark >/dev/null
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), TLS on 127.0.0.1:$PORT, $(nproc) cores, $(date -u +%F)"
"$(swift build -c release --show-bin-path)/PoolBenchmark" 127.0.0.1 "$PORT" "$WORK/certs/ca.crt" "$SCALE"
