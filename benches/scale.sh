#!/usr/bin/env bash
# The local CRM's scaling curve: for each size, seed a Cars portal through `hubtui serve`
# and print the seed time, database size, server RSS, the time to load the search index,
# and p50/p99 of the issue-16 search, a free-text query, a sorted list page and a GET, all
# whole HTTP round trips on one keep-alive connection.
#   benches/scale.sh                 100k, 1M and 3M cars
#   SIZES=100000,1000000 benches/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-100000,1000000,3000000}
RUNS=${RUNS:-50}
cargo build --release --quiet
bin=./target/release/hubtui
tmp=$(mktemp -d)
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$tmp"' EXIT
IFS=, read -ra ns <<< "$SIZES"
for n in "${ns[@]}"; do
  echo "== $n cars =="
  rm -f "$tmp/out" "$tmp/seed.db"*
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$tmp/peak" "$bin" serve --db "$tmp/seed.db" --records "$n" --addr 127.0.0.1:0 > "$tmp/out" 2>/dev/null &
  until [ -s "$tmp/out" ]; do sleep 0.05; done
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  # The server itself (not the `time` that measures it) stops; `time` then writes its peak.
  pkill -f "^$bin serve --db $tmp/seed.db" ; wait 2>/dev/null || true
  printf '  seed: %.1f s (%.0f cars/s), peak RSS %s MB, database %s MB\n' "$secs" "$(echo "$n / $secs" | bc -l)" \
    "$(( $(tail -1 "$tmp/peak") / 1024 ))" "$(du -m "$tmp/seed.db" | cut -f1)"
  rm -f "$tmp/out"
  "$bin" serve --db "$tmp/seed.db" --addr 127.0.0.1:0 > "$tmp/out" 2>/dev/null &
  pid=$!
  until [ -s "$tmp/out" ]; do sleep 0.05; done
  addr=$(sed 's/^hubtui emulator listening on http:\/\///' "$tmp/out")
  python3 benches/latency.py "$addr" "$RUNS"
  echo "  server RSS after the searches: $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
