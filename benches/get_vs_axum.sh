#!/usr/bin/env bash
# GET one record, req/s, the local CRM against a bare axum answering a fixed record, side by
# side in one run (wrk, 2 threads x 10 connections, keep-alive). Three figures for the local
# CRM: the same record again and again (served from the records read lately), and ids drawn
# at random from the whole portal (mostly read from SQLite); two for the yardstick: the bytes
# as they are, and the record serialised for each request.
#   benches/get_vs_axum.sh                 100k cars, 10 s per figure
#   CARS=1000000 SECS=20 benches/get_vs_axum.sh
# Needs wrk (apt install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
CARS=${CARS:-100000}
SECS=${SECS:-10}
command -v wrk > /dev/null || { echo "wrk is not installed (apt install wrk)" >&2; exit 1; }
cargo build --release --quiet
cargo build --release --quiet --example bare_axum
tmp=$(mktemp -d)
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$tmp"' EXIT
./target/release/hubtui serve --db "$tmp/g.db" --records "$CARS" --addr 127.0.0.1:0 > "$tmp/crm" 2>/dev/null &
./target/release/examples/bare_axum 127.0.0.1:0 > "$tmp/bare" &
until [ -s "$tmp/crm" ] && [ -s "$tmp/bare" ]; do sleep 0.1; done
crm=$(sed 's/^hubtui emulator listening on //' "$tmp/crm")
bare=$(sed 's/^bare axum listening on //' "$tmp/bare")
first=$(curl -s -H "Authorization: Bearer t" "$crm/crm/v3/objects/cars?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
cat > "$tmp/random.lua" <<LUA
math.randomseed(7)
request = function()
  local id = $first + math.random(0, $CARS - 1)
  return wrk.format("GET", "/crm/v3/objects/cars/" .. id .. "?properties=make,model,price", {["Authorization"] = "Bearer t"})
end
LUA
rps() { wrk -t2 -c10 -d"${SECS}s" "$@" | awk '/Requests\/sec/{printf "%.0f", $2}'; }
q="crm/v3/objects/cars/$first?properties=make,model,price"
b_static=$(rps "$bare/static/$q")
b_json=$(rps "$bare/$q")
c_same=$(rps -H "Authorization: Bearer t" "$crm/$q")
c_random=$(rps -s "$tmp/random.lua" "$crm/")
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
echo "GET one record, $CARS cars, wrk -t2 -c10 -d${SECS}s, $(date -u +%F)"
printf '  %-58s %8s req/s\n' "bare axum, fixed bytes" "$b_static" "bare axum, the record serialised per request" "$b_json"
printf '  %-58s %8s req/s  %s× / %s×\n' "local CRM, the same record" "$c_same" "$(ratio "$c_same" "$b_json")" "$(ratio "$c_same" "$b_static")"
printf '  %-58s %8s req/s  %s× / %s×\n' "local CRM, a random record of all $CARS" "$c_random" "$(ratio "$c_random" "$b_json")" "$(ratio "$c_random" "$b_static")"
echo "  (ratios: to the serialised record / to the fixed bytes)"
