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
  largest=$n
done
echo "== latency over HTTP (criterion) =="
HUBTUI_BENCH_SIZES=$SIZES cargo bench --bench emulator -- --noplot 2>&1 | grep -E "^emulator/|time:"
echo "== TUI frame render at 200x60 (criterion) =="
cargo bench --bench tui_render -- --noplot 2>&1 | grep -E "^tui/|time:"
echo "== TUI memory after scrolling through all $largest cars (real update + executor + HTTP, frame per key) =="
rm -f "$tmp/out"
./target/release/hubtui serve --db "$tmp/seed-$largest.db" --addr 127.0.0.1:0 > "$tmp/out" 2>/dev/null &
pid=$!
until [ -s "$tmp/out" ]; do sleep 0.05; done
HUBTUI_BENCH_BASE_URL=$(sed 's/^hubtui emulator listening on //' "$tmp/out") cargo bench --bench tui_scroll 2>/dev/null | grep -E "^(scrolled|tui_scroll|search)"
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "== launch to first frame with records (the real binary in tmux at 200x60, from its log) =="
if command -v tmux > /dev/null; then
  for run in "first run (creates and seeds the demo CRM)" "second run" "third run"; do
    rm -f "$tmp/launch/hubtui.log"
    tmux new-session -d -s hubtui-bench -x 200 -y 60 \
      "HUBTUI_DATA_DIR=$tmp/launch HUBTUI_CONFIG_DIR=$tmp/launch-config ./target/release/hubtui"
    until grep -q "first frame with records" "$tmp/launch/hubtui.log" 2> /dev/null; do sleep 0.02; done
    ms=$(grep "first frame with records" "$tmp/launch/hubtui.log" | sed 's/.*ms=\([0-9]*\).*/\1/')
    tmux kill-session -t hubtui-bench
    echo "$run: $ms ms"
  done
else
  echo "(tmux not installed: skipped)"
fi
echo "== bulk upsert of 10,000 cars through the client under HubSpot's free-tier limit (100/10 s) =="
# 100 calls at 100 per 10 s: the floor is about 10 s (the first calls need not wait).
csv="$tmp/cars.csv"
echo "VIN,year,make,model,price" > "$csv"
for i in $(seq -w 1 10000); do echo "BENCH$i,2024,Ford,F-150,$i"; done >> "$csv"
rm -f "$tmp/out"
./target/release/hubtui serve --memory --records 10 --rate-limits free --addr 127.0.0.1:0 > "$tmp/out" 2>/dev/null &
pid=$!
until [ -s "$tmp/out" ]; do sleep 0.05; done
base=$(sed 's/^hubtui emulator listening on //' "$tmp/out")
mkdir -p "$tmp/config"
printf '[profiles.bench]\nbase_url = "%s"\ntoken = "bench"\nrate_tier = "free"\n' "$base" > "$tmp/config/config.toml"
chmod 600 "$tmp/config/config.toml"
start=$(date +%s.%N)
HUBTUI_CONFIG_DIR="$tmp/config" ./target/release/hubtui import cars "$csv" --id-property VIN --profile bench 2>&1 | tail -1
end=$(date +%s.%N)
kill "$pid"; wait "$pid" 2>/dev/null || true
printf 'bulk upsert of 10,000 records: %.1f s (floor about 10 s)\n' "$(echo "$end - $start" | bc)"
