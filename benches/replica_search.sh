#!/usr/bin/env bash
# Searching a replica: a portal of CARS cars (default 1,000,000) played by `hubtui serve` with
# no rate limit, copied by `hubtui sync --types cars`, then the replica file served by `hubtui
# serve --db` and measured like benches/scale.sh: p50/p99 of the issue-16 search, a query, a
# sort of every car, a list page and a GET, whole HTTP round trips. The replica is a local CRM
# file like any other, with the portal's ids, properties and exact totals, no cap.
#   benches/replica_search.sh
#   CARS=100000 benches/replica_search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CARS=${CARS:-1000000}
RUNS=${RUNS:-50}
[ -n "${HUBTUI_BIN:-}" ] || cargo build --release --quiet
bin=${HUBTUI_BIN:-./target/release/hubtui}
tmp=$(mktemp -d)
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$tmp"' EXIT
$bin serve --memory --records "$CARS" --addr 127.0.0.1:0 > "$tmp/crm" 2>/dev/null &
until [ -s "$tmp/crm" ]; do sleep 0.1; done
crm=$(sed 's/^hubtui emulator listening on //' "$tmp/crm")
export HUBTUI_CONFIG_DIR=$tmp HUBTUI_DATA_DIR=$tmp
start=$(date +%s.%N)
$bin sync --base-url "$crm" --token t --types cars --db "$tmp/r.db" -q > /dev/null
secs=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
pkill -P $$ -f "serve --memory" || true
echo "replica of $CARS cars, $(date -u +%F), $(nproc) cores: synced with no rate limit in $secs s, file $(du -m "$tmp/r.db" | cut -f1) MB"
$bin serve --db "$tmp/r.db" --addr 127.0.0.1:0 > "$tmp/out" 2>/dev/null &
pid=$!
until [ -s "$tmp/out" ]; do sleep 0.05; done
python3 benches/latency.py "$(sed 's/^hubtui emulator listening on http:\/\///' "$tmp/out")" "$RUNS"
echo "  server RSS after the searches: $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB"
