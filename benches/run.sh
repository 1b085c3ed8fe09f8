#!/usr/bin/env bash
# Runs hubtui's benchmarks and prints the figures the README quotes.
#   benches/run.sh            seeding throughput at 100k and 1M, then the criterion benches
#   SIZES=100000 benches/run.sh   only 100k
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-100000,1000000}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== seeding throughput (hubtui serve --records N, until the ready line) =="
IFS=, read -ra ns <<< "$SIZES"
for n in "${ns[@]}"; do
  rm -f "$tmp/out"
  start=$(date +%s.%N)
  ./target/release/hubtui serve --db "$tmp/seed-$n.db" --records "$n" --addr 127.0.0.1:0 > "$tmp/out" 2>/dev/null &
  pid=$!
  until [ -s "$tmp/out" ]; do sleep 0.05; done
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  secs=$(echo "$end - $start" | bc)
  size=$(du -m "$tmp/seed-$n.db" | cut -f1)
  printf '%8d cars: %6.1f s  (%.0f cars/s), database %s MB\n' "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$size"
  rm -f "$tmp/seed-$n.db"*
done
echo "== latency over HTTP (criterion) =="
HUBTUI_BENCH_SIZES=$SIZES cargo bench --bench emulator -- --noplot 2>&1 | grep -E "^emulator/|time:"
