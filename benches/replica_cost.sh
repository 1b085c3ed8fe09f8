#!/usr/bin/env bash
# What `hubtui sync` costs against a portal at HubSpot's free tier (100 calls per 10 s), played
# by `hubtui serve --rate-limits free`: the initial pull of CARS cars (calls, seconds,
# records/s) against the floor the rate limit allows for its call shape, then incremental
# syncs after N = 0, 100 and 10,000 changed cars (calls each).
#   benches/replica_cost.sh                 100,000 cars (about 4 minutes)
#   CARS=20000 benches/replica_cost.sh
#   DELAY_MS=200 benches/replica_cost.sh    every call answered 200-300 ms late, as HubSpot's are
# The call shape of the pull: the list API, 100 records a page with every property (cars fit
# one URL), so the floor is CARS/100 pages plus the fixed cost, at 10 calls a second.
set -euo pipefail
cd "$(dirname "$0")/.."
CARS=${CARS:-100000}
DELAY_MS=${DELAY_MS:-0}
[ -n "${HUBTUI_BIN:-}" ] || cargo build --release --quiet
bin=${HUBTUI_BIN:-./target/release/hubtui}
tmp=$(mktemp -d)
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$tmp"' EXIT
faults=()
if [ "$DELAY_MS" -gt 0 ]; then
  echo "{\"seed\": 1, \"rules\": [{\"path\": \"/crm/*\", \"action\": {\"type\": \"delay\", \"ms\": $DELAY_MS, \"max_ms\": $(( DELAY_MS * 3 / 2 ))}}]}" > "$tmp/faults.json"
  faults=(--faults "$tmp/faults.json")
fi
$bin serve --memory --records "$CARS" --rate-limits free "${faults[@]}" --addr 127.0.0.1:0 > "$tmp/crm" 2>/dev/null &
until [ -s "$tmp/crm" ]; do sleep 0.1; done
crm=$(sed 's/^hubtui emulator listening on //' "$tmp/crm")
export HUBTUI_CONFIG_DIR=$tmp HUBTUI_DATA_DIR=$tmp
sync() { $bin sync --base-url "$crm" --token t --types cars --db "$tmp/r.db" -q > /dev/null; }
start=$(date +%s.%N)
sync
end=$(date +%s.%N)
# Every call of the run: the replica's total (account, schemas and owners included).
total_calls() { python3 -c "import json, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(json.loads(c.execute(\"select value from meta where key = 'replica_source'\").fetchone()[0])['calls'])" "$tmp/r.db"; }
pull_calls=$(total_calls)
secs=$(python3 -c "print(f'{$end - $start:.1f}')")
pages=$(( (CARS + 99) / 100 ))
# The floor: the calls this shape needs (every page, plus the fixed cost) at 10 a second.
floor_secs=$(python3 -c "print(f'{$pull_calls / 10:.1f}')")
echo "hubtui sync at the free tier (100 calls / 10 s), $CARS cars, ${DELAY_MS} ms delay a call, $(date -u +%F), $(nproc) cores"
printf '  initial pull: %s calls (%s pages of 100 + the fixed cost), %s s, %s records/s; floor %s s: %s the floor\n' \
  "$pull_calls" "$pages" "$secs" "$(python3 -c "print(round($CARS / ($end - $start)))")" "$floor_secs" \
  "$(python3 -c "print(f'{($end - $start) / ($pull_calls / 10):.2f}x')")"
change() { # change N cars' price, 100 per batch/update
  python3 - "$crm" "$1" <<'PY'
import json, sys, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
    for _ in range(50):
        try:
            return json.load(urllib.request.urlopen(req))
        except urllib.error.HTTPError as e:
            if e.code != 429:
                raise
            import time; time.sleep(1)
ids, after = [], None
while len(ids) < n:
    page = call("GET", "/crm/v3/objects/cars?limit=100" + (f"&after={after}" if after else ""))
    ids += [r["id"] for r in page["results"]]
    after = page.get("paging", {}).get("next", {}).get("after")
    if not after:
        break
for i in range(0, min(n, len(ids)), 100):
    call("POST", "/crm/v3/objects/cars/batch/update",
         {"inputs": [{"id": x, "properties": {"price": str(1000 + i)}} for x in ids[i:i + 100]]})
PY
}
for n in 0 100 10000; do
  [ "$n" -gt 0 ] && change "$n"
  before=$(total_calls)
  s=$(date +%s.%N); sync; e=$(date +%s.%N)
  printf '  incremental after %6s changes: %4s calls, %5.1f s\n' "$n" "$(( $(total_calls) - before ))" "$(python3 -c "print($e - $s)")"
done
