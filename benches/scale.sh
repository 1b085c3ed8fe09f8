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
cat > "$tmp/lat.py" <<'PY'
import http.client, json, sys, time
host, port = sys.argv[1].split(':'); runs = int(sys.argv[2])
c = http.client.HTTPConnection(host, int(port))
H = {"Authorization": "Bearer t", "Content-Type": "application/json"}
def call(method, path, body=None):
    c.request(method, path, body=json.dumps(body) if body else None, headers=H)
    r = c.getresponse(); return r.status, r.read()
def wait_index():
    # The index loads in the background at start; the first search waits for it.
    t = time.perf_counter(); call("POST", "/crm/v3/objects/cars/search", {"limit": 1})
    return (time.perf_counter() - t) * 1000
def run(name, method, path, body=None):
    ts = []
    for i in range(runs + 3):
        t = time.perf_counter(); status, data = call(method, path, body)
        if i >= 3: ts.append((time.perf_counter() - t) * 1000)
    ts.sort()
    total = json.loads(data).get("total", "") if method == "POST" else ""
    print(f"  {name:52s} p50 {ts[len(ts)//2]:7.2f} ms  p99 {ts[max(0, int(len(ts)*0.99)-1)]:7.2f} ms  {total}")
print(f"  first search (waits for the index to load)          {wait_index():7.0f} ms")
S = "/crm/v3/objects/cars/search"
F = [{"propertyName": "year", "operator": "GTE", "value": "2015"},
     {"propertyName": "price", "operator": "BETWEEN", "value": "20000", "highValue": "60000"},
     {"propertyName": "make", "operator": "NEQ", "value": "Ford"}]
P = ["make", "model", "price"]
run("search: 3 filters, sort price desc, limit 100", "POST", S,
    {"filterGroups": [{"filters": F}], "sorts": [{"propertyName": "price", "direction": "DESCENDING"}], "limit": 100, "properties": P})
run("search: query mazda, limit 100", "POST", S, {"query": "mazda", "limit": 100, "properties": P})
run("search: sort all by price, limit 100", "POST", S,
    {"sorts": [{"propertyName": "price", "direction": "ASCENDING"}], "limit": 100, "properties": P})
run("list: a page of 100 (after=…)", "GET", "/crm/v3/objects/cars?limit=100&after=10050000&properties=make,model,price")
run("GET one record", "GET", "/crm/v3/objects/cars/10000691?properties=make,model,price")
PY
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
  python3 "$tmp/lat.py" "$addr" "$RUNS"
  echo "  server RSS after the searches: $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
